// Cluster: a mutex-protected counter, an AMO counter and an LR/SC counter hammered from
// threads on every rank; the totals must be exact. Also each thread's own id and a value
// computed from memory it shares with the main thread.
// cflags: -pthread
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NT    6
#define ITERS 2000

static long locked, amo;
static int lrsc;
static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static long data[NT][512];

static void lrsc_add(int *p)
{
	int old, fail;
	do {
		__asm__ volatile("lr.w.aq %0, (%2)\n\taddi %0, %0, 1\n\tsc.w.rl %1, %0, (%2)"
				 : "=&r"(old), "=&r"(fail)
				 : "r"(p)
				 : "memory");
	} while (fail);
}

static void *work(void *arg)
{
	long k = (long)arg, sum = 0;
	for (int i = 0; i < ITERS; i++) {
		pthread_mutex_lock(&mtx);
		locked++;
		pthread_mutex_unlock(&mtx);
		__atomic_fetch_add(&amo, 1, __ATOMIC_SEQ_CST);
		lrsc_add(&lrsc);
	}
	for (int i = 0; i < 512; i++)
		sum += data[k][i];
	return (void *)sum;
}

int main(void)
{
	pthread_t th[NT];
	long total = 0;
	for (int k = 0; k < NT; k++)
		for (int i = 0; i < 512; i++)
			data[k][i] = k * 1000 + i;
	for (long k = 0; k < NT; k++)
		if (pthread_create(&th[k], NULL, work, (void *)k) != 0) {
			printf("pthread_create failed\n");
			return 1;
		}
	for (int k = 0; k < NT; k++) {
		void *r;
		pthread_join(th[k], &r);
		total += (long)r;
	}
	printf("locked %ld amo %ld lrsc %d (want %d each)\n", locked, amo, lrsc, NT * ITERS);
	printf("sums %ld\n", total);
	return locked == NT * ITERS && amo == NT * ITERS && lrsc == NT * ITERS ? 0 : 1;
}
