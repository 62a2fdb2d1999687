// vmseq and vmsne (.vv, .vx, .vi) with a vl below VLMAX and at it, e8 to e64, LMUL 1 and 2: on
// a host with AVX2 but not AVX-512 the translator computes the whole group's bits and keeps vd's
// own from vl on (tests/check/vlen.sh runs it so); vd's bits past vl come from a pattern.
// qemu: rva23
// cflags: -march=rv64gcv
#include <stdint.h>
#include <stdio.h>
#include <string.h>
static uint8_t a[64], b[64];
static uint64_t out[4];
#define CMP(NAME, SEW, LMUL, INSN)                                                                                     \
	static long NAME(long avl, long x)                                                                             \
	{                                                                                                              \
		long vl;                                                                                               \
		memset(out, 0xa5, sizeof out);                                                                         \
		__asm__ volatile("vl1re8.v v4, (%4)\n\t"                                                               \
				 "vsetvli %0, %1, e" #SEW ", " #LMUL ", ta, ma\n\t"                                    \
				 "vle" #SEW ".v v8, (%2)\n\t"                                                          \
				 "vle" #SEW ".v v12, (%3)\n\t" INSN "\n\t"                                             \
				 "vs1r.v v4, (%4)"                                                                     \
				 : "=&r"(vl)                                                                           \
				 : "r"(avl), "r"(a), "r"(b), "r"(out), "r"(x)                                          \
				 : "memory");                                                                          \
		return vl;                                                                                             \
	}
CMP(eq8vv, 8, m1, "vmseq.vv v4, v8, v12")
CMP(ne8vx, 8, m2, "vmsne.vx v4, v8, %5")
CMP(eq16vi, 16, m2, "vmseq.vi v4, v8, 3")
CMP(ne16vv, 16, m1, "vmsne.vv v4, v8, v12")
CMP(eq32vx, 32, m2, "vmseq.vx v4, v8, %5")
CMP(ne32vi, 32, m1, "vmsne.vi v4, v8, -1")
CMP(eq64vv, 64, m2, "vmseq.vv v4, v8, v12")
CMP(ne64vx, 64, m1, "vmsne.vx v4, v8, %5")
static long (*const fns[])(long, long) = {eq8vv, ne8vx, eq16vi, ne16vv, eq32vx, ne32vi, eq64vv, ne64vx};
int main(void)
{
	unsigned s = 777;
	uint64_t h = 1469598103934665603ull;
	for (int round = 0; round < 30; round++) {
		for (int i = 0; i < 64; i++) {
			s = s * 1103515245 + 12345;
			a[i] = (uint8_t)((s >> 16) & 3);
			b[i] = (uint8_t)((s >> 20) & 3);
		}
		for (long avl = 0; avl <= 40; avl++)
			for (unsigned f = 0; f < sizeof fns / sizeof fns[0]; f++) {
				long vl = fns[f]((avl * 5 + round) % 41, (long)(s >> 24 & 3));
				h = (h ^ (uint64_t)vl) * 1099511628211ull;
				for (int k = 0; k < 2; k++)
					h = (h ^ out[k]) * 1099511628211ull;
				if (round == 0 && avl % 9 == 4)
					printf("%u:%ld:%016llx%016llx ", f, vl, (unsigned long long)out[1],
					       (unsigned long long)out[0]);
			}
	}
	printf("\n%016llx\n", (unsigned long long)h);
	return 0;
}
