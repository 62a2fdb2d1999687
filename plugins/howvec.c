/* howvec: how often each class of instruction ran, and the most frequent mnemonics (top=N,
 * default 10). Every count is an inline addition: no call in translated code. */
#include <inttypes.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "rvx-plugin.h"

RVX_PLUGIN_EXPORT int rvx_plugin_version = RVX_PLUGIN_VERSION;

#define MNEMONICS 512

struct counts {
	uint64_t class[NCLASSES];
	uint64_t mnemonic[MNEMONICS];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct rvx_plugin_scoreboard *score;
static char *names[MNEMONICS];
static int nnames;
static int top = 10;

static int mnemonic_slot(const char *m)
{
	int i;
	pthread_mutex_lock(&lock);
	for (i = 0; i < nnames && strcmp(names[i], m); i++)
		;
	if (i == nnames) {
		if (nnames < MNEMONICS && (names[i] = strdup(m)))
			nnames++;
		else
			i = -1;
	}
	pthread_mutex_unlock(&lock);
	return i;
}

static void tb_trans(rvx_plugin_id_t id, struct rvx_plugin_tb *tb)
{
	(void)id;
	for (size_t i = 0; i < rvx_plugin_tb_n_insns(tb); i++) {
		struct rvx_plugin_insn *insn = rvx_plugin_tb_get_insn(tb, i);
		char *text = insn_mnemonic(insn);
		int slot;
		if (!text)
			continue;
		rvx_plugin_register_vcpu_insn_exec_inline_per_vcpu(
		    insn, RVX_PLUGIN_INLINE_ADD_U64,
		    (rvx_plugin_u64){score, offsetof(struct counts, class) + (size_t)classify(text) * sizeof(uint64_t)},
		    1);
		slot = mnemonic_slot(text);
		if (slot >= 0)
			rvx_plugin_register_vcpu_insn_exec_inline_per_vcpu(
			    insn, RVX_PLUGIN_INLINE_ADD_U64,
			    (rvx_plugin_u64){score,
					     offsetof(struct counts, mnemonic) + (size_t)slot * sizeof(uint64_t)},
			    1);
		free(text);
	}
}

static uint64_t sum(size_t offset)
{
	return rvx_plugin_u64_sum((rvx_plugin_u64){score, offset});
}

static void at_exit(rvx_plugin_id_t id, void *userdata)
{
	uint64_t all = 0, counts[MNEMONICS] = {0};
	int order[MNEMONICS] = {0};
	char line[128];
	(void)userdata;
	for (int c = 0; c < NCLASSES; c++)
		all += sum(offsetof(struct counts, class) + (size_t)c * sizeof(uint64_t));
	snprintf(line, sizeof line, "class          count      share (of %" PRIu64 ")\n", all);
	rvx_plugin_outs(id, line);
	for (int c = 0; c < NCLASSES; c++) {
		uint64_t n = sum(offsetof(struct counts, class) + (size_t)c * sizeof(uint64_t));
		snprintf(line, sizeof line, "%-12s %12" PRIu64 " %6.2f%%\n", classes[c], n,
			 all ? 100.0 * (double)n / (double)all : 0);
		rvx_plugin_outs(id, line);
	}
	for (int i = 0; i < nnames; i++) {
		counts[i] = sum(offsetof(struct counts, mnemonic) + (size_t)i * sizeof(uint64_t));
		order[i] = i;
	}
	for (int i = 1; i < nnames; i++) /* insertion sort: a few hundred at most */
		for (int k = i; k > 0 && counts[order[k]] > counts[order[k - 1]]; k--) {
			int t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	rvx_plugin_outs(id, "mnemonic       count\n");
	for (int i = 0; i < nnames && i < top; i++) {
		snprintf(line, sizeof line, "%-12s %12" PRIu64 "\n", names[order[i]], counts[order[i]]);
		rvx_plugin_outs(id, line);
	}
}

RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		char *end;
		if (!strncmp(argv[i], "top=", 4)) {
			top = (int)strtol(argv[i] + 4, &end, 10);
			if (!*end && top > 0)
				continue;
		}
		fprintf(stderr, "howvec: unknown argument '%s' (have: top=N)\n", argv[i]);
		return -1;
	}
	score = rvx_plugin_scoreboard_new(id, sizeof(struct counts));
	if (!score)
		return -1;
	rvx_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	rvx_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
