# The rvx command line: options, and one clear line with a distinct exit status for each kind
# of bad input. Prints PASS/FAIL lines for tests/run.
set -u
T=$OUT/cli
mkdir -p "$T"
printf '#include <stdio.h>\nint main(int c, char **v) { printf("argv0=%%s argc=%%d X=%%s\\n", v[0], c, getenv("X") ? getenv("X") : "-"); return 0; }\n' >"$T/args.c"
sed -i '1i #include <stdlib.h>' "$T/args.c"
$GUEST_CC -O2 -o "$T/args" "$T/args.c" || { echo "FAIL cli-build: cannot build the test program"; exit 0; }

# expect NAME STATUS PATTERN -- command...: exit status and a one-line stderr matching PATTERN
expect() {
	local name=$1 want=$2 pat=$3
	shift 4
	"$@" >"$T/$name.out" 2>"$T/$name.err" </dev/null
	local st=$?
	local lines
	lines=$(wc -l <"$T/$name.err")
	if [ "$st" != "$want" ]; then
		echo "FAIL cli-$name: exit status $st, expected $want ($(head -c 200 "$T/$name.err"))"
	elif [ -n "$pat" ] && { [ "$lines" != 1 ] || ! grep -qE "$pat" "$T/$name.err"; }; then
		echo "FAIL cli-$name: wanted one line matching '$pat', got: $(head -c 300 "$T/$name.err")"
	else
		echo "PASS cli-$name"
	fi
}

expect help 0 "" -- "$RVX" --help
grep -q "usage: rvx" "$T/help.out" || echo "FAIL cli-help-text: no usage line"
expect version 0 "" -- "$RVX" --version
grep -q "rv64imafdc" "$T/version.out" || echo "FAIL cli-version-text: no ISA in version"
expect cpu-help 0 "" -- "$RVX" -cpu help
expect bad-option 64 "unknown option '--frobnicate'" -- "$RVX" --frobnicate "$T/args"
expect missing-value 64 "needs a value" -- "$RVX" -L
expect bad-debug 64 "unknown -d item" -- "$RVX" -d nonsense "$T/args"
expect no-program 64 "" -- "$RVX"
expect bad-translate-after 64 "wants a number from 1 to 255, not '0'" -- "$RVX" --translate-after 0 "$T/args"
expect missing-file 66 "cannot open '$T/nope': No such file" -- "$RVX" "$T/nope"
expect directory 66 "is a directory" -- "$RVX" "$T"
printf 'just some text\n' >"$T/text"
expect not-elf 67 "is not an ELF executable" -- "$RVX" "$T/text"
printf '#!/bin/sh\necho hi\n' >"$T/script"
chmod +x "$T/script"
expect script 67 "is a script whose interpreter is not a RISC-V program" -- "$RVX" "$T/script"
printf '#!/no/such/interpreter\n' >"$T/script-nointerp"
chmod +x "$T/script-nointerp"
expect script-no-interp 71 "is a script whose interpreter was not found" -- "$RVX" "$T/script-nointerp"
# a #! script whose interpreter is a RISC-V program runs as the kernel runs it, nested too:
# [interpreter, its argument, script, arguments]
printf '#!%s opt\n' "$T/args" >"$T/script-rv"
printf '#!%s\n' "$T/script-rv" >"$T/script-rv2"
chmod +x "$T/script-rv" "$T/script-rv2"
"$RVX" "$T/script-rv" a >"$T/script-rv.out" 2>&1
"$RVX" "$T/script-rv2" a b >"$T/script-rv2.out" 2>&1
grep -qx "argv0=$T/args argc=4 X=-" "$T/script-rv.out" && grep -qx "argv0=$T/args argc=6 X=-" "$T/script-rv2.out" &&
	echo "PASS cli-script-riscv" || echo "FAIL cli-script-riscv: $(cat "$T/script-rv.out" "$T/script-rv2.out" | head -c 300)"
expect x86-64 68 "ELF executable for x86-64, not RISC-V 64" -- "$RVX" /bin/true
# a RISC-V ELF with the 32-bit class byte
cp "$T/args" "$T/rv32"
printf '\001' | dd of="$T/rv32" bs=1 seek=4 conv=notrunc status=none
expect rv32 69 "32-bit RISC-V" -- "$RVX" "$T/rv32"
head -c 40 "$T/args" >"$T/trunc-header"
expect truncated-header 65 "truncated" -- "$RVX" "$T/trunc-header"
head -c 3000 "$T/args" >"$T/trunc-body"
expect truncated-body 65 "corrupt or truncated ELF" -- "$RVX" "$T/trunc-body"
cp "$T/args" "$T/bad-phnum"
printf '\377\377' | dd of="$T/bad-phnum" bs=1 seek=56 conv=notrunc status=none
expect bad-phnum 65 "corrupt ELF" -- "$RVX" "$T/bad-phnum"
mkdir -p "$T/empty-sysroot"
expect no-interp 71 "program interpreter /lib/ld-linux-riscv64-lp64d.so.1, not found.*-L" -- "$RVX" -L "$T/empty-sysroot" "$T/args"
expect no-sysroot 64 "sysroot '/no/such/dir' does not exist" -- "$RVX" -L /no/such/dir "$T/args"

# options that change the guest's view
"$RVX" -0 fancy-name -E X=from-E "$T/args" >"$T/opts.out" 2>&1
grep -qx "argv0=fancy-name argc=1 X=from-E" "$T/opts.out" && echo "PASS cli-argv0-env" ||
	echo "FAIL cli-argv0-env: $(cat "$T/opts.out")"
X=set "$RVX" -U X "$T/args" >"$T/unset.out" 2>&1
grep -q "X=-" "$T/unset.out" && echo "PASS cli-unsetenv" || echo "FAIL cli-unsetenv: $(cat "$T/unset.out")"
QEMU_LD_PREFIX=$SYSROOT "$RVX" "$T/args" >/dev/null 2>&1 && echo "PASS cli-qemu-ld-prefix" || echo "FAIL cli-qemu-ld-prefix: QEMU_LD_PREFIX not honoured"

# --strace and -d in_asm
"$RVX" --strace "$T/args" >"$T/strace.out" 2>"$T/strace.err"
if grep -qE '^[0-9]+ write\(1,0x[0-9a-f]+,[0-9]+\) = [0-9]+$' "$T/strace.err" && grep -qE 'openat\(AT_FDCWD,"[^"]*libc.so.6",' "$T/strace.err" &&
	grep -q "exit_group(0)" "$T/strace.err"; then
	echo "PASS cli-strace"
else
	echo "FAIL cli-strace: $(head -c 300 "$T/strace.err")"
fi
"$RVX" -d in_asm -D "$T/in_asm.log" "$T/args" >/dev/null 2>&1
grep -qE '^0x[0-9a-f]{16}:  [0-9a-f]{4,8}  (addi|auipc|jal)' "$T/in_asm.log" && echo "PASS cli-in-asm" ||
	echo "FAIL cli-in-asm: $(head -c 300 "$T/in_asm.log")"
"$RVX" -d stats "$T/args" >/dev/null 2>"$T/stats.err"
grep -qE '^rvx: stats: engine (jit|interp), [1-9][0-9]+ instructions, [1-9][0-9]* decoded .* [1-9][0-9]* syscalls' "$T/stats.err" &&
	echo "PASS cli-stats" || echo "FAIL cli-stats: $(head -c 300 "$T/stats.err")"
"$RVX" --engine jit --translate-after 1 -d in_asm -D "$T/jit_asm.log" "$T/args" >/dev/null 2>&1
grep -qE '^rvx: block 0x[0-9a-f]+: [0-9]+ instructions -> [0-9]+ bytes of x86-64' "$T/jit_asm.log" &&
	grep -qE '^rvx:   0x[0-9a-f]+ .*: helper call \(' "$T/jit_asm.log" && echo "PASS cli-jit-in-asm" ||
	echo "FAIL cli-jit-in-asm: $(grep -m3 rvx: "$T/jit_asm.log")"

# Tiers: by default a block's first runs are interpreted and code that runs once is never
# translated; --translate-after 1 translates every block at its first run.
"$RVX" --engine jit -d stats "$T/args" >/dev/null 2>"$T/tier5.err"
"$RVX" --engine jit --translate-after 1 -d stats "$T/args" >/dev/null 2>"$T/tier1.err"
blocks() { sed -n 's/^rvx: stats: jit \([0-9]*\) blocks translated.*/\1/p' "$1"; }
cold() { sed -n 's/.* \([0-9]*\) blocks run by the interpreter before translation$/\1/p' "$1"; }
if [ "$(cold "$T/tier1.err")" = 0 ] && [ "$(cold "$T/tier5.err")" -gt 0 ] 2>/dev/null &&
	[ "$(blocks "$T/tier5.err")" -lt "$(blocks "$T/tier1.err")" ] 2>/dev/null; then
	echo "PASS cli-translate-after"
else
	echo "FAIL cli-translate-after: $(grep -h 'stats: jit' "$T/tier5.err" "$T/tier1.err" | cut -c1-400)"
fi

# -d out_asm: each translated block's guest instructions and its x86-64 code, disassembled
"$RVX" --translate-after 1 -d out_asm -D "$T/out_asm.log" "$T/args" >/dev/null 2>&1
if grep -qE '^IN: block 0x[0-9a-f]+, [0-9]+ instructions$' "$T/out_asm.log" &&
	grep -qE '^  0x[0-9a-f]{16}:  [0-9a-f]{4,8}  (addi|auipc|jal)' "$T/out_asm.log" &&
	grep -qE '^OUT: [0-9]+ bytes at code cache offset' "$T/out_asm.log" &&
	grep -qE '^  0x[0-9a-f]{12}:  (cmp|add|mov|jmp) ' "$T/out_asm.log"; then
	echo "PASS cli-out-asm"
else
	echo "FAIL cli-out-asm: $(head -c 400 "$T/out_asm.log")"
fi

# Profiled blocks go on past forward branches along the way their first runs took (the other
# way a side exit): under the default tiers, tests/guest/side_exits.c's trained functions are
# translated as blocks that fall through such a branch, and blocks that go on at its target.
if $GUEST_CC -O2 -static -o "$T/side_exits" tests/guest/side_exits.c 2>"$T/side_exits.build"; then
	"$RVX" -d out_asm -D "$T/side_exits.log" "$T/side_exits" >/dev/null 2>&1
	ways=$(python3 -c '
import re, sys
fell = took = 0
block = []
for line in list(open(sys.argv[1])) + ["IN:"]:
    if line.startswith("IN:"):
        for (pc, op, target), nxt in zip(block, block[1:]):
            if op in ("beq", "bne", "blt", "bge", "bltu", "bgeu") and target > pc:
                fell += pc < nxt[0] < target
                took += nxt[0] == target
        block = []
    m = re.match(r"  0x([0-9a-f]{16}):  [0-9a-f]+  (\S+)\s+\S*?([0-9a-f]+)$", line)
    if m:
        block.append((int(m.group(1), 16), m.group(2), int(m.group(3), 16)))
print(fell, took)' "$T/side_exits.log")
	read -r fell took <<<"$ways"
	if [ "${fell:-0}" -gt 0 ] 2>/dev/null && [ "${took:-0}" -gt 0 ] 2>/dev/null; then
		echo "PASS cli-side-exits ($fell forward branches fallen through inside blocks, $took followed to their targets)"
	else
		echo "FAIL cli-side-exits: blocks fell through ${fell:-?} forward branches, followed ${took:-?}: $(grep -m3 '^IN:' "$T/side_exits.log")"
	fi
else
	echo "FAIL cli-side-exits: does not build: $(head -c 200 "$T/side_exits.build")"
fi

# Two hot indirect-jump targets that share an entry of the jump cache's first part: the cache
# grows to its whole, and the blocks translated before use it too (not the dispatcher each time).
if $GUEST_CC -O2 -static -o "$T/jump_cache" tests/guest/jump_cache.c 2>"$T/jump_cache.build"; then
	"$RVX" --engine jit -d stats "$T/jump_cache" >"$T/jump_cache.out" 2>"$T/jump_cache.err"
	returns=$(grep -o '[0-9]* returns to the dispatcher' "$T/jump_cache.err" | cut -d' ' -f1)
	if [ "$(cat "$T/jump_cache.out")" = 400000 ] && [ "${returns:-999999}" -lt 20000 ]; then
		echo "PASS cli-jump-cache-grows ($returns returns to the dispatcher for 200000 calls)"
	else
		echo "FAIL cli-jump-cache-grows: $(cat "$T/jump_cache.out"), ${returns:-no} returns to the dispatcher"
	fi
else
	echo "FAIL cli-jump-cache-grows: does not build: $(head -c 200 "$T/jump_cache.build")"
fi

# Self-modifying code invalidates exactly what changed: tests/guest/smc.c rewrites one function
# ~100 times, with fence.i, riscv_flush_icache, munmap and mprotect; no whole-cache flush.
if $GUEST_CC -O2 -static -o "$T/smc" tests/guest/smc.c 2>"$T/smc.build"; then
	"$RVX" --engine jit -d stats "$T/smc" >/dev/null 2>"$T/smc.err"
	if grep -qE ' 0 flushes, [1-9][0-9]+ blocks invalidated' "$T/smc.err"; then
		echo "PASS cli-smc-exact-invalidation"
	else
		echo "FAIL cli-smc-exact-invalidation: $(grep -m1 'stats: jit' "$T/smc.err")"
	fi
else
	echo "FAIL cli-smc-exact-invalidation: does not build: $(head -c 200 "$T/smc.build")"
fi

# -seed and -r (QEMU's options, and their variables QEMU_RAND_SEED and QEMU_UNAME):
# tests/guest/seeded_random.c prints AT_RANDOM's bytes and getrandom's in the main thread, a
# second thread and a forked child, and the uname release.
if $GUEST_CC -O2 -static -pthread -o "$T/seeded" tests/guest/seeded_random.c 2>"$T/seeded.build"; then
	"$RVX" -seed 42 "$T/seeded" >"$T/seed42a.out" 2>&1
	"$RVX" -seed 42 "$T/seeded" >"$T/seed42b.out" 2>&1
	"$RVX" --engine interp -seed 0x2a "$T/seeded" >"$T/seed42i.out" 2>&1
	QEMU_RAND_SEED=42 "$RVX" "$T/seeded" >"$T/seed42e.out" 2>&1
	"$RVX" -seed 43 "$T/seeded" >"$T/seed43.out" 2>&1
	"$RVX" "$T/seeded" >"$T/unseeded1.out" 2>&1
	"$RVX" "$T/seeded" >"$T/unseeded2.out" 2>&1
	if grep -q "^at_random" "$T/seed42a.out" && cmp -s "$T/seed42a.out" "$T/seed42b.out" &&
		cmp -s "$T/seed42a.out" "$T/seed42i.out" && cmp -s "$T/seed42a.out" "$T/seed42e.out"; then
		echo "PASS cli-seed-repeats (two runs, the interpreter and \$QEMU_RAND_SEED print the same bytes)"
	else
		echo "FAIL cli-seed-repeats: $(diff "$T/seed42a.out" "$T/seed42b.out" | head -3 | tr '\n' '|') $(diff "$T/seed42a.out" "$T/seed42i.out" | head -3 | tr '\n' '|')"
	fi
	# every line of bytes differs with another seed, and between unseeded runs
	differ() { [ "$(paste -d'|' "$1" "$2" | grep -v '^release' | awk -F'|' '$1 == $2' | wc -l)" = 0 ]; }
	if grep -q "^child" "$T/seed43.out" && differ "$T/seed42a.out" "$T/seed43.out"; then
		echo "PASS cli-seed-differs"
	else
		echo "FAIL cli-seed-differs: $(paste -d'|' "$T/seed42a.out" "$T/seed43.out" | head -3 | tr '\n' ' ')"
	fi
	if grep -q "^child" "$T/unseeded1.out" && differ "$T/unseeded1.out" "$T/unseeded2.out"; then
		echo "PASS cli-unseeded-differs"
	else
		echo "FAIL cli-unseeded-differs: $(paste -d'|' "$T/unseeded1.out" "$T/unseeded2.out" | head -3 | tr '\n' ' ')"
	fi
	# a program the guest execs runs with the same options
	printf '#include <unistd.h>\nint main(void) { char *a[] = {"%s", 0}; execv(a[0], a); return 9; }\n' "$T/seeded" >"$T/execs.c"
	if $GUEST_CC -O2 -static -o "$T/execs" "$T/execs.c" && "$RVX" -seed 42 "$T/execs" >"$T/seed42x.out" 2>&1 &&
		cmp -s "$T/seed42a.out" "$T/seed42x.out"; then
		echo "PASS cli-seed-exec"
	else
		echo "FAIL cli-seed-exec: $(diff "$T/seed42a.out" "$T/seed42x.out" | head -3 | tr '\n' '|')"
	fi
	"$RVX" -r 9.9.9-rvx "$T/seeded" >"$T/release.out" 2>&1
	QEMU_UNAME=9.9.9-env "$RVX" "$T/seeded" >"$T/release-env.out" 2>&1
	want="release 9.9.9-rvx"
	[ -n "$QEMU" ] && want=$("$QEMU" -r 9.9.9-rvx "$T/seeded" 2>&1 | grep '^release')
	if [ "$(grep '^release' "$T/release.out")" = "$want" ] && grep -qx "release 9.9.9-env" "$T/release-env.out"; then
		echo "PASS cli-uname-release (as qemu-riscv64 -r)"
	else
		echo "FAIL cli-uname-release: $(grep '^release' "$T/release.out") against '$want'; $(grep '^release' "$T/release-env.out")"
	fi
else
	echo "FAIL cli-seed-repeats: does not build: $(head -c 200 "$T/seeded.build")"
fi
expect bad-seed 64 "rvx: -seed wants a number, not 'x1'" -- "$RVX" -seed x1 "$T/args"
expect bad-release 64 "rvx: -r wants a release of 1 to 64 characters" -- "$RVX" -r "" "$T/args"
