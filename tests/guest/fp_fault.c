/* A host fault in translated code with every FP register just written: the guest's SIGSEGV
 * handler sees them, and the code after the faulting load goes on with them (the translator
 * keeps thirteen FP registers in host registers, which a fault must not lose). Many rounds, so
 * that the block is translated. */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "check.h"

static double in[32], after[32];
static volatile double seen[32];
static volatile int faults;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig;
	(void)si;
	memcpy((void *)seen, &uc->uc_mcontext.__fpregs.__d.__f, sizeof seen);
	uc->uc_mcontext.__gregs[0] += 4; /* past the load */
	faults++;
}

#define F32(m) m(0) m(1) m(2) m(3) m(4) m(5) m(6) m(7) m(8) m(9) m(10) m(11) m(12) m(13) m(14) m(15) \
	m(16) m(17) m(18) m(19) m(20) m(21) m(22) m(23) m(24) m(25) m(26) m(27) m(28) m(29) m(30) m(31)
#define LOAD(i)   "fld f" #i ", " #i "*8(%0)\n\t"
#define DOUBLE(i) "fadd.d f" #i ", f" #i ", f" #i "\n\t"
#define STORE(i)  "fsd f" #i ", " #i "*8(%1)\n\t"
#define CLOB(i)   "f" #i,

int main(void)
{
	uint8_t *none = fault_page(on_segv);
	CHECK(none);
	for (int round = 0; round < 3000; round++) {
		for (int i = 0; i < 32; i++)
			in[i] = round * 32.0 + i + 0.25;
		__asm__ volatile(F32(LOAD) F32(DOUBLE) "ld t0, 0(%2)\n\t" F32(STORE)
				 :
				 : "r"(in), "r"(after), "r"(none)
				 : F32(CLOB) "t0", "memory");
		CHECK(faults == round + 1);
		for (int i = 0; i < 32; i++) {
			if (after[i] != 2 * in[i] || seen[i] != 2 * in[i]) {
				printf("round %d f%d: after the fault %g, the handler saw %g, not %g\n", round, i,
				       after[i], seen[i], 2 * in[i]);
				return 1;
			}
		}
	}
	printf("3000 faults, every FP register kept\n");
	return 0;
}
