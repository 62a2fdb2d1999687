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
	return total == 100 * 1000 + 5050 ? 0 : 1;
}
