/* The functions plugins call (include/rvx-plugin.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "../cluster/cluster.h"
#include "../linux/symbols.h"
#include "../riscv/csr.h"
#include "internal.h"

static struct plugin *plugin_of(rvx_plugin_id_t id)
{
	return (struct plugin *)(uintptr_t)id;
}

/* --- registration --- */

void rvx_plugin_register_vcpu_init_cb(rvx_plugin_id_t id, rvx_plugin_vcpu_simple_cb_t cb)
{
	plugin_of(id)->vcpu_init = cb;
}

void rvx_plugin_register_vcpu_exit_cb(rvx_plugin_id_t id, rvx_plugin_vcpu_simple_cb_t cb)
{
	plugin_of(id)->vcpu_exit = cb;
}

void rvx_plugin_register_atexit_cb(rvx_plugin_id_t id, rvx_plugin_udata_cb_t cb, void *userdata)
{
	plugin_of(id)->atexit = cb;
	plugin_of(id)->atexit_data = userdata;
}

void rvx_plugin_register_vcpu_tb_trans_cb(rvx_plugin_id_t id, rvx_plugin_vcpu_tb_trans_cb_t cb)
{
	struct plugin *pl = plugin_of(id);
	pl->tb_trans = cb;
	pl->all->tb_trans |= cb != NULL;
}

void rvx_plugin_register_vcpu_syscall_cb(rvx_plugin_id_t id, rvx_plugin_vcpu_syscall_cb_t cb)
{
	plugin_of(id)->syscall = cb;
	plugin_of(id)->all->syscall_hooks = true;
}

void rvx_plugin_register_vcpu_syscall_ret_cb(rvx_plugin_id_t id, rvx_plugin_vcpu_syscall_ret_cb_t cb)
{
	plugin_of(id)->syscall_ret = cb;
	plugin_of(id)->all->syscall_hooks = true;
}

void rvx_plugin_register_vcpu_syscall_filter_cb(rvx_plugin_id_t id, rvx_plugin_vcpu_syscall_filter_cb_t cb)
{
	plugin_of(id)->syscall_filter = cb;
	plugin_of(id)->all->syscall_hooks = true;
}

void rvx_plugin_register_vcpu_discon_cb(rvx_plugin_id_t id, enum rvx_plugin_discon_type type,
					rvx_plugin_vcpu_discon_cb_t cb)
{
	plugin_of(id)->discon = cb;
	plugin_of(id)->discon_types = type;
}

/* --- actions on blocks and instructions (translation callbacks only) --- */

/* A copy of a, shared with every list that began with an equal action (most instructions get the
 * same one); NULL when none can be made */
static struct plugin_action *shared_first(struct rvx_plugins *p, const struct plugin_action *a)
{
	struct plugin_action *v;
	for (unsigned i = 0; i < p->nfirsts && i < PLUGIN_FIRSTS; i++)
		if (!memcmp(p->firsts[i], a, sizeof *a))
			return p->firsts[i];
	v = plugin_alloc(p, sizeof *v);
	if (v) {
		*v = *a;
		p->firsts[p->nfirsts++ % PLUGIN_FIRSTS] = v;
	}
	return v;
}

static void add_action(struct rvx_plugins *p, struct plugin_actions *l, const struct plugin_action *a)
{
	struct plugin_action copy;
	if (l->n == 0) {
		memset(&copy, 0, sizeof copy); /* compared whole: no stray padding */
		copy.kind = a->kind;
		copy.mem_cb = a->mem_cb;
		copy.rw = a->rw;
		copy.cb = a->cb;
		copy.userdata = a->userdata;
		copy.op = a->op;
		copy.cond = a->cond;
		copy.entry = a->entry;
		copy.imm = a->imm;
		l->v = shared_first(p, &copy);
		if (!l->v)
			return; /* out of memory: the action is lost, as a failed registration */
		l->n = 1;
		l->cap = 0;
	} else if (l->n == l->cap || !l->cap) { /* the old list stays in the arena */
		size_t cap = 2 * (size_t)l->n;
		struct plugin_action *v = cap <= UINT16_MAX ? plugin_alloc(p, cap * sizeof *v) : NULL;
		if (!v)
			return;
		memcpy(v, l->v, (size_t)l->n * sizeof *v);
		l->v = v;
		l->cap = (uint16_t)cap;
		l->v[l->n++] = *a;
	} else {
		l->v[l->n++] = *a;
	}
	if (a->kind != ACT_INLINE)
		l->calls = true;
}

static bool valid_entry(rvx_plugin_u64 e)
{
	return e.score && e.offset + 8 <= e.score->size;
}

/* An action for a block's or an instruction's list (tb: the block, marked instrumented), when
 * it is one: a call needs its function, an inline operation or a condition a valid entry. */
static void register_action(struct plugin_actions *l, struct rvx_plugin_tb *tb, const struct plugin_action *a)
{
	struct plugin_action call = *a;
	if (a->kind == ACT_COND && a->cond == RVX_PLUGIN_COND_ALWAYS) {
		call.kind = ACT_CALL;
		a = &call;
	}
	if (((a->kind == ACT_CALL || a->kind == ACT_COND) && !a->cb) || (a->kind == ACT_MEM && !a->mem_cb) ||
	    (a->kind == ACT_COND && a->cond == RVX_PLUGIN_COND_NEVER) ||
	    ((a->kind == ACT_INLINE || a->kind == ACT_COND) && !valid_entry(a->entry)))
		return;
	add_action(tb->p, l, a);
	tb->instrumented = true;
}

void rvx_plugin_register_vcpu_tb_exec_cb(struct rvx_plugin_tb *tb, rvx_plugin_vcpu_udata_cb_t cb,
					 enum rvx_plugin_cb_flags flags, void *userdata)
{
	(void)flags;
	register_action(&tb->actions, tb, &(struct plugin_action){.kind = ACT_CALL, .cb = cb, .userdata = userdata});
}

void rvx_plugin_register_vcpu_tb_exec_inline_per_vcpu(struct rvx_plugin_tb *tb, enum rvx_plugin_op op,
						      rvx_plugin_u64 entry, uint64_t imm)
{
	register_action(&tb->actions, tb,
			&(struct plugin_action){.kind = ACT_INLINE, .op = op, .entry = entry, .imm = imm});
}

void rvx_plugin_register_vcpu_tb_exec_cond_cb(struct rvx_plugin_tb *tb, rvx_plugin_vcpu_udata_cb_t cb,
					      enum rvx_plugin_cb_flags flags, enum rvx_plugin_cond cond,
					      rvx_plugin_u64 entry, uint64_t imm, void *userdata)
{
	(void)flags;
	register_action(
	    &tb->actions, tb,
	    &(struct plugin_action){
		.kind = ACT_COND, .cb = cb, .userdata = userdata, .cond = cond, .entry = entry, .imm = imm});
}

void rvx_plugin_register_vcpu_insn_exec_cb(struct rvx_plugin_insn *insn, rvx_plugin_vcpu_udata_cb_t cb,
					   enum rvx_plugin_cb_flags flags, void *userdata)
{
	(void)flags;
	register_action(&insn->actions, insn->tb,
			&(struct plugin_action){.kind = ACT_CALL, .cb = cb, .userdata = userdata});
}

void rvx_plugin_register_vcpu_insn_exec_inline_per_vcpu(struct rvx_plugin_insn *insn, enum rvx_plugin_op op,
							rvx_plugin_u64 entry, uint64_t imm)
{
	register_action(&insn->actions, insn->tb,
			&(struct plugin_action){.kind = ACT_INLINE, .op = op, .entry = entry, .imm = imm});
}

void rvx_plugin_register_vcpu_insn_exec_cond_cb(struct rvx_plugin_insn *insn, rvx_plugin_vcpu_udata_cb_t cb,
						enum rvx_plugin_cb_flags flags, enum rvx_plugin_cond cond,
						rvx_plugin_u64 entry, uint64_t imm, void *userdata)
{
	(void)flags;
	register_action(
	    &insn->actions, insn->tb,
	    &(struct plugin_action){
		.kind = ACT_COND, .cb = cb, .userdata = userdata, .cond = cond, .entry = entry, .imm = imm});
}

void rvx_plugin_register_vcpu_mem_cb(struct rvx_plugin_insn *insn, rvx_plugin_vcpu_mem_cb_t cb,
				     enum rvx_plugin_cb_flags flags, enum rvx_plugin_mem_rw rw, void *userdata)
{
	(void)flags;
	if (rw & RVX_PLUGIN_MEM_RW)
		register_action(&insn->mem, insn->tb,
				&(struct plugin_action){.kind = ACT_MEM, .mem_cb = cb, .userdata = userdata, .rw = rw});
}

void rvx_plugin_register_vcpu_mem_inline_per_vcpu(struct rvx_plugin_insn *insn, enum rvx_plugin_mem_rw rw,
						  enum rvx_plugin_op op, rvx_plugin_u64 entry, uint64_t imm)
{
	if (rw & RVX_PLUGIN_MEM_RW)
		register_action(
		    &insn->mem, insn->tb,
		    &(struct plugin_action){.kind = ACT_INLINE, .op = op, .entry = entry, .imm = imm, .rw = rw});
}

/* meminfo: bits 0-1 the size shift, 2 sign-extended, 3 store, 4 atomic */
unsigned int rvx_plugin_mem_size_shift(rvx_plugin_meminfo_t info)
{
	return info & 3;
}

bool rvx_plugin_mem_is_sign_extended(rvx_plugin_meminfo_t info)
{
	return info & PLUGIN_MEM_SIGN;
}

bool rvx_plugin_mem_is_store(rvx_plugin_meminfo_t info)
{
	return info & PLUGIN_MEM_STORE;
}

bool rvx_plugin_mem_is_atomic(rvx_plugin_meminfo_t info)
{
	return info & PLUGIN_MEM_ATOMIC;
}

uint64_t rvx_plugin_mem_get_value(rvx_plugin_meminfo_t info)
{
	(void)info;
	return rvx_current_vcpu ? rvx_current_vcpu->plugin_mem_value : 0;
}

/* --- blocks and instructions --- */

size_t rvx_plugin_tb_n_insns(const struct rvx_plugin_tb *tb)
{
	return tb->n;
}

uint64_t rvx_plugin_tb_vaddr(const struct rvx_plugin_tb *tb)
{
	return tb->vaddr;
}

struct rvx_plugin_insn *rvx_plugin_tb_get_insn(const struct rvx_plugin_tb *tb, size_t idx)
{
	return idx < tb->n ? (struct rvx_plugin_insn *)&tb->insns[idx] : NULL;
}

uint64_t rvx_plugin_insn_vaddr(const struct rvx_plugin_insn *insn)
{
	return insn->vaddr;
}

size_t rvx_plugin_insn_size(const struct rvx_plugin_insn *insn)
{
	return insn->dec.len;
}

size_t rvx_plugin_insn_data(const struct rvx_plugin_insn *insn, void *dest, size_t len)
{
	size_t n = len < insn->dec.len ? len : insn->dec.len;
	memcpy(dest, &insn->bits, n); /* little-endian: the bytes as in memory */
	return n;
}

char *rvx_plugin_insn_disas(const struct rvx_plugin_insn *insn)
{
	char text[96];
	return strdup(rv_disasm(text, sizeof text, &insn->dec, insn->vaddr));
}

const char *rvx_plugin_insn_symbol(const struct rvx_plugin_insn *insn)
{
	return symbols_lookup(insn->tb->p->m, insn->vaddr, NULL);
}

/* --- scoreboards --- */

static void *element(struct rvx_plugin_scoreboard *s, int vcpu)
{
	if (vcpu >= s->nelems) {
		int n = vcpu + 8;
		void **v = realloc(s->elems, (size_t)n * sizeof *v);
		if (!v)
			return NULL;
		memset(v + s->nelems, 0, (size_t)(n - s->nelems) * sizeof *v);
		s->elems = v;
		s->nelems = n;
	}
	if (!s->elems[vcpu])
		s->elems[vcpu] = calloc(1, s->size);
	return s->elems[vcpu];
}

/* A vCPU's own element: in its plugin_area while it runs when the scoreboard has a place
 * there (translated code then adds to it in one instruction), else the lasting one. */
static void *live_element(struct rvx_plugin_scoreboard *s, int vcpu)
{
	struct rvx_vcpu *cpu = s->p->live[vcpu];
	if (cpu && s->area_off >= 0)
		return (uint8_t *)cpu->plugin_area + s->area_off;
	return element(s, vcpu);
}

int plugin_tied_index(const struct rvx_plugins *p, rvx_plugin_u64 e)
{
	for (int k = 0; k < p->ntied; k++)
		if (p->tied[k].score == e.score && p->tied[k].offset == e.offset)
			return k;
	return -1;
}

/* The vCPU's element of the counter at e from now on holds its value less instret */
static void tie_in(struct rvx_vcpu *cpu, rvx_plugin_u64 e)
{
	uint8_t slot = (uint8_t)(((size_t)e.score->area_off + e.offset) / 8);
	cpu->tied[cpu->ntied++] = slot;
	cpu->plugin_area[slot] -= cpu->instret;
}

/* A vCPU starts (p->lock held): its elements, the area's holding what its index had so far
 * (a tied counter's less the vCPU's instret). */
void plugin_scoreboards_attach(struct rvx_plugins *p, struct rvx_vcpu *cpu)
{
	p->live[cpu->plugin_index] = cpu;
	for (int i = 0; i < p->nscores; i++) {
		struct rvx_plugin_scoreboard *s = p->scores[i];
		void *e = s ? element(s, cpu->plugin_index) : NULL;
		if (e && s->area_off >= 0) {
			memcpy((uint8_t *)cpu->plugin_area + s->area_off, e, s->size);
			cpu->plugin_sb[i] = (uint8_t *)cpu->plugin_area + s->area_off;
		} else {
			cpu->plugin_sb[i] = e;
		}
	}
	cpu->ntied = 0;
	for (int k = 0; k < p->ntied; k++)
		if (cpu->plugin_sb[p->tied[k].score->index])
			tie_in(cpu, p->tied[k]);
}

/* A vCPU ends (p->lock held): what its area holds goes back to the lasting elements. */
void plugin_scoreboards_detach(struct rvx_plugins *p, struct rvx_vcpu *cpu)
{
	for (int k = 0; k < cpu->ntied; k++)
		cpu->plugin_area[cpu->tied[k]] += cpu->instret;
	cpu->ntied = 0;
	for (int i = 0; i < p->nscores; i++) {
		struct rvx_plugin_scoreboard *s = p->scores[i];
		void *e = s ? element(s, cpu->plugin_index) : NULL;
		if (e && s->area_off >= 0)
			memcpy(e, (uint8_t *)cpu->plugin_area + s->area_off, s->size);
		cpu->plugin_sb[i] = NULL;
	}
	p->live[cpu->plugin_index] = NULL;
}

/* Ties the counter at e to instret in every running vCPU (p->lock held; each is this one, at
 * a block's start). */
void plugin_tie(struct rvx_plugins *p, rvx_plugin_u64 e)
{
	p->tied[p->ntied++] = e;
	for (int v = 0; v < PLUGIN_MAX_VCPUS; v++) {
		struct rvx_vcpu *cpu = p->live[v];
		if (cpu && cpu->ntied < PLUGIN_TIED)
			tie_in(cpu, e);
	}
}

struct rvx_plugin_scoreboard *rvx_plugin_scoreboard_new(rvx_plugin_id_t id, size_t element_size)
{
	struct rvx_plugins *p = plugin_of(id)->all;
	struct rvx_plugin_scoreboard *s;
	size_t room = (element_size + 7) & ~(size_t)7;
	if (!element_size)
		return NULL;
	s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->p = p;
	s->size = element_size;
	s->may_tie = plugin_of(id)->no_raw_elements;
	pthread_mutex_lock(&p->lock);
	if (p->nscores == PLUGIN_SCOREBOARDS) {
		pthread_mutex_unlock(&p->lock);
		free(s);
		return NULL;
	}
	s->area_off = -1;
	if (room <= sizeof((struct rvx_vcpu *)0)->plugin_area - p->area_used) {
		s->area_off = (int)p->area_used; /* zero in every vCPU: no scoreboard had it before */
		p->area_used += room;
	}
	s->index = p->nscores++;
	p->scores[s->index] = s;
	for (int v = 0; v < PLUGIN_MAX_VCPUS; v++)
		if (p->live[v])
			p->live[v]->plugin_sb[s->index] = live_element(s, v);
	pthread_mutex_unlock(&p->lock);
	return s;
}

void rvx_plugin_scoreboard_free(struct rvx_plugin_scoreboard *s)
{
	struct rvx_plugins *p;
	bool tied = false;
	if (!s)
		return;
	p = s->p;
	pthread_mutex_lock(&p->lock);
	p->scores[s->index] = NULL;
	for (int v = 0; v < PLUGIN_MAX_VCPUS; v++)
		if (p->live[v])
			p->live[v]->plugin_sb[s->index] = NULL;
	for (int k = 0; k < p->ntied; k++)
		tied |= p->tied[k].score == s;
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < s->nelems; i++)
		free(s->elems[i]);
	free(s->elems);
	s->elems = NULL;
	s->nelems = 0;
	if (!tied) /* a tied counter's place is still taken from by every block: it stays named */
		free(s);
}

void *rvx_plugin_scoreboard_find(struct rvx_plugin_scoreboard *s, unsigned int vcpu_index)
{
	struct rvx_vcpu *cpu = rvx_current_vcpu;
	void *e;
	if (vcpu_index >= PLUGIN_MAX_VCPUS)
		return NULL;
	if (cpu && cpu->plugin_index == (int)vcpu_index && cpu->m == s->p->m && cpu->plugin_sb[s->index])
		return cpu->plugin_sb[s->index]; /* a callback's own vCPU: no lock */
	pthread_mutex_lock(&s->p->lock);
	e = live_element(s, (int)vcpu_index);
	pthread_mutex_unlock(&s->p->lock);
	return e;
}

static uint64_t *u64_at(rvx_plugin_u64 e, unsigned int vcpu_index)
{
	uint8_t *base = rvx_plugin_scoreboard_find(e.score, vcpu_index);
	return base ? (uint64_t *)(void *)(base + e.offset) : NULL;
}

/* What the element of a counter tied to instret lacks: the vCPU's instret while it runs */
static uint64_t tied_part(rvx_plugin_u64 e, unsigned int vcpu_index)
{
	struct rvx_plugins *p = e.score->p;
	struct rvx_vcpu *cpu = rvx_current_vcpu;
	uint64_t v = 0;
	if (plugin_tied_index(p, e) < 0 || vcpu_index >= PLUGIN_MAX_VCPUS)
		return 0;
	if (cpu && cpu->plugin_index == (int)vcpu_index && cpu->m == p->m)
		return cpu->instret;
	pthread_mutex_lock(&p->lock);
	if (p->live[vcpu_index]) /* another vCPU's, as it runs: a count it reached */
		v = __atomic_load_n(&p->live[vcpu_index]->instret, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&p->lock);
	return v;
}

void rvx_plugin_u64_add(rvx_plugin_u64 e, unsigned int vcpu_index, uint64_t added)
{
	uint64_t *v = u64_at(e, vcpu_index);
	if (v)
		*v += added;
}

uint64_t rvx_plugin_u64_get(rvx_plugin_u64 e, unsigned int vcpu_index)
{
	uint64_t *v = u64_at(e, vcpu_index);
	return v ? *v + tied_part(e, vcpu_index) : 0;
}

void rvx_plugin_u64_set(rvx_plugin_u64 e, unsigned int vcpu_index, uint64_t value)
{
	uint64_t *v = u64_at(e, vcpu_index);
	if (v)
		*v = value - tied_part(e, vcpu_index);
}

uint64_t rvx_plugin_u64_sum(rvx_plugin_u64 e)
{
	uint64_t sum = 0;
	bool tied;
	pthread_mutex_lock(&e.score->p->lock);
	tied = plugin_tied_index(e.score->p, e) >= 0;
	for (int i = 0; i < PLUGIN_MAX_VCPUS; i++) {
		struct rvx_vcpu *cpu = e.score->p->live[i];
		const uint8_t *base =
		    cpu || (i < e.score->nelems && e.score->elems[i]) ? live_element(e.score, i) : NULL;
		if (base)
			sum += *(const uint64_t *)(const void *)(base + e.offset);
		if (base && cpu && tied)
			sum += __atomic_load_n(&cpu->instret, __ATOMIC_RELAXED);
	}
	pthread_mutex_unlock(&e.score->p->lock);
	return sum;
}

/* --- registers and memory of the running vCPU --- */

enum { REG_PC = 32, REG_F0 = 33, REG_FFLAGS = 65, REG_FRM, REG_FCSR };

int rvx_plugin_find_register(const char *name)
{
	char *end;
	long n;
	if (!name)
		return -1;
	for (int i = 0; i < 32; i++) { /* the disassembler's names, which are gdb's */
		if (!strcmp(name, rv_xreg_name((unsigned)i)))
			return i;
		if (!strcmp(name, rv_freg_name((unsigned)i)))
			return REG_F0 + i;
	}
	if (!strcmp(name, "fp"))
		return 8;
	if (!strcmp(name, "pc"))
		return REG_PC;
	if (!strcmp(name, "fflags"))
		return REG_FFLAGS;
	if (!strcmp(name, "frm"))
		return REG_FRM;
	if (!strcmp(name, "fcsr"))
		return REG_FCSR;
	if ((name[0] == 'x' || name[0] == 'f') && name[1] >= '0' && name[1] <= '9') {
		n = strtol(name + 1, &end, 10);
		if (!*end && n >= 0 && n < 32 && (n < 10 || name[1] != '0'))
			return name[0] == 'x' ? (int)n : REG_F0 + (int)n;
	}
	return -1;
}

int rvx_plugin_read_register(int handle, void *buf, size_t len)
{
	struct rvx_vcpu *cpu = rvx_current_vcpu;
	uint64_t v;
	uint32_t w;
	if (!cpu || !buf || handle < 0 || handle > REG_FCSR)
		return -1;
	if (handle >= REG_FFLAGS) {
		w = handle == REG_FFLAGS ? cpu->fflags : handle == REG_FRM ? cpu->frm : cpu->frm << 5 | cpu->fflags;
		if (len < 4)
			return -1;
		memcpy(buf, &w, 4);
		return 4;
	}
	v = handle < 32 ? cpu->x[handle] : handle == REG_PC ? cpu->pc : cpu->f[handle - REG_F0];
	if (len < 8)
		return -1;
	memcpy(buf, &v, 8);
	return 8;
}

bool rvx_plugin_write_register(int handle, const void *buf, size_t len)
{
	struct rvx_vcpu *cpu = rvx_current_vcpu;
	uint64_t v = 0;
	uint32_t w = 0;
	if (!cpu || !buf || handle <= 0 || handle == REG_PC || handle > REG_FCSR)
		return false;
	if (handle >= REG_FFLAGS) {
		if (len < 4)
			return false;
		memcpy(&w, buf, 4);
		if (handle == REG_FFLAGS || handle == REG_FCSR)
			cpu->fflags = w & 0x1f;
		if (handle == REG_FRM)
			cpu->frm = w & 7;
		if (handle == REG_FCSR)
			cpu->frm = (w >> 5) & 7;
		return true;
	}
	if (len < 8)
		return false;
	memcpy(&v, buf, 8);
	if (handle < 32)
		cpu->x[handle] = v;
	else if (handle >= REG_F0 && handle < REG_F0 + 32)
		cpu->f[handle - REG_F0] = v;
	return true;
}

bool rvx_plugin_read_memory_vaddr(uint64_t addr, void *buf, size_t len)
{
	struct rvx_vcpu *cpu = rvx_current_vcpu;
	if (!cpu || !space_check(&cpu->m->space, addr, len, 0))
		return false;
	memcpy(buf, g2h(&cpu->m->space, addr), len);
	return true;
}

bool rvx_plugin_write_memory_vaddr(uint64_t addr, const void *buf, size_t len)
{
	struct rvx_vcpu *cpu = rvx_current_vcpu;
	if (!cpu || !space_check(&cpu->m->space, addr, len, 0))
		return false;
	if (!space_poke(&cpu->m->space, addr, buf, len))
		return false;
	machine_code_changed(cpu->m, addr, len);
	return true;
}

/* --- the rest --- */

void rvx_plugin_outs(rvx_plugin_id_t id, const char *string)
{
	struct rvx_plugins *p = plugin_of(id)->all;
	struct rvx_machine *m = p->m;
	FILE *f = m->log ? m->log : stderr;
	int rank = cluster_rank(m);
	if (!(m->cfg.debug & RVX_LOG_PLUGIN)) /* as QEMU's: shown with -d plugin */
		return;
	flockfile(f);
	while (*string) { /* in cluster mode each rank's plugins speak: every line says which */
		const char *nl = strchr(string, '\n');
		size_t n = nl ? (size_t)(nl - string + 1) : strlen(string);
		char *line = NULL; /* one write: the ranks' output meets in one stream */
		if (rank >= 0 && !p->out_midline && asprintf(&line, "rank %d: %.*s", rank, (int)n, string) >= 0)
			fputs(line, f);
		else
			fwrite(string, 1, n, f);
		free(line);
		p->out_midline = !nl;
		string += n;
	}
	fflush(f);
	funlockfile(f);
}

bool rvx_plugin_bool_parse(const char *name, const char *value, bool *ret)
{
	static const char *const yes[] = {"on", "true", "yes"}, *const no[] = {"off", "false", "no"};
	(void)name;
	for (int i = 0; value && i < 3; i++) {
		if (!strcasecmp(value, yes[i]) || !strcasecmp(value, no[i])) {
			*ret = !strcasecmp(value, yes[i]);
			return true;
		}
	}
	return false;
}

int rvx_plugin_num_vcpus(rvx_plugin_id_t id)
{
	struct rvx_plugins *p = plugin_of(id)->all;
	int n;
	pthread_mutex_lock(&p->lock);
	n = p->num_vcpus;
	pthread_mutex_unlock(&p->lock);
	return n;
}

const char *rvx_plugin_path_to_binary(rvx_plugin_id_t id)
{
	return plugin_of(id)->all->m->exe_path;
}

uint64_t rvx_plugin_start_code(rvx_plugin_id_t id)
{
	return plugin_of(id)->all->m->code_start;
}

uint64_t rvx_plugin_end_code(rvx_plugin_id_t id)
{
	return plugin_of(id)->all->m->code_end;
}

uint64_t rvx_plugin_entry_code(rvx_plugin_id_t id)
{
	return plugin_of(id)->all->m->entry;
}
