/* Where the emulator calls the plugins: vCPUs, syscalls, the end, and blocks (formed here for
 * both engines; run here for the interpreter). */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../gdb/gdb.h"
#include "../interp/interp.h"
#include "internal.h"

#define TB_HASH 4096

/* --- vCPUs --- */

void plugins_vcpu_init(struct rvx_vcpu *cpu)
{
	struct rvx_plugins *p = cpu->m->plugins;
	int i;
	if (!p || cpu->plugin_index >= 0)
		return;
	pthread_mutex_lock(&p->lock);
	for (i = 0; i < PLUGIN_MAX_VCPUS && (p->vcpus_used[i / 64] >> (i % 64) & 1); i++)
		;
	if (i < PLUGIN_MAX_VCPUS) {
		p->vcpus_used[i / 64] |= 1ull << (i % 64);
		if (i >= p->num_vcpus)
			p->num_vcpus = i + 1;
		cpu->plugin_index = i;
		plugin_scoreboards_attach(p, cpu);
	}
	pthread_mutex_unlock(&p->lock);
	if (cpu->plugin_index < 0) {
		fprintf(stderr, "rvx: plugins: more than %d threads at once\n", PLUGIN_MAX_VCPUS);
		_exit(70);
	}
	for (struct plugin *pl = p->list; pl; pl = pl->next)
		if (pl->vcpu_init)
			pl->vcpu_init(plugin_id(pl), (unsigned)cpu->plugin_index);
}

void plugins_vcpu_exit(struct rvx_vcpu *cpu)
{
	struct rvx_plugins *p = cpu->m->plugins;
	int i = cpu->plugin_index;
	if (!p || i < 0)
		return;
	for (struct plugin *pl = p->list; pl; pl = pl->next)
		if (pl->vcpu_exit)
			pl->vcpu_exit(plugin_id(pl), (unsigned)i);
	pthread_mutex_lock(&p->lock);
	plugin_scoreboards_detach(p, cpu);
	p->vcpus_used[i / 64] &= ~(1ull << (i % 64));
	cpu->plugin_index = -1;
	pthread_mutex_unlock(&p->lock);
}

void plugins_atexit(struct rvx_machine *m)
{
	struct rvx_plugins *p = m->plugins;
	struct rvx_vcpu *cpu;
	if (!p || __atomic_exchange_n(&p->ended, true, __ATOMIC_SEQ_CST))
		return;
	/* as QEMU: every vCPU still there ends first (the callbacks run on this thread) */
	for (;;) {
		pthread_mutex_lock(&m->lock);
		for (cpu = m->threads; cpu && cpu->plugin_index < 0; cpu = cpu->next)
			;
		pthread_mutex_unlock(&m->lock);
		if (!cpu)
			break;
		plugins_vcpu_exit(cpu);
	}
	for (struct plugin *pl = p->list; pl; pl = pl->next)
		if (pl->atexit)
			pl->atexit(plugin_id(pl), pl->atexit_data);
}

/* --- syscalls --- */

bool plugins_syscall(struct rvx_vcpu *cpu, uint64_t nr, const uint64_t *a, long *ret)
{
	struct rvx_plugins *p = cpu->m->plugins;
	unsigned v = (unsigned)cpu->plugin_index;
	struct plugin *pl;
	for (pl = p->list; pl; pl = pl->next)
		if (pl->syscall)
			pl->syscall(plugin_id(pl), v, (int64_t)nr, a[0], a[1], a[2], a[3], a[4], a[5], 0, 0);
	for (pl = p->list; pl; pl = pl->next) {
		uint64_t r = 0;
		if (pl->syscall_filter &&
		    pl->syscall_filter(plugin_id(pl), v, (int64_t)nr, a[0], a[1], a[2], a[3], a[4], a[5], 0, 0, &r)) {
			*ret = (long)r;
			return true;
		}
	}
	return false;
}

void plugins_syscall_ret(struct rvx_vcpu *cpu, uint64_t nr, long ret)
{
	for (struct plugin *pl = cpu->m->plugins->list; pl; pl = pl->next)
		if (pl->syscall_ret)
			pl->syscall_ret(plugin_id(pl), (unsigned)cpu->plugin_index, (int64_t)nr, ret);
}

void plugins_discontinuity(struct rvx_vcpu *cpu, int type, uint64_t from, uint64_t to)
{
	for (struct plugin *pl = cpu->m->plugins->list; pl; pl = pl->next)
		if (pl->discon && (pl->discon_types & type))
			pl->discon(plugin_id(pl), (unsigned)cpu->plugin_index, (enum rvx_plugin_discon_type)type, from,
				   to);
}

/* --- blocks --- */

/* The instruction at pc, when all of it can be fetched (page_ok: pc's whole page can). */
static bool fetch(struct rvx_machine *m, uint64_t pc, bool page_ok, uint32_t *bits)
{
	uint16_t lo, hi;
	if ((pc & 1) || (!page_ok && !space_check(&m->space, pc, 2, PROT_EXEC)))
		return false;
	memcpy(&lo, g2h(&m->space, pc), 2);
	*bits = lo;
	if (rv_insn_length(lo) == 2)
		return true;
	if ((!page_ok || ((pc + 2) & (RVX_PAGE_SIZE - 1)) == 0) && !space_check(&m->space, pc + 2, 2, PROT_EXEC))
		return false;
	memcpy(&hi, g2h(&m->space, pc + 2), 2);
	*bits |= (uint32_t)hi << 16;
	return true;
}

/* Blocks and their actions are carved from chunks of 2 MiB, aligned and advised for transparent
 * huge pages: a program forms thousands of blocks before its main, and on a shadow-paging VM the
 * first touch of each 4 KiB page costs about 5 us even when populated (a huge page, once). Where
 * huge pages are off, the chunk is made ready PLUGIN_STEP at a time, as a fault costs more than
 * the block that causes it. */
#define PLUGIN_CHUNK (2u << 20)
#define PLUGIN_STEP  (256u << 10)
struct plugin_chunk {
	struct plugin_chunk *next;
	size_t used, ready;
	_Alignas(16) unsigned char mem[];
};

static struct plugin_chunk *chunk_new(void)
{
	uint8_t *raw =
	    mmap(NULL, 2 * PLUGIN_CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uint8_t *c;
	if (raw == MAP_FAILED)
		return NULL;
	c = (uint8_t *)(((uintptr_t)raw + PLUGIN_CHUNK - 1) & ~(uintptr_t)(PLUGIN_CHUNK - 1));
	if (c > raw)
		munmap(raw, (size_t)(c - raw));
	munmap(c + PLUGIN_CHUNK, (size_t)(raw + PLUGIN_CHUNK - c));
	madvise(c, PLUGIN_CHUNK, MADV_HUGEPAGE); /* advice: without it the chunk works the same */
	return (struct plugin_chunk *)(void *)c;
}

void *plugin_alloc(struct rvx_plugins *p, size_t bytes)
{
	struct plugin_chunk *c;
	void *r = NULL;
	bytes = (bytes + 15) & ~(size_t)15;
	if (bytes > PLUGIN_STEP)
		return NULL; /* never: a block has at most PLUGIN_TB_MAX instructions */
	pthread_mutex_lock(&p->lock);
	c = p->chunks;
	if (!c || c->used + bytes > PLUGIN_CHUNK - sizeof *c) {
		c = chunk_new();
		if (c) {
			c->next = p->chunks;
			p->chunks = c;
		}
	}
	if (c) {
		size_t end = sizeof *c + c->used + bytes;
		while (c->ready < end && c->ready < PLUGIN_CHUNK) { /* best effort: faults do it otherwise */
			if (madvise((uint8_t *)c + c->ready, PLUGIN_STEP, MADV_POPULATE_WRITE) != 0) {
				c->ready = PLUGIN_CHUNK; /* an older kernel */
				break;
			}
			c->ready += PLUGIN_STEP;
		}
		r = c->mem + c->used;
		c->used += bytes;
	}
	pthread_mutex_unlock(&p->lock);
	return r;
}

bool plugin_sums_put(struct plugin_sums *s, rvx_plugin_u64 e, uint64_t imm)
{
	int k;
	for (k = 0; k < s->n && (s->entry[k].score != e.score || s->entry[k].offset != e.offset); k++)
		;
	if (k == s->n) {
		if (k == PLUGIN_SUMS)
			return false;
		s->entry[k] = e;
		s->sum[s->n++] = 0;
	}
	s->sum[k] += imm;
	return true;
}

bool plugin_sums_add(struct plugin_sums *s, const struct plugin_actions *l)
{
	for (int i = 0; i < l->n; i++) {
		const struct plugin_action *a = &l->v[i];
		if (a->kind != ACT_INLINE || a->op != RVX_PLUGIN_INLINE_ADD_U64 || a->entry.offset > INT32_MAX - 8 ||
		    !plugin_sums_put(s, a->entry, a->imm))
			return false;
	}
	return true;
}

/* Once, at the machine's first block, before any of its instructions ran: each counter that
 * block adds its instruction count to, and nothing else, is tied to instret (struct
 * rvx_plugins), when it lives in the vCPU's plugin_area and its plugin cannot hold an
 * element's address. A translated block then adds to it only where its additions differ from
 * its instruction count: an instruction counter costs nothing. */
static void tie_counters(struct rvx_vcpu *cpu, struct rvx_plugin_tb *tb)
{
	struct rvx_plugins *p = tb->p;
	struct plugin_sums sums = {.n = 0};
	int live = 0;
	p->tie_decided = true;

	if (!plugin_sums_add(&sums, &tb->actions))
		return;
	for (size_t i = 0; i < tb->n; i++)
		if (tb->insns[i].mem.n || !plugin_sums_add(&sums, &tb->insns[i].actions))
			return;
	if (sums.n > PLUGIN_TIED)
		return;
	pthread_mutex_lock(&p->lock);
	for (int v = 0; v < PLUGIN_MAX_VCPUS; v++)
		live += p->live[v] != NULL;
	for (int k = 0; k < sums.n && live == 1 && cpu->plugin_index >= 0 && p->live[cpu->plugin_index] == cpu; k++) {
		rvx_plugin_u64 e = sums.entry[k];
		if (sums.sum[k] == tb->n && e.score->may_tie && e.score->area_off >= 0 && e.offset % 8 == 0 &&
		    e.offset + 8 <= e.score->size) {
			plugin_tie(p, e);
			machine_log(cpu->m, RVX_LOG_STATS,
				    "rvx: plugins: scoreboard %d's counter at offset %zu is tied to instret\n",
				    e.score->index, e.offset);
		}
	}
	pthread_mutex_unlock(&p->lock);
}

static struct rvx_plugin_tb *tb_form(struct rvx_vcpu *cpu, uint64_t pc)
{
	struct rvx_plugins *p = cpu->m->plugins;
	struct rvx_plugin_tb *tb;
	uint64_t page = pc & ~(uint64_t)(RVX_PAGE_SIZE - 1), start = pc;
	uint32_t all[PLUGIN_TB_MAX];
	struct rv_insn dec[PLUGIN_TB_MAX];
	uint8_t *bytes;
	size_t n = 0;
	/* one look at the mappings for the page, where it is all executable (the block stays in it) */
	bool page_ok = space_check(&cpu->m->space, page, RVX_PAGE_SIZE, PROT_EXEC);
	if (!fetch(cpu->m, pc, page_ok, &all[0]))
		return NULL;
	do { /* its extent first, then a block of just that size */
		rv_decode(&dec[n], all[n]);
		pc += dec[n].len;
	} while (!rv_ends_block(&dec[n++]) && n < PLUGIN_TB_MAX && (pc & ~(uint64_t)(RVX_PAGE_SIZE - 1)) == page &&
		 fetch(cpu->m, pc, page_ok, &all[n]));
	tb = plugin_alloc(p, sizeof *tb + n * sizeof tb->insns[0] + (size_t)(pc - start));
	if (!tb)
		return NULL;
	tb->p = p;
	tb->vaddr = pc = start;
	tb->bytes = bytes = (uint8_t *)&tb->insns[n];
	for (; tb->n < n; tb->n++) {
		struct rvx_plugin_insn *in = &tb->insns[tb->n];
		in->dec = dec[tb->n];
		in->vaddr = pc;
		in->bits = all[tb->n];
		in->tb = tb;
		memcpy(bytes + tb->nbytes, &in->bits, in->dec.len);
		tb->nbytes += in->dec.len;
		pc += in->dec.len;
	}
	pthread_mutex_lock(&p->trans_lock);
	for (struct plugin *pl = p->list; pl; pl = pl->next)
		if (pl->tb_trans)
			pl->tb_trans(plugin_id(pl), tb);
	if (!p->tie_decided)
		tie_counters(cpu, tb);
	pthread_mutex_unlock(&p->trans_lock);
	return tb;
}

static bool holds(uint64_t v, enum rvx_plugin_cond c, uint64_t imm)
{
	switch (c) { /* ALWAYS was registered as a call, NEVER not at all */
	case RVX_PLUGIN_COND_EQ: return v == imm;
	case RVX_PLUGIN_COND_NE: return v != imm;
	case RVX_PLUGIN_COND_LT: return v < imm;
	case RVX_PLUGIN_COND_LE: return v <= imm;
	case RVX_PLUGIN_COND_GT: return v > imm;
	case RVX_PLUGIN_COND_GE: return v >= imm;
	default: return false;
	}
}

void plugins_run_action(struct rvx_vcpu *cpu, const struct plugin_action *a)
{
	uint64_t *v = NULL;
	if (a->kind != ACT_CALL)
		v = (uint64_t *)(void *)((uint8_t *)cpu->plugin_sb[a->entry.score->index] + a->entry.offset);
	if (a->kind == ACT_INLINE && a->op == RVX_PLUGIN_INLINE_ADD_U64) {
		*v += a->imm;
		return;
	}
	/* a counter tied to instret holds its value less instret (which counts what ran before) */
	uint64_t tied = a->kind != ACT_CALL && plugin_tied_index(cpu->m->plugins, a->entry) >= 0 ? cpu->instret : 0;
	if (a->kind == ACT_INLINE) {
		*v = a->imm - tied;
	} else if (a->kind == ACT_CALL || holds(*v + tied, a->cond, a->imm)) {
		a->cb((unsigned)cpu->plugin_index, a->userdata);
	}
}

/* --- memory accesses --- */

struct access {
	uint64_t addr, value;
	uint32_t info;
	bool done; /* it happened (an SC may not store) */
};

static uint64_t low_bytes(uint64_t v, unsigned shift)
{
	return shift == 3 ? v : v & ((1ull << (8u << shift)) - 1);
}

/* The bytes at addr, when they can be read (else 0). */
static uint64_t peek(struct rvx_vcpu *cpu, uint64_t addr, unsigned shift)
{
	uint64_t v = 0;
	if (space_check(&cpu->m->space, addr, 1u << shift, PROT_READ))
		memcpy(&v, g2h(&cpu->m->space, addr), 1u << shift);
	return v;
}

/* One access to the instruction's memory actions that take its kind. */
static void report(struct rvx_vcpu *cpu, const struct rvx_plugin_insn *insn, const struct access *acc)
{
	unsigned rw = acc->info & PLUGIN_MEM_STORE ? RVX_PLUGIN_MEM_W : RVX_PLUGIN_MEM_R;
	for (int i = 0; i < insn->mem.n; i++) {
		const struct plugin_action *a = &insn->mem.v[i];
		if (!(a->rw & rw))
			continue;
		if (a->kind == ACT_INLINE) {
			plugins_run_action(cpu, a);
		} else {
			cpu->plugin_mem_value = acc->value;
			a->mem_cb((unsigned)cpu->plugin_index, acc->info, acc->addr, a->userdata);
		}
	}
}

/* A vector load or store: each element it accesses (the interpreter notes them), in order. An
 * element that faults, and those after it, are not reported. */
static int vector_mem_exec(struct rvx_vcpu *cpu, const struct rvx_plugin_insn *insn, bool advance)
{
	int st;
	if (!cpu->vaccess_buf) {
		cpu->vaccess_buf = malloc(RVX_VACCESS_MAX(cpu->vlenb) * sizeof *cpu->vaccess_buf);
		if (!cpu->vaccess_buf) {
			fprintf(stderr, "rvx: plugins: out of memory for a vector instruction's accesses\n");
			_exit(70);
		}
	}
	cpu->vaccess = cpu->vaccess_buf;
	cpu->nvaccess = 0;
	st = advance ? interp_execute(cpu, &insn->dec) : interp_dispatch(cpu, &insn->dec);
	cpu->vaccess = NULL;
	for (uint32_t k = 0; k < cpu->nvaccess; k++) {
		const struct rvx_vaccess *v = &cpu->vaccess_buf[k];
		struct access acc = {.addr = v->addr, .value = v->value, .done = true};
		acc.info = (uint32_t)__builtin_ctz(v->size) | (v->store ? PLUGIN_MEM_STORE : 0);
		report(cpu, insn, &acc);
	}
	return st;
}

/* A scalar load, store or atomic: its one or two accesses, from the operands and the result. */
static int scalar_mem_exec(struct rvx_vcpu *cpu, const struct rvx_plugin_insn *insn, bool advance)
{
	const struct rv_insn *in = &insn->dec;
	enum rv_format fmt = rv_op_format(in->op);
	unsigned shift = rv_access_shift(in->op);
	struct access acc[2] = {{0}};
	uint64_t addr = cpu->x[in->rs1] + (fmt == F_LR || fmt == F_AMO ? 0 : (uint64_t)in->imm);
	bool sc = in->op == RV_SC_W || in->op == RV_SC_D;
	int n = 0, st;

	acc[0].addr = acc[1].addr = addr;
	acc[0].info = acc[1].info = shift;
	switch (fmt) {
	case F_LOAD:
		acc[0].info |= in->op == RV_LB || in->op == RV_LH || in->op == RV_LW ? PLUGIN_MEM_SIGN : 0;
		n = 1;
		break;
	case F_LR: acc[0].info |= PLUGIN_MEM_ATOMIC | (shift == 2 ? PLUGIN_MEM_SIGN : 0); /* fall through */
	case F_FLOAD: n = 1; break;
	case F_STORE: acc[0].value = low_bytes(cpu->x[in->rs2], shift); goto store;
	case F_FSTORE: acc[0].value = low_bytes(cpu->f[in->rs2], shift); goto store;
	case F_AMO:
		if (sc) {
			acc[0].value = low_bytes(cpu->x[in->rs2], shift);
			acc[0].info |= PLUGIN_MEM_ATOMIC;
			goto store;
		}
		acc[0].value = peek(cpu, addr, shift); /* the old value: rd may be x0 */
		acc[0].info |= PLUGIN_MEM_ATOMIC | (shift == 2 ? PLUGIN_MEM_SIGN : 0);
		acc[1].info |= PLUGIN_MEM_ATOMIC | PLUGIN_MEM_STORE;
		n = 2;
		break;
	store:
		acc[0].info |= PLUGIN_MEM_STORE;
		n = 1;
		break;
	default: break;
	}
	st = advance ? interp_execute(cpu, in) : interp_dispatch(cpu, in);
	if (st != EXEC_NEXT || !n) /* a fault does not come back here at all */
		return st;
	acc[0].done = true;
	if (fmt == F_LOAD || fmt == F_LR)
		acc[0].value = in->rd ? low_bytes(cpu->x[in->rd], shift) : peek(cpu, addr, shift);
	else if (fmt == F_FLOAD)
		acc[0].value = low_bytes(cpu->f[in->rd], shift);
	else if (sc) /* succeeded: rd is 0 (with rd x0, memory tells) */
		acc[0].done = in->rd ? cpu->x[in->rd] == 0 : peek(cpu, addr, shift) == acc[0].value;
	else if (n == 2)
		acc[1].value = peek(cpu, addr, shift), acc[1].done = true;
	for (int k = 0; k < n; k++)
		if (acc[k].done)
			report(cpu, insn, &acc[k]);
	return st;
}

int plugins_mem_exec(struct rvx_vcpu *cpu, const struct rvx_plugin_insn *insn, bool advance)
{
	if (rv_op_format(insn->dec.op) == F_VMEM)
		return vector_mem_exec(cpu, insn, advance);
	return scalar_mem_exec(cpu, insn, advance);
}

static void run_actions(struct rvx_vcpu *cpu, const struct plugin_actions *l)
{
	for (int i = 0; i < l->n; i++)
		plugins_run_action(cpu, &l->v[i]);
}

/* The block at pc, formed once for both the interpreter and the translator: the table follows
 * the guest code's changes as the decode cache does (a change drops it; the bytes are compared
 * for code written without fence.i). */
static bool same_code(struct rvx_vcpu *cpu, const struct rvx_plugin_tb *tb, uint64_t pc)
{
	return tb->vaddr == pc && space_check(&cpu->m->space, pc, tb->nbytes, PROT_EXEC) &&
	       !memcmp(tb->bytes, g2h(&cpu->m->space, pc), tb->nbytes);
}

struct rvx_plugin_tb *plugins_tb_get(struct rvx_vcpu *cpu, uint64_t pc)
{
	struct rvx_plugins *p = cpu->m->plugins;
	uint64_t gen = __atomic_load_n(&cpu->m->code_gen, __ATOMIC_SEQ_CST);
	struct rvx_plugin_tb *tb, **slot, **mine = &cpu->plugin_tbc[(pc >> 1) & 255];
	if (cpu->plugin_tbc_gen != gen) { /* this vCPU's own recent blocks first: no lock */
		memset(cpu->plugin_tbc, 0, sizeof cpu->plugin_tbc);
		cpu->plugin_tbc_gen = gen;
	}
	/* as the decode cache: the code's mapping cannot have changed while gen has not */
	if (*mine && (*mine)->vaddr == pc && !memcmp((*mine)->bytes, g2h(&cpu->m->space, pc), (*mine)->nbytes))
		return *mine;
	pthread_mutex_lock(&p->lock);
	if (!p->tb_hash)
		p->tb_hash = calloc(TB_HASH, sizeof *p->tb_hash);
	if (p->tb_gen != gen && p->tb_hash) {
		memset(p->tb_hash, 0, TB_HASH * sizeof *p->tb_hash);
		p->tb_gen = gen;
	}
	slot = p->tb_hash ? &p->tb_hash[(pc >> 1) & (TB_HASH - 1)] : NULL;
	for (tb = slot ? *slot : NULL; tb && !same_code(cpu, tb, pc); tb = tb->next)
		;
	pthread_mutex_unlock(&p->lock);
	if (tb)
		return *mine = tb;
	tb = tb_form(cpu, pc);
	if (tb && slot) {
		pthread_mutex_lock(&p->lock);
		if (p->tb_gen == gen) {
			tb->next = *slot;
			*slot = tb;
		}
		pthread_mutex_unlock(&p->lock);
	}
	if (tb)
		*mine = tb;
	return tb;
}

int plugins_run_block(struct rvx_vcpu *cpu)
{
	struct rvx_plugin_tb *tb = plugins_tb_get(cpu, cpu->pc);
	if (!tb) {
		struct rv_insn unused;
		interp_decode(cpu, cpu->pc, &unused); /* raises the guest's fetch fault */
		return EXEC_NEXT;
	}
	run_actions(cpu, &tb->actions);
	for (size_t i = 0; i < tb->n; i++) {
		int st;
		if (cpu->m->gdb && gdb_break_at(cpu->m->gdb, tb->insns[i].vaddr))
			return EXEC_DEBUG; /* as a fault: the block's later instructions have not run */
		run_actions(cpu, &tb->insns[i].actions);
		if (tb->insns[i].mem.n)
			st = plugins_mem_exec(cpu, &tb->insns[i], true);
		else
			st = interp_execute(cpu, &tb->insns[i].dec);
		if (st != EXEC_NEXT)
			return st;
	}
	return EXEC_NEXT;
}

int plugins_interp_run(struct rvx_vcpu *cpu)
{
	for (;;) {
		int st;
		if (__builtin_expect(cpu->interrupt, 0))
			return EXEC_NEXT;
		st = plugins_run_block(cpu);
		if (st != EXEC_NEXT && st != EXEC_JUMPED)
			return st;
	}
}

void plugins_free(struct rvx_machine *m)
{
	struct rvx_plugins *p = m->plugins;
	if (!p)
		return;
	while (p->chunks) {
		struct plugin_chunk *c = p->chunks;
		p->chunks = c->next;
		munmap(c, PLUGIN_CHUNK);
	}
	free(p->tb_hash);
	for (int k = 0; k < p->ntied; k++) { /* one a plugin freed: kept for the blocks (api.c) */
		struct rvx_plugin_scoreboard *s = p->tied[k].score;
		if (!s || p->scores[s->index] == s)
			continue;
		for (int j = k; j < p->ntied; j++)
			if (p->tied[j].score == s)
				p->tied[j].score = NULL;
		free(s);
	}
	p->unload(p); /* each plugin by its loader (dlclose, or so_unmap with its destructors) */
	pthread_mutex_destroy(&p->lock);
	pthread_mutex_destroy(&p->trans_lock);
	free(p);
	m->plugins = NULL;
}
