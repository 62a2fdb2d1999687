/* Cluster streaming: the main thread writes MIB mebibytes, then READERS threads (1 by default,
 * placed on another rank by round-robin, or by --cluster-place) read them, each its own part
 * front to back; prints the rate of all of them together, measured from the first reader's start
 * to the last one's end (the clock of the rank they run on), and a checksum.
 * usage: stream MIB [READERS] */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_READERS 16

static uint64_t *buf;
static long words;

struct part {
	pthread_t thread;
	long from, to;
	double start, end;
	uint64_t sum;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *reader(void *arg)
{
	struct part *p = arg;
	uint64_t s = 0;
	p->start = now();
	for (long i = p->from; i < p->to; i++)
		s += buf[i];
	p->end = now();
	p->sum = s;
	return NULL;
}

int main(int argc, char **argv)
{
	struct part parts[MAX_READERS];
	long mib = argc > 1 ? atol(argv[1]) : 256;
	int readers = argc > 2 ? atoi(argv[2]) : 1;
	double start, end;
	uint64_t check = 0;
	if (readers < 1 || readers > MAX_READERS)
		return 2;
	words = mib << 17;
	buf = malloc((size_t)words * 8);
	if (!buf)
		return 1;
	for (long i = 0; i < words; i++)
		buf[i] = (uint64_t)i * 2654435761u;
	for (int k = 0; k < readers; k++) {
		parts[k].from = words / readers * k;
		parts[k].to = k == readers - 1 ? words : words / readers * (k + 1);
		pthread_create(&parts[k].thread, NULL, reader, &parts[k]);
	}
	for (int k = 0; k < readers; k++)
		pthread_join(parts[k].thread, NULL);
	start = parts[0].start;
	end = parts[0].end;
	for (int k = 0; k < readers; k++) {
		start = parts[k].start < start ? parts[k].start : start;
		end = parts[k].end > end ? parts[k].end : end;
		check += parts[k].sum;
	}
	printf("checksum %016llx\n", (unsigned long long)check);
	fprintf(stderr, "read %ld MiB at %.1f MB/s\n", mib, (double)words * 8 / (end - start) / 1e6);
	return 0;
}
