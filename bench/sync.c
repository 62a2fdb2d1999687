/* Synchronisation costs: T threads on one global mutex, on private mutexes, or incrementing
 * their own counters that share one page (false sharing): 8 bytes apart (false, which shares
 * cache lines too) or 128 bytes apart (slices: only the page). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t global = PTHREAD_MUTEX_INITIALIZER;
static long shared_total;
static struct {
	pthread_mutex_t m;
	long n;
	char pad[64];
} priv[256];
static volatile long page[512] __attribute__((aligned(4096)));
static long iters;
static int mode; /* 0 global, 1 private, 2 false sharing, 3 in 128-byte slices */

static void *work(void *arg)
{
	long id = (long)arg, i;
	for (i = 0; i < iters; i++) {
		if (mode == 0) {
			pthread_mutex_lock(&global);
			shared_total++;
			pthread_mutex_unlock(&global);
		} else if (mode == 1) {
			pthread_mutex_lock(&priv[id].m);
			priv[id].n++;
			pthread_mutex_unlock(&priv[id].m);
		} else {
			page[mode == 3 ? 16 * id : id]++;
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int t, threads = argc > 2 ? atoi(argv[2]) : 32;
	pthread_t th[256];
	long total = 0;
	mode = argc < 2 || !strcmp(argv[1], "global") ? 0
	       : !strcmp(argv[1], "private")       ? 1
	       : !strcmp(argv[1], "slices")        ? 3
						   : 2;
	iters = argc > 3 ? atol(argv[3]) : 100000;
	if (mode == 3 && threads > 32)
		threads = 32; /* 32 slices in the page */
	for (t = 0; t < threads; t++) {
		pthread_mutex_init(&priv[t].m, NULL);
		pthread_create(&th[t], NULL, work, (void *)(long)t);
	}
	for (t = 0; t < threads; t++) {
		pthread_join(th[t], NULL);
		total += priv[t].n + page[mode == 3 ? 16 * t : t];
	}
	printf("%s: %ld\n", argc > 1 ? argv[1] : "global", total + shared_total);
	return 0;
}
