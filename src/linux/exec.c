#include "exec.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"
#include "path.h"

#define BINPRM_BUF 256 /* what the kernel reads of a file to tell its format */

static const char *keep(struct exec_target *t, const char *s, size_t n)
{
	char *at = t->strings + t->used;
	if (t->used + n + 1 > sizeof t->strings)
		return NULL;
	memcpy(at, s, n);
	at[n] = 0;
	t->used += n + 1;
	return at;
}

/* A RISC-V ELF's PT_INTERP must exist, or execve fails with ENOENT as the kernel's does. */
static int check_interp(struct rvx_machine *m, int fd, const unsigned char *hdr, const struct stat *st)
{
	Elf64_Ehdr e;
	Elf64_Phdr ph[MAX_PHNUM];
	char interp[PATH_MAX], buf[PATH_MAX];
	size_t bytes;
	memcpy(&e, hdr, sizeof e);
	bytes = (size_t)e.e_phnum * sizeof ph[0]; /* e_phnum <= MAX_PHNUM: elf_check_header */
	if (pread(fd, ph, bytes, (off_t)e.e_phoff) != (ssize_t)bytes ||
	    !elf_read_interp(fd, ph, e.e_phnum, (uint64_t)st->st_size, interp, sizeof interp))
		return -ENOEXEC;
	return !interp[0] || access(path_resolve(m, interp, buf, sizeof buf), F_OK) == 0 ? 0 : -ENOENT;
}

/* Splits a #! line into the interpreter and its optional argument, as Linux does. */
static int parse_shebang(struct exec_target *t, const char *line, size_t len, const char **interp, const char **arg)
{
	const char *end = memchr(line, '\n', len), *p = line + 2, *q;
	if (!end)
		end = line + len;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	for (q = p; q < end && *q != ' ' && *q != '\t' && *q; q++)
		;
	if (q == p)
		return -ENOEXEC;
	*interp = keep(t, p, (size_t)(q - p));
	for (p = q; p < end && (*p == ' ' || *p == '\t'); p++)
		;
	for (q = end; q > p && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r' || !q[-1]); q--)
		;
	*arg = q > p ? keep(t, p, (size_t)(q - p)) : NULL;
	return *interp && (q == p || *arg) ? 0 : -E2BIG;
}

int exec_argv(const struct exec_target *t, char *argv0, int argc, char *const *argv, char **out)
{
	int i, n = 0;
	out[n++] = t->argv0 ? (char *)t->argv0 : argv0;
	for (i = 0; i < t->ninserted; i++)
		out[n++] = (char *)t->inserted[i];
	for (i = 1; i < argc; i++)
		out[n++] = argv[i];
	return n;
}

int exec_find(struct rvx_machine *m, const char *guest_path, struct exec_target *t)
{
	const char *name = guest_path, *interp, *arg, *why;
	const char *levels[2 * EXEC_MAX_SCRIPTS];
	unsigned char hdr[BINPRM_BUF];
	char buf[PATH_MAX];
	struct stat st;
	int depth, fd, r, i, n = 0;
	ssize_t len;

	memset(t, 0, offsetof(struct exec_target, strings));
	t->used = 0;
	for (depth = 0;; depth++) {
		const char *host = path_resolve(m, name, buf, sizeof buf);
		fd = open(host, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || access(host, X_OK) != 0) {
			close(fd);
			return -EACCES;
		}
		len = pread(fd, hdr, sizeof hdr, 0);
		if (len < 0) {
			close(fd);
			return -EIO;
		}
		if (len >= 2 && hdr[0] == '#' && hdr[1] == '!') {
			close(fd);
			if (depth == EXEC_MAX_SCRIPTS)
				return -ELOOP;
			r = parse_shebang(t, (const char *)hdr, (size_t)len, &interp, &arg);
			if (r < 0)
				return r;
			/* the interpreter sees [interp, arg, script, args...]: the script by the caller's name */
			levels[n] = keep(t, name, strlen(name));
			if (!levels[n++])
				return -E2BIG;
			if (arg)
				levels[n++] = arg;
			t->argv0 = interp;
			name = interp;
			continue;
		}
		r = elf_check_header(hdr, (size_t)len, &why);
		if (r == RVX_OK)
			r = check_interp(m, fd, hdr, &st);
		else
			r = r == RVX_E_MACHINE ? 1 : -ENOEXEC; /* another machine's: the host kernel decides */
		close(fd);
		if (r < 0)
			return r;
		t->riscv = r == 0;
		if (strlen(host) >= sizeof t->path)
			return -ENAMETOOLONG;
		strcpy(t->path, host);
		break;
	}
	/* levels holds, innermost script first, [script, arg?] pairs: the outermost comes last */
	for (i = n - 1; i >= 0; i--)
		t->inserted[t->ninserted++] = levels[i];
	return 0;
}
