/* The run loop: runs guest code and routes what it stops for. */
#ifndef RVX_ENGINE_H
#define RVX_ENGINE_H

#include "../machine.h"

/* Runs the vCPU until the guest exits (exit_group ends the host process). */
int engine_run(struct rvx_vcpu *cpu);

/* A host fault hit guest code at the host context uc: when it was in translated code, move
 * the guest registers held in host registers back into the vCPU and set the guest pc. */
bool engine_recover_fault(struct rvx_vcpu *cpu, void *host_ucontext);
/* Around fork(): prefork makes what the child needs of its own (or fails: do not fork);
 * postfork runs in both processes after it (in the child, a failure means it cannot run). */
int engine_prefork(struct rvx_vcpu *cpu);
int engine_postfork(struct rvx_vcpu *cpu, bool child);
/* True when the host pc of uc lies in translated code. */
bool engine_in_translated_code(struct rvx_vcpu *cpu, void *host_ucontext);

#endif
