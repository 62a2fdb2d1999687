// fork from a program whose other threads are running: the child has one thread and can make
// new ones (malloc, stdio and the thread machinery all work in it).
// cflags: -pthread
// no-qemu: qemu-riscv64 7.2 aborts (cpu_exec assertion) when a forked child creates a thread
// repeat: 3
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int stop;
static long spins;

static void *busy(void *arg)
{
	(void)arg;
	while (!stop)
		__atomic_fetch_add(&spins, 1, __ATOMIC_RELAXED);
	return NULL;
}

static void *triple(void *arg)
{
	return (void *)((long)arg * 3);
}

int main(void)
{
	pthread_t t[3];
	int i, st, round, failures = 0;
	for (i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, busy, NULL);
	for (round = 0; round < 10; round++) {
		pid_t pid = fork();
		if (pid == 0) {
			pthread_t c[4];
			long sum = 0;
			char *p = malloc(4096);
			for (i = 0; i < 4; i++)
				pthread_create(&c[i], NULL, triple, (void *)(long)(i + round));
			for (i = 0; i < 4; i++) {
				void *r;
				pthread_join(c[i], &r);
				sum += (long)r;
			}
			free(p);
			_exit(sum == 3 * (6 + 4 * round) ? 0 : 1);
		}
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			failures++;
	}
	stop = 1;
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	printf("10 forks from a 4-thread program: %d failures; busy threads ran: %s\n", failures,
	       spins > 0 ? "yes" : "no");
	return failures != 0;
}
