// Indexed, strided and segment loads and stores (vluxei, vsuxei, vloxei, vsoxei, vlse, vsse,
// vlseg, vsseg, vlsseg, vluxseg, vsuxseg) as compilers and hand-written kernels use them:
// strip-mined gathers from and scatters into a table, under v0 and unmasked, with 8- to 64-bit
// indexes, strides positive, negative, zero and x0, 2 to 4 fields, 32- and 64-bit data (and 8- and
// 16-bit, which stay in the interpreter), LMUL 1/2 to 8, counts that leave a short last pass; a per-lane byte
// histogram (the gather, add, scatter loop); an index past the guest space, a scatter whose
// fourth element lies in an unmapped page (the first three stored, SIGSEGV at the fourth's
// address), a gather whose inactive element lies there, the same with 32-bit indexes (their
// addresses tested at once) and from a base past the space. The oracle is QEMU 10.
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

#define N 157
#define TABLE 4096
static uint8_t table[TABLE] __attribute__((aligned(64)));
static uint8_t c[N * 8], idx[N * 8], mask[128];
static long stride;

/* c = gathered from (or, st, scattered into) the table at the byte offsets in idx, n elements,
 * v0 loaded from mask at each pass */
#define ILOOP(name, vset, ldi, ld, st, body, sew, eew)                                                                 \
	static void name(size_t n)                                                                                     \
	{                                                                                                              \
		uint8_t *pi = idx, *pc = c;                                                                            \
		size_t vl;                                                                                             \
		while (n > 0) {                                                                                        \
			__asm__ volatile(vset "\n\tvlm.v v0, (%[m])\n\t" ldi " v8, (%[pi])\n\t" ld " v24, (%[pc])\n\t"     \
					 body "\n\t" st " v24, (%[pc])"                                                \
					 : [vl] "=&r"(vl)                                                              \
					 : [n] "r"(n), [pi] "r"(pi), [pc] "r"(pc), [t] "r"(table), [m] "r"(mask),         \
					   [s] "r"(stride), [te] "r"(table + TABLE - 8)                                  \
					 : "memory");                                                                  \
			n -= vl;                                                                                       \
			pi += vl * eew;                                                                                \
			pc += vl * sew;                                                                                \
		}                                                                                                      \
	}

ILOOP(g32i32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vle32.v", "vse32.v",
      "vluxei32.v v24, (%[t]), v8, v0.t", 4, 4)
ILOOP(g32i32m4, "vsetvli %[vl], %[n], e32, m4, ta, ma", "vle32.v", "vle32.v", "vse32.v", "vluxei32.v v24, (%[t]), v8",
      4, 4)
ILOOP(g32i8m2, "vsetvli %[vl], %[n], e32, m2, tu, mu", "vle8.v", "vle32.v", "vse32.v",
      "vluxei8.v v24, (%[t]), v8, v0.t", 4, 1)
ILOOP(g32i16mf2, "vsetvli %[vl], %[n], e32, mf2, tu, mu", "vle16.v", "vle32.v", "vse32.v",
      "vluxei16.v v24, (%[t]), v8, v0.t", 4, 2)
ILOOP(g32i64m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle64.v", "vle32.v", "vse32.v",
      "vluxei64.v v24, (%[t]), v8", 4, 8)
ILOOP(g32i64mf2, "vsetvli %[vl], %[n], e32, mf2, tu, mu", "vle64.v", "vle32.v", "vse32.v",
      "vluxei64.v v24, (%[t]), v8, v0.t", 4, 8)
ILOOP(g64i64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vle64.v", "vse64.v",
      "vluxei64.v v24, (%[t]), v8, v0.t", 8, 8)
ILOOP(g64i32m8, "vsetvli %[vl], %[n], e64, m8, ta, ma", "vle32.v", "vle64.v", "vse64.v", "vluxei32.v v24, (%[t]), v8",
      8, 4)
ILOOP(g64i16m4, "vsetvli %[vl], %[n], e64, m4, tu, mu", "vle16.v", "vle64.v", "vse64.v",
      "vluxei16.v v24, (%[t]), v8, v0.t", 8, 2)
ILOOP(g64i8m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle8.v", "vle64.v", "vse64.v", "vluxei8.v v24, (%[t]), v8",
      8, 1)
ILOOP(g8i8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vle8.v", "vse8.v", "vluxei8.v v24, (%[t]), v8, v0.t",
      1, 1)
ILOOP(g16i16m2, "vsetvli %[vl], %[n], e16, m2, ta, mu", "vle16.v", "vle16.v", "vse16.v",
      "vluxei16.v v24, (%[t]), v8", 2, 2)
ILOOP(go32i32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vle32.v", "vse32.v",
      "vloxei32.v v24, (%[t]), v8, v0.t", 4, 4)
ILOOP(s32i32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vle32.v", "vse32.v",
      "vsuxei32.v v24, (%[t]), v8, v0.t", 4, 4)
ILOOP(s32i16m4, "vsetvli %[vl], %[n], e32, m4, ta, ma", "vle16.v", "vle32.v", "vse32.v", "vsuxei16.v v24, (%[t]), v8",
      4, 2)
ILOOP(s32i64mf2, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle64.v", "vle32.v", "vse32.v",
      "vsuxei64.v v24, (%[t]), v8, v0.t", 4, 8)
ILOOP(s64i32m2, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle32.v", "vle64.v", "vse64.v",
      "vsuxei32.v v24, (%[t]), v8, v0.t", 8, 4)
ILOOP(s64i8m8, "vsetvli %[vl], %[n], e64, m8, ta, ma", "vle8.v", "vle64.v", "vse64.v", "vsuxei8.v v24, (%[t]), v8",
      8, 1)
ILOOP(s64i64m4, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vle64.v", "vse64.v",
      "vsuxei64.v v24, (%[t]), v8", 8, 8)
ILOOP(so32i32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vle32.v", "vse32.v",
      "vsoxei32.v v24, (%[t]), v8, v0.t", 4, 4)

/* strided (the stride set per loop; te: the table's last 8 bytes, for negative strides) */
ILOOP(sl32m2, "vsetvli %[vl], %[n], e32, m2, tu, mu", "vle8.v", "vle32.v", "vse32.v",
      "vlse32.v v24, (%[t]), %[s], v0.t", 4, 1)
ILOOP(sl64m1, "vsetvli %[vl], %[n], e64, m1, ta, ma", "vle8.v", "vle64.v", "vse64.v", "vlse64.v v24, (%[te]), %[s]", 8,
      1)
ILOOP(sl32m8, "vsetvli %[vl], %[n], e32, m8, ta, ma", "vle8.v", "vle32.v", "vse32.v", "vlse32.v v24, (%[t]), %[s]", 4,
      1)
ILOOP(ss32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle8.v", "vle32.v", "vse32.v",
      "vsse32.v v24, (%[t]), %[s], v0.t", 4, 1)
ILOOP(ss64m4, "vsetvli %[vl], %[n], e64, m4, ta, ma", "vle8.v", "vle64.v", "vse64.v", "vsse64.v v24, (%[te]), %[s]", 8,
      1)
/* stride x0: one element broadcast (masked, through the gathers) */
ILOOP(sl8zero, "vsetvli %[vl], %[n], e8, m2, ta, ma", "vle8.v", "vle8.v", "vse8.v", "vlse8.v v24, (%[t]), zero", 1, 1)
ILOOP(sl16zero, "vsetvli %[vl], %[n], e16, mf2, tu, mu", "vle8.v", "vle16.v", "vse16.v", "vlse16.v v24, (%[te]), zero",
      2, 1)
ILOOP(sl64zero, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle8.v", "vle64.v", "vse64.v",
      "vlse64.v v24, (%[t]), zero, v0.t", 8, 1)
/* segments: the fields combined into v24 (set first, so that inactive elements are defined) */
ILOOP(seg2e32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle8.v", "vle32.v", "vse32.v",
      "vmv.v.i v20, 1\n\tvmv.v.i v21, 2\n\tvlseg2e32.v v20, (%[t]), v0.t\n\tvadd.vv v24, v20, v21", 4, 1)
ILOOP(seg3e64m2, "vsetvli %[vl], %[n], e64, m2, ta, ma", "vle8.v", "vle64.v", "vse64.v",
      "vlseg3e64.v v18, (%[t])\n\tvadd.vv v24, v18, v20\n\tvxor.vv v24, v24, v22", 8, 1)
ILOOP(seg4e32mf2, "vsetvli %[vl], %[n], e32, mf2, tu, mu", "vle8.v", "vle32.v", "vse32.v",
      "vmv.v.i v20, 1\n\tvmv.v.i v21, 2\n\tvmv.v.i v22, 3\n\tvmv.v.i v23, 4\n\t"
      "vlseg4e32.v v20, (%[t]), v0.t\n\tvadd.vv v24, v20, v21\n\tvxor.vv v24, v24, v22\n\tvsub.vv v24, v24, v23",
      4, 1)
ILOOP(sseg2e32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle8.v", "vle32.v", "vse32.v",
      "vadd.vi v26, v24, 3\n\tvsseg2e32.v v24, (%[t]), v0.t", 4, 1)
ILOOP(sseg3e64m1, "vsetvli %[vl], %[n], e64, m1, ta, ma", "vle8.v", "vle64.v", "vse64.v",
      "vadd.vi v25, v24, 1\n\tvadd.vi v26, v24, 2\n\tvsseg3e64.v v24, (%[t])", 8, 1)
ILOOP(lsseg2e32m1, "vsetvli %[vl], %[n], e32, m1, ta, ma", "vle8.v", "vle32.v", "vse32.v",
      "vlsseg2e32.v v20, (%[t]), %[s]\n\tvsub.vv v24, v20, v21", 4, 1)
/* indexed segments (the indexes multiples of the fields' bytes) */
ILOOP(xseg2i32e32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vle32.v", "vse32.v",
      "vmv.v.i v20, 1\n\tvmv.v.i v21, 2\n\tvluxseg2ei32.v v20, (%[t]), v8, v0.t\n\tvadd.vv v24, v20, v21", 4, 4)
ILOOP(xsseg2i16e64m2, "vsetvli %[vl], %[n], e64, m2, ta, ma", "vle16.v", "vle64.v", "vse64.v",
      "vadd.vi v26, v24, 7\n\tvsuxseg2ei16.v v24, (%[t]), v8", 8, 2)

static const struct {
	const char *name;
	void (*fn)(size_t);
	unsigned sew, eew;
	int scatter; /* 1: distinct indexes; 2, 3: multiples of 2 or 3 elements (fields) */
	long stride;
} loops[] = {
    {"g32i32m1", g32i32m1, 4, 4, 0},   {"g32i32m4", g32i32m4, 4, 4, 0},	 {"g32i8m2", g32i8m2, 4, 1, 0},
    {"g32i16mf2", g32i16mf2, 4, 2, 0}, {"g32i64m2", g32i64m2, 4, 8, 0},	 {"g32i64mf2", g32i64mf2, 4, 8, 0},
    {"g64i64m1", g64i64m1, 8, 8, 0},   {"g64i32m8", g64i32m8, 8, 4, 0},	 {"g64i16m4", g64i16m4, 8, 2, 0},
    {"g64i8m1", g64i8m1, 8, 1, 0},     {"g8i8m1", g8i8m1, 1, 1, 0},	 {"g16i16m2", g16i16m2, 2, 2, 0},
    {"go32i32m2", go32i32m2, 4, 4, 0}, {"s32i32m1", s32i32m1, 4, 4, 1},	 {"s32i16m4", s32i16m4, 4, 2, 1},
    {"s32i64mf2", s32i64mf2, 4, 8, 1}, {"s64i32m2", s64i32m2, 8, 4, 1},	 {"s64i8m8", s64i8m8, 8, 1, 1},
    {"s64i64m4", s64i64m4, 8, 8, 1},   {"so32i32m1", so32i32m1, 4, 4, 1},
    {"sl32m2", sl32m2, 4, 1, 0, 12},   {"sl64m1", sl64m1, 8, 1, 0, -24}, {"sl32m8", sl32m8, 4, 1, 0, 0},
    {"ss32m1", ss32m1, 4, 1, 0, 20},   {"ss64m4", ss64m4, 8, 1, 0, -16}, {"seg2e32m1", seg2e32m1, 4, 1, 0},
    {"seg3e64m2", seg3e64m2, 8, 1, 0}, {"seg4e32mf2", seg4e32mf2, 4, 1, 0}, {"sseg2e32m2", sseg2e32m2, 4, 1, 0},
    {"sseg3e64m1", sseg3e64m1, 8, 1, 0}, {"lsseg2e32m1", lsseg2e32m1, 4, 1, 0, 28},
    {"xseg2i32e32m1", xseg2i32e32m1, 4, 4, 2}, {"xsseg2i16e64m2", xsseg2i16e64m2, 8, 2, 2},
    {"sl8zero", sl8zero, 1, 1, 0},     {"sl16zero", sl16zero, 2, 1, 0}, {"sl64zero", sl64zero, 8, 1, 0},
};

/* byte offsets of sew-aligned elements in the table, below 256 for 8-bit indexes; a scatter's
 * are distinct within any 64 in a row (one pass at most), so that its result is defined; those of
 * segments (fields 2 or 3) multiples of the fields' bytes, so that no two elements' overlap */
static void indexes(unsigned sew, unsigned eew, int scatter)
{
	unsigned size = scatter > 1 ? sew * (unsigned)scatter : sew, slots = (eew == 1 ? 256 : TABLE) / size;
	for (unsigned i = 0; i < N; i++) {
		uint64_t off = (scatter ? (i * 37u + 5) % slots : next() % slots) * size;
		memcpy(idx + i * eew, &off, eew);
	}
}

/* A byte histogram in per-lane counters (counts[byte][lane], so that one pass never adds twice
 * to one counter): load bytes, widen, index, gather, add one, scatter; then the lanes summed */
static uint32_t counts[256 * 128]; /* up to 128 lanes: e32, m4 at VLEN 1024 */
static void histogram(const uint8_t *p, size_t n, uint32_t *out)
{
	size_t vl, lanes;
	__asm__ volatile("vsetvli %0, zero, e32, m4, ta, ma\n\tvid.v v12\n\tvsll.vi v12, v12, 2" : "=r"(lanes));
	memset(counts, 0, sizeof counts);
	while (n > 0) {
		__asm__ volatile("vsetvli %0, %1, e8, m1, ta, ma\n\tvle8.v v1, (%2)\n\t"
				 "vsetvli zero, %0, e32, m4, ta, ma\n\tvzext.vf4 v4, v1\n\tvmul.vx v4, v4, %4\n\t"
				 "vadd.vv v4, v4, v12\n\tvluxei32.v v8, (%3), v4\n\tvadd.vi v8, v8, 1\n\t"
				 "vsuxei32.v v8, (%3), v4"
				 : "=&r"(vl)
				 : "r"(n), "r"(p), "r"(counts), "r"(lanes * 4)
				 : "memory");
		n -= vl;
		p += vl;
	}
	for (unsigned b = 0; b < 256; b++) {
		out[b] = 0;
		for (size_t l = 0; l < lanes; l++)
			out[b] += counts[b * lanes + l];
	}
}

static sigjmp_buf trap;
static uint8_t *page;
static int far_away; /* QEMU's si_addr there is not the guest's address */
static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (far_away)
		printf("signal %d\n", sig);
	else
		printf("signal %d at %+ld from the page\n", sig, (long)((uint8_t *)si->si_addr - page));
	siglongjmp(trap, 1);
}

static void faults(void)
{
	long size = sysconf(_SC_PAGESIZE);
	uint8_t *m = mmap(NULL, 2 * (size_t)size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t off[4] = {0, 8, 16, (uint64_t)size + 24}, got[4] = {1, 1, 1, 1}, far[4] = {0, 8, 1ull << 46, 24};
	uint8_t bits = 0x7;
	struct sigaction sa;
	page = m + size;
	munmap(page, (size_t)size);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	for (int i = 0; i < size; i++)
		m[i] = (uint8_t)(i * 3);
	if (!sigsetjmp(trap, 1)) { /* the fourth element in the unmapped page */
		__asm__ volatile("vsetivli zero, 4, e64, m2, ta, ma\n\tvle64.v v8, (%0)\n\tvmv.v.i v10, -1\n\t"
				 "vsuxei64.v v10, (%1), v8" ::"r"(off),
				 "r"(m)
				 : "memory");
		printf("scatter into the unmapped page: no signal\n");
	}
	printf("stored before it: %016llx\n", (unsigned long long)fnv(m, 32));
	if (!sigsetjmp(trap, 1)) { /* the same with the fourth inactive */
		__asm__ volatile("vsetivli zero, 4, e64, m2, ta, mu\n\tvlm.v v0, (%2)\n\tvle64.v v8, (%1)\n\t"
				 "vmv.v.i v10, 5\n\tvluxei64.v v10, (%3), v8, v0.t\n\tvse64.v v10, (%0)" ::"r"(got),
				 "r"(off), "r"(&bits), "r"(m)
				 : "memory");
		printf("gather with the unmapped element inactive: %llx %llx %llx %llx\n", (unsigned long long)got[0],
		       (unsigned long long)got[1], (unsigned long long)got[2], (unsigned long long)got[3]);
	}
	far_away = 1;
	if (!sigsetjmp(trap, 1)) { /* an index far past any mapping */
		__asm__ volatile("vsetivli zero, 4, e64, m2, ta, ma\n\tvle64.v v8, (%1)\n\tvluxei64.v v10, (%2), v8\n\t"
				 "vse64.v v10, (%0)" ::"r"(got),
				 "r"(far), "r"(m)
				 : "memory");
		printf("gather far past the space: no signal\n");
	}
	far_away = 0;
	if (!sigsetjmp(trap, 1)) { /* 32-bit indexes from 2 GiB below the page: unsigned, the third in it */
		uint32_t up[4] = {0x80000000u - (uint32_t)size, 0x80000000u - (uint32_t)size + 4, 0x80000000u,
				  0x80000000u - (uint32_t)size + 12};
		__asm__ volatile("vsetivli zero, 4, e32, m1, ta, ma\n\tvle32.v v8, (%1)\n\tvluxei32.v v10, (%2), v8\n\t"
				 "vse32.v v10, (%0)" ::"r"(got),
				 "r"(up), "r"(page - 0x80000000u)
				 : "memory");
		printf("gather at +2 GiB: no signal\n");
	}
	if (!sigsetjmp(trap, 1)) { /* 32-bit indexes, every element active: the third in the unmapped page */
		uint32_t into[8] = {0, 4, (uint32_t)size + 8, 12, 16, 20, 24, 28};
		__asm__ volatile("vsetivli zero, 8, e32, m2, ta, ma\n\tvle32.v v8, (%0)\n\tvmv.v.i v10, -2\n\t"
				 "vsuxei32.v v10, (%1), v8" ::"r"(into),
				 "r"(m)
				 : "memory");
		printf("32-bit scatter into the unmapped page: no signal\n");
	}
	printf("stored before it: %016llx\n", (unsigned long long)fnv(m, 32));
	far_away = 1;
	if (!sigsetjmp(trap, 1)) { /* 32-bit indexes from a base past the space */
		uint32_t small[8] = {0, 4, 8, 12, 16, 20, 24, 28};
		__asm__ volatile("vsetivli zero, 8, e32, m2, ta, ma\n\tvle32.v v8, (%1)\n\tvluxei32.v v10, (%2), v8\n\t"
				 "vse32.v v10, (%0)" ::"r"(got),
				 "r"(small), "r"(1ull << 46)
				 : "memory");
		printf("32-bit gather past the space: no signal\n");
	}
	far_away = 0;
}

int main(void)
{
	uint32_t hist[256];
	uint8_t bytes[1000];
	for (unsigned k = 0; k < sizeof loops / sizeof loops[0]; k++) {
		size_t counts_of[] = {N, 1, 19, 64};
		for (unsigned j = 0; j < 4; j++) {
			for (unsigned i = 0; i < sizeof mask; i++)
				mask[i] = (uint8_t)(j == 3 ? 0xff : next());
			for (unsigned i = 0; i < TABLE; i += 8) {
				uint64_t v = next();
				memcpy(table + i, &v, 8);
			}
			for (unsigned i = 0; i < sizeof c; i += 8) {
				uint64_t v = next();
				memcpy(c + i, &v, 8);
			}
			indexes(loops[k].sew, loops[k].eew, loops[k].scatter);
			stride = loops[k].stride;
			loops[k].fn(counts_of[j]);
			printf("%s n %zu: %016llx %016llx\n", loops[k].name, counts_of[j], (unsigned long long)fnv(c, sizeof c),
			       (unsigned long long)fnv(table, sizeof table));
		}
	}
	for (unsigned i = 0; i < sizeof bytes; i++)
		bytes[i] = (uint8_t)(next() % 7 == 0 ? 'e' : next());
	for (size_t n = 1; n <= sizeof bytes; n += 333) {
		histogram(bytes, n, hist);
		printf("histogram of %zu bytes: %016llx (e: %u)\n", n, (unsigned long long)fnv(hist, sizeof hist), hist['e']);
	}
	faults();
	return 0;
}
