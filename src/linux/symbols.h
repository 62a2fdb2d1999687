/* The guest's ELF symbols, by address (internal). */
#ifndef RVX_LINUX_SYMBOLS_H
#define RVX_LINUX_SYMBOLS_H

#include <stdint.h>

#include "../machine.h"

/* The function or object symbol of the program, its interpreter or a library mapped from a
 * file that contains addr, or NULL; *start (if given) gets its guest address. The name stays
 * valid while the machine lives. Thread-safe. */
const char *symbols_lookup(struct rvx_machine *m, uint64_t addr, uint64_t *start);
void symbols_free(struct rvx_machine *m);

#endif
