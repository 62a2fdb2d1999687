/* Two processes incrementing counters in MAP_SHARED memory with AMOs and LR/SC at the same
 * time: no increment may be lost, so translated atomics must lock once memory is shared. */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define N 300000

int main(void)
{
#ifdef SHARED_BY_MPROTECT /* read-only first: memory is shared once mprotect makes it writable */
	uint64_t *c = mmap(NULL, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(c != MAP_FAILED && mprotect(c, 4096, PROT_READ | PROT_WRITE) == 0);
#else
	uint64_t *c = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(c != MAP_FAILED);
#endif
	pid_t pid;
	int st, i, round;
	pid = fork();
	CHECK(pid >= 0);
	for (round = 0; round < 2; round++) {
		for (i = 0; i < N; i++) {
			__atomic_fetch_add(&c[0], 1, __ATOMIC_RELAXED); /* amoadd.d */
			__atomic_fetch_add((uint32_t *)&c[1], 1, __ATOMIC_SEQ_CST);
			{
				uint64_t old = __atomic_load_n(&c[2], __ATOMIC_RELAXED);
				while (!__atomic_compare_exchange_n(&c[2], &old, old + 1, 1, __ATOMIC_SEQ_CST,
								    __ATOMIC_RELAXED)) /* lr/sc */
					;
			}
		}
	}
	if (pid == 0)
		_exit(0);
	CHECK(waitpid(pid, &st, 0) == pid && st == 0);
	printf("counters %llu %u %llu\n", (unsigned long long)c[0], (unsigned)c[1], (unsigned long long)c[2]);
	CHECK(c[0] == 4 * N && (uint32_t)c[1] == 4 * N && c[2] == 4 * N);
	return 0;
}
