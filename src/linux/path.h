/* Guest paths: the sysroot overlay and the /proc files that must name the guest. */
#ifndef RVX_LINUX_PATH_H
#define RVX_LINUX_PATH_H

#include <stddef.h>

#include "../machine.h"

/* The host path for a guest path: absolute paths that exist inside the sysroot resolve
 * there first, as QEMU's -L does; /proc/self/exe is the guest program; anything else is
 * used as is. Returns path, buf, or the machine's program path. */
const char *path_resolve(struct rvx_machine *m, const char *path, char *buf, size_t size);

/* True when path names this process's own /proc entry file (/proc/self/NAME or /proc/PID/NAME). */
bool path_is_proc_self(const char *path, const char *name);

#endif
