/* execve of a RISC-V program from a RISC-V program (rvx runs it under itself with the same
 * options) and posix_spawn (a vfork-style clone) of one. */
// no-qemu: qemu-riscv64 cannot exec a RISC-V program without binfmt_misc
#define _GNU_SOURCE
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

int main(int argc, char **argv)
{
	int st;
	pid_t pid;
	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		printf("exec'd child: argc=%d argv[2]=%s env=%s\n", argc, argv[2], getenv("RVX_TEST_VAR"));
		return 7;
	}
	fflush(stdout);
	/* exec ourselves: a RISC-V program exec'ing a RISC-V program */
	pid = fork();
	if (pid == 0) {
		char *args[] = {argv[0], "child", "second", NULL};
		char *env[] = {"RVX_TEST_VAR=passed", NULL};
		execve("/proc/self/exe", args, env);
		_exit(99);
	}
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7);
	/* posix_spawn (vfork-style clone) of ourselves */
	{
		char *args[] = {argv[0], "child", "spawned", NULL};
		CHECK(posix_spawn(&pid, argv[0], NULL, NULL, args, environ) == 0);
		CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7);
	}
	printf("exec ok\n");
	return 0;
}
