#include "signal.h"

#include "../cluster/cluster.h"
#include "../plugin/plugin.h"

#include "../engine/engine.h"
#include "../gdb/gdb.h"
#include "safe_syscall.h"
#include "thread.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

_Thread_local struct rvx_vcpu *rvx_current_vcpu;

/* Signals the host must keep catching because guest faults arrive as them. */
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* The kernel's RISC-V frame: siginfo, then ucontext (flags, link, stack, mask, padding to
 * 128 bytes of mask, then mcontext 16-aligned: 32 integer registers with pc first, then the
 * FP state of the Q-sized union). */
enum {
	FRAME_INFO = 0,
	FRAME_UC = 128,
	UC_FLAGS = 0,
	UC_LINK = 8,
	UC_STACK = 16,
	UC_SIGMASK = 40,
	UC_MCONTEXT = 176,
	MC_FPREGS = 256,
	MC_FCSR = MC_FPREGS + 256,
	MC_EXT_RESERVED = MC_FPREGS + 516, /* must be 0 */
	MC_EXT_HDR = MC_FPREGS + 520,      /* the first extension's header: {magic, size} */
	MC_SIZE = 256 + 528,
	FRAME_SIZE = FRAME_UC + UC_MCONTEXT + MC_SIZE,
	/* the vector extension's context, from the first header on: the header, vstart, vl, vtype,
	 * vcsr, vlenb, datap (16-byte aligned, 56 bytes in all), then the registers at datap */
	V_MAGIC = 0x53465457,
	V_STATE = 8,
	V_DATA = 56,
};

struct kernel_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};

/* The x86-64 kernel wants a restorer that calls rt_sigreturn. */
void rvx_restore_rt(void);
__asm__(".text\n.type rvx_restore_rt,@function\nrvx_restore_rt:\n\tmov $15, %eax\n\tsyscall\n\thlt\n");
#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif

static int host_sigaction(int sig, void (*fn)(int, siginfo_t *, void *), void *plain, unsigned long flags)
{
	struct kernel_sigaction ka;
	memset(&ka, 0, sizeof ka);
	ka.handler = fn ? (void *)fn : plain;
	ka.flags = flags | SA_RESTORER | (fn ? SA_SIGINFO : 0);
	ka.restorer = (void *)rvx_restore_rt;
	ka.mask = ~UNBLOCKABLE;
	return syscall(SYS_rt_sigaction, sig, &ka, NULL, 8) == 0 ? 0 : -errno;
}

int host_sigmask(int how, uint64_t set, uint64_t *old)
{
	return syscall(SYS_rt_sigprocmask, how, &set, old, 8) == 0 ? 0 : -errno;
}

static void record_pending(struct rvx_vcpu *cpu, int sig, const siginfo_t *si)
{
	if (__atomic_fetch_and(&cpu->forwarded, ~SIGBIT(sig), __ATOMIC_ACQUIRE) & SIGBIT(sig))
		si = &cpu->forwarded_info[sig]; /* sent to the thread at the master */
	memcpy(&cpu->pending_info[sig], si, sizeof *si);
	cpu->pending |= SIGBIT(sig);
	cpu->interrupt = 1;
}

/* Asynchronous signal for a guest handler: note it; keep it blocked on the host until the
 * run loop delivers it (by editing the mask the kernel restores on return). */
static void on_host_signal(int sig, siginfo_t *si, void *ucv)
{
	struct rvx_vcpu *cpu = rvx_current_vcpu;
	ucontext_t *uc = ucv;
	int saved = errno;
	if (cpu) {
		record_pending(cpu, sig, si);
		sigaddset(&uc->uc_sigmask, sig);
		safe_syscall_check(uc);
	}
	errno = saved;
}

static void on_host_fault(int sig, siginfo_t *si, void *ucv)
{
	struct rvx_vcpu *cpu = rvx_current_vcpu;
	if (si->si_code <= 0 && cpu && cpu->m->ended) { /* machine_guest_ended's kick: stop */
		cpu->interrupt = 1;
		safe_syscall_check(ucv);
		return;
	}
	if (si->si_code <= 0) { /* sent by a process, not raised by an instruction */
		if (cpu && cpu->sigact[sig].handler > 1) {
			on_host_signal(sig, si, ucv);
			return;
		}
		if (cpu && cpu->sigact[sig].handler == (uint64_t)(uintptr_t)SIG_IGN)
			return;
		host_sigaction(sig, NULL, SIG_DFL, 0);
		raise(sig);
		return;
	}
	if (cpu) {
		uintptr_t a = (uintptr_t)si->si_addr - (uintptr_t)cpu->m->space.base;
		/* a write to a page whose translations are watched: note it and let the write run */
		if (sig == SIGSEGV && si->si_code == SEGV_ACCERR && a < cpu->m->space.size &&
		    space_watch_hit(&cpu->m->space, a)) {
			machine_code_written(cpu->m);
			cpu->interrupt = 1; /* translated code goes back to the dispatcher at the next block */
			return;
		}
		/* rvx's own access to a split page (a syscall's buffer, a signal frame): joined first */
		if (cpu->state != VCPU_IN_GUEST && cpu->m->cluster && a < cpu->m->space.size &&
		    cluster_split_host_fault(cpu, a))
			return;
		if (cpu->state != VCPU_IN_EMU) {
			bool translated = engine_in_translated_code(cpu, ucv);
			/* a fault in translated code must be at a known guest access to be the guest's;
			 * its address may be in a guard just outside the space */
			if (translated ? space_fault_addr_ok(&cpu->m->space, a) && engine_recover_fault(cpu, ucv)
				       : a < cpu->m->space.size) {
				cpu->fault_sig = sig;
				cpu->fault_code = si->si_code;
				cpu->fault_addr = a;
				siglongjmp(cpu->fault_jmp, 1);
			}
		}
	}
	{
		static const char msg[] = "rvx: internal error: host fault inside the emulator\n";
		if (write(2, msg, sizeof msg - 1) < 0) {
			/* nothing more to say */
		}
	}
	host_sigaction(sig, NULL, SIG_DFL, 0);
}

int signal_init(struct rvx_machine *m)
{
	int r, sig;
	/* Ignored signals stay ignored across exec: the guest inherits what rvx inherited. */
	for (sig = 1; sig < RVX_NSIG; sig++) {
		struct kernel_sigaction old;
		if (syscall(SYS_rt_sigaction, sig, NULL, &old, 8) == 0 && old.handler == (void *)SIG_IGN)
			m->sigact[sig].handler = (uint64_t)(uintptr_t)SIG_IGN;
	}
	r = host_sigaction(SIGSEGV, on_host_fault, NULL, SA_NODEFER);
	if (r == 0)
		r = host_sigaction(SIGBUS, on_host_fault, NULL, SA_NODEFER);
	return r;
}

static void apply_action(const struct guest_sigaction *a, int sig)
{
	if (sig == SIGKILL || sig == SIGSTOP || (FAULT_SIGNALS & SIGBIT(sig)))
		return;
	if (a->handler == (uint64_t)(uintptr_t)SIG_DFL)
		host_sigaction(sig, NULL, SIG_DFL, a->flags & (SA_NOCLDSTOP | SA_NOCLDWAIT));
	else if (a->handler == (uint64_t)(uintptr_t)SIG_IGN)
		host_sigaction(sig, NULL, SIG_IGN, 0);
	else
		/* no SA_RESTART on the host: a blocking syscall must return so the guest handler runs */
		host_sigaction(sig, on_host_signal, NULL, a->flags & (SA_NOCLDSTOP | SA_NOCLDWAIT));
}

void signal_apply_action(struct rvx_vcpu *cpu, int sig)
{
	apply_action(&cpu->sigact[sig], sig);
}

void signal_apply_machine_action(struct rvx_machine *m, int sig)
{
	apply_action(&m->sigact[sig], sig);
}

void signal_set_mask(struct rvx_vcpu *cpu, uint64_t mask)
{
	uint64_t old = cpu->sigmask;
	cpu->sigmask = mask & ~UNBLOCKABLE;
	if (cpu->m->cluster && old != cpu->sigmask)
		cluster_mask_changed(cpu, old);
	host_sigmask(SIG_SETMASK, cpu->sigmask & ~FAULT_SIGNALS, NULL);
	if (cpu->pending & ~cpu->sigmask)
		cpu->interrupt = 1;
}

int signal_next_pending(const struct rvx_vcpu *cpu)
{
	uint64_t ready = cpu->pending & ~cpu->sigmask;
	return ready ? __builtin_ctzll(ready) + 1 : 0;
}

void signal_raise_sync(struct rvx_vcpu *cpu, int sig, int code, uint64_t addr)
{
	siginfo_t si;
	const struct guest_sigaction *a = &cpu->sigact[sig];
	memset(&si, 0, sizeof si);
	si.si_signo = sig;
	si.si_code = code;
	si.si_addr = (void *)(uintptr_t)addr;
	if ((sig == SIGSEGV || sig == SIGBUS) && cpu->m->cluster &&
	    (cluster_split_fault(cpu, addr) || cluster_fault_retry(cpu, addr)))
		return;
	if (cpu->m->gdb) { /* gdb sees it first: it may drop it (the instruction then runs again) */
		int to = gdb_signal(cpu, sig, true);
		if (!to)
			return;
		if (to != sig) {
			sig = si.si_signo = to;
			si.si_code = SI_USER;
			a = &cpu->sigact[sig];
		}
	}
	machine_log(cpu->m, RVX_LOG_SIGNAL, "rvx: guest signal %d (code %d) at pc 0x%llx, address 0x%llx\n", sig, code,
		    (unsigned long long)cpu->pc, (unsigned long long)addr);
	/* As the kernel forces it: a blocked or ignored fault kills the process. */
	if ((cpu->sigmask & SIGBIT(sig)) || a->handler == (uint64_t)(uintptr_t)SIG_IGN ||
	    a->handler == (uint64_t)(uintptr_t)SIG_DFL)
		signal_default_action(cpu, sig);
	record_pending(cpu, sig, &si);
	cpu->sigmask &= ~SIGBIT(sig);
}

static int default_ignores(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

void signal_default_action(struct rvx_vcpu *cpu, int sig)
{
	struct rvx_machine *m = cpu->m;
	if (default_ignores(sig))
		return;
	/* the process dies: its threads' robust futexes are freed (a vfork child has none) */
	if (sig != SIGTSTP && sig != SIGTTIN && sig != SIGTTOU && sig != SIGSTOP && !cpu->vfork_child) {
		if (!m->cfg.host_process) /* an embedder's: the call that runs the guest returns */
			machine_guest_ended(cpu, RVX_STOP_SIGNAL, sig);
		gdb_process_end(m, 0, sig);
		plugins_atexit(m);
		thread_release_all_robust(m);
		if (m->cluster) /* every rank ends; the master then dies of the signal */
			cluster_end(m, 0, sig);
		engine_release_code(m);
	}
	if (m->log)
		fflush(m->log);
	fflush(stdout);
	fflush(stderr);
	host_sigaction(sig, NULL, SIG_DFL, 0);
	host_sigmask(SIG_UNBLOCK, SIGBIT(sig), NULL);
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
	/* still here: a stop signal was continued; carry on as the guest would */
	if (sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU || sig == SIGSTOP) {
		signal_apply_action(cpu, sig);
		return;
	}
	_exit(128 + sig);
}

static int on_altstack(const struct rvx_vcpu *cpu, uint64_t sp)
{
	return cpu->ss_size && sp - cpu->ss_sp < cpu->ss_size;
}

/* Writes the frame; a bad stack faults into the run loop, which then kills the guest. */
/* The frame's size: the vector context and an end header after it once the thread has used V
 * (as Linux, which leaves them out for a thread that never did). */
static uint64_t frame_size(const struct rvx_vcpu *cpu)
{
	return FRAME_SIZE + (cpu->v_used ? V_DATA + 32ull * cpu->vlenb + 8 : 0);
}

static void save_vector(struct rvx_vcpu *cpu, uint64_t frame, uint8_t *f)
{
	const unsigned at = FRAME_UC + UC_MCONTEXT + MC_EXT_HDR;
	uint8_t *h = f + at;
	uint32_t hdr[2] = {V_MAGIC, (uint32_t)(V_DATA + 32 * cpu->vlenb)};
	uint64_t state[6] = {cpu->vstart,        cpu->vl, cpu->vtype, (uint64_t)cpu->vxrm << 1 | cpu->vxsat, cpu->vlenb,
			     frame + at + V_DATA};
	memcpy(h, hdr, sizeof hdr);
	memcpy(h + V_STATE, state, sizeof state);
	memcpy(h + V_DATA, cpu->v, 32u * cpu->vlenb);
	memset(h + hdr[1], 0, 8); /* the end header */
}

/* Walks the extension headers from the first, as Linux's sigreturn does; false for a frame it
 * would refuse (an unknown or missized header, a vector context from a thread without one). */
static bool restore_extensions(struct rvx_vcpu *cpu, const uint8_t *mc)
{
	uint64_t at = 0;
	uint32_t reserved, hdr[2];
	memcpy(&reserved, mc + MC_EXT_RESERVED, 4);
	if (reserved)
		return false;
	for (;;) {
		if (at > V_DATA + 32ull * RVX_VLENB_MAX) /* only one context of each kind */
			return false;
		memcpy(hdr, mc + MC_EXT_HDR + at, sizeof hdr);
		if (hdr[0] == 0)
			return hdr[1] == 0;
		if (hdr[0] != V_MAGIC || !cpu->v_used || hdr[1] != V_DATA + 32 * cpu->vlenb)
			return false;
		uint64_t state[6];
		memcpy(state, mc + MC_EXT_HDR + at + V_STATE, sizeof state);
		if (!space_range_ok(&cpu->m->space, state[5], 32ull * cpu->vlenb))
			return false;
		cpu->vstart = state[0];
		cpu->vl = state[1];
		cpu->vtype = state[2];
		cpu->vxrm = (state[3] >> 1) & 3;
		cpu->vxsat = state[3] & 1;
		memcpy(cpu->v, g2h(&cpu->m->space, state[5]), 32u * cpu->vlenb);
		at += hdr[1];
	}
}

static void build_frame(struct rvx_vcpu *cpu, int sig, uint64_t frame, uint64_t saved_mask)
{
	uint8_t *f = g2h(&cpu->m->space, frame);
	uint8_t *uc = f + FRAME_UC, *mc = uc + UC_MCONTEXT;
	uint64_t ss[3] = {cpu->ss_sp,
			  (uint64_t)(on_altstack(cpu, cpu->x[2]) ? SS_ONSTACK
				     : cpu->ss_size              ? 0
								 : SS_DISABLE),
			  cpu->ss_size};
	uint32_t fcsr = cpu->frm << 5 | cpu->fflags;
	if (!space_range_ok(&cpu->m->space, frame, frame_size(cpu))) {
		cpu->fault_sig = SIGSEGV;
		siglongjmp(cpu->fault_jmp, 1);
	}
	memset(f, 0, frame_size(cpu));
	memcpy(f + FRAME_INFO, &cpu->pending_info[sig], sizeof(siginfo_t));
	memcpy(uc + UC_STACK, ss, sizeof ss);
	memcpy(uc + UC_SIGMASK, &saved_mask, 8);
	memcpy(mc, &cpu->pc, 8);
	memcpy(mc + 8, &cpu->x[1], 31 * 8);
	memcpy(mc + MC_FPREGS, cpu->f, 256);
	memcpy(mc + MC_FCSR, &fcsr, 4);
	if (cpu->v_used)
		save_vector(cpu, frame, f);
}

void signal_deliver(struct rvx_vcpu *cpu)
{
	struct rvx_machine *m = cpu->m;
	int sig = signal_next_pending(cpu);
	/* after sigsuspend the frame must restore the mask from before it */
	uint64_t restore = cpu->has_saved_mask ? cpu->saved_mask : cpu->sigmask;
	struct guest_sigaction a;
	uint64_t sp, frame;

	cpu->interrupt = 0;
	if (m->ended) /* an embedder's guest ended on another thread: this one stops */
		machine_guest_ended(cpu, m->ended, m->end_code);
	cpu->has_saved_mask = false;
	if (!sig) {
		signal_set_mask(cpu, restore);
		return;
	}
	cpu->pending &= ~SIGBIT(sig);
	if (m->gdb) { /* gdb sees it first: it may drop it, or send another */
		int to = gdb_signal(cpu, sig, false);
		if (to != sig) {
			if (to) {
				siginfo_t si;
				memset(&si, 0, sizeof si);
				si.si_signo = to;
				si.si_code = SI_USER;
				cpu->dbg.reported_sig = to;
				record_pending(cpu, to, &si);
			}
			signal_set_mask(cpu, restore);
			return;
		}
	}
	a = cpu->sigact[sig];
	if (a.handler == (uint64_t)(uintptr_t)SIG_IGN || a.handler == (uint64_t)(uintptr_t)SIG_DFL) {
		if (a.handler == (uint64_t)(uintptr_t)SIG_DFL)
			signal_default_action(cpu, sig);
		signal_set_mask(cpu, restore);
		return;
	}
	machine_log(m, RVX_LOG_SIGNAL, "rvx: delivering signal %d to handler 0x%llx at pc 0x%llx\n", sig,
		    (unsigned long long)a.handler, (unsigned long long)cpu->pc);
	sp = cpu->x[2];
	if ((a.flags & SA_ONSTACK) && cpu->ss_size && !on_altstack(cpu, sp))
		sp = cpu->ss_sp + cpu->ss_size;
	frame = (sp - frame_size(cpu)) & ~15ull;
	build_frame(cpu, sig, frame, restore);
	cpu->stats.signals++;
	cpu->x[1] = m->sigreturn_tramp;
	cpu->x[2] = frame;
	cpu->x[10] = (uint64_t)sig;
	cpu->x[11] = frame + FRAME_INFO;
	cpu->x[12] = frame + FRAME_UC;
	if (m->plugins)
		plugins_discontinuity(cpu, RVX_PLUGIN_DISCON_SIGNAL, cpu->pc, a.handler);
	cpu->pc = a.handler;
	if (a.flags & SA_RESETHAND) {
		cpu->sigact[sig].handler = (uint64_t)(uintptr_t)SIG_DFL;
		signal_apply_action(cpu, sig);
	}
	signal_set_mask(cpu, restore | a.mask | ((a.flags & SA_NODEFER) ? 0 : SIGBIT(sig)));
}

long signal_sigreturn(struct rvx_vcpu *cpu)
{
	uint64_t frame = cpu->x[2], mask;
	const uint8_t *f, *uc, *mc;
	uint32_t fcsr;
	if (!space_range_ok(&cpu->m->space, frame, FRAME_SIZE))
		return -EFAULT;
	f = g2h(&cpu->m->space, frame);
	uc = f + FRAME_UC;
	mc = uc + UC_MCONTEXT;
	if (!restore_extensions(cpu, mc))
		return -EINVAL;
	memcpy(&cpu->pc, mc, 8);
	memcpy(&cpu->x[1], mc + 8, 31 * 8);
	memcpy(cpu->f, mc + MC_FPREGS, 256);
	memcpy(&fcsr, mc + MC_FCSR, 4);
	cpu->fflags = fcsr & 31;
	cpu->frm = (fcsr >> 5) & 7;
	memcpy(&mask, uc + UC_SIGMASK, 8);
	cpu->res_valid = false;
	signal_set_mask(cpu, mask);
	return 0;
}
