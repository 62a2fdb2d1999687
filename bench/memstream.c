/* Memory streaming: memset, memcpy and a summing pass over 16 MiB buffers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 40;
	size_t n = 16u << 20;
	unsigned char *a = malloc(n), *b = malloc(n);
	unsigned long sum = 0;
	for (int r = 0; r < reps; r++) {
		memset(a, r, n);
		memcpy(b, a, n);
		for (size_t i = 0; i < n; i += 64)
			sum += b[i];
	}
	printf("%lu\n", sum);
	return 0;
}
