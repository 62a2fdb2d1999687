/* A vector program for the gdb checks: v8 holds 1 2 3 4 (e32, vl 4) at vmark(); what gdb writes
 * there is what the program stores and prints. */
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline)) void vmark(void)
{
	__asm__ volatile("" ::: "memory");
}

int main(void)
{
	int32_t a[4] = {1, 2, 3, 4}, out[4];
	unsigned long vl;
	__asm__ volatile("vsetivli %0, 4, e32, m1, ta, ma\n\tvle32.v v8, (%1)" : "=&r"(vl) : "r"(a) : "memory");
	vmark();
	__asm__ volatile("vse32.v v8, (%0)" : : "r"(out) : "memory");
	printf("%d %d %d %d vl %lu\n", out[0], out[1], out[2], out[3], vl);
	return 0;
}
