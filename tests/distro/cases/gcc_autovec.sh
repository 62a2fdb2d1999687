# gcc-14 (cc1, as, collect2, ld under rvx) compiles tests/vector/autovec.c with -O3 -march=rv64gcv:
# its loops become RVV code (segment, strided, widening, gather, reduction and masked forms among
# them), whose results must agree with the same loops built without vectorisation
# expect-only: qemu-riscv64 runs no RISC-V program from a guest execve without binfmt_misc
cp "$(dirname "$0")/../../vector/autovec.c" "$WORK/autovec.c"
$RUN /usr/bin/gcc-14 -O3 -march=rv64gcv -o "$WORK/autovec" "$WORK/autovec.c" || exit 1
n=$(riscv64-linux-gnu-objdump -d "$WORK/autovec" | grep -c vsetvli)
[ "$n" -gt 5 ] && echo "vector code: yes" || echo "vector code: only $n vsetvli"
$RUN "$WORK/autovec"
