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
/* Around fork(): prefork holds translation and every other vCPU out of the code cache and
 * copies it; postfork (in parent and child) lets them go, the child with the copy as its own
 * code cache. Negative errno when no copy could be made (prefork: do not fork). */
int jit_prefork(struct rvx_vcpu *cpu);
int jit_postfork(struct rvx_vcpu *cpu, bool child);

bool jit_owns_pc(struct rvx_vcpu *cpu, ucontext_t *uc);
void jit_print_stats(struct rvx_vcpu *cpu);

#endif
