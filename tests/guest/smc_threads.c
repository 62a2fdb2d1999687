/* Generated code rewritten while other threads keep calling it: after the writer's
 * riscv_flush_icache (all threads) returns, no thread may run an older version. */
// cflags: -pthread
// repeat: 3
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS  3
#define VERSIONS 200

typedef long (*fn)(void);
static uint32_t *code;
static long published;
static long stale[THREADS], calls[THREADS];

/* li a0, v ; ret */
static void emit(long v)
{
	__atomic_store_n(&code[0], ((uint32_t)(v & 0xfff) << 20) | (10 << 7) | 0x13, __ATOMIC_RELAXED);
}

static void *caller(void *arg)
{
	long id = (long)arg, r;
	do {
		long p = __atomic_load_n(&published, __ATOMIC_ACQUIRE);
		r = ((fn)code)();
		if (r < p)
			stale[id]++;
		calls[id]++;
	} while (r != VERSIONS);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	long v, i, bad = 0, few = 0;
	code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code == MAP_FAILED)
		return 1;
	code[1] = 0x00008067; /* ret */
	emit(0);
	__asm__ volatile("fence.i" ::: "memory");
	for (i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, caller, (void *)i);
	for (v = 1; v <= VERSIONS; v++) {
		usleep(200);
		emit(v);
		syscall(259 /* riscv_flush_icache */, code, code + 2, 0);
		__atomic_store_n(&published, v, __ATOMIC_RELEASE);
	}
	for (i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		bad += stale[i];
		few += calls[i] < VERSIONS;
	}
	printf("%d versions under %d calling threads: %ld stale calls, %ld threads that barely ran\n", VERSIONS,
	       THREADS, bad, few);
	return bad != 0;
}
