/* Dies of SIGSEGV (an embedder's process must go on). */
#include <stdio.h>

int main(void)
{
	volatile int *volatile p = (int *)8;
	printf("about to crash\n");
	fflush(stdout);
	return *p;
}
