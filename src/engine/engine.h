/* The run loop: runs guest code and routes what it stops for. */
#ifndef RVX_ENGINE_H
#define RVX_ENGINE_H

#include "../machine.h"

/* Runs the vCPU until the guest exits (exit_group ends the host process). */
int engine_run(struct rvx_vcpu *cpu);

#endif
