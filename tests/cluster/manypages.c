// Cluster: 200,000 pages touched alternately from two ranks (even pages by the main thread,
// odd ones by a thread on another rank), then all read back by the main thread: far more
// alternating pages than vm.max_map_count (65530) would allow if each were a host mapping.
// cflags: -pthread
// only: np2
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

#define PAGES 200000L

static char *area;

static void *odd(void *arg)
{
	for (long p = 1; p < PAGES; p += 2)
		area[p * 4096] = (char)(p % 251);
	return arg;
}

int main(void)
{
	pthread_t t;
	long sum = 0, want = 0;
	area = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (area == MAP_FAILED)
		return 1;
	pthread_create(&t, NULL, odd, NULL);
	for (long p = 0; p < PAGES; p += 2)
		area[p * 4096] = (char)(p % 251);
	pthread_join(t, NULL);
	for (long p = 0; p < PAGES; p++) {
		sum += area[p * 4096];
		want += (char)(p % 251);
	}
	printf("%ld pages written alternately by two threads: sums %s\n", PAGES, sum == want ? "agree" : "DIFFER");
	return sum == want ? 0 : 1;
}
