/* The C library's qsort with a comparison callback: indirect calls into the program from
 * the library for every comparison. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int compare(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2000000;
	uint32_t *v = malloc((size_t)n * sizeof *v), s = 1, sum = 0;
	for (long i = 0; i < n; i++) {
		s = s * 1103515245u + 12345u;
		v[i] = s >> 3;
	}
	qsort(v, (size_t)n, sizeof *v, compare);
	for (long i = 0; i < n; i += n / 64 + 1)
		sum = sum * 31 + v[i];
	printf("%08x\n", sum);
	free(v);
	return 0;
}
