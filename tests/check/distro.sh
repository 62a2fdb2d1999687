#!/usr/bin/env bash
# Real programs from Debian trixie's riscv64 userland (glibc 2.41; tests/distro/mkroot builds the
# root from Debian's archive) run under rvx with -L ROOT alone, each compared with qemu-riscv64
# on the same root or, where a case's "# expect-only:" line says why qemu cannot run it, with
# the case's .expected output. A case is a shell script in tests/distro/cases that runs guest
# programs as `$RUN /usr/bin/PROGRAM ...` in a scratch folder $WORK; "# engines:" lists the
# engines it runs under (default jit).
set -u
here=$(cd "$(dirname "$0")/../distro" && pwd)
ROOT=${DISTRO_ROOT:-$here/cache/root}
if ! ROOT=$ROOT "$here/mkroot" >"$OUT/distro-root.log" 2>&1; then
	echo "FAIL distro-root: cannot build the trixie root: $(tail -3 "$OUT/distro-root.log" | tr '\n' ' ')"
	exit 0
fi
echo "PASS distro-root"
# qemu-riscv64 opens the program by its host name: the wrapper finds it in the root first
qemu_run=$OUT/qemu-in-root
cat >"$qemu_run" <<SH
#!/usr/bin/env bash
p=\$1; shift
[ "\${p#/}" != "\$p" ] && [ -e "$ROOT\$p" ] && p=$ROOT\$p
exec "$QEMU" -L "$ROOT" "\$p" "\$@"
SH
chmod +x "$qemu_run"

run_case() { # case runner-command out-prefix
	local work
	work=$(mktemp -d "$OUT/tmp/distro.XXXXXX")
	(cd "$work" && WORK=$work ROOT=$ROOT RUN=$2 timeout 600 bash "$1" >"$3.out" 2>"$3.err" </dev/null)
	echo $?
}

for case in "$here"/cases/*.sh; do
	name=$(basename "${case%.sh}")
	engines=$(sed -n 's/^# engines: //p' "$case")
	ref=""
	if grep -q '^# expect-only:' "$case"; then
		ref=${case%.sh}.expected
	elif [ -n "$QEMU" ]; then
		ref=$OUT/distro-$name.qemu.out
		qst=$(run_case "$case" "$qemu_run" "$OUT/distro-$name.qemu")
		if [ "$qst" != 0 ]; then
			echo "FAIL distro-$name-qemu: the case fails under qemu-riscv64 itself (status $qst): $(head -c 300 "$OUT/distro-$name.qemu.err")"
			continue
		fi
	fi
	for engine in ${engines:-jit}; do
		t=distro-$name-$engine
		st=$(run_case "$case" "$RVX --engine $engine -L $ROOT" "$OUT/$t")
		if [ "$st" != 0 ]; then
			echo "FAIL $t: status $st; stderr: $(head -c 400 "$OUT/$t.err" | tr '\n' '|')"
		elif [ -n "$ref" ] && ! cmp -s "$OUT/$t.out" "$ref"; then
			echo "FAIL $t: output differs from $(basename "$ref"): $(diff "$OUT/$t.out" "$ref" | head -6 | tr '\n' '|')"
		else
			echo "PASS $t"
		fi
	done
done
