/* ELF symbols of the guest's code: the file each executable mapping comes from, read once
 * (plugins name instructions with them, the perf map names translated blocks). */
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "symbols.h"

struct sym {
	uint64_t value, size;
	const char *name; /* in the file's mapping */
	int weak;         /* of aliases at one address, the global name wins (strchr, not index) */
};

struct symbol_file {
	struct symbol_file *next;
	char *path;
	void *map;
	size_t map_len;
	const Elf64_Phdr *ph;
	int phnum;
	struct sym *syms;
	size_t n;
};

static int by_value(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	if (x->weak != y->weak)
		return x->weak - y->weak;
	return strcmp(x->name, y->name);
}

/* Every offset is checked against the file: a truncated or hostile ELF gives no symbols. */
static void read_symbols(struct symbol_file *f)
{
	const uint8_t *base = f->map;
	const Elf64_Ehdr *eh = f->map;
	const Elf64_Shdr *sh;
	const Elf64_Sym *st;
	size_t len = f->map_len, nsyms, k;
	int want;
	if (len < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_machine != EM_RISCV || eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > len ||
	    eh->e_phnum > (len - eh->e_phoff) / sizeof(Elf64_Phdr))
		return;
	f->ph = (const Elf64_Phdr *)(const void *)(base + eh->e_phoff);
	f->phnum = eh->e_phnum;
	if (eh->e_shentsize != sizeof *sh || eh->e_shoff > len || eh->e_shnum > (len - eh->e_shoff) / sizeof *sh)
		return;
	sh = (const Elf64_Shdr *)(const void *)(base + eh->e_shoff);
	for (want = SHT_SYMTAB;; want = SHT_DYNSYM) {
		for (k = 0; k < eh->e_shnum && sh[k].sh_type != (Elf64_Word)want; k++)
			;
		if (k < eh->e_shnum || want == SHT_DYNSYM)
			break;
	}
	if (k == eh->e_shnum || sh[k].sh_link >= eh->e_shnum || sh[k].sh_offset > len ||
	    sh[k].sh_size > len - sh[k].sh_offset || sh[sh[k].sh_link].sh_offset > len ||
	    sh[sh[k].sh_link].sh_size > len - sh[sh[k].sh_link].sh_offset)
		return;
	st = (const Elf64_Sym *)(const void *)(base + sh[k].sh_offset);
	nsyms = sh[k].sh_size / sizeof *st;
	const char *strs = (const char *)base + sh[sh[k].sh_link].sh_offset;
	size_t strs_len = sh[sh[k].sh_link].sh_size;
	f->syms = calloc(nsyms ? nsyms : 1, sizeof *f->syms);
	if (!f->syms)
		return;
	for (size_t i = 0; i < nsyms; i++) {
		int type = ELF64_ST_TYPE(st[i].st_info);
		if ((type != STT_FUNC && type != STT_OBJECT) || st[i].st_shndx == SHN_UNDEF || !st[i].st_value ||
		    st[i].st_name >= strs_len || !memchr(strs + st[i].st_name, 0, strs_len - st[i].st_name) ||
		    !strs[st[i].st_name])
			continue;
		f->syms[f->n++] = (struct sym){st[i].st_value, st[i].st_size, strs + st[i].st_name,
					       ELF64_ST_BIND(st[i].st_info) != STB_GLOBAL};
	}
	qsort(f->syms, f->n, sizeof *f->syms, by_value);
}

struct guest_symbols {
	pthread_mutex_t lock;
	struct symbol_file *files;
};

static struct symbol_file *open_file(struct guest_symbols *g, const char *path)
{
	struct symbol_file *f;
	struct stat sb;
	int fd;
	for (f = g->files; f; f = f->next)
		if (!strcmp(f->path, path))
			return f;
	f = calloc(1, sizeof *f);
	if (!f || !(f->path = strdup(path))) {
		free(f);
		return NULL;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &sb) == 0 && sb.st_size > 0) {
		f->map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (f->map == MAP_FAILED)
			f->map = NULL;
		else
			f->map_len = (size_t)sb.st_size;
	}
	if (fd >= 0)
		close(fd);
	if (f->map)
		read_symbols(f);
	f->next = g->files;
	g->files = f;
	return f;
}

const char *symbols_lookup(struct rvx_machine *m, uint64_t addr, uint64_t *start)
{
	struct guest_symbols *g;
	struct symbol_file *f;
	struct rvx_vma v;
	char path[PATH_MAX];
	const char *name = NULL;
	if (!space_query_file(&m->space, addr, &v, path, sizeof path))
		return NULL;
	pthread_mutex_lock(&m->lock);
	if (!m->symbols && (m->symbols = calloc(1, sizeof *m->symbols)))
		pthread_mutex_init(&m->symbols->lock, NULL);
	g = m->symbols;
	pthread_mutex_unlock(&m->lock);
	if (!g)
		return NULL;
	pthread_mutex_lock(&g->lock);
	f = open_file(g, path);
	for (int i = 0; f && f->n && i < f->phnum; i++) {
		const Elf64_Phdr *ph = &f->ph[i];
		uint64_t seg_off = ph->p_offset & ~(uint64_t)(RVX_PAGE_SIZE - 1), bias, va;
		size_t lo = 0, hi = f->n;
		if (ph->p_type != PT_LOAD || v.offset < seg_off || v.offset >= ph->p_offset + ph->p_filesz)
			continue;
		/* file offset o is at v.start + (o - v.offset), and symbol value x at offset x - p_vaddr + p_offset */
		bias = v.start - v.offset + ph->p_offset - ph->p_vaddr;
		va = addr - bias;
		while (lo < hi) { /* the last symbol at or below va */
			size_t mid = (lo + hi) / 2;
			if (f->syms[mid].value <= va)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo) {
			size_t k = lo - 1;
			while (k && f->syms[k - 1].value == f->syms[k].value) /* the preferred alias */
				k--;
			if (va < f->syms[k].value + (f->syms[k].size ? f->syms[k].size : 1)) {
				name = f->syms[k].name;
				if (start)
					*start = f->syms[k].value + bias;
			}
		}
		break;
	}
	pthread_mutex_unlock(&g->lock);
	return name;
}

void symbols_free(struct rvx_machine *m)
{
	struct guest_symbols *g = m->symbols;
	if (!g)
		return;
	while (g->files) {
		struct symbol_file *f = g->files;
		g->files = f->next;
		if (f->map)
			munmap(f->map, f->map_len);
		free(f->syms);
		free(f->path);
		free(f);
	}
	pthread_mutex_destroy(&g->lock);
	free(g);
	m->symbols = NULL;
}
