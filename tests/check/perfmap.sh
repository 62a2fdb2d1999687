# -perfmap and -jitdump: /tmp/perf-PID.map and /tmp/jit-PID.dump name each translated block by
# the guest symbol it starts in; every name is checked against nm (the symbol exists in the
# program, libc or the dynamic loader, and the offset lies inside it), for a static and a
# dynamic program; the jitdump's records are read as perf reads them; and where perf record is
# allowed, perf record -k 1 + perf inject --jit + perf report name the guest's main.
# Prints PASS/FAIL lines.
set -u
T=$OUT/perfmap
mkdir -p "$T"
CC=${GUEST_CC:-riscv64-linux-gnu-gcc}
SYSROOT=${SYSROOT:-/usr/riscv64-linux-gnu}
NM=riscv64-linux-gnu-nm

$CC -O2 -static -o "$T/loop" tests/plugin/loop.c 2>"$T/build.log" &&
	$CC -O2 -static -pthread -o "$T/probe-static" tests/plugin/probe.c 2>>"$T/build.log" &&
	$CC -O2 -pthread -o "$T/probe-dynamic" tests/plugin/probe.c 2>>"$T/build.log" ||
	echo "FAIL perfmap-build: $(head -2 "$T/build.log")"

# every name against nm: the symbol exists (program, libc or the dynamic loader) and the offset
# lies inside it
check_names() { # map|dump file nm-output...
	python3 - "$@" <<'PY'
import re, struct, sys
size = {}
for f in sys.argv[2:]:
    for line in open(f):
        p = line.split()
        if len(p) == 4:  # value size type name[@version]
            size.setdefault(p[3].split("@")[0], int(p[1], 16))
        elif len(p) == 3:  # no size given
            size.setdefault(p[2].split("@")[0], 0)
def names(path):
    """(code address, size, name) of every block, from a perf map or a jitdump"""
    data = open(path, "rb").read()
    if not data.startswith(struct.pack("<I", 0x4A695444)):
        for line in data.decode().splitlines():
            m = re.fullmatch(r"([0-9a-f]+) ([0-9a-f]+) (.*)", line)
            if not m:
                sys.exit("malformed: " + line)
            yield int(m.group(1), 16), int(m.group(2), 16), m.group(3)
        return
    magic, version, hsize, mach, _, pid, _, _ = struct.unpack_from("<6I2Q", data)
    if version != 1 or hsize != 40 or mach != 62:
        sys.exit("jitdump header: version %d, size %d, machine %d" % (version, hsize, mach))
    at = hsize
    while at < len(data):
        rid, total, _, rpid, tid, vma, addr, csize, index = struct.unpack_from("<2IQ2I4Q", data, at)
        if rid != 0 or rpid != pid or vma != addr or total > len(data) - at:
            sys.exit("jitdump record at %d: id %d, pid %d/%d, size %d" % (at, rid, rpid, pid, total))
        end = data.index(b"\0", at + 56)
        if end + 1 + csize != at + total:
            sys.exit("jitdump record at %d: name and code do not fill it" % at)
        yield vma, csize, data[at + 56:end].decode()
        at += total
named = unnamed = mains = 0
for _, _, name in names(sys.argv[1]):
    if name.startswith("guest:0x"):
        unnamed += 1
        continue
    sym, _, off = name.rpartition("+0x")
    if sym not in size:
        sys.exit("unknown symbol: " + name)
    if size[sym] and int(off, 16) >= size[sym]:
        sys.exit("offset past the symbol (size %d): %s" % (size[sym], name))
    named += 1
    mains += sym == "main"
if named < 50 or not mains:
    sys.exit("%d named blocks, %d in main, %d unnamed" % (named, mains, unnamed))
PY
}

$NM -S --defined-only "$T/probe-static" >"$T/nm-static" 2>/dev/null
$NM -S --defined-only "$T/probe-dynamic" >"$T/nm-dynamic" 2>/dev/null
$NM -S -D --defined-only "$SYSROOT/lib/libc.so.6" "$SYSROOT/lib/ld-linux-riscv64-lp64d.so.1" >"$T/nm-libc" 2>/dev/null

for link in static dynamic; do
	out=$(timeout 60 "$RVX" -L "$SYSROOT" -perfmap -jitdump --translate-after 1 "$T/probe-$link")
	pid=$(echo "$out" | sed -n 's/^getpid() = //p')
	for kind in map dump; do
		file=/tmp/perf-$pid.map
		[ $kind = dump ] && file=/tmp/jit-$pid.dump
		if [ -z "$pid" ] || [ ! -s "$file" ]; then
			echo "FAIL perfmap-$kind-$link: no $file"
		elif why=$(check_names "$file" "$T/nm-$link" "$T/nm-libc" 2>&1); then
			echo "PASS perfmap-$kind-$link"
		else
			echo "FAIL perfmap-$kind-$link: $why"
		fi
		rm -f "$file"
	done
done

# perf itself, where this machine lets perf record run
if command -v perf >/dev/null && perf record -q -o "$T/probe.data" true >/dev/null 2>&1; then
	perf record -q -k 1 -o "$T/perf.data" "$RVX" -jitdump "$T/loop" 30000000 >/dev/null 2>&1
	pid=$(perf script -i "$T/perf.data" -F pid 2>/dev/null | head -1 | tr -d ' ')
	perf inject --jit -i "$T/perf.data" -o "$T/perf.jit.data" >/dev/null 2>&1
	top=$(perf report -i "$T/perf.jit.data" --sort dso,sym 2>/dev/null | grep '%' | grep -v '^#' | head -1)
	rm -f /tmp/jit-"$pid".dump /tmp/jitted-"$pid"-*.so
	case $top in
	*jitted-*" main+0x"*) echo "PASS perfmap-perf-inject" ;;
	*) echo "FAIL perfmap-perf-inject: perf report's first line: $top" ;;
	esac
else
	echo "note: perf record is not allowed here (perf_event_paranoid or no perf): perf inject not tried"
fi
