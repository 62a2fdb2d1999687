/* A periodic timer signal racing a blocking read and other syscalls thousands of times: each
 * read ends with EINTR, and calls that do not block (getpid, clock_gettime) never report
 * EINTR however close a signal comes to them. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t hits;

static void on_alarm(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	struct sigaction sa;
	int fds[2], i;
	char c;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm; /* no SA_RESTART: the read must fail with EINTR */
	CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	CHECK(pipe(fds) == 0);
	for (i = 0; i < 3000; i++) {
		struct itimerval it = {{0, 300}, {0, 1 + (i % 50)}};
		struct timespec ts;
		int k;
		CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
		for (k = 0; k < i % 7; k++)
			CHECK(getpid() > 0 && clock_gettime(CLOCK_MONOTONIC, &ts) == 0);
		errno = 0;
		CHECK(read(fds[0], &c, 1) == -1 && errno == EINTR);
	}
	{
		struct itimerval off = {{0, 0}, {0, 0}};
		CHECK(setitimer(ITIMER_REAL, &off, NULL) == 0);
	}
	CHECK(hits >= 3000);
	printf("3000 reads interrupted\n");
	return 0;
}
