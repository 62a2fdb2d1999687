// Single-precision values in loops and chains: the translator leaves out the NaN-box test of a
// source that a single-precision instruction of the block wrote, and tests a loop's float
// accumulator once before the loop. An accumulator that comes into the loop not NaN-boxed (its
// upper half from fmv.d.x) reads as the canonical NaN on the first pass, and the sum is NaN; one
// that the loop also writes with a double (fcvt.d.s) is tested at each pass; x registers of the
// same numbers move in the loop. Many rounds, so that the blocks are translated.
// cflags: -ffp-contract=off
#include "check.h"
#include <math.h>

static float xs[64], ys[64];

/* fa5 (f15) = bits; then fa5 += xs[i] * ys[i] over n (a15 = x15 the index's pointer), each pass
 * running pass_extra after the multiply-add; the loop's block is entered first */
#define DOT(name, pass_extra)                                                                                          \
	static uint64_t name(uint64_t bits, long n)                                                                    \
	{                                                                                                              \
		uint64_t out;                                                                                          \
		__asm__ volatile("fmv.d.x fa5, %[b]\n\t"                                                               \
				 "mv a5, %[x]\n\tmv a4, %[y]\n\tmv a3, %[n]\n\tla t1, 1f\n\tjr t1\n"                   \
				 "1:\n\tflw fa4, 0(a5)\n\tflw fa3, 0(a4)\n\tfmadd.s fa5, fa4, fa3, fa5\n\t" pass_extra \
				 "addi a5, a5, 4\n\taddi a4, a4, 4\n\taddi a3, a3, -1\n\tbnez a3, 1b\n\t"              \
				 "fmv.x.d %[o], fa5"                                                                   \
				 : [o] "=r"(out)                                                                       \
				 : [b] "r"(bits), [x] "r"(xs), [y] "r"(ys), [n] "r"(n)                                 \
				 : "t1", "a3", "a4", "a5", "fa3", "fa4", "fa5", "memory");                             \
		return out;                                                                                            \
	}

DOT(dot_from, "")
/* the same, and each pass fa5 also goes through a double (fcvt.d.s then fcvt.s.d) */
DOT(dot_via_double, "fcvt.d.s fa5, fa5\n\tfcvt.s.d fa5, fa5\n\t")

/* a chain: fa0 = bits; fa1 = fa0 * 2 (a single: boxed, or NaN), then fa1 = bits again (fmv.d.x:
 * boxed or not); fa2 = fa1 + 1; fa3 = xs[1] (a load); fa4 = fa3 * fa2 */
static uint64_t chain(uint64_t bits)
{
	uint64_t out;
	__asm__ volatile("fmv.d.x fa0, %[b]\n\tli t0, 2\n\tfcvt.s.w ft0, t0\n\tfmul.s fa1, fa0, ft0\n\t"
			 "fmv.d.x fa1, %[b]\n\tli t0, 1\n\tfcvt.s.w ft1, t0\n\tfadd.s fa2, fa1, ft1\n\t"
			 "flw fa3, 4(%[x])\n\tfmul.s fa4, fa3, fa2\n\tfmv.x.d %[o], fa4"
			 : [o] "=r"(out)
			 : [b] "r"(bits), [x] "r"(xs)
			 : "t0", "ft0", "ft1", "fa0", "fa1", "fa2", "fa3", "fa4", "memory");
	return out;
}

static uint64_t boxed(float f)
{
	uint32_t u;
	memcpy(&u, &f, 4);
	return 0xffffffff00000000ull | u;
}

int main(void)
{
	static const uint64_t starts[] = {0, 0x123456783f800000ull, 0xffffffff3f800000ull, 0x7fffffff3f800000ull,
					  0xfffffffe00000000ull};
	const uint64_t nan = 0xffffffff7fc00000ull;
	long errors = 0;
	float want = 0;
	for (int i = 0; i < 64; i++)
		xs[i] = (float)(i % 7) * 0.5f, ys[i] = (float)(i % 5) - 1.5f;
	for (int i = 0; i < 64; i++)
		want = fmaf(xs[i], ys[i], want);
	for (int round = 0; round < 400; round++)
		for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++) {
			uint64_t b = starts[s], expect_dot, expect_chain;
			/* a boxed start adds to its value; any other reads as the canonical NaN */
			if (b >> 32 == 0xffffffffu) {
				float f0, sum;
				uint32_t lo = (uint32_t)b;
				memcpy(&f0, &lo, 4);
				sum = f0;
				for (int i = 0; i < 64; i++)
					sum = fmaf(xs[i], ys[i], sum);
				expect_dot = boxed(sum);
				expect_chain = boxed(xs[1] * (f0 + 1.0f));
			} else {
				expect_dot = nan;
				expect_chain = nan;
			}
			uint64_t got = dot_from(b, 64), via = dot_via_double(b, 64), ch = chain(b);
			if ((got != expect_dot || via != expect_dot || ch != expect_chain) && round == 0) {
				printf(
				    "start %#llx: dot %#llx, via a double %#llx, chain %#llx; want %#llx and %#llx\n",
				    (unsigned long long)b, (unsigned long long)got, (unsigned long long)via,
				    (unsigned long long)ch, (unsigned long long)expect_dot,
				    (unsigned long long)expect_chain);
				errors++;
			}
		}
	printf("dot from 0: %#llx (%g)\n", (unsigned long long)dot_from(0xffffffff00000000ull, 64), (double)want);
	printf("%ld errors\n", errors);
	return errors != 0;
}
