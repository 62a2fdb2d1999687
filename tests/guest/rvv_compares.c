// The integer compares into a mask (vmseq, vmsne, vmslt[u], vmsle[u], vmsgt[u]; .vv, .vx, .vi as
// each has them) at e8 to e64, LMUL 1 and 2, with vl below VLMAX and at it, on values around each
// width's sign boundary, into a vd whose bits past vl come from a pattern: on a host with AVX2 but
// not AVX-512 the translator runs them as pcmpeq and pcmpgt (the unsigned ones on operands with
// their sign bits flipped) and keeps vd's bits from vl on and, under v0.t, where v0 is clear (also
// when vd is v0 itself) (tests/check/vlen.sh runs it so).
// qemu: rva23
// cflags: -march=rv64gcv
#include <stdint.h>
#include <stdio.h>
#include <string.h>
static uint8_t a[64], b[64];
static uint64_t out[4], mask[2];
#define CMP(NAME, SEW, LMUL, INSN)                                                                                     \
	static long NAME(long avl, long x)                                                                             \
	{                                                                                                              \
		long vl;                                                                                               \
		memset(out, 0x5a, sizeof out);                                                                         \
		__asm__ volatile("vl1re8.v v4, (%4)\n\tvl1re8.v v0, (%6)\n\t"                                          \
				 "vsetvli %0, %1, e" #SEW ", " #LMUL ", ta, ma\n\t"                                    \
				 "vle" #SEW ".v v8, (%2)\n\t"                                                          \
				 "vle" #SEW ".v v12, (%3)\n\t" INSN "\n\t"                                             \
				 "vs1r.v v4, (%4)"                                                                     \
				 : "=&r"(vl)                                                                           \
				 : "r"(avl), "r"(a), "r"(b), "r"(out), "r"(x), "r"(mask)                               \
				 : "memory");                                                                          \
		return vl;                                                                                             \
	}
#define SEWS_AS(NAME, OP, FORM, ARG)                                                                                   \
	CMP(NAME##8, 8, m1, #OP "." #FORM " v4, v8, " ARG)                                                             \
	CMP(NAME##16, 16, m2, #OP "." #FORM " v4, v8, " ARG)                                                           \
	CMP(NAME##32, 32, m1, #OP "." #FORM " v4, v8, " ARG)                                                           \
	CMP(NAME##64, 64, m2, #OP "." #FORM " v4, v8, " ARG)
#define SEWS(OP, FORM, ARG) SEWS_AS(OP##_##FORM, OP, FORM, ARG)
SEWS(vmseq, vv, "v12")
SEWS(vmsne, vx, "%5")
SEWS(vmseq, vi, "3")
SEWS(vmsne, vi, "-1")
SEWS(vmslt, vv, "v12")
SEWS(vmsltu, vv, "v12")
SEWS(vmsle, vv, "v12")
SEWS(vmsleu, vv, "v12")
SEWS_AS(m_vmseq_vv, vmseq, vv, "v12, v0.t")
SEWS_AS(m_vmsltu_vx, vmsltu, vx, "%5, v0.t")
SEWS_AS(m_vmsgt_vi, vmsgt, vi, "2, v0.t\n\tvmsne.vx v0, v8, %5, v0.t\n\tvmand.mm v4, v4, v0")
SEWS(vmslt, vx, "%5")
SEWS(vmsltu, vx, "%5")
SEWS(vmsle, vx, "%5")
SEWS(vmsleu, vx, "%5")
SEWS(vmsgt, vx, "%5")
SEWS(vmsgtu, vx, "%5")
SEWS(vmsle, vi, "-3")
SEWS(vmsleu, vi, "5")
SEWS(vmsgt, vi, "2")
SEWS(vmsgtu, vi, "-1")
#define ALL(OP, FORM) OP##_##FORM##8, OP##_##FORM##16, OP##_##FORM##32, OP##_##FORM##64
static long (*const fns[])(long, long) = {
    ALL(vmseq, vv),   ALL(vmsne, vx),    ALL(vmseq, vi),  ALL(vmsne, vi),  ALL(vmslt, vv), ALL(vmsltu, vv),
    ALL(vmsle, vv),   ALL(vmsleu, vv),   ALL(vmslt, vx),  ALL(vmsltu, vx), ALL(vmsle, vx), ALL(vmsleu, vx),
    ALL(vmsgt, vx),   ALL(vmsgtu, vx),   ALL(vmsle, vi),  ALL(vmsleu, vi), ALL(vmsgt, vi), ALL(vmsgtu, vi),
    ALL(m_vmseq, vv), ALL(m_vmsltu, vx), ALL(m_vmsgt, vi)};
static const uint8_t pick[] = {0x00, 0x01, 0x02, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0xfd, 0x05};
int main(void)
{
	unsigned s = 4242;
	uint64_t h = 1469598103934665603ull;
	for (int round = 0; round < 12; round++) {
		for (int i = 0; i < 64; i++) {
			s = s * 1103515245 + 12345;
			a[i] = pick[(s >> 16) % sizeof pick];
			b[i] = pick[(s >> 20) % sizeof pick];
		}
		mask[0] = (uint64_t)s * 0x9e3779b97f4a7c15ull;
		mask[1] = ~mask[0] >> (round % 7);
		for (long avl = 0; avl <= 40; avl++)
			for (unsigned f = 0; f < sizeof fns / sizeof fns[0]; f++) {
				long x = (long)(int8_t)pick[(s >> 8 ^ (unsigned)avl) % sizeof pick];
				long vl =
				    fns[f]((avl * 3 + round) % 21, round & 1 ? x : (long)(uint8_t)x << (8 * (f & 3)));
				h = (h ^ (uint64_t)vl) * 1099511628211ull;
				for (int k = 0; k < 2; k++)
					h = (h ^ out[k]) * 1099511628211ull;
				if (round == 0 && avl == 13)
					printf("%u:%ld:%016llx ", f, vl, (unsigned long long)out[0]);
			}
	}
	printf("\n%016llx\n", (unsigned long long)h);
	return 0;
}
