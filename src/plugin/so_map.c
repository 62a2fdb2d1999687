/* A plugin's shared object mapped by rvx itself, for the statically linked rvx, which has no
 * dynamic linker: its segments, its relocations bound to the symbols rvx exports (the plugin
 * API and the C library, plugin_export) and then to its own, its constructors and destructors.
 * What only the dynamic linker gives (other libraries, thread-local variables, IFUNCs, text
 * relocations) is refused with -ENOTSUP before any of the plugin's code runs. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define PAGE         4096UL
#define PAGE_DOWN(x) ((x) & ~(PAGE - 1))
#define PAGE_UP(x)   (((x) + PAGE - 1) & ~(PAGE - 1))
#define MAX_PHDRS    64

struct so_image {
	unsigned char *base; /* where vaddr 0 is */
	size_t span;
	Elf64_Addr symtab, hash, gnu_hash; /* DT_SYMTAB, DT_HASH, DT_GNU_HASH */
	const char *strtab;
	size_t strsz;
	Elf64_Addr init, fini;     /* DT_INIT, DT_FINI */
	Elf64_Addr rela, jmprel;   /* DT_RELA, DT_JMPREL */
	size_t rela_sz, jmprel_sz; /* DT_RELASZ, DT_PLTRELSZ */
	const Elf64_Addr *init_array, *fini_array;
	size_t ninit, nfini;
	bool initialised;
	bool finds_elements; /* it binds rvx_plugin_scoreboard_find */
	int nsegs;
	struct {
		Elf64_Addr start, end;
		bool writable;
	} seg[MAX_PHDRS]; /* the PT_LOAD segments: what the object's own addresses may name */
};

/* The library names a plugin may need: those whose symbols plugin_export holds. */
static bool known_library(const char *name)
{
	static const char *const names[] = {"libc.so.6", "libm.so.6", "libpthread.so.0"};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (!strcmp(name, names[k]))
			return true;
	return false;
}

static int refuse(char *why, size_t len, const char *fmt, const char *what)
{
	snprintf(why, len, fmt, what);
	return -ENOTSUP;
}

/* The image's address for [vaddr, vaddr + size) when one readable segment holds it (for writes,
 * a writable one), else NULL: a corrupt object's addresses never reach past its segments. */
static void *in_segment(const struct so_image *so, Elf64_Addr vaddr, size_t size, bool write)
{
	for (int k = 0; k < so->nsegs; k++)
		if (vaddr >= so->seg[k].start && vaddr <= so->seg[k].end && size <= so->seg[k].end - vaddr &&
		    (so->seg[k].writable || !write))
			return so->base + vaddr;
	return NULL;
}

static void *at(const struct so_image *so, Elf64_Addr vaddr, size_t size)
{
	return in_segment(so, vaddr, size, false);
}

/* at() for a table of 8-byte (or, for hash tables, 4-byte) words: NULL when misaligned too. */
static void *table_at(const struct so_image *so, Elf64_Addr vaddr, size_t size, unsigned align)
{
	return vaddr % align ? NULL : at(so, vaddr, size);
}

static int map_segments(struct so_image *so, int fd, const Elf64_Phdr *ph, int n, off_t file_size)
{
	Elf64_Addr lo = ~0UL, hi = 0;
	for (int k = 0; k < n; k++) { /* in ascending order, on pages of their own */
		if (ph[k].p_type != PT_LOAD)
			continue;
		if (ph[k].p_filesz > ph[k].p_memsz || ph[k].p_vaddr % PAGE != ph[k].p_offset % PAGE ||
		    ph[k].p_offset > (Elf64_Off)file_size || ph[k].p_filesz > (Elf64_Off)file_size - ph[k].p_offset ||
		    ph[k].p_vaddr > (1UL << 40) || ph[k].p_memsz > (1UL << 40) || PAGE_DOWN(ph[k].p_vaddr) < hi)
			return -ENOEXEC;
		if (lo == ~0UL)
			lo = PAGE_DOWN(ph[k].p_vaddr);
		hi = PAGE_UP(ph[k].p_vaddr + ph[k].p_memsz);
	}
	if (hi <= lo || lo != 0)
		return -ENOEXEC;
	so->span = hi;
	so->base = mmap(NULL, hi, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (so->base == MAP_FAILED) {
		so->base = NULL;
		return -ENOMEM;
	}
	for (int k = 0; k < n; k++) {
		const Elf64_Phdr *p = &ph[k];
		int prot = (p->p_flags & PF_R ? PROT_READ : 0) | (p->p_flags & PF_W ? PROT_WRITE : 0) |
			   (p->p_flags & PF_X ? PROT_EXEC : 0);
		Elf64_Addr start = PAGE_DOWN(p->p_vaddr), file_end = p->p_vaddr + p->p_filesz;
		if (p->p_type != PT_LOAD)
			continue;
		if (p->p_flags & PF_R) {
			so->seg[so->nsegs].start = p->p_vaddr;
			so->seg[so->nsegs].end = p->p_vaddr + p->p_memsz;
			so->seg[so->nsegs++].writable = prot & PROT_WRITE;
		}
		if (p->p_filesz && mmap(so->base + start, file_end - start, prot, MAP_PRIVATE | MAP_FIXED, fd,
					(off_t)PAGE_DOWN(p->p_offset)) == MAP_FAILED)
			return -errno;
		if (p->p_memsz > p->p_filesz) { /* .bss: the rest of the file's last page, then anonymous pages */
			Elf64_Addr zero_end = PAGE_UP(file_end), mem_end = PAGE_UP(p->p_vaddr + p->p_memsz);
			if (!(prot & PROT_WRITE))
				return -ENOEXEC;
			if (p->p_filesz && zero_end > file_end)
				memset(so->base + file_end, 0, zero_end - file_end);
			if (!p->p_filesz)
				zero_end = start;
			if (mem_end > zero_end && mmap(so->base + zero_end, mem_end - zero_end, prot,
						       MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
				return -errno;
		}
	}
	return 0;
}

/* The dynamic section's tables; -ENOTSUP for what needs the dynamic linker. */
static int read_dynamic(struct so_image *so, const Elf64_Phdr *dyn_ph, char *why, size_t len)
{
	const Elf64_Dyn *d = table_at(so, dyn_ph->p_vaddr, dyn_ph->p_memsz, 8);
	size_t nd = dyn_ph->p_memsz / sizeof *d, init_sz = 0, fini_sz = 0;
	Elf64_Addr strtab = 0, init_array = 0, fini_array = 0;
	if (!d)
		return -ENOEXEC;
	for (size_t k = 0; k < nd && d[k].d_tag != DT_NULL; k++) {
		Elf64_Addr v = d[k].d_un.d_ptr;
		switch (d[k].d_tag) {
		case DT_SYMTAB: so->symtab = v; break;
		case DT_STRTAB: strtab = v; break;
		case DT_STRSZ: so->strsz = v; break;
		case DT_HASH: so->hash = v; break;
		case DT_GNU_HASH: so->gnu_hash = v; break;
		case DT_INIT: so->init = v; break;
		case DT_FINI: so->fini = v; break;
		case DT_RELA: so->rela = v; break;
		case DT_RELASZ: so->rela_sz = v; break;
		case DT_JMPREL: so->jmprel = v; break;
		case DT_PLTRELSZ: so->jmprel_sz = v; break;
		case DT_INIT_ARRAY: init_array = v; break;
		case DT_INIT_ARRAYSZ: init_sz = v; break;
		case DT_FINI_ARRAY: fini_array = v; break;
		case DT_FINI_ARRAYSZ: fini_sz = v; break;
		case DT_PLTREL:
			if (v != DT_RELA)
				return refuse(why, len, "%s relocations", "REL");
			break;
		case DT_REL:
		case DT_RELR: return refuse(why, len, "%s relocations", d[k].d_tag == DT_REL ? "REL" : "RELR");
		case DT_TEXTREL: return refuse(why, len, "%s", "text relocations");
		case DT_FLAGS:
			if (v & DF_TEXTREL)
				return refuse(why, len, "%s", "text relocations");
			if (v & DF_STATIC_TLS)
				return refuse(why, len, "%s", "thread-local variables");
			break;
		case DT_AUXILIARY:
		case DT_FILTER: return refuse(why, len, "%s", "a filter library");
		default: break;
		}
	}
	so->strtab = at(so, strtab, so->strsz);
	so->init_array = table_at(so, init_array, init_sz, 8);
	so->fini_array = table_at(so, fini_array, fini_sz, 8);
	so->ninit = so->init_array ? init_sz / sizeof(Elf64_Addr) : 0;
	so->nfini = so->fini_array ? fini_sz / sizeof(Elf64_Addr) : 0;
	if (!table_at(so, so->symtab, sizeof(Elf64_Sym), 8) || !so->strtab || !so->strsz || so->strtab[so->strsz - 1] ||
	    !((so->hash && table_at(so, so->hash, 8, 4)) || (so->gnu_hash && table_at(so, so->gnu_hash, 16, 8))))
		return -ENOEXEC;
	for (size_t k = 0; k < nd && d[k].d_tag != DT_NULL; k++)
		if (d[k].d_tag == DT_NEEDED) {
			const char *name = d[k].d_un.d_val < so->strsz ? so->strtab + d[k].d_un.d_val : "?";
			if (!known_library(name))
				return refuse(why, len, "%s", name);
		}
	return 0;
}

/* Symbol i, or NULL when the table does not reach it. */
static const Elf64_Sym *symbol(const struct so_image *so, size_t i)
{
	return at(so, so->symtab + (Elf64_Addr)i * sizeof(Elf64_Sym), sizeof(Elf64_Sym));
}

static const char *symbol_name(const struct so_image *so, const Elf64_Sym *s)
{
	return s->st_name < so->strsz ? so->strtab + s->st_name : "";
}

/* The address a relocation's symbol binds to: rvx's export first (the executable comes first in
 * the dynamic linker's order too), then the object's own definition; -ENOTSUP otherwise. */
static int bind(const struct so_image *so, const Elf64_Sym *s, Elf64_Addr *addr, char *why, size_t len)
{
	const char *name = symbol_name(so, s);
	void *exported = name[0] ? plugin_export(name) : NULL;
	if (ELF64_ST_TYPE(s->st_info) == STT_TLS)
		return refuse(why, len, "%s", "thread-local variables");
	if (exported) {
		*addr = (Elf64_Addr)exported;
		return 0;
	}
	if (s->st_shndx != SHN_UNDEF) {
		if (ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC)
			return refuse(why, len, "an IFUNC (%s)", name);
		*addr = (Elf64_Addr)so->base + s->st_value;
		return 0;
	}
	if (ELF64_ST_BIND(s->st_info) == STB_WEAK) { /* _ITM_*, __gmon_start__: absent is allowed */
		*addr = 0;
		return 0;
	}
	return refuse(why, len, "%s, which this rvx does not export", name);
}

static int relocate(struct so_image *so, Elf64_Addr table, size_t size, char *why, size_t len)
{
	const Elf64_Rela *r = table_at(so, table, size, 8);
	if (!size)
		return 0;
	if (!r || size % sizeof *r)
		return -ENOEXEC;
	for (size_t k = 0; k < size / sizeof *r; k++) {
		uint32_t type = ELF64_R_TYPE(r[k].r_info), sym = ELF64_R_SYM(r[k].r_info);
		Elf64_Addr *where = r[k].r_offset % 8 ? NULL : in_segment(so, r[k].r_offset, 8, true), value = 0;
		int e;
		if (type == R_X86_64_NONE)
			continue;
		if (!where)
			return -ENOEXEC;
		if (type == R_X86_64_RELATIVE) {
			*where = (Elf64_Addr)so->base + (Elf64_Addr)r[k].r_addend;
			continue;
		}
		if (type != R_X86_64_64 && type != R_X86_64_GLOB_DAT && type != R_X86_64_JUMP_SLOT) {
			char name[16];
			snprintf(name, sizeof name, "%u", type);
			return refuse(why, len, "relocation type %s", name);
		}
		if (sym && !symbol(so, sym))
			return -ENOEXEC;
		if (sym && (e = bind(so, symbol(so, sym), &value, why, len)) < 0)
			return e;
		if (sym && !strcmp(symbol_name(so, symbol(so, sym)), "rvx_plugin_scoreboard_find"))
			so->finds_elements = true;
		*where = value + (Elf64_Addr)r[k].r_addend;
	}
	return 0;
}

/* The relocation tables, bound; then RELRO read-only. */
static int relocate_all(struct so_image *so, const Elf64_Phdr *ph, int n, char *why, size_t len)
{
	int e;
	if ((e = relocate(so, so->rela, so->rela_sz, why, len)) < 0 ||
	    (e = relocate(so, so->jmprel, so->jmprel_sz, why, len)) < 0)
		return e;
	for (int k = 0; k < n; k++)
		if (ph[k].p_type == PT_GNU_RELRO && at(so, ph[k].p_vaddr, ph[k].p_memsz))
			mprotect(so->base + PAGE_DOWN(ph[k].p_vaddr),
				 PAGE_DOWN(ph[k].p_vaddr + ph[k].p_memsz) - PAGE_DOWN(ph[k].p_vaddr), PROT_READ);
	return 0;
}

static int check_header(const Elf64_Ehdr *eh)
{
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_type != ET_DYN || eh->e_machine != EM_X86_64 ||
	    eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phnum > MAX_PHDRS)
		return -ENOEXEC;
	return 0;
}

static int map_file(struct so_image *so, int fd, char *why, size_t len)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph[MAX_PHDRS];
	const Elf64_Phdr *dyn = NULL;
	struct stat st;
	int e;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (pread(fd, &eh, sizeof eh, 0) != (ssize_t)sizeof eh || check_header(&eh) < 0)
		return -ENOEXEC;
	if (pread(fd, ph, eh.e_phnum * sizeof *ph, (off_t)eh.e_phoff) != (ssize_t)(eh.e_phnum * sizeof *ph))
		return -ENOEXEC;
	for (int k = 0; k < eh.e_phnum; k++) {
		if (ph[k].p_type == PT_TLS)
			return refuse(why, len, "%s", "thread-local variables");
		if (ph[k].p_type == PT_DYNAMIC)
			dyn = &ph[k];
	}
	if (!dyn)
		return -ENOEXEC;
	if ((e = map_segments(so, fd, ph, eh.e_phnum, st.st_size)) < 0 || (e = read_dynamic(so, dyn, why, len)) < 0)
		return e;
	return relocate_all(so, ph, eh.e_phnum, why, len);
}

int so_map(const char *path, struct so_image **out, char *why, size_t len)
{
	struct so_image *so = calloc(1, sizeof *so);
	int fd, e;
	*out = NULL;
	snprintf(why, len, "%s", "");
	if (!so)
		return -ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		e = -errno;
		free(so);
		return e;
	}
	e = map_file(so, fd, why, len);
	close(fd);
	if (e < 0) {
		so_unmap(so, false);
		return e;
	}
	*out = so;
	return 0;
}

static uint32_t gnu_hash_of(const char *s)
{
	uint32_t h = 5381;
	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static uint32_t sysv_hash_of(const char *s)
{
	uint32_t h = 0, g;
	for (; *s; s++) {
		h = (h << 4) + (unsigned char)*s;
		g = h & 0xf0000000u;
		h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

/* A 32-bit word of a hash table, or NULL outside the segments. */
static const uint32_t *word(const struct so_image *so, Elf64_Addr table, uint64_t index)
{
	return at(so, table + index * 4, 4);
}

/* The symbol table index of a defined symbol by its hash tables, or 0. */
static uint32_t lookup(const struct so_image *so, const char *name)
{
	const uint32_t *n, *c;
	if (so->gnu_hash &&
	    table_at(so, so->gnu_hash, 16, 8)) { /* nbuckets, symoffset, bloom words, shift; bloom; buckets; chains */
		const uint32_t *g = at(so, so->gnu_hash, 16), h = gnu_hash_of(name);
		Elf64_Addr buckets = so->gnu_hash + 16 + (Elf64_Addr)g[2] * 8, chains = buckets + (Elf64_Addr)g[0] * 4;
		if (!g[0] || !(n = word(so, buckets, h % g[0])))
			return 0;
		for (uint32_t i = *n; i >= g[1] && (c = word(so, chains, i - g[1])) && symbol(so, i); i++) {
			if ((*c | 1) == (h | 1) && !strcmp(symbol_name(so, symbol(so, i)), name))
				return i;
			if (*c & 1)
				break;
		}
		return 0;
	}
	/* DT_HASH: nbucket, nchain; buckets; chains */
	n = !so->hash || so->hash % 4 ? NULL : word(so, so->hash, 0);
	if (!n || !*n || !(c = word(so, so->hash, 2 + sysv_hash_of(name) % *n)))
		return 0;
	/* a chain holds each symbol once at most: a damaged one may loop */
	for (size_t i = *c, steps = 0; i && steps < n[1] && steps < so->span / sizeof(Elf64_Sym) && symbol(so, i);
	     i = *c, steps++) {
		if (!strcmp(symbol_name(so, symbol(so, i)), name))
			return (uint32_t)i;
		if (!(c = word(so, so->hash, 2 + (uint64_t)*n + i)))
			break;
	}
	return 0;
}

void *so_symbol(const struct so_image *so, const char *name)
{
	uint32_t i = lookup(so, name);
	const Elf64_Sym *s = i ? symbol(so, i) : NULL;
	if (!s || s->st_shndx == SHN_UNDEF || !at(so, s->st_value, s->st_size))
		return NULL;
	return so->base + s->st_value;
}

bool so_finds_elements(const struct so_image *so)
{
	return so->finds_elements;
}

typedef void (*so_ctor_t)(int, char **, char **);
typedef void (*so_dtor_t)(void);

void so_init(struct so_image *so)
{
	extern char **environ;
	static char *argv[] = {"rvx", NULL};
	so->initialised = true;
	if (so->init && at(so, so->init, 1))
		((so_ctor_t)(void *)(so->base + so->init))(1, argv, environ);
	for (size_t k = 0; k < so->ninit; k++)
		if (so->init_array[k] && so->init_array[k] != ~0UL)
			((so_ctor_t)(void *)so->init_array[k])(1, argv, environ);
}

void so_unmap(struct so_image *so, bool fini)
{
	if (!so)
		return;
	if (fini && so->initialised) {
		for (size_t k = so->nfini; k-- > 0;)
			if (so->fini_array[k] && so->fini_array[k] != ~0UL)
				((so_dtor_t)(void *)so->fini_array[k])();
		if (so->fini && at(so, so->fini, 1))
			((so_dtor_t)(void *)(so->base + so->fini))();
	}
	if (so->base)
		munmap(so->base, so->span);
	free(so);
}
