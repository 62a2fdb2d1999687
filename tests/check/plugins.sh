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
guest probe $SRC/probe.c -pthread
$CC -O2 -o "$T/loop-dynamic" $SRC/loop.c
host_plugin probe $SRC/probe_plugin.c
host_plugin bad_version $SRC/bad_version.c
host_plugin not_a_plugin $SRC/not_a_plugin.c

# insn: inline and callback counts, translator and interpreter, agree exactly, also when faults
# cut blocks short; bb's instruction count is the same number where no fault does (bb counts a
# block's instructions when it starts, as QEMU's does)
for prog in "loop 5000" "faults 200"; do
	set -- $prog
	ref=$(total interp "$PLUGINS/libinsn.so,inline=off" "$T/$1" "$2")
	for engine in jit interp; do
		for mode in on off; do
			got=$(total $engine "$PLUGINS/libinsn.so,inline=$mode" "$T/$1" "$2")
			if [ -n "$ref" ] && [ "$got" = "$ref" ]; then
				pass "plugin-insn-$1-$engine-inline-$mode"
			else
				fail "plugin-insn-$1-$engine-inline-$mode" "counted '$got', the interpreter's callbacks '$ref'"
			fi
		done
		[ $1 = faults ] && continue
		bb=$(timeout 120 "$RVX" --engine $engine -d plugin -plugin "$PLUGINS/libbb.so" "$T/$1" "$2" 2>&1 >/dev/null |
			sed -n 's/^bb.s: [0-9]*, insns: //p')
		[ -n "$ref" ] && [ "$bb" = "$ref" ] && pass "plugin-bb-$1-$engine" ||
			fail "plugin-bb-$1-$engine" "bb counted $bb instructions, insn $ref"
	done
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
# result rewritten through a0, a condition that fires
for engine in jit interp; do
	out=$(timeout 120 "$RVX" --engine $engine -d plugin -plugin "$T/probe.so" "$T/probe" 2>&1)
	if echo "$out" | grep -qx 'probe_target(41) = 1234' &&
		echo "$out" | grep -qx 'probe: 5 vcpu inits, 5 vcpu exits, condition fired [1-9][0-9]* times' &&
		echo "$out" | grep -qx 'probe: write saw: probe: hello through write'; then
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
refuse plugin-refuse-cluster 64 "cannot be used together" -plugin "$PLUGINS/libinsn.so" --cluster "$T/loop"
