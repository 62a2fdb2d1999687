/* CHECK(cond): a guest test's own assertion; prints the line and fails the program. */
#ifndef RVX_TEST_CHECK_H
#define RVX_TEST_CHECK_H

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define CHECK(c)                                                                                \
	do {                                                                                    \
		if (!(c)) {                                                                     \
			printf("check failed line %d: %s (errno %d)\n", __LINE__, #c, errno);   \
			return 1;                                                               \
		}                                                                               \
	} while (0)

/* Folds v into a running hash so that a difference in any bit of any value shows (a plain
 * multiply only carries bits upward: two wrong sign bits would cancel). */
static inline uint64_t hash_mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 29);
}

/* A page no access may touch, with handler (SA_SIGINFO) installed for SIGSEGV; NULL when
 * either fails. */
static inline uint8_t *fault_page(void (*handler)(int, siginfo_t *, void *))
{
	struct sigaction sa;
	uint8_t *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	return none != MAP_FAILED && sigaction(SIGSEGV, &sa, NULL) == 0 ? none : NULL;
}

/* A SIGSEGV handler (SA_SIGINFO) that records the address the fault names in fault_addr and goes
 * back to the sigsetjmp(fault_back, 1) that armed it */
static sigjmp_buf fault_back;
static volatile uintptr_t fault_addr;
static inline void fault_return(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = (uintptr_t)si->si_addr;
	siglongjmp(fault_back, 1);
}

/* fault_return made SIGSEGV's handler */
static inline void catch_faults(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fault_return;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
}

#endif
