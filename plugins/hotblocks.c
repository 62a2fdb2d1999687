/* hotblocks: the blocks that ran most, with their symbol: limit=N rows (default 20). Counts are
 * inline additions to a slot per block (one scoreboard, a slot per block address); blocks past
 * the slots count through a callback. */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rvx-plugin.h"

RVX_PLUGIN_EXPORT int rvx_plugin_version = RVX_PLUGIN_VERSION;

#define SLOTS 65536
#define HASH  65536

struct block {
	struct block *next;
	uint64_t pc;
	size_t insns;
	int slot;       /* in the scoreboard, or -1 */
	uint64_t extra; /* runs counted by the callback (atomic) */
	char *symbol;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct block *table[HASH];
static struct rvx_plugin_scoreboard *runs;
static int nslots, nblocks;
static int limit = 20;

static void block_exec(unsigned int vcpu_index, void *userdata)
{
	struct block *b = userdata;
	(void)vcpu_index;
	__atomic_add_fetch(&b->extra, 1, __ATOMIC_RELAXED);
}

/* Translation callbacks run one at a time; the lock keeps the table whole for the exit. */
static void tb_trans(rvx_plugin_id_t id, struct rvx_plugin_tb *tb)
{
	uint64_t pc = rvx_plugin_tb_vaddr(tb);
	struct block *b;
	(void)id;
	pthread_mutex_lock(&lock);
	for (b = table[(pc >> 1) % HASH]; b && (b->pc != pc || b->insns != rvx_plugin_tb_n_insns(tb)); b = b->next)
		;
	if (!b && (b = calloc(1, sizeof *b))) {
		const char *sym = rvx_plugin_insn_symbol(rvx_plugin_tb_get_insn(tb, 0));
		b->pc = pc;
		b->insns = rvx_plugin_tb_n_insns(tb);
		b->slot = nslots < SLOTS ? nslots++ : -1;
		b->symbol = sym ? strdup(sym) : NULL;
		b->next = table[(pc >> 1) % HASH];
		table[(pc >> 1) % HASH] = b;
		nblocks++;
	}
	pthread_mutex_unlock(&lock);
	if (!b)
		return;
	if (b->slot >= 0)
		rvx_plugin_register_vcpu_tb_exec_inline_per_vcpu(
		    tb, RVX_PLUGIN_INLINE_ADD_U64, (rvx_plugin_u64){runs, (size_t)b->slot * sizeof(uint64_t)}, 1);
	else
		rvx_plugin_register_vcpu_tb_exec_cb(tb, block_exec, RVX_PLUGIN_CB_NO_REGS, b);
}

static uint64_t total(const struct block *b)
{
	uint64_t n = __atomic_load_n(&b->extra, __ATOMIC_RELAXED);
	if (b->slot >= 0)
		n += rvx_plugin_u64_sum((rvx_plugin_u64){runs, (size_t)b->slot * sizeof(uint64_t)});
	return n;
}

static int by_runs(const void *x, const void *y)
{
	const struct block *a = *(struct block *const *)x, *b = *(struct block *const *)y;
	uint64_t ra = total(a), rb = total(b);
	return ra < rb ? 1 : ra > rb ? -1 : (a->pc > b->pc) - (a->pc < b->pc);
}

static void at_exit(rvx_plugin_id_t id, void *userdata)
{
	struct block **all = calloc((size_t)nblocks + 1, sizeof *all);
	char line[256];
	int n = 0;
	(void)userdata;
	if (!all)
		return;
	pthread_mutex_lock(&lock);
	for (int h = 0; h < HASH; h++)
		for (struct block *b = table[h]; b; b = b->next)
			all[n++] = b;
	pthread_mutex_unlock(&lock);
	qsort(all, (size_t)n, sizeof *all, by_runs);
	snprintf(line, sizeof line, "collected %d blocks\npc, symbol, insns, runs\n", n);
	rvx_plugin_outs(id, line);
	for (int i = 0; i < n && i < limit; i++) {
		snprintf(line, sizeof line, "0x%016" PRIx64 ", %s, %zu, %" PRIu64 "\n", all[i]->pc,
			 all[i]->symbol ? all[i]->symbol : "?", all[i]->insns, total(all[i]));
		rvx_plugin_outs(id, line);
	}
	free(all);
}

RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		char *end;
		if (!strncmp(argv[i], "limit=", 6)) {
			limit = (int)strtol(argv[i] + 6, &end, 10);
			if (!*end && limit > 0)
				continue;
		}
		fprintf(stderr, "hotblocks: unknown argument '%s' (have: limit=N)\n", argv[i]);
		return -1;
	}
	runs = rvx_plugin_scoreboard_new(id, SLOTS * sizeof(uint64_t));
	if (!runs)
		return -1;
	rvx_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	rvx_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
