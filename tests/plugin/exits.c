/* Blocks left before their end by the translator's slow paths, which the inline counts of
 * the instructions skipped must not include: FP arithmetic under frm = RMM (no host rounding
 * mode: the interpreter runs the instruction and the block ends there), and with V a
 * strip-mined loop whose last pass is short (where the host lacks AVX-512BW, the interpreter
 * runs it and the block ends). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 100;
	double x = 1.0, y = 1e-3;
	long s = 0;
	__asm__ volatile("fsrmi 4"); /* RMM */
	for (int i = 0; i < n; i++) {
		__asm__ volatile("fadd.d %0, %0, %2\n\taddi %1, %1, 1\n\tfadd.d %0, %0, %2\n\taddi %1, %1, 2"
				 : "+f"(x), "+r"(s)
				 : "f"(y));
	}
	__asm__ volatile("fsrmi 0");
#ifdef __riscv_vector
	static int a[1003], b[1003];
	for (int i = 0; i < 1003; i++)
		a[i] = i;
	for (int k = 0; k < n; k++)
		for (size_t i = 0, vl; i < 1003; i += vl) {
			__asm__ volatile("vsetvli %0, %1, e32, m2, ta, ma\n\tvle32.v v2, (%2)\n\tvadd.vi v2, v2, 3\n\t"
					 "vse32.v v2, (%3)\n\taddi %0, %0, 0"
					 : "=&r"(vl)
					 : "r"(1003 - i), "r"(a + i), "r"(b + i)
					 : "memory");
		}
	s += b[1002];
#endif
	printf("%.6f %ld\n", x, s);
	return 0;
}
