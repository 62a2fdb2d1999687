// vlm.v with vl from 0 past VLMAX's bits: it loads ceil(vl / 8) bytes and vd keeps its own bytes
// from there on (tail: undisturbed, as QEMU keeps it); and one whose last byte is the last of a
// page before an unmapped one, which must not fault. On a host with AVX2 but not AVX-512 the
// translator loads 16 bytes and blends vd's own back (tests/check/vlen.sh runs it so).
// qemu: rva23
// cflags: -march=rv64gcv
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* vd = 0xaa in every byte, then vlm.v of src under vl (e8, m8), then vd's first 16 bytes out */
static void mask_load(const uint8_t *src, size_t vl, uint8_t *out)
{
	__asm__ volatile("vsetivli zero, 16, e8, m1, ta, ma\n\tvmv.v.x v1, %[aa]\n\t"
			 "vsetvli zero, %[vl], e8, m8, ta, ma\n\tvlm.v v1, (%[s])\n\t"
			 "vsetivli zero, 16, e8, m1, ta, ma\n\tvse8.v v1, (%[o])"
			 :
			 : [aa] "r"(0xaa), [vl] "r"(vl), [s] "r"(src), [o] "r"(out)
			 : "memory");
}

int main(void)
{
	uint8_t src[32], out[16];
	long page = sysconf(_SC_PAGESIZE);
	uint8_t *p;
	for (int i = 0; i < 32; i++)
		src[i] = (uint8_t)(i * 37 + 5);
	for (size_t vl = 0; vl <= 140; vl += 7) {
		mask_load(src, vl, out);
		printf("vl %3zu:", vl);
		for (int i = 0; i < 16; i++)
			printf(" %02x", out[i]);
		printf("\n");
	}
	p = mmap(NULL, (size_t)(2 * page), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || munmap(p + page, (size_t)page) != 0)
		return 1;
	for (int i = 0; i < 3; i++)
		p[page - 3 + i] = (uint8_t)(0x51 + i);
	for (int r = 0; r < 3; r++) { /* translated after the first passes */
		mask_load(p + page - 3, 20, out);
		printf("at the page's end:");
		for (int i = 0; i < 4; i++)
			printf(" %02x", out[i]);
		printf("\n");
	}
	return 0;
}
