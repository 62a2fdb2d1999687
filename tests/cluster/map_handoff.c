// Cluster: each thread maps fresh memory, fills it and hands it to the next thread (on another
// rank), which checks every byte before the first unmaps it. With homes spread over the ranks,
// a page's home may hear of the new mapping after the request for the page: it must not then
// forget who holds the page and hand the next reader a page of zeros.
// cflags: -pthread
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/mman.h>

#define THREADS 6
#define ROUNDS  100
#define PAGES   4

static unsigned char *volatile slot[THREADS];
static volatile int round_of[THREADS], checked[THREADS];
static long wrong[THREADS];

static unsigned char pattern(int id, int r, int i)
{
	return (unsigned char)(id * 37 + r * 11 + i / 512 + 1);
}

/* What the thread before this one handed over, if it is new: checked, then acknowledged. */
static void take(int id)
{
	int from = (id + THREADS - 1) % THREADS, r = __atomic_load_n(&round_of[from], __ATOMIC_ACQUIRE);
	if (r == 0 || checked[from] == r)
		return;
	for (int i = 0; i < PAGES * 4096; i += 64)
		wrong[id] += slot[from][i] != pattern(from, r, i);
	__atomic_store_n(&checked[from], r, __ATOMIC_RELEASE);
}

static void *handoff(void *arg)
{
	int id = (int)(long)arg;
	for (int r = 1; r <= ROUNDS; r++) {
		unsigned char *p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return NULL;
		for (int i = 0; i < PAGES * 4096; i++)
			p[i] = pattern(id, r, i);
		slot[id] = p;
		__atomic_store_n(&round_of[id], r, __ATOMIC_RELEASE);
		while (__atomic_load_n(&checked[id], __ATOMIC_ACQUIRE) != r) {
			take(id);
			sched_yield();
		}
		munmap(p, PAGES * 4096);
	}
	/* the thread before this one may still wait for its last check */
	while (__atomic_load_n(&checked[(id + THREADS - 1) % THREADS], __ATOMIC_ACQUIRE) != ROUNDS) {
		take(id);
		sched_yield();
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	long total = 0;
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, handoff, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < THREADS; i++)
		total += wrong[i];
	printf("%d threads handed %d fresh mappings each to the next: %ld wrong\n", THREADS, ROUNDS, total);
	return 0;
}
