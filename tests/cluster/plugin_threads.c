// no-suite: run by cluster.sh with plugins loaded on every rank
// cflags: -pthread -I include
/* Threads that each run a loop of a known length in a function of its own, half before and half
 * after joining a group (rvx's hint: threads move between ranks to meet their group, the main
 * thread too): summed over the ranks, the hotblocks plugin's counts for that function's blocks
 * are those of a run on one machine, whichever ranks each thread ran on. */
#include <pthread.h>
#include <stdio.h>

#include "rvx-guest.h"

#define THREADS 4

static volatile unsigned long results[THREADS + 1];

__attribute__((noinline)) static unsigned long counted_loop(unsigned long n, unsigned long x)
{
	for (unsigned long i = 0; i < n; i++)
		x = x * 6364136223846793005ul + i;
	return x;
}

static void *body(void *arg)
{
	long k = (long)arg;
	unsigned long x = counted_loop(150000 + 1000 * (unsigned long)k, (unsigned long)k);
	if (k % 2)
		RVX_GROUP(1);
	else
		RVX_GROUP(2);
	results[k] = counted_loop(150000, x);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	unsigned long sum = 0;
	for (long k = 0; k < THREADS; k++)
		if (pthread_create(&t[k], NULL, body, (void *)k) != 0)
			return 1;
	body((void *)THREADS);
	for (int k = 0; k < THREADS; k++)
		pthread_join(t[k], NULL);
	for (int k = 0; k <= THREADS; k++)
		sum += results[k];
	printf("sum %lu\n", sum);
	return 0;
}
