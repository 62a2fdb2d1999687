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
static int check_interp(struct rvx_machine *m, int fd, const unsigned char *hdr)
{
	Elf64_Ehdr e;
	Elf64_Phdr p;
	char interp[PATH_MAX], buf[PATH_MAX];
	int i;
	memcpy(&e, hdr, sizeof e);
	for (i = 0; i < e.e_phnum; i++) {
		if (pread(fd, &p, sizeof p, (off_t)(e.e_phoff + (uint64_t)i * sizeof p)) != sizeof p)
			return -EIO;
		if (p.p_type != PT_INTERP)
			continue;
		if (p.p_filesz < 2 || p.p_filesz > sizeof interp ||
		    pread(fd, interp, p.p_filesz, (off_t)p.p_offset) != (ssize_t)p.p_filesz)
			return -ENOEXEC;
		interp[p.p_filesz - 1] = 0;
		return access(path_resolve(m, interp, buf, sizeof buf), F_OK) == 0 ? 0 : -ENOENT;
	}
	return 0;
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
			r = check_interp(m, fd, hdr);
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
