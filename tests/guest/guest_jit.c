/* A guest JIT that never fences: code rewritten in place with plain stores, by the kernel
 * (read, readv), next to data that is written all the time, and appended function after
 * function into a page whose earlier functions stay in use. Every call must run the code as it
 * is in memory. A page made read-only must still fault on a write. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "check.h"

typedef long (*fn)(long);

static uint32_t addi(int imm)
{
	return ((uint32_t)(imm & 0xfff) << 20) | (10 << 15) | (10 << 7) | 0x13; /* addi a0, a0, imm */
}

#define RET 0x00008067u

/* addi a0, a0, imm ; ret, with volatile stores so that nothing is merged or elided */
static void emit(volatile uint32_t *code, int imm)
{
	code[0] = addi(imm);
	code[1] = RET;
}


int main(void)
{
	uint32_t *page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile long *data = (volatile long *)(page + 512); /* the same page as the code at page[0] */
	long total = 0, sum = 0;
	int i, fds[2], errors = 0;
	struct sigaction sa;

	if (page == MAP_FAILED)
		return 1;
	/* rewritten in place: the second call of each pair must see the store before it */
	for (i = 1; i <= 200; i++) {
		emit(page, i);
		total += ((fn)page)(1000);
		emit(page, -i);
		total += ((fn)page)(1000);
	}
	printf("rewrite in place: %ld\n", total);

	/* data beside code: a counter in the code's page, written between calls */
	emit(page, 3);
	for (i = 0; i < 1000; i++) {
		*data += i;
		sum += ((fn)page)(i);
	}
	emit(page, 5);
	sum += ((fn)page)(0);
	printf("code beside data: counter %ld, sum %ld\n", *data, sum);

	/* appended: function k at page+2k, each called right after it is written, and all the
	 * earlier ones called again afterwards (they must still be the right code) */
	sum = 0;
	for (i = 0; i < 400; i++) {
		emit(page + 2 * i, i);
		sum += ((fn)(page + 2 * i))(0);
	}
	for (i = 0; i < 400; i++)
		sum += ((fn)(page + 2 * i))(1);
	printf("appended functions: %ld\n", sum);

	/* the kernel writes the code: read() from a pipe, then readv() */
	if (pipe(fds) != 0)
		return 1;
	{
		uint32_t insn[2] = {addi(42), RET};
		struct iovec iov = {page, sizeof insn};
		emit(page, 1);
		printf("before read: %ld\n", ((fn)page)(0));
		if (write(fds[1], insn, sizeof insn) != sizeof insn || read(fds[0], page, sizeof insn) != sizeof insn)
			errors++;
		printf("after read: %ld\n", ((fn)page)(0));
		insn[0] = addi(-42);
		if (write(fds[1], insn, sizeof insn) != sizeof insn || readv(fds[0], &iov, 1) != sizeof insn)
			errors++;
		printf("after readv: %ld\n", ((fn)page)(0));
	}

	/* a watched page made read-only faults on a write, as without a translator */
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fault_return;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	emit(page, 9);
	printf("before mprotect: %ld\n", ((fn)page)(0));
	mprotect(page, 4096, PROT_READ | PROT_EXEC);
	if (sigsetjmp(fault_back, 1) == 0) {
		emit(page, 10);
		printf("write to a read-only page did not fault\n");
		errors++;
	} else {
		printf("write to a read-only page faulted at page+%ld\n", (long)(fault_addr - (uintptr_t)page));
	}
	printf("after the fault: %ld\n", ((fn)page)(0));
	mprotect(page, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
	emit(page, 11);
	printf("writable again: %ld\n", ((fn)page)(0));
	return errors;
}
