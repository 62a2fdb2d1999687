/* Loading plugins: dlopen, the version check, install with the arguments. Linked only into a
 * dynamically linked rvx (rvx-dyn) or an embedder's program: symbols a plugin calls must be
 * exported by the executable. */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void unload(struct rvx_plugins *p)
{
	while (p->list) {
		struct plugin *pl = p->list;
		p->list = pl->next;
		if (pl->handle)
			dlclose(pl->handle);
		free(pl->path);
		free(pl);
	}
}

struct plugin_spec {
	const char *path;
	int argc;
	char **argv;
};

static int load_one(struct rvx_machine *m, const struct plugin_spec *spec)
{
	struct rvx_plugins *p = m->plugins;
	rvx_info_t info = {"riscv64", {RVX_PLUGIN_VERSION_MIN, RVX_PLUGIN_VERSION}, rvx_isa_string()};
	struct plugin *pl, **tail;
	const int *version;
	int (*install)(rvx_plugin_id_t, const rvx_info_t *, int, char **);
	int r;

	pl = calloc(1, sizeof *pl);
	if (!pl || !(pl->path = strdup(spec->path))) {
		free(pl);
		return machine_error(m, RVX_E_NOMEM, "out of memory");
	}
	pl->all = p;
	for (tail = &p->list; *tail; tail = &(*tail)->next)
		;
	*tail = pl; /* callbacks run in the order the plugins were given */
	pl->handle = dlopen(spec->path, RTLD_NOW | RTLD_LOCAL);
	if (!pl->handle)
		return machine_error(m, RVX_E_PLUGIN, "cannot load plugin %s: %s", spec->path, dlerror());
	version = dlsym(pl->handle, "rvx_plugin_version");
	*(void **)&install = dlsym(pl->handle, "rvx_plugin_install");
	if (!version || !install)
		return machine_error(m, RVX_E_PLUGIN,
				     "%s is not an rvx plugin: it does not define rvx_plugin_version and "
				     "rvx_plugin_install (include/rvx-plugin.h)",
				     spec->path);
	if (*version < RVX_PLUGIN_VERSION_MIN || *version > RVX_PLUGIN_VERSION)
		return machine_error(
		    m, RVX_E_PLUGIN,
		    "plugin %s was built for plugin API version %d; this rvx supports versions %d to %d", spec->path,
		    *version, RVX_PLUGIN_VERSION_MIN, RVX_PLUGIN_VERSION);
	r = install(plugin_id(pl), &info, spec->argc, spec->argv);
	if (r != 0)
		return machine_error(m, RVX_E_PLUGIN, "plugin %s refused to install (it returned %d)", spec->path, r);
	return RVX_OK;
}

int rvx_add_plugin(rvx_machine *m, const char *path, int argc, char **argv)
{
	struct plugin_spec spec = {path, argc, argv};
	struct rvx_plugins *p = m->plugins;
	if (m->cpu)
		return machine_error(m, RVX_E_INVAL, "plugins are loaded before the program");
	if (!p) {
		p = calloc(1, sizeof *p);
		if (!p)
			return machine_error(m, RVX_E_NOMEM, "out of memory");
		p->m = m;
		p->unload = unload;
		pthread_mutex_init(&p->lock, NULL);
		pthread_mutex_init(&p->trans_lock, NULL);
		m->plugins = p;
	}
	return load_one(m, &spec);
}
