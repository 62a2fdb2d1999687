#include <errno.h>
#include <signal.h>

#include "../cluster/cluster.h"
#include "../gdb/gdb.h"
#include "../interp/interp.h"
#include "../jit/x86-64/jit.h"
#include "../linux/signal.h"
#include "../linux/syscall.h"
#include "../plugin/plugin.h"
#include "engine.h"

static bool route(struct rvx_vcpu *cpu, int st, bool ebreak_back);

/* A host fault landed us back here: turn it into what the guest sees. */
static void fault_arrived(struct rvx_vcpu *cpu)
{
	/* the fault handler ran with every signal blocked and siglongjmp kept that mask: back to
	 * the guest's, the signals caught and not yet delivered still held (no signal comes in
	 * between: pending is stable here) */
	host_sigmask(SIG_SETMASK, (cpu->sigmask | cpu->pending) & ~FAULT_SIGNALS, NULL);
	cpu->vaccess = NULL; /* a vector access noted for plugins faulted: the rest goes unreported */
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
		if (cpu->fault_replay) { /* the interpreter finds which of them faults, and where */
			int n = cpu->fault_replay;
			cpu->fault_replay = 0;
			if (cpu->m->cluster)
				cluster_split_replayed(cpu, cpu->fault_addr);
			while (n-- > 0) {
				struct rv_insn in;
				interp_decode(cpu, cpu->pc, &in);
				int st = interp_execute(cpu, &in);
				if (st != EXEC_NEXT) {
					route(cpu, st, false);
					break;
				}
			}
			break;
		}
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

/* One instruction through the interpreter for the debugger: a step, a run under watchpoints
 * (an access to a watched location stops before it runs, as RISC-V's triggers do, and gdb steps
 * over it), or a breakpoint's instruction once no debugger is there. */
static int run_one(struct rvx_vcpu *cpu, bool watched)
{
	struct rv_insn in;
	uint64_t addr = 0;
	unsigned kind;
	int st;
	interp_decode(cpu, cpu->pc, &in);
	kind = rv_access(&in, cpu->x, &addr);
	if (watched && kind && gdb_watchpoint_hit(cpu, addr, 1u << rv_access_shift(in.op), kind))
		return EXEC_NEXT; /* not run: it runs when gdb lets the vCPU go on */
	st = interp_execute(cpu, &in);
	cpu->dbg.ran_one = true; /* after it ran: a fault does not come back here */
	return st;
}

/* What a stop of the engine asks for, as the run loop does it; true at an ebreak the caller
 * wants back. */
static bool route(struct rvx_vcpu *cpu, int st, bool ebreak_back)
{
	switch (st) {
	case EXEC_ECALL:
		if (cpu->m->gdb)
			gdb_syscall(cpu, true);
		cpu->state = VCPU_IN_SYSCALL;
		syscall_dispatch(cpu);
		cpu->state = VCPU_IN_EMU;
		if (cpu->m->gdb)
			gdb_syscall(cpu, false);
		break;
	case EXEC_DEBUG:
		if (!gdb_breakpoint_hit(cpu))
			return route(cpu, run_one(cpu, false), ebreak_back);
		break;
	case EXEC_EBREAK:
		if (ebreak_back)
			return true;
		signal_raise_sync(cpu, SIGTRAP, TRAP_BRKPT, cpu->pc);
		break;
	case EXEC_ILLEGAL: signal_raise_sync(cpu, SIGILL, ILL_ILLOPC, cpu->pc); break;
	case EXEC_FAULT: signal_raise_sync(cpu, SIGSEGV, SEGV_MAPERR, cpu->fault_addr); break;
	case EXEC_FENCE_I:
		machine_code_fenced(cpu->m);
		cpu->pc += 4;
		break;
	case EXEC_GROUP: {
		struct rv_insn in;
		interp_decode(cpu, cpu->pc, &in);
		cpu->pc += 4;
		if (cpu->m->cluster)
			cluster_join_group(cpu, (int)in.imm);
		break;
	}
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

/* Under gdb: held while it has the vCPU stopped; then one instruction while it steps or
 * watches memory, else the engine as usual (breakpoints stop it with EXEC_DEBUG). */
static int run_debugged(struct rvx_vcpu *cpu)
{
	enum gdb_run how = gdb_resume_point(cpu);
	if (cpu->interrupt || cpu->migrate_to) /* a signal came while it was held, or it goes back to its rank */
		return EXEC_NEXT;
	cpu->state = VCPU_IN_GUEST;
	if (how == GDB_RUN_STEP || (how == GDB_RUN_WATCHED && !gdb_break_at(cpu->m->gdb, cpu->pc)))
		return run_one(cpu, how == GDB_RUN_WATCHED);
	return how == GDB_RUN_WATCHED ? EXEC_DEBUG : run_engine(cpu);
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
		if (cpu->migrate_to) /* a safe point: nothing of this thread is under way */
			cluster_migrate(cpu);
		if (cpu->m->gdb) {
			st = run_debugged(cpu);
		} else {
			cpu->state = VCPU_IN_GUEST;
			st = run_engine(cpu);
		}
		cpu->state = VCPU_IN_EMU;
		route(cpu, st, false);
		if (cpu->dbg.ran_one)
			gdb_step_done(cpu);
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
