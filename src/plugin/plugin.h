/* Plugins (include/rvx-plugin.h): what the engines and the Linux layer call. Nothing here
 * runs unless m->plugins is set, and translated code does not change when it is not. */
#ifndef RVX_PLUGIN_INTERNAL_H
#define RVX_PLUGIN_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "../../include/rvx-plugin.h"
#include "../machine.h"

#define PLUGIN_TB_MAX      64
#define PLUGIN_SCOREBOARDS 64  /* per machine */
#define PLUGIN_MAX_VCPUS   256 /* at once */
#define PLUGIN_FIRSTS      16  /* shared first actions remembered */
#define PLUGIN_TIED        4   /* counters tied to instret, at most (a vCPU's tied[]) */
/* meminfo bits above the size shift */
#define PLUGIN_MEM_SIGN   4u
#define PLUGIN_MEM_STORE  8u
#define PLUGIN_MEM_ATOMIC 16u

struct rvx_plugin_scoreboard {
	struct rvx_plugins *p;
	int index;    /* in cpu->plugin_sb */
	int area_off; /* a running vCPU's element in its plugin_area, or -1 */
	bool may_tie; /* its plugin cannot read an element but through the API (tie_counters) */
	size_t size;
	void **elems; /* by vCPU index, under p->lock */
	int nelems;
};

/* One action registered on a block or instruction, run each time it runs. */
struct plugin_action {
	enum { ACT_CALL, ACT_INLINE, ACT_COND, ACT_MEM } kind;
	rvx_plugin_vcpu_mem_cb_t mem_cb; /* ACT_MEM; an inline one is ACT_INLINE in a mem list */
	enum rvx_plugin_mem_rw rw;       /* in a mem list: which accesses */
	rvx_plugin_vcpu_udata_cb_t cb;
	void *userdata;
	enum rvx_plugin_op op;
	enum rvx_plugin_cond cond;
	rvx_plugin_u64 entry;
	uint64_t imm;
};

/* Small, as thousands of instructions carry one before a program's main: a first action equal
 * to one seen before shares its copy (cap 0: read-only, copied before another is added). */
struct plugin_actions {
	struct plugin_action *v;
	uint16_t n, cap;
	bool calls; /* some action is not an inline operation */
};

struct rvx_plugin_insn {
	uint64_t vaddr;
	uint32_t bits;
	struct rv_insn dec;
	struct rvx_plugin_tb *tb;
	struct plugin_actions actions;
	struct plugin_actions mem; /* after each access (rw in the action's op field's place) */
};

struct rvx_plugin_tb {
	struct rvx_plugins *p;
	uint64_t vaddr;
	struct plugin_actions actions;
	bool instrumented;          /* some block or instruction action */
	struct rvx_plugin_tb *next; /* the interpreter's block table */
	const uint8_t *bytes;       /* the code it was formed from, to tell a change (after insns[]) */
	uint32_t nbytes;
	size_t n;
	struct rvx_plugin_insn insns[]; /* n of them, up to PLUGIN_TB_MAX: sized to the block, as
					 * thousands of blocks are formed before a program's main */
};

struct plugin;

/* The machine's plugins: what they registered, the vCPU indices and scoreboards. */
struct rvx_plugins {
	struct rvx_machine *m;
	struct plugin *list;
	pthread_mutex_t lock;                       /* vCPU indices, scoreboards, the block table, symbols */
	pthread_mutex_t trans_lock;                 /* translation callbacks run one at a time */
	bool ended;                                 /* the exit callbacks ran */
	bool out_midline;                           /* the plugins' output ended without a newline */
	uint64_t vcpus_used[PLUGIN_MAX_VCPUS / 64]; /* vCPU indices in use */
	int num_vcpus;                              /* highest index given out + 1 */
	struct rvx_plugin_scoreboard *scores[PLUGIN_SCOREBOARDS]; /* by index, as in cpu->plugin_sb */
	int nscores;
	size_t area_used;                        /* of every vCPU's plugin_area */
	struct rvx_vcpu *live[PLUGIN_MAX_VCPUS]; /* by vCPU index */
	/* which hooks anyone registered */
	bool tb_trans, syscall_hooks;
	/* the interpreter's blocks, by pc */
	struct rvx_plugin_tb **tb_hash;
	struct plugin_chunk
	    *chunks; /* blocks and actions: freed with the machine, as translated code may point at them */
	/* first actions already made, each shared by the lists that begin with it (under
	 * trans_lock, as registrations run in translation callbacks) */
	struct plugin_action *firsts[PLUGIN_FIRSTS];
	unsigned nfirsts;
	uint64_t tb_gen; /* m->code_gen the table belongs to */
	/* Counters tied to instret (decided once, at the first block: tie_counters in hooks.c): while
	 * a vCPU runs, its element holds the count minus its instret, so that a block whose
	 * additions to it equal its instruction count, as an instruction counter's do, adds
	 * nothing; the API adds instret back wherever the value is read or set. */
	rvx_plugin_u64 tied[PLUGIN_TIED];
	int ntied;
	bool tie_decided;
	void (*unload)(struct rvx_plugins *p); /* dlclose and free each plugin */
};

/* Frees the plugins with the machine (rvx_add_plugin loads them). */
void plugins_free(struct rvx_machine *m);

/* The vCPU's thread starts / ends. */
void plugins_vcpu_init(struct rvx_vcpu *cpu);
void plugins_vcpu_exit(struct rvx_vcpu *cpu);
/* The guest process ends. */
void plugins_atexit(struct rvx_machine *m);

/* Around a syscall: true when a filter skipped it (*ret is the result). */
bool plugins_syscall(struct rvx_vcpu *cpu, uint64_t nr, const uint64_t *a, long *ret);
void plugins_syscall_ret(struct rvx_vcpu *cpu, uint64_t nr, long ret);
/* A signal's handler is entered, or a handler returns (RVX_PLUGIN_DISCON_*). */
void plugins_discontinuity(struct rvx_vcpu *cpu, int type, uint64_t from, uint64_t to);

/* The block at pc (the instructions both engines run as one plugin block), shown to the
 * translation callbacks when first formed; NULL when pc cannot be fetched. */
struct rvx_plugin_tb *plugins_tb_get(struct rvx_vcpu *cpu, uint64_t pc);
/* Inline additions summed per counter (a block's, or some of its instructions') */
#define PLUGIN_SUMS 8
struct plugin_sums {
	rvx_plugin_u64 entry[PLUGIN_SUMS];
	uint64_t sum[PLUGIN_SUMS];
	int n;
};
/* imm added to e's sum / the additions of l added up: false when s has no room for another
 * counter or some action of l is not an inline addition. */
bool plugin_sums_put(struct plugin_sums *s, rvx_plugin_u64 e, uint64_t imm);
bool plugin_sums_add(struct plugin_sums *s, const struct plugin_actions *l);
/* The index in p->tied of the counter at e, or -1 */
int plugin_tied_index(const struct rvx_plugins *p, rvx_plugin_u64 e);
/* Runs one action for the vCPU (translated code calls it for all but inline operations). */
void plugins_run_action(struct rvx_vcpu *cpu, const struct plugin_action *a);
/* An instruction with memory actions, run by the interpreter, then its accesses reported;
 * advance: pc and instret move on as in the interpreter's loop (translated code moves them
 * itself). */
int plugins_mem_exec(struct rvx_vcpu *cpu, const struct rvx_plugin_insn *insn, bool advance);

/* The interpreter with plugins: one block (the translator's runs before it translates), or
 * blocks until something needs the run loop. */
int plugins_run_block(struct rvx_vcpu *cpu);
int plugins_interp_run(struct rvx_vcpu *cpu);

#endif
