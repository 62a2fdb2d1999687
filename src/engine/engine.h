/* The run loop: runs guest code and routes what it stops for. */
#ifndef RVX_ENGINE_H
#define RVX_ENGINE_H

#include "../machine.h"

/* Runs the vCPU until the guest exits (exit_group ends the host process). */
int engine_run(struct rvx_vcpu *cpu);
/* The embedder's main thread: runs it for max_insns instructions, one at a time through the
 * interpreter, or with max_insns 0 until an ebreak (with the machine's engine); returns
 * EXEC_EBREAK at an ebreak (resume_break, next time, runs it: SIGTRAP), EXEC_NEXT when the
 * instructions ran out. The guest's end leaves through the machine's end_jmp. */
int engine_step(struct rvx_vcpu *cpu, uint64_t max_insns, bool resume_break);

/* A host fault hit guest code at the host context uc: when it was in translated code, move
 * the guest registers held in host registers back into the vCPU and set the guest pc. */
bool engine_recover_fault(struct rvx_vcpu *cpu, void *host_ucontext);
/* Around fork(): prefork readies what the child shares; postfork runs in both processes after it. */
void engine_prefork(struct rvx_machine *m);
void engine_postfork(struct rvx_machine *m);
/* The process is about to exec or end (release), or its exec failed (reclaim): the code cache
 * it may share with forked processes is left to them, or taken back as a new one. */
void engine_release_code(struct rvx_machine *m);
void engine_reclaim_code(struct rvx_vcpu *cpu);
/* True when the host pc of uc lies in translated code. */
bool engine_in_translated_code(struct rvx_vcpu *cpu, void *host_ucontext);

#endif
