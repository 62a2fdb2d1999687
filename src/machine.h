/* One emulated process (machine) and its guest threads (vCPUs). Internal to the library. */
#ifndef RVX_MACHINE_H
#define RVX_MACHINE_H

#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../include/rvx.h"
#include "mem/space.h"
#include "riscv/insn.h"

struct jit_cache;
struct cluster;
struct jit_jc_entry;
struct guest_symbols;
struct rvx_gdb;

#define RVX_NSIG          65                                         /* guest signals 1..64 */
#define RVX_VLENB_MAX     128                                        /* VLEN up to 1024 bits */
#define RVX_VLENB_DEFAULT 16                                         /* VLEN 128, as QEMU's */
enum { V_CTRL_DEFAULT, V_CTRL_OFF, V_CTRL_ON, V_CTRL_INHERIT = 16 }; /* PR_RISCV_V_VSTATE_CTRL_* */

struct guest_sigaction {
	uint64_t handler, flags, mask;
};

/* Decoded-instruction cache entry: the interpreter's view of the code cache. */
struct decode_entry {
	uint64_t pc;
	uint32_t bits; /* what it was decoded from */
	struct rv_insn insn;
};
#define DECODE_CACHE_SIZE 16384

enum vcpu_state { VCPU_IN_EMU, VCPU_IN_GUEST, VCPU_IN_SYSCALL, VCPU_DELIVERING };

/* A translated division site's divisor, its reciprocal and shift, and the last divisor seen. */
struct div_magic {
	uint64_t d, m, sh, last;
};
#define DIV_MAGIC_SLOTS 64

/* A split-aware access's look-up in translated code, remembered per site (sites share one modulo
 * RVX_SPLIT_MEMOS): address from goes to to, itself where its page is whole; a split page's
 * address is remembered where it is 8-aligned, so that no site's access from it leaves its unit.
 * Each vCPU drops them when the split table changes (split_gen) and on a split page's fault. */
struct rvx_split_memo {
	uint64_t from, to;
};
#define RVX_SPLIT_MEMOS 8

/* One element access of a vector load or store, for plugins' memory callbacks. */
struct rvx_vaccess {
	uint64_t addr, value;
	uint8_t size;
	bool store;
};
/* The most element accesses one vector instruction makes: 8 registers of bytes. */
#define RVX_VACCESS_MAX(vlenb) (8u * (vlenb))

struct rvx_vcpu {
	uint64_t x[32];
	uint64_t f[32];
	uint64_t pc;
	uint32_t fflags, frm;
	uint64_t instret;
	uint64_t res_addr, res_val; /* LR/SC reservation */
	bool res_valid;
	uint32_t res_gen; /* cluster: the reservation's page group's count of pages that left */
	struct rvx_machine *m;
	/* what translated code reads and writes, from x[] on: within the vCPU's first page */
	void *plugin_sb[64];             /* plugins: this vCPU's element of each scoreboard, for translated code */
	uint64_t plugin_area[64];        /* plugins: small scoreboards' elements while the vCPU runs */
	volatile sig_atomic_t interrupt; /* async signal waiting in pending */
	uint64_t addr_mask;              /* bits no guest address has */
	const struct rvx_split_entry *split_tab;           /* cluster: the pages split here (NULL: none can be) */
	struct rvx_split_memo split_memo[RVX_SPLIT_MEMOS]; /* its last look-ups (rvx_split_memo_clear) */
	uint64_t split_memo_gen;                           /* the machine's split_gen they were made in */
	uint32_t mxcsr_tmp;                                /* scratch for ldmxcsr/stmxcsr in translated code */
	uint64_t div_other; /* the other half of a translated division, for its partner */
	uint64_t fault_addr;
	/* unsigned divisions by a divisor seen twice in a row become a multiplication: per site
	 * (sites share one modulo the size) */
	struct div_magic div_magic[DIV_MAGIC_SLOTS];
	uint64_t div_tmp[2];
	uint64_t chain_site;         /* jump of the last block exit to patch, if any */
	struct jit_jc_entry *jcache; /* inline jump cache for indirect jumps */
	uint32_t jc_mask;            /* a target pc's entry is at (pc & jc_mask) * 8: its first part or all of it */

	volatile enum vcpu_state state;
	sigjmp_buf fault_jmp;
	int fault_sig, fault_code; /* a host fault caught in guest code or a syscall */
	int fault_replay;          /* the fault was in code that did the work of this many instructions at once */

	uint64_t sigmask;    /* guest blocked set, bit (sig-1) */
	uint64_t saved_mask; /* mask to restore after a handler run from sigsuspend */
	bool has_saved_mask;
	volatile uint64_t pending; /* caught, not yet delivered, bit (sig-1) */
	siginfo_t pending_info[RVX_NSIG];
	/* cluster: signals another rank forwarded (bit sig-1), with their information, which the
	 * host signal that wakes this thread stands for */
	volatile uint64_t forwarded;
	siginfo_t forwarded_info[RVX_NSIG];
	uint64_t ss_sp, ss_size; /* sigaltstack */
	int ss_flags;

	int tid;
	int host_tid;                  /* in a cluster, the host thread's id on its rank (tid is the master's) */
	uint64_t retry_pc, retry_addr; /* in a cluster, a fault run again once the master's maps are in */
	uint64_t split_retry_pc, split_retry_addr; /* in a cluster, a fault on a split page run again */
	uint32_t split_retries;
	int migrate_to;                 /* in a cluster, the rank + 1 this thread moves to at its next safe point */
	int group;                      /* the last group hint it ran (rv_is_group_hint), 0: none */
	bool vfork_child;               /* shares memory with a parent waiting for its exec or exit */
	struct guest_sigaction *sigact; /* the machine's, or a vfork child's own copy */
	uint64_t clear_child_tid;
	uint64_t robust_list;  /* set_robust_list's head, walked when the thread dies */
	uint64_t random_state; /* its stream of random bytes where cfg.seeded (linux/random.c) */
	sigjmp_buf *host_exit; /* where thread_exit ends this vCPU's host thread */
	struct rvx_vcpu *next; /* the machine's thread list, under machine lock */
	uint64_t decode_gen;
	struct decode_entry *dcache;
	/* translator tier */
	uint64_t jit_epoch;                    /* code cache flush the jump cache belongs to */
	int in_code;                           /* inside the code cache: a flush waits for it to clear */
	const void *jit_helper_in;             /* translated code's helper call under way: its instruction */
	bool jit_locked;                       /* holds the code cache lock (translating or flushing) */
	bool gs_ready;                         /* this vCPU's host thread has the guest space as its GS base */
	int plugin_index;                      /* plugins: the vCPU index, -1 before it starts */
	uint8_t ntied, tied[4];                /* plugins: counters tied to instret, by index in plugin_area (api.c) */
	struct rvx_plugin_tb *plugin_tbc[256]; /* plugins: the interpreter's recent blocks, by pc */
	uint64_t plugin_mem_value;             /* plugins: the access a memory callback reports */
	uint64_t plugin_tbc_gen;               /* the code_gen they belong to */
	struct rvx_vaccess *vaccess;           /* plugins: where the interpreter notes a vector
						* instruction's element accesses (NULL: it does not) */
	struct rvx_vaccess *vaccess_buf;       /* room for the most one instruction makes */
	uint32_t nvaccess;
	/* gdb stub (src/gdb/): how gdb let this vCPU go on, under the stub's lock */
	struct {
		int action;       /* enum gdb_action */
		int sig;          /* the signal gdb resumed it with (0: none) */
		int reported_sig; /* a synchronous signal gdb has seen: not reported again at delivery */
		bool parked;      /* held at a safe point */
		bool ran_one;     /* ran one instruction alone (stepping or watched): a step may end */
		/* cluster mode (src/gdb/ranks.c): the thread goes to the master for gdb (GDB_TO_*);
		 * there, the rank it came from, where it goes back when gdb lets it run (0: none), but
		 * not before it has stopped there if it came for an event of its own */
		int to_master;
		int from_rank;
		bool hold;
	} dbg;
	struct {
		uint64_t decodes, flushes, syscalls, signals, lookups, lookup_hits, chains, cold_runs;
	} stats; /* -d stats */
	/* the vector extension's state: vl, vtype (bit 63: vill), vstart, vxrm, vxsat, and the 32
	 * registers, VLEN/8 bytes each one after the other (a register group is contiguous) */
	uint64_t vl, vtype, vstart;
	uint32_t vlenb;
	uint8_t vxrm, vxsat;
	bool v_used;     /* ran a vector instruction: signal frames carry the vector context */
	uint8_t v_ctrl;  /* PR_RISCV_V control: current state, next (<< 2), inherit (bit 4) */
	uint32_t v_live; /* translated code: v[] is in host registers while it runs (jit/x86-64) */
	uint8_t v[32 * RVX_VLENB_MAX] __attribute__((aligned(16)));
	uint32_t v_nan[16] __attribute__((aligned(32))); /* canonical NaNs: 8 singles, 4 doubles (translated code) */
	uint64_t v_kmask[4]; /* translated code's k4-k7 (vector tail masks) over a helper call */
	uint8_t v_slide[320] __attribute__((aligned(32))); /* translated slides: a group and zeros */
	/* translated code's tail blends without AVX-512 (jit/x86-64/v.c blend_masks): for each byte of
	 * a group, 0xff where its element is below vl (active) or past it (keep), and 1.0 in the
	 * elements past vl (one) */
	uint8_t v_active[256] __attribute__((aligned(32)));
	uint8_t v_keep[256] __attribute__((aligned(32)));
	uint8_t v_one[256] __attribute__((aligned(32)));
	uint8_t v_elem[4][32] __attribute__((aligned(32))); /* the same for one chunk masked by v0; its .vf scalar */
};

struct shm_attach {
	uint64_t addr, len;
};

struct rvx_machine {
	struct rvx_space space;
	struct rvx_config cfg;
	FILE *log;
	char *sysroot;
	char *exe_path; /* absolute path of the guest program (/proc/self/exe) */
	char *error;    /* last error sentence */
	char **reexec_argv;

	struct guest_sigaction sigact[RVX_NSIG];
	pthread_mutex_t lock;        /* process-wide tables below */
	volatile uint64_t code_gen;  /* bumped when guest code may have changed */
	volatile uint64_t fence_gen; /* bumped (before code_gen) unless only watched pages were written */
	volatile uint64_t map_gen;   /* bumped (before fence_gen) unless by fence.i or riscv_flush_icache */
	bool mem_file_written;       /* /proc/self/mem was opened for writing: it writes past the watch */
	uint8_t unimp_reported[64];  /* syscalls reported once, a bit each */

	uint64_t brk_start, brk_cur, brk_mapped;
	struct shm_attach *shm; /* System V shared memory attached (guest address, length), under lock */
	int nshm;
	uint64_t sigreturn_tramp; /* guest address of the rt_sigreturn trampoline */
	uint64_t auxv_addr, auxv_len;
	uint64_t arg_start, arg_end; /* the guest's argv strings (/proc/self/cmdline reads them) */
	uint64_t entry, phdr, phnum, interp_base, load_bias;
	uint64_t code_start, code_end; /* the program's executable segment */
	uint64_t random_main;          /* the main thread's random stream, past AT_RANDOM's bytes */
	char uname_release[65];        /* cfg.uname_release's copy */

	struct rvx_vcpu *cpu;     /* the main vCPU */
	struct rvx_vcpu *threads; /* every live vCPU, linked by next, under lock */
	int nthreads;             /* live guest threads (atomic) */
	int starting;             /* host threads made by clone not yet past their start-up (atomic) */
	struct rvx_vcpu *retired; /* vCPUs of ended threads, kept for reuse with their tables, under lock */
	int nretired;
	uint64_t exited_instret; /* instructions of threads that have ended (atomic) */
	struct jit_cache *jit;   /* NULL when the interpreter runs everything */
	bool shared_memory;      /* another agent (thread, process) may touch guest memory: translated AMOs lock */
	FILE *strace;
	struct cluster *cluster;       /* cluster mode: this rank's part of the process; NULL otherwise */
	struct rvx_plugins *plugins;   /* loaded plugins (-plugin); NULL otherwise */
	struct guest_symbols *symbols; /* ELF symbols read so far (linux/symbols.c) */
	struct rvx_gdb *gdb;           /* the gdb stub (-g); NULL otherwise */
	/* -d out_asm: disassembles host code into the log (rvx_use_capstone); NULL: bytes */
	void (*log_host_code)(struct rvx_machine *m, const uint8_t *code, size_t size);
	void *host_disasm; /* what it uses (Capstone's functions), freed with the machine */
	/* embedding (not cfg.host_process): where the guest's end returns to, and what it was */
	sigjmp_buf *end_jmp;
	volatile int ended; /* 0, or RVX_STOP_EXIT / RVX_STOP_SIGNAL */
	int end_code;
	bool started;  /* the main thread has begun */
	bool at_break; /* rvx_step stopped at an ebreak (at break_pc), which runs when it goes on */
	uint64_t break_pc;
	rvx_syscall_hook syscall_hook;
	void *syscall_hook_ctx;
	/* Cluster mode: per group of pages (page number mod RES_GROUPS), how many pages have left
	 * this rank; an SC fails when its LR's group count changed (a remote write could have
	 * come between). NULL otherwise. */
	uint32_t *res_gens;
	const struct rvx_split_entry *split_tab; /* cluster mode: each vCPU's split_tab */
	uint64_t split_gen;                      /* cluster mode: changes of split_tab (the vCPUs' memos) */
};

/* Cluster mode: a page written by several ranks at disjoint places is split (cluster/split.c):
 * each 64-byte unit of it lives in a shadow page of its own, at the same offset, which moves
 * between ranks alone. An access goes to unit (offset / 64)'s shadow page at shadow + unit *
 * 4096 + offset; the page itself is inaccessible meanwhile. A table of RVX_SPLIT_SLOTS entries,
 * indexed by page number, says which pages are split on this rank (key ~0: none). */
#define RVX_SPLIT_SLOTS      64
#define RVX_SPLIT_UNIT_SHIFT 6
struct rvx_split_entry {
	uint64_t key, shadow;
};
static inline const struct rvx_split_entry *rvx_split_lookup(const struct rvx_split_entry *tab, uint64_t addr)
{
	const struct rvx_split_entry *e = &tab[(addr >> 12) & (RVX_SPLIT_SLOTS - 1)];
	return (__atomic_load_n(&e->key, __ATOMIC_ACQUIRE) ^ addr) < 4096 ? e : NULL;
}
/* Forgets the vCPU's remembered look-ups (no guest address is UINT64_MAX) */
static inline void rvx_split_memo_clear(struct rvx_vcpu *cpu)
{
	for (int i = 0; i < RVX_SPLIT_MEMOS; i++)
		cpu->split_memo[i].from = UINT64_MAX;
}
/* The address an access of n bytes at addr makes: its unit's shadow when addr's page is split
 * and the access stays in one unit, else addr (a split page faults: the cluster joins it). */
static inline uint64_t rvx_split_address(const struct rvx_split_entry *tab, uint64_t addr, uint64_t n)
{
	const struct rvx_split_entry *e = rvx_split_lookup(tab, addr);
	uint64_t off = addr & 4095;
	if (!e || (addr & ((1u << RVX_SPLIT_UNIT_SHIFT) - 1)) + n > (1u << RVX_SPLIT_UNIT_SHIFT))
		return addr;
	return e->shadow + ((off >> RVX_SPLIT_UNIT_SHIFT) << 12) + off;
}

#define RES_GROUPS 256
static inline uint32_t *machine_res_gen(const struct rvx_machine *m, uint64_t addr)
{
	return &m->res_gens[(addr >> 12) & (RES_GROUPS - 1)];
}

/* The thread-local link from a host signal handler to its vCPU (the one global DESIGN.md allows). */
extern _Thread_local struct rvx_vcpu *rvx_current_vcpu;

/* Formats the machine's last error; returns the code for convenience. */
int machine_error(struct rvx_machine *m, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Debug log line (no-op unless the category is on). */
void machine_log(struct rvx_machine *m, unsigned category, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Prints -d stats for the vCPU (at exit). */
void machine_print_stats(struct rvx_vcpu *cpu);

/* A new vCPU for a guest thread: a copy of parent's registers with its own random stream drawn
 * from parent's, or a blank one with the main thread's stream (parent NULL). */
struct rvx_vcpu *machine_vcpu_new(struct rvx_machine *m, struct rvx_vcpu *parent);
/* Links/unlinks the vCPU in the machine's thread list. */
void machine_add_thread(struct rvx_machine *m, struct rvx_vcpu *cpu);
void machine_remove_thread(struct rvx_machine *m, struct rvx_vcpu *cpu);
void machine_vcpu_free(struct rvx_vcpu *cpu);
/* The vCPU of a thread that ended: kept (a few dozen at most) so that the next thread reuses it
 * and its lookup tables, whose mapping and unmapping cost more than the thread's start. */
void machine_vcpu_retire(struct rvx_vcpu *cpu);

/* Per-vCPU lookup tables indexed by pc bits, whose entries begin with their pc, that cost
 * nothing until touched: fresh and cleared entries read as zero, except entry 0 (the one
 * slot pc 0 maps to), whose pc is UINT64_MAX, so that no entry matches a pc it was not given.
 * `populate` maps every page at once: one zeroing pass instead of a read and a write fault per
 * page, worth it for the main thread, which fills its tables; a thread that runs a few loops
 * touches a few pages. */
void *machine_table_new(size_t bytes, bool populate);
void machine_table_clear(void *table, size_t bytes);
void machine_table_free(void *table, size_t bytes);

/* Another agent (a thread, a process through MAP_SHARED) may now touch guest memory: from
 * here on translated atomics lock the bus and fences order stores before loads. */
void machine_share_memory(struct rvx_machine *m);

/* Guest code may have changed in [addr, addr+len): drop cached decodes/translations. */
void machine_code_changed(struct rvx_machine *m, uint64_t addr, uint64_t len);
/* fence.i, riscv_flush_icache: code whose writes the watch may have missed (memory shared with
 * another mapping or process) may have changed. */
void machine_code_fenced(struct rvx_machine *m);
/* An embedder's guest process ends with an exit status or a signal (RVX_STOP_EXIT or
 * RVX_STOP_SIGNAL; not with cfg.host_process, where the end is the host process's): the other
 * threads stop, this one too, and the call that runs the main thread returns. */
_Noreturn void machine_guest_ended(struct rvx_vcpu *cpu, int how, int code);

/* Watched pages were written (space_watch_hit/release): only their translations need checking.
 * Async-signal-safe. */
static inline void machine_code_written(struct rvx_machine *m)
{
	__atomic_add_fetch(&m->code_gen, 1, __ATOMIC_SEQ_CST);
}

#endif
