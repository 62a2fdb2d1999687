/* A program for gdb to debug under rvx: functions to break in, a global to watch, floating
 * point state, threads, a signal, syscalls, a child. What it does depends on argv[1]. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

volatile long counter;
volatile long watched;
volatile double fp_value;

__attribute__((noinline)) long leaf(long x)
{
	return x * 3 + 1;
}

__attribute__((noinline)) long middle(long x)
{
	long r = leaf(x) + 2;
	counter += r;
	return r;
}

__attribute__((noinline)) void touch(void)
{
	watched = 42;
	counter = watched + 1;
}

__attribute__((noinline)) double fp_work(double x)
{
	fp_value = x / 3.0; /* inexact: fflags NX */
	return fp_value;
}

static void *worker(void *arg)
{
	long id = (long)arg;
	char name[16];
	snprintf(name, sizeof name, "worker-%ld", id);
	pthread_setname_np(pthread_self(), name);
	for (int i = 0; i < 3; i++) /* as middle does, but the workers run at once: atomically */
		__atomic_add_fetch(&counter, leaf(id * 10 + i) + 2, __ATOMIC_SEQ_CST);
	return NULL;
}

static pthread_barrier_t crowd_start;
static long crowd_sum;

static void *crowd_worker(void *arg)
{
	pthread_barrier_wait(&crowd_start);
	__atomic_add_fetch(&crowd_sum, leaf((long)arg), __ATOMIC_SEQ_CST);
	return NULL;
}

static void on_usr1(int sig)
{
	counter = 1000 + sig;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "calls";
	if (!strcmp(mode, "calls")) {
		long sum = 0;
		for (int i = 0; i < 5; i++)
			sum += middle(i);
		printf("sum %ld counter %ld\n", sum, counter);
	} else if (!strcmp(mode, "watch")) {
		touch();
		printf("watched %ld counter %ld\n", watched, counter);
	} else if (!strcmp(mode, "fp")) {
		printf("fp %.6f\n", fp_work(2.0));
	} else if (!strcmp(mode, "threads")) {
		pthread_t t[3];
		for (long i = 0; i < 3; i++)
			pthread_create(&t[i], NULL, worker, (void *)(i + 1));
		for (int i = 0; i < 3; i++)
			pthread_join(t[i], NULL);
		printf("threads counter %ld\n", counter);
	} else if (!strcmp(mode, "crowd")) { /* 8 threads reach leaf at once */
		pthread_t t[8];
		pthread_barrier_init(&crowd_start, NULL, 8);
		for (long i = 0; i < 8; i++)
			pthread_create(&t[i], NULL, crowd_worker, (void *)i);
		for (int i = 0; i < 8; i++)
			pthread_join(t[i], NULL);
		printf("crowd sum %ld\n", crowd_sum);
	} else if (!strcmp(mode, "signal")) {
		signal(SIGUSR1, on_usr1);
		raise(SIGUSR1);
		printf("signal counter %ld\n", counter);
	} else if (!strcmp(mode, "segv")) {
		*(volatile int *)16 = 1;
	} else if (!strcmp(mode, "syscall")) {
		write(1, "hello\n", 6);
		return 3;
	} else if (!strcmp(mode, "spawn")) { /* vfork and exec: the child runs undebugged */
		char *args[] = {argv[0], "calls", NULL};
		int status = -1;
		pid_t pid;
		if (posix_spawn(&pid, "/proc/self/exe", NULL, NULL, args, NULL) == 0)
			waitpid(pid, &status, 0);
		printf("spawned %d\n", status);
	} else if (!strcmp(mode, "spin")) {
		for (;;)
			counter++;
	}
	return 0;
}
