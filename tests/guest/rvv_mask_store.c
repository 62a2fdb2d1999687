// vsm.v with vl from 0 past VLMAX's bits: it stores ceil(vl / 8) bytes of vs3 and not one more
// (the bytes after them keep what was there), by a vl in a register and by a vl the translator
// knows (vsetivli); and one whose last byte is the last of a page before an unmapped one, which
// must not fault. On a host with AVX2 but not AVX-512 the translator stores 16 bytes at a time
// and the rest by pieces of 8, 4, 2 and 1 (tests/check/vlen.sh runs it so).
// qemu: rva23
// cflags: -march=rv64gcv
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* v1 = the 16 bytes at src, then vsm.v v1 to dst under vl (e8, m8) */
static void mask_store(const uint8_t *src, size_t vl, uint8_t *dst)
{
	__asm__ volatile("vsetivli zero, 16, e8, m1, ta, ma\n\tvle8.v v1, (%[s])\n\t"
			 "vsetvli zero, %[vl], e8, m8, ta, ma\n\tvsm.v v1, (%[d])"
			 :
			 : [vl] "r"(vl), [s] "r"(src), [d] "r"(dst)
			 : "memory");
}

/* the same under vsetivli's immediate vl: 13 (2 bytes) and 31 (4 bytes) */
static void mask_store_known(const uint8_t *src, uint8_t *dst13, uint8_t *dst31)
{
	__asm__ volatile("vsetivli zero, 16, e8, m1, ta, ma\n\tvle8.v v1, (%[s])\n\t"
			 "vsetivli zero, 13, e8, m8, ta, ma\n\tvsm.v v1, (%[a])\n\t"
			 "vsetivli zero, 31, e8, m8, ta, ma\n\tvsm.v v1, (%[b])"
			 :
			 : [s] "r"(src), [a] "r"(dst13), [b] "r"(dst31)
			 : "memory");
}

static void show(const char *what, const uint8_t *b, int n)
{
	printf("%s:", what);
	for (int i = 0; i < n; i++)
		printf(" %02x", b[i]);
	printf("\n");
}

int main(void)
{
	uint8_t src[16], dst[24], a[8], b[8];
	char what[32];
	long page = sysconf(_SC_PAGESIZE);
	uint8_t *p;
	for (int i = 0; i < 16; i++)
		src[i] = (uint8_t)(i * 37 + 5);
	for (size_t vl = 0; vl <= 140; vl += 3) {
		memset(dst, 0xcc, sizeof dst);
		mask_store(src, vl, dst);
		snprintf(what, sizeof what, "vl %3zu", vl);
		show(what, dst, 20);
	}
	for (int r = 0; r < 3; r++) {
		memset(a, 0xcc, sizeof a);
		memset(b, 0xcc, sizeof b);
		mask_store_known(src, a, b);
		show("vl 13", a, 6);
		show("vl 31", b, 6);
	}
	p = mmap(NULL, (size_t)(2 * page), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || munmap(p + page, (size_t)page) != 0)
		return 1;
	for (int r = 0; r < 3; r++) { /* translated after the first passes */
		memset(p + page - 8, 0xcc, 8);
		mask_store(src, 20, p + page - 3);
		show("at the page's end", p + page - 8, 8);
	}
	return 0;
}
