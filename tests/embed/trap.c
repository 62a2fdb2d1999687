/* Stops at an ebreak; an embedder that skips it sees the program go on and exit with 7. */
#include <stdio.h>

int main(void)
{
	printf("before the ebreak\n");
	fflush(stdout);
	__asm__ volatile("ebreak");
	printf("after the ebreak\n");
	return 7;
}
