/* Code that changes where no guest store to its page is seen: written through a second, shared
 * mapping of the same memory (a JIT's W^X double mapping) and made visible by fence.i or
 * riscv_flush_icache; code dropped by madvise(MADV_DONTNEED), which reads back as zeros (an
 * illegal instruction); read-only code patched through /proc/self/mem; code in the heap's top
 * after brk shrinks it and grows it again. */
// no-qemu: qemu-riscv64 (7.2, and 10 too) runs stale code written through a second mapping or /proc/self/mem
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

typedef long (*fn)(long);

/* addi a0, a0, imm ; ret */
static void emit_addi(volatile uint32_t *code, int imm)
{
	code[0] = ((uint32_t)(imm & 0xfff) << 20) | (10 << 15) | (0 << 12) | (10 << 7) | 0x13;
	code[1] = 0x00008067;
}

static sigjmp_buf jb;
static volatile int sigills;

static void on_sigill(int sig)
{
	(void)sig;
	sigills++;
	siglongjmp(jb, 1);
}

/* Calls f(0) a few times (so that it is translated) and sums what it returned. */
static long run(fn f)
{
	long sum = 0;
	for (int k = 0; k < 8; k++)
		sum += f(0);
	return sum;
}

int main(void)
{
	long total = 0;
	signal(SIGILL, on_sigill);

	/* the same memory twice: written through w, run through x */
	{
		int fd = memfd_create("jit", 0);
		CHECK(fd >= 0 && ftruncate(fd, 4096) == 0);
		uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		uint32_t *x = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
		CHECK(w != MAP_FAILED && x != MAP_FAILED);
		for (int i = 1; i <= 50; i++) {
			emit_addi(w, i);
			if (i & 1)
				__asm__ volatile("fence.i" ::: "memory");
			else
				syscall(259, (long)x, (long)x + 8, 0L); /* riscv_flush_icache */
			total += run((fn)x);
		}
		printf("two views: %ld\n", total);
		CHECK(total == 8 * 1275);
		munmap(w, 4096);
		munmap(x, 4096);
		close(fd);
	}

	/* a page of code dropped (read-only, so that no write is watched for): it reads back as
	 * zeros, which do not run */
	{
		uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		long got = -1;
		CHECK(code != MAP_FAILED);
		emit_addi(code, 7);
		CHECK(mprotect(code, 4096, PROT_READ | PROT_EXEC) == 0);
		__asm__ volatile("fence.i" ::: "memory");
		CHECK(run((fn)code) == 56);
		CHECK(madvise(code, 4096, MADV_DONTNEED) == 0);
		__asm__ volatile("fence.i" ::: "memory");
		if (sigsetjmp(jb, 1) == 0)
			got = ((fn)code)(0);
		printf("dropped code: %d SIGILL, returned %ld\n", sigills, got);
		CHECK(sigills == 1);
		munmap(code, 4096);
	}

	/* read-only code patched through /proc/self/mem, which writes past page protections; only
	 * where its offsets are the guest's addresses (rvx passes the file through, and a build whose
	 * guest space is not at host address 0, as the sanitizers' is, reads other bytes there) */
	{
		uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		uint32_t patch = ((uint32_t)9 << 20) | (10 << 15) | (10 << 7) | 0x13; /* addi a0, a0, 9 */
		uint32_t seen = 0;
		long before, after;
		int fd = open("/proc/self/mem", O_RDWR);
		CHECK(code != MAP_FAILED && fd >= 0);
		emit_addi(code, 4);
		CHECK(mprotect(code, 4096, PROT_READ | PROT_EXEC) == 0);
		__asm__ volatile("fence.i" ::: "memory");
		before = run((fn)code);
		if (pread(fd, &seen, 4, (off_t)(uintptr_t)code) == 4 && seen == code[0]) {
			CHECK(pwrite(fd, &patch, 4, (off_t)(uintptr_t)code) == 4);
			__asm__ volatile("fence.i" ::: "memory");
			after = run((fn)code);
			printf("patched through /proc/self/mem: %ld then %ld\n", before, after);
			CHECK(before == 32 && after == 72);
		}
		close(fd);
		munmap(code, 4096);
	}

	/* code at the heap's top, gone with brk and written anew where it grows back */
	{
		char *base = sbrk(0);
		uint32_t *code = (uint32_t *)(((uintptr_t)base + 2 * 4096) & ~(uintptr_t)4095);
		long first, second;
		CHECK(base != (void *)-1 && brk((char *)code + 4096) == 0);
		CHECK(mprotect(code, 4096, PROT_READ | PROT_WRITE | PROT_EXEC) == 0);
		emit_addi(code, 3);
		__asm__ volatile("fence.i" ::: "memory");
		first = run((fn)code);
		CHECK(brk(base) == 0 && brk((char *)code + 4096) == 0);
		CHECK(mprotect(code, 4096, PROT_READ | PROT_WRITE | PROT_EXEC) == 0);
		emit_addi(code, 5);
		__asm__ volatile("fence.i" ::: "memory");
		second = run((fn)code);
		printf("heap code: %ld then %ld\n", first, second);
		CHECK(first == 24 && second == 40);
		brk(base);
	}
	return 0;
}
