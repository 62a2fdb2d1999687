// The FP compares into a mask (vmfeq, vmfne, vmflt, vmfle, .vv and .vf; vmfgt, vmfge .vf) at e32
// and e64, LMUL 1 and 2, on zeros of both signs, infinities, quiet and signaling NaNs, denormals
// and ordinary values, vl at VLMAX and below, unmasked and under v0.t: the mask and the flags each
// raises (invalid for any NaN from the ordered ones, for a signaling one from vmfeq and vmfne; none
// from an element past vl or inactive). On a host with AVX2 but not AVX-512 the translator runs
// them as vcmpps/pd, the elements past a short vl or inactive made 0.0 first (tests/check/vlen.sh
// runs it so). Then vfredmax and vfredmin (.vs) over the same values, vl at VLMAX and below, NaNs in
// vs2 or vs1's element 0 some rounds: the result and the flags; the translator there runs the
// whole-group ones by vmaxps/vminps both ways round (the sign of a zero exact) and leaves a NaN to
// the interpreter.
// qemu: rva23
// cflags: -march=rv64gcv
#include <stdint.h>
#include <stdio.h>
#include <string.h>
static uint64_t a[32], b[32];
static uint64_t out[4], mask[2], init[2];
#define CMP(NAME, SEW, LMUL, INSN)                                                                                     \
	static long NAME(long avl, uint64_t f, long *flags)                                                            \
	{                                                                                                              \
		long vl, fl;                                                                                           \
		memset(out, 0x3c, sizeof out);                                                                         \
		__asm__ volatile("vl1re8.v v4, (%5)\n\tvl1re8.v v0, (%7)\n\t"                                          \
				 "fmv.d.x fa0, %6\n\t"                                                                 \
				 "vsetvli %0, %2, e" #SEW ", " #LMUL ", ta, ma\n\t"                                    \
				 "vle" #SEW ".v v8, (%3)\n\t"                                                          \
				 "vle" #SEW ".v v12, (%4)\n\t"                                                         \
				 "fsflags zero\n\t" INSN "\n\t"                                                        \
				 "frflags %1\n\t"                                                                      \
				 "vs1r.v v4, (%5)"                                                                     \
				 : "=&r"(vl), "=&r"(fl)                                                                \
				 : "r"(avl), "r"(a), "r"(b), "r"(out), "r"(f), "r"(mask)                               \
				 : "memory", "fa0");                                                                   \
		*flags = fl;                                                                                           \
		return vl;                                                                                             \
	}
#define BOTH_AS(NAME, OP, FORM, ARG)                                                                                   \
	CMP(NAME##32, 32, m1, #OP "." #FORM " v4, v8, " ARG)                                                           \
	CMP(NAME##64, 64, m2, #OP "." #FORM " v4, v8, " ARG)
#define BOTH(OP, FORM, ARG) BOTH_AS(OP##_##FORM, OP, FORM, ARG)
BOTH(vmfeq, vv, "v12")
BOTH(vmfne, vv, "v12")
BOTH(vmflt, vv, "v12")
BOTH(vmfle, vv, "v12")
BOTH(vmfeq, vf, "fa0")
BOTH(vmfne, vf, "fa0")
BOTH(vmflt, vf, "fa0")
BOTH(vmfle, vf, "fa0")
BOTH(vmfgt, vf, "fa0")
BOTH(vmfge, vf, "fa0")
BOTH_AS(m_vmfeq_vv, vmfeq, vv, "v12, v0.t")
BOTH_AS(m_vmflt_vf, vmflt, vf, "fa0, v0.t")
BOTH_AS(m_vmfge_vf, vmfge, vf, "fa0, v0.t")
#define ALL(OP, FORM) OP##_##FORM##32, OP##_##FORM##64
static long (*const fns[])(long, uint64_t, long *) = {
    ALL(vmfeq, vv), ALL(vmfne, vv), ALL(vmflt, vv), ALL(vmfle, vv),   ALL(vmfeq, vf),   ALL(vmfne, vf),  ALL(vmflt, vf),
    ALL(vmfle, vf), ALL(vmfgt, vf), ALL(vmfge, vf), ALL(m_vmfeq, vv), ALL(m_vmflt, vf), ALL(m_vmfge, vf)};
static const uint32_t s32[] = {0,          0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
			       0x7fc00000, 0x7fa00000, 0x00000001, 0x40000000, 0x3f800000, 0x3f800000};
static const uint64_t s64[] = {0,
			       0x8000000000000000ull,
			       0x3ff0000000000000ull,
			       0xbff0000000000000ull,
			       0x7ff0000000000000ull,
			       0xfff0000000000000ull,
			       0x7ff8000000000000ull,
			       0x7ff4000000000000ull,
			       1,
			       0x4000000000000000ull,
			       0x3ff0000000000000ull,
			       0x3ff0000000000000ull};
#define RED(NAME, SEW, LMUL, OP)                                                                                       \
	static uint64_t NAME(long avl, long *flags)                                                                    \
	{                                                                                                              \
		long vl, fl;                                                                                           \
		uint64_t r;                                                                                            \
		__asm__ volatile("vsetvli %0, %3, e" #SEW ", " #LMUL ", ta, ma\n\t"                                    \
				 "vle" #SEW ".v v8, (%4)\n\t"                                                          \
				 "vl1re" #SEW ".v v2, (%5)\n\t"                                                        \
				 "fsflags zero\n\t" OP ".vs v4, v8, v2\n\t"                                            \
				 "frflags %1\n\t"                                                                      \
				 "vmv.x.s %2, v4"                                                                      \
				 : "=&r"(vl), "=&r"(fl), "=r"(r)                                                       \
				 : "r"(avl), "r"(a), "r"(init)                                                         \
				 : "memory");                                                                          \
		*flags = fl;                                                                                           \
		return r ^ (uint64_t)vl << 56;                                                                         \
	}
RED(max32, 32, m1, "vfredmax")
RED(min32, 32, m2, "vfredmin")
RED(max64, 64, m2, "vfredmax")
RED(min64, 64, m1, "vfredmin")
static uint64_t (*const reds[])(long, long *) = {max32, min32, max64, min64};

/* an index into s32/s64: any (nans), or one of the values that are not NaNs */
static unsigned pick(unsigned r, int nans)
{
	static const unsigned ok[6] = {0, 1, 2, 3, 9, 10};
	return nans ? r % 12 : ok[r % 6];
}

int main(void)
{
	unsigned s = 99;
	uint64_t h = 1469598103934665603ull;
	for (int round = 0; round < 40; round++) {
		int nans = round % 4 == 0; /* most rounds without NaNs: the translated whole-group path */
		mask[0] = (uint64_t)s * 0x9e3779b97f4a7c15ull; /* v0 for the masked ones: NaNs where clear too */
		mask[1] = ~mask[0];
		for (unsigned f = 0; f < sizeof fns / sizeof fns[0]; f++) {
			int w = f & 1;
			for (int i = 0; i < 32; i++) {
				s = s * 1103515245 + 12345;
				unsigned x = pick(s >> 16, nans), y = pick(s >> 20, nans);
				if (w) {
					a[i] = s64[x], b[i] = s64[y];
				} else {
					((uint32_t *)a)[i] = s32[x], ((uint32_t *)b)[i] = s32[y];
					((uint32_t *)a)[i + 32] = s32[y], ((uint32_t *)b)[i + 32] = s32[x];
				}
			}
			uint64_t scalar = w ? s64[pick(s >> 8, nans)] : 0xffffffff00000000ull | s32[pick(s >> 8, nans)];
			long avl = round % 5 == 4 ? (long)((s >> 4) % 9) : 64, flags;
			long vl = fns[f](avl, scalar, &flags);
			h = (h ^ (uint64_t)vl) * 1099511628211ull;
			h = (h ^ (uint64_t)flags) * 1099511628211ull;
			h = (h ^ out[0]) * 1099511628211ull;
			if (round < 8)
				printf("%u:%ld:%lx:%016llx ", f, vl, flags, (unsigned long long)out[0]);
		}
	}
	for (int round = 0; round < 300; round++) {
		int nans = round % 6 == 0;
		for (unsigned f = 0; f < 4; f++) {
			int w = f >= 2;
			for (int i = 0; i < 32; i++) {
				s = s * 1103515245 + 12345;
				if (w)
					a[i] = s64[pick(s >> 16, nans)];
				else
					((uint32_t *)a)[i] = s32[pick(s >> 16, nans)],
						   ((uint32_t *)a)[i + 32] = s32[pick(s >> 20, nans)];
			}
			s = s * 1103515245 + 12345;
			init[0] = w ? s64[pick(s >> 16, nans)] : 0xffffffff00000000ull | s32[pick(s >> 16, nans)];
			long avl = round % 4 == 3 ? (long)((s >> 8) % 9) : 64, flags;
			uint64_t r = reds[f](avl, &flags);
			h = (h ^ r) * 1099511628211ull;
			h = (h ^ (uint64_t)flags) * 1099511628211ull;
			if (round < 12)
				printf("r%u:%016llx:%lx ", f, (unsigned long long)r, flags);
		}
	}
	printf("\n%016llx\n", (unsigned long long)h);
	return 0;
}
