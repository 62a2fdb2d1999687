/* Signal syscalls: the guest's dispositions and masks, kept in the machine and vCPU and
 * mirrored onto the host by signal.c. */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../cluster/cluster.h"
#include "../plugin/plugin.h"
#include "safe_syscall.h"
#include "signal.h"
#include "syscall.h"

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1u << 31)
#endif

long sys_rt_sigaction(struct rvx_vcpu *cpu, const uint64_t *a)
{
	struct rvx_machine *m = cpu->m;
	int sig = (int)a[0];
	struct guest_sigaction old, new = {0, 0, 0};
	if (sig < 1 || sig >= RVX_NSIG || a[3] != 8)
		return -EINVAL;
	if (a[1] && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (a[1]) {
		if (!guest_read(cpu, a[1], &new, sizeof new))
			return -EFAULT;
	}
	pthread_mutex_lock(&m->lock);
	old = cpu->sigact[sig];
	if (a[1]) {
		cpu->sigact[sig] = new;
		signal_apply_action(cpu, sig);
	}
	pthread_mutex_unlock(&m->lock);
	if (a[1] && m->cluster) /* every rank delivers the signal the same way */
		cluster_sigaction_changed(m, sig);
	if (a[2] && !guest_write(cpu, a[2], &old, sizeof old))
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(struct rvx_vcpu *cpu, const uint64_t *a)
{
	uint64_t old = cpu->sigmask, set = 0;
	if (a[3] != 8)
		return -EINVAL;
	if (a[1]) {
		if (!guest_read(cpu, a[1], &set, 8))
			return -EFAULT;
		switch ((int)a[0]) {
		case SIG_BLOCK: set |= old; break;
		case SIG_UNBLOCK: set = old & ~set; break;
		case SIG_SETMASK: break;
		default: return -EINVAL;
		}
	}
	if (a[2] && !guest_write(cpu, a[2], &old, 8))
		return -EFAULT;
	if (a[1])
		signal_set_mask(cpu, set);
	return 0;
}

long sys_rt_sigreturn(struct rvx_vcpu *cpu, const uint64_t *a)
{
	uint64_t from = cpu->pc;
	(void)a;
	if (signal_sigreturn(cpu) < 0)
		signal_default_action(cpu, SIGSEGV);
	if (cpu->m->plugins)
		plugins_discontinuity(cpu, RVX_PLUGIN_DISCON_SIGRETURN, from, cpu->pc);
	return 0;
}

long sys_sigaltstack(struct rvx_vcpu *cpu, const uint64_t *a)
{
	uint64_t sp = cpu->x[2];
	bool on = cpu->ss_size && sp - cpu->ss_sp < cpu->ss_size;
	if (a[1]) {
		uint64_t old[3] = {cpu->ss_sp,
				   (uint64_t)(on             ? SS_ONSTACK
					      : cpu->ss_size ? 0
							     : SS_DISABLE),
				   cpu->ss_size};
		if (!guest_write(cpu, a[1], old, sizeof old))
			return -EFAULT;
	}
	if (a[0]) {
		uint64_t ss[3];
		if (!guest_read(cpu, a[0], ss, sizeof ss))
			return -EFAULT;
		if (on)
			return -EPERM;
		if ((int)ss[1] & SS_DISABLE) {
			cpu->ss_sp = cpu->ss_size = 0;
			return 0;
		}
		if ((int)ss[1] & ~SS_AUTODISARM)
			return -EINVAL;
		if (ss[2] < 2048)
			return -ENOMEM;
		cpu->ss_sp = ss[0];
		cpu->ss_size = ss[2];
	}
	return 0;
}

long sys_rt_sigpending(struct rvx_vcpu *cpu, const uint64_t *a)
{
	uint64_t host = 0, set;
	if (a[1] != 8)
		return -EINVAL;
	if (syscall(SYS_rt_sigpending, &host, 8) != 0)
		return -errno;
	set = (host | cpu->pending) & cpu->sigmask;
	return guest_write(cpu, a[0], &set, 8) ? 0 : -EFAULT;
}

long sys_rt_sigsuspend(struct rvx_vcpu *cpu, const uint64_t *a)
{
	uint64_t set, saved = cpu->sigmask, hostset;
	if (a[1] != 8)
		return -EINVAL;
	if (!guest_read(cpu, a[0], &set, 8))
		return -EFAULT;
	cpu->sigmask = set & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	hostset = cpu->sigmask & ~(SIGBIT(SIGSEGV) | SIGBIT(SIGBUS));
	/* a signal that came first counts as the one sigsuspend waited for */
	if (!signal_next_pending(cpu))
		SAFE_SYSCALL(cpu, SYS_rt_sigsuspend, &hostset, 8, 0, 0, 0, 0);
	/* the handler runs with the suspend mask in effect; its frame restores the old one */
	cpu->saved_mask = saved;
	cpu->has_saved_mask = true;
	cpu->interrupt = 1;
	return -EINTR;
}
