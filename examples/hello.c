/* The bundled example program: build it for RISC-V 64 and run it under rvx (make example). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int i;
	printf("Hello from RISC-V 64! argc=%d\n", argc);
	for (i = 1; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	printf("HOME is %s\n", getenv("HOME") ? "set" : "unset");
	return 0;
}
