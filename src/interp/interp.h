/* The reference tier: executes decoded instructions one at a time. */
#ifndef RVX_INTERP_H
#define RVX_INTERP_H

#include <string.h>

#include "../machine.h"

/* What an instruction asks of the run loop. */
enum exec_status {
	EXEC_NEXT,   /* fall through to pc + len */
	EXEC_JUMPED, /* pc already set */
	EXEC_ECALL,
	EXEC_EBREAK,
	EXEC_ILLEGAL,
	EXEC_FENCE_I,
	EXEC_FAULT, /* guest address outside the guest space: SIGSEGV at fault_addr */
	EXEC_DEBUG, /* a debugger's breakpoint at pc: the instruction has not run */
	EXEC_GROUP, /* the group hint at pc (rv_is_group_hint): the engine finishes it */
};

int interp_rv64i(struct rvx_vcpu *cpu, const struct rv_insn *in);
int interp_m(struct rvx_vcpu *cpu, const struct rv_insn *in);
int interp_a(struct rvx_vcpu *cpu, const struct rv_insn *in);
int interp_fd(struct rvx_vcpu *cpu, const struct rv_insn *in);
int interp_zb(struct rvx_vcpu *cpu, const struct rv_insn *in);
int interp_rva23(struct rvx_vcpu *cpu, const struct rv_insn *in);
int interp_v(struct rvx_vcpu *cpu, const struct rv_insn *in);

/* Runs the vCPU until an instruction needs the run loop (ecall, ebreak, illegal, fence.i) or
 * an async signal is waiting. Returns that enum exec_status; pc points at the instruction. */
int interp_run(struct rvx_vcpu *cpu);

/* Runs the vCPU to the end of its current basic block (the first jump or branch, taken or
 * not), decoding each instruction afresh: the translator's tier for code not yet worth
 * translating. Returns as interp_run does (EXEC_JUMPED when the block ended). */
int interp_run_block(struct rvx_vcpu *cpu);

/* Decodes the instruction at pc and returns its bits (the upper half is 0 for a compressed
 * one); a fetch from memory that is not executable raises the guest fault (does not return). */
uint32_t interp_decode(struct rvx_vcpu *cpu, uint64_t pc, struct rv_insn *out);
/* Executes one decoded instruction at cpu->pc (as interp_run does each); dispatch alone leaves
 * pc and instret to the caller (translated code's helpers). */
int interp_execute(struct rvx_vcpu *cpu, const struct rv_insn *in);
int interp_dispatch(struct rvx_vcpu *cpu, const struct rv_insn *in);

/* Raises a guest memory fault from emulator code (does not return). */
_Noreturn void interp_fault(struct rvx_vcpu *cpu, int sig, int code, uint64_t addr);

/* Host pointer for a guest access of n bytes; out-of-range addresses fault. */
static inline void *interp_addr(struct rvx_vcpu *cpu, uint64_t addr, unsigned n)
{
	const struct rvx_space *s = &cpu->m->space;
	if (__builtin_expect(cpu->split_tab != NULL, 0))
		addr = rvx_split_address(cpu->split_tab, addr, n);
	if (__builtin_expect(addr > s->size - n, 0))
		interp_fault(cpu, 11 /* SIGSEGV */, 1 /* SEGV_MAPERR */, addr);
	return g2h(s, addr);
}

/* Plugins: a vector instruction's element access just made (bytes: the element), noted while
 * cpu->vaccess is set. */
static inline void interp_note_vaccess(struct rvx_vcpu *cpu, uint64_t addr, const void *bytes, unsigned size,
				       bool store)
{
	struct rvx_vaccess *a;
	if (__builtin_expect(cpu->vaccess == NULL, 1) || cpu->nvaccess >= RVX_VACCESS_MAX(cpu->vlenb))
		return;
	a = &cpu->vaccess[cpu->nvaccess++];
	a->addr = addr;
	a->value = 0;
	memcpy(&a->value, bytes, size);
	a->size = (uint8_t)size;
	a->store = store;
}

/* An n-byte little-endian guest load, zero-extended; faults as interp_addr does. */
static inline uint64_t interp_load(struct rvx_vcpu *cpu, uint64_t addr, unsigned n)
{
	uint64_t v = 0;
	memcpy(&v, interp_addr(cpu, addr, n), n);
	return v;
}

#endif
