/* The scalar instructions of the RVA23U64 profile beyond RV64GC and Zba/Zbb/Zbs: Zicond, Zbc,
 * Zbkb, Zbkx, Zimop and Zcmop, Zicbom (decoded; Linux does not enable it for user mode), Zicboz
 * and Zawrs. Zcb's compressed forms decode to instructions the other files run; the Zicbop and
 * Zihint* hints are ORI, FENCE and ADD. */
#include <sched.h>
#include <string.h>

#include "interp.h"

#define X(r) cpu->x[r]

/* Carry-less product of a and b: bits 0-63 (clmul), 64-127 (clmulh) or 63-126 (clmulr). */
static uint64_t clmul(uint64_t a, uint64_t b, int low_bit)
{
	uint64_t r = 0;
	for (int i = 0; i < 64; i++) {
		int s = i - low_bit; /* where a's bit 0 lands, from the result's bit 0 */
		if (!((b >> i) & 1) || s <= -64)
			continue;
		r ^= s >= 0 ? a << s : a >> -s;
	}
	return r;
}

static uint64_t brev8(uint64_t v)
{
	uint64_t r = 0;
	for (int i = 0; i < 64; i++)
		if ((v >> i) & 1)
			r |= 1ull << ((i & ~7) | (7 - (i & 7)));
	return r;
}

/* Each element of b (4 or 8 bits) indexes an element of a; out of range gives 0. */
static uint64_t xperm(uint64_t a, uint64_t b, unsigned bits)
{
	uint64_t r = 0, mask = (1ull << bits) - 1;
	for (unsigned i = 0; i < 64; i += bits) {
		uint64_t k = (b >> i) & mask;
		if (k * bits < 64)
			r |= ((a >> (k * bits)) & mask) << i;
	}
	return r;
}

int interp_rva23(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	uint64_t a = X(in->rs1), b = X(in->rs2), r;
	switch (in->op) {
	case RV_CZERO_EQZ: r = b ? a : 0; break;
	case RV_CZERO_NEZ: r = b ? 0 : a; break;
	case RV_CLMUL: r = clmul(a, b, 0); break;
	case RV_CLMULH: r = clmul(a, b, 64); break;
	case RV_CLMULR: r = clmul(a, b, 63); break;
	case RV_PACK: r = (a & 0xffffffffull) | b << 32; break;
	case RV_PACKH: r = (a & 0xff) | (b & 0xff) << 8; break;
	case RV_PACKW: r = (uint64_t)(int64_t)(int32_t)((a & 0xffff) | (b & 0xffff) << 16); break;
	case RV_BREV8: r = brev8(a); break;
	case RV_XPERM4: r = xperm(a, b, 4); break;
	case RV_XPERM8: r = xperm(a, b, 8); break;
	case RV_MOP_R:
	case RV_MOP_RR: r = 0; break;
	case RV_C_MOP: return EXEC_NEXT;
	case RV_CBO_INVAL:
	case RV_CBO_CLEAN:
	case RV_CBO_FLUSH: return EXEC_ILLEGAL; /* Linux leaves them disabled in user mode (as QEMU does) */
	case RV_CBO_ZERO: /* a block never crosses a page: it faults before any byte is written, or not at all */
		memset(interp_addr(cpu, a & ~(uint64_t)(RV_CBO_BLOCK - 1), RV_CBO_BLOCK), 0, RV_CBO_BLOCK);
		return EXEC_NEXT;
	case RV_WRS_NTO:
	case RV_WRS_STO: /* wait for a reservation's store: a hint that may return at once */
		sched_yield();
		return EXEC_NEXT;
	default: return EXEC_ILLEGAL;
	}
	X(in->rd) = r;
	return EXEC_NEXT;
}
