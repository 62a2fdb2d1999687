// vfredmax and vfredmin (.vs) at e32 and e64, LMUL 1 and 2, vl at VLMAX and below, over zeros of
// both signs, infinities, ordinary values and (some rounds) quiet and signaling NaNs in vs2 or in
// vs1's element 0: the result and the flags. On a host with AVX2 but not AVX-512 the translator
// runs the whole-group ones with vmaxps/vminps both ways round (the sign of a zero result exact)
// and leaves a NaN to the interpreter (tests/check/vlen.sh runs it so).
// qemu: rva23
// cflags: -march=rv64gcv
#include <stdint.h>
#include <stdio.h>
static uint64_t a[32], init[2];
#define RED(NAME, SEW, LMUL, OP)                                                                                       \
	static uint64_t NAME(long avl, long *flags)                                                                    \
	{                                                                                                              \
		long vl, fl;                                                                                           \
		uint64_t r;                                                                                            \
		__asm__ volatile("vsetvli %0, %3, e" #SEW ", " #LMUL ", ta, ma\n\t"                                    \
				 "vle" #SEW ".v v8, (%4)\n\t"                                                          \
				 "vl1re" #SEW ".v v2, (%5)\n\t"                                                        \
				 "fsflags zero\n\t" OP ".vs v4, v8, v2\n\t"                                            \
				 "frflags %1\n\t"                                                                      \
				 "vmv.x.s %2, v4"                                                                      \
				 : "=&r"(vl), "=&r"(fl), "=r"(r)                                                       \
				 : "r"(avl), "r"(a), "r"(init)                                                         \
				 : "memory");                                                                          \
		*flags = fl;                                                                                           \
		return r ^ (uint64_t)vl << 56;                                                                         \
	}
RED(max32, 32, m1, "vfredmax")
RED(min32, 32, m2, "vfredmin")
RED(max64, 64, m2, "vfredmax")
RED(min64, 64, m1, "vfredmin")
static uint64_t (*const fns[])(long, long *) = {max32, min32, max64, min64};
static const uint32_t s32[] = {0,          0x80000000, 0x3f800000, 0xbf800000, 0x7f800000,
			       0xff800000, 0x40400000, 0xc0a00000, 0x7fc00000, 0x7fa00000};
static const uint64_t s64[] = {0,
			       0x8000000000000000ull,
			       0x3ff0000000000000ull,
			       0xbff0000000000000ull,
			       0x7ff0000000000000ull,
			       0xfff0000000000000ull,
			       0x4008000000000000ull,
			       0xc014000000000000ull,
			       0x7ff8000000000000ull,
			       0x7ff4000000000000ull};
int main(void)
{
	unsigned s = 31337;
	uint64_t h = 1469598103934665603ull;
	for (int round = 0; round < 300; round++) {
		unsigned n = round % 6 == 0 ? 10 : round % 3 == 0 ? 2 : 8; /* NaNs some rounds, zeros only some */
		for (unsigned f = 0; f < 4; f++) {
			int w = f >= 2;
			for (int i = 0; i < 32; i++) {
				s = s * 1103515245 + 12345;
				if (w)
					a[i] = s64[(s >> 16) % n];
				else
					((uint32_t *)a)[i] = s32[(s >> 16) % n],
						   ((uint32_t *)a)[i + 32] = s32[(s >> 20) % n];
			}
			s = s * 1103515245 + 12345;
			init[0] = w ? s64[(s >> 16) % n] : 0xffffffff00000000ull | s32[(s >> 16) % n];
			long avl = round % 4 == 3 ? (long)((s >> 8) % 9) : 64, flags;
			uint64_t r = fns[f](avl, &flags);
			h = (h ^ r) * 1099511628211ull;
			h = (h ^ (uint64_t)flags) * 1099511628211ull;
			if (round < 12)
				printf("%u:%016llx:%lx ", f, (unsigned long long)r, flags);
		}
	}
	printf("\n%016llx\n", (unsigned long long)h);
	return 0;
}
