/* The translator tier: RISC-V blocks straight to x86-64 code, no IR in between. */
#ifndef RVX_JIT_H
#define RVX_JIT_H

#include <signal.h>
#include <stddef.h>

#include "../../machine.h"

/* Creates the machine's code cache (two views of one memfd: writable and executable). */
int jit_init(struct rvx_machine *m);
void jit_destroy(struct rvx_machine *m);
/* Per-vCPU state of the tier (jump cache). */
int jit_vcpu_init(struct rvx_vcpu *cpu, bool populate);
void jit_vcpu_destroy(struct rvx_vcpu *cpu);

/* Runs translated code until something needs the run loop; returns an enum exec_status with
 * pc at the instruction concerned, like interp_run. */
int jit_run(struct rvx_vcpu *cpu);

/* A host fault at host pc `rip` inside translated code: puts the guest registers held in host
 * registers back into the vCPU and sets pc to the faulting guest instruction. Returns false
 * when rip is not in translated code. */
bool jit_recover_fault(struct rvx_vcpu *cpu, ucontext_t *uc);

/* The vCPU left translated code by a fault (siglongjmp): it no longer holds off flushes. */
void jit_abandon(struct rvx_vcpu *cpu);
/* Around fork(): prefork holds translation off and counts the child among the processes that
 * map the code cache; postfork lets translation go on. Each process moves to a copy of its own
 * before it first writes a cache it shares. */
void jit_prefork(struct rvx_machine *m);
void jit_postfork(struct rvx_machine *m);
/* This process is about to exec or exit: it stops counting among the cache's users. */
void jit_release(struct rvx_machine *m);
/* The exec failed: the cache, perhaps written by another process meanwhile, starts afresh. */
void jit_reclaim(struct rvx_vcpu *cpu);

bool jit_owns_pc(struct rvx_vcpu *cpu, ucontext_t *uc);
void jit_print_stats(struct rvx_vcpu *cpu);

#endif
