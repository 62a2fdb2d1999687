/* Vector kernels: for RISC-V, RVV code as a vectorising compiler writes it (vsetvli with the
 * remaining count at the loop head, unit-stride loads, element-wise arithmetic, stores); for
 * x86-64 the same computation in C, which gcc -O2 -mavx2 -mfma vectorises. Kernels: saxpy
 * z = a * x + z (e32, m4, vfmacc.vf), int32 array addition (e32, m8), an int32 dot product
 * (vmacc into an accumulator, one vredsum at the end), int16 dot products widened to 32 bits
 * (vwmacc, at e16 m4 and at gcc-14's e16 mf2), a byte copy and a memset (e8, m8), strlen and
 * strcpy (fault-only-first loads, vmseq, vfirst; vmsif and a masked store), a 64x64 float matrix
 * product (i-k-j, vfmacc.vf), a 32-bit mixing hash (shifts, xors, multiplies), short loops
 * (tails), a byte histogram (per-lane counters: indexed loads and stores). The arrays are
 * aligned to 64 bytes in both builds (riscv64 gcc would align them to 8, x86-64 gcc to 32, and a
 * store that crosses a cache line costs about 3x one that does not: the rows would measure the two
 * ABIs' layouts); copy-off8 copies at an offset of 8 bytes from that, where a 32- or 64-byte
 * access crosses lines (for x86-64, gcc makes both copies calls of glibc's memcpy, which aligns its
 * stores). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N       4096
#define ALIGNED __attribute__((aligned(64)))
static ALIGNED float x[N], y[N], z[N];
static ALIGNED int32_t a[N], b[N], c[N];
static ALIGNED uint8_t src[4 * N], dst[4 * N];

static void saxpy(void)
{
	const float a = 1.5f;
#ifdef __riscv
	size_t n = N, vl;
	float *px = x, *pz = z;
	while (n) {
		__asm__ volatile("vsetvli %0, %1, e32, m4, ta, ma\n\tvle32.v v8, (%2)\n\tvle32.v v16, (%3)\n\t"
				 "vfmacc.vf v16, %4, v8\n\tvse32.v v16, (%3)"
				 : "=&r"(vl)
				 : "r"(n), "r"(px), "r"(pz), "f"(a)
				 : "memory");
		n -= vl, px += vl, pz += vl;
	}
#else
	for (int i = 0; i < N; i++)
		z[i] = a * x[i] + z[i];
#endif
}

static void iadd(void)
{
#ifdef __riscv
	size_t n = N, vl;
	int32_t *pa = a, *pb = b, *pc = c;
	while (n) {
		__asm__ volatile("vsetvli %0, %1, e32, m8, ta, ma\n\tvle32.v v8, (%2)\n\tvle32.v v16, (%3)\n\t"
				 "vadd.vv v24, v8, v16\n\tvse32.v v24, (%4)"
				 : "=&r"(vl)
				 : "r"(n), "r"(pa), "r"(pb), "r"(pc)
				 : "memory");
		n -= vl, pa += vl, pb += vl, pc += vl;
	}
#else
	for (int i = 0; i < N; i++)
		c[i] = a[i] + b[i];
#endif
}

static int64_t dot_result;

static void dot(void)
{
#ifdef __riscv
	size_t n = N, vl;
	int32_t *pa = a, *pb = b;
	int64_t r;
	__asm__ volatile("vsetvli zero, zero, e32, m4, tu, ma\n\tvmv.v.i v16, 0" ::: "memory");
	while (n) {
		__asm__ volatile("vsetvli %0, %1, e32, m4, tu, ma\n\tvle32.v v8, (%2)\n\tvle32.v v24, (%3)\n\t"
				 "vmacc.vv v16, v8, v24"
				 : "=&r"(vl)
				 : "r"(n), "r"(pa), "r"(pb)
				 : "memory");
		n -= vl, pa += vl, pb += vl;
	}
	__asm__ volatile("vsetvli zero, zero, e32, m4, ta, ma\n\tvmv.s.x v8, zero\n\tvredsum.vs v8, v16, v8\n\t"
			 "vmv.x.s %0, v8"
			 : "=r"(r)
			 :
			 : "memory");
	dot_result += (int32_t)r;
#else
	uint32_t s = 0; /* wrapping, as the vector sum does */
	for (int i = 0; i < N; i++)
		s += (uint32_t)a[i] * (uint32_t)b[i];
	dot_result += (int32_t)s;
#endif
}

/* int16 dot products into 32 bits (vwmacc.vv into an accumulator twice their element size): with
 * the sources at e16 m4, and at e16 mf2 into e32 m1 as gcc-14 -O3 vectorises the C loop (a
 * fractional LMUL: 4 elements a pass at VLEN 128) */
static ALIGNED int16_t ha[N], hb[N];

#define WDOT(name, src_vtype, acc_vtype, va, vb, vacc)                                                                 \
	static void name(void)                                                                                         \
	{                                                                                                              \
		size_t n = N, vl;                                                                                      \
		int16_t *pa = ha, *pb = hb;                                                                            \
		int64_t r;                                                                                             \
		__asm__ volatile("vsetvli t0, zero, " acc_vtype "\n\tvmv.v.i " vacc ", 0" ::: "t0", "memory");         \
		while (n) {                                                                                            \
			__asm__ volatile("vsetvli %0, %1, " src_vtype "\n\tvle16.v " va ", (%2)\n\tvle16.v " vb        \
					 ", (%3)\n\tvwmacc.vv " vacc ", " va ", " vb                                   \
					 : "=&r"(vl)                                                                   \
					 : "r"(n), "r"(pa), "r"(pb)                                                    \
					 : "memory");                                                                  \
			n -= vl, pa += vl, pb += vl;                                                                   \
		}                                                                                                      \
		__asm__ volatile("vsetvli t0, zero, " acc_vtype "\n\tvmv.s.x v31, zero\n\tvredsum.vs v31, " vacc       \
				 ", v31\n\tvmv.x.s %0, v31"                                                            \
				 : "=r"(r)                                                                             \
				 :                                                                                     \
				 : "t0", "memory");                                                                    \
		dot_result += (int32_t)r;                                                                              \
	}

#ifdef __riscv
WDOT(wdot, "e16, m4, tu, ma", "e32, m8, ta, ma", "v8", "v12", "v16")
WDOT(wdot_mf2, "e16, mf2, tu, ma", "e32, m1, ta, ma", "v1", "v2", "v4")
#else
static void wdot(void)
{
	uint32_t s = 0;
	for (int i = 0; i < N; i++)
		s += (uint32_t)(ha[i] * hb[i]);
	dot_result += (int32_t)s;
}
#define wdot_mf2 wdot
#endif

/* n bytes from src + off to dst + off */
static void copy_at(size_t off, size_t n)
{
#ifdef __riscv
	size_t vl;
	uint8_t *s = src + off, *d = dst + off;
	while (n) {
		__asm__ volatile("vsetvli %0, %1, e8, m8, ta, ma\n\tvle8.v v8, (%2)\n\tvse8.v v8, (%3)"
				 : "=&r"(vl)
				 : "r"(n), "r"(s), "r"(d)
				 : "memory");
		n -= vl, s += vl, d += vl;
	}
#else
	for (size_t i = off; i < off + n; i++)
		dst[i] = src[i];
#endif
}

static void copy(void)
{
	copy_at(0, sizeof src);
}

static void copy_off8(void)
{
	copy_at(8, sizeof src - 64);
}

#define M 64
static ALIGNED float ma[M][M], mb[M][M], mc[M][M];

/* C = A * B over 64x64 floats in i-k-j order, as vectorising compilers do: a row of B times
 * A[i][k] added into the row of C (vfmacc.vf) */
static void matmul(void)
{
	for (int i = 0; i < M; i++) {
		memset(mc[i], 0, sizeof mc[i]);
		for (int k = 0; k < M; k++) {
#ifdef __riscv
			size_t n = M, vl;
			float *pb = mb[k], *pc = mc[i];
			while (n) {
				__asm__ volatile(
				    "vsetvli %0, %1, e32, m4, ta, ma\n\tvle32.v v8, (%2)\n\tvle32.v v16, (%3)\n\t"
				    "vfmacc.vf v16, %4, v8\n\tvse32.v v16, (%3)"
				    : "=&r"(vl)
				    : "r"(n), "r"(pb), "r"(pc), "f"(ma[i][k])
				    : "memory");
				n -= vl, pb += vl, pc += vl;
			}
#else
			for (int j = 0; j < M; j++)
				mc[i][j] += ma[i][k] * mb[k][j];
#endif
		}
	}
}

static ALIGNED uint32_t hashes[N];

/* a 32-bit mixing hash of every element (shifts, xors, multiplies) */
static void hash(void)
{
#ifdef __riscv
	size_t n = N, vl;
	int32_t *pa = a;
	uint32_t *ph = hashes;
	while (n) {
		__asm__ volatile("vsetvli %0, %1, e32, m4, ta, ma\n\tvle32.v v8, (%2)\n\tvsrl.vi v16, v8, 16\n\t"
				 "vxor.vv v8, v8, v16\n\tvmul.vx v8, v8, %4\n\tvsrl.vi v16, v8, 15\n\t"
				 "vxor.vv v8, v8, v16\n\tvse32.v v8, (%3)"
				 : "=&r"(vl)
				 : "r"(n), "r"(pa), "r"(ph), "r"(0x2c1b3c6d)
				 : "memory");
		n -= vl, pa += vl, ph += vl;
	}
#else
	for (int i = 0; i < N; i++) {
		uint32_t v = (uint32_t)a[i];
		v ^= v >> 16;
		v *= 0x2c1b3c6du;
		hashes[i] = v ^ (v >> 15);
	}
#endif
}

/* Short loops, 1 to 31 elements, as the same strip-mined code runs them: the last pass, below
 * VLMAX, is most of the work (z = a * x + z in e32, m2; c = a + b in e32, m1) */
static void tails(void)
{
	for (size_t len = 1; len < 32; len++) {
#ifdef __riscv
		const float k = 0.5f;
		size_t n = len, vl;
		float *px = x, *pz = z;
		int32_t *pa = a, *pb = b, *pc = c;
		while (n) {
			__asm__ volatile("vsetvli %0, %1, e32, m2, ta, ma\n\tvle32.v v8, (%2)\n\tvle32.v v16, (%3)\n\t"
					 "vfmacc.vf v16, %4, v8\n\tvse32.v v16, (%3)"
					 : "=&r"(vl)
					 : "r"(n), "r"(px), "r"(pz), "f"(k)
					 : "memory");
			n -= vl, px += vl, pz += vl;
		}
		for (n = len; n; n -= vl, pa += vl, pb += vl, pc += vl)
			__asm__ volatile("vsetvli %0, %1, e32, m1, ta, ma\n\tvle32.v v8, (%2)\n\tvle32.v v16, (%3)\n\t"
					 "vadd.vv v24, v8, v16\n\tvse32.v v24, (%4)"
					 : "=&r"(vl)
					 : "r"(n), "r"(pa), "r"(pb), "r"(pc)
					 : "memory");
#else
		for (size_t i = 0; i < len; i++)
			z[i] = 0.5f * x[i] + z[i];
		for (size_t i = 0; i < len; i++)
			c[i] = a[i] + b[i];
#endif
	}
}

static ALIGNED uint32_t histo[256];
#ifdef __riscv
static ALIGNED uint32_t lane_counts[128 * 256]; /* [lane][byte], up to 128 lanes (e32, m4 at VLEN 1024) */
#endif

/* The bytes of src counted: for RISC-V, each lane of an e32 m4 group counts into its own 256
 * counters (so that one pass never adds twice to one counter): widen, index, gather, add one,
 * scatter; then the lanes summed. For x86-64, the plain loop (gcc does not vectorise it). */
static void histogram(void)
{
#ifdef __riscv
	size_t n = sizeof src, vl, lanes;
	const uint8_t *p = src;
	uint32_t *q = lane_counts;
	__asm__ volatile("vsetvli %0, zero, e32, m4, ta, ma\n\tvid.v v12\n\tvsll.vi v12, v12, 10" : "=r"(lanes));
	for (size_t m = lanes * 256; m; m -= vl, q += vl)
		__asm__ volatile("vsetvli %0, %1, e32, m8, ta, ma\n\tvmv.v.i v16, 0\n\tvse32.v v16, (%2)"
				 : "=&r"(vl)
				 : "r"(m), "r"(q)
				 : "memory");
	while (n) {
		__asm__ volatile("vsetvli %0, %1, e8, m1, ta, ma\n\tvle8.v v1, (%2)\n\t"
				 "vsetvli zero, %0, e32, m4, ta, ma\n\tvzext.vf4 v4, v1\n\tvsll.vi v4, v4, 2\n\t"
				 "vadd.vv v4, v4, v12\n\tvluxei32.v v8, (%3), v4\n\tvadd.vi v8, v8, 1\n\t"
				 "vsuxei32.v v8, (%3), v4"
				 : "=&r"(vl)
				 : "r"(n), "r"(p), "r"(lane_counts)
				 : "memory");
		n -= vl, p += vl;
	}
	for (size_t b = 0; b < 256; b += vl) {
		__asm__ volatile("vsetvli %0, %1, e32, m8, ta, ma\n\tvmv.v.i v16, 0" : "=&r"(vl) : "r"(256 - b));
		for (size_t l = 0; l < lanes; l++)
			__asm__ volatile("vle32.v v24, (%0)\n\tvadd.vv v16, v16, v24"
					 :
					 : "r"(lane_counts + l * 256 + b));
		__asm__ volatile("vse32.v v16, (%0)" : : "r"(histo + b) : "memory");
	}
#else
	memset(histo, 0, sizeof histo);
	for (size_t i = 0; i < sizeof src; i++)
		histo[src[i]]++;
#endif
}

static size_t len_result;
static ALIGNED char str[4 * N];

static void fill(void)
{
#ifdef __riscv
	size_t n = sizeof dst, vl;
	uint8_t *d = dst;
	while (n) {
		__asm__ volatile("vsetvli %0, %1, e8, m8, ta, ma\n\tvmv.v.x v8, %3\n\tvse8.v v8, (%2)"
				 : "=&r"(vl)
				 : "r"(n), "r"(d), "r"(0x5a)
				 : "memory");
		n -= vl, d += vl;
	}
#else
	for (size_t i = 0; i < sizeof dst; i++)
		dst[i] = 0x5a;
#endif
}

/* strlen as vector C libraries write it: fault-only-first loads, a compare, vfirst */
static void length(void)
{
#ifdef __riscv
	const char *p = str;
	long first;
	size_t vl;
	for (;;) {
		__asm__ volatile("vsetvli %1, zero, e8, m8, ta, ma\n\tvle8ff.v v8, (%2)\n\tcsrr %1, vl\n\t"
				 "vmseq.vi v0, v8, 0\n\tvfirst.m %0, v0"
				 : "=&r"(first), "=&r"(vl)
				 : "r"(p)
				 : "memory");
		if (first >= 0) {
			p += first;
			break;
		}
		p += vl;
	}
	len_result += (size_t)(p - str);
#else
	len_result += strlen(str);
#endif
}

/* strcpy as vector C libraries write it (the V spec's example): fault-only-first loads, a compare,
 * vfirst, vmsif for the bytes up to the NUL, a store under that mask */
static void copy_string(void)
{
#ifdef __riscv
	const char *s = str;
	char *d = (char *)dst;
	long first;
	size_t vl;
	do {
		__asm__ volatile("vsetvli %1, zero, e8, m8, ta, ma\n\tvle8ff.v v8, (%2)\n\tcsrr %1, vl\n\t"
				 "vmseq.vi v1, v8, 0\n\tvfirst.m %0, v1\n\tvmsif.m v0, v1\n\tvse8.v v8, (%3), v0.t"
				 : "=&r"(first), "=&r"(vl)
				 : "r"(s), "r"(d)
				 : "memory");
		s += vl, d += vl;
	} while (first < 0);
#else
	strcpy((char *)dst, str);
#endif
	len_result += dst[sizeof str / 2];
}

int main(int argc, char **argv)
{
	const char *k = argc > 1 ? argv[1] : "saxpy";
	long reps = argc > 2 ? atol(argv[2]) : 10000;
	void (*fn)(void) = !strcmp(k, "iadd")        ? iadd
			   : !strcmp(k, "copy")      ? copy
			   : !strcmp(k, "copy-off8") ? copy_off8
			   : !strcmp(k, "dot")       ? dot
			   : !strcmp(k, "wdot")      ? wdot
			   : !strcmp(k, "wdot-mf2")  ? wdot_mf2
			   : !strcmp(k, "fill")      ? fill
			   : !strcmp(k, "strlen")    ? length
			   : !strcmp(k, "strcpy")    ? copy_string
			   : !strcmp(k, "matmul")    ? matmul
			   : !strcmp(k, "hash")      ? hash
			   : !strcmp(k, "tails")     ? tails
			   : !strcmp(k, "histogram") ? histogram
						     : saxpy;
	double s = 0;
	for (int i = 0; i < N; i++) {
		x[i] = (float)i * 0.5f, y[i] = 1.0f / (float)(i + 1), a[i] = i * 7, b[i] = -i;
		ha[i] = (int16_t)(i * 37 - 20000), hb[i] = (int16_t)(i % 251 - 125);
		src[i] = (uint8_t)(i * 13), src[N + i] = (uint8_t)i;
		src[2 * N + i] = (uint8_t)(i * i + 7 * i), src[3 * N + i] = (uint8_t)((i >> 3) ^ (i * 29));
	}
	for (size_t i = 0; i < sizeof str - 1; i++)
		str[i] = (char)('a' + i % 26);
	for (int i = 0; i < M; i++)
		for (int j = 0; j < M; j++)
			ma[i][j] = (float)((i * 7 + j) % 13) * 0.25f, mb[i][j] = (float)((i + j * 3) % 11) * 0.5f;
	for (long r = 0; r < reps; r++) {
		fn();
		__asm__ volatile("" ::: "memory");
	}
	for (int i = 0; i < N; i++)
		s += (double)z[i] * 1e-6 + c[i] + dst[i] + dst[3 * N + i] + hashes[i] % 7;
	for (int i = 0; i < M; i++)
		s += mc[i][i];
	for (int i = 0; i < 256; i++)
		s += histo[i] * (i % 5);
	printf("%.3f %lld %zu\n", s, (long long)dot_result, len_result);
	return 0;
}
