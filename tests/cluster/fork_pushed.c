// Cluster: the master reads, front to back, pages a thread on another rank wrote (the home's
// read-ahead pushes pages ahead of it, the first of each push kept aside until the reader gets
// there), stops partway and forks; the child, which runs at the master alone, must find every
// page as written, those pushed ahead and not reached too. Then the parent checks them as well.
// cflags: -pthread
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGES 1024L /* 4 MiB */
#define WORDS (PAGES * 512)

static uint64_t *buf;

static uint64_t sum(long from, long to)
{
	uint64_t s = 0;
	for (long i = from; i < to; i++)
		s = s * 31 + buf[i];
	return s;
}

static void *writer(void *arg)
{
	for (long i = 0; i < WORDS; i++)
		buf[i] = (uint64_t)i * 0x9e3779b97f4a7c15ull + 1;
	return arg;
}

int main(void)
{
	pthread_t t;
	uint64_t want = 0, part;
	int st;
	pid_t pid;
	setvbuf(stdout, NULL, _IOLBF, 0);
	buf = malloc(WORDS * sizeof *buf);
	if (!buf)
		return 1;
	pthread_create(&t, NULL, writer, NULL); /* round-robin: rank 1 */
	pthread_join(t, NULL);
	for (long i = 0; i < WORDS; i++)
		want = want * 31 + ((uint64_t)i * 0x9e3779b97f4a7c15ull + 1);
	part = sum(0, WORDS / 3); /* a third of the pages, in order */
	printf("first third read: %016llx\n", (unsigned long long)part);
	pid = fork();
	if (pid == 0) {
		printf("child: every page as written: %s\n", sum(0, WORDS) == want ? "yes" : "no");
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	printf("child exited normally: %s\n", WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "yes" : "no");
	printf("parent: every page as written: %s\n", sum(0, WORDS) == want ? "yes" : "no");
	return 0;
}
