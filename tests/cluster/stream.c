// Cluster: a thread on another rank reads memory the master wrote, front to back (the case the
// home's read-ahead pushes pages for); then the master rewrites some of those pages, including
// pages pushed ahead of the reader that it never reached, and the reader must see the new
// bytes; then the reader writes into pages it was pushed and the master reads them back.
// cflags: -pthread
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define PAGES 4096L /* 16 MiB */
#define WORDS (PAGES * 512)

static uint64_t *buf;
static pthread_barrier_t step;

static uint64_t sum(long from, long to)
{
	uint64_t s = 0;
	for (long i = from; i < to; i++)
		s = s * 31 + buf[i];
	return s;
}

static void *reader(void *arg)
{
	pthread_barrier_wait(&step); /* the master has written everything */
	printf("reader, first half: %016llx\n", (unsigned long long)sum(0, WORDS / 2));
	pthread_barrier_wait(&step);
	pthread_barrier_wait(&step); /* the master has rewritten every third page */
	printf("reader, all: %016llx\n", (unsigned long long)sum(0, WORDS));
	for (long p = 0; p < PAGES; p += 5)
		buf[p * 512 + 7] = (uint64_t)p * 0x9e3779b97f4a7c15ull;
	pthread_barrier_wait(&step);
	return arg;
}

int main(void)
{
	pthread_t t;
	buf = malloc(WORDS * sizeof *buf);
	if (!buf)
		return 1;
	pthread_barrier_init(&step, NULL, 2);
	pthread_create(&t, NULL, reader, NULL);
	for (long i = 0; i < WORDS; i++)
		buf[i] = (uint64_t)i * 2654435761u;
	pthread_barrier_wait(&step);
	pthread_barrier_wait(&step); /* the reader read the first half (and was pushed more) */
	for (long p = 0; p < PAGES; p += 3)
		for (long w = 0; w < 512; w += 64)
			buf[p * 512 + w] ^= 0x5555;
	pthread_barrier_wait(&step);
	pthread_barrier_wait(&step); /* the reader read everything and wrote every fifth page */
	printf("master, all: %016llx\n", (unsigned long long)sum(0, WORDS));
	pthread_join(t, NULL);
	return 0;
}
