#include "interp.h"
#include "../gdb/gdb.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

_Noreturn void interp_fault(struct rvx_vcpu *cpu, int sig, int code, uint64_t addr)
{
	cpu->fault_sig = sig;
	cpu->fault_code = code;
	cpu->fault_addr = addr;
	siglongjmp(cpu->fault_jmp, 1);
}

static void fetch_fault(struct rvx_vcpu *cpu, uint64_t addr)
{
	int code = space_query(&cpu->m->space, addr, NULL) ? SEGV_ACCERR : SEGV_MAPERR;
	interp_fault(cpu, SIGSEGV, code, addr);
}

static uint16_t fetch16(struct rvx_vcpu *cpu, uint64_t addr)
{
	uint16_t v;
	if (!space_check(&cpu->m->space, addr, 2, PROT_EXEC))
		fetch_fault(cpu, addr);
	memcpy(&v, g2h(&cpu->m->space, addr), 2);
	return v;
}

/* Fetches and decodes; with `code`, an executable mapping that vouches for what it holds
 * (refreshed when pc leaves it) spares the per-fetch check. */
static uint32_t decode(struct rvx_vcpu *cpu, uint64_t pc, struct rv_insn *out, struct rvx_vma *code)
{
	uint32_t bits;
	if (code && pc >= code->start && pc + 4 <= code->end && !(pc & 1)) {
		memcpy(&bits, g2h(&cpu->m->space, pc), 4);
		if (rv_insn_length((uint16_t)bits) == 2)
			bits &= 0xffff;
	} else {
		if (pc & 1)
			interp_fault(cpu, SIGBUS, BUS_ADRALN, pc);
		bits = fetch16(cpu, pc);
		if (rv_insn_length((uint16_t)bits) == 4)
			bits |= (uint32_t)fetch16(cpu, pc + 2) << 16;
		if (code)
			space_exec_vma(&cpu->m->space, pc, code);
	}
	rv_decode(out, bits);
	cpu->stats.decodes++;
	return bits;
}

uint32_t interp_decode(struct rvx_vcpu *cpu, uint64_t pc, struct rv_insn *out)
{
	struct rvx_machine *m = cpu->m;
	uint32_t bits = decode(cpu, pc, out, NULL);
	if (m->cfg.debug & RVX_LOG_IN_ASM) {
		char text[96];
		machine_log(m, RVX_LOG_IN_ASM, "0x%016llx:  %0*x  %s\n", (unsigned long long)pc, out->len * 2,
			    out->len == 2 ? bits & 0xffff : bits, rv_disasm(text, sizeof text, out, pc));
	}
	return bits;
}

/* The interpreter's fetch, through the vCPU's decode cache. */
static const struct rv_insn *interp_fetch(struct rvx_vcpu *cpu, uint64_t pc)
{
	struct decode_entry *e;
	struct rvx_machine *m = cpu->m;

	if (__builtin_expect(cpu->decode_gen != m->code_gen, 0)) {
		machine_table_clear(cpu->dcache, DECODE_CACHE_SIZE * sizeof *cpu->dcache);
		cpu->decode_gen = m->code_gen;
		cpu->stats.flushes++;
	}
	e = &cpu->dcache[(pc >> 1) & (DECODE_CACHE_SIZE - 1)];
	/* the bytes are compared too: code written without fence.i (a guest JIT) is seen at once */
	if (__builtin_expect(e->pc == pc, 1)) {
		const uint8_t *p = g2h(&m->space, pc);
		uint32_t now;
		uint16_t half;
		if (e->insn.len == 2) {
			memcpy(&half, p, 2);
			now = half;
		} else {
			memcpy(&now, p, 4);
		}
		if (__builtin_expect(now == e->bits, 1))
			return &e->insn;
	}
	e->bits = interp_decode(cpu, pc, &e->insn); /* a fetch fault leaves the entry as it was */
	e->pc = pc;
	return &e->insn;
}

static inline int dispatch(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	int st;
	if (in->op < RV_FIRST_M)
		st = interp_rv64i(cpu, in);
	else if (in->op < RV_FIRST_A)
		st = interp_m(cpu, in);
	else if (in->op < RV_FIRST_FD)
		st = interp_a(cpu, in);
	else if (in->op < RV_FIRST_ZB)
		st = interp_fd(cpu, in);
	else if (in->op < RV_FIRST_RVA23)
		st = interp_zb(cpu, in);
	else if (in->op < RV_FIRST_V)
		st = interp_rva23(cpu, in);
	else
		st = interp_v(cpu, in);
	cpu->x[0] = 0;
	return st;
}

/* An instruction completed: instret counts it; the plugins' counters tied to instret hold
 * their count less instret, and an instruction adds to them only by its actions. */
static inline void retire(struct rvx_vcpu *cpu)
{
	cpu->instret++;
	for (unsigned k = 0; k < cpu->ntied; k++)
		cpu->plugin_area[cpu->tied[k]]--;
}

/* Executes one instruction and moves pc past it (unless it jumped or needs the run loop). */
static inline int execute(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	int st = dispatch(cpu, in);
	if (st == EXEC_NEXT) {
		cpu->pc += in->len;
		retire(cpu);
	} else if (st == EXEC_JUMPED || st == EXEC_ECALL || st == EXEC_FENCE_I || st == EXEC_GROUP) {
		/* an ecall or fence.i completes (the engine finishes it), as translated code counts */
		retire(cpu);
	}
	return st;
}

int interp_execute(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	return execute(cpu, in);
}

int interp_dispatch(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	return dispatch(cpu, in);
}

int interp_run(struct rvx_vcpu *cpu)
{
	const unsigned trace = cpu->m->cfg.debug & RVX_LOG_EXEC;
	const struct rvx_gdb *gdb = cpu->m->gdb;
	for (;;) {
		const struct rv_insn *in;
		int st;
		if (__builtin_expect(cpu->interrupt, 0))
			return EXEC_NEXT;
		if (__builtin_expect(gdb != NULL, 0) && gdb_break_at(gdb, cpu->pc))
			return EXEC_DEBUG;
		in = interp_fetch(cpu, cpu->pc);
		if (__builtin_expect(trace, 0)) {
			char text[96];
			machine_log(cpu->m, RVX_LOG_EXEC, "0x%016llx: %s\n", (unsigned long long)cpu->pc,
				    rv_disasm(text, sizeof text, in, cpu->pc));
		}
		st = execute(cpu, in);
		if (st != EXEC_NEXT && st != EXEC_JUMPED)
			return st;
	}
}

int interp_run_block(struct rvx_vcpu *cpu)
{
	struct rvx_vma code = {0};
	const struct rvx_gdb *gdb = cpu->m->gdb;
	for (;;) {
		struct rv_insn in;
		int st;
		if (__builtin_expect(cpu->interrupt, 0))
			return EXEC_NEXT;
		if (__builtin_expect(gdb != NULL, 0) && gdb_break_at(gdb, cpu->pc))
			return EXEC_DEBUG;
		decode(cpu, cpu->pc, &in, &code);
		st = execute(cpu, &in);
		if (st != EXEC_NEXT || (in.op >= RV_JAL && in.op <= RV_BGEU))
			return st;
	}
}
