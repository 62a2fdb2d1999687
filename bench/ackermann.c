/* Ackermann's function: deep, irregular recursion (calls and returns dominate). */
#include <stdio.h>
#include <stdlib.h>

static long ack(long m, long n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10, sum = 0;
	for (int r = 0; r < 4; r++)
		sum += ack(2 + (r & 1), n + r);
	printf("%ld\n", sum);
	return 0;
}
