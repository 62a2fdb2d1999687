// memset's pass: vmv.v.x (or vmv.v.i, and vfmv.v.f) of a whole register group, then a unit-stride store of it,
// which the translator makes one broadcast and 64-byte stores of it (e8 m8, e16 m8, e32 m4, e64
// m8 at VLEN 128): every length from 0 to 300 bytes, at offsets 0 to 63 from a cache line, values
// whose bits above SEW must not show; the group read back after the loop (the register keeps the
// value, the last pass's tail is agnostic); a store that runs into an unmapped page (the bytes
// before the page's end stored, SIGSEGV naming the first byte past it); many rounds, so that the
// blocks are translated.
// qemu: rva23
// cflags: -march=rv64gcv
#include "check.h"

/* n counts elements of the form's size; d moves by the bytes of vl elements */
#define FILL_E(name, vtype, store, bytes)                                                                              \
	static void name(uint8_t *d, size_t n, uint64_t x)                                                             \
	{                                                                                                              \
		size_t vl;                                                                                             \
		while (n) {                                                                                            \
			__asm__ volatile("vsetvli %0, %1, " vtype ", ta, ma\n\tvmv.v.x v8, %3\n\t" store " v8, (%2)"   \
					 : "=&r"(vl)                                                                   \
					 : "r"(n), "r"(d), "r"(x)                                                      \
					 : "memory");                                                                  \
			n -= vl, d += vl * (bytes);                                                                    \
		}                                                                                                      \
	}

FILL_E(fill_e8m8, "e8, m8", "vse8.v", 1)
FILL_E(fill_e16m8, "e16, m8", "vse16.v", 2)
FILL_E(fill_e32m4, "e32, m4", "vse32.v", 4)
FILL_E(fill_e64m8, "e64, m8", "vse64.v", 8)

/* vmv.v.i: -5 in every e8 element */
static void fill_imm_e8m8(uint8_t *d, size_t n, uint64_t x)
{
	size_t vl;
	(void)x;
	while (n) {
		__asm__ volatile("vsetvli %0, %1, e8, m8, ta, ma\n\tvmv.v.i v8, -5\n\tvse8.v v8, (%2)"
				 : "=&r"(vl)
				 : "r"(n), "r"(d)
				 : "memory");
		n -= vl, d += vl;
	}
}

/* vfmv.v.f: x's low 32 bits as a single (NaN-boxed into fa0) in every e32 element */
static void fill_float_e32m4(uint8_t *d, size_t n, uint64_t x)
{
	size_t vl;
	__asm__ volatile("fmv.w.x fa0, %0" : : "r"(x) : "fa0");
	while (n) {
		__asm__ volatile("vsetvli %0, %1, e32, m4, ta, ma\n\tvfmv.v.f v8, fa0\n\tvse32.v v8, (%2)"
				 : "=&r"(vl)
				 : "r"(n), "r"(d)
				 : "memory");
		n -= vl, d += vl * 4;
	}
}

/* v8-v15 stored whole (vs8r.v) */
static void read_group(uint8_t *out)
{
	__asm__ volatile("vs8r.v v8, (%0)" : : "r"(out) : "memory");
}

static const struct form {
	const char *name;
	void (*fn)(uint8_t *, size_t, uint64_t);
	unsigned elem, group; /* bytes of an element and of the register group at VLEN 128 */
	uint64_t x;
} forms[] = {
    {"e8 m8", fill_e8m8, 1, 128, 0x123456789abcdea5ull},  {"e16 m8", fill_e16m8, 2, 128, 0xfedcba98765481c3ull},
    {"e32 m4", fill_e32m4, 4, 64, 0x5a5a5a5a8badf00dull}, {"e64 m8", fill_e64m8, 8, 128, 0x0123456789abcdefull},
    {"vmv.v.i e8 m8", fill_imm_e8m8, 1, 128, 0xfbu},      {"vfmv.v.f e32 m4", fill_float_e32m4, 4, 64, 0x3fc00000u},
};

/* The byte at offset i of a filled area: x's low elem bytes, little-endian, repeated */
static uint8_t expected(const struct form *f, size_t i)
{
	return (uint8_t)(f->x >> (8 * (i % f->elem)));
}

static uint8_t buf[640] __attribute__((aligned(64)));

int main(void)
{
	static uint8_t group[128];
	uint8_t *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile long errors = 0; /* kept across the siglongjmp */
	if (page == MAP_FAILED || munmap(page + 4096, 4096))
		return 1;
	for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
		const struct form *fo = &forms[f];
		unsigned long sum = 0;
		for (int round = 0; round < 3; round++) {
			for (size_t len = 0; len <= 300; len += fo->elem) {
				for (size_t off = 0; off < 64; off += 8 + (len % 7) * 8) {
					uint8_t *d = buf + 64 + off;
					size_t bad = 0;
					memset(buf, 'y', sizeof buf);
					fo->fn(d, len / fo->elem, fo->x);
					for (size_t i = 0; i < len; i++)
						bad += d[i] != expected(fo, i);
					for (uint8_t *p = buf; p < d; p++)
						bad += *p != 'y';
					for (uint8_t *p = d + len; p < buf + sizeof buf; p++)
						bad += *p != 'y';
					if (bad && round == 0) {
						printf("%s, %zu bytes at +%zu: %zu bytes wrong\n", fo->name, len, off,
						       bad);
						errors++;
					}
					sum += bad;
				}
				/* a length of whole groups leaves the whole group the value */
				if (len && len % fo->group == 0) {
					read_group(group);
					for (size_t i = 0; i < fo->group; i++)
						if (group[i] != expected(fo, i)) {
							printf("%s, %zu bytes: v8's byte %zu is %#x\n", fo->name, len,
							       i, group[i]);
							errors++;
							break;
						}
				}
			}
		}
		printf("%s: %lu bytes wrong in all rounds\n", fo->name, sum);
	}
	catch_faults();
	for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
		const struct form *fo = &forms[f];
		for (unsigned room = fo->elem; room < fo->group; room += fo->elem * 5) {
			for (int rep = 0; rep < 8; rep++) {
				uint8_t *d = page + 4096 - room;
				unsigned stored = 0, outside = 0;
				memset(page, 'y', 4096);
				fault_addr = 0;
				if (!sigsetjmp(fault_back, 1)) {
					fo->fn(d, 4 * fo->group / fo->elem, fo->x); /* four groups from d */
					printf("%s, room %u: no fault\n", fo->name, room);
					errors++;
					break;
				}
				for (unsigned i = 0; i < room; i++)
					stored += d[i] == expected(fo, i);
				for (uint8_t *p = page; p < d; p++)
					outside += *p != 'y';
				if (rep == 0)
					printf("%s, room %u: %u bytes stored, fault at end%+ld\n", fo->name, room,
					       stored, (long)(fault_addr - (uintptr_t)(page + 4096)));
				if (stored != room || outside || fault_addr != (uintptr_t)(page + 4096)) {
					printf("%s, room %u, run %d: %u stored, %u outside, fault at end%+ld\n",
					       fo->name, room, rep, stored, outside,
					       (long)(fault_addr - (uintptr_t)(page + 4096)));
					errors++;
				}
			}
		}
	}
	printf("%ld errors\n", errors);
	return errors != 0;
}
