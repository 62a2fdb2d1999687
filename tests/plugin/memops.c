/* Memory accesses of every kind with known values, for the mem plugin's trace: plain loads and
 * stores of each size, sign-extended loads, FP loads and stores, an AMO, LR/SC. */
#include <stdint.h>
#include <stdio.h>

volatile uint64_t word = 0x1122334455667788ull;
volatile int8_t byte = -5;
volatile double real = 1.5;
volatile uint32_t counter = 40;

__attribute__((noinline)) void memops(void)
{
	uint64_t v = word;                                 /* ld: 0x1122334455667788 */
	word = v + 1;                                      /* sd: 0x1122334455667789 */
	int x = byte;                                      /* lb: 0xfb, sign-extended */
	byte = (int8_t)(x * 2);                            /* sb: 0xf6 */
	real = real * 2;                                   /* fld 1.5, fsd 3.0 */
	__atomic_fetch_add(&counter, 2, __ATOMIC_SEQ_CST); /* amoadd.w: 40 -> 42 */
	uint32_t old;
	__asm__ volatile("1: lr.w %0, (%1)\n sc.w t0, %2, (%1)\n bnez t0, 1b"
			 : "=&r"(old)
			 : "r"(&counter), "r"(7)
			 : "t0", "memory");
}

int main(void)
{
	memops();
	printf("%llx %d %g %u\n", (unsigned long long)word, byte, real, counter);
	return 0;
}
