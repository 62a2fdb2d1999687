// Cluster: a guest JIT on one thread whose code runs on a thread of another rank: each new
// version is written, published after riscv_flush_icache, and must be what the other thread
// runs next.
// cflags: -pthread
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define VERSIONS 50

typedef long (*fn)(void);
static uint32_t *code;
static int asked, answered;
static long results[VERSIONS + 1];

static void *runner(void *arg)
{
	for (int v = 1; v <= VERSIONS; v++) {
		while (__atomic_load_n(&asked, __ATOMIC_ACQUIRE) < v)
			;
		results[v] = ((fn)code)();
		__atomic_store_n(&answered, v, __ATOMIC_RELEASE);
	}
	return arg;
}

int main(void)
{
	pthread_t t;
	int right = 0;
	code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	code[0] = 0x00000513; /* li a0, 0 */
	code[1] = 0x00008067; /* ret */
	__asm__ volatile("fence.i" ::: "memory");
	pthread_create(&t, NULL, runner, NULL);
	for (int v = 1; v <= VERSIONS; v++) {
		code[0] = ((uint32_t)(v * 7) << 20) | (10 << 7) | 0x13; /* li a0, 7v */
		syscall(259 /* riscv_flush_icache */, code, code + 2, 0);
		__atomic_store_n(&asked, v, __ATOMIC_RELEASE);
		while (__atomic_load_n(&answered, __ATOMIC_ACQUIRE) < v)
			;
	}
	pthread_join(t, NULL);
	for (int v = 1; v <= VERSIONS; v++)
		right += results[v] == v * 7;
	printf("guest JIT: %d of %d versions ran as written\n", right, VERSIONS);
	return right == VERSIONS ? 0 : 1;
}
