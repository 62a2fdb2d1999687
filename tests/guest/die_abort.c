/* abort(): death by SIGABRT, after a line written to stdout. */
// expect-status: 134
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("aborting\n");
	fflush(stdout);
	abort();
}
