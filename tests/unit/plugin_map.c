/* The static rvx's own plugin loader (src/plugin/so_map.c, exports.c): every function the
 * plugin API header declares is exported to mapped plugins; a plugin maps; damaged copies of it
 * (random bytes changed in its headers, tables and data, and every truncation) are refused or
 * mapped (and their symbols looked up) without a crash, and a truncation that cuts into a loaded segment is always
 * refused. usage: plugin_map HEADER PLUGIN.so COPIES. Prints PASS/FAIL lines; exits non-zero on a failure. */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plugin/internal.h"

static int failures;

static void check(bool ok, const char *what)
{
	printf("%s plugin-map-%s\n", ok ? "PASS" : "FAIL", what);
	failures += !ok;
}

static unsigned char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) ||
	    !(buf = malloc((size_t)n + 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	*size = buf ? (size_t)n : 0;
	return buf;
}

/* Every rvx_plugin_NAME( in the header but the plugin's own rvx_plugin_install. */
static void api_exported(const char *header)
{
	size_t size, missing = 0, found = 0;
	char *text = (char *)slurp(header, &size), *p;
	if (!text) {
		check(false, "api-exported: cannot read the header");
		return;
	}
	text[size] = 0;
	for (p = text; (p = strstr(p, "rvx_plugin_")); p++) {
		size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz_0123456789");
		char name[128];
		if (p[len] != '(' || len >= sizeof name || (p > text && p[-1] == '_'))
			continue;
		memcpy(name, p, len);
		name[len] = 0;
		if (!strcmp(name, "rvx_plugin_install"))
			continue;
		found++;
		if (!plugin_export(name)) {
			printf("  not exported: %s\n", name);
			missing++;
		}
	}
	printf("  %zu API functions declared\n", found);
	check(found >= 40 && !missing, "api-exported");
	free(text);
}

/* Writes the bytes to path and maps them: 1 when mapped (its symbols looked up too), else 0. */
static int mappable(const char *path, const unsigned char *bytes, size_t size)
{
	struct so_image *so;
	char why[256];
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(bytes, 1, size, f) != size || fclose(f))
		return -1;
	if (so_map(path, &so, why, sizeof why) < 0)
		return 0;
	so_symbol(so, "rvx_plugin_install");
	so_symbol(so, "rvx_plugin_version");
	so_symbol(so, "no_such_symbol");
	so_unmap(so, false);
	return 1;
}

/* The end of the last loaded segment's bytes in the file. */
static size_t loaded_end(const unsigned char *so)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)so;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(so + eh->e_phoff);
	size_t end = 0;
	for (int k = 0; k < eh->e_phnum; k++)
		if (ph[k].p_type == PT_LOAD && ph[k].p_offset + ph[k].p_filesz > end)
			end = ph[k].p_offset + ph[k].p_filesz;
	return end;
}

int main(int argc, char **argv)
{
	size_t size, end, refused = 0, mapped = 0, cut_mapped = 0;
	unsigned char *so, *copy;
	char path[] = "/tmp/rvx-plugin-map-XXXXXX";
	long copies;
	unsigned seed = 12345;
	int fd;
	if (argc != 4) {
		fprintf(stderr, "usage: plugin_map HEADER PLUGIN.so COPIES\n");
		return 2;
	}
	api_exported(argv[1]);
	so = slurp(argv[2], &size);
	copies = atol(argv[3]);
	fd = mkstemp(path);
	if (!so || fd < 0 || !(copy = malloc(size))) {
		check(false, "fuzz: cannot read the plugin");
		return 1;
	}
	close(fd);
	check(mappable(path, so, size) == 1 && rvx_plugin_mappable(path, (char[256]){0}, 256), "maps");
	end = loaded_end(so);
	for (size_t cut = 0; cut < size; cut += 61) {
		int r = mappable(path, so, cut);
		if (r == 1 && cut < end)
			cut_mapped++;
	}
	check(!cut_mapped, "truncated-refused");
	for (long i = 0; i < copies; i++) {
		memcpy(copy, so, size);
		for (int k = 0, n = 1 + (int)(rand_r(&seed) % 8); k < n; k++) {
			/* half the changes in the headers and the first segment's tables */
			size_t at =
			    rand_r(&seed) % 2 ? rand_r(&seed) % (size < 4096 ? size : 4096) : rand_r(&seed) % size;
			copy[at] = rand_r(&seed) % 3 ? (unsigned char)rand_r(&seed) : copy[at] ^ 0x80;
		}
		if (mappable(path, copy, size) == 1)
			mapped++;
		else
			refused++;
	}
	printf("  %ld damaged copies: %zu refused, %zu mapped\n", copies, refused, mapped);
	check(refused > 0 && mapped > 0 && refused + mapped == (size_t)copies, "fuzz");
	unlink(path);
	free(copy);
	free(so);
	return failures != 0;
}
