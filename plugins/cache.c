/* cache: a model of each vCPU's L1 instruction and data caches (set-associative, LRU, FIFO or
 * random eviction) and of its instruction and data TLBs (4 KiB pages), fed by every
 * instruction fetch and data access; reports hits and misses, and the instructions that miss
 * most. Arguments: icachesize, iassoc, iblksize, dcachesize, dassoc, dblksize (bytes),
 * evict=lru|fifo|rand, itlb=ENTRIES, dtlb=ENTRIES, tlbassoc=WAYS, limit=N (rows). */
#include <inttypes.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "rvx-plugin.h"

RVX_PLUGIN_EXPORT int rvx_plugin_version = RVX_PLUGIN_VERSION;

#define MAX_VCPUS 256

/* one guest instruction's figures, shared by the vCPUs that run it (atomic adds) */
struct insn_stat {
	struct insn_stat *next;
	uint64_t pc;
	char *disas;
	const char *symbol;
	uint64_t fetches, imisses, daccesses, dmisses, dtlb_misses;
};

static struct model_config conf = MODEL_DEFAULTS;
static int limit = 16;
static struct model *models[MAX_VCPUS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct insn_stat *stats;
static int nstats;

static void vcpu_init(rvx_plugin_id_t id, unsigned int vcpu)
{
	(void)id;
	if (vcpu < MAX_VCPUS && !models[vcpu]) /* an index used again keeps its caches */
		models[vcpu] = model_new(&conf);
}

static void insn_exec(unsigned int vcpu, void *userdata)
{
	struct insn_stat *s = userdata;
	struct model *m = vcpu < MAX_VCPUS ? models[vcpu] : NULL;
	if (!m)
		return;
	__atomic_add_fetch(&s->fetches, 1, __ATOMIC_RELAXED);
	if (!cache_access(&m->icache, s->pc))
		__atomic_add_fetch(&s->imisses, 1, __ATOMIC_RELAXED);
	cache_access(&m->itlb, s->pc);
}

static void mem_access(unsigned int vcpu, rvx_plugin_meminfo_t info, uint64_t vaddr, void *userdata)
{
	struct insn_stat *s = userdata;
	struct model *m = vcpu < MAX_VCPUS ? models[vcpu] : NULL;
	(void)info;
	if (!m)
		return;
	__atomic_add_fetch(&s->daccesses, 1, __ATOMIC_RELAXED);
	if (!cache_access(&m->dcache, vaddr))
		__atomic_add_fetch(&s->dmisses, 1, __ATOMIC_RELAXED);
	if (!cache_access(&m->dtlb, vaddr))
		__atomic_add_fetch(&s->dtlb_misses, 1, __ATOMIC_RELAXED);
}

static void tb_trans(rvx_plugin_id_t id, struct rvx_plugin_tb *tb)
{
	(void)id;
	for (size_t i = 0; i < rvx_plugin_tb_n_insns(tb); i++) {
		struct rvx_plugin_insn *insn = rvx_plugin_tb_get_insn(tb, i);
		struct insn_stat *s = calloc(1, sizeof *s);
		if (!s)
			continue;
		s->pc = rvx_plugin_insn_vaddr(insn);
		s->disas = rvx_plugin_insn_disas(insn);
		s->symbol = rvx_plugin_insn_symbol(insn);
		pthread_mutex_lock(&lock);
		s->next = stats;
		stats = s;
		nstats++;
		pthread_mutex_unlock(&lock);
		rvx_plugin_register_vcpu_insn_exec_cb(insn, insn_exec, RVX_PLUGIN_CB_NO_REGS, s);
		rvx_plugin_register_vcpu_mem_cb(insn, mem_access, RVX_PLUGIN_CB_NO_REGS, RVX_PLUGIN_MEM_RW, s);
	}
}

static uint64_t sort_key_offset;

static int by_misses(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)(const void *)((const char *)*(struct insn_stat *const *)x + sort_key_offset);
	uint64_t b = *(const uint64_t *)(const void *)((const char *)*(struct insn_stat *const *)y + sort_key_offset);
	return a < b ? 1 : a > b ? -1 : 0;
}

static void report(rvx_plugin_id_t id, const char *what, size_t key, struct insn_stat **all, int n)
{
	char line[320];
	sort_key_offset = key;
	qsort(all, (size_t)n, sizeof *all, by_misses);
	snprintf(line, sizeof line, "instructions with the most %s:\n", what);
	rvx_plugin_outs(id, line);
	for (int i = 0; i < n && i < limit; i++) {
		const struct insn_stat *s = all[i];
		if (!*(const uint64_t *)(const void *)((const char *)s + key))
			break;
		snprintf(line, sizeof line,
			 "0x%" PRIx64 " %s \"%s\": fetches %" PRIu64 ", icache misses %" PRIu64
			 ", data accesses %" PRIu64 ", dcache misses %" PRIu64 ", dtlb misses %" PRIu64 "\n",
			 s->pc, s->symbol ? s->symbol : "?", s->disas ? s->disas : "?", s->fetches, s->imisses,
			 s->daccesses, s->dmisses, s->dtlb_misses);
		rvx_plugin_outs(id, line);
	}
}

static void at_exit(rvx_plugin_id_t id, void *userdata)
{
	struct cache sum[4] = {{0}};
	const char *names[4] = {"icache", "dcache", "itlb", "dtlb"};
	struct insn_stat **all;
	char line[160];
	int n = 0;
	(void)userdata;
	for (int v = 0; v < MAX_VCPUS; v++) {
		struct model *m = models[v];
		struct cache *c[4] = {m ? &m->icache : NULL, m ? &m->dcache : NULL, m ? &m->itlb : NULL,
				      m ? &m->dtlb : NULL};
		for (int k = 0; m && k < 4; k++) {
			sum[k].accesses += c[k]->accesses;
			sum[k].misses += c[k]->misses;
		}
	}
	for (int k = 0; k < 4; k++) {
		snprintf(line, sizeof line, "%s: accesses %" PRIu64 ", misses %" PRIu64 " (%.2f%%)\n", names[k],
			 sum[k].accesses, sum[k].misses,
			 sum[k].accesses ? 100.0 * (double)sum[k].misses / (double)sum[k].accesses : 0.0);
		rvx_plugin_outs(id, line);
	}
	all = calloc((size_t)nstats + 1, sizeof *all);
	if (!all)
		return;
	for (struct insn_stat *s = stats; s; s = s->next)
		all[n++] = s;
	report(id, "data accesses", offsetof(struct insn_stat, daccesses), all, n);
	report(id, "data cache misses", offsetof(struct insn_stat, dmisses), all, n);
	report(id, "instruction cache misses", offsetof(struct insn_stat, imisses), all, n);
	free(all);
}

RVX_PLUGIN_EXPORT int rvx_plugin_install(rvx_plugin_id_t id, const rvx_info_t *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		if (!model_arg(argv[i], &conf) && !int_arg(argv[i], "limit", &limit)) {
			fprintf(stderr, "cache: unknown argument '%s'\n", argv[i]);
			return -1;
		}
	}
	if (!model_valid(&conf)) {
		fprintf(stderr,
			"cache: block sizes must be powers of two, and blocks (entries) a multiple of the ways\n");
		return -1;
	}
	rvx_plugin_register_vcpu_init_cb(id, vcpu_init);
	rvx_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	rvx_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
