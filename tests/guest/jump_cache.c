/* Two functions whose entries share a slot of the first part of rvx's jump cache (8 KiB apart),
 * called in turn through pointers: each evicts the other there, so the cache soon grows to its
 * whole, where they do not meet. tests/check/cli.sh counts the returns to the dispatcher. */
#include <stdio.h>

long turn_a(long x);
long turn_b(long x);
__asm__(".text\n"
	".balign 8192\n"
	".globl turn_a\n"
	"turn_a: addi a0, a0, 1\n"
	"ret\n"
	".balign 8192\n"
	".globl turn_b\n"
	"turn_b: addi a0, a0, 3\n"
	"ret\n");

int main(void)
{
	long (*volatile fn[2])(long) = {turn_a, turn_b};
	long x = 0;
	for (int i = 0; i < 200000; i++)
		x = fn[i & 1](x);
	printf("%ld\n", x);
	return x != 400000;
}
