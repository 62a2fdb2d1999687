/* CRC-32 with a 256-entry table over bytes from a xorshift generator: 32-bit arithmetic, a
 * byte-indexed table load, shifts and xors in a tight loop. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000000;
	uint32_t table[256], crc = 0xffffffffu, x = 2463534242u;
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
	for (long i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		crc = table[(crc ^ x) & 0xff] ^ (crc >> 8);
	}
	printf("%08x\n", crc ^ 0xffffffffu);
	return 0;
}
