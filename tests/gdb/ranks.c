/* A program for gdb in cluster mode (rvx --cluster -g): worker threads, which the placement
 * puts on other ranks, call functions to break in, spin, wait on a condition variable, take a
 * signal, or fault. The sum is atomic, so that it does not depend on how the threads
 * interleave. What it does depends on argv[1]. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

long total;
volatile long spins[3];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int go;

__attribute__((noinline)) long leaf(long x)
{
	return x * 3 + 1;
}

__attribute__((noinline)) long middle(long x)
{
	long r = leaf(x) + 2;
	__atomic_add_fetch(&total, r, __ATOMIC_SEQ_CST);
	return r;
}

static void name_thread(const char *what, long id)
{
	char name[16];
	snprintf(name, sizeof name, "%s-%ld", what, id);
	pthread_setname_np(pthread_self(), name);
}

static void *worker(void *arg)
{
	long id = (long)arg;
	name_thread("worker", id);
	for (int i = 0; i < 3; i++)
		middle(id * 10 + i);
	return NULL;
}

static void *one(void *arg)
{
	name_thread("one", 1);
	middle(5);
	return arg;
}

static void *spinner(void *arg)
{
	long id = (long)arg;
	name_thread("spinner", id);
	for (;;)
		spins[id]++;
	return NULL;
}

static void *waiter(void *arg)
{
	name_thread("waiter", 1);
	pthread_mutex_lock(&lock);
	while (!go)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	middle(7);
	return arg;
}

static volatile int usr1;

static void on_usr1(int sig)
{
	usr1 = sig;
}

static void *signalled(void *arg)
{
	name_thread("signalled", 1);
	while (!usr1) /* until its handler ran */
		spins[1]++;
	middle(3);
	return arg;
}

static void *faulter(void *arg)
{
	name_thread("faulter", 1);
	middle(1);
	*(volatile int *)16 = 1;
	return arg;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "calls";
	pthread_t t[3];
	if (!strcmp(mode, "calls")) {
		for (long i = 0; i < 3; i++)
			pthread_create(&t[i], NULL, worker, (void *)(i + 1));
		for (int i = 0; i < 3; i++)
			pthread_join(t[i], NULL);
	} else if (!strcmp(mode, "one")) {
		pthread_create(&t[0], NULL, one, NULL);
		pthread_join(t[0], NULL);
	} else if (!strcmp(mode, "spin")) {
		for (long i = 1; i < 3; i++)
			pthread_create(&t[i], NULL, spinner, (void *)i);
		pthread_join(t[1], NULL);
	} else if (!strcmp(mode, "wait")) {
		pthread_create(&t[0], NULL, waiter, NULL);
		usleep(300000); /* the waiter blocks first */
		middle(2);
		pthread_mutex_lock(&lock);
		go = 1;
		pthread_cond_signal(&cond);
		pthread_mutex_unlock(&lock);
		pthread_join(t[0], NULL);
	} else if (!strcmp(mode, "usr1")) { /* a signal for a thread of another rank */
		signal(SIGUSR1, on_usr1);
		pthread_create(&t[0], NULL, signalled, NULL);
		while (!spins[1])
			usleep(1000);
		pthread_kill(t[0], SIGUSR1);
		pthread_join(t[0], NULL);
	} else if (!strcmp(mode, "segv")) {
		pthread_create(&t[0], NULL, faulter, NULL);
		pthread_join(t[0], NULL);
	}
	printf("%s total %ld\n", mode, total);
	return 0;
}
