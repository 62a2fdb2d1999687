/* A switch-based bytecode interpreter: indirect jumps. */
#include <stdio.h>
#include <stdlib.h>
enum { PUSH, ADD, SUB, DUP, SWAP, JNZ, DEC, DROP, MUL, HALT };
int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 5000000;
	/* acc = 0; for (i = n; i; i--) acc = acc * 3 + i ... kept small with masks */
	static const long prog[] = {PUSH, 0, PUSH, 0, /* acc i */ SWAP, PUSH, 3, MUL, PUSH, 7, ADD, SWAP, DEC, DUP, JNZ, 4, DROP, HALT};
	long stack[64], sp = 0, pc = 0, steps = 0;
	stack[sp++] = 0;
	stack[sp++] = n;
	pc = 4;
	for (;;) {
		long op = prog[pc++], a, b;
		steps++;
		switch (op) {
		case PUSH: stack[sp++] = prog[pc++]; break;
		case ADD: b = stack[--sp]; a = stack[--sp]; stack[sp++] = (a + b) & 0xffffffff; break;
		case SUB: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a - b; break;
		case MUL: b = stack[--sp]; a = stack[--sp]; stack[sp++] = (a * b) & 0xffffffff; break;
		case DUP: a = stack[sp - 1]; stack[sp++] = a; break;
		case SWAP: a = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = a; break;
		case DEC: stack[sp - 1]--; break;
		case DROP: sp--; break;
		case JNZ: a = stack[--sp]; if (a) pc = prog[pc]; else pc++; break;
		case HALT: printf("%ld %ld\n", stack[0], steps); return 0;
		}
	}
}
