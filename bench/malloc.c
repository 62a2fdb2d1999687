/* Allocation heavy: many small and medium mallocs and frees in a shuffled order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2000000;
	void *slots[4096] = {0};
	unsigned x = 7;
	long bytes = 0;
	for (long i = 0; i < n; i++) {
		x = x * 1664525u + 1013904223u;
		unsigned s = (x >> 8) & 4095;
		free(slots[s]);
		size_t sz = 16 + ((x >> 20) & 1023);
		slots[s] = malloc(sz);
		memset(slots[s], (int)i, 16);
		bytes += (long)sz;
	}
	for (int i = 0; i < 4096; i++) free(slots[i]);
	printf("%ld\n", bytes);
	return 0;
}
