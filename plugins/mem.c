/* mem: counts the guest's memory accesses, loads and stores, per vCPU, inline (the default) or
 * with a callback (inline=off); trace=on prints each access (vCPU, instruction, address, size,
 * load or store, atomic, the value); track=r|w|rw chooses which (default rw). */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "rvx-plugin.h"

RVX_PLUGIN_EXPORT int rvx_plugin_version = RVX_PLUGIN_VERSION;

struct counts {
	uint64_t loads, stores;
};

static struct rvx_plugin_scoreboard *score;
static rvx_plugin_u64 loads, stores;
static bool use_inline = true, trace;
static enum rvx_plugin_mem_rw track = RVX_PLUGIN_MEM_RW;
static rvx_plugin_id_t self;

static void on_access(unsigned int vcpu_index, rvx_plugin_meminfo_t info, uint64_t vaddr, void *userdata)
{
	bool store = rvx_plugin_mem_is_store(info);
	if (!use_inline)
		rvx_plugin_u64_add(store ? stores : loads, vcpu_index, 1);
	if (trace) {
		char line[160];
		snprintf(
		    line, sizeof line, "vcpu %u pc 0x%" PRIx64 ": %s%s %u bytes at 0x%" PRIx64 ": 0x%" PRIx64 "%s\n",
		    vcpu_index, (uint64_t)(uintptr_t)userdata, rvx_plugin_mem_is_atomic(info) ? "atomic " : "",
		    store ? "store" : "load", 1u << rvx_plugin_mem_size_shift(info), vaddr,
		    rvx_plugin_mem_get_value(info), rvx_plugin_mem_is_sign_extended(info) ? " (sign-extended)" : "");
		rvx_plugin_outs(self, line);
	}
}

static void tb_trans(rvx_plugin_id_t id, struct rvx_plugin_tb *tb)
{
	(void)id;
	for (size_t i = 0; i < rvx_plugin_tb_n_insns(tb); i++) {
		struct rvx_plugin_insn *insn = rvx_plugin_tb_get_insn(tb, i);
		void *pc = (void *)(uintptr_t)rvx_plugin_insn_vaddr(insn);
		if (use_inline) {
			if (track & RVX_PLUGIN_MEM_R)
				rvx_plugin_register_vcpu_mem_inline_per_vcpu(insn, RVX_PLUGIN_MEM_R,
									     RVX_PLUGIN_INLINE_ADD_U64, loads, 1);
			if (track & RVX_PLUGIN_MEM_W)
				rvx_plugin_register_vcpu_mem_inline_per_vcpu(insn, RVX_PLUGIN_MEM_W,
									     RVX_PLUGIN_INLINE_ADD_U64, stores, 1);
		}
		if (!use_inline || trace)
			rvx_plugin_register_vcpu_mem_cb(insn, on_access, RVX_PLUGIN_CB_NO_REGS, track, pc);
	}
}

static void at_exit(rvx_plugin_id_t id, void *userdata)
{
	char line[128];
	(void)userdata;
	snprintf(line, sizeof line, "loads: %" PRIu64 ", stores: %" PRIu64 "\n", rvx_plugin_u64_sum(loads),
		 rvx_plugin_u64_sum(stores));
	rvx_plugin_outs(id, line);
}

RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv)
{
	(void)info;
	self = id;
	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "inline=", 7) && rvx_plugin_bool_parse("inline", argv[i] + 7, &use_inline))
			continue;
		if (!strncmp(argv[i], "trace=", 6) && rvx_plugin_bool_parse("trace", argv[i] + 6, &trace))
			continue;
		if (!strcmp(argv[i], "track=r") || !strcmp(argv[i], "track=w") || !strcmp(argv[i], "track=rw")) {
			track = !strcmp(argv[i], "track=r")   ? RVX_PLUGIN_MEM_R
				: !strcmp(argv[i], "track=w") ? RVX_PLUGIN_MEM_W
							      : RVX_PLUGIN_MEM_RW;
			continue;
		}
		fprintf(stderr, "mem: unknown argument '%s' (have: inline=on|off, trace=on|off, track=r|w|rw)\n",
			argv[i]);
		return -1;
	}
	score = rvx_plugin_scoreboard_new(id, sizeof(struct counts));
	if (!score)
		return -1;
	loads = (rvx_plugin_u64){score, offsetof(struct counts, loads)};
	stores = (rvx_plugin_u64){score, offsetof(struct counts, stores)};
	rvx_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	rvx_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
