# gcc-14 (cc1, as, collect2, ld under rvx) compiles tests/vector/intrinsics.c, RVV code written
# with riscv_vector.h's intrinsics (tail-undisturbed and masked variants, widening, reductions,
# segment and strided loads, gathers, compress, slides): each kernel agrees with plain C, and the
# program prints the same under QEMU 10
# expect-only: qemu-riscv64 runs no RISC-V program from a guest execve without binfmt_misc
cp "$(dirname "$0")/../../vector/intrinsics.c" "$WORK/intrinsics.c"
$RUN /usr/bin/gcc-14 -O2 -march=rv64gcv -o "$WORK/intrinsics" "$WORK/intrinsics.c" || exit 1
$RUN "$WORK/intrinsics" | tee "$WORK/rvx.out"
q10=$("$(dirname "$0")/../../oracle/qemu10") || { echo "QEMU 10: cannot fetch it"; exit 0; }
"$q10" -L "$ROOT" -cpu rva23u64 "$WORK/intrinsics" >"$WORK/qemu10.out" 2>&1
cmp -s "$WORK/rvx.out" "$WORK/qemu10.out" && echo "QEMU 10: the same" || echo "QEMU 10: differs"
