// RVA23's scalar FP additions: Zfhmin (flh, fsh, fmv.x.h, fmv.h.x, fcvt between half and
// single/double under every rounding mode) and Zfa for F and D (fli's 32 constants, fminm/fmaxm,
// fround/froundnx, fcvtmod.w.d, fleq/fltq), on edge and random operands (zeros, infinities,
// quiet and signaling NaNs, subnormals, halfway values, the int32 limits); results and flags.
// Zfa is encoded with .insn (Debian 12's binutils does not know it).
// qemu: rva23
// cflags: -march=rv64gc_zfhmin
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t rng = 0x853c49e6748fea9bull;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static unsigned flags(void)
{
	unsigned f;
	__asm__ volatile("csrr %0, fflags\n\tcsrw fflags, zero" : "=r"(f));
	return f;
}

#define UNARY_D(name, f7, rs2)                                                                                         \
	static uint64_t name(uint64_t a)                                                                               \
	{                                                                                                              \
		uint64_t r;                                                                                            \
		__asm__ volatile("fmv.d.x ft0, %1\n\t.insn r 0x53, 7, " #f7 ", ft1, ft0, x" #rs2 "\n\tfmv.x.d %0, ft1"  \
				 : "=r"(r)                                                                             \
				 : "r"(a)                                                                              \
				 : "ft0", "ft1");                                                                      \
		return r;                                                                                              \
	}
#define BINARY(name, f7, f3, out)                                                                                      \
	static uint64_t name(uint64_t a, uint64_t b)                                                                   \
	{                                                                                                              \
		uint64_t r;                                                                                            \
		__asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t.insn r 0x53, " #f3 ", " #f7 ", " out          \
				 ", ft0, ft1\n\tfmv.x.d %0, ft2"                                                       \
				 : "=r"(r)                                                                             \
				 : "r"(a), "r"(b)                                                                      \
				 : "ft0", "ft1", "ft2");                                                               \
		if (out[0] != 'f')                                                                             \
			__asm__ volatile("mv %0, t3" : "=r"(r));                                                       \
		return r;                                                                                              \
	}
UNARY_D(fround_s, 0x20, 4)
UNARY_D(froundnx_s, 0x20, 5)
UNARY_D(fround_d, 0x21, 4)
UNARY_D(froundnx_d, 0x21, 5)
BINARY(fminm_s, 0x14, 2, "ft2")
BINARY(fmaxm_s, 0x14, 3, "ft2")
BINARY(fminm_d, 0x15, 2, "ft2")
BINARY(fmaxm_d, 0x15, 3, "ft2")
BINARY(fleq_s, 0x50, 4, "t3")
BINARY(fltq_s, 0x50, 5, "t3")
BINARY(fleq_d, 0x51, 4, "t3")
BINARY(fltq_d, 0x51, 5, "t3")

static uint64_t fcvtmod(uint64_t a)
{
	uint64_t r;
	__asm__ volatile("fmv.d.x ft0, %1\n\t.insn r 0x53, 1, 0x61, %0, ft0, x8" : "=r"(r) : "r"(a) : "ft0");
	return r;
}

#define FLI(k)                                                                                                         \
	do {                                                                                                           \
		uint64_t s, d;                                                                                         \
		__asm__ volatile(".insn r 0x53, 0, 0x78, ft0, x" #k ", x1\n\t.insn r 0x53, 0, 0x79, ft1, x" #k ", x1\n\t" \
				 "fmv.x.d %0, ft0\n\tfmv.x.d %1, ft1"                                                  \
				 : "=r"(s), "=r"(d)                                                                    \
				 :                                                                                     \
				 : "ft0", "ft1");                                                                      \
		printf("fli %d: %016llx %016llx\n", k, (unsigned long long)s, (unsigned long long)d);                 \
	} while (0)

/* half-precision conversions under a rounding mode set in frm */
static uint64_t cvt(int which, uint64_t a)
{
	uint64_t r;
	switch (which) {
	case 0: __asm__ volatile("fmv.d.x ft0, %1\n\tfcvt.h.s ft1, ft0\n\tfmv.x.d %0, ft1" : "=r"(r) : "r"(a) : "ft0", "ft1"); break;
	case 1: __asm__ volatile("fmv.d.x ft0, %1\n\tfcvt.h.d ft1, ft0\n\tfmv.x.d %0, ft1" : "=r"(r) : "r"(a) : "ft0", "ft1"); break;
	case 2: __asm__ volatile("fmv.d.x ft0, %1\n\tfcvt.s.h ft1, ft0\n\tfmv.x.d %0, ft1" : "=r"(r) : "r"(a) : "ft0", "ft1"); break;
	default: __asm__ volatile("fmv.d.x ft0, %1\n\tfcvt.d.h ft1, ft0\n\tfmv.x.d %0, ft1" : "=r"(r) : "r"(a) : "ft0", "ft1"); break;
	}
	return r;
}

static uint64_t operand(int i, int kind)
{
	static const uint64_t d_edge[] = {0, 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
					  0x7ff8000000000000ull, 0x7ff4000000000000ull, 1, 0x000fffffffffffffull,
					  0x3fe0000000000000ull, 0x3ff8000000000000ull, 0xc004000000000000ull,
					  0x41dfffffffc00000ull, 0xc1e0000000000000ull, 0xc1e0000000100000ull,
					  0x41e0000000000000ull, 0x4330000000000001ull, 0x40f0000100000000ull,
					  0x3f10000000000000ull, 0x3e80000000000000ull, 0x40effe0000000000ull};
	static const uint32_t s_edge[] = {0, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7fa00000u, 1,
					  0x007fffffu, 0x3f000000u, 0x3fc00000u, 0xc0200000u, 0x4effffffu, 0x477fe000u,
					  0x477ff000u, 0x38800000u, 0x387fc000u, 0x33000000u, 0x33800001u, 0x4b000001u};
	uint64_t r = next();
	if (kind == 0) /* double */
		return i < 20 ? d_edge[i] : (r & 0xc00fffffffffffffull) | ((0x3c0ull + (r >> 40) % 0x80) << 52);
	if (kind == 1) /* single, NaN-boxed (sometimes not) */
		return (i == 19 ? 0 : 0xffffffff00000000ull) |
		       (i < 19 ? s_edge[i] : ((uint32_t)r & 0x807fffffu) | (uint32_t)(96 + (r >> 40) % 64) << 23);
	return (i == 19 ? 0x0000ffff00000000ull : 0xffffffffffff0000ull) | (uint16_t)(i < 8 ? 0x7c00 >> i : r); /* half */
}

int main(void)
{
	FLI(0); FLI(1); FLI(2); FLI(3); FLI(4); FLI(5); FLI(6); FLI(7); FLI(8); FLI(9); FLI(10);
	FLI(11); FLI(12); FLI(13); FLI(14); FLI(15); FLI(16); FLI(17); FLI(18); FLI(19); FLI(20);
	FLI(21); FLI(22); FLI(23); FLI(24); FLI(25); FLI(26); FLI(27); FLI(28); FLI(29); FLI(30); FLI(31);
	flags();
	for (int rm = 0; rm < 5; rm++) {
		__asm__ volatile("csrw frm, %0" : : "r"(rm));
		for (int i = 0; i < 60; i++) {
			uint64_t d = operand(i, 0), d2 = operand(59 - i, 0), s = operand(i, 1), s2 = operand(59 - i, 1);
			uint64_t h = operand(i, 2), r[8];
			unsigned f[8];
			r[0] = fround_d(d), f[0] = flags();
			r[1] = froundnx_d(d), f[1] = flags();
			r[2] = fround_s(s), f[2] = flags();
			r[3] = froundnx_s(s), f[3] = flags();
			r[4] = cvt(0, s), f[4] = flags();
			r[5] = cvt(1, d), f[5] = flags();
			r[6] = cvt(2, h), f[6] = flags();
			r[7] = cvt(3, h), f[7] = flags();
			printf("rm %d %d:", rm, i);
			for (int k = 0; k < 8; k++)
				printf(" %llx/%u", (unsigned long long)r[k], f[k]);
			if (rm == 0) {
				uint64_t m[9];
				unsigned g[9];
				m[0] = fminm_d(d, d2), g[0] = flags();
				m[1] = fmaxm_d(d, d2), g[1] = flags();
				m[2] = fminm_s(s, s2), g[2] = flags();
				m[3] = fmaxm_s(s, s2), g[3] = flags();
				m[4] = fleq_d(d, d2), g[4] = flags();
				m[5] = fltq_d(d, d2), g[5] = flags();
				m[6] = fleq_s(s, s2), g[6] = flags();
				m[7] = fltq_s(s, s2), g[7] = flags();
				m[8] = fcvtmod(d), g[8] = flags();
				for (int k = 0; k < 9; k++)
					printf(" %llx/%u", (unsigned long long)m[k], g[k]);
			}
			printf("\n");
		}
	}
	{ /* loads, stores and moves of halves */
		uint16_t mem[2] = {0x3c00, 0};
		uint64_t x = 0x1234abcd, y, z;
		__asm__ volatile("flh ft0, 0(%2)\n\tfsh ft0, 2(%2)\n\tfmv.x.h %0, ft0\n\tfmv.h.x ft1, %3\n\tfmv.x.d %1, ft1"
				 : "=&r"(y), "=&r"(z)
				 : "r"(mem), "r"(x)
				 : "ft0", "ft1", "memory");
		printf("flh/fsh %04x %04x fmv.x.h %llx fmv.h.x %llx\n", mem[0], mem[1], (unsigned long long)y,
		       (unsigned long long)z);
	}
	return 0;
}
