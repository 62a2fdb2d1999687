// Cluster: memory mapped by one thread and used by threads on other ranks; munmap and
// mprotect made by one thread seen by a thread on another rank (its access faults, and its
// SIGSEGV handler reports it).
// cflags: -pthread
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PAGES 64

static char *area;
static sigjmp_buf jb;
static __thread volatile int faulted;

static void on_segv(int sig)
{
	faulted = sig;
	siglongjmp(jb, 1);
}

static void *fill(void *arg)
{
	for (int p = 0; p < PAGES; p++)
		memset(area + p * 4096, 'a' + p % 26, 4096);
	return arg;
}

static void *try_write(void *arg)
{
	faulted = 0;
	if (!sigsetjmp(jb, 1))
		*(volatile char *)arg = 'x';
	return (void *)(long)faulted;
}

static void *try_read(void *arg)
{
	faulted = 0;
	if (!sigsetjmp(jb, 1))
		(void)*(volatile char *)arg;
	return (void *)(long)faulted;
}

static long in_thread(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	void *r;
	pthread_create(&t, NULL, fn, arg);
	pthread_join(t, &r);
	return (long)r;
}

int main(void)
{
	struct sigaction sa;
	long sum = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_segv;
	sigaction(SIGSEGV, &sa, NULL);
	area = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	in_thread(fill, NULL);
	for (int p = 0; p < PAGES; p++)
		for (int i = 0; i < 4096; i += 512)
			sum += area[p * 4096 + i];
	printf("mmap in main, filled by another thread: sum %ld\n", sum);
	mprotect(area, 4096, PROT_READ);
	printf("after mprotect(PROT_READ): write in another thread: %s\n",
	       in_thread(try_write, area) == SIGSEGV ? "SIGSEGV" : "no fault");
	printf("read in another thread: %s\n", in_thread(try_read, area) == SIGSEGV ? "SIGSEGV" : "no fault");
	munmap(area + 4096, 4096);
	printf("after munmap: read in another thread: %s\n",
	       in_thread(try_read, area + 4096) == SIGSEGV ? "SIGSEGV" : "no fault");
	printf("the next page still reads '%c'\n", in_thread(try_read, area + 2 * 4096) ? '?' : area[2 * 4096]);
	return 0;
}
