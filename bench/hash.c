/* Hashing: CRC-32 (table) and FNV-1a over a buffer, and a hash table of integers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 30;
	uint32_t table[256], crc = 0xffffffffu;
	uint64_t fnv = 0xcbf29ce484222325ull;
	size_t n = 1 << 20;
	unsigned char *buf = malloc(n);
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
	for (size_t i = 0; i < n; i++) buf[i] = (unsigned char)(i * 31 + 7);
	for (int r = 0; r < reps; r++)
		for (size_t i = 0; i < n; i++) {
			crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
			fnv = (fnv ^ buf[i]) * 0x100000001b3ull;
		}
	uint32_t *ht = calloc(1 << 20, 4);
	long hits = 0;
	for (uint32_t i = 1; i < 2000000; i++) {
		uint32_t k = i * 2654435761u, h = k >> 12;
		while (ht[h] && ht[h] != k) h = (h + 1) & ((1 << 20) - 1);
		hits += ht[h] == k;
		if (i < 700000) ht[h] = k;
	}
	printf("%08x %016llx %ld\n", crc, (unsigned long long)fnv, hits);
	return 0;
}
