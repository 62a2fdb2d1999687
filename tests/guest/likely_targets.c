/* Calls and returns whose target the translator guesses (the one the registers held when the
 * block was translated) and then finds elsewhere: a pointer that keeps its target and then
 * changes, one that alternates, a leaf that returns to three call sites, recursion, calls and
 * returns through t0 (the alternate link register), a C library function called through its
 * PLT slot (dynamic build: the guess is the slot's GOT entry), and code that is called,
 * rewritten and called again after fence.i (the guessed block dies and a new one is made). Each
 * sum printed must agree with qemu-riscv64 and the interpreter. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static long __attribute__((noinline)) inc1(long x)
{
	return x + 1;
}

static long __attribute__((noinline)) inc7(long x)
{
	return x + 7;
}

static long __attribute__((noinline)) twice(long x)
{
	return 2 * x + 1;
}

static long __attribute__((noinline)) leaf(long x)
{
	return x ^ (x >> 3);
}

static long __attribute__((noinline)) fib(long n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* a millicode-style routine called with jalr t0 and returning with jr t0 */
long by_t0(long x);
__asm__(".text\n"
	".globl by_t0\n"
	"by_t0:\n"
	"	addi sp, sp, -16\n"
	"	sd t0, 8(sp)\n"
	"	la t1, t0_body\n"
	"	jalr t0, 0(t1)\n"
	"	ld t0, 8(sp)\n"
	"	addi sp, sp, 16\n"
	"	ret\n"
	"t0_body:\n"
	"	addi a0, a0, 5\n"
	"	jr t0\n");

int main(void)
{
	long (*volatile fn)(long) = inc1;
	long (*volatile pair[2])(long) = {inc1, inc7};
	long x = 0, y = 0, z = 0, w = 0;
	for (int i = 0; i < 30000; i++) {
		if (i == 20000)
			fn = twice; /* the guess was inc1 */
		x = fn(x) & 0xffffff;
	}
	printf("kept, then changed: %ld\n", x);
	for (int i = 0; i < 30000; i++)
		y = pair[i & 1](y);
	printf("alternating: %ld\n", y);
	for (int i = 0; i < 30000; i++) { /* leaf returns to three sites */
		z += leaf(i);
		z -= leaf(z & 1023);
		z ^= leaf(z + i);
	}
	printf("three return sites: %ld\n", z);
	printf("recursion: %ld\n", fib(24));
	for (int i = 0; i < 30000; i++)
		w = by_t0(w) & 0xfffff;
	printf("through t0: %ld\n", w);
	char text[32];
	size_t len = 0;
	for (int i = 0; i < 30000; i++) {
		snprintf(text, sizeof text, "%d", i * 7);
		len += strlen(text) + (size_t)strtol(text, NULL, 10) % 3;
	}
	printf("library calls: %zu\n", len);

	/* addi a0, a0, K; ret */
	uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	long v = 0;
	for (int round = 1; round <= 3; round++) {
		code[0] = 0x00050513u | (uint32_t)round << 20; /* addi a0, a0, round */
		code[1] = 0x00008067u;                         /* jalr zero, 0(ra) */
		__asm__ volatile("fence.i" ::: "memory");
		long (*volatile gen)(long) = (long (*)(long))(uintptr_t)code;
		for (int i = 0; i < 5000; i++)
			v = gen(v);
	}
	printf("rewritten code: %ld\n", v);
	return 0;
}
