// vredmax and vredmin (signed) with a vl below VLMAX and at it, e8/e16/e32, LMUL 1 and 2: on a
// host with AVX2 but not AVX-512 the translator blends them as the unsigned ones of the elements
// with their sign bits flipped (tests/check/vlen.sh runs it so); the scalar operand's other bits
// and every length from 0 to past VLMAX.
// qemu: rva23
// cflags: -march=rv64gcv
#include <stdint.h>
#include <stdio.h>
static int8_t b[64];
static int16_t h[32];
static int32_t w[16];
#define RED(NAME, SEW, LMUL, T, ARR, OP)                                                                               \
	static long NAME(long avl, long init)                                                                          \
	{                                                                                                              \
		long vl, r;                                                                                            \
		__asm__ volatile("vsetvli %0, %2, e" #SEW ", " #LMUL ", ta, ma\n\t"                                    \
				 "vle" #SEW ".v v8, (%3)\n\t"                                                          \
				 "vmv.s.x v2, %4\n\t" OP ".vs v4, v8, v2\n\t"                                          \
				 "vmv.x.s %1, v4"                                                                      \
				 : "=&r"(vl), "=r"(r)                                                                  \
				 : "r"(avl), "r"(ARR), "r"(init)                                                       \
				 : "memory");                                                                          \
		return r * 1000 + vl;                                                                                  \
	}
RED(max8, 8, m1, int8_t, b, "vredmax")
RED(min8, 8, m2, int8_t, b, "vredmin")
RED(max16, 16, m2, int16_t, h, "vredmax")
RED(min16, 16, m1, int16_t, h, "vredmin")
RED(max32, 32, m2, int32_t, w, "vredmax")
RED(min32, 32, m1, int32_t, w, "vredmin")
int main(void)
{
	unsigned x = 12345;
	long sum = 0;
	for (int round = 0; round < 40; round++) {
		for (int i = 0; i < 64; i++) {
			x = x * 1103515245 + 12345;
			b[i] = (int8_t)(x >> 16);
			if (i < 32)
				h[i] = (int16_t)(x >> 8);
			if (i < 16)
				w[i] = (int32_t)(x * 2654435761u);
		}
		for (long avl = 0; avl <= 33; avl++) {
			long init = (long)(int32_t)(x ^ (unsigned)avl) >> (avl % 24);
			long r[6] = {max8(avl, init),  min8(avl, init),  max16(avl, init),
				     min16(avl, init), max32(avl, init), min32(avl, init)};
			for (int k = 0; k < 6; k++) {
				sum = sum * 31 + r[k];
				if (round == 0 && avl % 7 == 3)
					printf("%ld ", r[k]);
			}
		}
	}
	printf("\n%ld\n", sum);
	return 0;
}
