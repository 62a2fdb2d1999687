// prctl(PR_RISCV_V_GET_CONTROL / PR_RISCV_V_SET_CONTROL) as Linux has it: vectors on by default,
// not to be turned off once on (EPERM), reserved bits refused (EINVAL), and the next state
// applied at execve: a program started with vectors off gets SIGILL from a vector instruction,
// and keeps the next state only when the inherit bit was set. The program checks itself.
// cflags: -march=rv64gcv
// no-qemu: QEMU 10's linux-user has no PR_RISCV_V_* (EINVAL)
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define GET 70
#define SET 69
enum { DEFAULT, OFF, ON, INHERIT = 16 };

static sigjmp_buf ill;
static void on_sigill(int sig)
{
	(void)sig;
	siglongjmp(ill, 1);
}

/* 1 when a vector instruction raises SIGILL */
static int vector_refused(void)
{
	unsigned long vl;
	signal(SIGILL, on_sigill);
	if (sigsetjmp(ill, 1))
		return 1;
	__asm__ volatile("vsetvli %0, zero, e8, m1, ta, ma" : "=r"(vl));
	return 0;
}

static int run_child(const char *self, long control)
{
	int st;
	pid_t pid;
	if (prctl(SET, control, 0, 0, 0) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		char arg[16];
		snprintf(arg, sizeof arg, "%ld", control);
		execl(self, self, "child", arg, (char *)NULL);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100;
}

int main(int argc, char **argv)
{
	int bad = 0;
	long c;
	if (argc > 2) { /* the exec'd program: its control and whether vectors run */
		c = prctl(GET, 0, 0, 0, 0);
		printf("child: control %ld, vectors %s\n", c, vector_refused() ? "refused" : "run");
		return (int)c;
	}
	c = prctl(GET, 0, 0, 0, 0);
	printf("control %ld\n", c);
	bad |= c != ON;
	bad |= prctl(SET, OFF, 0, 0, 0) != -1 || errno != EPERM;
	bad |= prctl(SET, 0x20, 0, 0, 0) != -1 || errno != EINVAL;
	bad |= prctl(SET, 3, 0, 0, 0) != -1 || errno != EINVAL;
	bad |= vector_refused();
	/* next off, inherited: the child starts off and keeps next = off with the inherit bit */
	c = run_child(argv[0], ON | OFF << 2 | INHERIT);
	printf("inherited off: child control %ld\n", c);
	bad |= c != (OFF | OFF << 2 | INHERIT);
	bad |= prctl(GET, 0, 0, 0, 0) != (ON | OFF << 2 | INHERIT) || vector_refused();
	/* next off, not inherited: the child starts off, its next back to the default */
	c = run_child(argv[0], ON | OFF << 2);
	printf("next off: child control %ld\n", c);
	bad |= c != OFF;
	/* next on (default state): the child runs vectors */
	c = run_child(argv[0], DEFAULT);
	printf("default: child control %ld\n", c);
	bad |= c != ON;
	printf(bad ? "FAILED\n" : "ok\n");
	return bad;
}
