/* A extension: amoadd and amoswap (and amoand/or/xor whose old value is discarded) as one
 * locked x86 instruction each; the other AMOs, LR/SC and misaligned addresses (SIGBUS) go to
 * the interpreter, whose compare-and-swap loops give the same atomicity. */
#include "internal.h"

static void amo(struct tctx *t, bool w)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	uint8_t *misaligned, *done;
	struct mem m = t_address(t, in->rs1, 0);
	e_mov_rr(e, false, RDX, RAX);
	e_alu_ri(e, ALU_AND, false, RDX, w ? 3 : 7);
	misaligned = e_jcc(e, CC_NE);
	t_get(t, RDX, in->rs2);
	t_fault_site(t);
	switch (in->op) {
	case RV_AMOADD_W:
	case RV_AMOADD_D:
		if (in->rd)
			e_lock_xadd(e, !w, m, RDX);
		else
			e_lock_alu_mr(e, ALU_ADD, !w, m, RDX);
		break;
	case RV_AMOSWAP_W:
	case RV_AMOSWAP_D: e_xchg(e, !w, m, RDX); break;
	case RV_AMOAND_W:
	case RV_AMOAND_D: e_lock_alu_mr(e, ALU_AND, !w, m, RDX); break;
	case RV_AMOOR_W:
	case RV_AMOOR_D: e_lock_alu_mr(e, ALU_OR, !w, m, RDX); break;
	default: e_lock_alu_mr(e, ALU_XOR, !w, m, RDX); break;
	}
	if (w)
		e_movsxd(e, RDX, RDX);
	t_put(t, in->rd, RDX);
	done = e_jmp(e);
	e_patch(misaligned, e->p);
	t_helper(t, interp_a, "misaligned AMO: the interpreter raises SIGBUS");
	e_patch(done, e->p);
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
