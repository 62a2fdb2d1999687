/* Synthetic per-instruction-class loops, in the spirit of a benchmark generator: each class
 * runs alone (argv[1] names it) so that a slow class shows up by name in the table. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile uint64_t sink;
static uint64_t arr[4096];

static uint64_t __attribute__((noinline)) leaf(uint64_t v)
{
	return v * 3 + 1;
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "alu";
	long n = argc > 2 ? atol(argv[2]) : 20000000;
	uint64_t a = 1, b = 3, d = 5;
	double x = 1.0, y = 1.0000001, z = 0.5;
	float fx = 1.0f;
	if (!strcmp(c, "alu"))
		for (long i = 0; i < n; i++) { a += b; b ^= a << 3; d = (d >> 1) + (a & 0xff); a -= d; }
	else if (!strcmp(c, "mul"))
		for (long i = 0; i < n; i++) { a = a * b + 1; b = b * 0x9e3779b97f4a7c15ull; }
	else if (!strcmp(c, "div"))
		for (long i = 0; i < n; i++) { a += 0x123456789ull / (b | 1) + (b % 977); b = b * 3 + i; }
	else if (!strcmp(c, "mem"))
		for (long i = 0; i < n; i++) { arr[(i * 7) & 4095] += arr[(i * 13) & 4095] + (uint64_t)i; }
	else if (!strcmp(c, "branch"))
		for (long i = 0; i < n; i++) { a = a * 6364136223846793005ull + 1; if (a >> 63) b++; else d++; }
	else if (!strcmp(c, "call")) {
		uint64_t (*volatile f)(uint64_t) = leaf;
		for (long i = 0; i < n; i++) a = f(a);
	} else if (!strcmp(c, "fadd"))
		for (long i = 0; i < n; i++) { x = x + y; y = y + z; }
	else if (!strcmp(c, "fmul"))
		for (long i = 0; i < n; i++) { x = x * y; y = y * 0.9999999 + z; }
	else if (!strcmp(c, "fdiv"))
		for (long i = 0; i < n; i++) { x = z / (y + i); z += x; }
	else if (!strcmp(c, "fcvt"))
		for (long i = 0; i < n; i++) { a += (uint64_t)(x * i); x = (double)(a & 1023) * 0.5; fx = (float)x; }
	else if (!strcmp(c, "amo"))
		for (long i = 0; i < n; i++) __atomic_fetch_add(&arr[i & 63], 1, __ATOMIC_SEQ_CST);
	else {
		fprintf(stderr, "unknown class %s\n", c);
		return 2;
	}
	sink = a + b + d + (uint64_t)x + (uint64_t)fx + arr[1];
	printf("%s done\n", c);
	return 0;
}
