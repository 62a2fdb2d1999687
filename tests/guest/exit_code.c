/* The guest's exit status is rvx's exit status. */
// expect-status: 213
#include <stdlib.h>

int main(void)
{
	exit(213);
}
