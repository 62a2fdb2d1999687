/* Bit manipulation: popcount, leading/trailing zeros, rotates, byte swaps (Zbb on RISC-V). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 20000000;
	uint64_t x = 0x9e3779b97f4a7c15ull, acc = 0;
	for (long i = 0; i < n; i++) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		acc += (uint64_t)__builtin_popcountll(x) + (uint64_t)__builtin_clzll(x | 1) + (uint64_t)__builtin_ctzll(x | 0x8000);
		acc ^= (x << 11) | (x >> 53);
		acc += __builtin_bswap64(acc) & 0xff;
	}
	printf("%016llx\n", (unsigned long long)acc);
	return 0;
}
