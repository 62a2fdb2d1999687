/* Threads that share data in groups: G groups of K threads; in each of R rounds every thread
 * writes its slice of its group's buffer, waits for its group (a spinning barrier: no system
 * call), then reads the next thread's slice. Groups share nothing. With "hint" each thread
 * first names its group with rvx's hint (include/rvx-guest.h), which cluster mode uses to keep
 * a group on one rank. usage: locality GROUPS THREADS_PER_GROUP ROUNDS [hint] */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/rvx-guest.h"

#define SLICE 2048 /* 64-bit words: 16 KiB, four pages */

struct group {
	uint64_t *buf;
	int arrived, sense; /* the barrier */
	uint64_t check;
};

static struct group *groups;
static int ngroups, per, hint;
static long rounds;

static void barrier(struct group *g, int *local)
{
	*local = !*local;
	if (__atomic_add_fetch(&g->arrived, 1, __ATOMIC_ACQ_REL) == per) {
		__atomic_store_n(&g->arrived, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&g->sense, *local, __ATOMIC_RELEASE);
	} else {
		while (__atomic_load_n(&g->sense, __ATOMIC_ACQUIRE) != *local)
			sched_yield();
	}
}

/* The hint takes a constant: one site per group this program uses. */
static void join(int g)
{
	switch (g) {
	case 0: RVX_GROUP(1); break;
	case 1: RVX_GROUP(2); break;
	case 2: RVX_GROUP(3); break;
	case 3: RVX_GROUP(4); break;
	case 4: RVX_GROUP(5); break;
	case 5: RVX_GROUP(6); break;
	case 6: RVX_GROUP(7); break;
	default: RVX_GROUP(8); break;
	}
}

static void *worker(void *arg)
{
	long id = (long)arg;
	struct group *g = &groups[id / per];
	int me = (int)(id % per), sense = 0;
	uint64_t *mine = g->buf + (size_t)me * SLICE, *next = g->buf + (size_t)((me + 1) % per) * SLICE, sum = 0;
	if (hint)
		join((int)(id / per));
	for (long r = 0; r < rounds; r++) {
		for (int i = 0; i < SLICE; i++)
			mine[i] = (uint64_t)r * 1000003u + (uint64_t)id * 7919u + (uint64_t)i;
		barrier(g, &sense);
		for (int i = 0; i < SLICE; i++)
			sum += next[i] * (uint64_t)(i | 1);
		barrier(g, &sense);
	}
	__atomic_add_fetch(&g->check, sum, __ATOMIC_RELAXED);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t *th;
	ngroups = argc > 1 ? atoi(argv[1]) : 4;
	per = argc > 2 ? atoi(argv[2]) : 8;
	rounds = argc > 3 ? atol(argv[3]) : 200;
	hint = argc > 4 && !strcmp(argv[4], "hint");
	groups = calloc((size_t)ngroups, sizeof *groups);
	th = malloc((size_t)(ngroups * per) * sizeof *th);
	if (!groups || !th || ngroups > 8)
		return 1;
	for (int k = 0; k < ngroups; k++) {
		/* each group's data in pages of its own */
		if (posix_memalign((void **)&groups[k].buf, 4096, (size_t)per * SLICE * 8) != 0)
			return 1;
		memset(groups[k].buf, 0, (size_t)per * SLICE * 8);
	}
	for (long t = 0; t < ngroups * per; t++)
		pthread_create(&th[t], NULL, worker, (void *)t);
	for (long t = 0; t < ngroups * per; t++)
		pthread_join(th[t], NULL);
	for (int k = 0; k < ngroups; k++)
		printf("group %d: %016llx\n", k, (unsigned long long)groups[k].check);
	return 0;
}
