/* The guest's random bytes (AT_RANDOM, getrandom): the host's, or with cfg.seeded a generator
 * (splitmix64) seeded with cfg.random_seed, so that runs repeat (QEMU's -seed). Each thread
 * and forked process draws its own stream from its parent's. */
#ifndef RVX_LINUX_RANDOM_H
#define RVX_LINUX_RANDOM_H

#include <stddef.h>
#include <stdint.h>

#include "../machine.h"

uint64_t random_next(uint64_t *state);
/* n bytes into buf: from *state where the machine is seeded, else the host's (false: none) */
bool random_fill(const struct rvx_machine *m, uint64_t *state, void *buf, size_t n);

#endif
