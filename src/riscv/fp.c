/* Compiled with -frounding-math -fsignaling-nans so the compiler keeps every operation
 * in place between the rounding-mode switch and the flag read. x86 SSE detects tininess
 * after rounding, as RISC-V does, so its flags are RISC-V's flags. Round-to-nearest-max-
 * magnitude (RMM) has no host mode: the op runs in RNE and only exact ties, found by
 * redoing the op exactly in a wider format, are moved away from zero. */
#include "fp.h"

#include <fenv.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

static const int host_rm[5] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD, FE_TONEAREST};

static inline float f32(uint32_t v)
{
	float f;
	memcpy(&f, &v, 4);
	return f;
}
static inline uint32_t b32(float f)
{
	uint32_t v;
	memcpy(&v, &f, 4);
	return v;
}
static inline double f64(uint64_t v)
{
	double d;
	memcpy(&d, &v, 8);
	return d;
}
static inline uint64_t b64(double d)
{
	uint64_t v;
	memcpy(&v, &d, 8);
	return v;
}

#if defined(__x86_64__)
/* SSE arithmetic reads its rounding mode from MXCSR and records flags there: one load before
 * the operation and one store after are all it takes (fenv.h would also touch the x87 unit). */
static const unsigned mxcsr_rm[5] = {0, 3, 1, 2, 0};

static void fp_begin(int rm)
{
	unsigned m = 0x1f80u | (mxcsr_rm[rm] << 13); /* all exceptions masked, flags clear */
	__asm__ volatile("ldmxcsr %0" : : "m"(m));
}

unsigned fp_flags_from_host(unsigned m)
{
	unsigned f = 0;
	if (m & 0x01)
		f |= FFLAG_NV;
	if (m & 0x04)
		f |= FFLAG_DZ;
	if (m & 0x08)
		f |= FFLAG_OF;
	if (m & 0x10)
		f |= FFLAG_UF;
	if (m & 0x20)
		f |= FFLAG_NX;
	return f;
}

unsigned fp_host_from_flags(unsigned f)
{
	unsigned m = 0;
	if (f & FFLAG_NV)
		m |= 0x01;
	if (f & FFLAG_DZ)
		m |= 0x04;
	if (f & FFLAG_OF)
		m |= 0x08;
	if (f & FFLAG_UF)
		m |= 0x10;
	if (f & FFLAG_NX)
		m |= 0x20;
	return m;
}

unsigned fp_host_mode(int rm)
{
	return 0x1f80u | (mxcsr_rm[rm & 3] << 13);
}

static unsigned fp_end(void)
{
	unsigned m, rne = 0x1f80u;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	__asm__ volatile("ldmxcsr %0" : : "m"(rne));
	return fp_flags_from_host(m);
}
#else
static unsigned host_flags(void)
{
	int e = fetestexcept(FE_ALL_EXCEPT);
	unsigned f = 0;
	if (e & FE_INEXACT)
		f |= FFLAG_NX;
	if (e & FE_UNDERFLOW)
		f |= FFLAG_UF;
	if (e & FE_OVERFLOW)
		f |= FFLAG_OF;
	if (e & FE_DIVBYZERO)
		f |= FFLAG_DZ;
	if (e & FE_INVALID)
		f |= FFLAG_NV;
	return f;
}

/* Runs with the host in rounding mode rm and clean flags; restores RNE after. */
static void fp_begin(int rm)
{
	fesetround(host_rm[rm]);
	feclearexcept(FE_ALL_EXCEPT);
}

static unsigned fp_end(void)
{
	unsigned f = host_flags();
	fesetround(FE_TONEAREST);
	return f;
}
#endif

static int is_snan_s(uint32_t a)
{
	return (a & 0x7fc00000u) == 0x7f800000u && (a & 0x003fffffu);
}
static int is_snan_d(uint64_t a)
{
	return (a & 0x7ff8000000000000ull) == 0x7ff0000000000000ull && (a & 0x0007ffffffffffffull);
}

/* ---- the type-generic part: N names the public functions (fp_*_s, fp_*_d), S is the libm
 * suffix; S computes exactly in double, D in binary128 */

#define FP_TEMPLATE(N, S, T, U, W, UNBITS, BITS, CANON, IS_SNAN, NEXTAFTER)                                            \
	static T op_##S(enum fp_arith op, T a, T b, T c)                                                               \
	{                                                                                                              \
		volatile T x = a, y = b, z = c;                                                                        \
		switch (op) {                                                                                          \
		case FP_ADD: return x + y;                                                                             \
		case FP_SUB: return x - y;                                                                             \
		case FP_MUL: return x * y;                                                                             \
		case FP_DIV: return x / y;                                                                             \
		case FP_SQRT: return sqrt##S(x);                                                                       \
		case FP_MADD: return fma##S(x, y, z);                                                                  \
		case FP_MSUB: return fma##S(x, y, -z);                                                                 \
		case FP_NMSUB: return fma##S(-x, y, z);                                                                \
		default: return fma##S(-x, y, -z);                                                                     \
		}                                                                                                      \
	}                                                                                                              \
	/* The exact result in W, or 0 with *exact false when W cannot hold it (then it is no tie). */                 \
	static W wide_##S(enum fp_arith op, T a, T b, T c, int *exact)                                                 \
	{                                                                                                              \
		volatile W x = a, y = b, z = c, r;                                                                     \
		feclearexcept(FE_ALL_EXCEPT);                                                                          \
		switch (op) {                                                                                          \
		case FP_ADD: r = x + y; break;                                                                         \
		case FP_SUB: r = x - y; break;                                                                         \
		case FP_MUL: r = x * y; break;                                                                         \
		case FP_DIV: r = x / y; break;                                                                         \
		case FP_MADD:                                                                                          \
			r = x * y;                                                                                     \
			r = r + z;                                                                                     \
			break;                                                                                         \
		case FP_MSUB:                                                                                          \
			r = x * y;                                                                                     \
			r = r - z;                                                                                     \
			break;                                                                                         \
		case FP_NMSUB:                                                                                         \
			r = x * y;                                                                                     \
			r = z - r;                                                                                     \
			break;                                                                                         \
		case FP_NMADD:                                                                                         \
			r = x * y;                                                                                     \
			r = -r - z;                                                                                    \
			break;                                                                                         \
		default: r = 0; feraiseexcept(FE_INEXACT); /* a square root is never a tie */                          \
		}                                                                                                      \
		*exact = !fetestexcept(FE_INEXACT);                                                                    \
		return r;                                                                                              \
	}                                                                                                              \
	/* RMM from the RNE result rn: move exact ties away from zero. */                                              \
	static T rmm_fix_##S(T rn, W exact)                                                                            \
	{                                                                                                              \
		volatile T lo, hi;                                                                                     \
		volatile W mid;                                                                                        \
		if (isinf(rn) || isnan(rn))                                                                            \
			return rn;                                                                                     \
		fesetround(FE_TOWARDZERO);                                                                             \
		lo = (T)exact;                                                                                         \
		fesetround(FE_TONEAREST);                                                                              \
		hi = NEXTAFTER(lo, exact < 0 ? -INFINITY : INFINITY);                                                  \
		mid = ((W)lo + (W)hi) / 2;                                                                             \
		return exact == mid ? hi : rn;                                                                         \
	}                                                                                                              \
	U fp_arith_##N(enum fp_arith op, U ua, U ub, U uc, int rm, unsigned *fl)                                       \
	{                                                                                                              \
		T a = UNBITS(ua), b = UNBITS(ub), c = UNBITS(uc);                                                      \
		volatile T r;                                                                                          \
		unsigned f;                                                                                            \
		fp_begin(rm);                                                                                          \
		r = op_##S(op, a, b, c);                                                                               \
		f = fp_end();                                                                                          \
		if (op >= FP_MADD && ((isinf(a) && b == 0) || (a == 0 && isinf(b))))                                   \
			f |= FFLAG_NV;                                                                                 \
		if (rm == RM_RMM && (f & FFLAG_NX)) {                                                                  \
			int exact = 0;                                                                                 \
			W w = wide_##S(op, a, b, c, &exact);                                                           \
			if (exact)                                                                                     \
				r = rmm_fix_##S(r, w);                                                                 \
			feclearexcept(FE_ALL_EXCEPT);                                                                  \
		}                                                                                                      \
		*fl |= f;                                                                                              \
		return isnan(r) ? CANON : BITS(r);                                                                     \
	}                                                                                                              \
	U fp_minmax_##N(U ua, U ub, int max, unsigned *fl)                                                             \
	{                                                                                                              \
		T a = UNBITS(ua), b = UNBITS(ub);                                                                      \
		if (IS_SNAN(ua) || IS_SNAN(ub))                                                                        \
			*fl |= FFLAG_NV;                                                                               \
		if (isnan(a) && isnan(b))                                                                              \
			return CANON;                                                                                  \
		if (isnan(a))                                                                                          \
			return ub;                                                                                     \
		if (isnan(b))                                                                                          \
			return ua;                                                                                     \
		if (a == b) /* -0 is less than +0 */                                                                   \
			return max ? (signbit(a) ? ub : ua) : (signbit(a) ? ua : ub);                                  \
		return (max ? a > b : a < b) ? ua : ub;                                                                \
	}                                                                                                              \
	int fp_cmp_##N(enum fp_cmp op, U ua, U ub, unsigned *fl)                                                       \
	{                                                                                                              \
		T a = UNBITS(ua), b = UNBITS(ub);                                                                      \
		if (isnan(a) || isnan(b)) {                                                                            \
			if (op != FP_EQ || IS_SNAN(ua) || IS_SNAN(ub))                                                 \
				*fl |= FFLAG_NV;                                                                       \
			return 0;                                                                                      \
		}                                                                                                      \
		return op == FP_EQ ? a == b : op == FP_LT ? a < b : a <= b;                                            \
	}                                                                                                              \
	uint64_t fp_to_int_##N(U ua, int width, int is_unsigned, int rm, unsigned *fl)                                 \
	{                                                                                                              \
		T a = UNBITS(ua);                                                                                      \
		volatile T r;                                                                                          \
		long double lo, hi;                                                                                    \
		uint64_t res;                                                                                          \
		if (isnan(a)) {                                                                                        \
			*fl |= FFLAG_NV;                                                                               \
			return is_unsigned ? ~0ull : (width == 32 ? 0x7fffffffull : 0x7fffffffffffffffull);            \
		}                                                                                                      \
		fesetround(host_rm[rm]);                                                                               \
		r = rint##S(a);                                                                                        \
		fesetround(FE_TONEAREST);                                                                              \
		if (rm == RM_RMM && fabs##S(a - trunc##S(a)) == (T)0.5)                                                \
			r = trunc##S(a) + (a < 0 ? -1 : 1);                                                            \
		if (is_unsigned) {                                                                                     \
			lo = 0;                                                                                        \
			hi = width == 32 ? 4294967295.0L : 18446744073709551615.0L;                                    \
		} else {                                                                                               \
			lo = width == 32 ? -2147483648.0L : -9223372036854775808.0L;                                   \
			hi = width == 32 ? 2147483647.0L : 9223372036854775807.0L;                                     \
		}                                                                                                      \
		if ((long double)r < lo) {                                                                             \
			*fl |= FFLAG_NV;                                                                               \
			return is_unsigned ? 0 : (width == 32 ? (uint64_t)(int64_t)INT32_MIN : 1ull << 63);            \
		}                                                                                                      \
		if ((long double)r > hi) {                                                                             \
			*fl |= FFLAG_NV;                                                                               \
			return is_unsigned ? ~0ull : (width == 32 ? 0x7fffffffull : 0x7fffffffffffffffull);            \
		}                                                                                                      \
		if (r != a)                                                                                            \
			*fl |= FFLAG_NX;                                                                               \
		if (is_unsigned)                                                                                       \
			res = r == 0 ? 0 : (uint64_t)r;                                                                \
		else                                                                                                   \
			res = (uint64_t)(int64_t)r;                                                                    \
		return width == 32 ? (uint64_t)(int64_t)(int32_t)res : res;                                            \
	}                                                                                                              \
	U fp_from_int_##N(uint64_t v, int width, int is_unsigned, int rm, unsigned *fl)                                \
	{                                                                                                              \
		volatile T r;                                                                                          \
		long double exact;                                                                                     \
		if (width == 32)                                                                                       \
			v = is_unsigned ? (uint32_t)v : (uint64_t)(int64_t)(int32_t)v;                                 \
		exact = is_unsigned ? (long double)v : (long double)(int64_t)v;                                        \
		fp_begin(rm);                                                                                          \
		r = is_unsigned ? (T)v : (T)(int64_t)v;                                                                \
		*fl |= fp_end();                                                                                       \
		if (rm == RM_RMM && (T)exact != exact) {                                                               \
			volatile T lo, hi;                                                                             \
			fesetround(FE_TOWARDZERO);                                                                     \
			lo = (T)exact;                                                                                 \
			fesetround(FE_TONEAREST);                                                                      \
			hi = NEXTAFTER(lo, exact < 0 ? -INFINITY : INFINITY);                                          \
			if (exact == ((long double)lo + (long double)hi) / 2)                                          \
				r = hi;                                                                                \
		}                                                                                                      \
		return BITS(r);                                                                                        \
	}                                                                                                              \
	unsigned fp_class_##N(U ua)                                                                                    \
	{                                                                                                              \
		T a = UNBITS(ua);                                                                                      \
		int neg = signbit(a) != 0;                                                                             \
		switch (fpclassify(a)) {                                                                               \
		case FP_INFINITE: return neg ? 1u << 0 : 1u << 7;                                                      \
		case FP_NORMAL: return neg ? 1u << 1 : 1u << 6;                                                        \
		case FP_SUBNORMAL: return neg ? 1u << 2 : 1u << 5;                                                     \
		case FP_ZERO: return neg ? 1u << 3 : 1u << 4;                                                          \
		default: return IS_SNAN(ua) ? 1u << 8 : 1u << 9;                                                       \
		}                                                                                                      \
	}

FP_TEMPLATE(s, f, float, uint32_t, double, f32, b32, RV_NAN_S, is_snan_s, nextafterf)
FP_TEMPLATE(d, , double, uint64_t, __float128, f64, b64, RV_NAN_D, is_snan_d, nextafter)

uint32_t fp_d_to_s(uint64_t ua, int rm, unsigned *fl)
{
	double a = f64(ua);
	volatile float r;
	fp_begin(rm);
	r = (float)a;
	*fl |= fp_end();
	if (isnan(r))
		return RV_NAN_S;
	if (rm == RM_RMM && (double)r != a) {
		volatile float lo, hi;
		fesetround(FE_TOWARDZERO);
		lo = (float)a;
		fesetround(FE_TONEAREST);
		hi = nextafterf(lo, a < 0 ? -INFINITY : INFINITY);
		if (!isinf(r) && a == ((double)lo + (double)hi) / 2)
			r = hi;
	}
	return b32(r);
}

uint64_t fp_s_to_d(uint32_t ua, unsigned *fl)
{
	volatile double r;
	fp_begin(RM_RNE);
	r = (double)f32(ua);
	*fl |= fp_end();
	return isnan(r) ? RV_NAN_D : b64(r);
}

/* Half precision (Zfhmin, Zvfhmin: conversions only), in integer arithmetic. */
#define RV_NAN_H 0x7e00u

uint32_t fp_h_to_s(uint16_t h, unsigned *fl)
{
	uint32_t sign = (uint32_t)(h >> 15) << 31, e = (h >> 10) & 31, m = h & 0x3ffu;
	if (e == 31) {
		if (m == 0)
			return sign | 0x7f800000u;
		if (!(m & 0x200))
			*fl |= FFLAG_NV; /* a signaling NaN */
		return RV_NAN_S;
	}
	if (e == 0) {
		int shift = 0;
		if (m == 0)
			return sign;
		while (!(m & 0x400)) { /* a subnormal becomes a normal single */
			m <<= 1;
			shift++;
		}
		return sign | (uint32_t)(1 - 15 - shift + 127) << 23 | (m & 0x3ffu) << 13;
	}
	return sign | (e - 15 + 127) << 23 | m << 13;
}

/* Whether a value with this sign and the given dropped bits (rem of a 2^shift unit) rounds up. */
static bool round_up(int rm, bool neg, uint64_t keep, uint64_t rem, unsigned shift)
{
	uint64_t half = shift > 63 ? UINT64_MAX : 1ull << (shift - 1);
	bool above_half = shift > 63 ? false : rem > half, at_half = shift <= 63 && rem == half;
	switch (rm) {
	case RM_RNE: return above_half || (at_half && (keep & 1));
	case RM_RTZ: return false;
	case RM_RDN: return neg && rem;
	case RM_RUP: return !neg && rem;
	default: return above_half || at_half; /* RMM */
	}
}

/* Rounds a finite nonzero value, (-1)^neg * sig * 2^(exp - 52) with sig's top bit at 52, to half
 * precision (tininess after rounding, as RISC-V). */
static uint16_t round_to_h(bool neg, int exp, uint64_t sig, int rm, unsigned *fl)
{
	uint16_t sign = (uint16_t)(neg ? 0x8000 : 0);
	uint64_t keep, rem;
	unsigned shift;
	bool tiny = true;
	if (exp >= -14) { /* normal: 11 significant bits */
		shift = 42;
		keep = sig >> shift;
		rem = sig & ((1ull << shift) - 1);
		keep += round_up(rm, neg, keep, rem, shift);
		if (keep == 0x800) {
			keep >>= 1;
			exp++;
		}
		if (exp > 15) { /* overflow: infinity or the largest finite, by the rounding direction */
			bool to_inf = rm == RM_RNE || rm == RM_RMM || (rm == RM_RUP && !neg) || (rm == RM_RDN && neg);
			*fl |= FFLAG_OF | FFLAG_NX;
			return sign | (to_inf ? 0x7c00 : 0x7bff);
		}
		if (rem)
			*fl |= FFLAG_NX;
		return sign | (uint16_t)((exp + 15) << 10) | (uint16_t)(keep & 0x3ff);
	}
	/* subnormal half: units of 2^-24; tiny unless rounding to 11 bits reaches 2^-14 */
	shift = (unsigned)(42 + (-14 - exp));
	keep = shift > 63 ? 0 : sig >> shift;
	rem = shift > 63 ? sig : sig & ((1ull << shift) - 1);
	if (exp == -15) {
		uint64_t k11 = sig >> 42, r11 = sig & ((1ull << 42) - 1);
		tiny = k11 + round_up(rm, neg, k11, r11, 42) < 0x800;
	}
	keep += round_up(rm, neg, keep, rem, shift);
	if (rem) {
		*fl |= FFLAG_NX;
		if (tiny)
			*fl |= FFLAG_UF;
	}
	return sign | (uint16_t)keep; /* 0x400 is the smallest normal */
}

uint16_t fp_s_to_h(uint32_t s, int rm, unsigned *fl)
{
	/* exactly in double (where a signaling NaN raises NV), then rounded once */
	return fp_d_to_h(fp_s_to_d(s, fl), rm, fl);
}

uint16_t fp_d_to_h(uint64_t d, int rm, unsigned *fl)
{
	bool neg = d >> 63;
	uint16_t sign = (uint16_t)(neg ? 0x8000 : 0);
	int e = (int)((d >> 52) & 0x7ff), exp;
	uint64_t sig = d & ((1ull << 52) - 1);
	if (e == 0x7ff) {
		if (sig == 0)
			return sign | 0x7c00;
		if (!(sig >> 51))
			*fl |= FFLAG_NV;
		return RV_NAN_H;
	}
	if (e == 0 && sig == 0)
		return sign;
	if (e == 0) { /* subnormal: normalise */
		exp = -1022;
		while (!(sig >> 52)) {
			sig <<= 1;
			exp--;
		}
	} else {
		sig |= 1ull << 52;
		exp = e - 1023;
	}
	return round_to_h(neg, exp, sig, rm, fl);
}

double fp_fli_value(unsigned i)
{
	static const double v[32] = {-1.0, 0,      0x1p-16, 0x1p-15, 0x1p-8, 0x1p-7, 0.0625,   0.125,
				     0.25, 0.3125, 0.375,   0.4375,  0.5,    0.625,  0.75,     0.875,
				     1.0,  1.25,   1.5,     1.75,    2.0,    2.5,    3.0,      4.0,
				     8.0,  16.0,   128.0,   256.0,   0x1p15, 0x1p16, INFINITY, 0};
	return v[i & 31];
}
