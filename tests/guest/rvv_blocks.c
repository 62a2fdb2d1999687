// Straight-line vector code longer than the translator's tables allow for one block at large
// VLEN (every 32-byte piece of an m8 group is an access that may fault): 48 loads and stores of
// whole e64/m8 groups in a row, copying a buffer through v8 and v16 and adding in v24. The
// translator makes such a block shorter, or leaves it to the interpreter, never loops on it.
// qemu: rva23
// cflags: -march=rv64gcv
#include <stdint.h>
#include <stdio.h>

static uint64_t src[8 * 1024 / 8], dst[8 * 1024 / 8];

int main(void)
{
	uint64_t h = 1469598103934665603ull;
	for (unsigned i = 0; i < sizeof src / 8; i++)
		src[i] = i * 0x9e3779b97f4a7c15ull;
	for (int pass = 0; pass < 20; pass++) {
		__asm__ volatile("vsetvli t0, zero, e64, m8, ta, ma\n\t"
				 "vmv.v.i v24, 0\n\t"
				 ".rept 24\n\t"
				 "vle64.v v8, (%0)\n\t"
				 "vadd.vv v24, v24, v8\n\t"
				 "vse64.v v24, (%1)\n\t"
				 "vle64.v v16, (%1)\n\t"
				 "vse64.v v16, (%0)\n\t"
				 ".endr"
				 :
				 : "r"(src), "r"(dst)
				 : "t0", "memory");
	}
	for (unsigned i = 0; i < sizeof dst / 8; i++)
		h = (h ^ dst[i] ^ src[i]) * 1099511628211ull;
	printf("%016llx\n", (unsigned long long)h);
	return 0;
}
