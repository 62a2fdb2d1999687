/* Guest signal handlers: SA_SIGINFO with ucontext, SA_RESTART, SA_NODEFER, SA_RESETHAND,
 * SA_ONSTACK with sigaltstack, masks, sigsuspend, timers, kill/raise, pending sets. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t got, depth, max_depth, on_alt;
static volatile int last_code, last_pid_ok;
static char altstack[65536];

static void plain(int sig)
{
	got = sig;
}

static void info(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	got = sig;
	last_code = si->si_code;
	last_pid_ok = si->si_pid == getpid();
	/* the saved context is the interrupted code's: a plausible pc and sp */
	if (uc->uc_mcontext.__gregs[0] == 0 || uc->uc_mcontext.__gregs[2] == 0)
		got = -1;
}

static void nested(int sig)
{
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (depth < 3)
		raise(sig);
	depth--;
}

static void alt(int sig)
{
	char here;
	on_alt = (uintptr_t)&here >= (uintptr_t)altstack && (uintptr_t)&here < (uintptr_t)altstack + sizeof altstack;
	(void)sig;
}

int main(void)
{
	struct sigaction sa;
	sigset_t set, old;
	int fds[2];
	char c;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = info;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(got == SIGUSR1 && last_code == SI_USER && last_pid_ok);
	printf("SA_SIGINFO ok code %d\n", last_code);

	got = 0;
	{
		union sigval v = {.sival_int = 42};
		CHECK(sigqueue(getpid(), SIGUSR1, v) == 0);
		CHECK(got == SIGUSR1 && last_code == SI_QUEUE);
	}

	/* blocked signals stay pending until unblocked */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &set, &old) == 0);
	got = 0;
	raise(SIGUSR1);
	CHECK(got == 0);
	CHECK(sigpending(&set) == 0 && sigismember(&set, SIGUSR1));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL) == 0);
	CHECK(got == SIGUSR1);
	printf("mask and pending ok\n");

	/* SA_NODEFER lets the handler nest */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = nested;
	sa.sa_flags = SA_NODEFER;
	CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
	raise(SIGUSR2);
	printf("nested depth %d\n", (int)max_depth);
	CHECK(max_depth == 3);

	/* SA_RESETHAND restores the default after one delivery */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = plain;
	sa.sa_flags = SA_RESETHAND;
	CHECK(sigaction(SIGHUP, &sa, NULL) == 0);
	raise(SIGHUP);
	CHECK(sigaction(SIGHUP, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL);

	/* alternate stack */
	{
		stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0}, oss;
		CHECK(sigaltstack(&ss, NULL) == 0);
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = alt;
		sa.sa_flags = SA_ONSTACK;
		CHECK(sigaction(SIGWINCH, &sa, NULL) == 0);
		raise(SIGWINCH);
		CHECK(on_alt);
		CHECK(sigaltstack(NULL, &oss) == 0 && oss.ss_size == sizeof altstack && oss.ss_flags == 0);
		printf("sigaltstack ok\n");
	}

	/* SA_RESTART: a read interrupted by a timer restarts and gets the data written later */
	CHECK(pipe(fds) == 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = plain;
	sa.sa_flags = SA_RESTART;
	CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	{
		struct itimerval it = {{0, 0}, {0, 20000}};
		pid_t child = fork();
		if (child == 0) {
			usleep(200000);
			(void)!write(fds[1], "x", 1);
			_exit(0);
		}
		got = 0;
		CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
		CHECK(read(fds[0], &c, 1) == 1 && c == 'x');
		CHECK(got == SIGALRM);
		printf("SA_RESTART read ok\n");
	}
	/* without SA_RESTART the read fails with EINTR */
	sa.sa_flags = 0;
	CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	alarm(1);
	errno = 0;
	CHECK(read(fds[0], &c, 1) == -1 && errno == EINTR);
	printf("EINTR read ok\n");

	/* sigsuspend waits for the signal with the mask swapped, then restores it */
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
	got = 0;
	alarm(1);
	sigemptyset(&set);
	CHECK(sigsuspend(&set) == -1 && errno == EINTR && got == SIGALRM);
	CHECK(sigprocmask(SIG_SETMASK, NULL, &set) == 0 && sigismember(&set, SIGALRM));
	printf("sigsuspend ok\n");

	/* SIG_IGN drops the signal */
	signal(SIGUSR2, SIG_IGN);
	raise(SIGUSR2);
	printf("signals ok\n");
	return 0;
}
