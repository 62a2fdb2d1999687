/* Guest paths: the sysroot overlay and the /proc files that must name the guest. */
#ifndef RVX_LINUX_PATH_H
#define RVX_LINUX_PATH_H

#include <stddef.h>

#include "../machine.h"

/* The host path for a guest path (the rule is in path.c and the README): returns path, buf,
 * or the machine's program path. follow: a symlink as the last component is followed (open,
 * stat), else it is the name itself (lstat, readlink, unlink, rename). */
const char *path_resolve_how(struct rvx_machine *m, const char *path, bool follow, char *buf, size_t size);
const char *path_resolve(struct rvx_machine *m, const char *path, char *buf, size_t size);

/* What the guest calls a host path: below the sysroot, the part after it. */
const char *path_guest_name(const struct rvx_machine *m, const char *host);

/* True when path names this process's own /proc entry file (/proc/self/NAME or /proc/PID/NAME). */
bool path_is_proc_self(const char *path, const char *name);

#endif
