/* A loop of argv[1] iterations: instruction counts differ between two runs by exactly the
 * loop's own instructions, whatever the start-up does. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000, s = 0;
	for (long i = 0; i < n; i++)
		s += (i * 7) ^ (s >> 3);
	printf("%ld\n", s);
	return 0;
}
