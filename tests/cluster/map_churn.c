// Cluster: threads on every rank map, fill, check and unmap memory at once, so that the
// address range one thread unmaps is often the next mapping of another. Every rank must see
// the changes in the order the master made them: an unmap that reached a rank after the new
// mapping in its range would take that mapping away there (a fault, or lost bytes).
// cflags: -pthread
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define THREADS 6
#define ROUNDS  300
#define PAGES   4

static void *churn(void *arg)
{
	long id = (long)arg, bad = 0;
	for (int r = 0; r < ROUNDS; r++) {
		unsigned char *p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return (void *)-1;
		for (int i = 0; i < PAGES; i++)
			memset(p + i * 4096, (int)(id * 16 + i + r), 4096);
		for (int i = 0; i < PAGES * 4096; i += 512)
			bad += p[i] != (unsigned char)(id * 16 + i / 4096 + r);
		munmap(p, PAGES * 4096);
	}
	return (void *)bad;
}

int main(void)
{
	pthread_t t[THREADS];
	long total = 0;
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, churn, (void *)i);
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		total += (long)r;
	}
	printf("%d threads mapped, filled and unmapped %d areas each: %ld wrong bytes\n", THREADS, ROUNDS, total);
	return 0;
}
