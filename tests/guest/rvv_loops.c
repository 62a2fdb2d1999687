// Vector loops as compilers write them: vsetvli at the loop head with the remaining count, then
// unit-stride loads, element-wise integer and F/D arithmetic (vector-vector, vector-scalar,
// vector-immediate; shifts; the eight multiply-adds, whose inf * 0 + NaN raises NV; sums by
// vredsum read back with vmv.x.s) and stores, over every SEW and LMUL 1 to 8, with counts that
// leave a short last pass (vl below VLMAX); FP inputs with NaNs, infinities and signaling NaNs
// under each rounding mode (results, canonical NaNs and flags); .vf scalars held in an f register
// across the loop, NaN-boxed or not; a load that runs into an unmapped page.
// The translator runs these inline; the oracle is QEMU 10.
// qemu: rva23
// cflags: -march=rv64gcv
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t fnv(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

#define N 203
static uint8_t a[N * 8], b[N * 8], c[N * 8];

/* The passes of a loop over n elements of EEW bytes at pa, pb and pc: pass does vl of them */
#define PASSES(pass)                                                                                                   \
	while (n > 0) {                                                                                                \
		pass;                                                                                                  \
		n -= vl;                                                                                               \
		pa += vl * EEW;                                                                                        \
		pb += vl * EEW;                                                                                        \
		pc += vl * EEW;                                                                                        \
	}

/* c = a OP b element-wise for n elements of the loop's SEW, LMUL */
#define LOOP(name, vset, ld, st, body)                                                                                 \
	static void name(size_t n, uint64_t x)                                                                         \
	{                                                                                                              \
		uint8_t *pa = a, *pb = b, *pc = c;                                                                     \
		size_t vl, w = 0;                                                                                      \
		PASSES(__asm__ volatile(vset "\n\t" ld " v8, (%[pa])\n\t" ld " v16, (%[pb])\n\t" body "\n\t" st        \
					" v24, (%[pc])\n\tcsrr %[w], vlenb"                                            \
					: [vl] "=&r"(vl), [w] "=&r"(w)                                                 \
					: [n] "r"(n), [pa] "r"(pa), [pb] "r"(pb), [pc] "r"(pc), [x] "r"(x)              \
					: "memory"))                                                                   \
	}

#define EEW 1
LOOP(add8m1, "vsetvli %[vl], %[n], e8, m1, ta, ma", "vle8.v", "vse8.v", "vadd.vv v24, v8, v16")
LOOP(sub8m8, "vsetvli %[vl], %[n], e8, m8, ta, ma", "vle8.v", "vse8.v", "vsub.vx v24, v8, %[x]")
LOOP(xor8m2, "vsetvli %[vl], %[n], e8, m2, ta, ma", "vle8.v", "vse8.v", "vxor.vi v24, v8, -3")
#undef EEW
#define EEW 2
LOOP(mul16m2, "vsetvli %[vl], %[n], e16, m2, ta, ma", "vle16.v", "vse16.v", "vmul.vv v24, v8, v16")
LOOP(rsub16m4, "vsetvli %[vl], %[n], e16, m4, ta, ma", "vle16.v", "vse16.v", "vrsub.vx v24, v8, %[x]")
LOOP(and16m1, "vsetvli %[vl], %[n], e16, m1, ta, ma", "vle16.v", "vse16.v", "vand.vv v24, v8, v16")
LOOP(sll16m2x, "vsetvli %[vl], %[n], e16, m2, ta, ma", "vle16.v", "vse16.v", "vsll.vx v24, v8, %[x]")
LOOP(sra16m4i, "vsetvli %[vl], %[n], e16, m4, ta, ma", "vle16.v", "vse16.v", "vsra.vi v24, v8, 15")
LOOP(macc16m2, "vsetvli %[vl], %[n], e16, m2, ta, ma", "vle16.v", "vse16.v", "vmv.v.v v24, v16\n\tvmacc.vv v24, v8, v16")
LOOP(nmsub16m4x, "vsetvli %[vl], %[n], e16, m4, ta, ma", "vle16.v", "vse16.v", "vmv.v.v v24, v8\n\tvnmsub.vx v24, %[x], v16")
#undef EEW
#define EEW 4
LOOP(add32m4, "vsetvli %[vl], %[n], e32, m4, ta, ma", "vle32.v", "vse32.v", "vadd.vi v24, v8, 7")
LOOP(or32m1, "vsetvli %[vl], %[n], e32, m1, ta, ma", "vle32.v", "vse32.v", "vor.vx v24, v8, %[x]")
LOOP(mv32m2, "vsetvli %[vl], %[n], e32, m2, ta, ma", "vle32.v", "vse32.v", "vmv.v.x v24, %[x]")
LOOP(nmsac32m1x, "vsetvli %[vl], %[n], e32, m1, ta, ma", "vle32.v", "vse32.v", "vmv.v.v v24, v16\n\tvnmsac.vx v24, %[x], v8")
LOOP(madd32m8, "vsetvli %[vl], %[n], e32, m8, ta, ma", "vle32.v", "vse32.v", "vmv.v.v v24, v8\n\tvmadd.vv v24, v16, v8")
LOOP(mul32m2, "vsetvli %[vl], %[n], e32, m2, ta, ma", "vle32.v", "vse32.v", "vmul.vv v24, v8, v16")
LOOP(mulx32m4, "vsetvli %[vl], %[n], e32, m4, ta, ma", "vle32.v", "vse32.v", "vmul.vx v24, v8, %[x]")
LOOP(sra32m1x, "vsetvli %[vl], %[n], e32, m1, ta, ma", "vle32.v", "vse32.v", "vsra.vx v24, v8, %[x]")
LOOP(srl32m8i, "vsetvli %[vl], %[n], e32, m8, ta, ma", "vle32.v", "vse32.v", "vsrl.vi v24, v8, 13")
LOOP(fadd32m1, "vsetvli %[vl], %[n], e32, m1, ta, ma", "vle32.v", "vse32.v", "vfadd.vv v24, v8, v16")
LOOP(fmul32m4, "vsetvli %[vl], %[n], e32, m4, ta, ma", "vle32.v", "vse32.v", "vfmul.vv v24, v8, v16")
LOOP(fdiv32m2, "vsetvli %[vl], %[n], e32, m2, ta, ma", "vle32.v", "vse32.v", "vfdiv.vv v24, v8, v16")
LOOP(fsub32m1f, "vsetvli %[vl], %[n], e32, m1, ta, ma", "vle32.v", "vse32.v", "fmv.w.x ft0, %[x]\n\tvfsub.vf v24, v8, ft0")
LOOP(fmacc32m1, "vsetvli %[vl], %[n], e32, m1, ta, ma", "vle32.v", "vse32.v", "vmv.v.v v24, v16\n\tvfmacc.vv v24, v8, v16")
LOOP(fnmacc32m2f, "vsetvli %[vl], %[n], e32, m2, ta, ma", "vle32.v", "vse32.v",
     "vmv.v.v v24, v16\n\tfmv.w.x ft0, %[x]\n\tvfnmacc.vf v24, ft0, v8")
LOOP(fmsac32m4, "vsetvli %[vl], %[n], e32, m4, ta, ma", "vle32.v", "vse32.v", "vmv.v.v v24, v8\n\tvfmsac.vv v24, v8, v16")
LOOP(fnmsac32m8, "vsetvli %[vl], %[n], e32, m8, ta, ma", "vle32.v", "vse32.v", "vmv.v.v v24, v16\n\tvfnmsac.vv v24, v16, v8")
#undef EEW
#define EEW 8
LOOP(sub64m8, "vsetvli %[vl], %[n], e64, m8, ta, ma", "vle64.v", "vse64.v", "vsub.vv v24, v8, v16")
LOOP(mv64m1, "vsetvli %[vl], %[n], e64, m1, ta, ma", "vle64.v", "vse64.v", "vmv.v.v v24, v16")
LOOP(sll64m2i, "vsetvli %[vl], %[n], e64, m2, ta, ma", "vle64.v", "vse64.v", "vsll.vi v24, v8, 31")
LOOP(srl64m4x, "vsetvli %[vl], %[n], e64, m4, ta, ma", "vle64.v", "vse64.v", "vsrl.vx v24, v8, %[x]")
LOOP(fadd64m2, "vsetvli %[vl], %[n], e64, m2, ta, ma", "vle64.v", "vse64.v", "vfadd.vv v24, v8, v16")
LOOP(fdiv64m1, "vsetvli %[vl], %[n], e64, m1, ta, ma", "vle64.v", "vse64.v", "vfdiv.vv v24, v8, v16")
LOOP(fmul64m4f, "vsetvli %[vl], %[n], e64, m4, ta, ma", "vle64.v", "vse64.v", "fmv.d.x ft0, %[x]\n\tvfmul.vf v24, v8, ft0")
LOOP(fmadd64m1, "vsetvli %[vl], %[n], e64, m1, ta, ma", "vle64.v", "vse64.v", "vmv.v.v v24, v16\n\tvfmadd.vv v24, v8, v16")
LOOP(fnmadd64m2f, "vsetvli %[vl], %[n], e64, m2, ta, ma", "vle64.v", "vse64.v",
     "vmv.v.v v24, v8\n\tfmv.d.x ft0, %[x]\n\tvfnmadd.vf v24, ft0, v16")
LOOP(fmsub64m4, "vsetvli %[vl], %[n], e64, m4, ta, ma", "vle64.v", "vse64.v", "vmv.v.v v24, v16\n\tvfmsub.vv v24, v8, v8")
LOOP(fnmsub64m1, "vsetvli %[vl], %[n], e64, m1, ta, ma", "vle64.v", "vse64.v", "vmv.v.v v24, v8\n\tvfnmsub.vv v24, v16, v8")
#undef EEW

/* Loops with no other instruction (no CSR read) whose .vf scalar is an f register set before the
 * loop, as compilers keep it: box is or'ed into its bits, so that a single is NaN-boxed or,
 * with box 0, reads as the canonical NaN */
#define LOOPF(name, vset, ld, st, body, box)                                                                           \
	static void name(size_t n, uint64_t x)                                                                         \
	{                                                                                                              \
		uint8_t *pa = a, *pb = b, *pc = c;                                                                     \
		size_t vl;                                                                                             \
		double f;                                                                                              \
		__asm__ volatile("fmv.d.x %0, %1" : "=f"(f) : "r"(x | (box)));                                        \
		PASSES(__asm__ volatile(vset "\n\t" ld " v8, (%[pa])\n\t" ld " v16, (%[pb])\n\t" body "\n\t" st        \
					" v16, (%[pc])"                                                                \
					: [vl] "=&r"(vl)                                                               \
					: [n] "r"(n), [pa] "r"(pa), [pb] "r"(pb), [pc] "r"(pc), [f] "f"(f)              \
					: "memory"))                                                                   \
	}

#define EEW 4
LOOPF(saxpy32m4, "vsetvli %[vl], %[n], e32, m4, ta, ma", "vle32.v", "vse32.v", "vfmacc.vf v16, %[f], v8",
      0xffffffff00000000ull)
LOOPF(saxpy32m4nan, "vsetvli %[vl], %[n], e32, m4, ta, ma", "vle32.v", "vse32.v", "vfmacc.vf v16, %[f], v8", 0)
LOOPF(fsub32m8f, "vsetvli %[vl], %[n], e32, m8, ta, ma", "vle32.v", "vse32.v", "vfsub.vf v16, v8, %[f]",
      0xffffffff00000000ull)
LOOPF(fmul32m2nan, "vsetvli %[vl], %[n], e32, m2, ta, ma", "vle32.v", "vse32.v", "vfmul.vf v16, v8, %[f]", 0)
LOOPF(fmadd32m4f, "vsetvli %[vl], %[n], e32, m4, ta, ma", "vle32.v", "vse32.v", "vfmadd.vf v16, %[f], v8",
      0xffffffff00000000ull)
#undef EEW
#define EEW 8
LOOPF(fnmsac64m4f, "vsetvli %[vl], %[n], e64, m4, ta, ma", "vle64.v", "vse64.v", "vfnmsac.vf v16, %[f], v8", 0)
LOOPF(fadd64m1f, "vsetvli %[vl], %[n], e64, m1, ta, ma", "vle64.v", "vse64.v", "vfadd.vf v16, v8, %[f]", 0)
LOOPF(fnmadd64m8f, "vsetvli %[vl], %[n], e64, m8, ta, ma", "vle64.v", "vse64.v", "vfnmadd.vf v16, %[f], v8", 0)
#undef EEW

static const struct {
	const char *name;
	void (*fn)(size_t, uint64_t);
	int fp; /* element bytes of a float operation, 0 for integers */
} loops[] = {
    {"add8m1", add8m1, 0},     {"sub8m8", sub8m8, 0},	  {"xor8m2", xor8m2, 0},     {"mul16m2", mul16m2, 0},
    {"rsub16m4", rsub16m4, 0}, {"and16m1", and16m1, 0},	  {"add32m4", add32m4, 0},   {"or32m1", or32m1, 0},
    {"mv32m2", mv32m2, 0},     {"fadd32m1", fadd32m1, 4}, {"fmul32m4", fmul32m4, 4}, {"fdiv32m2", fdiv32m2, 4},
    {"fsub32m1f", fsub32m1f, 4}, {"sub64m8", sub64m8, 0},	  {"mv64m1", mv64m1, 0},     {"fadd64m2", fadd64m2, 8},
    {"fdiv64m1", fdiv64m1, 8}, {"fmul64m4f", fmul64m4f, 8}, {"fmacc32m1", fmacc32m1, 4},
    {"fnmacc32m2f", fnmacc32m2f, 4}, {"fmsac32m4", fmsac32m4, 4}, {"fnmsac32m8", fnmsac32m8, 4},
    {"fmadd64m1", fmadd64m1, 8}, {"fnmadd64m2f", fnmadd64m2f, 8}, {"fmsub64m4", fmsub64m4, 8},
    {"fnmsub64m1", fnmsub64m1, 8}, {"macc16m2", macc16m2, 0}, {"nmsub16m4x", nmsub16m4x, 0},
    {"nmsac32m1x", nmsac32m1x, 0}, {"madd32m8", madd32m8, 0}, {"mul32m2", mul32m2, 0},
    {"mulx32m4", mulx32m4, 0}, {"sra32m1x", sra32m1x, 0}, {"srl32m8i", srl32m8i, 0},
    {"sll16m2x", sll16m2x, 0}, {"sra16m4i", sra16m4i, 0}, {"sll64m2i", sll64m2i, 0},
    {"srl64m4x", srl64m4x, 0}, {"saxpy32m4", saxpy32m4, 4}, {"saxpy32m4nan", saxpy32m4nan, 4},
    {"fsub32m8f", fsub32m8f, 4}, {"fmul32m2nan", fmul32m2nan, 4}, {"fnmsac64m4f", fnmsac64m4f, 8},
    {"fadd64m1f", fadd64m1f, 8}, {"fmadd32m4f", fmadd32m4f, 4}, {"fnmadd64m8f", fnmadd64m8f, 8},
};

/* the sum of n elements of a by vredsum (as compilers write it: the running sum in v16[0], read
 * back with vmv.x.s) */
#define SUM(name, vset, ld, eew)                                                                                       \
	static uint64_t name(size_t n)                                                                                 \
	{                                                                                                              \
		uint8_t *pa = a;                                                                                       \
		size_t vl;                                                                                             \
		uint64_t r;                                                                                            \
		__asm__ volatile("vsetivli zero, 1, e64, m1, ta, ma\n\tvmv.s.x v16, zero" ::: "memory");              \
		while (n > 0) {                                                                                        \
			__asm__ volatile(vset "\n\t" ld " v8, (%[pa])\n\tvredsum.vs v16, v8, v16\n\tvmv.x.s %[r], v16"       \
					 : [vl] "=&r"(vl), [r] "=&r"(r)                                                \
					 : [n] "r"(n), [pa] "r"(pa)                                                    \
					 : "memory");                                                                  \
			n -= vl;                                                                                       \
			pa += vl * eew;                                                                                \
		}                                                                                                      \
		return r;                                                                                              \
	}
SUM(sum8m8, "vsetvli %[vl], %[n], e8, m8, ta, ma", "vle8.v", 1)
SUM(sum16m1, "vsetvli %[vl], %[n], e16, m1, ta, ma", "vle16.v", 2)
SUM(sum32m4, "vsetvli %[vl], %[n], e32, m4, ta, ma", "vle32.v", 4)
SUM(sum64m2, "vsetvli %[vl], %[n], e64, m2, ta, ma", "vle64.v", 8)

static void fill(uint8_t *p, int fp)
{
	for (int i = 0; i < N * 8; i += 8) {
		uint64_t v = next();
		if (fp == 4 && (v & 7) == 0)
			v = (v & 1 ? 0x7fa000007f800000ull : 0xffc0000100000000ull) ^ (v & 0x8000000080000000ull);
		else if (fp == 4)
			v = (v & 0x807fffff807fffffull) | ((0x70ull + (v >> 56) % 32) << 23) | ((0x70ull + (v >> 48) % 32) << 55);
		else if (fp == 8 && (v & 7) == 0)
			v = v & 2 ? 0x7ff4000000000000ull : v & 4 ? 0xfff0000000000000ull : 0;
		else if (fp == 8)
			v = (v & 0x800fffffffffffffull) | ((0x3f0ull + (v >> 52) % 32) << 52);
		memcpy(p + i, &v, 8);
	}
}

static sigjmp_buf trap;
static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	printf("signal %d at page offset %ld\n", sig, (long)((uintptr_t)si->si_addr & 4095));
	siglongjmp(trap, 1);
}

int main(void)
{
	for (unsigned k = 0; k < sizeof loops / sizeof loops[0]; k++) {
		for (int rm = 0; rm < (loops[k].fp ? 5 : 1); rm++) {
			size_t counts[] = {N, 1, 17, 64};
			for (unsigned j = 0; j < 4; j++) {
				unsigned fflags;
				uint64_t x = next();
				fill(a, loops[k].fp);
				fill(b, loops[k].fp);
				memset(c, 0x5a, sizeof c);
				if (loops[k].fp == 4)
					x = (x & 0x807fffff) | 0x3f000000;
				else if (loops[k].fp == 8)
					x = (x & 0x800fffffffffffffull) | 0x3ff0000000000000ull;
				__asm__ volatile("csrw frm, %0\n\tcsrw fflags, zero" : : "r"(rm));
				loops[k].fn(counts[j], x);
				__asm__ volatile("csrr %0, fflags" : "=r"(fflags));
				printf("%s rm %d n %zu: %016llx fflags %u\n", loops[k].name, rm, counts[j],
				       (unsigned long long)fnv(c, sizeof c), fflags);
			}
		}
	}
	fill(a, 0);
	for (size_t n = 1; n <= N; n += 67)
		printf("sums n %zu: %llx %llx %llx %llx\n", n, (unsigned long long)sum8m8(n), (unsigned long long)sum16m1(n),
		       (unsigned long long)sum32m4(n), (unsigned long long)sum64m2(n));
	{ /* a load running into an unmapped page */
		long page = sysconf(_SC_PAGESIZE);
		uint8_t *m = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		struct sigaction sa;
		size_t vl;
		munmap(m + page, (size_t)page);
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_segv;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGSEGV, &sa, NULL);
		if (!sigsetjmp(trap, 1)) {
			__asm__ volatile("vsetvli %0, zero, e32, m8, ta, ma\n\tvle32.v v8, (%1)" : "=&r"(vl) : "r"(m + page - 40) : "memory");
			printf("no fault\n");
		}
	}
	return 0;
}
