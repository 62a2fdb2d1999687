/* timing: estimates how long the guest would take on a board, from a cost per instruction
 * class and per cache and TLB miss (the model of the cache plugin, fed per block fetched and
 * per data access): the estimate is the sum of each count times its cost. The costs are cycles
 * at freq=GHZ (default 1) unless weights=FILE gives seconds per event, as fitted by
 * plugins/timing-fit.py from measured times; features=FILE writes the counts to fit from.
 * Cache and TLB geometry as the cache plugin's: dcachesize, dassoc, dblksize, icachesize,
 * iassoc, iblksize, itlb, dtlb, tlbassoc. */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "rvx-plugin.h"

RVX_PLUGIN_EXPORT int rvx_plugin_version = RVX_PLUGIN_VERSION;

#define MAX_VCPUS 256

enum { IMISS = NCLASSES, DMISS, ITLB_MISS, DTLB_MISS, NFEATURES };
static const char *const miss_names[] = {"icache miss", "dcache miss", "itlb miss", "dtlb miss"};

/* cycles per event: a simple in-order core with an L2 behind its L1s */
static double cost[NFEATURES] = {
    [LOAD] = 1,    [STORE] = 1,   [BRANCH] = 1, [JUMP] = 2,   [INTEGER] = 1, [MULTIPLY] = 3,   [DIVIDE] = 20,
    [ATOMIC] = 10, [FLOAD] = 1,   [FSTORE] = 1, [FARITH] = 4, [FFUSED] = 5,  [FDIVIDE] = 20,   [FCONV] = 3,
    [FENCE] = 5,   [SYSTEM] = 10, [OTHER] = 1,  [IMISS] = 20, [DMISS] = 20,  [ITLB_MISS] = 30, [DTLB_MISS] = 30};

static struct rvx_plugin_scoreboard *score; /* per vCPU: uint64_t[NFEATURES] */
static struct model *models[MAX_VCPUS];
static struct model_config conf = MODEL_DEFAULTS;
static double ghz = 1.0;
static bool seconds; /* the costs are seconds per event (weights=FILE) */
static double start; /* with weights: seconds per run that no event counts (start-up) */
static char *features_path;

static const char *feature_name(int f)
{
	return f < NCLASSES ? classes[f] : miss_names[f - NCLASSES];
}

static uint64_t *counts(unsigned int vcpu)
{
	return rvx_plugin_scoreboard_find(score, vcpu);
}

static void vcpu_init(rvx_plugin_id_t id, unsigned int vcpu)
{
	(void)id;
	if (vcpu < MAX_VCPUS && !models[vcpu])
		models[vcpu] = model_new(&conf);
}

/* A block runs: its code is fetched, one instruction cache block at a time. */
static void block_exec(unsigned int vcpu, void *userdata)
{
	const uint64_t *span = userdata; /* start, end */
	struct model *m = vcpu < MAX_VCPUS ? models[vcpu] : NULL;
	uint64_t *c = counts(vcpu);
	if (!m || !c)
		return;
	for (uint64_t a = span[0] & ~(uint64_t)(conf.i.blk - 1); a < span[1]; a += (uint64_t)conf.i.blk)
		c[IMISS] += !cache_access(&m->icache, a);
	for (uint64_t a = span[0] >> PAGE_BITS; a <= (span[1] - 1) >> PAGE_BITS; a++)
		c[ITLB_MISS] += !cache_access(&m->itlb, a << PAGE_BITS);
}

static void mem_access(unsigned int vcpu, rvx_plugin_meminfo_t info, uint64_t vaddr, void *userdata)
{
	struct model *m = vcpu < MAX_VCPUS ? models[vcpu] : NULL;
	uint64_t *c = counts(vcpu);
	(void)info, (void)userdata;
	if (!m || !c)
		return;
	c[DMISS] += !cache_access(&m->dcache, vaddr);
	c[DTLB_MISS] += !cache_access(&m->dtlb, vaddr);
}

static void tb_trans(rvx_plugin_id_t id, struct rvx_plugin_tb *tb)
{
	size_t n = rvx_plugin_tb_n_insns(tb);
	struct rvx_plugin_insn *last = rvx_plugin_tb_get_insn(tb, n - 1);
	uint64_t *span = malloc(2 * sizeof *span); /* lives as long as the translation: kept */
	(void)id;
	if (span) {
		span[0] = rvx_plugin_tb_vaddr(tb);
		span[1] = rvx_plugin_insn_vaddr(last) + rvx_plugin_insn_size(last);
		rvx_plugin_register_vcpu_tb_exec_cb(tb, block_exec, RVX_PLUGIN_CB_NO_REGS, span);
	}
	for (size_t i = 0; i < n; i++) {
		struct rvx_plugin_insn *insn = rvx_plugin_tb_get_insn(tb, i);
		char *mnemonic = insn_mnemonic(insn);
		int cls;
		if (!mnemonic)
			continue;
		cls = classify(mnemonic);
		free(mnemonic);
		rvx_plugin_register_vcpu_insn_exec_inline_per_vcpu(
		    insn, RVX_PLUGIN_INLINE_ADD_U64, (rvx_plugin_u64){score, (size_t)cls * sizeof(uint64_t)}, 1);
		if (cls == LOAD || cls == STORE || cls == ATOMIC || cls == FLOAD || cls == FSTORE)
			rvx_plugin_register_vcpu_mem_cb(insn, mem_access, RVX_PLUGIN_CB_NO_REGS, RVX_PLUGIN_MEM_RW,
							NULL);
	}
}

static void at_exit(rvx_plugin_id_t id, void *userdata)
{
	uint64_t total[NFEATURES] = {0};
	double estimate = 0;
	char line[160];
	FILE *f = features_path ? fopen(features_path, "w") : NULL;
	(void)userdata;
	for (int k = 0; k < NFEATURES; k++) {
		total[k] = rvx_plugin_u64_sum((rvx_plugin_u64){score, (size_t)k * sizeof(uint64_t)});
		estimate += cost[k] * (double)total[k];
		if (f)
			fprintf(f, "%s\t%" PRIu64 "\n", feature_name(k), total[k]);
	}
	if (f)
		fclose(f);
	if (!seconds)
		estimate /= ghz * 1e9;
	else
		estimate += start;
	rvx_plugin_outs(id, "timing: event          count    share of the estimate\n");
	for (int k = 0; k < NFEATURES; k++) {
		double part = cost[k] * (double)total[k] / (seconds ? 1 : ghz * 1e9);
		snprintf(line, sizeof line, "timing: %-12s %12" PRIu64 " %8.2f%%\n", feature_name(k), total[k],
			 estimate > 0 ? 100 * part / estimate : 0.0);
		rvx_plugin_outs(id, line);
	}
	snprintf(line, sizeof line, "timing: estimate %.6f s (%s)\n", estimate,
		 seconds ? "fitted weights" : "cycles at the given clock");
	rvx_plugin_outs(id, line);
}

/* weights=FILE: "event<TAB>seconds" lines, as timing-fit.py writes them */
static bool read_weights(const char *path)
{
	FILE *f = fopen(path, "r");
	char name[64], line[160];
	double w;
	int read = 0;
	if (!f)
		return false;
	while (fgets(line, sizeof line, f)) {
		char *tab = strrchr(line, '\t');
		if (!tab || (size_t)(tab - line) >= sizeof name || sscanf(tab + 1, "%lf", &w) != 1)
			continue;
		memcpy(name, line, (size_t)(tab - line));
		name[tab - line] = 0;
		if (!strcmp(name, "start"))
			start = w;
		for (int k = 0; k < NFEATURES; k++)
			if (!strcmp(name, feature_name(k))) {
				cost[k] = w;
				read++;
			}
	}
	fclose(f);
	return read == NFEATURES;
}

RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		char *end;
		if (model_arg(a, &conf))
			continue;
		if (!strncmp(a, "freq=", 5)) {
			ghz = strtod(a + 5, &end);
			if (!*end && ghz > 0)
				continue;
		}
		if (!strncmp(a, "weights=", 8)) {
			if (read_weights(a + 8)) {
				seconds = true;
				continue;
			}
			fprintf(stderr, "timing: %s does not give a weight for every event\n", a + 8);
			return -1;
		}
		if (!strncmp(a, "features=", 9) && a[9]) {
			features_path = strdup(a + 9);
			continue;
		}
		fprintf(stderr, "timing: unknown argument '%s'\n", a);
		return -1;
	}
	if (!model_valid(&conf)) {
		fprintf(stderr,
			"timing: block sizes must be powers of two, and blocks (entries) a multiple of the ways\n");
		return -1;
	}
	score = rvx_plugin_scoreboard_new(id, NFEATURES * sizeof(uint64_t));
	if (!score)
		return -1;
	rvx_plugin_register_vcpu_init_cb(id, vcpu_init);
	rvx_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	rvx_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
