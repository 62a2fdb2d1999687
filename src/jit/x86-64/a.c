/* A extension: amoadd and amoswap (and amoand/or/xor whose old value is discarded) as one
 * x86 read-modify-write each, locked whenever another agent could see guest memory (a
 * MAP_SHARED mapping exists, or other threads) — as QEMU does, a lone process with private
 * memory needs no bus lock. LR and SC inline with the interpreter's semantics (interp/a.c: the
 * reservation is an address and a value, and SC is one compare-and-swap). The other AMOs and
 * misaligned addresses (SIGBUS) go to the interpreter, whose host atomics are always locked.
 * In cluster mode LR and SC also check the count of pages of the address's group that left the
 * rank (interp/a.c reserve_gen), and an instruction that met a split page accesses the unit's
 * shadow page (t_split_address; the reservation and its group stay the address's, as in
 * interp/a.c). */
#include "internal.h"

/* rax = the address in rs1; misaligned ones jump to the interpreter, which raises SIGBUS */
static uint8_t *aligned_address(struct tctx *t, bool w, struct mem *m)
{
	struct emit *e = &t->e;
	*m = t_address_rax(t, t->in->rs1, 0);
	e_mov_rr(e, false, RDX, RAX);
	e_alu_ri(e, ALU_AND, false, RDX, w ? 3 : 7);
	return e_jcc(e, CC_NE);
}

/* Cluster mode: dst = the address (in addr) of the count of pages of its group that left this
 * rank (machine_res_gen). */
static void res_gen_address(struct tctx *t, int dst, int addr)
{
	struct emit *e = &t->e;
	e_mov_rr(e, true, dst, addr);
	e_shift_i(e, SH_SHR, true, dst, 12);
	e_alu_ri(e, ALU_AND, false, dst, RES_GROUPS - 1);
	e_shift_i(e, SH_SHL, false, dst, 2);
	e_mov_ri(e, RCX, (uint64_t)(uintptr_t)t->cpu->m->res_gens);
	e_alu_rr(e, ALU_ADD, true, dst, RCX);
}

static void lr(struct tctx *t, bool w)
{
	struct emit *e = &t->e;
	struct mem m;
	uint8_t *misaligned = aligned_address(t, w, &m);
	if (t->cpu->m->res_gens) { /* before the load: a page that leaves after it moves the count */
		res_gen_address(t, RDX, RAX);
		e_load(e, RDX, M(RDX, 0), 4, false);
		e_store(e, M(REG_CPU, OFF(res_gen)), RDX, 4);
	}
	e_store(e, M(REG_CPU, OFF(res_addr)), RAX, 8);
	if (t->split_here)
		m = t_split_address(t, M(RAX, 0), w ? 4 : 8);
	t_fault_site(t);
	e_load(e, RDX, m, w ? 4 : 8, false);
	e_store(e, M(REG_CPU, OFF(res_val)), RDX, 8);
	e_mov_ri(e, RCX, 1);
	e_store(e, M(REG_CPU, OFF(res_valid)), RCX, 1);
	if (w)
		e_movsxd(e, RDX, RDX);
	t_put(t, t->in->rd, RDX);
	t_cold_helper(t, misaligned, interp_a, "misaligned LR: the interpreter raises SIGBUS");
}

/* rd = 0 when the reservation is for this address and memory still holds the value LR saw,
 * swapped for rs2 in one compare-and-swap; else 1. The reservation ends either way (after the
 * swap: a fault there leaves it for the retry). */
static void sc(struct tctx *t, bool w)
{
	struct emit *e = &t->e;
	struct mem m;
	uint8_t *misaligned = aligned_address(t, w, &m), *invalid, *elsewhere, *done, *moved = NULL;
	e_mov_rr(e, true, RCX, RAX);
	e_load(e, RDX, M(REG_CPU, OFF(res_valid)), 1, false);
	e_test_rr(e, false, RDX, RDX);
	invalid = e_jcc(e, CC_E);
	e_alu_rm(e, ALU_CMP, true, RCX, M(REG_CPU, OFF(res_addr)));
	elsewhere = e_jcc(e, CC_NE);
	if (t->cpu->m->res_gens) {
		e_mov_rr(e, true, RAX, RCX);
		res_gen_address(t, RDX, RAX); /* clobbers rcx */
		e_mov_rr(e, true, RCX, RAX);
		e_load(e, RDX, M(RDX, 0), 4, false);
		e_alu_rm(e, ALU_CMP, false, RDX, M(REG_CPU, OFF(res_gen)));
		moved = e_jcc(e, CC_NE);
	}
	m = t->split_here ? t_split_address(t, M(RCX, 0), w ? 4 : 8) : t_guest(t, RCX, 0);
	t_get(t, RDX, t->in->rs2);
	e_load(e, RAX, M(REG_CPU, OFF(res_val)), 8, false);
	t_fault_site(t);
	e_cmpxchg(e, __atomic_load_n(&t->cpu->m->shared_memory, __ATOMIC_RELAXED), !w, m, RDX);
	e_setcc(e, CC_NE, RAX);
	done = e_jmp(e);
	e_patch(invalid, e->p);
	e_patch(elsewhere, e->p);
	if (moved)
		e_patch(moved, e->p);
	e_mov_ri(e, RAX, 1);
	e_patch(done, e->p);
	e_mov_ri(e, RDX, 0);
	e_store(e, M(REG_CPU, OFF(res_valid)), RDX, 1);
	t_put(t, t->in->rd, RAX);
	t_cold_helper(t, misaligned, interp_a, "misaligned SC: the interpreter raises SIGBUS");
}

static void amo(struct tctx *t, bool w)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	struct mem m;
	uint8_t *misaligned = aligned_address(t, w, &m);
	bool lock = __atomic_load_n(&t->cpu->m->shared_memory, __ATOMIC_RELAXED);
	int tmp = RCX;
	if (t->split_here) {
		m = t_split_address(t, M(RAX, 0), w ? 4 : 8);
		tmp = RAX;
	}
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
			e_load(e, tmp, m, w ? 4 : 8, false);
			t_fault_site(t);
			e_store(e, m, RDX, w ? 4 : 8);
			e_mov_rr(e, true, RDX, tmp);
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
	case RV_LR_W: lr(t, true); return true;
	case RV_LR_D: lr(t, false); return true;
	case RV_SC_W: sc(t, true); return true;
	case RV_SC_D: sc(t, false); return true;
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
