/* A extension: amoadd and amoswap (and amoand/or/xor whose old value is discarded) as one
 * x86 read-modify-write each, locked whenever another agent could see guest memory (a
 * MAP_SHARED mapping exists; later, other threads) — as QEMU does, a lone process with
 * private memory needs no bus lock. The other AMOs, LR/SC and misaligned addresses (SIGBUS)
 * go to the interpreter, whose host atomics are always locked. */
#include "internal.h"

static void amo(struct tctx *t, bool w)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	uint8_t *misaligned;
	struct mem m = t_address_rax(t, in->rs1, 0);
	bool lock = __atomic_load_n(&t->cpu->m->shared_memory, __ATOMIC_RELAXED);
	e_mov_rr(e, false, RDX, RAX);
	e_alu_ri(e, ALU_AND, false, RDX, w ? 3 : 7);
	misaligned = e_jcc(e, CC_NE);
	t_get(t, RDX, in->rs2);
	t_fault_site(t);
	switch (in->op) {
	case RV_AMOADD_W:
	case RV_AMOADD_D:
		if (in->rd)
			e_xadd(e, lock, !w, m, RDX);
		else
			e_alu_mr(e, lock, ALU_ADD, !w, m, RDX);
		break;
	case RV_AMOSWAP_W:
	case RV_AMOSWAP_D:
		if (lock) {
			e_xchg(e, !w, m, RDX);
		} else { /* the load may fault; the store then cannot (a read-only page faults on it) */
			e_load(e, RCX, m, w ? 4 : 8, false);
			t_fault_site(t);
			e_store(e, m, RDX, w ? 4 : 8);
			e_mov_rr(e, true, RDX, RCX);
		}
		break;
	case RV_AMOAND_W:
	case RV_AMOAND_D: e_alu_mr(e, lock, ALU_AND, !w, m, RDX); break;
	case RV_AMOOR_W:
	case RV_AMOOR_D: e_alu_mr(e, lock, ALU_OR, !w, m, RDX); break;
	default: e_alu_mr(e, lock, ALU_XOR, !w, m, RDX); break;
	}
	if (w)
		e_movsxd(e, RDX, RDX);
	t_put(t, in->rd, RDX);
	t_cold_helper(t, misaligned, interp_a, "misaligned AMO: the interpreter raises SIGBUS");
}

bool jit_a(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	switch (in->op) {
	case RV_AMOADD_W:
	case RV_AMOSWAP_W: amo(t, true); return true;
	case RV_AMOADD_D:
	case RV_AMOSWAP_D: amo(t, false); return true;
	case RV_AMOAND_W:
	case RV_AMOOR_W:
	case RV_AMOXOR_W:
		if (in->rd != 0)
			return false;
		amo(t, true);
		return true;
	case RV_AMOAND_D:
	case RV_AMOOR_D:
	case RV_AMOXOR_D:
		if (in->rd != 0)
			return false;
		amo(t, false);
		return true;
	}
	return false;
}
