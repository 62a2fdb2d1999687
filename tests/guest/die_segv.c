/* A guest that dies of SIGSEGV (no handler): rvx must die of SIGSEGV too. */
// expect-status: 139
#include <stdio.h>

int main(void)
{
	volatile int *p = (int *)16;
	printf("about to fault\n");
	fflush(stdout);
	*p = 1;
	return 0;
}
