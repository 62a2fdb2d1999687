/* Shared by the in-tree plugins (a header of static functions, each plugin its own copy):
 * instruction classes by mnemonic, and a set-associative cache model (caches and TLBs). */
#ifndef RVX_PLUGINS_MODEL_H
#define RVX_PLUGINS_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rvx-plugin.h"

static const char *const classes[] = {"load",     "store",    "branch",     "jump",      "integer", "multiply",
				      "divide",   "atomic",   "fp load",    "fp store",  "fp arith", "fp fused",
				      "fp divide", "fp convert", "fence", "system", "other"};
enum {
	LOAD,
	STORE,
	BRANCH,
	JUMP,
	INTEGER,
	MULTIPLY,
	DIVIDE,
	ATOMIC,
	FLOAD,
	FSTORE,
	FARITH,
	FFUSED,
	FDIVIDE,
	FCONV,
	FENCE,
	SYSTEM,
	OTHER,
	NCLASSES
};

static inline bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* By mnemonic, as objdump writes it. */
static inline int classify(const char *m)
{
	static const char *const loads[] = {"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu"};
	static const char *const stores[] = {"sb", "sh", "sw", "sd"};
	for (size_t i = 0; i < sizeof loads / sizeof *loads; i++)
		if (!strcmp(m, loads[i]))
			return LOAD;
	for (size_t i = 0; i < sizeof stores / sizeof *stores; i++)
		if (!strcmp(m, stores[i]))
			return STORE;
	if (m[0] == 'b' && m[1] && !starts(m, "bclr") && !starts(m, "bext") && !starts(m, "binv") && !starts(m, "bset"))
		return BRANCH;
	if (!strcmp(m, "j") || !strcmp(m, "jr") || !strcmp(m, "jal") || !strcmp(m, "jalr") || !strcmp(m, "ret") ||
	    !strcmp(m, "call") || !strcmp(m, "tail"))
		return JUMP;
	if (starts(m, "mul"))
		return MULTIPLY;
	if (starts(m, "div") || starts(m, "rem"))
		return DIVIDE;
	if (starts(m, "lr.") || starts(m, "sc.") || starts(m, "amo"))
		return ATOMIC;
	if (!strcmp(m, "flw") || !strcmp(m, "fld"))
		return FLOAD;
	if (!strcmp(m, "fsw") || !strcmp(m, "fsd"))
		return FSTORE;
	if (starts(m, "fmadd") || starts(m, "fmsub") || starts(m, "fnmadd") || starts(m, "fnmsub"))
		return FFUSED;
	if (starts(m, "fcvt") || starts(m, "fmv"))
		return FCONV;
	if (starts(m, "fdiv") || starts(m, "fsqrt"))
		return FDIVIDE;
	if (starts(m, "frflags") || starts(m, "fsflags") || starts(m, "frrm") || starts(m, "fsrm") ||
	    starts(m, "frcsr") || starts(m, "fscsr") || starts(m, "csr") || starts(m, "rd") || !strcmp(m, "ecall") ||
	    !strcmp(m, "ebreak"))
		return SYSTEM;
	if (m[0] == 'f' && !starts(m, "fence"))
		return FARITH;
	if (starts(m, "fence"))
		return FENCE;
	if (!strcmp(m, "illegal") || !strcmp(m, "unimp"))
		return OTHER;
	return INTEGER;
}

enum evict { LRU, FIFO, RAND };


struct cache {
	int sets, assoc, blkbits;
	uint64_t *tags; /* sets * assoc; 0: empty (tags are block numbers + 1) */
	uint64_t *stamp;
	uint64_t clock, rnd, accesses, misses;
	enum evict evict;
};

static inline int log2i(int v)
{
	int b = 0;
	while ((1 << b) < v)
		b++;
	return (1 << b) == v ? b : -1;
}

static inline bool cache_init(struct cache *c, int size, int assoc, int blkbits, enum evict evict)
{
	int blocks = size >> blkbits;
	if (assoc <= 0 || blocks < assoc || blocks % assoc)
		return false;
	c->sets = blocks / assoc;
	c->assoc = assoc;
	c->blkbits = blkbits;
	c->tags = calloc((size_t)blocks, sizeof *c->tags);
	c->stamp = calloc((size_t)blocks, sizeof *c->stamp);
	c->rnd = 0x9e3779b97f4a7c15ull;
	c->evict = evict;
	return c->tags && c->stamp;
}

/* true on a hit */
static inline bool cache_access(struct cache *c, uint64_t addr)
{
	uint64_t block = addr >> c->blkbits, tag = block + 1;
	uint64_t *tags = c->tags + (size_t)(block % (uint64_t)c->sets) * (size_t)c->assoc;
	uint64_t *stamp = c->stamp + (tags - c->tags);
	int victim = 0;
	c->accesses++;
	c->clock++;
	for (int w = 0; w < c->assoc; w++) {
		if (tags[w] == tag) {
			if (c->evict == LRU)
				stamp[w] = c->clock;
			return true;
		}
	}
	c->misses++;
	for (int w = 0; w < c->assoc; w++) {
		if (!tags[w]) {
			victim = w;
			goto fill;
		}
		if (stamp[w] < stamp[victim])
			victim = w;
	}
	if (c->evict == RAND) {
		c->rnd ^= c->rnd << 13, c->rnd ^= c->rnd >> 7, c->rnd ^= c->rnd << 17;
		victim = (int)(c->rnd % (uint64_t)c->assoc);
	}
fill:
	tags[victim] = tag;
	stamp[victim] = c->clock;
	return false;
}

/* NAME=N, a positive integer within reason, for the argument called name. */
static inline bool int_arg(const char *arg, const char *name, int *out)
{
	size_t len = strlen(name);
	char *end;
	long v;
	if (strncmp(arg, name, len) || arg[len] != '=')
		return false;
	v = strtol(arg + len + 1, &end, 10);
	if (*end || v <= 0 || v > (1 << 26))
		return false;
	*out = (int)v;
	return true;
}

/* A vCPU's L1 caches and TLBs (4 KiB pages), as the arguments configure them. */
#define PAGE_BITS 12

struct model_config {
	struct {
		int size, assoc, blk;
	} i, d;
	int itlb, dtlb, tlb_assoc; /* TLB entries, ways */
	enum evict evict;
};
#define MODEL_DEFAULTS {{16384, 8, 64}, {16384, 8, 64}, 64, 64, 4, LRU}

struct model {
	struct cache icache, dcache, itlb, dtlb;
};

/* One of icachesize, iassoc, iblksize, dcachesize, dassoc, dblksize, itlb, dtlb, tlbassoc,
 * evict=lru|fifo|rand; false when arg is none of them. */
static inline bool model_arg(const char *a, struct model_config *c)
{
	if (!strcmp(a, "evict=lru") || !strcmp(a, "evict=fifo") || !strcmp(a, "evict=rand")) {
		c->evict = a[6] == 'l' ? LRU : a[6] == 'f' ? FIFO : RAND;
		return true;
	}
	return int_arg(a, "icachesize", &c->i.size) || int_arg(a, "iassoc", &c->i.assoc) ||
	       int_arg(a, "iblksize", &c->i.blk) || int_arg(a, "dcachesize", &c->d.size) ||
	       int_arg(a, "dassoc", &c->d.assoc) || int_arg(a, "dblksize", &c->d.blk) || int_arg(a, "itlb", &c->itlb) ||
	       int_arg(a, "dtlb", &c->dtlb) || int_arg(a, "tlbassoc", &c->tlb_assoc);
}

/* Block sizes powers of two, blocks (entries) a multiple of the ways. */
static inline bool model_valid(const struct model_config *c)
{
	return log2i(c->i.blk) >= 0 && log2i(c->d.blk) >= 0 && (c->i.size / c->i.blk) % c->i.assoc == 0 &&
	       (c->d.size / c->d.blk) % c->d.assoc == 0 && c->itlb % c->tlb_assoc == 0 && c->dtlb % c->tlb_assoc == 0;
}

static inline struct model *model_new(const struct model_config *c)
{
	struct model *m = calloc(1, sizeof *m);
	if (m && cache_init(&m->icache, c->i.size, c->i.assoc, log2i(c->i.blk), c->evict) &&
	    cache_init(&m->dcache, c->d.size, c->d.assoc, log2i(c->d.blk), c->evict) &&
	    cache_init(&m->itlb, c->itlb << PAGE_BITS, c->tlb_assoc, PAGE_BITS, c->evict) &&
	    cache_init(&m->dtlb, c->dtlb << PAGE_BITS, c->tlb_assoc, PAGE_BITS, c->evict))
		return m;
	if (m) {
		struct cache *all[] = {&m->icache, &m->dcache, &m->itlb, &m->dtlb};
		for (int k = 0; k < 4; k++) {
			free(all[k]->tags);
			free(all[k]->stamp);
		}
	}
	free(m);
	return NULL;
}

/* The instruction's mnemonic as objdump writes it; the caller frees it. */
static inline char *insn_mnemonic(const struct rvx_plugin_insn *insn)
{
	char *text = rvx_plugin_insn_disas(insn), *space = text ? strpbrk(text, " \t") : NULL;
	if (space)
		*space = 0;
	return text;
}

#endif
