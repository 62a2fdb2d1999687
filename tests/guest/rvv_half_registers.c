// Unit-stride loads and stores of one register under a fractional LMUL or m1 with vl below VLMAX
// (tail undisturbed), into and from an odd register (the upper half of the translator's 32-byte
// home) and an even one (the lower half): each vl from 0 to VLMAX, the registers around them kept;
// from the first bytes of a page whose page before is unmapped (nothing below the access may
// fault) and into the last bytes of a page whose page after is unmapped (SIGSEGV names the first
// byte past it, the elements before it loaded or stored); many rounds, so that the blocks are
// translated. Then gcc-14's widening dot product (vwmacc.vv at e16 mf2 into e32 m1).
// qemu: rva23
// cflags: -march=rv64gcv
#include "check.h"

static uint8_t pattern[64];

/* vl = vsetvli(avl, vtype, tu, mu); then op of v1 (odd) or v2 (even) at p */
#define ONE_REGISTER(vtype, op)                                                                                        \
	do {                                                                                                           \
		if (odd)                                                                                               \
			__asm__ volatile("vsetvli %0, %1, " vtype ", tu, mu\n\t" op " v1, (%2)"                        \
					 : "=&r"(vl)                                                                   \
					 : "r"(avl), "r"(p)                                                            \
					 : "memory");                                                                  \
		else                                                                                                   \
			__asm__ volatile("vsetvli %0, %1, " vtype ", tu, mu\n\t" op " v2, (%2)"                        \
					 : "=&r"(vl)                                                                   \
					 : "r"(avl), "r"(p)                                                            \
					 : "memory");                                                                  \
	} while (0)

/* v0-v3 = 0xa0.., 0xb0.., 0xc0.., 0xd0..; a load into v1 (odd) or v2 (even) of vl elements at p;
 * then v0-v3 out to out[0..63] */
#define LOAD_FORM(name, vtype, ld)                                                                                     \
	static void name(const uint8_t *p, size_t avl, uint8_t *out, int odd)                                          \
	{                                                                                                              \
		size_t vl;                                                                                             \
		__asm__ volatile("vsetivli zero, 16, e8, m1, ta, ma\n\tvle8.v v0, (%0)\n\taddi t0, %0, 16\n\t"         \
				 "vle8.v v1, (t0)\n\taddi t0, %0, 32\n\tvle8.v v2, (t0)\n\taddi t0, %0, 48\n\t"        \
				 "vle8.v v3, (t0)"                                                                     \
				 :                                                                                     \
				 : "r"(pattern)                                                                        \
				 : "t0", "memory");                                                                    \
		ONE_REGISTER(vtype, ld);                                                                               \
		__asm__ volatile("vs4r.v v0, (%0)" : : "r"(out) : "memory");                                           \
	}

/* v1 (odd) or v2 (even) = pattern's 16 bytes there, then vl elements of it stored at p */
#define STORE_FORM(name, vtype, st)                                                                                    \
	static void name(uint8_t *p, size_t avl, int odd)                                                              \
	{                                                                                                              \
		size_t vl;                                                                                             \
		__asm__ volatile("vsetivli zero, 16, e8, m1, ta, ma\n\taddi t0, %0, 16\n\tvle8.v v1, (t0)\n\t"         \
				 "addi t0, %0, 32\n\tvle8.v v2, (t0)"                                                  \
				 :                                                                                     \
				 : "r"(pattern)                                                                        \
				 : "t0", "memory");                                                                    \
		ONE_REGISTER(vtype, st);                                                                               \
	}

LOAD_FORM(load_e8mf2, "e8, mf2", "vle8.v")
LOAD_FORM(load_e8mf8, "e8, mf8", "vle8.v")
LOAD_FORM(load_e16mf2, "e16, mf2", "vle16.v")
LOAD_FORM(load_e32mf2, "e32, mf2", "vle32.v")
LOAD_FORM(load_e16m1, "e16, m1", "vle16.v")
LOAD_FORM(load_e64m1, "e64, m1", "vle64.v")
STORE_FORM(store_e8mf2, "e8, mf2", "vse8.v")
STORE_FORM(store_e8mf8, "e8, mf8", "vse8.v")
STORE_FORM(store_e16mf2, "e16, mf2", "vse16.v")
STORE_FORM(store_e32mf2, "e32, mf2", "vse32.v")
STORE_FORM(store_e16m1, "e16, m1", "vse16.v")
STORE_FORM(store_e64m1, "e64, m1", "vse64.v")

static const struct form {
	const char *name;
	void (*load)(const uint8_t *, size_t, uint8_t *, int);
	void (*store)(uint8_t *, size_t, int);
	unsigned elem, vlmax; /* at VLEN 128 */
} forms[] = {
    {"e8 mf2", load_e8mf2, store_e8mf2, 1, 8},    {"e8 mf8", load_e8mf8, store_e8mf8, 1, 2},
    {"e16 mf2", load_e16mf2, store_e16mf2, 2, 4}, {"e32 mf2", load_e32mf2, store_e32mf2, 4, 2},
    {"e16 m1", load_e16m1, store_e16m1, 2, 8},    {"e64 m1", load_e64m1, store_e64m1, 8, 2},
};

/* int16 dot products as gcc-14 -O3 vectorises them: vwmacc.vv at e16 mf2 into an e32 m1 sum (v4,
 * the lower half of its home: v5 beside it, set before, must come out as it was) */
static int32_t wdot(const int16_t *a, const int16_t *b, size_t n, int64_t *v5)
{
	size_t vl;
	int64_t r;
	__asm__ volatile("vsetvli t0, zero, e32, m1, ta, ma\n\tvmv.v.i v4, 0\n\tvmv.v.x v5, %0"
			 :
			 : "r"(0x5a0f)
			 : "t0", "memory");
	while (n) {
		__asm__ volatile("vsetvli %0, %1, e16, mf2, tu, ma\n\tvle16.v v1, (%2)\n\tvle16.v v2, (%3)\n\t"
				 "vwmacc.vv v4, v1, v2"
				 : "=&r"(vl)
				 : "r"(n), "r"(a), "r"(b)
				 : "memory");
		n -= vl, a += vl, b += vl;
	}
	__asm__ volatile("vsetvli t0, zero, e32, m1, ta, ma\n\tvmv.s.x v6, zero\n\tvredsum.vs v6, v4, v6\n\t"
			 "vmv.x.s %0, v6\n\tvslidedown.vi v7, v5, 3\n\tvmv.x.s %1, v7"
			 : "=r"(r), "=r"(*v5)
			 :
			 : "t0", "memory");
	return (int32_t)r;
}

static int16_t ha[1003], hb[1003];

int main(void)
{
	uint8_t *map = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint8_t *page = map + 4096, out[64];
	volatile long errors = 0; /* kept across the siglongjmp */
	if (map == MAP_FAILED || munmap(map, 4096) || munmap(map + 8192, 4096))
		return 1;
	for (int i = 0; i < 64; i++)
		pattern[i] = (uint8_t)(0xa0 + (i / 16) * 0x10 + i % 16);
	for (int i = 0; i < 4096; i++)
		page[i] = (uint8_t)(i * 7 + 3);
	for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
		const struct form *fo = &forms[f];
		for (int round = 0; round < 4; round++)
			for (int odd = 0; odd < 2; odd++)
				for (unsigned vl = 0; vl <= fo->vlmax; vl++) {
					unsigned reg = odd ? 1 : 2, bad = 0;
					uint8_t *d = page + 4096 - 64;
					fo->load(page, vl, out, odd); /* the page before is unmapped */
					for (unsigned i = 0; i < 64; i++) {
						unsigned r = i / 16, b = i % 16;
						uint8_t want = r == reg && b < vl * fo->elem ? page[b] : pattern[i];
						bad += out[i] != want;
					}
					memset(d, 'y', 64);
					fo->store(d + 8, vl, odd);
					for (unsigned i = 0; i < 64; i++) {
						uint8_t want =
						    i >= 8 && i - 8 < vl * fo->elem ? pattern[16 * reg + i - 8] : 'y';
						bad += d[i] != want;
					}
					if (bad && round == 0) {
						printf("%s, v%u, vl %u: %u bytes wrong\n", fo->name, reg, vl, bad);
						errors++;
					}
				}
		printf("%s: loaded and stored\n", fo->name);
	}
	catch_faults();
	for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
		const struct form *fo = &forms[f];
		if (fo->vlmax < 2)
			continue;
		for (int odd = 0; odd < 2; odd++)
			for (int rep = 0; rep < 8; rep++) {
				uint8_t *d = page + 4096 - fo->elem; /* room for one element */
				fault_addr = 0;
				memset(page + 4096 - 64, 'y', 64);
				if (!sigsetjmp(fault_back, 1)) {
					fo->store(d, fo->vlmax, odd);
					printf("%s store: no fault\n", fo->name);
					errors++;
					break;
				}
				if (fault_addr != (uintptr_t)(page + 4096) || d[0] != pattern[odd ? 16 : 32]) {
					printf("%s store from v%d: fault at end%+ld, first byte %#x\n", fo->name,
					       odd ? 1 : 2, (long)(fault_addr - (uintptr_t)(page + 4096)), d[0]);
					errors++;
				}
				fault_addr = 0;
				if (!sigsetjmp(fault_back, 1)) {
					fo->load(d, fo->vlmax, out, odd);
					printf("%s load: no fault\n", fo->name);
					errors++;
					break;
				}
				if (fault_addr != (uintptr_t)(page + 4096)) {
					printf("%s load into v%d: fault at end%+ld\n", fo->name, odd ? 1 : 2,
					       (long)(fault_addr - (uintptr_t)(page + 4096)));
					errors++;
				}
			}
	}
	for (int i = 0; i < 1003; i++)
		ha[i] = (int16_t)(i * 37 - 20000), hb[i] = (int16_t)(i % 251 - 125);
	for (int round = 0; round < 50; round++) {
		uint32_t want = 0; /* wrapping, as the vector sum does */
		size_t n = (size_t)(round * 20 + 3) % 1003;
		for (size_t i = 0; i < n; i++)
			want += (uint32_t)(ha[i] * hb[i]);
		int64_t v5;
		int32_t got = wdot(ha, hb, n, &v5);
		if ((uint32_t)got != want || v5 != 0x5a0f) {
			printf("wdot of %zu: %d, not %d; v5's last element %#lx\n", n, got, (int32_t)want, (long)v5);
			errors++;
		}
	}
	printf("%ld errors\n", errors);
	return errors != 0;
}
