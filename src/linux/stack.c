#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loader.h"
#include "path.h"
#include "random.h"

/* AT_HWCAP letters: I, M, A, F, D, C, V. */
#define HWCAP_RV64GCV                                                                                                  \
	((1u << ('I' - 'A')) | (1u << ('M' - 'A')) | (1u << ('A' - 'A')) | (1u << ('F' - 'A')) | (1u << ('D' - 'A')) | \
	 (1u << ('C' - 'A')) | (1u << ('V' - 'A')))

static uint64_t push_bytes(struct rvx_machine *m, uint64_t *sp, const void *data, size_t len)
{
	*sp -= len;
	memcpy(g2h(&m->space, *sp), data, len);
	return *sp;
}

static uint64_t push_string(struct rvx_machine *m, uint64_t *sp, const char *s)
{
	return push_bytes(m, sp, s, strlen(s) + 1);
}

uint64_t stack_build(struct rvx_machine *m, uint64_t top, const struct elf_image *prog, uint64_t interp_base, int argc,
		     char *const *argv, char *const *envp)
{
	uint64_t sp = top, execfn, random, *vec, *p;
	int envc = 0, i, nwords;
	unsigned char rnd[16];
	uint64_t aux[][2] = {
	    {AT_PHDR, prog->phdr},
	    {AT_PHENT, sizeof(Elf64_Phdr)},
	    {AT_PHNUM, prog->phnum},
	    {AT_PAGESZ, RVX_PAGE_SIZE},
	    {AT_BASE, interp_base},
	    {AT_FLAGS, 0},
	    {AT_ENTRY, prog->entry},
	    {AT_UID, getuid()},
	    {AT_EUID, geteuid()},
	    {AT_GID, getgid()},
	    {AT_EGID, getegid()},
	    {AT_HWCAP, HWCAP_RV64GCV},
	    {AT_CLKTCK, (uint64_t)sysconf(_SC_CLK_TCK)},
	    {AT_SECURE, 0},
	    {AT_RANDOM, 0},
	    {AT_EXECFN, 0},
	    {AT_NULL, 0},
	};
	const int naux = (int)(sizeof aux / sizeof aux[0]);
	uint64_t *strs;

	while (envp && envp[envc])
		envc++;
	strs = calloc((size_t)argc + (size_t)envc + 1, sizeof *strs); /* argv then envp addresses */
	if (!strs)
		return 0;
	execfn = push_string(m, &sp, path_guest_name(m, m->exe_path));
	for (i = envc - 1; i >= 0; i--)
		strs[argc + i] = push_string(m, &sp, envp[i]);
	m->arg_end = sp;
	for (i = argc - 1; i >= 0; i--)
		strs[i] = push_string(m, &sp, argv[i]);
	m->arg_start = sp;
	m->random_main = m->cfg.random_seed;
	if (!random_fill(m, &m->random_main, rnd, sizeof rnd))
		memset(rnd, 0x5a, sizeof rnd);
	random = push_bytes(m, &sp, rnd, sizeof rnd);
	for (i = 0; i < naux; i++) {
		if (aux[i][0] == AT_RANDOM)
			aux[i][1] = random;
		if (aux[i][0] == AT_EXECFN)
			aux[i][1] = execfn;
	}
	nwords = 1 + argc + 1 + envc + 1 + naux * 2;
	sp = (sp - (uint64_t)nwords * 8) & ~15ull;
	vec = p = g2h(&m->space, sp);
	*p++ = (uint64_t)argc;
	for (i = 0; i < argc; i++)
		*p++ = strs[i];
	*p++ = 0;
	for (i = 0; i < envc; i++)
		*p++ = strs[argc + i];
	*p++ = 0;
	m->auxv_addr = sp + (uint64_t)(p - vec) * 8;
	m->auxv_len = (uint64_t)naux * 16;
	memcpy(p, aux, sizeof aux);
	free(strs);
	return sp;
}
