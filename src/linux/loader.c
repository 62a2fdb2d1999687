#include "loader.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *machine_name(unsigned mach)
{
	switch (mach) {
	case EM_386: return "32-bit x86 (i386)";
	case EM_X86_64: return "x86-64";
	case EM_AARCH64: return "AArch64 (arm64)";
	case EM_ARM: return "32-bit ARM";
	case EM_MIPS: return "MIPS";
	case EM_PPC: return "PowerPC";
	case EM_PPC64: return "64-bit PowerPC";
	case EM_S390: return "s390";
	case EM_SPARCV9: return "SPARC64";
	case 258: return "LoongArch";
	}
	return "non-RISC-V";
}

int elf_check_header(const unsigned char *h, size_t len, const char **why)
{
	const Elf64_Ehdr *e = (const Elf64_Ehdr *)h;
	uint16_t mach;
	if (len < 4 || memcmp(h, ELFMAG, SELFMAG) != 0) {
		*why = len >= 2 && h[0] == '#' && h[1] == '!' ? "is a script, not an ELF executable"
							      : "is not an ELF executable";
		return RVX_E_NOTELF;
	}
	if (len < EI_NIDENT + 4) {
		*why = "is a truncated ELF file (header cut short)";
		return RVX_E_CORRUPT;
	}
	memcpy(&mach, h + 18, 2);
	if (h[EI_DATA] != ELFDATA2LSB && mach != EM_RISCV) {
		*why = "is a big-endian ELF file for another machine";
		return RVX_E_MACHINE;
	}
	if (mach != EM_RISCV) {
		*why = machine_name(mach);
		return RVX_E_MACHINE;
	}
	if (h[EI_CLASS] == ELFCLASS32) {
		*why = "is a 32-bit RISC-V (RV32) executable; rvx runs RV64 only";
		return RVX_E_RV32;
	}
	if (h[EI_CLASS] != ELFCLASS64 || h[EI_DATA] != ELFDATA2LSB) {
		*why = "has a corrupt ELF identification";
		return RVX_E_CORRUPT;
	}
	if (len < sizeof(Elf64_Ehdr)) {
		*why = "is a truncated ELF file (header cut short)";
		return RVX_E_CORRUPT;
	}
	if (e->e_type != ET_EXEC && e->e_type != ET_DYN) {
		*why = e->e_type == ET_REL    ? "is a relocatable object (.o), not an executable"
		       : e->e_type == ET_CORE ? "is a core dump, not an executable"
					      : "is not an executable ELF type";
		return RVX_E_NOTELF;
	}
	if (e->e_phentsize != sizeof(Elf64_Phdr) || e->e_phnum == 0 || e->e_phnum > MAX_PHNUM) {
		*why = "is a corrupt ELF file (bad program header table)";
		return RVX_E_CORRUPT;
	}
	return RVX_OK;
}

static int corrupt(struct rvx_machine *m, const char *path, const char *what)
{
	return machine_error(m, RVX_E_CORRUPT, "'%s' is a corrupt or truncated ELF file: %s", path, what);
}

static int seg_prot(uint32_t f)
{
	return ((f & PF_R) ? PROT_READ : 0) | ((f & PF_W) ? PROT_WRITE : 0) | ((f & PF_X) ? PROT_EXEC : 0);
}

static int map_segment(struct rvx_machine *m, int fd, const char *path, const Elf64_Phdr *p, uint64_t bias)
{
	struct rvx_space *s = &m->space;
	uint64_t va = bias + p->p_vaddr, start = va & ~(RVX_PAGE_SIZE - 1);
	uint64_t file_end = va + p->p_filesz, mem_end = RVX_PAGE_ALIGN(va + p->p_memsz);
	uint64_t file_page_end = RVX_PAGE_ALIGN(file_end);
	int prot = seg_prot(p->p_flags);
	int64_t r;
	if (p->p_filesz) {
		/* bytes past the file part of the last page belong to .bss */
		bool bss_tail = p->p_memsz > p->p_filesz && (file_end & (RVX_PAGE_SIZE - 1));
		r = space_map(s, start, file_page_end - start, prot | (bss_tail ? PROT_WRITE : 0),
			      MAP_PRIVATE | MAP_FIXED, fd, p->p_offset & ~(RVX_PAGE_SIZE - 1), path);
		if (r < 0)
			return (int)r;
		if (bss_tail) {
			memset(g2h(s, file_end), 0, file_page_end - file_end);
			if (!(prot & PROT_WRITE) && (r = space_protect(s, start, file_page_end - start, prot)) < 0)
				return (int)r;
		}
	} else {
		file_page_end = start;
	}
	if (mem_end > file_page_end) {
		r = space_map(s, file_page_end, mem_end - file_page_end, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
			      -1, 0, p->p_filesz ? path : NULL);
		if (r < 0)
			return (int)r;
	}
	return 0;
}

bool elf_read_interp(int fd, const Elf64_Phdr *ph, int phnum, uint64_t file_size, char *out, size_t size)
{
	int i;
	out[0] = 0;
	for (i = 0; i < phnum; i++) {
		const Elf64_Phdr *p = &ph[i];
		if (p->p_type != PT_INTERP)
			continue;
		return p->p_filesz >= 2 && p->p_filesz <= size && p->p_offset <= file_size &&
		       p->p_filesz <= file_size - p->p_offset &&
		       pread(fd, out, p->p_filesz, (off_t)p->p_offset) == (ssize_t)p->p_filesz &&
		       out[p->p_filesz - 1] == 0 && out[0] != 0;
	}
	return true;
}

int elf_load(struct rvx_machine *m, const char *path, bool main_program, struct elf_image *out)
{
	unsigned char hdr[sizeof(Elf64_Ehdr)];
	Elf64_Ehdr eh;
	Elf64_Phdr ph[MAX_PHNUM];
	struct stat st;
	uint64_t lo = UINT64_MAX, hi = 0, span, bias = 0, prev_end = 0;
	const char *why;
	ssize_t n;
	int fd, i, r, nload = 0;

	memset(out, 0, sizeof *out);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return machine_error(m, RVX_E_NOENT, "cannot open '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return machine_error(m, RVX_E_NOENT, "'%s' is a directory, not a program", path);
	}
	n = pread(fd, hdr, sizeof hdr, 0);
	if (n < 0) {
		r = machine_error(m, RVX_E_NOENT, "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	r = elf_check_header(hdr, (size_t)n, &why);
	if (r == RVX_E_MACHINE && strncmp(why, "is ", 3) != 0) {
		r = machine_error(m, r, "'%s' is an ELF executable for %s, not RISC-V 64", path, why);
		goto out;
	}
	if (r != RVX_OK) {
		r = machine_error(m, r, "'%s' %s", path, why);
		goto out;
	}
	memcpy(&eh, hdr, sizeof eh);
	if (eh.e_phoff > (uint64_t)st.st_size ||
	    (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > (uint64_t)st.st_size - eh.e_phoff) {
		r = corrupt(m, path, "program headers lie beyond the end of the file");
		goto out;
	}
	if (pread(fd, ph, eh.e_phnum * sizeof(Elf64_Phdr), (off_t)eh.e_phoff) !=
	    (ssize_t)(eh.e_phnum * sizeof(Elf64_Phdr))) {
		r = corrupt(m, path, "cannot read the program headers");
		goto out;
	}
	if (!elf_read_interp(fd, ph, eh.e_phnum, (uint64_t)st.st_size, out->interp, sizeof out->interp)) {
		r = corrupt(m, path, "bad PT_INTERP");
		goto out;
	}
	for (i = 0; i < eh.e_phnum; i++) {
		const Elf64_Phdr *p = &ph[i];
		if (p->p_type != PT_LOAD)
			continue;
		if (p->p_filesz > p->p_memsz) {
			r = corrupt(m, path, "a segment's file size exceeds its memory size");
			goto out;
		}
		if (p->p_offset > (uint64_t)st.st_size || p->p_filesz > (uint64_t)st.st_size - p->p_offset) {
			r = corrupt(m, path, "a segment lies beyond the end of the file (truncated?)");
			goto out;
		}
		if (((p->p_vaddr - p->p_offset) & (RVX_PAGE_SIZE - 1)) != 0) {
			r = corrupt(m, path, "a segment's address and file offset are not page-congruent");
			goto out;
		}
		if (p->p_vaddr >= m->space.size || p->p_memsz > m->space.size - p->p_vaddr) {
			r = corrupt(m, path, "a segment lies outside the guest address space");
			goto out;
		}
		if (nload && p->p_vaddr < prev_end) {
			r = corrupt(m, path, "segments overlap or are out of order");
			goto out;
		}
		prev_end = p->p_vaddr + p->p_memsz;
		lo = p->p_vaddr < lo ? p->p_vaddr : lo;
		hi = prev_end > hi ? prev_end : hi;
		nload++;
	}
	if (!nload) {
		r = corrupt(m, path, "no loadable segment");
		goto out;
	}
	lo &= ~(RVX_PAGE_SIZE - 1);
	span = RVX_PAGE_ALIGN(hi) - lo;
	if (eh.e_type == ET_DYN) {
		/* As Linux: a PIE main program at two thirds of the address space, ld.so where mmap puts it. */
		uint64_t want = main_program ? ((m->space.size / 3 * 2) & ~(RVX_PAGE_SIZE - 1)) : 0;
		if (!want || !space_check(&m->space, want, 1, 0))
			want = want ? want : space_find_free(&m->space, span, m->space.mmap_top);
		if (!want) {
			r = machine_error(m, RVX_E_NOMEM, "no room in the guest address space for '%s'", path);
			goto out;
		}
		bias = want - lo;
	}
	/* Reserve the whole image so the gaps between segments stay inaccessible, as on Linux. */
	if (space_map(&m->space, bias + lo, span, PROT_NONE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
			  (eh.e_type == ET_DYN ? MAP_FIXED : MAP_FIXED_NOREPLACE),
		      -1, 0, NULL) < 0) {
		r = machine_error(m, RVX_E_NOMEM, "cannot map '%s' at 0x%llx in the guest address space", path,
				  (unsigned long long)(bias + lo));
		goto out;
	}
	for (i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (map_segment(m, fd, path, &ph[i], bias) < 0) {
			r = machine_error(m, RVX_E_NOMEM, "cannot map a segment of '%s'", path);
			goto out;
		}
	}
	out->entry = bias + eh.e_entry;
	out->phnum = eh.e_phnum;
	out->bias = bias;
	out->end = bias + hi;
	out->code_start = out->code_end = 0;
	for (i = 0; i < eh.e_phnum && !out->code_end; i++)
		if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_X)) {
			out->code_start = bias + ph[i].p_vaddr;
			out->code_end = out->code_start + ph[i].p_memsz;
		}
	for (i = 0; i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_PHDR)
			out->phdr = bias + ph[i].p_vaddr;
	for (i = 0; !out->phdr && i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && eh.e_phoff >= ph[i].p_offset &&
		    eh.e_phoff < ph[i].p_offset + ph[i].p_filesz)
			out->phdr = bias + ph[i].p_vaddr + (eh.e_phoff - ph[i].p_offset);
	r = RVX_OK;
out:
	close(fd);
	return r;
}
