/* A loop of argv[1] iterations that loads and stores: the accesses two runs differ by are the
 * loop's own, whatever the start-up does. */
#include <stdio.h>
#include <stdlib.h>

static volatile long a[64];
static volatile unsigned char b[64];

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000;
	for (long i = 0; i < n; i++) {
		a[i & 63] += a[(i * 7) & 63] ^ i;
		b[i & 63] = (unsigned char)(b[(i * 3) & 63] + 1);
	}
	printf("%ld %d\n", a[5], b[7]);
	return 0;
}
