# gcc-14 compiles, assembles and links a C program (cc1, as, collect2, ld run under rvx), which then runs
# expect-only: qemu-riscv64 runs no RISC-V program from a guest execve without binfmt_misc
cat > "$WORK/prog.c" <<'C'
#include <stdio.h>
#include <math.h>
#include <pthread.h>
static void *run(void *a) { return (void *)((long)a * 2); }
int main(void) {
	pthread_t t; void *r;
	pthread_create(&t, 0, run, (void *)21);
	pthread_join(t, &r);
	printf("%ld %.6f\n", (long)r, sqrt(2.0));
	return 0;
}
C
$RUN /usr/bin/gcc-14 -O2 -o "$WORK/prog" "$WORK/prog.c" -lm -lpthread && $RUN "$WORK/prog"
