/* Loops a vectorising compiler turns into RVV code (gcc-14 -O3 -march=rv64gcv): each kernel runs
 * as compiled and against a reference built without vectorisation, and prints whether they
 * agree. Compiled and run under rvx by tests/distro/cases/gcc_autovec.sh. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 1003
#define REF __attribute__((optimize("no-tree-vectorize"), noinline))
#define VEC __attribute__((noinline))

static float fx[N], fy[N], fy_ref[N];
static int32_t ia[N], ib[N], ic[N], ic_ref[N];
static int16_t hs[N];
static double dv[N];
struct pt {
	int32_t x, y, z;
} pts[N];
static char text[N + 1];

#define KERNELS(ATTR, S)                                                                                               \
	ATTR static void saxpy##S(float a, float *y)                                                                   \
	{                                                                                                              \
		for (int i = 0; i < N; i++)                                                                            \
			y[i] = a * fx[i] + y[i];                                                                       \
	}                                                                                                              \
	ATTR static void iadd##S(int32_t *c)                                                                           \
	{                                                                                                              \
		for (int i = 0; i < N; i++)                                                                            \
			c[i] = ia[i] + ib[i] * 3 - (ia[i] >> 2);                                                       \
	}                                                                                                              \
	ATTR static int64_t idot##S(void)                                                                              \
	{                                                                                                              \
		int64_t s = 0;                                                                                         \
		for (int i = 0; i < N; i++)                                                                            \
			s += (int64_t)ia[i] * ib[i];                                                                   \
		return s;                                                                                              \
	}                                                                                                              \
	ATTR static double dsum##S(void)                                                                               \
	{                                                                                                              \
		double s = 0;                                                                                          \
		for (int i = 0; i < N; i++)                                                                            \
			s += dv[i];                                                                                    \
		return s;                                                                                              \
	}                                                                                                              \
	ATTR static void absval##S(int32_t *c)                                                                         \
	{                                                                                                              \
		for (int i = 0; i < N; i++)                                                                            \
			c[i] = ia[i] > 0 ? ia[i] : -ia[i] / 2;                                                         \
	}                                                                                                              \
	ATTR static int32_t ysum##S(void)                                                                              \
	{                                                                                                              \
		int32_t s = 0;                                                                                         \
		for (int i = 0; i < N; i++)                                                                            \
			s += pts[i].y;                                                                                 \
		return s;                                                                                              \
	}                                                                                                              \
	ATTR static int32_t hsum##S(void)                                                                              \
	{                                                                                                              \
		int32_t s = 0;                                                                                         \
		for (int i = 0; i < N; i++)                                                                            \
			s += hs[i] * hs[i];                                                                            \
		return s;                                                                                              \
	}                                                                                                              \
	ATTR static void reverse##S(int32_t *c)                                                                        \
	{                                                                                                              \
		for (int i = 0; i < N; i++)                                                                            \
			c[i] = ia[N - 1 - i];                                                                          \
	}                                                                                                              \
	ATTR static size_t length##S(const char *s)                                                                    \
	{                                                                                                              \
		size_t n = 0;                                                                                          \
		while (s[n])                                                                                           \
			n++;                                                                                           \
		return n;                                                                                              \
	}                                                                                                              \
	ATTR static int32_t maxval##S(void)                                                                            \
	{                                                                                                              \
		int32_t m = ia[0];                                                                                     \
		for (int i = 1; i < N; i++)                                                                            \
			m = ia[i] > m ? ia[i] : m;                                                                     \
		return m;                                                                                              \
	}

KERNELS(VEC, )
KERNELS(REF, _ref)

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

#define CHECK(name, ok) printf("%-8s %s\n", name, (ok) ? "ok" : "DIFFERS")

int main(void)
{
	for (int i = 0; i < N; i++) {
		fx[i] = (float)(int32_t)(next() % 2001 - 1000) / 8.0f;
		fy[i] = fy_ref[i] = (float)(int32_t)(next() % 2001 - 1000) / 16.0f;
		ia[i] = (int32_t)next();
		ib[i] = (int32_t)(next() % 100000);
		hs[i] = (int16_t)next();
		dv[i] = (double)(int32_t)next() / 1024.0;
		pts[i] = (struct pt){(int32_t)next(), (int32_t)(next() % 1000), 0};
		text[i] = (char)('a' + next() % 26);
	}
	text[777] = 0;
	saxpy(1.5f, fy);
	saxpy_ref(1.5f, fy_ref);
	CHECK("saxpy", !memcmp(fy, fy_ref, sizeof fy));
	iadd(ic);
	iadd_ref(ic_ref);
	CHECK("iadd", !memcmp(ic, ic_ref, sizeof ic));
	CHECK("idot", idot() == idot_ref());
	CHECK("dsum", dsum() == dsum_ref());
	absval(ic);
	absval_ref(ic_ref);
	CHECK("absval", !memcmp(ic, ic_ref, sizeof ic));
	CHECK("ysum", ysum() == ysum_ref());
	CHECK("hsum", hsum() == hsum_ref());
	reverse(ic);
	reverse_ref(ic_ref);
	CHECK("reverse", !memcmp(ic, ic_ref, sizeof ic));
	CHECK("length", length(text) == length_ref(text) && length(text) == 777);
	CHECK("maxval", maxval() == maxval_ref());
	return 0;
}
