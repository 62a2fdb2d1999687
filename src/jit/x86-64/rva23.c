/* RVA23U64's scalar additions that compilers put in hot code: Zicond's conditional zero as a
 * cmov, and the may-be-operations (Zimop, Zcmop), which only write 0. The others go to the
 * interpreter (interp/rva23.c). */
#include "internal.h"

static void czero(struct tctx *t, int cc)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	t_get(t, RAX, in->rs1);
	t_get(t, RCX, in->rs2);
	e_alu_rr(e, ALU_XOR, false, RDX, RDX);
	e_test_rr(e, true, RCX, RCX);
	e_cmov(e, cc, RAX, RDX);
	t_put(t, in->rd, RAX);
}

bool jit_rva23(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	switch (in->op) {
	case RV_CZERO_EQZ: czero(t, CC_E); return true;
	case RV_CZERO_NEZ: czero(t, CC_NE); return true;
	case RV_MOP_R:
	case RV_MOP_RR:
		if (in->rd) {
			e_alu_rr(&t->e, ALU_XOR, false, RAX, RAX);
			t_put(t, in->rd, RAX);
		}
		return true;
	case RV_C_MOP: return true;
	}
	return false;
}
