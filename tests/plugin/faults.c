/* Faults in the middle of straight-line code, again and again: counts stay exact (the
 * translator's summed additions are taken back past the faulting instruction). */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static sigjmp_buf back;
static volatile long sink;

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(back, 1);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100, faults = 0;
	volatile long *volatile bad = (long *)8;
	signal(SIGSEGV, on_segv);
	for (long i = 0; i < n; i++) {
		if (sigsetjmp(back, 1)) {
			faults++;
			continue;
		}
		sink += i;
		sink ^= *bad; /* faults here, with instructions after it in the block */
		sink += 3 * i;
	}
	printf("%ld faults\n", faults);
	return 0;
}
