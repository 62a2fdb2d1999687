/* For the probe plugin: threads (vCPU init and exit), a write whose buffer the plugin reads,
 * a function whose result the plugin rewrites, loads whose base register the plugin points
 * past the guest space after an earlier load checked it (in a loop too), getpid (which a filter may answer), a
 * signal handled (its entry and return are discontinuities). */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

__attribute__((noinline)) long probe_target(long x)
{
	__asm__ volatile("" ::: "memory");
	return x + 1;
}

/* two loads from a0; the probe plugin rewrites a0 before the second */
__attribute__((noinline)) uint64_t probe_load(const uint64_t *p)
{
	register const uint64_t *base __asm__("a0") = p;
	uint64_t v;
	__asm__ volatile("ld %0, 0(%1)\n\tld %0, 8(%1)" : "=&r"(v) : "r"(base) : "memory");
	return v;
}

/* sums n words from a0 in a loop; the probe plugin rewrites a0 at the end of each pass */
__attribute__((noinline)) uint64_t probe_walk(const uint64_t *p, long n)
{
	register const uint64_t *base __asm__("a0") = p;
	register long count __asm__("a1") = n;
	uint64_t sum = 0, v;
	__asm__ volatile("1: ld %1, 0(%2)\n\tadd %0, %0, %1\n\taddi %2, %2, 8\n\taddi %3, %3, -1\n\tbnez %3, 1b"
			 : "+r"(sum), "=&r"(v), "+r"(base), "+r"(count)
			 :
			 : "memory");
	return sum;
}

static volatile int usr1;
static volatile uintptr_t segv_at;
static sigjmp_buf segv_jb;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	segv_at = (uintptr_t)si->si_addr;
	siglongjmp(segv_jb, 1);
}

static void on_usr1(int sig)
{
	usr1 = sig;
}

static void *worker(void *arg)
{
	return arg;
}

int main(void)
{
	pthread_t t[4];
	const char msg[] = "probe: hello through write\n";
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	if (write(1, msg, strlen(msg)) < 0)
		return 1;
	printf("probe_target(41) = %ld\n", probe_target(41));
	{
		static const uint64_t words[2] = {1, 2};
		struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
		sigaction(SIGSEGV, &sa, NULL);
		volatile int faulted = 0;
		volatile uint64_t sum = 0;
		for (volatile int i = 0; i < 200; i++) /* often enough to be translated */
			if (sigsetjmp(segv_jb, 1) == 0)
				sum += probe_load(words);
			else
				faulted += segv_at == ((uintptr_t)1 << 46) + 8;
		printf("probe_load: %d of 200 faulted at 1 << 46 plus 8, the rest summed %lu\n", faulted,
		       (unsigned long)sum);
		faulted = 0;
		sum = 0;
		for (volatile int i = 0; i < 200; i++)
			if (sigsetjmp(segv_jb, 1) == 0)
				sum += probe_walk(words, 2);
			else
				faulted += segv_at == (uintptr_t)1 << 46;
		printf("probe_walk: %d of 200 faulted at 1 << 46, the rest summed %lu\n", faulted, (unsigned long)sum);
		signal(SIGSEGV, SIG_DFL);
	}
	printf("getpid() = %ld\n", (long)getpid());
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	printf("handled %d\n", usr1);
	return 0;
}
