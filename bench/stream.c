/* Cluster streaming: the main thread writes MIB mebibytes, then one thread (placed on another
 * rank by round-robin) reads them front to back; prints the reader's rate, measured around its
 * reading only, and a checksum. usage: stream MIB */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t *buf;
static long words;
static double rate;
static uint64_t check;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *reader(void *arg)
{
	double t0 = now();
	uint64_t s = 0;
	for (long i = 0; i < words; i++)
		s += buf[i];
	rate = (double)words * 8 / (now() - t0) / 1e6;
	check = s;
	return arg;
}

int main(int argc, char **argv)
{
	pthread_t t;
	long mib = argc > 1 ? atol(argv[1]) : 256;
	words = mib << 17;
	buf = malloc((size_t)words * 8);
	if (!buf)
		return 1;
	for (long i = 0; i < words; i++)
		buf[i] = (uint64_t)i * 2654435761u;
	pthread_create(&t, NULL, reader, NULL);
	pthread_join(t, NULL);
	printf("checksum %016llx\n", (unsigned long long)check);
	fprintf(stderr, "read %ld MiB at %.1f MB/s\n", mib, rate);
	return 0;
}
