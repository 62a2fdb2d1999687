/* A extension. AMOs are host atomics on guest memory. LR records the address and the value
 * loaded; SC succeeds when the reservation is for that address and memory still holds that
 * value, by one compare-and-swap. That is the guarantee: an SC fails if the word changed,
 * but an A-B-A change between LR and SC goes unnoticed (as on most translators). */
#include <signal.h>

#include "interp.h"

#define X(r) cpu->x[r]

static void *amo_addr(struct rvx_vcpu *cpu, uint64_t addr, unsigned n)
{
	if (addr & (n - 1))
		interp_fault(cpu, SIGBUS, BUS_ADRALN, addr);
	return interp_addr(cpu, addr, n);
}

#define AMO_MINMAX(T, p, v, better)                                                                                    \
	do {                                                                                                           \
		T old_ = __atomic_load_n((T *)(p), __ATOMIC_RELAXED);                                                  \
		while (!__atomic_compare_exchange_n((T *)(p), &old_, (better) ? (T)(v) : old_, 0, __ATOMIC_SEQ_CST,    \
						    __ATOMIC_RELAXED))                                                 \
			;                                                                                              \
		r = (uint64_t)old_;                                                                                    \
	} while (0)

/* Cluster mode: the count of pages of addr's group that left this rank, read before LR's
 * load; SC fails if it moved since (the page may have been written elsewhere and come back). */
static void reserve_gen(struct rvx_vcpu *cpu, uint64_t addr)
{
	if (cpu->m->res_gens)
		cpu->res_gen = __atomic_load_n(machine_res_gen(cpu->m, addr), __ATOMIC_SEQ_CST);
}

static bool reserved_gen(const struct rvx_vcpu *cpu, uint64_t addr)
{
	return !cpu->m->res_gens || __atomic_load_n(machine_res_gen(cpu->m, addr), __ATOMIC_SEQ_CST) == cpu->res_gen;
}

static int amo_w(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	uint64_t addr = X(in->rs1);
	uint32_t v = (uint32_t)X(in->rs2), *p = amo_addr(cpu, addr, 4);
	uint64_t r;
	switch (in->op) {
	case RV_LR_W:
		reserve_gen(cpu, addr);
		r = __atomic_load_n(p, __ATOMIC_SEQ_CST);
		cpu->res_addr = addr;
		cpu->res_val = (uint32_t)r;
		cpu->res_valid = true;
		X(in->rd) = (uint64_t)(int32_t)r;
		return EXEC_NEXT;
	case RV_SC_W: {
		uint32_t expect = (uint32_t)cpu->res_val;
		int ok = cpu->res_valid && cpu->res_addr == addr && reserved_gen(cpu, addr) &&
			 __atomic_compare_exchange_n(p, &expect, v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
		cpu->res_valid = false;
		X(in->rd) = !ok;
		return EXEC_NEXT;
	}
	case RV_AMOSWAP_W: r = __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); break;
	case RV_AMOADD_W: r = __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); break;
	case RV_AMOXOR_W: r = __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST); break;
	case RV_AMOAND_W: r = __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST); break;
	case RV_AMOOR_W: r = __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST); break;
	case RV_AMOMIN_W: AMO_MINMAX(int32_t, p, v, (int32_t)v < old_); break;
	case RV_AMOMAX_W: AMO_MINMAX(int32_t, p, v, (int32_t)v > old_); break;
	case RV_AMOMINU_W: AMO_MINMAX(uint32_t, p, v, v < old_); break;
	default: AMO_MINMAX(uint32_t, p, v, v > old_); break;
	}
	X(in->rd) = (uint64_t)(int32_t)(uint32_t)r;
	return EXEC_NEXT;
}

static int amo_d(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	uint64_t addr = X(in->rs1), v = X(in->rs2), r;
	uint64_t *p = amo_addr(cpu, addr, 8);
	switch (in->op) {
	case RV_LR_D:
		reserve_gen(cpu, addr);
		r = __atomic_load_n(p, __ATOMIC_SEQ_CST);
		cpu->res_addr = addr;
		cpu->res_val = r;
		cpu->res_valid = true;
		break;
	case RV_SC_D: {
		uint64_t expect = cpu->res_val;
		int ok = cpu->res_valid && cpu->res_addr == addr && reserved_gen(cpu, addr) &&
			 __atomic_compare_exchange_n(p, &expect, v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
		cpu->res_valid = false;
		r = !ok;
		break;
	}
	case RV_AMOSWAP_D: r = __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); break;
	case RV_AMOADD_D: r = __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); break;
	case RV_AMOXOR_D: r = __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST); break;
	case RV_AMOAND_D: r = __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST); break;
	case RV_AMOOR_D: r = __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST); break;
	case RV_AMOMIN_D: AMO_MINMAX(int64_t, p, v, (int64_t)v < old_); break;
	case RV_AMOMAX_D: AMO_MINMAX(int64_t, p, v, (int64_t)v > old_); break;
	case RV_AMOMINU_D: AMO_MINMAX(uint64_t, p, v, v < old_); break;
	default: AMO_MINMAX(uint64_t, p, v, v > old_); break;
	}
	X(in->rd) = r;
	return EXEC_NEXT;
}

int interp_a(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	if (in->op >= RV_LR_W && in->op <= RV_AMOMAXU_W)
		return amo_w(cpu, in);
	if (in->op >= RV_LR_D && in->op <= RV_AMOMAXU_D)
		return amo_d(cpu, in);
	return EXEC_ILLEGAL;
}
