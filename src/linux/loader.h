/* ELF loading and the initial process image (stack, auxv). */
#ifndef RVX_LINUX_LOADER_H
#define RVX_LINUX_LOADER_H

#include <elf.h>
#include <limits.h>

#include "../machine.h"

#define MAX_PHNUM 256 /* program headers an executable may have (elf_check_header) */

struct elf_image {
	uint64_t entry, phdr, phnum, bias, end;
	uint64_t code_start, code_end; /* its first executable segment */
	char interp[PATH_MAX];         /* PT_INTERP, empty when static */
};

/* Checks and maps one ELF file. main_program chooses the load address policy of ET_DYN. */
int elf_load(struct rvx_machine *m, const char *path, bool main_program, struct elf_image *out);

/* Reads the PT_INTERP named by the program headers ph into out (empty when there is none);
 * false when it is malformed or lies outside the file. */
bool elf_read_interp(int fd, const Elf64_Phdr *ph, int phnum, uint64_t file_size, char *out, size_t size);

/* Checks the header bytes of an ELF image; returns RVX_OK or an RVX_E_* with the reason in
 * *why (a static string). Used by the loader and by execve to decide who runs a file. */
int elf_check_header(const unsigned char *hdr, size_t len, const char **why);

/* Builds argv, envp, auxv and strings below stack_top; returns the initial sp. */
uint64_t stack_build(struct rvx_machine *m, uint64_t stack_top, const struct elf_image *prog, uint64_t interp_base,
		     int argc, char *const *argv, char *const *envp);

#endif
