/* Threads whose work ends unevenly: T threads, the odd ones (which round-robin placement puts on
 * rank 1 of two) do one unit of work, the even ones LONG units. Once the short ones end, the
 * long ones share rank 0 unless they are spread again. Prints a checksum of every thread's work. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static long units, unit_iters;
static uint64_t sums[64];

static void *work(void *arg)
{
	long id = (long)arg, n = (id % 2 ? 1 : units) * unit_iters;
	uint64_t x = (uint64_t)id + 1;
	for (long i = 0; i < n; i++) /* xorshift */
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
	sums[id] = x;
	return NULL;
}

int main(int argc, char **argv)
{
	int threads = argc > 1 ? atoi(argv[1]) : 4;
	pthread_t th[64];
	uint64_t all = 0;
	units = argc > 2 ? atol(argv[2]) : 8;
	unit_iters = argc > 3 ? atol(argv[3]) : 10000000;
	if (threads < 1 || threads > 63)
		threads = 4;
	for (long t = 1; t <= threads; t++)
		pthread_create(&th[t], NULL, work, (void *)t);
	for (int t = 1; t <= threads; t++) {
		pthread_join(th[t], NULL);
		all = all * 31 + sums[t];
	}
	printf("uneven %d threads: %016llx\n", threads, (unsigned long long)all);
	return 0;
}
