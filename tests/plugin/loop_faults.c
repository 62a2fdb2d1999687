/* Loops that the translator makes one block, which count their passes in a host register (and
 * the plugins' instruction counters with them): left by a fault in the middle of a pass (a walk
 * into an unmapped page) and by their side exit, the counts stay exact. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf back;
static volatile long sink;

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(back, 1);
}

/* Sums words from p up to end: a fault where p reaches the page that is not there */
static long __attribute__((noinline)) walk(const long *p, const long *end)
{
	long s = 0;
	for (; p != end; p++)
		s += *p ^ (s >> 3);
	return s;
}

/* Leaves by the branch in the middle of the loop when it meets the stop word */
static long __attribute__((noinline)) until_stop(const long *p, long stop)
{
	long s = 0;
	for (;;) {
		long v = *p++;
		if (v == stop)
			break;
		s += v * 3;
	}
	return s;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100, faults = 0, page = sysconf(_SC_PAGESIZE);
	long words = page / (long)sizeof(long);
	long *area = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED || munmap(area + words, (size_t)page) != 0)
		return 1;
	for (long k = 0; k < words; k++)
		area[k] = k * 7 + 1;
	signal(SIGSEGV, on_segv);
	for (long i = 0; i < n; i++) {
		if (sigsetjmp(back, 1)) {
			faults++;
			continue;
		}
		area[i % words] = -1;
		sink += until_stop(area + (i * 13) % (words / 2), -1);
		area[i % words] = (i % words) * 7 + 1;
		sink += walk(area + i % words, area + 2 * words);
	}
	printf("%ld faults, %ld\n", faults, (long)sink);
	return 0;
}
