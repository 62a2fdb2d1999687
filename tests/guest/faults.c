/* Precise synchronous signals: SIGSEGV with si_addr and si_code for unmapped and read-only
 * memory; a store, an AMO and an SC to a read-only page fault exactly once and complete
 * exactly once after the handler makes the page writable; a misaligned store across a page
 * boundary into a read-only page changes nothing before the handler runs; SIGILL and
 * SIGTRAP at the exact instruction. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

static volatile int faults, code, sig_seen;
static volatile uintptr_t addr, fault_pc;
static volatile uint64_t fault_regs[32]; /* x1-x31 as the handler saw them */
static char *page;
static sigjmp_buf jb;
static int mode; /* 0: fix the page and retry, 1: jump out */

/* True when /proc/self/maps shows a mapping in the page at addr. */
static int mapped_at(uintptr_t addr)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long lo, hi;
	char line[512];
	int in = 0;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo < addr + 4096 && hi > addr)
			in = 1;
	if (f)
		fclose(f);
	return in;
}

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	faults++;
	sig_seen = sig;
	code = si->si_code;
	addr = (uintptr_t)si->si_addr;
	fault_pc = uc->uc_mcontext.__gregs[0];
	for (int i = 1; i < 32; i++)
		fault_regs[i] = uc->uc_mcontext.__gregs[i];
	if (mode == 0)
		mprotect(page, 2 * 4096, PROT_READ | PROT_WRITE);
	else if (mode == 2)
		uc->uc_mcontext.__gregs[0] += 4; /* skip the 4-byte instruction */
	else
		siglongjmp(jb, 1);
}

int main(void)
{
	struct sigaction sa;
	uint64_t v;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
	CHECK(sigaction(SIGBUS, &sa, NULL) == 0);
	CHECK(sigaction(SIGILL, &sa, NULL) == 0);
	CHECK(sigaction(SIGTRAP, &sa, NULL) == 0);
	page = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(page != MAP_FAILED);
	CHECK(munmap(page + 2 * 4096, 4096) == 0);

	/* a plain store */
	mode = 0;
	*(volatile uint64_t *)(page + 8) = 0x1122334455667788ull;
	CHECK(faults == 1 && code == SEGV_ACCERR && addr == (uintptr_t)(page + 8));
	CHECK(*(uint64_t *)(page + 8) == 0x1122334455667788ull);
	printf("store: faults=%d code=%d\n", faults, code);

	/* an AMO */
	CHECK(mprotect(page, 2 * 4096, PROT_READ) == 0);
	faults = 0;
	__asm__ volatile("amoadd.d %0, %2, (%1)" : "=r"(v) : "r"(page + 8), "r"(5ull) : "memory");
	CHECK(faults == 1 && v == 0x1122334455667788ull && *(uint64_t *)(page + 8) == 0x112233445566778dull);
	printf("amo: faults=%d old=%llx\n", faults, (unsigned long long)v);

	/* LR/SC: the SC faults, the handler fixes the page, the SC retries */
	CHECK(mprotect(page, 2 * 4096, PROT_READ) == 0);
	faults = 0;
	{
		uint64_t res, old;
		__asm__ volatile("1: lr.d %0, (%2)\n\t"
				 "addi %0, %0, 1\n\t"
				 "sc.d %1, %0, (%2)\n\t"
				 "bnez %1, 1b"
				 : "=&r"(old), "=&r"(res)
				 : "r"(page + 8)
				 : "memory");
		CHECK(faults == 1 && *(uint64_t *)(page + 8) == 0x112233445566778eull);
		printf("lr/sc: faults=%d\n", faults);
	}

	/* a misaligned store across into a read-only page: nothing written before the fault */
	CHECK(mprotect(page, 2 * 4096, PROT_READ | PROT_WRITE) == 0);
	memset(page, 0, 2 * 4096);
	CHECK(mprotect(page + 4096, 4096, PROT_READ) == 0);
	faults = 0;
	mode = 1;
	if (sigsetjmp(jb, 1) == 0)
		*(volatile uint64_t *)(page + 4096 - 4) = 0xffffffffffffffffull;
	CHECK(faults == 1 && code == SEGV_ACCERR);
	CHECK(*(uint32_t *)(page + 4096 - 4) == 0 && *(uint32_t *)(page + 4096) == 0);
	printf("split store: faults=%d, first page untouched\n", faults);

	/* byte stores that together fill a word across into the read-only page (the translator
	 * makes them one store): those before the faulting one are done, at its own address */
	faults = 0;
	fault_pc = 0;
	{
		uintptr_t at;
		__asm__("lla %0, faults_third_sb" : "=r"(at));
		if (sigsetjmp(jb, 1) == 0)
			__asm__ volatile("sb %0, -2(%1)\n\t"
					 "sb %0, -1(%1)\n"
					 "faults_third_sb:\tsb %0, 1(%1)\n\t"
					 "sb %0, 0(%1)"
					 :
					 : "r"(0x5a), "r"(page + 4096)
					 : "memory");
		CHECK(faults == 1 && code == SEGV_ACCERR && addr == (uintptr_t)(page + 4097));
		CHECK(fault_pc == at);
		CHECK(page[4094] == 0x5a && page[4095] == 0x5a && page[4096] == 0 && page[4097] == 0);
		printf("byte stores across: faults=%d at +%d\n", faults, (int)(addr - (uintptr_t)page - 4096));
	}

	/* a loop busy with registers that usually live in memory (the translator keeps them in
	 * host registers across its passes) faults in its fourth pass: the handler sees each as
	 * the instructions before the fault left it */
	faults = 0;
	{
		const char *p = page + 2 * 4096 - 24;
		if (sigsetjmp(jb, 1) == 0)
			__asm__ volatile(
			    "li t3, 1\n\tli t4, 2\n\tli t5, 3\n\tli a6, 4\n\tli a7, 5\n\tli s3, 6\n\tli s4, 7\n"
			    "1:\tadd t3, t3, t4\n\t"
			    "xor t4, t4, t5\n\t"
			    "addi t5, t5, 7\n\t"
			    "add a6, a6, t3\n\t"
			    "add a7, a7, a6\n\t"
			    "mul s3, s3, t5\n\t"
			    "add s4, s4, s3\n\t"
			    "ld t6, 0(%0)\n\t"
			    "add t3, t3, t6\n\t"
			    "addi %0, %0, 8\n\t"
			    "bnez t5, 1b"
			    : "+r"(p)
			    :
			    : "t3", "t4", "t5", "t6", "a6", "a7", "s3", "s4", "memory");
		CHECK(faults == 1 && code == SEGV_MAPERR && addr == (uintptr_t)(page + 2 * 4096));
		printf("loop fault: t3=%llx t4=%llx t5=%llx a6=%llx a7=%llx s3=%llx s4=%llx\n",
		       (unsigned long long)fault_regs[28], (unsigned long long)fault_regs[29],
		       (unsigned long long)fault_regs[30], (unsigned long long)fault_regs[16],
		       (unsigned long long)fault_regs[17], (unsigned long long)fault_regs[19],
		       (unsigned long long)fault_regs[20]);
	}

	/* unmapped memory: SEGV_MAPERR with the exact address */
	faults = 0;
	if (sigsetjmp(jb, 1) == 0)
		v = *(volatile uint64_t *)(page + 2 * 4096 + 24);
	CHECK(faults == 1 && code == SEGV_MAPERR && addr == (uintptr_t)(page + 2 * 4096 + 24));
	printf("unmapped load: code=%d\n", code);

	/* far above any mapping (past rvx's guest space): the address straight from a register
	 * that holds it, and base plus offset, for a load and a store */
	{
		static const struct {
			int store;
			long off;
		} far[] = {{0, 0}, {0, 16}, {1, 0}, {1, -8}};
		for (unsigned i = 0; i < sizeof far / sizeof far[0]; i++) {
			faults = 0;
			if (sigsetjmp(jb, 1) == 0) {
				volatile uintptr_t far_away = (uintptr_t)1 << 46;
				uintptr_t a0 = far_away;
				if (far[i].store && far[i].off == 0)
					__asm__ volatile("sd zero, 0(%0)" : : "r"(a0) : "memory");
				else if (far[i].store)
					__asm__ volatile("sd zero, -8(%0)" : : "r"(a0) : "memory");
				else if (far[i].off == 0)
					__asm__ volatile("ld t0, 0(%0)" : : "r"(a0) : "t0", "memory");
				else
					__asm__ volatile("ld t0, 16(%0)" : : "r"(a0) : "t0", "memory");
			}
			CHECK(faults == 1 && sig_seen == SIGSEGV && addr == ((uintptr_t)1 << 46) + far[i].off);
		}
	}
	/* a loop walking a pointer that starts there (the translator tests such a pointer once, before
	 * the loop): the first pass faults */
	faults = 0;
	if (sigsetjmp(jb, 1) == 0) {
		volatile uintptr_t far_away = (uintptr_t)1 << 46;
		uintptr_t a0 = far_away;
		__asm__ volatile("li t1, 4\n1:\tld t0, 8(%0)\n\taddi %0, %0, 8\n\taddi t1, t1, -1\n\tbnez t1, 1b"
				 : "+r"(a0)
				 :
				 : "t0", "t1", "memory");
	}
	CHECK(faults == 1 && sig_seen == SIGSEGV && addr == ((uintptr_t)1 << 46) + 8);
	printf("far accesses ok\n");

	/* At the top of rvx's guest space (1 << 38, Sv39; rvx's stack ends there), where the
	 * translator checks a base register once for several accesses from it: a base past the
	 * top whose offset lands inside, then a second access from it that does not; a base inside
	 * whose second access (a load, or a store) lands past the top; a base near 0 with a
	 * negative offset (wraps to the top of memory). Skipped where memory past the top is in use
	 * (qemu-riscv64 puts a dynamic program's libraries there). */
	if (!mapped_at((uintptr_t)1 << 38)) {
		uintptr_t top = (uintptr_t)1 << 38;
		uint64_t *last = mmap((void *)(top - 4096), 4096, PROT_READ | PROT_WRITE,
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
			 before;
		static const struct {
			uintptr_t base, want;
			int kind;
		} edge[] = {{((uintptr_t)1 << 38) + 8, (uintptr_t)1 << 38, 0},
			    {((uintptr_t)1 << 38) - 8, ((uintptr_t)1 << 38) + 8, 0},
			    {((uintptr_t)1 << 38) - 8, (uintptr_t)1 << 38, 1},
			    {8, (uintptr_t)-8, 2}};
		if (last == MAP_FAILED) /* in use: under rvx, the stack */
			last = (uint64_t *)(top - 4096);
		else
			last[511] = 0x1234;
		before = last[511];
		for (unsigned i = 0; i < sizeof edge / sizeof edge[0]; i++) {
			volatile uintptr_t vbase = edge[i].base;
			uintptr_t a0 = vbase;
			volatile uint64_t first = 0;
			uint64_t got = 0;
			faults = 0;
			if (sigsetjmp(jb, 1) == 0) {
				if (edge[i].kind == 2)
					__asm__ volatile("ld %0, -16(%1)" : "=r"(got) : "r"(a0) : "memory");
				else if (edge[i].kind == 1)
					__asm__ volatile("ld %0, 0(%2)\n sd %0, 8(%2)\n sd %0, 0(%1)"
							 : "=&r"(got)
							 : "r"(&first), "r"(a0)
							 : "memory");
				else if (a0 > top)
					__asm__ volatile("ld %0, -16(%2)\n sd %0, 0(%1)\n ld t0, -8(%2)"
							 : "=&r"(got)
							 : "r"(&first), "r"(a0)
							 : "t0", "memory");
				else
					__asm__ volatile("ld %0, 0(%2)\n sd %0, 0(%1)\n ld t0, 16(%2)"
							 : "=&r"(got)
							 : "r"(&first), "r"(a0)
							 : "t0", "memory");
			}
			/* the access inside happened; the one outside raised SIGSEGV at its own address */
			CHECK(faults == 1 && sig_seen == SIGSEGV && addr == edge[i].want);
			CHECK(edge[i].kind == 2 || edge[i].kind == 1 || first == before);
		}
		CHECK(last[511] == before);
		/* a base checked by its first access, then moved by addi (or copied and moved) past
		 * the top: by 4,000 bytes, by 40,800 and by 81,600 (past the translator's guard) in
		 * steps of 2,040; an FP load into the register of the same number between */
		for (int steps = 2; steps <= 40; steps = steps * 2 + (steps == 2 ? 16 : 0)) {
			volatile uintptr_t vbase = top - 8;
			uintptr_t a0 = vbase;
			uint64_t got = 0;
			faults = 0;
			if (sigsetjmp(jb, 1) == 0) {
				if (steps == 2)
					__asm__ volatile("ld t0, 0(%1)\n fld f11, 0(%1)\n addi t1, %1, 2040\n"
							 "addi t1, t1, 1960\n ld %0, 0(t1)"
							 : "=r"(got)
							 : "r"(a0)
							 : "t0", "t1", "f11", "memory");
				else if (steps == 20)
					__asm__ volatile("ld t0, 0(%1)\n mv t1, %1\n .rept 20\n addi t1, t1, 2040\n"
							 ".endr\n ld %0, 0(t1)"
							 : "=r"(got)
							 : "r"(a0)
							 : "t0", "t1", "memory");
				else
					__asm__ volatile("ld t0, 0(%1)\n mv t1, %1\n .rept 40\n addi t1, t1, 2040\n"
							 ".endr\n ld %0, 0(t1)"
							 : "=r"(got)
							 : "r"(a0)
							 : "t0", "t1", "memory");
			}
			CHECK(faults == 1 && sig_seen == SIGSEGV &&
			      addr == top - 8 + (steps == 2 ? 4000 : 2040u * steps));
		}
		{ /* a sum past the top, the load by it (with its offset) inside: no fault */
			volatile uintptr_t vbase = top - 8;
			uintptr_t base = vbase;
			uint64_t got = 0;
			faults = 0;
			__asm__ volatile("add t0, %1, %2\n\tld t0, -24(t0)\n\tmv %0, t0"
					 : "=r"(got)
					 : "r"(base), "r"(24L)
					 : "t0", "memory");
			CHECK(faults == 0 && got == before);
		}
	}
	/* a constant base (lui, li) needs no check inside the space, and one outside still faults */
	{
		uint64_t got = 0;
		faults = 0;
		if (sigsetjmp(jb, 1) == 0)
			__asm__ volatile("lui t0, 0x80000\n ld %0, 8(t0)" : "=r"(got) : : "t0", "memory");
		CHECK(faults == 1 && sig_seen == SIGSEGV && addr == (uintptr_t)0xffffffff80000008ull);
		faults = 0;
		if (sigsetjmp(jb, 1) == 0)
			__asm__ volatile("li t0, 256\n ld %0, 8(t0)" : "=r"(got) : : "t0", "memory");
		CHECK(faults == 1 && sig_seen == SIGSEGV && addr == 264);
	}
	printf("accesses at the edge of the space ok\n");

	/* a sum that only addresses the load after it, into the same register (the translator makes
	 * them one load by the sum's address mode): the fault is the load's, with the sum in the
	 * register; in a mapped page, into an unmapped one, and past the space; the sum by add, by
	 * sh3add, and by slli and add (as compilers write it without Zba) */
	{
		static const struct {
			uintptr_t base;
			long index;
			int shift;
		} sums[] = {{0, 16, 0},
			    {0, 2 * 4096 + 40, 0},
			    {(uintptr_t)1 << 46, 3, 3},
			    {0, 1024 + 5, -3},
			    {(uintptr_t)1 << 46, 5, -3}};
		for (unsigned i = 0; i < sizeof sums / sizeof sums[0]; i++) {
			volatile uintptr_t vbase = sums[i].base ? sums[i].base : (uintptr_t)page;
			volatile long vindex = sums[i].index;
			int shift = sums[i].shift < 0 ? -sums[i].shift : sums[i].shift;
			uintptr_t at, base = vbase, sum = base + ((uintptr_t)vindex << shift);
			uint64_t got = 0;
			long index = vindex;
			faults = 0;
			fault_pc = fault_regs[5] = 0;
			if (sums[i].shift < 0)
				__asm__("lla %0, faults_sum_load_slli" : "=r"(at));
			else
				__asm__("lla %0, faults_sum_load" : "=r"(at));
			if (sigsetjmp(jb, 1) == 0) {
				if (sums[i].shift < 0)
					__asm__ volatile("slli t0, %2, 3\n\tadd t0, t0, %1\n"
							 "faults_sum_load_slli:\tld t0, -8(t0)\n\tmv %0, t0"
							 : "=r"(got)
							 : "r"(base), "r"(index)
							 : "t0", "memory");
				else if (sums[i].shift) /* sh3add t0, index, base */
					__asm__ volatile(".insn r 0x33, 6, 0x10, t0, %2, %1\n"
							 "faults_sum_load:\tld t0, -8(t0)\n\tmv %0, t0"
							 : "=r"(got)
							 : "r"(base), "r"(index)
							 : "t0", "memory");
				else
					__asm__ volatile("add t0, %1, %2\n\tld t0, -8(t0)\n\tmv %0, t0"
							 : "=r"(got)
							 : "r"(base), "r"(index)
							 : "t0", "memory");
			}
			if (i == 0) {
				CHECK(faults == 0 && got == *(uint64_t *)(page + 8));
				continue;
			}
			CHECK(faults == 1 && sig_seen == SIGSEGV && addr == sum - 8 && fault_regs[5] == sum);
			CHECK(!sums[i].shift || fault_pc == at);
		}
		printf("loads by a sum ok\n");
	}

	/* a table lookup with the table far from its base, as gcc writes it: andi t0, i, 255 (or not),
	 * slli, addi 1024, add and a load by -1024 (one load by the sum's address mode in the
	 * translator): the fault is the load's, with t0 the whole sum; in a mapped page, an unmapped
	 * one and past the space */
	{
		static const struct {
			uintptr_t base;
			long index;
			int zext;
		} lookups[] = {
		    {0, 0x305, 1}, {0, 1030, 0}, {3072, 0x1f0, 1}, {4096, 1000, 0}, {(uintptr_t)1 << 46, 0x107, 1}};
		for (unsigned i = 0; i < sizeof lookups / sizeof lookups[0]; i++) {
			volatile uintptr_t vbase = (lookups[i].base >> 40 ? 0 : (uintptr_t)page) + lookups[i].base;
			volatile long vindex = lookups[i].index;
			uintptr_t at, base = vbase;
			long index = vindex, scaled = (lookups[i].zext ? index & 255 : index) << 3;
			uintptr_t sum = base + (uintptr_t)scaled + 1024;
			uint64_t got = 0;
			faults = 0;
			fault_pc = fault_regs[5] = 0;
			if (lookups[i].zext)
				__asm__("lla %0, faults_lookup_zext" : "=r"(at));
			else
				__asm__("lla %0, faults_lookup" : "=r"(at));
			if (sigsetjmp(jb, 1) == 0) {
				if (lookups[i].zext)
					__asm__ volatile(
					    "andi t0, %2, 255\n\tslli t0, t0, 3\n\taddi t0, t0, 1024\n\t"
					    "add t0, t0, %1\nfaults_lookup_zext:\tld t0, -1024(t0)\n\tmv %0, t0"
					    : "=r"(got)
					    : "r"(base), "r"(index)
					    : "t0", "memory");
				else
					__asm__ volatile("slli t0, %2, 3\n\taddi t0, t0, 1024\n\tadd t0, %1, t0\n"
							 "faults_lookup:\tld t0, -1024(t0)\n\tmv %0, t0"
							 : "=r"(got)
							 : "r"(base), "r"(index)
							 : "t0", "memory");
			}
			if (sum - 1024 + 8 <= (uintptr_t)page + 2 * 4096) { /* the third page is unmapped */
				CHECK(faults == 0 && got == *(uint64_t *)(sum - 1024));
				continue;
			}
			CHECK(faults == 1 && sig_seen == SIGSEGV && addr == sum - 1024 && fault_regs[5] == sum);
			CHECK(fault_pc == at);
		}
		printf("table lookups ok\n");
	}

	/* byte loads that together read a word, then byte stores of them that write it elsewhere
	 * (the translator makes them one load and one store): a fault in the loads leaves those
	 * before it done, one in the stores leaves every load and the stores before it done */
	{
		static const struct {
			int from, to, faults_at;
		} copies[] = {{2 * 4096 - 2, 64, 2}, {128, 4096 - 2, 6}};
		CHECK(mprotect(page, 2 * 4096, PROT_READ | PROT_WRITE) == 0);
		for (unsigned i = 0; i < sizeof copies / sizeof copies[0]; i++) {
			uintptr_t at[8];
			char *from = page + copies[i].from, *to = page + copies[i].to;
			memset(page + 4096 - 8, 0, 16);
			memset(page + 64, 0, 8);
			for (int k = 0; k < 4; k++)
				page[128 + k] = page[2 * 4096 - 2 + (k & 1)] = (char)(0xa1 + k);
			if (i == 1)
				CHECK(mprotect(page + 4096, 4096, PROT_READ) == 0);
			__asm__("lla %0, faults_copy_2\n\tlla %1, faults_copy_6" : "=r"(at[2]), "=r"(at[6]));
			faults = 0;
			fault_pc = 0;
			if (sigsetjmp(jb, 1) == 0)
				__asm__ volatile("li t0, -1\n\tli t1, -1\n\tli t2, -1\n\tli t3, -1\n\t"
						 "lbu t1, 1(%0)\n\tlbu t0, 0(%0)\n"
						 "faults_copy_2:\tlbu t2, 2(%0)\n\tlbu t3, 3(%0)\n\t"
						 "sb t0, 0(%1)\n\tsb t1, 1(%1)\n"
						 "faults_copy_6:\tsb t2, 2(%1)\n\tsb t3, 3(%1)"
						 :
						 : "r"(from), "r"(to)
						 : "t0", "t1", "t2", "t3", "memory");
			CHECK(faults == 1 && fault_pc == at[copies[i].faults_at]);
			printf("copy %u: fault at +%d, t0=%llx t1=%llx t2=%llx t3=%llx, to %02x %02x %02x %02x\n", i,
			       (int)(addr - (uintptr_t)page), (unsigned long long)fault_regs[5],
			       (unsigned long long)fault_regs[6], (unsigned long long)fault_regs[7],
			       (unsigned long long)fault_regs[28], to[0] & 0xff, to[1] & 0xff, i ? 0 : to[2] & 0xff,
			       i ? 0 : to[3] & 0xff);
		}
	}

	/* such a copy whose registers die after a load that faults: the handler sees each as the
	 * copy left it (a translation that leaves them unwritten until the fault and then replays the
	 * copy reads its bytes again). In the second, t0 and t3 are written after the copy and t4
	 * loaded before the fault; in the third, the copy's source pointer moves before that load; in
	 * the fourth, the copy's destination is its source moved by one byte, so that a replay would
	 * read the bytes the copy wrote. */
	{
/* t4 loaded through edge (%2), so that its base is checked; the copy of from (%0) to to (%1) */
#define FAULTS_COPY                                                                                                    \
	"lbu t4, 0(%2)\n\tli t0, -1\n\tli t1, -1\n\tli t2, -1\n\tli t3, -1\n\t"                                        \
	"lbu t1, 1(%0)\n\tlbu t0, 0(%0)\n\tlbu t2, 2(%0)\n\tlbu t3, 3(%0)\n\t"                                         \
	"sb t0, 0(%1)\n\tsb t1, 1(%1)\n\tsb t2, 2(%1)\n\tsb t3, 3(%1)\n"
		CHECK(mprotect(page, 2 * 4096, PROT_READ | PROT_WRITE) == 0);
		CHECK(mprotect(page + 4096, 4096, PROT_NONE) == 0);
		for (int r = 0; r < 32; r++) { /* eight times each: translated after the first few */
			int i = r / 8;
			uintptr_t at;
			char *from = page + 256, *to = i == 3 ? page + 257 : page + 64, *edge = page + 4096 - 8;
			memset(to, 0, 8);
			memset(edge, 0, 8);
			for (int k = 0; k < 8; k++) /* after: the fourth copy's destination overlaps it */
				page[256 + k] = (char)(0xb1 + k);
			faults = 0;
			fault_pc = 0;
			if (sigsetjmp(jb, 1) == 0) {
				if (i == 0 || i == 3)
					__asm__ volatile(
					    FAULTS_COPY
					    "faults_copy_ld0:\tld t1, 8(%2)\n\tli t0, 0\n\tli t2, 0\n\tli t3, 0"
					    :
					    : "r"(from), "r"(to), "r"(edge)
					    : "t0", "t1", "t2", "t3", "t4", "memory");
				else if (i == 1)
					__asm__ volatile(FAULTS_COPY
							 "addi t3, t3, 0x100\n\tli t0, 7\n\tld t4, 0(%2)\n"
							 "faults_copy_ld1:\tld t1, 8(%2)\n\tli t2, 0\n\tli t3, 0"
							 :
							 : "r"(from), "r"(to), "r"(edge)
							 : "t0", "t1", "t2", "t3", "t4", "memory");
				else
					__asm__ volatile(
					    FAULTS_COPY
					    "addi %0, %0, 4\n"
					    "faults_copy_ld2:\tld t1, 8(%2)\n\tli t0, 0\n\tli t2, 0\n\tli t3, 0"
					    : "+r"(from)
					    : "r"(to), "r"(edge)
					    : "t0", "t1", "t2", "t3", "t4", "memory");
			}
			if (i == 0 || i == 3)
				__asm__("lla %0, faults_copy_ld0" : "=r"(at));
			else if (i == 1)
				__asm__("lla %0, faults_copy_ld1" : "=r"(at));
			else
				__asm__("lla %0, faults_copy_ld2" : "=r"(at));
			CHECK(faults == 1 && fault_pc == at && addr == (uintptr_t)page + 4096);
			CHECK(fault_regs[5] == (i == 1 ? 7u : 0xb1u) && fault_regs[6] == 0xb2 &&
			      fault_regs[7] == 0xb3 && fault_regs[28] == (i == 1 ? 0x1b4u : 0xb4u) &&
			      (i != 1 || fault_regs[29] == 0));
			if (r % 8 == 7)
				printf(
				    "copy, then a fault %d: t0=%llx t1=%llx t2=%llx t3=%llx, to %02x %02x %02x %02x\n",
				    i, (unsigned long long)fault_regs[5], (unsigned long long)fault_regs[6],
				    (unsigned long long)fault_regs[7], (unsigned long long)fault_regs[28], to[0] & 0xff,
				    to[1] & 0xff, to[2] & 0xff, to[3] & 0xff);
		}
		CHECK(mprotect(page + 4096, 4096, PROT_READ | PROT_WRITE) == 0);
#undef FAULTS_COPY
	}

	/* illegal instruction and ebreak: the pc is the instruction's own, and execution goes on */
	mode = 2;
	faults = 0;
	{
		uintptr_t at;
		__asm__ volatile("lla %0, 1f\n1: .word 0x00000000\n" : "=r"(at));
		CHECK(faults == 1 && sig_seen == SIGILL && code == ILL_ILLOPC && fault_pc == at);
		__asm__ volatile("lla %0, 1f\n1: .insn i 0x73, 0, x0, x0, 1\n" : "=r"(at)); /* 4-byte ebreak */
		CHECK(faults == 2 && sig_seen == SIGTRAP && fault_pc == at);
		/* a csr that does not exist */
		__asm__ volatile("lla %0, 1f\n1: csrr t0, 0x7c0\n" : "=r"(at) : : "t0");
		CHECK(faults == 3 && sig_seen == SIGILL && fault_pc == at);
	}
	printf("sigill/sigtrap ok\n");

	/* misaligned AMO: SIGBUS */
	mode = 1;
	faults = 0;
	CHECK(mprotect(page, 2 * 4096, PROT_READ | PROT_WRITE) == 0);
	if (sigsetjmp(jb, 1) == 0)
		__asm__ volatile("amoadd.w %0, %2, (%1)" : "=r"(v) : "r"(page + 2), "r"(1) : "memory");
	CHECK(faults == 1 && sig_seen == SIGBUS);
	printf("faults ok\n");
	return 0;
}
