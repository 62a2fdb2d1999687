# The translator on hosts without AVX-512 and without AVX: rvx itself run by qemu-x86_64 as a
# Haswell (AVX2, BMI2, no AVX-512) and as a Nehalem (SSE4.2, no AVX), whose TCG raises SIGILL
# for any instruction such a CPU lacks. Hiding features from rvx with glibc's tunables (as
# vlen.sh does) cannot show that: this host runs them anyway. The vector tests against QEMU 10
# and scalar FP programs against qemu-riscv64, every block translated at its first run.
QX=$(command -v qemu-x86_64) || { echo "FAIL hosts: no qemu-x86_64 (Debian's qemu-user)"; exit 0; }
q10=$(tests/oracle/qemu10 2>/dev/null) || { echo "FAIL hosts: cannot fetch QEMU 10"; exit 0; }
mkdir -p "$OUT/hosts"
jobs=()
for t in rvv_masks rvv_loops rvv_arith rvv_mem rvv_strlen rvv_reductions rvv_mask_store rvv_register_runs; do
	if ! $GUEST_CC -O2 -march=rv64gcv -static -o "$OUT/hosts/$t" "tests/guest/$t.c" -lm 2>"$OUT/hosts/$t.log"; then
		echo "FAIL hosts-$t: does not build"
		continue
	fi
	timeout 300 "$q10" -cpu rva23u64 "$OUT/hosts/$t" >"$OUT/hosts/$t.want" 2>&1
	jobs+=("$t")
done
for p in "nbody 5000" "sha256 5000" "mandelbrot 100"; do
	t=${p% *}
	if ! $GUEST_CC -O2 -march=rv64gc_zba_zbb_zbs -static -o "$OUT/hosts/$t" "bench/$t.c" -lm 2>"$OUT/hosts/$t.log"; then
		echo "FAIL hosts-$t: does not build"
		continue
	fi
	timeout 300 "$QEMU" "$OUT/hosts/$t" "${p#* }" >"$OUT/hosts/$t.want" 2>&1
	jobs+=("$p")
done
# one job: program [argument] under a CPU model; its stdout against the oracle's (qemu-x86_64
# warns on stderr of the features TCG leaves out)
run() { # cpu program [argument]
	local cpu=$1 t=$2
	shift 2
	timeout 600 "$QX" -cpu "$cpu" "$RVX" --translate-after 1 "$OUT/hosts/$t" "$@" >"$OUT/hosts/$t.$cpu" \
		2>"$OUT/hosts/$t.$cpu.err"
	if cmp -s "$OUT/hosts/$t.want" "$OUT/hosts/$t.$cpu" && [ -s "$OUT/hosts/$t.$cpu" ]; then
		echo "PASS hosts-$t-$cpu"
	else
		echo "FAIL hosts-$t-$cpu: differs: $(diff "$OUT/hosts/$t.$cpu" "$OUT/hosts/$t.want" | head -3 | tr '\n' '|') $(grep -v '^qemu-x86_64: warning' "$OUT/hosts/$t.$cpu.err" | tail -1)"
	fi
}
# shellcheck disable=SC2086 # a job is a program and its argument
for cpu in Haswell Nehalem; do # two at a time
	for ((i = 0; i < ${#jobs[@]}; i += 2)); do
		run $cpu ${jobs[i]} &
		[ $((i + 1)) -lt ${#jobs[@]} ] && run $cpu ${jobs[i + 1]} &
		wait
	done
done
