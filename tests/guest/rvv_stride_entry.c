// A vector string loop whose pointer moves by vl at the top of each pass (p += vl, then the
// fault-only-first load at p): the translator tests the pointer against the guest space once
// before the loop and the stride register before the first pass, not at every pass. Strings of
// every length up to 300 bytes give their lengths; then the loop is entered with a stride of
// 2^40, which puts the first pass's load outside the space: SIGSEGV names that address.
// qemu: rva23
// cflags: -march=rv64gcv
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf back;
static volatile uintptr_t fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = (uintptr_t)si->si_addr;
	siglongjmp(back, 1);
}

/* The index of the first zero byte at p + step (the first pass adds step, the next ones vl) */
static long scan(const char *p, long step)
{
	long first;
	__asm__ volatile("1:\n\tadd %[p], %[p], %[step]\n\tvsetvli %[step], zero, e8, m8, ta, ma\n\t"
			 "vle8ff.v v8, (%[p])\n\tcsrr %[step], vl\n\tvmseq.vi v0, v8, 0\n\tvfirst.m %[first], v0\n\t"
			 "bltz %[first], 1b"
			 : [p] "+r"(p), [step] "+r"(step), [first] "=&r"(first)
			 :
			 : "memory");
	return (long)(uintptr_t)p + first;
}

static char text[512];

int main(void)
{
	struct sigaction sa;
	long errors = 0, sum = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	for (int round = 0; round < 20; round++)
		for (int n = 0; n <= 300; n += 7) {
			memset(text, 'a', sizeof text);
			text[n] = 0;
			long got = scan(text, 0) - (long)(uintptr_t)text;
			errors += got != n;
			sum += got;
		}
	printf("lengths: sum %ld, %ld wrong\n", sum, errors);
	if (sigsetjmp(back, 1) == 0) {
		scan(text, 1l << 40);
		printf("no fault\n");
	} else {
		printf("SIGSEGV at the string + 0x%lx\n", (unsigned long)(fault_addr - (uintptr_t)text));
	}
	return errors != 0;
}
