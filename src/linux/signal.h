/* Guest signals: dispositions mirrored onto the host, RISC-V signal frames, delivery. */
#ifndef RVX_LINUX_SIGNAL_H
#define RVX_LINUX_SIGNAL_H

#include "../machine.h"

#define SIGBIT(sig) (1ull << ((sig)-1))
/* Raised by instructions: never blocked on the host (a blocked fault kills the process). */
#define FAULT_SIGNALS (SIGBIT(SIGSEGV) | SIGBIT(SIGBUS))

/* Installs the host handlers the machine needs from the start (guest faults). */
int signal_init(struct rvx_machine *m);
/* Makes the host disposition of sig follow the guest's. */
void signal_apply_action(struct rvx_vcpu *cpu, int sig);
/* The same for the machine's own table (a cluster rank with no thread of its own). */
void signal_apply_machine_action(struct rvx_machine *m, int sig);
/* A signal the host C library installs its own handler for, as the guest's does. */
#define HOST_LIBC_SIGSETXID 33
/* Sets the guest's blocked set and the host thread's mask to match. */
void signal_set_mask(struct rvx_vcpu *cpu, uint64_t mask);
/* A synchronous signal from the instruction at pc (fault, illegal instruction, ebreak). */
void signal_raise_sync(struct rvx_vcpu *cpu, int sig, int code, uint64_t addr);
/* Delivers one pending, unblocked signal: a guest handler frame, or the default action. */
void signal_deliver(struct rvx_vcpu *cpu);
/* The lowest pending signal the guest does not block, or 0. */
int signal_next_pending(const struct rvx_vcpu *cpu);
long signal_sigreturn(struct rvx_vcpu *cpu);
/* Performs the default action of sig on rvx itself (terminates, stops, or nothing). */
void signal_default_action(struct rvx_vcpu *cpu, int sig);
/* Host rt_sigprocmask on 64-bit sets, not filtered by libc. */
int host_sigmask(int how, uint64_t set, uint64_t *old);

#endif
