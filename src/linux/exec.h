/* What a program file runs, decided as the kernel's execve decides it. */
#ifndef RVX_LINUX_EXEC_H
#define RVX_LINUX_EXEC_H

#include <limits.h>

#include "../machine.h"

#define EXEC_MAX_SCRIPTS 4 /* #! interpreters that are scripts themselves, as Linux allows */

struct exec_target {
	char path[PATH_MAX]; /* host path of the ELF that runs */
	bool riscv;          /* a RISC-V program (runs under rvx), else the host's own */
	const char *argv0;   /* the first #! interpreter's name, or NULL: the caller's argv[0] stays */
	/* what goes between argv[0] and the caller's argv[1..]: for each #! level, its optional
	 * argument and the script's name */
	const char *inserted[2 * EXEC_MAX_SCRIPTS];
	int ninserted;
	char strings[EXEC_MAX_SCRIPTS * 2 * 256 + 2 * PATH_MAX];
	size_t used;
};

/* Follows guest_path (resolved by the sysroot rule) through #! lines to an ELF. Returns 0, or
 * the negative errno the kernel's execve gives: ENOENT (file or interpreter missing), EACCES
 * (not an executable regular file), ENOEXEC (unknown format, RV32), ELOOP (scripts too deep). */
int exec_find(struct rvx_machine *m, const char *guest_path, struct exec_target *t);

/* The new program's argv in out (room for 1 + t->ninserted + argc): [argv0, unless a #!
 * interpreter's name replaces it; each #! level's argument and script; argv[1..argc-1]].
 * Returns its length. */
int exec_argv(const struct exec_target *t, char *argv0, int argc, char *const *argv, char **out);

#endif
