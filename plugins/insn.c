/* insn: counts the guest instructions each vCPU runs, with an inline counter (inline=on, the
 * default: no call at all) or a callback per instruction (inline=off). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "rvx-plugin.h"

RVX_PLUGIN_EXPORT int rvx_plugin_version = RVX_PLUGIN_VERSION;

static rvx_plugin_u64 insns;
static bool use_inline = true;

static void insn_exec(unsigned int vcpu_index, void *userdata)
{
	(void)userdata;
	rvx_plugin_u64_add(insns, vcpu_index, 1);
}

static void tb_trans(rvx_plugin_id_t id, struct rvx_plugin_tb *tb)
{
	(void)id;
	for (size_t i = 0; i < rvx_plugin_tb_n_insns(tb); i++) {
		struct rvx_plugin_insn *insn = rvx_plugin_tb_get_insn(tb, i);
		if (use_inline)
			rvx_plugin_register_vcpu_insn_exec_inline_per_vcpu(insn, RVX_PLUGIN_INLINE_ADD_U64, insns, 1);
		else
			rvx_plugin_register_vcpu_insn_exec_cb(insn, insn_exec, RVX_PLUGIN_CB_NO_REGS, NULL);
	}
}

static void at_exit(rvx_plugin_id_t id, void *userdata)
{
	char line[96];
	(void)userdata;
	for (int i = 0; i < rvx_plugin_num_vcpus(id); i++) {
		snprintf(line, sizeof line, "cpu %d insns: %" PRIu64 "\n", i, rvx_plugin_u64_get(insns, (unsigned)i));
		rvx_plugin_outs(id, line);
	}
	snprintf(line, sizeof line, "total insns: %" PRIu64 "\n", rvx_plugin_u64_sum(insns));
	rvx_plugin_outs(id, line);
}

RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq || strncmp(argv[i], "inline", (size_t)(eq - argv[i])) != 0 ||
		    !rvx_plugin_bool_parse("inline", eq + 1, &use_inline)) {
			fprintf(stderr, "insn: unknown argument '%s' (have: inline=on|off)\n", argv[i]);
			return -1;
		}
	}
	insns.score = rvx_plugin_scoreboard_new(id, sizeof(uint64_t));
	insns.offset = 0;
	if (!insns.score)
		return -1;
	rvx_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	rvx_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
