// wait4 and waitid: exit statuses, rusage, WNOHANG with the child still running, a child killed,
// stopped and continued (WUNTRACED, WSTOPPED, WCONTINUED), and ECHILD.
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* A child that exits with code once its parent closes the pipe (-1: it waits to be killed). */
static pid_t child(int code, int *release)
{
	int p[2];
	char c;
	pid_t pid;
	if (pipe(p) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) > 0)
			;
		if (code < 0)
			for (;;)
				pause();
		_exit(code);
	}
	close(p[0]);
	*release = p[1];
	return pid;
}

int main(void)
{
	int fd, status = -12345;
	struct rusage ru;
	siginfo_t si;
	pid_t pid = child(7, &fd);
	long r;

	r = wait4(pid, &status, WNOHANG, &ru);
	printf("wait4 WNOHANG, running: %ld, status untouched %d\n", r, status == -12345);
	memset(&si, 0xff, sizeof si);
	r = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG);
	printf("waitid WNOHANG, running: %ld, si_pid %d si_signo %d\n", r, si.si_pid, si.si_signo);
	close(fd);
	memset(&ru, 0xff, sizeof ru);
	r = wait4(pid, &status, 0, &ru);
	printf("wait4: child %d, exited %d with %d, rusage sane %d\n", r == pid, WIFEXITED(status), WEXITSTATUS(status),
	       ru.ru_utime.tv_sec >= 0 && ru.ru_utime.tv_usec < 1000000 && ru.ru_maxrss > 0);

	pid = child(3, &fd);
	close(fd);
	memset(&si, 0, sizeof si);
	memset(&ru, 0xff, sizeof ru);
	r = syscall(SYS_waitid, P_PID, pid, &si, WEXITED, &ru);
	printf("waitid: %ld, child %d, signo %d code %d status %d, rusage sane %d\n", r, si.si_pid == pid,
	       si.si_signo == SIGCHLD, si.si_code == CLD_EXITED, si.si_status,
	       ru.ru_stime.tv_sec >= 0 && ru.ru_stime.tv_usec < 1000000);

	pid = child(-1, &fd);
	close(fd);
	kill(pid, SIGSTOP);
	r = wait4(pid, &status, WUNTRACED, NULL);
	printf("wait4 WUNTRACED: child %d, stopped %d by %d\n", r == pid, WIFSTOPPED(status), WSTOPSIG(status));
	kill(pid, SIGCONT);
	memset(&si, 0, sizeof si);
	r = waitid(P_PID, (id_t)pid, &si, WCONTINUED);
	printf("waitid WCONTINUED: %ld, code %d status %d\n", r, si.si_code == CLD_CONTINUED, si.si_status);
	kill(pid, SIGSTOP);
	memset(&si, 0, sizeof si);
	r = waitid(P_PID, (id_t)pid, &si, WSTOPPED);
	printf("waitid WSTOPPED: %ld, code %d status %d\n", r, si.si_code == CLD_STOPPED, si.si_status);
	kill(pid, SIGKILL);
	memset(&si, 0, sizeof si);
	r = waitid(P_ALL, 0, &si, WEXITED);
	printf("waitid P_ALL: %ld, child %d, code %d status %d\n", r, si.si_pid == pid, si.si_code == CLD_KILLED,
	       si.si_status);

	errno = 0;
	r = wait4(-1, &status, 0, NULL);
	printf("wait4, no children: %ld %s\n", r, strerror(errno));
	errno = 0;
	r = waitid(P_ALL, 0, &si, WEXITED);
	printf("waitid, no children: %ld %s\n", r, strerror(errno));
	return 0;
}
