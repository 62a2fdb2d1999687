/* Shared by the plugin layer's files. */
#ifndef RVX_PLUGIN_PRIVATE_H
#define RVX_PLUGIN_PRIVATE_H

#include "plugin.h"

/* One loaded plugin; its id is its address. */
struct plugin {
	struct plugin *next;
	struct rvx_plugins *all;
	char *path;
	void *handle; /* its shared object, as its loader opened it */
	const struct plugin_loader *loader;
	rvx_plugin_vcpu_simple_cb_t vcpu_init, vcpu_exit;
	rvx_plugin_udata_cb_t atexit;
	void *atexit_data;
	rvx_plugin_vcpu_tb_trans_cb_t tb_trans;
	rvx_plugin_vcpu_syscall_cb_t syscall;
	rvx_plugin_vcpu_syscall_ret_cb_t syscall_ret;
	rvx_plugin_vcpu_syscall_filter_cb_t syscall_filter;
	rvx_plugin_vcpu_discon_cb_t discon;
	enum rvx_plugin_discon_type discon_types;
	bool no_raw_elements; /* it cannot hold a scoreboard element's address (tie_counters) */
};

static inline rvx_plugin_id_t plugin_id(const struct plugin *pl)
{
	return (rvx_plugin_id_t)(uintptr_t)pl;
}

/* How a plugin's shared object is opened (by dlopen, or mapped by rvx itself): open gives
 * RVX_OK or machine_error's code, symbol a defined symbol's address or NULL. */
struct plugin_loader {
	int (*open)(struct rvx_machine *m, const char *path, void **handle);
	void *(*symbol)(void *handle, const char *name);
	void (*close)(void *handle);
	/* true when the plugin cannot call rvx_plugin_scoreboard_find (NULL: it may) */
	bool (*no_raw_elements)(void *handle);
};

/* rvx_add_plugin with the given loader. */
int plugin_add(rvx_machine *m, const char *path, int argc, char **argv, const struct plugin_loader *loader);

/* A plugin's shared object mapped by rvx itself (so_map.c). so_map maps it and binds its
 * symbols, running none of its code: 0, -ENOTSUP (why says what it needs that only the dynamic
 * linker gives), or another negative errno. so_init runs its constructors; so_unmap its
 * destructors (if fini and so_init ran), then unmaps it. */
struct so_image;
int so_map(const char *path, struct so_image **out, char *why, size_t len);
void *so_symbol(const struct so_image *so, const char *name);
/* Whether the object binds rvx_plugin_scoreboard_find (a raw pointer to an element). */
bool so_finds_elements(const struct so_image *so);
void so_init(struct so_image *so);
void so_unmap(struct so_image *so, bool fini);

/* The address of a symbol this rvx gives the plugins it maps itself, or NULL (exports.c). */
void *plugin_export(const char *name);

/* Zeroed memory that lives as long as the machine (blocks, their action lists). */
void *plugin_alloc(struct rvx_plugins *p, size_t bytes);

/* A vCPU starts or ends: its elements of every scoreboard (p->lock held). */
void plugin_scoreboards_attach(struct rvx_plugins *p, struct rvx_vcpu *cpu);
void plugin_scoreboards_detach(struct rvx_plugins *p, struct rvx_vcpu *cpu);
/* Ties the counter at e to instret (p->lock held; see struct rvx_plugins). */
void plugin_tie(struct rvx_plugins *p, rvx_plugin_u64 e);

#endif
