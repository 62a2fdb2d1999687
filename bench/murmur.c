/* A 32-bit MurmurHash3 over keys of varying length from a generator: 32-bit multiplies,
 * rotates and unaligned 4-byte loads. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rotl(uint32_t x, int r)
{
	return x << r | x >> (32 - r);
}

static uint32_t murmur3(const uint8_t *key, size_t len, uint32_t seed)
{
	uint32_t h = seed, k;
	size_t i;
	for (i = 0; i + 4 <= len; i += 4) {
		memcpy(&k, key + i, 4);
		k *= 0xcc9e2d51u;
		k = rotl(k, 15) * 0x1b873593u;
		h = rotl(h ^ k, 13) * 5 + 0xe6546b64u;
	}
	k = 0;
	switch (len & 3) {
	case 3: k ^= (uint32_t)key[i + 2] << 16; /* fall through */
	case 2: k ^= (uint32_t)key[i + 1] << 8;  /* fall through */
	case 1: k ^= key[i]; h ^= rotl(k * 0xcc9e2d51u, 15) * 0x1b873593u;
	}
	h ^= (uint32_t)len;
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	return h ^ (h >> 16);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 3000000;
	uint8_t buf[1024];
	uint32_t acc = 0;
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)(i * 7 + 3);
	for (long i = 0; i < n; i++)
		acc += murmur3(buf + (i & 255), 16 + (size_t)(i % 200), (uint32_t)i);
	printf("%08x\n", acc);
	return 0;
}
