/* For the cache plugin: walk() loads one byte per 64-byte block (stride 64) or per page
 * (stride 4096) of a buffer, several passes: its load's misses are known for each size. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) long walk(const volatile unsigned char *buf, long size, long stride, int passes)
{
	long sum = 0;
	for (int p = 0; p < passes; p++)
		for (long i = 0; i < size; i += stride)
			sum += buf[i];
	return sum;
}

int main(int argc, char **argv)
{
	long size = argc > 1 ? atol(argv[1]) : 8192, stride = argc > 2 ? atol(argv[2]) : 64;
	unsigned char *buf = aligned_alloc(4096, (size_t)size);
	for (long i = 0; i < size; i++)
		buf[i] = (unsigned char)i;
	printf("%ld\n", walk(buf, size, stride, 4));
	return 0;
}
