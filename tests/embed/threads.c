/* Threads under an embedder. Each of four workers makes syscall 2047 (none in Linux: the
 * embedder's hook answers it) with its index in a0; the hook reads and writes that thread's
 * registers, so a1 comes back as 1000 + index. Then the workers go on for ever: one computes,
 * one blocks reading a pipe nobody writes, one sleeps, one waits on a condition variable. The
 * main thread reports how many workers saw their own a1 (syscall 2046) and stops at an ebreak
 * with all of them still running: the embedder then frees the machine. */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static int pipefd[2];
static volatile int ready, right;
static volatile unsigned long spin;

static long hooked(long nr, long a0, long *a1)
{
	register long r0 __asm__("a0") = a0;
	register long r1 __asm__("a1") = 0;
	register long r7 __asm__("a7") = nr;
	__asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r7) : "memory");
	*a1 = r1;
	return r0;
}

static void *worker(void *arg)
{
	long i = (long)arg, a1, r = hooked(2047, i, &a1);
	char c;
	pthread_mutex_lock(&mu);
	right += a1 == 1000 + i && r == i;
	ready++;
	pthread_mutex_unlock(&mu);
	switch (i) {
	case 0:
		for (;;)
			spin++;
	case 1:
		return read(pipefd[0], &c, 1) == 1 ? arg : NULL;
	case 2:
		for (;;)
			sleep(100);
	default:
		pthread_mutex_lock(&mu);
		for (;;)
			pthread_cond_wait(&never, &mu);
	}
}

int main(void)
{
	pthread_t t[4];
	long a1;
	if (pipe(pipefd))
		return 1;
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	while (ready < 4)
		sched_yield();
	hooked(2046, right, &a1);
	__asm__ volatile("ebreak");
	return 0;
}
