// vfmacc.vf over a whole LMUL=4 group, where the translator runs two host registers of vd at a
// time and tests both for a NaN result at once: a NaN at each element in turn (a quiet NaN
// addend, inf - inf, and inf * 0 plus a quiet NaN, which raises NV on RISC-V but not on x86),
// at e32 and e64 (its scalar in a register the translator keeps in memory), with vl the whole
// group or short of it (a tail in the first or second half).
// Results and fflags; the oracle is QEMU 10.
// qemu: rva23
// cflags: -march=rv64gcv
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void e32(unsigned long avl)
{
	for (int where = 0; where < 16; where++)
		for (int kind = 0; kind < 3; kind++) {
			float x[16], z[16], a = kind == 2 ? INFINITY : 1.5f;
			uint32_t bits[16];
			unsigned long vl, ff;
			for (int i = 0; i < 16; i++)
				x[i] = (float)i * 0.25f + 1, z[i] = (float)i * 0.5f;
			if (kind == 0)
				z[where] = NAN;
			else if (kind == 1)
				x[where] = INFINITY, z[where] = -INFINITY;
			else
				x[where] = 0.0f, z[where] = NAN;
			__asm__ volatile("csrw fflags, zero\n\tvsetvli %0, %2, e32, m4, ta, ma\n\tvle32.v v8, (%3)\n\t"
					 "vle32.v v16, (%4)\n\tvfmacc.vf v16, %5, v8\n\tvse32.v v16, (%4)\n\tcsrr %1, fflags"
					 : "=&r"(vl), "=&r"(ff)
					 : "r"(avl), "r"(x), "r"(z), "f"(a)
					 : "memory");
			memcpy(bits, z, sizeof bits);
			printf("e32 avl %lu vl %lu at %d kind %d fflags %lu:", avl, vl, where, kind, ff);
			for (int i = 0; i < 16; i++)
				printf(" %08x", bits[i]);
			printf("\n");
		}
}

static void e64(unsigned long avl)
{
	for (int where = 0; where < 8; where++)
		for (int kind = 0; kind < 3; kind++) {
			double x[8], z[8], a = kind == 2 ? INFINITY : 1.5;
			uint64_t bits[8];
			unsigned long vl, ff;
			for (int i = 0; i < 8; i++)
				x[i] = i * 0.25 + 1, z[i] = i * 0.5;
			if (kind == 0)
				z[where] = NAN;
			else if (kind == 1)
				x[where] = INFINITY, z[where] = -INFINITY;
			else
				x[where] = 0.0, z[where] = NAN;
			/* the scalar in f20, which the translator keeps in the vCPU, not in a host register
			 * (its neighbours zero) */
			__asm__ volatile("fmv.d f20, %5\n\tfcvt.d.w f19, zero\n\tfcvt.d.w f21, zero\n\t"
					 "csrw fflags, zero\n\tvsetvli %0, %2, e64, m4, ta, ma\n\t"
					 "vle64.v v8, (%3)\n\tvle64.v v16, (%4)\n\tvfmacc.vf v16, f20, v8\n\t"
					 "vse64.v v16, (%4)\n\tcsrr %1, fflags"
					 : "=&r"(vl), "=&r"(ff)
					 : "r"(avl), "r"(x), "r"(z), "f"(a)
					 : "memory", "f19", "f20", "f21");
			memcpy(bits, z, sizeof bits);
			printf("e64 avl %lu vl %lu at %d kind %d fflags %lu:", avl, vl, where, kind, ff);
			for (int i = 0; i < 8; i++)
				printf(" %016llx", (unsigned long long)bits[i]);
			printf("\n");
		}
}

int main(void)
{
	static const unsigned long avls[] = {64, 13, 5};
	for (unsigned i = 0; i < 3; i++) {
		e32(avls[i]);
		e64(avls[i] / 2);
	}
	return 0;
}
