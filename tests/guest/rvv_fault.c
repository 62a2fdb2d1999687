// Host faults in translated code with vector registers just written: a scalar load and a vector
// load that fault right after vector arithmetic in the same block, the handler skipping them;
// the registers must come out of the fault as they went in (the translator may hold them in host
// registers, which a fault must not lose). Many rounds, so that the block is translated.
// cflags: -march=rv64gcv
// qemu: rva23
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "check.h"

static int32_t in[8][4], out[8][4];
static volatile int faults;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig;
	(void)si;
	uc->uc_mcontext.__gregs[0] += 4; /* past the faulting load */
	faults++;
}

int main(void)
{
	uint8_t *none = fault_page(on_segv);
	CHECK(none);
	for (int round = 0; round < 2000; round++) {
		for (int r = 0; r < 8; r++)
			for (int e = 0; e < 4; e++)
				in[r][e] = round * 1000 + r * 10 + e;
		/* v8-v15 (m1, e32): loaded, doubled or summed, then a scalar load and a vector load
		 * into v16 fault; v8-v15 are stored after */
		__asm__ volatile("vsetivli zero, 4, e32, m1, ta, ma\n\t"
				 "vle32.v v8, (%0)\n\taddi t1, %0, 16\n\tvle32.v v9, (t1)\n\t"
				 "addi t1, %0, 32\n\tvle32.v v10, (t1)\n\taddi t1, %0, 48\n\tvle32.v v11, (t1)\n\t"
				 "addi t1, %0, 64\n\tvle32.v v12, (t1)\n\taddi t1, %0, 80\n\tvle32.v v13, (t1)\n\t"
				 "addi t1, %0, 96\n\tvle32.v v14, (t1)\n\taddi t1, %0, 112\n\tvle32.v v15, (t1)\n\t"
				 "vadd.vv v8, v8, v8\n\tvadd.vv v9, v9, v8\n\tvadd.vv v10, v10, v10\n\t"
				 "vadd.vv v11, v11, v10\n\tvsll.vi v12, v12, 2\n\tvxor.vv v13, v13, v12\n\t"
				 "vsub.vv v14, v14, v9\n\tvmul.vv v15, v15, v11\n\t"
				 "ld t0, 0(%2)\n\t"
				 "vle32.v v16, (%2)\n\t"
				 "vse32.v v8, (%1)\n\taddi t1, %1, 16\n\tvse32.v v9, (t1)\n\t"
				 "addi t1, %1, 32\n\tvse32.v v10, (t1)\n\taddi t1, %1, 48\n\tvse32.v v11, (t1)\n\t"
				 "addi t1, %1, 64\n\tvse32.v v12, (t1)\n\taddi t1, %1, 80\n\tvse32.v v13, (t1)\n\t"
				 "addi t1, %1, 96\n\tvse32.v v14, (t1)\n\taddi t1, %1, 112\n\tvse32.v v15, (t1)\n\t"
				 :
				 : "r"(in), "r"(out), "r"(none)
				 : "t0", "t1", "memory"); /* gcc 12 has no names for the vector registers */
		CHECK(faults == 2 * (round + 1));
		for (int e = 0; e < 4; e++) {
			int32_t v8 = 2 * in[0][e], v9 = in[1][e] + v8, v10 = 2 * in[2][e], v11 = in[3][e] + v10;
			int32_t v12 = in[4][e] << 2, v13 = in[5][e] ^ v12, v14 = in[6][e] - v9, v15 = in[7][e] * v11;
			int32_t want[8] = {v8, v9, v10, v11, v12, v13, v14, v15};
			for (int r = 0; r < 8; r++)
				if (out[r][e] != want[r]) {
					printf("round %d v%d[%d]: %d after the faults, not %d\n", round, 8 + r, e,
					       out[r][e], want[r]);
					return 1;
				}
		}
	}
	printf("4000 faults, every vector register kept\n");
	return 0;
}
