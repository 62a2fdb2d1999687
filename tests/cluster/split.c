// Page splitting: threads on every rank write their own 64-byte units of one page (false
// sharing), while others in the same page are shared for real: an AMO counter, an LR/SC counter
// and a mutex (a futex word) with the counter it guards. A reader checks that each thread's
// counter only grows. Then the main thread reaches the page in ways no shadow page takes: an
// access across two units, a pipe's write from it and read into it (the kernel's copies), a
// clock_gettime into it, mprotect. Every total is exact, whether the page was split or not.
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define THREADS 8

static long iters = 400000; /* argv[1]: long enough for the page to be split (cluster.sh) */
struct unit {
	volatile long n;
	long pad[7];
};
static struct {
	struct unit u[THREADS]; /* each thread's own */
	long amo;               /* unit 8: an AMO counter */
	long pad1[7];
	long cas; /* unit 9: an LR/SC counter (compare-and-swap) */
	long pad2[7];
	pthread_mutex_t lock; /* units 10-11: a mutex and what it guards */
	long guarded;
	char rest[4096 - 11 * 64 - sizeof(pthread_mutex_t) - sizeof(long)];
} page __attribute__((aligned(4096)));

static int bad_order;

static void *work(void *arg)
{
	long id = (long)arg, seen[THREADS] = {0};
	for (long i = 0; i < iters; i++) {
		page.u[id].n++;
		if (i % 64 == 0)
			__atomic_fetch_add(&page.amo, 1, __ATOMIC_SEQ_CST);
		if (i % 256 == 0) {
			long old = __atomic_load_n(&page.cas, __ATOMIC_RELAXED);
			while (!__atomic_compare_exchange_n(&page.cas, &old, old + 1, 1, __ATOMIC_SEQ_CST,
							    __ATOMIC_RELAXED))
				;
		}
		if (i % 4096 == 0) {
			pthread_mutex_lock(&page.lock);
			page.guarded++;
			pthread_mutex_unlock(&page.lock);
			sched_yield();
		}
		if (id == 0 && i % 1024 == 0)
			for (int k = 1; k < THREADS; k++) { /* another thread's counter never goes back */
				long v = page.u[k].n;
				if (v < seen[k])
					__atomic_fetch_add(&bad_order, 1, __ATOMIC_RELAXED);
				seen[k] = v;
			}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th[THREADS];
	long total = 0;
	int fds[2];
	struct timespec ts;
	uint64_t across;
	if (argc > 1)
		iters = atol(argv[1]);
	pthread_mutex_init(&page.lock, NULL);
	for (long t = 1; t < THREADS; t++)
		pthread_create(&th[t], NULL, work, (void *)t);
	work((void *)0);
	for (int t = 1; t < THREADS; t++)
		pthread_join(th[t], NULL);
	for (int t = 0; t < THREADS; t++)
		total += page.u[t].n;
	printf("counters %ld (each %ld), amo %ld, cas %ld, guarded %ld, out of order %d\n", total, iters,
	       page.amo, page.cas, page.guarded, bad_order);

	/* across units 0 and 1 */
	memset((char *)&page + 56, 0x5a, 16);
	memcpy(&across, (char *)&page + 60, 8);
	*(volatile uint64_t *)((char *)&page + 60) = across + 1;
	printf("across two units: %llx\n", (unsigned long long)*(volatile uint64_t *)((char *)&page + 60));

	/* the kernel's copies: from the page into a pipe and back into it */
	if (pipe(fds) != 0)
		return 1;
	for (int k = 0; k < 64; k++)
		page.rest[k] = (char)(k * 3);
	if (write(fds[1], page.rest, 64) != 64 || read(fds[0], page.rest + 128, 64) != 64)
		return 2;
	printf("through a pipe: %s\n", memcmp(page.rest, page.rest + 128, 64) ? "differs" : "same");
	if (clock_gettime(CLOCK_MONOTONIC, (struct timespec *)(void *)page.rest) != 0)
		return 3;
	memcpy(&ts, page.rest, sizeof ts);
	printf("clock_gettime into the page: %s\n", ts.tv_sec > 0 || ts.tv_nsec > 0 ? "yes" : "no");

	/* read-only for a while, then writable again */
	if (mprotect(&page, 4096, PROT_READ) != 0)
		return 4;
	total = page.u[3].n;
	if (mprotect(&page, 4096, PROT_READ | PROT_WRITE) != 0)
		return 5;
	page.u[3].n = total + 1;
	printf("after mprotect: %ld\n", page.u[3].n);
	return 0;
}
