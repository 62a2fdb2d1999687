/* Plugins opened by the dynamic linker: the symbols they call are exported by the executable
 * (rvx-dyn, rvx-mpi, an embedder's program linked with -rdynamic). */
#include <dlfcn.h>

#include "internal.h"

static int dl_open(struct rvx_machine *m, const char *path, void **handle)
{
	*handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!*handle)
		return machine_error(m, RVX_E_PLUGIN, "cannot load plugin %s: %s", path, dlerror());
	return RVX_OK;
}

static void dl_close(void *handle)
{
	dlclose(handle);
}

int rvx_add_plugin(rvx_machine *m, const char *path, int argc, char **argv)
{
	static const struct plugin_loader dl = {dl_open, dlsym, dl_close, NULL};
	return plugin_add(m, path, argc, argv, &dl);
}
