// Cluster: blocking calls write their results to a page that threads on two ranks keep writing
// while the calls wait, each its own part (the page moves between ranks, or is split into parts
// that the kernel cannot reach). waitpid, wait4 and waitid reap the child, and a read of an
// eventfd takes its count, before the kernel writes the result: every call must still report
// what it took.
// cflags: -pthread
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 40

/* the results and the busy words share one page, each in its own 64 bytes */
static struct {
	long busy[2][8];
	int status;
	struct rusage ru;
	siginfo_t info;
	uint64_t count;
} page __attribute__((aligned(4096)));

static volatile int stop;

static void *hammer(void *arg)
{
	long *word = arg;
	while (!stop)
		__atomic_fetch_add(word, 1, __ATOMIC_RELAXED);
	return NULL;
}

/* A child that exits with code after `wait` microseconds; with an eventfd, it adds 100 + code to
 * its count then, and 1000 after 2 s more (a count lost shows as 1000). */
static pid_t child(int code, int fd, unsigned wait)
{
	pid_t pid = fork();
	if (pid == 0) {
		uint64_t v = 100 + (uint64_t)code, late = 1000;
		usleep(wait);
		if (fd >= 0 && (write(fd, &v, 8) != 8 || usleep(2000000) != 0 || write(fd, &late, 8) != 8))
			_exit(1);
		_exit(code);
	}
	return pid;
}

int main(void)
{
	pthread_t t[2];
	int good = 0;
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, hammer, page.busy[i]);
	while (!__atomic_load_n(&page.busy[0][0], __ATOMIC_RELAXED) ||
	       !__atomic_load_n(&page.busy[1][0], __ATOMIC_RELAXED))
		usleep(1000);
	for (int i = 0; i < ROUNDS; i++) {
		int fd = i % 4 == 0 ? eventfd(0, EFD_CLOEXEC) : -1;
		/* the first waits long enough for the page to be split meanwhile */
		pid_t pid = child(10 + i, fd, i ? 20000 : 200000);
		switch (i % 4) {
		case 0:
			good += read(fd, &page.count, 8) == 8 && page.count == 110 + (uint64_t)i;
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			close(fd);
			break;
		case 1: good += waitpid(pid, &page.status, 0) == pid && WEXITSTATUS(page.status) == 10 + i; break;
		case 2:
			memset(&page.ru, 0xff, sizeof page.ru);
			good += wait4(pid, &page.status, 0, &page.ru) == pid && WEXITSTATUS(page.status) == 10 + i &&
				page.ru.ru_maxrss >= 0 && page.ru.ru_utime.tv_usec < 1000000;
			break;
		default:
			memset(&page.info, 0, sizeof page.info);
			good += waitid(P_PID, (id_t)pid, &page.info, WEXITED) == 0 && page.info.si_pid == pid &&
				page.info.si_signo == SIGCHLD && page.info.si_code == CLD_EXITED &&
				page.info.si_status == 10 + i;
		}
	}
	stop = 1;
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	printf("%d of %d calls reported what they took\n", good, ROUNDS);
	return 0;
}
