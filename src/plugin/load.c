/* Loading plugins: opening their shared objects (dl.c, or mapped by rvx itself here), the
 * version check, install with the arguments. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void unload(struct rvx_plugins *p)
{
	while (p->list) {
		struct plugin *pl = p->list;
		p->list = pl->next;
		if (pl->handle)
			pl->loader->close(pl->handle);
		free(pl->path);
		free(pl);
	}
}

struct plugin_spec {
	const char *path;
	int argc;
	char **argv;
	const struct plugin_loader *loader;
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
	pl->loader = spec->loader;
	if ((r = spec->loader->open(m, spec->path, &pl->handle)) != RVX_OK)
		return r;
	pl->no_raw_elements = pl->loader->no_raw_elements && pl->loader->no_raw_elements(pl->handle);
	version = pl->loader->symbol(pl->handle, "rvx_plugin_version");
	*(void **)&install = pl->loader->symbol(pl->handle, "rvx_plugin_install");
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

int plugin_add(rvx_machine *m, const char *path, int argc, char **argv, const struct plugin_loader *loader)
{
	struct plugin_spec spec = {path, argc, argv, loader};
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

/* so_map's failure in words: what the plugin needs, or what is wrong with the file. */
static void map_failure(int e, const char *needs, char *why, size_t len)
{
	if (e == -ENOTSUP)
		snprintf(why, len, "it needs %s, which only the dynamic linker gives", needs);
	else
		snprintf(why, len, "%s", e == -ENOEXEC ? "not an x86-64 shared object" : strerror(-e));
}

static int map_open(struct rvx_machine *m, const char *path, void **handle)
{
	struct so_image *so;
	char needs[256], why[400];
	int e = so_map(path, &so, needs, sizeof needs);
	if (e < 0) {
		map_failure(e, needs, why, sizeof why);
		return machine_error(m, RVX_E_PLUGIN, "cannot load plugin %s: %s", path, why);
	}
	so_init(so);
	*handle = so;
	return RVX_OK;
}

static void *map_symbol(void *handle, const char *name)
{
	return so_symbol(handle, name);
}

static void map_close(void *handle)
{
	so_unmap(handle, true);
}

static bool map_no_raw_elements(void *handle)
{
	return !so_finds_elements(handle);
}

int rvx_add_plugin_mapped(rvx_machine *m, const char *path, int argc, char **argv)
{
	static const struct plugin_loader mapped = {map_open, map_symbol, map_close, map_no_raw_elements};
	return plugin_add(m, path, argc, argv, &mapped);
}

int rvx_plugin_mappable(const char *path, char *why, size_t len)
{
	struct so_image *so;
	char needs[256];
	int e = so_map(path, &so, needs, sizeof needs);
	if (e < 0) {
		map_failure(e, needs, why, len);
		return 0;
	}
	so_unmap(so, false);
	return 1;
}
