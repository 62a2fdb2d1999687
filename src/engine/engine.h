/* The run loop: runs guest code and routes what it stops for. */
#ifndef RVX_ENGINE_H
#define RVX_ENGINE_H

#include "../machine.h"

/* Runs the vCPU until the guest exits (exit_group ends the host process). */
int engine_run(struct rvx_vcpu *cpu);

/* A host fault hit guest code at the host context uc: when it was in translated code, move
 * the guest registers held in host registers back into the vCPU and set the guest pc. */
bool engine_recover_fault(struct rvx_vcpu *cpu, void *host_ucontext);
/* In a forked child, before it runs guest code: separate what must not stay shared. */
int engine_after_fork(struct rvx_vcpu *cpu);
/* True when the host pc of uc lies in translated code. */
bool engine_in_translated_code(struct rvx_vcpu *cpu, void *host_ucontext);

#endif
