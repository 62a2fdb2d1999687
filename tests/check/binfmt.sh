# rvx --binfmt: the binfmt_misc entry's magic and mask select RISC-V 64 executables (static and
# PIE) and nothing else; as root, registered, RISC-V programs run directly, also inside a
# chroot that has no rvx (the F flag), and the entry goes away again. Prints PASS/FAIL lines.
set -u
T=$OUT/binfmt
mkdir -p "$T"
CC=${GUEST_CC:-riscv64-linux-gnu-gcc}
$CC -O2 -static -o "$T/loop" tests/plugin/loop.c && $CC -O2 -o "$T/loop-pie" tests/plugin/loop.c ||
	echo "FAIL binfmt-build: no RISC-V compiler"

entry=$("$RVX" --binfmt)
st=$?
# the entry, and which files its magic and mask select, read as the kernel reads them
if why=$(python3 - "$entry" "$(realpath "$RVX")" "$T/loop" "$T/loop-pie" /bin/true <<'PY'
import codecs, sys
entry, rvx, files = sys.argv[1], sys.argv[2], sys.argv[3:]
f = entry.split(":")
if len(f) != 8 or f[1] != "rvx-riscv64" or f[2] != "M" or f[6] != rvx or f[7] != "F":
    sys.exit("entry: " + entry)
magic, mask = (codecs.decode(x, "unicode_escape").encode("latin-1") for x in f[4:6])
if len(magic) != len(mask):
    sys.exit("magic and mask differ in length")
def selected(path):
    head = open(path, "rb").read(len(magic))
    return all((h & m) == (g & m) for h, m, g in zip(head, mask, magic))
want = [True, True, False]  # static, PIE, an x86-64 program
got = [selected(p) for p in files]
if got != want:
    sys.exit("selects %s, want %s" % (got, want))
PY
); then
	[ $st = 0 ] && echo "PASS binfmt-entry" || echo "FAIL binfmt-entry: status $st"
else
	echo "FAIL binfmt-entry: $why"
fi

"$RVX" --binfmt=sideways >/dev/null 2>"$T/bad.err"
st=$?
[ $st = 64 ] && grep -q "wants print, register or remove" "$T/bad.err" && echo "PASS binfmt-bad-word" ||
	echo "FAIL binfmt-bad-word: status $st: $(cat "$T/bad.err")"

if [ "$(id -u)" != 0 ]; then
	echo "note: not root: registering with binfmt_misc not tried"
	exit 0
fi
trap '"$RVX" --binfmt=remove >/dev/null 2>&1' EXIT
if ! "$RVX" --binfmt=register >"$T/register.out" 2>&1; then
	echo "note: binfmt_misc is not available here ($(head -1 "$T/register.out")): registering not tried"
	exit 0
fi
want=$("$RVX" "$T/loop" 1000)
mkdir -p "$T/root"
cp "$T/loop" "$T/root/loop"
direct=$("$T/loop" 1000 2>&1)
pie=$("$T/loop-pie" 1000 2>&1)
jailed=$(chroot "$T/root" /loop 1000 2>&1)
flags=$(sed -n 's/^flags: //p' /proc/sys/fs/binfmt_misc/rvx-riscv64)
if [ "$direct" = "$want" ] && [ "$pie" = "$want" ] && [ "$jailed" = "$want" ] && [ "$flags" = F ]; then
	echo "PASS binfmt-register"
else
	echo "FAIL binfmt-register: direct '$direct', PIE '$pie', in a chroot '$jailed', want '$want'; flags '$flags'"
fi
"$RVX" --binfmt=remove
if [ ! -e /proc/sys/fs/binfmt_misc/rvx-riscv64 ] && ! "$T/loop" 1 >/dev/null 2>&1; then
	echo "PASS binfmt-remove"
else
	echo "FAIL binfmt-remove: the entry is still there"
fi
