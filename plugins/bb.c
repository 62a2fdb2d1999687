/* bb: counts the blocks and instructions each vCPU runs, inline (inline=on, the default) or
 * with a callback per block (inline=off). */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "rvx-plugin.h"

RVX_PLUGIN_EXPORT int rvx_plugin_version = RVX_PLUGIN_VERSION;

struct counts {
	uint64_t blocks, insns;
};

static struct rvx_plugin_scoreboard *score;
static rvx_plugin_u64 blocks, insns;
static bool use_inline = true;

static void block_exec(unsigned int vcpu_index, void *userdata)
{
	struct counts *c = rvx_plugin_scoreboard_find(score, vcpu_index);
	c->blocks++;
	c->insns += (uintptr_t)userdata;
}

static void tb_trans(rvx_plugin_id_t id, struct rvx_plugin_tb *tb)
{
	size_t n = rvx_plugin_tb_n_insns(tb);
	(void)id;
	if (use_inline) {
		rvx_plugin_register_vcpu_tb_exec_inline_per_vcpu(tb, RVX_PLUGIN_INLINE_ADD_U64, blocks, 1);
		rvx_plugin_register_vcpu_tb_exec_inline_per_vcpu(tb, RVX_PLUGIN_INLINE_ADD_U64, insns, n);
	} else {
		rvx_plugin_register_vcpu_tb_exec_cb(tb, block_exec, RVX_PLUGIN_CB_NO_REGS, (void *)(uintptr_t)n);
	}
}

static void at_exit(rvx_plugin_id_t id, void *userdata)
{
	char line[128];
	(void)userdata;
	for (int i = 0; i < rvx_plugin_num_vcpus(id); i++) {
		snprintf(line, sizeof line, "cpu %d: bb's: %" PRIu64 ", insns: %" PRIu64 "\n", i,
			 rvx_plugin_u64_get(blocks, (unsigned)i), rvx_plugin_u64_get(insns, (unsigned)i));
		rvx_plugin_outs(id, line);
	}
	snprintf(line, sizeof line, "bb's: %" PRIu64 ", insns: %" PRIu64 "\n", rvx_plugin_u64_sum(blocks),
		 rvx_plugin_u64_sum(insns));
	rvx_plugin_outs(id, line);
}

RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "inline=", 7) != 0 || !rvx_plugin_bool_parse("inline", argv[i] + 7, &use_inline)) {
			fprintf(stderr, "bb: unknown argument '%s' (have: inline=on|off)\n", argv[i]);
			return -1;
		}
	}
	score = rvx_plugin_scoreboard_new(id, sizeof(struct counts));
	if (!score)
		return -1;
	blocks = (rvx_plugin_u64){score, offsetof(struct counts, blocks)};
	insns = (rvx_plugin_u64){score, offsetof(struct counts, insns)};
	rvx_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	rvx_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
