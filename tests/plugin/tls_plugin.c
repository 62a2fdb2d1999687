/* A plugin with a thread-local variable: the static rvx cannot map it itself (no dynamic
 * linker to give it its thread-local storage) and hands it to rvx-dyn. */
#include <stdio.h>

#include "rvx-plugin.h"

RVX_PLUGIN_EXPORT int rvx_plugin_version = RVX_PLUGIN_VERSION;

static __thread unsigned long translated;

static void on_trans(rvx_plugin_id_t id, struct rvx_plugin_tb *tb)
{
	(void)id;
	translated += rvx_plugin_tb_n_insns(tb);
}

static void on_exit_report(rvx_plugin_id_t id, void *userdata)
{
	char line[80];
	(void)userdata;
	snprintf(line, sizeof line, "instructions translated on this thread: %lu\n", translated);
	rvx_plugin_outs(id, line);
}

RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv)
{
	(void)info, (void)argc, (void)argv;
	rvx_plugin_register_vcpu_tb_trans_cb(id, on_trans);
	rvx_plugin_register_atexit_cb(id, on_exit_report, NULL);
	return 0;
}
