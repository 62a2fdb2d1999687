# Plugins (-plugin, include/rvx-plugin.h): the in-tree plugins and a test plugin under both
# engines, counts checked against each other and against qemu-riscv64 running a QEMU plugin,
# the registers, memory, symbols and conditional callbacks a plugin sees, and the refusals.
# Prints PASS/FAIL lines for tests/run.
set -u
T=$OUT/plugins
mkdir -p "$T"
CC=${GUEST_CC:-riscv64-linux-gnu-gcc}
PLUGINS=$(dirname "$RVX")/plugins
SRC=tests/plugin

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

guest() { # name source [flags...]: a static guest program
	local name=$1 src=$2
	shift 2
	$CC -O2 -static "$@" -o "$T/$name" "$src" 2>"$T/$name.log" || echo "FAIL plugin-build-$name: $(head -2 "$T/$name.log")"
}
host_plugin() { # name source: a plugin built the way a user builds one
	gcc -O2 -Wall -Wextra -fPIC -shared -Iinclude -o "$T/$1.so" "$2" 2>"$T/$1.log" ||
		echo "FAIL plugin-build-$1: $(head -2 "$T/$1.log")"
}
# total ENGINE PLUGIN,ARGS PROGRAM ARGS...: the "total insns" a counting plugin reports
total() {
	local engine=$1 plugin=$2
	shift 2
	timeout 120 "$RVX" --engine "$engine" -d plugin -plugin "$plugin" "$@" 2>&1 >/dev/null | sed -n 's/^total insns: //p'
}

guest loop $SRC/loop.c
guest faults $SRC/faults.c
guest loop_faults $SRC/loop_faults.c
guest probe $SRC/probe.c -pthread
guest exits $SRC/exits.c
guest instret tests/guest/instret.c
guest fp_quiet_exits tests/guest/fp_quiet_exits.c
guest exits-v $SRC/exits.c -march=rv64gcv
guest closes_fds $SRC/closes_fds.c
$CC -O2 -o "$T/loop-dynamic" $SRC/loop.c
host_plugin probe $SRC/probe_plugin.c
host_plugin bad_version $SRC/bad_version.c
host_plugin not_a_plugin $SRC/not_a_plugin.c

# insn: inline and callback counts, translator and interpreter, agree exactly, also when faults
# cut blocks short or a loop made one block is left by its side exit (instret), and in blocks
# that go on past a quiet compare's branch, left by faults and the branch (fp_quiet_exits); bb counts a
# block's instructions when it starts, as QEMU's does: the same under both engines, and the
# same number as insn where no fault cuts a block short (loop); loops made one block, whose count
# register carries the inline counters, left by faults and their side exit (loop_faults)
bb_of() { # engine program arg
	timeout 120 "$RVX" --engine $1 -d plugin -plugin "$PLUGINS/libbb.so" "$T/$2" "$3" 2>&1 >/dev/null |
		sed -n 's/^bb.s: [0-9]*, insns: //p'
}
for prog in "loop 5000" "faults 200" "loop_faults 300" "instret 1" "fp_quiet_exits 1"; do
	set -- $prog
	ref=$(total interp "$PLUGINS/libinsn.so,inline=off" "$T/$1" "$2")
	bb_ref=$(bb_of interp $1 $2)
	bb_want=$bb_ref
	[ $1 = loop ] && bb_want=$ref
	for engine in jit interp; do
		for mode in on off; do
			got=$(total $engine "$PLUGINS/libinsn.so,inline=$mode" "$T/$1" "$2")
			if [ -n "$ref" ] && [ "$got" = "$ref" ]; then
				pass "plugin-insn-$1-$engine-inline-$mode"
			else
				fail "plugin-insn-$1-$engine-inline-$mode" "counted '$got', the interpreter's callbacks '$ref'"
			fi
		done
		bb=$(bb_of $engine $1 $2)
		[ -n "$bb_ref" ] && [ "$bb" = "$bb_ref" ] && [ "$bb" = "$bb_want" ] && pass "plugin-bb-$1-$engine" ||
			fail "plugin-bb-$1-$engine" "bb counted $bb instructions, under the interpreter $bb_ref, insn $ref"
	done
done

# blocks left before their end by a slow path (frm = RMM; a short vector pass, which the
# interpreter runs where AVX-512BW is hidden): the inline counts leave out what was skipped
for prog in exits exits-v; do
	ref=$(GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512BW total interp "$PLUGINS/libinsn.so,inline=off" "$T/$prog" 200)
	got=$(GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512BW total jit "$PLUGINS/libinsn.so" "$T/$prog" 200)
	if [ -n "$ref" ] && [ "$got" = "$ref" ]; then
		pass "plugin-insn-$prog"
	else
		fail "plugin-insn-$prog" "counted '$got', the interpreter's callbacks '$ref'"
	fi
done

# threads: a vCPU per thread, its index reused after it ends; the totals are each index's
# counts added up, whatever thread had it
for engine in jit interp; do
	out=$(timeout 120 "$RVX" --engine $engine -d plugin -plugin "$PLUGINS/libinsn.so" "$T/probe" 2>&1 >/dev/null)
	per=$(echo "$out" | sed -n 's/^cpu [0-9]* insns: //p' | paste -sd+ | bc)
	all=$(echo "$out" | sed -n 's/^total insns: //p')
	n=$(echo "$out" | grep -c '^cpu ')
	if [ -n "$all" ] && [ "$per" = "$all" ] && [ "$n" -ge 2 ]; then
		pass "plugin-insn-threads-$engine"
	else
		fail "plugin-insn-threads-$engine" "$n vCPUs, their counts add up to '$per', the total is '$all'"
	fi
done

# a counter tied to instret (an addition of 1 on every instruction of the first block, to an
# element only the API reads: translated blocks add nothing to it), used every other way too on
# some blocks (all=on: on every block but the first), agrees with the same plugin built to read
# its elements raw (which keeps it untied) under both engines, and with its twin that adds 2
tied_of() { # rvx-args...: the tied_plugin's lines
	timeout 120 "$RVX" -d plugin,stats "$@" 2>&1 >/dev/null | grep -E '^(vcpu|total|rvx: plugins:.*tied)'
}
twice_holds() { # lines: each vCPU's twin counter is twice its count
	echo "$1" | awk '/^vcpu/ { n++; if ($6 != 2 * $4) bad = 1 } END { exit !(n >= 1 && !bad) }'
}
gcc -O2 -Wall -Wextra -fPIC -shared -Iinclude -o "$T/tied.so" $SRC/tied_plugin.c 2>"$T/tied.log" &&
	gcc -O2 -Wall -Wextra -fPIC -shared -Iinclude -DRAW_ELEMENTS -o "$T/tied_raw.so" $SRC/tied_plugin.c 2>>"$T/tied.log" ||
	echo "FAIL plugin-build-tied: $(head -2 "$T/tied.log")"
for prog in "loop 5000" "faults 200" "loop_faults 300" "instret 1" "fp_quiet_exits 1"; do
	set -- $prog
	for all in off on; do
		name=plugin-tied-$1-all-$all
		tied=$(tied_of -plugin "$T/tied.so,all=$all" "$T/$1" "$2")
		if ! echo "$tied" | grep -q 'tied to instret' || ! twice_holds "$tied"; then
			fail $name "not tied, or its twin does not read twice its count: $(echo $tied)"
			continue
		fi
		want=$(echo "$tied" | grep -v 'tied to instret')
		bad=
		for run in "--engine interp -plugin $T/tied.so,all=$all" "-plugin $T/tied_raw.so,all=$all" \
			"--engine interp -plugin $T/tied_raw.so,all=$all"; do
			got=$(tied_of $run "$T/$1" "$2")
			echo "$got" | grep -q 'tied to instret' && [[ $run != *tied.so* ]] && bad="$bad; tied with a raw reader"
			[ "$(echo "$got" | grep -v 'tied to instret')" = "$want" ] || bad="$bad; $run: $(echo $got)"
		done
		[ -z "$bad" ] && pass $name || fail $name "tied: $(echo $want)$bad"
	done
done
for engine in jit interp; do # threads: each vCPU's pair stays in step, indices reused or not
	for all in off on; do
		got=$(tied_of --engine $engine -plugin "$T/tied.so,all=$all" "$T/probe")
		twice_holds "$got" && [ "$(echo "$got" | grep -c '^vcpu')" -ge 2 ] && pass plugin-tied-threads-$engine-all-$all ||
			fail plugin-tied-threads-$engine-all-$all "$(echo $got)"
	done
done

# against QEMU: the instructions 2000 more iterations add are the same number for both
if [ -n "${QEMU:-}" ] && gcc -O2 -fPIC -shared -o "$T/qemu_insn.so" $SRC/qemu_insn.c 2>"$T/qemu_insn.log"; then
	q1=$(timeout 120 "$QEMU" -d plugin -plugin "$T/qemu_insn.so" "$T/loop" 1000 2>&1 >/dev/null | sed -n 's/^total insns: //p')
	q3=$(timeout 120 "$QEMU" -d plugin -plugin "$T/qemu_insn.so" "$T/loop" 3000 2>&1 >/dev/null | sed -n 's/^total insns: //p')
	for engine in jit interp; do
		r1=$(total $engine "$PLUGINS/libinsn.so" "$T/loop" 1000)
		r3=$(total $engine "$PLUGINS/libinsn.so" "$T/loop" 3000)
		if [ -n "$q1" ] && [ -n "$r1" ] && [ $((r3 - r1)) = $((q3 - q1)) ]; then
			pass "plugin-insn-vs-qemu-$engine"
		else
			fail "plugin-insn-vs-qemu-$engine" "2000 iterations: rvx $((r3 - r1)) instructions ($r1 -> $r3), qemu $((q3 - q1)) ($q1 -> $q3)"
		fi
	done
else
	fail plugin-insn-vs-qemu "no qemu-riscv64, or the QEMU plugin does not build: $(head -2 "$T/qemu_insn.log" 2>/dev/null)"
fi

# mem: every kind of access inside memops() with its size and value, the same under both
# engines; and the loads and stores that 2000 more iterations of a loop add are the numbers
# qemu-riscv64 counts with a QEMU plugin's memory callbacks
# accesses_in TRACE START SIZE: the mem plugin's lines for instructions in [START, START+SIZE)
accesses_in() {
	python3 - "$@" <<'PY'
import re, sys
lo = int(sys.argv[2], 16); hi = lo + int(sys.argv[3], 16)
for line in open(sys.argv[1]):
    m = re.match(r"vcpu 0 pc 0x([0-9a-f]+): (.*)$", line)
    if m and lo <= int(m.group(1), 16) < hi:
        print(m.group(2))
PY
}
guest memops $SRC/memops.c
guest memloop $SRC/memloop.c
range=$(riscv64-linux-gnu-nm -S "$T/memops" | awk '$4 == "memops" { print $1, $2 }')
for engine in jit interp; do
	timeout 120 "$RVX" --engine $engine -d plugin -plugin "$PLUGINS/libmem.so,trace=on" "$T/memops" 2>"$T/mem-$engine.trace" >/dev/null
	got=$(accesses_in "$T/mem-$engine.trace" $range | sed 's/ at 0x[0-9a-f]*: / /; s/ (sign-extended)$//')
	want="load 8 bytes 0x1122334455667788
store 8 bytes 0x1122334455667789
load 1 bytes 0xfb
store 1 bytes 0xf6
load 8 bytes 0x3ff8000000000000
store 8 bytes 0x4008000000000000
atomic load 4 bytes 0x28
atomic store 4 bytes 0x2a
atomic load 4 bytes 0x2a
atomic store 4 bytes 0x7"
	[ "$got" = "$want" ] && pass "plugin-mem-trace-$engine" ||
		fail "plugin-mem-trace-$engine" "memops' accesses: $(echo "$got" | tr '\n' '|')"
done
# the whole program's accesses, in order (without the values: the pid, for one, differs by run)
sed 's/: 0x[0-9a-f]*\( (sign-extended)\)\{0,1\}$//' "$T/mem-jit.trace" >"$T/mem-jit.where"
sed 's/: 0x[0-9a-f]*\( (sign-extended)\)\{0,1\}$//' "$T/mem-interp.trace" >"$T/mem-interp.where"
if [ -s "$T/mem-jit.where" ] && cmp -s "$T/mem-jit.where" "$T/mem-interp.where"; then
	pass plugin-mem-trace-engines-agree
else
	fail plugin-mem-trace-engines-agree "$(diff "$T/mem-jit.where" "$T/mem-interp.where" | head -3 | tr '\n' '|')"
fi
if [ -n "${QEMU:-}" ] && gcc -O2 -fPIC -shared -o "$T/qemu_mem.so" $SRC/qemu_mem.c 2>"$T/qemu_mem.log"; then
	qdelta() {
		local a b
		a=$(timeout 120 "$QEMU" -d plugin -plugin "$T/qemu_mem.so" "$T/memloop" 1000 2>&1 >/dev/null | tail -1)
		b=$(timeout 120 "$QEMU" -d plugin -plugin "$T/qemu_mem.so" "$T/memloop" 3000 2>&1 >/dev/null | tail -1)
		echo "$a|$b"
	}
	q=$(qdelta)
	for engine in jit interp; do
		for mode in on off; do
			a=$(timeout 120 "$RVX" --engine $engine -d plugin -plugin "$PLUGINS/libmem.so,inline=$mode" "$T/memloop" 1000 2>&1 >/dev/null | tail -1)
			b=$(timeout 120 "$RVX" --engine $engine -d plugin -plugin "$PLUGINS/libmem.so,inline=$mode" "$T/memloop" 3000 2>&1 >/dev/null | tail -1)
			ok=$(python3 -c '
import re, sys
n = lambda s: [int(x) for x in re.findall(r"\d+", s)]
(qa, qb), (ra, rb) = [[n(x) for x in p.split("|")] for p in sys.argv[1:3]]
d = lambda a, b: [y - x for x, y in zip(a, b)]
print("yes" if len(qa) == 2 and len(ra) == 2 and d(qa, qb) == d(ra, rb) else "no: qemu %s, rvx %s" % (d(qa, qb), d(ra, rb)))' "$q" "$a|$b")
			[ "$ok" = yes ] && pass "plugin-mem-vs-qemu-$engine-inline-$mode" || fail "plugin-mem-vs-qemu-$engine-inline-$mode" "$ok"
		done
	done
else
	fail plugin-mem-vs-qemu "no qemu-riscv64, or the QEMU plugin does not build: $(head -2 "$T/qemu_mem.log" 2>/dev/null)"
fi

# vector loads and stores: each element accessed is one access, at its address, in element
# order, under both engines (the addresses from the symbols of vmemops.c's arrays)
guest vmemops $SRC/vmemops.c -march=rv64gcv
vrange=$(riscv64-linux-gnu-nm -S "$T/vmemops" | awk '$4 == "vmemops" { print $1, $2 }')
vwant=$(python3 - "$T/vmemops" <<'PY'
import subprocess, sys
sym = {l.split()[2]: int(l.split()[0], 16) for l in subprocess.run(["riscv64-linux-gnu-nm", sys.argv[1]],
       capture_output=True, text=True).stdout.splitlines() if len(l.split()) == 3}
def acc(kind, size, name, off, value):
    print("%s %d bytes at 0x%x: 0x%x" % (kind, size, sym[name] + off, value))
for i in range(4): acc("load", 4, "src", 4 * i, i + 1)
for i in range(4): acc("store", 4, "dst", 4 * i, i + 1)
acc("load", 8, "wide", 0, 0x1111); acc("load", 8, "wide", 16, 0x3333)
acc("load", 1, "mask", 0, 5)
acc("load", 4, "src", 0, 1); acc("load", 4, "src", 8, 3)
acc("load", 1, "idx", 0, 3); acc("load", 1, "idx", 1, 1)
acc("load", 1, "bytes", 3, 0xa3); acc("load", 1, "bytes", 1, 0xa1)
for i, v in enumerate((0x10, 0x11, 0x20, 0x21)): acc("load", 2, "pairs", 2 * i, v)
for i in range(4): acc("load", 4, "whole", 4 * i, i + 5)
PY
)
for engine in jit interp; do
	timeout 120 "$RVX" --engine $engine -d plugin -plugin "$PLUGINS/libmem.so,trace=on" "$T/vmemops" 2>"$T/vmem-$engine.trace" >/dev/null
	got=$(accesses_in "$T/vmem-$engine.trace" $vrange)
	[ -n "$vwant" ] && [ "$got" = "$vwant" ] && pass "plugin-mem-vector-$engine" ||
		fail "plugin-mem-vector-$engine" "vmemops' accesses: $(diff <(echo "$got") <(echo "$vwant") | head -6 | tr '\n' '|')"
done

# cache: walk()'s load misses every time when the buffer is 4 times the data cache, never when
# it fits (filled just before); its TLB misses every time over 256 pages with 64 entries, never
# with 512; the same figures under both engines
guest cachewalk $SRC/cachewalk.c
walkline() { # engine plugin-args size stride: walk's load, from the data accesses table
	timeout 120 "$RVX" --engine "$1" -d plugin -plugin "$PLUGINS/libcache.so,limit=100000$2" "$T/cachewalk" "$3" "$4" \
		2>&1 >/dev/null | sed -n '/most data accesses/,/most data cache misses/p' | grep ' walk ' | head -1 |
		sed 's/.*: fetches/fetches/'
}
for engine in jit interp; do
	big=$(walkline $engine "" 65536 64)
	fits=$(walkline $engine "" 8192 64)
	pages=$(walkline $engine "" 1048576 4096)
	pages_fit=$(walkline $engine ",dtlb=512" 1048576 4096)
	if [[ $big =~ ^fetches\ ([0-9]+),\ icache\ misses\ [0-9]+,\ data\ accesses\ ([0-9]+),\ dcache\ misses\ ([0-9]+) ]] &&
		[ "${BASH_REMATCH[2]}" -ge 4000 ] && [ "${BASH_REMATCH[2]}" = "${BASH_REMATCH[3]}" ] &&
		[[ $fits =~ dcache\ misses\ 0, ]] && [[ $fits =~ data\ accesses\ ([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge 500 ] &&
		[[ $pages =~ data\ accesses\ ([0-9]+),.*dtlb\ misses\ ([0-9]+) ]] && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] &&
		[ "${BASH_REMATCH[1]}" -ge 1000 ] && [[ $pages_fit =~ dtlb\ misses\ 0$ ]]; then
		pass "plugin-cache-$engine"
	else
		fail "plugin-cache-$engine" "4x the cache: '$big'; fitting: '$fits'; 256 pages: '$pages'; 512 entries: '$pages_fit'"
	fi
	echo "$big|$fits|$pages|$pages_fit" >"$T/cache-$engine"
done
cmp -s "$T/cache-jit" "$T/cache-interp" && pass plugin-cache-engines-agree ||
	fail plugin-cache-engines-agree "jit $(cat "$T/cache-jit"), interp $(cat "$T/cache-interp")"

# execlog: memops() instruction by instruction with its accesses, the same under both engines
for engine in jit interp; do
	timeout 120 "$RVX" --engine $engine -d plugin -plugin "$PLUGINS/libexeclog.so,ifilter=memops" "$T/memops" 2>"$T/execlog-$engine" >/dev/null
done
if grep -q '"amoadd.w.aq	zero,a4,(a5)", load, 0x[0-9a-f]*, store, 0x' "$T/execlog-jit" &&
	grep -q '"sc.w	t0,a4,(a5)", store, 0x' "$T/execlog-jit" && [ "$(grep -c '^0, 0x' "$T/execlog-jit")" -ge 20 ] &&
	cmp -s "$T/execlog-jit" "$T/execlog-interp"; then
	pass plugin-execlog
else
	fail plugin-execlog "$(head -3 "$T/execlog-jit" | tr '\n' '|'); engines differ: $(diff "$T/execlog-jit" "$T/execlog-interp" | head -2 | tr '\n' '|')"
fi

# timing: its counts are the program's instructions by class plus its misses; costs fitted by
# plugins/timing-fit.py to times proportional to a loop's work predict a longer run of it
for engine in jit interp; do
	timeout 120 "$RVX" --engine $engine -d plugin -plugin "$PLUGINS/libtiming.so,features=$T/timing-$engine.f" "$T/memloop" 4000 \
		2>"$T/timing-$engine.out" >/dev/null
	events=$(grep -c . "$T/timing-$engine.f" 2>/dev/null)
	classes=$(head -17 "$T/timing-$engine.f" | cut -f2 | paste -sd+ | bc)
	ref=$(total $engine "$PLUGINS/libinsn.so" "$T/memloop" 4000)
	if [ "$events" = 21 ] && [ "$classes" = "$ref" ] && grep -q '^timing: estimate [0-9.]* s' "$T/timing-$engine.out"; then
		pass "plugin-timing-$engine"
	else
		fail "plugin-timing-$engine" "$events events, classes add up to '$classes', insn counts '$ref'"
	fi
done
fitargs=()
for n in 20000 40000 80000 120000 160000 200000 240000 280000; do
	timeout 120 "$RVX" -plugin "$PLUGINS/libtiming.so,features=$T/fit-$n.f" "$T/memloop" $n >/dev/null 2>&1
	fitargs+=("$T/fit-$n.f" "$(echo "0.0005 + $n * 0.00000004" | bc -l)") # 0.5 ms to start, 40 ns an iteration
done
python3 plugins/timing-fit.py "$T/fit.weights" "${fitargs[@]}" >"$T/fit.out" 2>&1
est=$(timeout 120 "$RVX" -d plugin -plugin "$PLUGINS/libtiming.so,weights=$T/fit.weights" "$T/memloop" 1000000 2>&1 >/dev/null |
	sed -n 's/^timing: estimate \([0-9.]*\) s.*/\1/p')
if [ -n "$est" ] && python3 -c "import sys; e = float(sys.argv[1]); sys.exit(abs(e - 0.0405) > 0.0405 * 0.05)" "$est"; then
	pass plugin-timing-fit
else
	fail plugin-timing-fit "fitted costs estimate '$est' s for a run of 40.5 ms: $(tail -2 "$T/fit.out" | tr '\n' '|')"
fi

# hotblocks: the hottest block is the loop in main, named from the ELF symbols of a static and a
# dynamic program (whose libc blocks are named too)
for prog in loop loop-dynamic; do
	for engine in jit interp; do
		out=$(timeout 120 "$RVX" --engine $engine -d plugin -plugin "$PLUGINS/libhotblocks.so,limit=3" "$T/$prog" 100000 2>&1 >/dev/null)
		first=$(echo "$out" | grep '^0x' | head -1)
		case $first in
		*", main, "*", 99999") pass "plugin-hotblocks-$prog-$engine" ;;
		*) fail "plugin-hotblocks-$prog-$engine" "hottest block: '$first'" ;;
		esac
	done
done
out=$(timeout 120 "$RVX" -d plugin -plugin "$PLUGINS/libhotblocks.so,limit=100000" "$T/loop-dynamic" 10 2>&1 >/dev/null)
if echo "$out" | grep -q ', __libc_start_main, ' && echo "$out" | grep -q ', _IO_file_xsputn, '; then
	pass plugin-hotblocks-libc-symbols
else
	fail plugin-hotblocks-libc-symbols "no libc function named among the blocks: $(echo "$out" | head -5 | tr '\n' '|')"
fi

# howvec: the classes add up to the instruction count
for engine in jit interp; do
	out=$(timeout 120 "$RVX" --engine $engine -d plugin -plugin "$PLUGINS/libhowvec.so" "$T/loop" 5000 2>&1 >/dev/null)
	sum=$(echo "$out" | sed -n 's/^class .*(of \([0-9]*\))$/\1/p')
	ref=$(total $engine "$PLUGINS/libinsn.so" "$T/loop" 5000)
	if [ -n "$sum" ] && [ "$sum" = "$ref" ] && echo "$out" | grep -q '^branch  *[1-9]'; then
		pass "plugin-howvec-$engine"
	else
		fail "plugin-howvec-$engine" "classes sum to '$sum', insn counts '$ref'"
	fi
done

# syscall: a filter answers getpid itself; the trace shows write and what it returned
for engine in jit interp; do
	out=$(timeout 120 "$RVX" --engine $engine -d plugin -plugin "$PLUGINS/libsyscall.so,filter=172:4242,print=on" "$T/probe" 2>"$T/syscall.err")
	if echo "$out" | grep -qx 'getpid() = 4242' && grep -q '^vcpu 0: syscall 64 = 27$' "$T/syscall.err" &&
		grep -q '^64  *2  *0$' "$T/syscall.err"; then
		pass "plugin-syscall-$engine"
	else
		fail "plugin-syscall-$engine" "$(echo "$out" | tail -1); $(grep -c syscall "$T/syscall.err") trace lines"
	fi
done

# the test plugin: vCPUs of 4 threads, a write's buffer read through a1/x12, probe_target's
# result rewritten through a0, a checked base register rewritten past the guest space (the next
# load through it faults there), a condition that fires, a signal's entry and return
for engine in jit interp; do
	out=$(timeout 120 "$RVX" --engine $engine -d plugin -plugin "$T/probe.so" "$T/probe" 2>&1)
	if echo "$out" | grep -qx 'probe_target(41) = 1234' &&
		echo "$out" | grep -qx 'probe_load: 200 of 200 faulted at 1 << 46 plus 8, the rest summed 0' &&
		echo "$out" | grep -qx 'probe_walk: 200 of 200 faulted at 1 << 46, the rest summed 0' &&
		echo "$out" | grep -qx 'probe: 5 vcpu inits, 5 vcpu exits, condition fired [1-9][0-9]* times' &&
		echo "$out" | grep -qx 'probe: write saw: probe: hello through write' &&
		echo "$out" | grep -qx 'probe: 401 signals, to on_usr1, 1 returns' && echo "$out" | grep -qx 'handled 10'; then
		pass "plugin-api-$engine"
	else
		fail "plugin-api-$engine" "$(echo "$out" | tr '\n' '|')"
	fi
done

# output only with -d plugin, as QEMU's
out=$(timeout 60 "$RVX" -plugin "$PLUGINS/libinsn.so" "$T/loop" 10 2>&1)
[ "$out" = "$(timeout 60 "$RVX" "$T/loop" 10 2>&1)" ] && pass plugin-quiet-without-d ||
	fail plugin-quiet-without-d "printed: $out"

# without plugins the dynamically linked rvx translates exactly as rvx does
a=$(timeout 60 "$RVX" -d in_asm "$T/loop" 100 2>&1 >/dev/null | grep -o 'instructions -> [0-9]* bytes' | md5sum)
b=$(timeout 60 "$(dirname "$RVX")/rvx-dyn" -d in_asm "$T/loop" 100 2>&1 >/dev/null | grep -o 'instructions -> [0-9]* bytes' | md5sum)
[ "$a" = "$b" ] && pass plugin-none-same-code || fail plugin-none-same-code "rvx-dyn translates differently"

# refusals: one line from rvx (a plugin may say why first), status 73 (64 for a bad combination)
refuse() { # name expected-status pattern args...
	local name=$1 want=$2 pattern=$3
	shift 3
	timeout 60 "$RVX" "$@" >"$T/$name.out" 2>"$T/$name.err"
	local st=$?
	if [ $st = "$want" ] && grep -q "$pattern" "$T/$name.err" && [ "$(grep -c '^rvx: ' "$T/$name.err")" = 1 ]; then
		pass "$name"
	else
		fail "$name" "status $st (want $want): $(head -2 "$T/$name.err" | tr '\n' '|')"
	fi
}
refuse plugin-refuse-version 73 "built for plugin API version 42; this rvx supports versions 1 to 1" -plugin "$T/bad_version.so" "$T/loop"
refuse plugin-refuse-not-plugin 73 "is not an rvx plugin" -plugin "$T/not_a_plugin.so" "$T/loop"
refuse plugin-refuse-missing 73 "cannot load plugin $T/none.so" -plugin "$T/none.so" "$T/loop"
refuse plugin-refuse-install 73 "refused to install" -plugin "$PLUGINS/libinsn.so,colour=blue" "$T/loop"
# a guest that closes stderr and every descriptor from 3 on (gnulib's close_stdout, daemons): the
# insn plugin's report still reaches rvx's log, on stderr and with -D, and the guest sees its
# descriptors as under qemu-riscv64; then (with "exec", which qemu-riscv64 cannot run), run
# again by exec under a limit of 16 descriptors, it finds none open that it did not have
timeout 120 qemu-riscv64 "$T/closes_fds" >"$T/closes_fds.ref" 2>/dev/null
rm -f "$T/closes_fds.log"
out=$(timeout 120 "$RVX" -d plugin -plugin "$PLUGINS/libinsn.so" "$T/closes_fds" 2>"$T/closes_fds.err")
timeout 120 "$RVX" -d plugin -D "$T/closes_fds.log" -plugin "$PLUGINS/libinsn.so" "$T/closes_fds" >/dev/null 2>&1
after=$(timeout 120 "$RVX" -d plugin -plugin "$PLUGINS/libinsn.so" "$T/closes_fds" exec 2>/dev/null | tail -n +2)
if [ "$out" != "$(cat "$T/closes_fds.ref")" ] || [ ! -s "$T/closes_fds.ref" ]; then
	fail plugin-guest-closes-fds "the guest's descriptors: '$out', qemu-riscv64: '$(cat "$T/closes_fds.ref")'"
elif [ "$after" != "descriptors after exec with a limit of 16: the parent's" ]; then
	fail plugin-guest-closes-fds "after exec: $(echo "$after" | tr '\n' '|')"
elif ! grep -q "^total insns: [1-9]" "$T/closes_fds.err"; then
	fail plugin-guest-closes-fds "no report on stderr after the guest closed it: '$(head -c 200 "$T/closes_fds.err")'"
elif ! grep -q "^total insns: [1-9]" "$T/closes_fds.log"; then
	fail plugin-guest-closes-fds "no report in the -D log after the guest closed its descriptors"
else
	pass plugin-guest-closes-fds
fi
# plugins in cluster mode run on every rank (cluster.sh); outside an MPI job that is refused as always
refuse plugin-cluster-outside-mpi 72 "runs as the ranks of an MPI job" -plugin "$PLUGINS/libinsn.so" --cluster "$T/loop"

# The static rvx maps plugins itself (so_map.c) when they need only the API and the C library,
# without starting rvx-dyn: alone in a directory, it counts as rvx-dyn, which dlopens them, does
# (also with the older DT_HASH symbol table); a plugin with thread-local variables, or one that
# needs another library, goes to rvx-dyn, and without rvx-dyn that is refused in one line
mkdir -p "$T/solo"
cp "$RVX" "$T/solo/rvx"
for p in insn mem; do # as a user builds them (the sanitizer build's need libasan: rvx-dyn's)
	gcc -O2 -fPIC -shared -Iinclude -o "$T/$p.so" plugins/$p.c
done
gcc -O2 -fPIC -shared -Iinclude -Wl,--hash-style=sysv -o "$T/insn-sysv.so" plugins/insn.c
host_plugin tls $SRC/tls_plugin.c
echo 'int helper_scale(int x) { return 3 * x; }' >"$T/helper.c"
gcc -O2 -fPIC -shared -o "$T/libhelper.so" "$T/helper.c"
sed 's/rvx_plugin_outs(id, line);/rvx_plugin_outs(id, helper_scale(1) == 3 ? line : "");/;s/^#include "rvx-plugin.h"/&\nint helper_scale(int);/' \
	$SRC/tls_plugin.c | sed 's/static __thread/static/' >"$T/needs_lib.c"
gcc -O2 -fPIC -shared -Iinclude -o "$T/needs_lib.so" "$T/needs_lib.c" -L"$T" -lhelper -Wl,-rpath,"$T"
counted() { # rvx plugin,args: what it reports for the loop, the environment's _ left out
	timeout 120 "$1" -U _ -d plugin -plugin "$2" "$T/loop" 3000 2>&1 >/dev/null | tail -1
}
dyn="$(dirname "$RVX")/rvx-dyn"
for p in "$T/insn.so" "$T/insn.so,inline=off" "$T/mem.so" "$T/insn-sysv.so"; do
	name=plugin-mapped-$(basename "${p%%.so*}")$(echo "${p#*.so}" | tr -c 'a-z\n' -)
	a=$(counted "$T/solo/rvx" "$p")
	b=$(counted "$dyn" "$p")
	[ -n "$a" ] && [ "$a" = "$b" ] && pass "$name" || fail "$name" "mapped: '$a', by rvx-dyn: '$b'"
done
for p in tls needs_lib; do
	out=$(counted "$RVX" "$T/$p.so")
	case "$out" in
	"instructions translated on this thread: "[1-9]*) pass "plugin-$p-by-rvx-dyn" ;;
	*) fail "plugin-$p-by-rvx-dyn" "reported '$out'" ;;
	esac
done
RVX="$T/solo/rvx" refuse plugin-solo-refuse-tls 73 "needs thread-local variables.*needs $T/solo/rvx-dyn" \
	-plugin "$T/tls.so" "$T/loop"
RVX="$T/solo/rvx" refuse plugin-solo-refuse-library 73 "needs libhelper.so.*needs $T/solo/rvx-dyn" \
	-plugin "$T/needs_lib.so" "$T/loop"
