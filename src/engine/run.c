#include <errno.h>
#include <signal.h>

#include "../interp/interp.h"
#include "../jit/x86-64/jit.h"
#include "../linux/signal.h"
#include "../linux/syscall.h"
#include "../plugin/plugin.h"
#include "engine.h"

/* A host fault landed us back here: turn it into what the guest sees. */
static void fault_arrived(struct rvx_vcpu *cpu)
{
	host_sigmask(SIG_UNBLOCK, SIGBIT(SIGSEGV) | SIGBIT(SIGBUS), NULL);
	switch (cpu->state) {
	case VCPU_IN_SYSCALL:
		/* the emulator touched a bad guest pointer on the guest's behalf */
		cpu->x[10] = (uint64_t)-EFAULT;
		cpu->pc += 4;
		break;
	case VCPU_DELIVERING:
		/* no room for a signal frame: the kernel kills the process with SIGSEGV */
		signal_default_action(cpu, SIGSEGV);
		break;
	default:
		/* unmapped guest pages are reserved host pages: only the guest's map tells which it was */
		if (cpu->fault_sig == SIGSEGV)
			cpu->fault_code =
			    space_query(&cpu->m->space, cpu->fault_addr, NULL) ? SEGV_ACCERR : SEGV_MAPERR;
		signal_raise_sync(cpu, cpu->fault_sig, cpu->fault_code, cpu->fault_addr);
	}
}

bool engine_recover_fault(struct rvx_vcpu *cpu, void *host_ucontext)
{
	return cpu->m->jit && jit_recover_fault(cpu, host_ucontext);
}

void engine_prefork(struct rvx_machine *m)
{
	jit_prefork(m);
}

void engine_release_code(struct rvx_machine *m)
{
	jit_release(m);
}

void engine_reclaim_code(struct rvx_vcpu *cpu)
{
	jit_reclaim(cpu);
}

void engine_postfork(struct rvx_machine *m)
{
	jit_postfork(m);
}

bool engine_in_translated_code(struct rvx_vcpu *cpu, void *host_ucontext)
{
	return cpu->m->jit && jit_owns_pc(cpu, host_ucontext);
}

/* What a stop of the engine asks for, as the run loop does it; true at an ebreak the caller
 * wants back. */
static bool route(struct rvx_vcpu *cpu, int st, bool ebreak_back)
{
	switch (st) {
	case EXEC_ECALL:
		cpu->state = VCPU_IN_SYSCALL;
		syscall_dispatch(cpu);
		cpu->state = VCPU_IN_EMU;
		break;
	case EXEC_EBREAK:
		if (ebreak_back)
			return true;
		signal_raise_sync(cpu, SIGTRAP, TRAP_BRKPT, cpu->pc);
		break;
	case EXEC_ILLEGAL: signal_raise_sync(cpu, SIGILL, ILL_ILLOPC, cpu->pc); break;
	case EXEC_FAULT: signal_raise_sync(cpu, SIGSEGV, SEGV_MAPERR, cpu->fault_addr); break;
	case EXEC_FENCE_I:
		machine_code_changed(cpu->m, 0, UINT64_MAX);
		cpu->pc += 4;
		break;
	default: break;
	}
	return false;
}

static int run_engine(struct rvx_vcpu *cpu)
{
	if (cpu->m->jit)
		return jit_run(cpu);
	if (cpu->m->plugins && cpu->m->plugins->tb_trans)
		return plugins_interp_run(cpu);
	return interp_run(cpu);
}

int engine_run(struct rvx_vcpu *cpu)
{
	rvx_current_vcpu = cpu;
	if (sigsetjmp(cpu->fault_jmp, 0)) {
		if (cpu->m->jit)
			jit_abandon(cpu);
		fault_arrived(cpu);
	}
	for (;;) {
		int st;
		if (cpu->interrupt) {
			cpu->state = VCPU_DELIVERING;
			signal_deliver(cpu);
		}
		cpu->state = VCPU_IN_GUEST;
		st = run_engine(cpu);
		cpu->state = VCPU_IN_EMU;
		route(cpu, st, false);
	}
}

int engine_step(struct rvx_vcpu *cpu, uint64_t max_insns, bool resume_break)
{
	volatile uint64_t target = cpu->instret + max_insns; /* kept across a fault's siglongjmp */
	rvx_current_vcpu = cpu;
	if (sigsetjmp(cpu->fault_jmp, 0)) {
		if (cpu->m->jit)
			jit_abandon(cpu);
		fault_arrived(cpu);
	} else if (resume_break) { /* the ebreak it stopped at runs now, as on hardware */
		signal_raise_sync(cpu, SIGTRAP, TRAP_BRKPT, cpu->pc);
	}
	for (;;) {
		int st;
		if (max_insns && cpu->instret >= target)
			return EXEC_NEXT;
		if (cpu->interrupt) {
			cpu->state = VCPU_DELIVERING;
			signal_deliver(cpu);
		}
		cpu->state = VCPU_IN_GUEST;
		if (max_insns) {
			struct rv_insn in;
			interp_decode(cpu, cpu->pc, &in);
			st = interp_execute(cpu, &in);
		} else {
			st = run_engine(cpu);
		}
		cpu->state = VCPU_IN_EMU;
		if (route(cpu, st, true))
			return EXEC_EBREAK;
	}
}
