/* Parent and forked children run different code at the same address: after a fork the
 * translation cache is shared until one of them writes it, and neither may then run the
 * other's translations. Each process rewrites a code page (with fence.i) to its own function
 * and calls it many times, while a child that only exits and a child that execs come and go;
 * a grandchild forks from a child that has made its own copy. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

typedef long (*fn)(long);

/* addi a0, a0, imm ; ret */
static void emit(uint32_t *code, int imm)
{
	code[0] = ((uint32_t)(imm & 0xfff) << 20) | (10 << 15) | (10 << 7) | 0x13;
	code[1] = 0x00008067u;
	__asm__ volatile("fence.i" ::: "memory");
}

/* Some fresh code paths after each call, so that blocks are translated and chained. */
static long step(long sum, int i, int imm)
{
	switch ((i * 7 + imm) % 5) {
	case 0: return sum ^ i;
	case 1: return sum + i * 3;
	case 2: return sum - (i >> 1);
	case 3: return sum * 5 + 1;
	default: return sum + imm;
	}
}

/* Many calls through the code page, rewritten to add imm. */
static long run(uint32_t *code, int imm, int n)
{
	long sum = 0;
	int i;
	emit(code, imm);
	for (i = 0; i < n; i++)
		sum = step(sum + ((fn)(uintptr_t)code)(i), i, imm);
	return sum;
}

/* What run computes, without the code page. */
static long expect(int imm, int n)
{
	long sum = 0;
	int i;
	for (i = 0; i < n; i++)
		sum = step(sum + i + imm, i, imm);
	return sum;
}

static int child_work(uint32_t *code, int imm)
{
	int status;
	pid_t pid;
	if (run(code, imm, 20000) != expect(imm, 20000))
		return 1;
	pid = fork(); /* a grandchild, from a process that has its own cache by now */
	if (pid == 0)
		_exit(run(code, imm + 100, 5000) == expect(imm + 100, 5000) ? 0 : 1);
	if (run(code, imm, 3000) != expect(imm, 3000) || waitpid(pid, &status, 0) != pid)
		return 1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

int main(void)
{
	uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t kids[4];
	int i, status;
	CHECK(code != MAP_FAILED);
	CHECK(run(code, 1, 20000) == expect(1, 20000));
	for (i = 0; i < 4; i++) {
		kids[i] = fork();
		CHECK(kids[i] >= 0);
		if (kids[i] == 0)
			_exit(child_work(code, 10 + i));
		/* the parent runs its own code while the child runs another at the same address */
		CHECK(run(code, 2 + i, 20000) == expect(2 + i, 20000));
	}
	for (i = 0; i < 200; i++) { /* children that exit or exec at once */
		pid_t pid = fork();
		if (pid == 0) {
			if (i % 2)
				execl("/bin/true", "true", (char *)NULL);
			_exit(i & 3);
		}
		CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status));
		CHECK(WEXITSTATUS(status) == (i % 2 ? 0 : (i & 3)));
	}
	for (i = 0; i < 4; i++) {
		CHECK(waitpid(kids[i], &status, 0) == kids[i]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	CHECK(run(code, 7, 20000) == expect(7, 20000));
	printf("fork code ok\n");
	return 0;
}
