/* Processes: fork/wait with exit codes and signals, pipes between processes, a host program
 * through system(), /proc/self/exe, uname, ids, time, randomness, limits. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

int main(int argc, char **argv)
{
	int st, fds[2];
	pid_t pid;
	char buf[256];
	struct utsname u;
	CHECK(uname(&u) == 0);
	printf("machine %s\n", u.machine);
	{
		ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
		CHECK(n > 0);
		buf[n] = 0;
		CHECK(strstr(buf, "process-") != NULL);
	}
	CHECK(getpid() > 1 && getppid() > 0 && getuid() == geteuid());
	{
		struct timespec a, b;
		CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
		usleep(10000);
		CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
		CHECK((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) >= 10000000L);
	}
	{ /* the raw calls (glibc would answer some of these itself): each clock, gettimeofday with
	   * and without its time zone, and the errors */
		struct timespec t, cpu0, cpu1;
		struct timeval tv, tv2;
		struct timezone tz;
		volatile unsigned long spin = 0;
		static const int clocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME,
					     CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE, CLOCK_TAI};
		for (unsigned i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
			CHECK(syscall(SYS_clock_gettime, clocks[i], &t) == 0);
			CHECK(t.tv_nsec >= 0 && t.tv_nsec < 1000000000L);
		}
		CHECK(syscall(SYS_clock_gettime, CLOCK_THREAD_CPUTIME_ID, &cpu0) == 0);
		while (spin < 20000000)
			spin++;
		CHECK(syscall(SYS_clock_gettime, CLOCK_THREAD_CPUTIME_ID, &cpu1) == 0);
		CHECK((cpu1.tv_sec - cpu0.tv_sec) * 1000000000L + (cpu1.tv_nsec - cpu0.tv_nsec) > 0);
		CHECK(syscall(SYS_clock_gettime, 12345, &t) == -1 && errno == EINVAL);
		CHECK(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (struct timespec *)8) == -1 && errno == EFAULT);
		CHECK(syscall(SYS_gettimeofday, &tv, &tz) == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000);
		CHECK(syscall(SYS_gettimeofday, NULL, &tz) == 0 && syscall(SYS_gettimeofday, &tv2, NULL) == 0);
		CHECK(tv2.tv_sec >= tv.tv_sec);
		CHECK(syscall(SYS_gettimeofday, (struct timeval *)8, NULL) == -1 && errno == EFAULT);
	}
	{
		unsigned char r[32];
		CHECK(getrandom(r, sizeof r, 0) == sizeof r);
	}
	{
		struct rlimit rl;
		CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 0);
	}
	/* exit codes and signals through wait */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(42);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 42);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	kill(pid, SIGTERM);
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	printf("fork/wait ok\n");
	/* a pipe between parent and child */
	CHECK(pipe(fds) == 0);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dprintf(fds[1], "through the pipe from pid-%s", "child");
		_exit(0);
	}
	close(fds[1]);
	{
		struct pollfd p = {fds[0], POLLIN, 0};
		CHECK(poll(&p, 1, 5000) == 1 && (p.revents & POLLIN));
		ssize_t n = read(fds[0], buf, sizeof buf - 1);
		CHECK(n > 0);
		buf[n] = 0;
		printf("%s\n", buf);
	}
	CHECK(waitpid(pid, &st, 0) == pid && st == 0);
	/* exec a host program through the shell */
	fflush(stdout);
	st = system("echo host shell says hi");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	printf("process ok\n");
	return 0;
}
