/* Branches over FP moves (fmv.d, fneg.d, fabs.d, fsgnj*.d, fmv.d.x), which the translator keeps
 * in the block on both ways as it does integer arithmetic: in the middle of a loop, and at its
 * end where the branch goes to the loop's head (a block begins there, so that the loop closes
 * either way); a C loop of the same shape (a sign chosen per term); the results agree
 * with qemu-riscv64's and the interpreter's. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t bits(double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof u);
	return u;
}

/* sum of +-x (x = 1, 2, ...) chosen by the bits of i, the last move a branch over to the head */
static double at_head(long n)
{
	double sum = 0, x = 0, one = 1.0, term = 0.5;
	__asm__ volatile("li t0, 0\n\t"
			 "la t1, 2f\n\t"
			 "jr t1\n" /* a block begins at 2 */
			 "1:\tfadd.d %[x], %[x], %[one]\n\t"
			 "fmv.d %[term], %[x]\n\t"
			 "andi t1, t0, 1\n\t"
			 "beqz t1, 2f\n\t"
			 "fneg.d %[term], %[x]\n"
			 "2:\tfadd.d %[sum], %[sum], %[term]\n\t"
			 "addi t0, t0, 1\n\t"
			 "blt t0, %[n], 1b"
			 : [sum] "+f"(sum), [x] "+f"(x), [term] "+f"(term)
			 : [one] "f"(one), [n] "r"(n)
			 : "t0", "t1");
	return sum;
}

/* moves of every kind skipped in the middle of a loop: two branches over one and two of them */
static uint64_t in_middle(long n)
{
	double a = 1.5, b = -2.25, c = 0.0, s = 0;
	uint64_t h = 0;
	__asm__ volatile("li t0, 0\n"
			 "1:\tandi t1, t0, 3\n\t"
			 "fmv.d %[c], %[a]\n\t"
			 "bnez t1, 2f\n\t"
			 "fsgnjn.d %[c], %[b], %[a]\n\t"
			 "fsgnjx.d %[c], %[c], %[b]\n"
			 "2:\tandi t1, t0, 5\n\t"
			 "beqz t1, 3f\n\t"
			 "fabs.d %[c], %[c]\n"
			 "3:\tandi t1, t0, 6\n\t"
			 "bnez t1, 4f\n\t"
			 "slli t2, t0, 52\n\t"
			 "fmv.d.x %[c], t2\n"
			 "4:\tfadd.d %[s], %[s], %[c]\n\t"
			 "fmv.x.d t2, %[s]\n\t"
			 "xor %[h], %[h], t2\n\t"
			 "slli t2, %[h], 7\n\t"
			 "add %[h], %[h], t2\n\t"
			 "addi t0, t0, 1\n\t"
			 "blt t0, %[n], 1b"
			 : [s] "+f"(s), [c] "+f"(c), [h] "+r"(h)
			 : [a] "f"(a), [b] "f"(b), [n] "r"(n)
			 : "t0", "t1", "t2");
	return h ^ bits(s);
}

/* the Leibniz series as C, which gcc -O2 makes a branch over an fmv.d at the loop's end */
static double leibniz(long n)
{
	double s = 0;
	for (long k = 0; k < n; k++)
		s += (k & 1 ? -4.0 : 4.0) / (double)(2 * k + 1);
	return s;
}

int main(void)
{
	static const long ns[] = {1, 2, 3, 7, 100, 100001};
	for (unsigned i = 0; i < sizeof ns / sizeof ns[0]; i++) {
		long n = ns[i];
		printf("n=%ld at the head %016llx, in the middle %016llx, leibniz %016llx\n", n,
		       (unsigned long long)bits(at_head(n)), (unsigned long long)in_middle(n),
		       (unsigned long long)bits(leibniz(n)));
	}
	return 0;
}
