// Cluster: an LR on one rank, then a change and a change back of its word by a thread of
// another rank, then the SC: the page left the rank in between, so the SC must fail (on one
// machine, as under QEMU, a compare-and-swap SC cannot see the A-B-A; the expected output is
// cluster mode's, in lrsc_aba.expected). Then an undisturbed LR/SC must succeed.
// cflags: -pthread
#include <pthread.h>
#include <stdio.h>

static int word = 5;
static volatile int phase;

static int lr(int *p)
{
	int v;
	__asm__ volatile("lr.w %0, (%1)" : "=r"(v) : "r"(p) : "memory");
	return v;
}

static int sc(int *p, int v)
{
	int fail;
	__asm__ volatile("sc.w %0, %2, (%1)" : "=&r"(fail) : "r"(p), "r"(v) : "memory");
	return fail;
}

static void *remote(void *arg)
{
	int seen = lr(&word), fail;
	__atomic_store_n(&phase, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&phase, __ATOMIC_SEQ_CST) != 2)
		;
	fail = sc(&word, seen + 1);
	printf("SC after another rank's A-B-A: %s\n", fail ? "failed" : "succeeded");
	do
		seen = lr(&word);
	while (sc(&word, seen + 10));
	printf("LR/SC with nobody else: word %d\n", word);
	return NULL;
}

int main(void)
{
	pthread_t t;
	pthread_create(&t, NULL, remote, NULL);
	while (__atomic_load_n(&phase, __ATOMIC_SEQ_CST) != 1)
		;
	__atomic_store_n(&word, 6, __ATOMIC_SEQ_CST);
	__atomic_store_n(&word, 5, __ATOMIC_SEQ_CST);
	__atomic_store_n(&phase, 2, __ATOMIC_SEQ_CST);
	pthread_join(t, NULL);
	return 0;
}
