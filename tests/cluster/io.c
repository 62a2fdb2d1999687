// Cluster: file and pipe I/O from threads on other ranks: a thread writes a file the main
// thread reads, a thread blocks in read on a pipe while another thread's syscalls go on, and
// the write end is fed from a third thread.
// cflags: -pthread
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int fds[2];
static char path[64];

static void *write_file(void *arg)
{
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
	for (int i = 0; i < 100; i++)
		dprintf(fd, "line %d\n", i);
	close(fd);
	return arg;
}

static void *reader(void *arg)
{
	static char buf[256];
	size_t got = 0;
	ssize_t n;
	while (got < 12 && (n = read(fds[0], buf + got, sizeof buf - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = 0;
	return buf;
}

static void *writer(void *arg)
{
	usleep(20000); /* the reader blocks first */
	if (write(fds[1], "hello, pipe\n", 12) != 12)
		return (void *)1;
	return NULL;
}

static void *busy_syscalls(void *arg)
{
	long n = 0;
	for (int i = 0; i < 200; i++)
		n += getppid() > 0;
	return (void *)n;
}

int main(void)
{
	pthread_t t[3];
	char line[32];
	void *r;
	int lines = 0;
	FILE *f;
	snprintf(path, sizeof path, "rvx-cluster-io-%d.txt", (int)getpid());
	pthread_create(&t[0], NULL, write_file, NULL);
	pthread_join(t[0], NULL);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f))
		lines++;
	if (f)
		fclose(f);
	unlink(path);
	printf("file written by another thread: %d lines\n", lines);
	if (pipe(fds) != 0)
		return 1;
	pthread_create(&t[0], NULL, reader, NULL);
	pthread_create(&t[1], NULL, busy_syscalls, NULL);
	pthread_join(t[1], &r);
	printf("syscalls while a read blocks: %ld\n", (long)r);
	pthread_create(&t[2], NULL, writer, NULL);
	pthread_join(t[2], NULL);
	pthread_join(t[0], &r);
	printf("pipe: %s", (char *)r);
	return 0;
}
