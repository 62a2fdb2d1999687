// rvx's group hint (include/rvx-guest.h: slti zero, zero, G) outside cluster mode: a no-op
// under both engines, in a hot loop (translated) with values live across it in integer and FP
// registers, as on hardware and under qemu-riscv64.
// cflags: -I include
#include <stdint.h>
#include <stdio.h>

#include "rvx-guest.h"

int main(void)
{
	uint64_t h = 0x9e3779b97f4a7c15ull;
	double d = 1.0;
	for (int i = 0; i < 200000; i++) {
		h = (h ^ (h >> 29)) * 0xbf58476d1ce4e5b9ull + (uint64_t)i;
		RVX_GROUP(7);
		d = d * 1.0000001 + (double)(h & 7);
		if (i % 1000 == 0)
			RVX_GROUP(-2048);
		RVX_GROUP(2047);
	}
	printf("%016llx %.6f\n", (unsigned long long)h, d);
	return 0;
}
