/* Shared by the plugin layer's files. */
#ifndef RVX_PLUGIN_PRIVATE_H
#define RVX_PLUGIN_PRIVATE_H

#include "plugin.h"

/* One loaded plugin; its id is its address. */
struct plugin {
	struct plugin *next;
	struct rvx_plugins *all;
	char *path;
	void *handle; /* dlopen's */
	rvx_plugin_vcpu_simple_cb_t vcpu_init, vcpu_exit;
	rvx_plugin_udata_cb_t atexit;
	void *atexit_data;
	rvx_plugin_vcpu_tb_trans_cb_t tb_trans;
	rvx_plugin_vcpu_syscall_cb_t syscall;
	rvx_plugin_vcpu_syscall_ret_cb_t syscall_ret;
	rvx_plugin_vcpu_syscall_filter_cb_t syscall_filter;
	rvx_plugin_vcpu_discon_cb_t discon;
	enum rvx_plugin_discon_type discon_types;
};

static inline rvx_plugin_id_t plugin_id(const struct plugin *pl)
{
	return (rvx_plugin_id_t)(uintptr_t)pl;
}

/* Zeroed memory that lives as long as the machine (blocks, their action lists). */
void *plugin_alloc(struct rvx_plugins *p, size_t bytes);

/* A vCPU starts or ends: its elements of every scoreboard (p->lock held). */
void plugin_scoreboards_attach(struct rvx_plugins *p, struct rvx_vcpu *cpu);
void plugin_scoreboards_detach(struct rvx_plugins *p, struct rvx_vcpu *cpu);

#endif
