/* An instruction counter that rvx ties to instret (an inline addition of 1 on every instruction
 * of the first block, to an element read only through the API), used in every other way the
 * API allows on some blocks, picked by their address: a block callback that folds the count it
 * reads into a checksum, a conditional callback on the count, a callback that sets it, an
 * inline store to it. Beside it, in the same element, a counter that adds 2 (never tied) and
 * is set and stored to alike: it must read twice the other in every vCPU, whatever the threads
 * did. Built again with -DRAW_ELEMENTS, which reads the elements through
 * rvx_plugin_scoreboard_find and so keeps the counter untied: both builds must print the same
 * under both engines. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "rvx-plugin.h"

RVX_PLUGIN_EXPORT int rvx_plugin_version = RVX_PLUGIN_VERSION;

static rvx_plugin_u64 insns, twice, checksum, fired;
static int blocks_seen;
static bool every_block; /* all=on: each block but the first acts some other way too */

static unsigned pick(uint64_t vaddr)
{
	return (unsigned)(((vaddr >> 1) * 0x9e3779b97f4a7c15ull) >> 60); /* 0..15 */
}

static void fold(unsigned int vcpu, void *userdata)
{
	uint64_t c = rvx_plugin_u64_get(checksum, vcpu);
	rvx_plugin_u64_set(checksum, vcpu, c * 31 + rvx_plugin_u64_get(insns, vcpu) + (uint64_t)(uintptr_t)userdata);
}

static void count_fired(unsigned int vcpu, void *userdata)
{
	(void)userdata;
	rvx_plugin_u64_add(fired, vcpu, 1);
}

static void bump(unsigned int vcpu, void *userdata)
{
	(void)userdata;
	rvx_plugin_u64_set(insns, vcpu, rvx_plugin_u64_get(insns, vcpu) + 7);
	rvx_plugin_u64_set(twice, vcpu, rvx_plugin_u64_get(twice, vcpu) + 14);
}

static void tb_trans(rvx_plugin_id_t id, struct rvx_plugin_tb *tb)
{
	size_t n = rvx_plugin_tb_n_insns(tb);
	unsigned kind = blocks_seen++ ? pick(rvx_plugin_tb_vaddr(tb)) : 15; /* the first: counted only */
	if (every_block && blocks_seen > 1)
		kind = kind % 5 == 4 && n <= 2 ? 0 : kind % 5;
	(void)id;
	for (size_t i = 0; i < n; i++) {
		struct rvx_plugin_insn *insn = rvx_plugin_tb_get_insn(tb, i);
		rvx_plugin_register_vcpu_insn_exec_inline_per_vcpu(insn, RVX_PLUGIN_INLINE_ADD_U64, insns, 1);
		rvx_plugin_register_vcpu_insn_exec_inline_per_vcpu(insn, RVX_PLUGIN_INLINE_ADD_U64, twice, 2);
	}
	if (kind == 0)
		rvx_plugin_register_vcpu_tb_exec_cb(tb, fold, RVX_PLUGIN_CB_NO_REGS,
						    (void *)(uintptr_t)(rvx_plugin_tb_vaddr(tb) & 0xffff));
	else if (kind == 1) /* between its instructions: the count so far */
		rvx_plugin_register_vcpu_insn_exec_cb(rvx_plugin_tb_get_insn(tb, n - 1), fold, RVX_PLUGIN_CB_NO_REGS,
						      (void *)(uintptr_t)n);
	else if (kind == 2)
		rvx_plugin_register_vcpu_insn_exec_cond_cb(rvx_plugin_tb_get_insn(tb, n / 2), count_fired,
							   RVX_PLUGIN_CB_NO_REGS, RVX_PLUGIN_COND_LT, insns, 40000,
							   NULL);
	else if (kind == 3)
		rvx_plugin_register_vcpu_tb_exec_cb(tb, bump, RVX_PLUGIN_CB_NO_REGS, NULL);
	else if (kind == 4 && n > 2) { /* the count starts again from 1000 there */
		rvx_plugin_register_vcpu_insn_exec_inline_per_vcpu(rvx_plugin_tb_get_insn(tb, 1),
								   RVX_PLUGIN_INLINE_STORE_U64, insns, 1000);
		rvx_plugin_register_vcpu_insn_exec_inline_per_vcpu(rvx_plugin_tb_get_insn(tb, 1),
								   RVX_PLUGIN_INLINE_STORE_U64, twice, 2000);
	}
}

static void at_exit(rvx_plugin_id_t id, void *userdata)
{
	char line[160];
	(void)userdata;
	for (int i = 0; i < rvx_plugin_num_vcpus(id); i++) {
		uint64_t count = rvx_plugin_u64_get(insns, (unsigned)i);
#ifdef RAW_ELEMENTS
		count = *(uint64_t *)rvx_plugin_scoreboard_find(insns.score, (unsigned)i);
#endif
		snprintf(line, sizeof line,
			 "vcpu %d: count %" PRIu64 " twice %" PRIu64 " checksum %" PRIu64 " fired %" PRIu64 "\n", i,
			 count, rvx_plugin_u64_get(twice, (unsigned)i), rvx_plugin_u64_get(checksum, (unsigned)i),
			 rvx_plugin_u64_get(fired, (unsigned)i));
		rvx_plugin_outs(id, line);
	}
	snprintf(line, sizeof line, "total %" PRIu64 "\n", rvx_plugin_u64_sum(insns));
	rvx_plugin_outs(id, line);
	rvx_plugin_scoreboard_free(insns.score); /* the tied one stays named for the blocks */
	rvx_plugin_scoreboard_free(checksum.score);
	rvx_plugin_scoreboard_free(fired.score);
}

RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "all=", 4) != 0 || !rvx_plugin_bool_parse("all", argv[i] + 4, &every_block)) {
			fprintf(stderr, "tied_plugin: unknown argument '%s' (have: all=on|off)\n", argv[i]);
			return -1;
		}
	insns.score = twice.score = rvx_plugin_scoreboard_new(id, 2 * sizeof(uint64_t));
	twice.offset = 8;
	checksum.score = rvx_plugin_scoreboard_new(id, sizeof(uint64_t));
	fired.score = rvx_plugin_scoreboard_new(id, sizeof(uint64_t));
	if (!insns.score || !checksum.score || !fired.score)
		return -1;
	rvx_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	rvx_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
