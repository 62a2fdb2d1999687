// vfrec7.v and vfrsqrt7.v on single and double elements: every table index under exponents from
// subnormal to the largest, both signs, deep subnormals (whose reciprocal overflows), under each
// rounding mode; the results and flags are printed. The oracle is QEMU 10.
// qemu: rva23
// cflags: -march=rv64gcv
#include <stdio.h>
#include <stdint.h>
#include <string.h>
static uint64_t rng = 88172645463325252ull;
static uint64_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
int main(void)
{
	static uint32_t in32[4096], out32[4096];
	static uint64_t in64[4096], out64[4096];
	for (int i = 0; i < 4096; i++) {
		uint64_t r = next();
		int k = i & 127;
		uint32_t e32[] = {0, 1, 2, 126, 127, 128, 252, 253, 254, 255, 100, 150};
		uint32_t e = e32[(r >> 20) % 12];
		in32[i] = (uint32_t)(r >> 63) << 31 | e << 23 | (uint32_t)k << 16 | (uint32_t)(r & 0xffff);
		if ((r >> 40) % 7 == 0) in32[i] &= 0x80000fffu; /* deep subnormals */
		uint64_t e64[] = {0, 1, 2, 1022, 1023, 1024, 2044, 2045, 2046, 2047, 500, 1500};
		in64[i] = (r >> 63) << 63 | e64[(r >> 24) % 12] << 52 | (uint64_t)k << 45 | (r & 0x1fffffffffffull);
		if ((r >> 44) % 7 == 0) in64[i] &= 0x80000000000fffffull;
	}
	for (int op = 0; op < 2; op++)
	for (int rm = 0; rm < 5; rm++) {
		unsigned long vl, fl32, fl64;
		__asm__ volatile("csrw frm, %0" :: "r"(rm));
		for (int i = 0; i < 4096; i += 4) {
			__asm__ volatile("csrw fflags, zero\n vsetivli %0, 4, e32, m1, tu, mu\n vle32.v v1, (%1)\n" : "=r"(vl) : "r"(in32 + i) : "memory");
			if (op) __asm__ volatile("vfrec7.v v2, v1"); else __asm__ volatile("vfrsqrt7.v v2, v1");
			__asm__ volatile("vse32.v v2, (%1)\n csrr %0, fflags" : "=r"(fl32) : "r"(out32 + i) : "memory");
			__asm__ volatile("csrw fflags, zero\n vsetivli %0, 2, e64, m1, tu, mu\n vle64.v v1, (%1)\n" : "=r"(vl) : "r"(in64 + i) : "memory");
			if (op) __asm__ volatile("vfrec7.v v2, v1"); else __asm__ volatile("vfrsqrt7.v v2, v1");
			__asm__ volatile("vse64.v v2, (%1)\n csrr %0, fflags" : "=r"(fl64) : "r"(out64 + i) : "memory");
			printf("%d %d %08x %08x %08x %08x %016llx %016llx %lu %lu\n", op, rm, in32[i], out32[i], in32[i+1], out32[i+1], (unsigned long long)in64[i], (unsigned long long)out64[i], fl32, fl64);
		}
	}
	return 0;
}
