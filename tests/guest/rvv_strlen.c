// Vector string routines as vector C libraries write them: a fault-only-first load of a whole
// register group (vl = VLMAX), csrr vl, a compare into a mask (vmseq/vmsne, .vv/.vx/.vi, the mask
// in v0 or in the lowest register of the source group) and vfirst.m, at every element width and
// LMUL 1 to 8, on data that ends just before an unmapped page (the load's vl trimmed there) and
// data far from it; a compare and vfirst.m over the whole register (the mask stored and checked
// too). Every result is checked against the scalar one and printed.
// qemu: rva23
// cflags: -march=rv64gcv
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static long errors;

/* The first byte at s that the compare CMP (on v8, with c in %3) marks in the mask register
 * MASK: e8, whole groups of LMUL registers. */
#define FIND(NAME, LMUL, CMP, MASK)                                                                                    \
	static size_t NAME(const char *s, int c)                                                                       \
	{                                                                                                              \
		const char *p = s;                                                                                     \
		long first;                                                                                            \
		size_t vl;                                                                                             \
		for (;;) {                                                                                             \
			__asm__ volatile("vsetvli %1, zero, e8, " LMUL ", ta, ma\n\tvle8ff.v v8, (%2)\n\t"             \
					 "csrr %1, vl\n\t" CMP "\n\tvfirst.m %0, " MASK                                \
					 : "=&r"(first), "=&r"(vl)                                                     \
					 : "r"(p), "r"(c)                                                              \
					 : "memory");                                                                  \
			if (first >= 0)                                                                                \
				return (size_t)(p - s) + (size_t)first;                                                \
			p += vl;                                                                                       \
		}                                                                                                      \
	}
/* strlen (c unused): the mask in v0 */
FIND(strlen_m1, "m1", "vmseq.vi v0, v8, 0", "v0")
FIND(strlen_m2, "m2", "vmseq.vi v0, v8, 0", "v0")
FIND(strlen_m8, "m8", "vmseq.vi v0, v8, 0", "v0")
/* the length of the run of c at s: vmsne.vx into the source's lowest register */
FIND(span_m1, "m1", "vmsne.vx v8, v8, %3", "v8")
FIND(span_m4, "m4", "vmsne.vx v8, v8, %3", "v8")
FIND(span_m8, "m8", "vmsne.vx v8, v8, %3", "v8")

/* vmseq.vi into v0 right before vfirst.m of it, over 128 bytes at s: the first zero byte (or
 * -1), and the mask itself, stored with vsm.v into bits */
static long zeros_mask(const uint8_t *s, uint8_t bits[16])
{
	long first;
	size_t vl;
	__asm__ volatile("vsetvli %1, zero, e8, m8, ta, ma\n\tvle8.v v8, (%2)\n\tvmseq.vi v0, v8, 0\n\t"
			 "vfirst.m %0, v0\n\tvsm.v v0, (%3)"
			 : "=&r"(first), "=&r"(vl)
			 : "r"(s), "r"(bits)
			 : "memory");
	return first;
}

/* strcpy as the V specification writes it: vmsif.m of the compare's mask, then a store under it
 * (bytes past the NUL untouched); returns the string's length */
static size_t copy_string(char *d, const char *s)
{
	const char *p = s;
	long first;
	size_t vl;
	do {
		__asm__ volatile("vsetvli %1, zero, e8, m8, ta, ma\n\tvle8ff.v v8, (%2)\n\tcsrr %1, vl\n\t"
				 "vmseq.vi v1, v8, 0\n\tvfirst.m %0, v1\n\tvmsif.m v0, v1\n\tvse8.v v8, (%3), v0.t"
				 : "=&r"(first), "=&r"(vl)
				 : "r"(p), "r"(d)
				 : "memory");
		p += vl, d += vl;
	} while (first < 0);
	return (size_t)(p - vl - s) + (size_t)first;
}

/* vmsbf.m, vmsif.m and vmsof.m of the zero bytes among 128 (vl = VLMAX), stored with vsm.v */
static void set_first_masks(const uint8_t *s, uint8_t bits[3][16])
{
	size_t vl;
	__asm__ volatile("vsetvli %0, zero, e8, m8, ta, ma\n\tvle8.v v8, (%1)\n\tvmseq.vi v16, v8, 0\n\t"
			 "vmsbf.m v1, v16\n\tvmsif.m v2, v16\n\tvmsof.m v3, v16\n\t"
			 "vsm.v v1, (%2)\n\tvsm.v v2, (%3)\n\tvsm.v v3, (%4)"
			 : "=&r"(vl)
			 : "r"(s), "r"(bits[0]), "r"(bits[1]), "r"(bits[2])
			 : "memory");
}

/* the first index where a and b agree (there is one): e16/e32/e64, .vv */
#define FIRST_EQUAL(NAME, T, SEW, LMUL)                                                                                \
	static size_t NAME(const T *a, const T *b)                                                                     \
	{                                                                                                              \
		size_t i = 0, vl;                                                                                      \
		long first;                                                                                            \
		for (;;) {                                                                                             \
			__asm__ volatile("vsetvli %1, zero, e" SEW ", " LMUL ", ta, ma\n\tvle" SEW                     \
					 "ff.v v16, (%2)\n\t"                                                          \
					 "csrr %1, vl\n\tvle" SEW ".v v8, (%3)\n\tvmseq.vv v0, v8, v16\n\t"            \
					 "vfirst.m %0, v0"                                                             \
					 : "=&r"(first), "=&r"(vl)                                                     \
					 : "r"(a + i), "r"(b + i)                                                      \
					 : "memory");                                                                  \
			if (first >= 0)                                                                                \
				return i + (size_t)first;                                                              \
			i += vl;                                                                                       \
		}                                                                                                      \
	}
FIRST_EQUAL(first_equal16, uint16_t, "16", "m2")
FIRST_EQUAL(first_equal32, uint32_t, "32", "m8")
FIRST_EQUAL(first_equal64, uint64_t, "64", "m1")

/* the first element that is not 5 (.vi, e16, the mask into the source's lowest register) */
static size_t first_not5(const uint16_t *a, size_t n)
{
	size_t i = 0, vl;
	long first;
	while (i < n) {
		__asm__ volatile("vsetvli %1, %3, e16, m4, ta, ma\n\tvle16.v v4, (%2)\n\tvmsne.vi v4, v4, 5\n\t"
				 "vfirst.m %0, v4"
				 : "=&r"(first), "=&r"(vl)
				 : "r"(a + i), "r"(n - i)
				 : "memory");
		if (first >= 0)
			return i + (size_t)first;
		i += vl;
	}
	return n;
}

static void check(const char *what, size_t got, size_t want)
{
	if (got != want) {
		printf("%s: %zu, expected %zu\n", what, got, want);
		errors++;
	}
}

int main(void)
{
	static const size_t lens[] = {0, 1, 7, 15, 16, 17, 31, 63, 64, 100, 127, 128, 129, 255, 1000, 4000, 4095};
	char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t sum = 0;
	if (page == MAP_FAILED || munmap(page + 4096, 4096))
		return 1;
	for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
		size_t n = lens[k];
		for (int at_end = 0; at_end < 2; at_end++) {
			char *s = at_end ? page + 4096 - n - 1 : page;
			memset(page, 'x', 4096);
			memset(s, 'a', n);
			s[n] = 0;
			check("strlen m1", strlen_m1(s, 0), n);
			check("strlen m2", strlen_m2(s, 0), n);
			check("strlen m8", strlen_m8(s, 0), n);
			s[n] = 'b';
			check("span m1", span_m1(s, 'a'), n);
			check("span m4", span_m4(s, 'a'), n);
			check("span m8", span_m8(s, 'a'), n);
			{ /* copied to the start of the page's second half: the bytes after the NUL stay */
				char *d = at_end ? page : page + 2048;
				size_t max = at_end ? 4096 - n - 1 : 2048;
				if (n < max) {
					s[n] = 0;
					memset(d, 'y', max < n + 130 ? max : n + 130);
					check("strcpy length", copy_string(d, s), n);
					check("strcpy copy", (size_t)memcmp(d, s, n + 1), 0);
					if (n + 1 < max)
						check("strcpy past the NUL", (size_t)(d[n + 1] != 'y'), 0);
				}
			}
			sum += n * 3 + (size_t)at_end;
		}
		/* arrays that agree only at their last element, which ends the page */
		for (int w = 0; w < 3; w++) {
			size_t bytes = w == 0   ? 2
				       : w == 1 ? 4
						: 8,
			       count = n + 1 > 4096 / bytes / 2 ? 4096 / bytes / 2 : n + 1;
			uint8_t *a = (uint8_t *)page + 4096 - count * bytes, *b = (uint8_t *)page;
			memset(b, 0x11, count * bytes);
			memset(a, 0x22, count * bytes);
			memset(b + (count - 1) * bytes, 0x33, bytes);
			memset(a + (count - 1) * bytes, 0x33, bytes);
			size_t got = w == 0   ? first_equal16((uint16_t *)a, (uint16_t *)b)
				     : w == 1 ? first_equal32((uint32_t *)a, (uint32_t *)b)
					      : first_equal64((uint64_t *)a, (uint64_t *)b);
			check(w == 0   ? "first equal e16"
			      : w == 1 ? "first equal e32"
				       : "first equal e64",
			      got, count - 1);
			sum += got;
		}
		{
			static uint16_t fives[600];
			size_t m = n < 600 ? n : 599;
			for (size_t i = 0; i < 600; i++)
				fives[i] = i == m ? 6 : 5;
			check("first not 5", first_not5(fives, 600), m);
			sum += m;
		}
	}
	for (int z = 0; z < 200; z++) { /* zero bytes at 0, 63, 64, 127, none, and scattered */
		uint8_t data[128], bits[16], want[16] = {0};
		long want_first = -1;
		for (int i = 0; i < 128; i++) {
			data[i] = (uint8_t)(1 + (i * 7 + z) % 250);
			if (z < 4 ? i == (int[]){0, 63, 64, 127}[z] : z > 4 && (i * 37 + z * 11) % 97 < z % 9)
				data[i] = 0;
			if (!data[i]) {
				want[i / 8] |= (uint8_t)(1u << (i % 8));
				if (want_first < 0)
					want_first = i;
			}
		}
		{
			uint8_t sets[3][16], want_sets[3][16] = {{0}};
			for (int i = 0; i < 128; i++) {
				int before = want_first < 0 || i < want_first;
				if (before)
					want_sets[0][i / 8] |= (uint8_t)(1u << (i % 8));
				if (before || i == want_first)
					want_sets[1][i / 8] |= (uint8_t)(1u << (i % 8));
				if (i == want_first)
					want_sets[2][i / 8] |= (uint8_t)(1u << (i % 8));
			}
			set_first_masks(data, sets);
			check("vmsbf.m", (size_t)memcmp(sets[0], want_sets[0], 16), 0);
			check("vmsif.m", (size_t)memcmp(sets[1], want_sets[1], 16), 0);
			check("vmsof.m", (size_t)memcmp(sets[2], want_sets[2], 16), 0);
		}
		check("vmseq + vfirst", (size_t)zeros_mask(data, bits), (size_t)want_first);
		check("vmseq + vfirst: the mask", (size_t)memcmp(bits, want, sizeof bits), 0);
		sum += (size_t)want_first;
	}
	printf("vector string routines: %ld errors, sum %llu\n", errors, (unsigned long long)sum);
	return errors != 0;
}
