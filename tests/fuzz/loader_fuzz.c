/* libFuzzer target: the ELF loader on arbitrary files. It must load or refuse with one of
 * its error codes and a message, never crash. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rvx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rvx_config cfg = {0};
	rvx_machine *m = NULL;
	char path[64];
	char *argv[] = {"fuzz", NULL}, *envp[] = {NULL};
	int fd = memfd_create("elf", 0), r;
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	cfg.guest_space = 1ull << 36;
	cfg.engine = RVX_ENGINE_INTERP; /* the loader is what is fuzzed */
	if (rvx_machine_new(&cfg, &m) == RVX_OK) {
		r = rvx_load(m, path, 1, argv, envp);
		assert(r == RVX_OK || (r < 0 && r >= RVX_E_INVAL));
		assert(r == RVX_OK || rvx_last_error(m)[0] != 0);
	}
	rvx_machine_free(m);
	close(fd);
	return 0;
}
