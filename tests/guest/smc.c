/* Self-modifying and generated code: code written into an executable mapping runs after
 * fence.i; rewriting it and fencing again runs the new code; so does code reached after
 * munmap/mmap of the same address, and after riscv_flush_icache. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

typedef long (*fn)(long);

/* addi a0, a0, imm ; ret */
static void emit_addi(uint32_t *code, int imm)
{
	code[0] = ((uint32_t)(imm & 0xfff) << 20) | (10 << 15) | (0 << 12) | (10 << 7) | 0x13;
	code[1] = 0x00008067;
}

/* jal zero, off */
static uint32_t jal_to(long off)
{
	uint32_t u = (uint32_t)off;
	return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) | (((u >> 12) & 0xff) << 12) |
	       0x6f;
}

/* A jump to code on the next page, which the translator may make part of the jumping block:
 * rewriting only the target page, or replacing it, still runs the new code after fence.i. */
static long two_pages(void)
{
	uint32_t *code = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long sum = 0;
	if (code == MAP_FAILED)
		return -1;
	code[0] = jal_to(4096 + 8);
	for (int i = 1; i <= 20; i++) {
		emit_addi(code + 1024 + 2, i);
		__asm__ volatile("fence.i" ::: "memory");
		sum += ((fn)code)(0) + ((fn)code)(0); /* twice: the second may run the translation */
	}
	munmap(code + 1024, 4096);
	mmap(code + 1024, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	emit_addi(code + 1024 + 2, 1000);
	__asm__ volatile("fence.i" ::: "memory");
	sum += ((fn)code)(0);
	munmap(code, 8192);
	return sum;
}

int main(void)
{
	uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long total = 0;
	int i;
	if (code == MAP_FAILED)
		return 1;
	for (i = 1; i <= 100; i++) {
		emit_addi(code, i);
		__asm__ volatile("fence.i" ::: "memory");
		total += ((fn)code)(1000);
	}
	printf("fence.i loop total %ld\n", total);
	emit_addi(code, -7);
	syscall(259 /* riscv_flush_icache */, code, code + 2, 0);
	printf("after flush_icache: %ld\n", ((fn)code)(7));
	munmap(code, 4096);
	code = mmap(code, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	emit_addi(code, 300);
	__asm__ volatile("fence.i" ::: "memory");
	printf("after remap: %ld\n", ((fn)code)(0));
	/* W^X style: write, then flip to exec */
	mprotect(code, 4096, PROT_READ | PROT_WRITE);
	emit_addi(code, 11);
	mprotect(code, 4096, PROT_READ | PROT_EXEC);
	__asm__ volatile("fence.i" ::: "memory");
	printf("after mprotect: %ld\n", ((fn)code)(0));
	printf("jump to the next page: %ld\n", two_pages());
	return total == 100 * 1000 + 5050 && two_pages() == 2 * 210 + 1000 ? 0 : 1;
}
