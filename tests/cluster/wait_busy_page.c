// Cluster: waitpid, wait4 and waitid write their results to a page that threads on two ranks keep
// writing while they wait, each its own part (the page moves between ranks, or is split into
// parts that the kernel cannot reach). The kernel reaps the child before it writes the status:
// every call must still report its child.
// cflags: -pthread
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 30

/* the results and the busy words share one page, each in its own 64 bytes */
static struct {
	long busy[2][8];
	int status;
	struct rusage ru;
	siginfo_t info;
} page __attribute__((aligned(4096)));

static volatile int stop;

static void *hammer(void *arg)
{
	long *word = arg;
	while (!stop)
		__atomic_fetch_add(word, 1, __ATOMIC_RELAXED);
	return NULL;
}

static pid_t child(int code)
{
	pid_t pid = fork();
	if (pid == 0) {
		usleep(20000);
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
		pid_t pid = child(10 + i);
		switch (i % 3) {
		case 0: good += waitpid(pid, &page.status, 0) == pid && WEXITSTATUS(page.status) == 10 + i; break;
		case 1:
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
	printf("%d of %d waits reported their child\n", good, ROUNDS);
	return 0;
}
