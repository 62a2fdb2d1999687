// Quiet comparisons (C's isless & co.): compiled to frflags; flt/fle; fsflags, which must give
// the ordered result and leave fflags exactly as they were, whatever they held before and
// whatever the operands (NaNs, signaling NaNs, infinities, subnormals, zeros), in double and
// single precision, where a source that is not NaN-boxed is the canonical NaN.
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "check.h"

static const uint64_t vals[] = {0,
				0x8000000000000000,
				0x3ff0000000000000,
				0xbff0000000000000,
				0x7ff0000000000000,
				0xfff0000000000000,
				0x7ff8000000000000,
				0x7ff4000000000000 /* sNaN */,
				0xfff8000000000001,
				0x0000000000000001,
				0x000fffffffffffff,
				0x7fefffffffffffff};
#define N (sizeof vals / sizeof vals[0])

static double d(uint64_t bits)
{
	double x;
	memcpy(&x, &bits, 8);
	return x;
}

static const uint32_t svals[] = {0,          0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
				 0x7fc00000, 0x7fa00000 /* sNaN */, 0xffc00001, 0x00000001, 0x007fffff, 0x7f7fffff};

static float s(uint32_t bits)
{
	float x;
	memcpy(&x, &bits, 4);
	return x;
}

/* The gcc sequence on raw register contents, to give flt.s a source that is not NaN-boxed. */
static int quiet_less_raw(uint64_t a, uint64_t b)
{
	int r;
	unsigned saved;
	double fa, fb;
	__asm__ volatile("fmv.d.x %2, %4\n\tfmv.d.x %3, %5\n\tfrflags %1\n\tflt.s %0, %2, %3\n\tfsflags %1"
			 : "=&r"(r), "=&r"(saved), "=&f"(fa), "=&f"(fb)
			 : "r"(a), "r"(b));
	return r;
}

static unsigned get_flags(void)
{
	unsigned f;
	__asm__ volatile("frflags %0" : "=r"(f));
	return f;
}

static void set_flags(unsigned f)
{
	__asm__ volatile("fsflags %0" : : "r"(f));
}

int main(void)
{
	uint64_t h = 0;
	unsigned i, j, before, n = 0;
	for (before = 0; before < 32; before += 7) {
		for (i = 0; i < N; i++) {
			for (j = 0; j < N; j++) {
				volatile double a = d(vals[i]), b = d(vals[j]);
				int r[4];
				set_flags(before);
				r[0] = __builtin_isless(a, b);
				r[1] = __builtin_islessequal(a, b);
				r[2] = __builtin_isgreater(a, b);
				r[3] = __builtin_isgreaterequal(a, b);
				CHECK(get_flags() == before);
				CHECK(r[0] == (!isnan(a) && !isnan(b) && a < b));
				CHECK(r[3] == (!isnan(a) && !isnan(b) && a >= b));
				h = hash_mix(h, (uint64_t)(r[0] | r[1] << 1 | r[2] << 2 | r[3] << 3));
				n++;
			}
		}
	}
	for (before = 0; before < 32; before += 7) {
		for (i = 0; i < N; i++) {
			for (j = 0; j < N; j++) {
				volatile float a = s(svals[i]), b = s(svals[j]);
				uint64_t boxed = 0xffffffff00000000ull | svals[j];
				int r[6];
				set_flags(before);
				r[0] = __builtin_isless(a, b);
				r[1] = __builtin_islessequal(a, b);
				r[2] = __builtin_isgreater(a, b);
				r[3] = __builtin_isgreaterequal(a, b);
				r[4] = quiet_less_raw(svals[i], boxed); /* the first source not boxed */
				r[5] = quiet_less_raw(0xffffffff00000000ull | svals[i], boxed);
				CHECK(get_flags() == before);
				CHECK(r[0] == (!isnan(a) && !isnan(b) && a < b));
				CHECK(r[3] == (!isnan(a) && !isnan(b) && a >= b));
				CHECK(r[4] == 0 && r[5] == r[0]);
				h = hash_mix(h, (uint64_t)(r[0] | r[1] << 1 | r[2] << 2 | r[3] << 3));
				n++;
			}
		}
	}
	set_flags(0);
	printf("%u quiet comparisons, hash %016llx\n", n, (unsigned long long)h);
	return 0;
}
