/* Faults in the middle of straight-line code, again and again: counts stay exact (the
 * translator's summed additions are taken back past the faulting instruction): a load, and an
 * AMO the interpreter runs for translated code, at an unmapped address (a host fault inside it)
 * and at one outside the guest space (which it reports). */
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

static void __attribute__((noinline)) amo_at(volatile long *p, long i)
{
	long old;
	sink += i;
	__asm__ volatile("amomax.d %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(i) : "memory");
	sink += old + 3 * i;
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
		if (i % 3 == 1) {
			amo_at(bad, i);
			continue;
		}
		if (i % 3 == 2) {
			amo_at((long *)(1l << 62), i);
			continue;
		}
		sink += i;
		sink ^= *bad; /* faults here, with instructions after it in the block */
		sink += 3 * i;
	}
	printf("%ld faults\n", faults);
	return 0;
}
