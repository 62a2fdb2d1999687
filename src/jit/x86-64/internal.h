/* Shared between the translator's files: the register convention and the emit context. */
#ifndef RVX_JIT_INTERNAL_H
#define RVX_JIT_INTERNAL_H

#include <stddef.h>

#include "../../interp/interp.h"
#include "emit.h"
#include "jit.h"

/* Host registers: rbp holds the vCPU; rax, rcx, rdx are scratch; eleven more hold the most
 * used guest registers for the whole of translated code. Guest memory needs no register: the
 * guest space is at host address 0, or else at the GS segment base (guest accesses then carry
 * a GS prefix). */
#define REG_CPU RBP
/* rbp points this far into the vCPU, so that every x register is a one-byte displacement */
#define CPU_BIAS     0x80
#define NMAPPED      11
#define SWAP_INSTRET 32 /* swap_in's mark of the register that counts a loop's instructions */

/* Guest register -> host register, or -1 when it lives in the vCPU struct. */
static inline int jit_host_reg(unsigned g)
{
	static const signed char host[32] = {-1, RBX, RSI, -1, -1, -1, -1, -1, RDI, R8, R9, R10, R11, R12, R13, R15,
					     -1, -1,  R14, -1, -1, -1, -1, -1, -1,  -1, -1, -1,  -1,  -1,  -1,  -1};
	return host[g & 31];
}

#define OFF_X(r) ((int32_t)(offsetof(struct rvx_vcpu, x) + 8 * (r)) - CPU_BIAS)
#define OFF_F(r) ((int32_t)(offsetof(struct rvx_vcpu, f) + 8 * (r)) - CPU_BIAS)

/* FP registers: xmm0-xmm2 are scratch; thirteen guest FP registers live in xmm3-xmm15. */
#define NXMAPPED 13
static inline int jit_xmm_reg(unsigned g)
{
	static const signed char xmm[32] = {9,  10, 11, 12, -1, -1, -1, -1, 13, 14, 3,  4,  5,  6,  7,  8,
					    -1, -1, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
	return xmm[g & 31];
}
#define OFF(field) ((int32_t)offsetof(struct rvx_vcpu, field) - CPU_BIAS)

struct jit_fault_site {
	uint32_t host_off; /* from the block's entry to the memory instruction */
	uint16_t insn;     /* index of the guest instruction in the block */
	uint8_t replay;    /* it stands for this many guest instructions: the interpreter runs them
			    * again to fault exactly where one of them does */
	/* a quiet compare's frflags register not yet written (jit_fflags_settle), or 0; its value is
	 * in the MXCSR at the fault when fflags_live, else in the copy in mxcsr_tmp */
	uint8_t fflags_rd : 5;
	uint8_t fflags_live : 1;
	uint8_t uncounted; /* instructions after it that the block's entry did not count (skip_len) */
	/* a load that a copy of n loads and n stores before it does the work of (rv64i.c's copy_run):
	 * n, whose loads' registers are taken from the word in rdx at a fault (jit_recover_fault) */
	uint8_t copy_loads;
	int32_t pc_off; /* its guest pc, from the block's */
};

/* A block's guest code is up to this many runs of instructions: it goes on at the target of
 * an unconditional jal. */
#define MAX_BLOCK_SEGS 4
struct jit_seg {
	uint64_t pc;
	uint32_t len;
};

struct jit_block {
	uint64_t pc;
	uint8_t *code; /* executable view */
	uint32_t size;
	uint16_t ninsns;
	uint16_t nfaults;
	struct jit_fault_site *faults; /* these and `guest` share the block's allocation */
	struct jit_block *next;        /* hash chain */
	uint8_t *guest;                /* the guest code it was made from (segs one after the other), to tell
					* whether that changed */
	uint8_t nsegs;
	struct jit_seg segs[MAX_BLOCK_SEGS];
	bool dead;          /* invalidated: out of the hash, its entry sends to the dispatcher */
	bool seen;          /* every change of its guest code is seen (space_watch): fence.i need not check it */
	bool debug_stop;    /* only tells the run loop of gdb's breakpoint at pc */
	uint8_t *leave;     /* executable view: stores pc and returns to the dispatcher */
	uint8_t fast_entry; /* from code: the entry past the interrupt test, for forward chains */
	/* register allocation: in this block mapped host register k holds guest swap_in[k] instead
	 * of its usual guest register (0: the usual one; SWAP_INSTRET: the instructions a loop ran
	 * since its entry, not yet in instret) */
	uint8_t swap_in[NMAPPED];
	/* a vector loop's homes (v.c): xmm register 3 + k holds, as a ymm, the vector registers
	 * 2 * (xswap[k] - 1) and the one after instead of its FP register (0: its FP register) */
	uint8_t xswap[NXMAPPED];
	/* plugins: the additions of the instructions (each's in pins) were made at the block's
	 * entry; a fault takes back those of the instructions after the faulting one */
	const struct rvx_plugin_insn **pins;
};

struct jit_jc_entry {
	uint64_t pc;
	const uint8_t *code;
};
#define JC_SIZE      16384
#define JC_SMALL     4096 /* the entries a vCPU uses first (jit_cache's jc_big) */
#define JC_EVICTIONS 256  /* entries of that part lost to other blocks before they use all */

/* The blocks of each guest page (pages.c). */
struct page_link {
	uint32_t block, next; /* block: its place in the cache's order; next: the page's next link */
};
struct page_index {
	uint64_t *keys;  /* page + 1, 0 for an empty slot */
	uint32_t *heads; /* each page's first link */
	size_t cap, used;
	struct page_link *links;
	size_t nlinks, links_cap;
	struct jit_block **found; /* page_index_blocks' answer */
	size_t found_cap;
	bool broken; /* a link could not be added: incomplete until the next flush */
};
void page_index_add(struct page_index *p, uint64_t page, uint32_t block);
/* The live blocks of page (*n of them), dropping dead ones from its list; NULL when the index
 * cannot say (broken, or out of memory). */
struct jit_block **page_index_blocks(struct page_index *p, struct jit_block *const *order, uint64_t page, size_t *n);
void page_index_clear(struct page_index *p);
void page_index_free(struct page_index *p);

/* Shared by every vCPU of the machine. Lookups take no lock: blocks are published with a
 * release store and patched (invalidation) or freed (flush) only after every vCPU is out of
 * the cache (in_code clear). Translation, chaining into new blocks, invalidation and flushes
 * hold `lock`. */
struct jit_cache {
	uint8_t *rx, *rw; /* the same pages, executable and writable */
	size_t size, used;
	struct jit_block **hash;
	size_t hash_size, nblocks;
	struct jit_block **order; /* by code address, for fault lookup; never moves */
	size_t order_cap;
	pthread_mutex_t lock;
	int stopping;             /* an invalidation or flush is waiting for the vCPUs to leave */
	uint64_t epoch;           /* flushes so far: a vCPU's jump cache belongs to one */
	uint64_t code_gen;        /* the machine's code_gen these translations match */
	uint64_t fence_gen;       /* and its fence_gen */
	uint64_t map_gen;         /* and its map_gen */
	bool watch_full_reported; /* the warning that the write-watch table is full was given */
	bool locked_amos;         /* the translations lock AMOs (machine's shared_memory when made) */
	uint32_t split_aware;     /* cluster: instructions that looked split pages up at the last flush */
	size_t populated;         /* bytes of the code cache made ready by populate_ahead */
	uint8_t *runs;            /* runs of blocks not yet translated, by pc hash (colliding blocks share one) */
	struct page_index pages;  /* the blocks of each guest page */
	uint32_t *unseen;         /* the blocks that fence.i checks (not seen, or dead since), by place in order */
	size_t nunseen, unseen_cap;
	bool unseen_broken; /* one could not be added: fence.i checks every block until the next flush */
	unsigned translate_after;
	unsigned div_sites; /* unsigned divisions translated: each takes the next div_magic slot */
	uint8_t *meta;      /* the blocks' descriptions, allocated in order, freed by a flush */
	size_t meta_used, meta_populated;
	int *sharers;           /* processes mapping this memfd (a shared page): written only when 1 */
	bool released;          /* this process no longer counts among them (it execs or exits) */
	unsigned shared_misses; /* blocks interpreted since because the cache was shared */
	int (*enter)(struct rvx_vcpu *cpu, const uint8_t *code);
	uint8_t *epilogue;
	unsigned space_bits; /* guest addresses are below 1 << space_bits */
	bool host_bitcount;  /* the host has LZCNT, TZCNT and POPCNT */
	bool host_fma;       /* the host has FMA3 and the OS saves AVX state */
	bool host_sse41;     /* the host has SSE4.1 (pmulld) */
	bool host_bmi2;      /* the host has BMI2 (bzhi) */
	bool host_sse42;     /* the host has SSE4.2 (pcmpgtq) */
	bool host_avx;       /* the host has AVX and the OS saves its state: SSE in its VEX forms */
	bool host_avx2;      /* the host has AVX2 and the OS saves AVX state (vectors 32 bytes at a time) */
	bool space_at_gs;    /* the guest space is not at host address 0 but at the GS base */
	/* The vector registers live in ymm16-ymm31 (two to a register) while translated code runs:
	 * AVX-512VL and VLEN 128. A vCPU's v_live says they are there; its v[] is their home
	 * outside translated code and at helper calls, which spill and reload them (v_spill and
	 * v_reload, which do nothing while v_live is clear; v_load makes them live). */
	bool v_resident;
	bool v_bw; /* with v_resident, AVX-512BW: byte and word elements in place too */
	/* with v_bw and BMI2: the forms that can mask their tail do so in k4-k7 where vl may be below
	 * VLMAX (v_spill and v_reload keep k4-k7 in the vCPU's v_kmask over helper calls) */
	bool v_masks;
	bool v_dq;    /* with v_masks, AVX-512DQ: 64-bit multiplies (vpmullq) */
	bool v_vbmi;  /* with v_masks, AVX-512VBMI: byte permutes (vpermb) */
	bool v_vbmi2; /* with v_masks, AVX-512VBMI2: byte and word compress (vpcompressb/w) */
	/* with v_masks, for Zvbb: AVX-512CD (vplzcnt), VPOPCNTDQ and BITALG (vpopcnt), GFNI */
	bool v_cd, v_popcnt, v_gfni;
	/* without v_resident and v_masks, AVX2: the forms that can blend their tail do so where vl
	 * may be below VLMAX (v.c's blend_masks) */
	bool v_blend;
	uint8_t *v_spill, *v_reload, *v_load;
	/* with AVX2: for each byte mask m of 8 bytes, the vpshufb control that packs the bytes whose
	 * bit is set to the front (vcompress without AVX-512's compress); 8 bytes more, as each
	 * entry is read as 16 */
	uint8_t compress_ctl[256 * 8 + 8];
	uint32_t zmm16_off; /* where zmm16-31 are in a signal frame's XSAVE area (CPUID 0xD.7) */
	uint32_t ymmh_off;  /* and the upper halves of ymm0-15 (CPUID 0xD.2) */
	FILE *perf_map;     /* -perfmap: /tmp/perf-PID.map of this process (perf_pid) */
	int perf_pid;
	FILE *jitdump;      /* -jitdump: /tmp/jit-PID.dump of this process (jitdump_pid) */
	void *jitdump_mark; /* its first page mapped executable: how perf record finds it */
	int jitdump_pid;
	uint64_t jitdump_index;
	struct {
		uint64_t blocks, insns, helper_calls, flushes, invalidated, watch_hits, watch_false, copies;
	} stats; /* under lock */
	/* the vCPUs' jump caches are used whole, not their first JC_SMALL entries: a start-up
	 * touches fewer pages, and a program whose indirect jumps are many has room once they evict
	 * each other (jc_evictions) */
	bool jc_big;
	uint32_t jc_evictions;
};

/* A path off the straight line (slow cases, exits), emitted after the block: `site` is the
 * rel32 of a jump to it; it comes back to `resume`, or leaves the block when that is NULL. */
enum cold_kind {
	COLD_HELPER,        /* call fn for the instruction */
	COLD_HELPER_LEAVE,  /* call fn for the instruction, then leave the block for the next one */
	COLD_RAX,           /* rax = value */
	COLD_XMM,           /* xmm<disp> = value */
	COLD_OUT_OF_RANGE,  /* a base register is outside the guest space: EXEC_FAULT unless base + disp is in */
	COLD_INTERRUPT,     /* a signal waits: leave before the block runs */
	COLD_CHAIN,         /* not yet chained: back to the dispatcher for pc = value */
	COLD_SIDE_EXIT,     /* a followed branch's other way: the instructions before insn counted, chain to value */
	COLD_MXCSR,         /* MXCSR = the copy in mxcsr_tmp (undoes flags raised since) */
	COLD_LEAVE,         /* eax holds an exit status: to the dispatcher, the allocation undone */
	COLD_LOOP_LEAVE,    /* a signal waits at a loop's back edge: to the dispatcher for its start */
	COLD_INTERPRET,     /* EXEC_JIT_INTERPRET for the block's start (before the loop head) */
	COLD_HELPER_XMM,    /* xmm<disp> = xmm0 (a source the instruction overwrote), then call fn for it */
	COLD_HELPER_VSTART, /* vstart = value's bits 0-15, then call fn for the instruction; first the
			     * vector homes in bits 16-23 and 24-31 (when not 0) = ymm0 and ymm2 */
	COLD_NAN,           /* of xmm<disp's bits 0-7> and xmm<bits 8-15> (0xff: none), each NaN = value
			     * (bit 16: single precision) */
	COLD_SPLIT_LOOKUP,  /* a split-aware access's look-up in the table (t_split_address): disp its memo */
};

/* Translated code's exit status (beside enum exec_status's): the dispatcher runs the block at
 * pc once in the interpreter (a vector loop entered with another vtype: jit_v_loop) */
enum { EXEC_JIT_INTERPRET = 64 };

struct cold_stub {
	uint8_t *site, *resume;
	uint8_t kind;
	uint16_t insn; /* index in the block of the instruction it serves */
	uint64_t value;
	/* COLD_OUT_OF_RANGE: the offset from the register in value; COLD_XMM, COLD_HELPER_XMM: the register */
	int32_t disp;
	uint8_t sets; /* COLD_OUT_OF_RANGE: a guest register the access's address goes to first */
	int (*fn)(struct rvx_vcpu *, const struct rv_insn *);
	const char *why;
};

#define MAX_BLOCK_INSNS 128

struct tctx {
	struct emit e;
	struct rvx_vcpu *cpu;
	struct jit_cache *j;
	uint64_t block_pc;
	uint8_t *leave; /* executable view: the block's exit to the dispatcher */
	const struct rv_insn *in;
	uint64_t pc;
	int idx;
	uint8_t *start; /* writable-view address of the block's entry */
	struct rv_insn insns[MAX_BLOCK_INSNS];
	uint64_t insn_pc[MAX_BLOCK_INSNS];
	/* the guest bytes as decoded (another thread may rewrite them while we translate) */
	uint8_t guest[4 * MAX_BLOCK_INSNS];
	uint32_t guest_len;
	struct jit_seg segs[MAX_BLOCK_SEGS];
	int nsegs;
	/* insns[k + 1] is at insns[k]'s target: a jal, or a backward branch's taken path (the
	 * other way a side exit), decided where insns[k + 1] is decoded (next_pc) */
	bool followed[MAX_BLOCK_INSNS];
	int8_t way[MAX_BLOCK_INSNS]; /* translate.c's hot_way, once decided (-1 before) */
	/* a quiet compare whose frflags value fflags_rd is never read: the block goes on along the
	 * not-taken way of its branch (insns[fflags_from - 1]); from insns[fflags_from] to
	 * insns[fflags_to], where a write replaces it, every exit writes the value (jit_fflags_settle) */
	int fflags_from, fflags_to;
	unsigned fflags_rd;
	/* fflags_live: the value is the MXCSR's own flags until insns[fflags_raise] raises one, and no
	 * exit reads it after that but those of the loads in fflags_probes (bit k: insns[fflags_from +
	 * k]), which a probe at insns[fflags_from] made sure cannot fault (fd.c's live_window) */
	bool fflags_live;
	int fflags_raise;
	uint32_t fflags_probes;
	bool follow_branches;  /* no plugin actions between instructions, no gdb: blocks may go on along backward
				  branches */
	uint64_t watched_page; /* the last page armed for write detection */
	bool seen;             /* every page so far WATCH_SEEN */
	struct rvx_vma code;   /* the executable mapping the last fetch came from */
	struct jit_fault_site faults[4 * MAX_BLOCK_INSNS];
	struct cold_stub cold[4 * MAX_BLOCK_INSNS]; /* emitted after the block's straight-line code */
	/* helper calls: the lea that gives each its instruction, copied after the block's code */
	struct {
		uint8_t *lea;
		uint16_t insn;
	} helper_site[2 * MAX_BLOCK_INSNS];
	int ncold;
	int nfaults;
	int nhelpers;
	int npeeked;                      /* insns[] decoded so far: past idx when a pattern looked ahead */
	int consumed;                     /* guest instructions the last translation step covered */
	bool done_early[MAX_BLOCK_INSNS]; /* translated with an earlier one by a pattern: no code of their own */
	int div_partner;                  /* the division whose result an earlier one left in div_other, or -1 */
	/* guest registers whose value passed an address check in this block and was not written
	 * since but by addi: within the space's guards at any 12-bit offset past their drift (how far
	 * at most addi moved them since, up to BASE_DRIFT_MAX bytes), so not checked again */
	uint32_t base_checked;
	int32_t base_drift[32];
	uint32_t loop_bases; /* a loop's base registers checked before its head, only stepped by addi in it */
	uint32_t sext_known; /* guest registers known to hold a sign-extended 32-bit value here */
	bool upper_dead;     /* no use can see the upper half of this instruction's W result */
	/* W results whose sign extension waits until the instruction at `at`, which reads them as
	 * a 32-bit operation, has been translated (translate.c's extend_late) */
	struct {
		unsigned reg;
		int host, at;
	} late_ext[2];
	int nlate_ext;
	/* register allocation (allocate): guest register -> host register in this block, or -1;
	 * mapped host register k holds guest swap_in[k] (0: its usual guest register) */
	int8_t host_of[32];
	uint8_t swap_in[NMAPPED];
	int nswaps;
	int count_reg;      /* a loop's host register counting its instructions (swap_in's SWAP_INSTRET), or -1 */
	int32_t carried[8]; /* plugins' counters that count_reg carries too (from REG_CPU: carried_sums) */
	int ncarried;
	uint32_t written; /* guest registers the block may write */
	bool swapped;     /* the code being emitted runs with the block's allocation */
	/* a vector loop's homes (v.c's choose_homes): xmm register 3 + k holds vector registers
	 * instead of its FP register (jit_block's xswap), counted in nswaps too; v_home[p] is the
	 * xmm register of registers 2p and 2p + 1, or -1 */
	uint8_t xswap[NXMAPPED];
	int nxswaps;
	int8_t v_home[16];
	bool homes_ok;      /* the translation may give a vector loop homes */
	bool v_home_miss;   /* an emitter reached for a homed register in the vCPU: translated again without */
	uint8_t *loop_head; /* past the swap-in: where a branch back to the block's start goes */
	bool self_loop;     /* the block ends with a branch back to its start (allocate's scan) */
	bool loop_inside;   /* and that branch goes to loop_head, past what its passes share */
	bool frm_checked;   /* frm was found to be a host rounding mode (it stays one in this block) */
	/* FP results in their xmm register that wait for their NaN check (guest f registers; singles
	 * in nan_single): checked two to a ucomisd before anything could see a NaN's bits
	 * (jit_nan_before); with nan_defer, where neither gdb nor a plugin's callback looks between
	 * instructions */
	uint32_t nan_pending, nan_single;
	bool nan_defer;
	bool probes_ok; /* loads probed ahead, a fault there taken where they are probed */
	struct {
		uint8_t *imm; /* imm32 of a sub/add around a counter CSR read */
		uint16_t insn;
	} instret_fix[4 * MAX_BLOCK_INSNS + MAX_BLOCK_SEGS]; /* around helpers, and early exits */
	int ninstret_fix;
	/* a table above overflowed (a block of many vector accesses): not translated at this length */
	bool refused;
	struct rvx_plugin_tb *ptb; /* plugins: the block the translation callbacks saw, one for one */
	/* plugins' inline additions made at the block's entry: each instruction's actions, which an
	 * exit before the block's end takes back for the instructions it skips (NULL: none) */
	const struct rvx_plugin_insn *const *pins;
	/* plugins' counters tied to instret, in a block translated one for one (ptb): each change of
	 * instret comes with its opposite there (tie_twin) */
	const struct rvx_plugins *tied;
	int ninsns;      /* the block's instructions, once all are translated */
	int limit;       /* instructions the block may have */
	bool no_fuse;    /* plugins act between instructions: no pattern spans two */
	bool split_any;  /* cluster: some instructions look split pages up (cluster_split_aware) */
	bool split_here; /* this one does */
	/* vectors: vtype set by a vsetvli earlier in the block (SEW in bytes, LMUL * 8, VLMAX) */
	bool v_known;
	bool v_whole;     /* vl == VLMAX is tested in this block since the vsetvli */
	bool v_live;      /* the vector registers are made live in ymm16-31 on this path of the block */
	bool v_masked;    /* k4-k7 hold the group's tail masks (tail_masks) for vl since the vsetvli, or
			   * (v_blend) the vCPU's v_active, v_keep and v_one (blend_masks) */
	bool v_blending;  /* the vector instruction being translated blends its tail (enter_group_blend) */
	bool ymm_dirty;   /* vector code left ymm0-2's upper halves dirty (clean_ymm) */
	unsigned v_splat; /* 1 + the register group a vmv.v.x (.v.i) at insns[v_splat_at] wrote whole
			   * from zmm1, each 64 bytes of it zmm1's bytes; 0: none */
	int v_splat_at;
	/* a vector loop (jit_v_loop): the block branches back to its start, a vsetvli, and every
	 * vset* in it sets the same vtype; v_sse_free: no instruction of the block uses legacy SSE */
	bool v_loop, v_sse_free;
	bool v_vtypes;    /* a vector loop whose vset* set more than one vtype: each stores its own */
	uint32_t f_boxed; /* f registers an flw wrote in this block: NaN-boxed singles */
	unsigned v_sew, v_lmul8;
	unsigned v_vl_in; /* a guest register mapped to a host one that holds vl here (0: none) */
	int v_vl_at;      /* the vsetvli that wrote it */
	uint64_t v_vlmax;
	uint64_t v_vl_const; /* vl as the vsetvli alone gives it, or UINT64_MAX */
	uint8_t *v_below_at; /* where the flags still say AVL < VLMAX (the vsetvli's compare) */
	/* a forward branch over a few integer instructions or FP moves (skip_len): both ways stay in
	 * the block, the taken one by its jcc (skip_site) to where they meet, insns[skip_join],
	 * what is known about registers there being what both ways know (skip_checked, skip_drift,
	 * skip_sext); or, where they meet at the loop's head, both go round (skip_loops) */
	bool skips_ok;   /* no plugins or gdb */
	bool skips;      /* scan found such branches */
	int skip_join;   /* or -1 */
	bool skip_loops; /* the ways meet at the loop's head (loop_skip) */
	int skip_limit;
	uint8_t *skip_site; /* the branch's rel32 */
	uint32_t skip_checked, skip_sext;
	int32_t skip_drift[32];
	/* the skipped instructions insns[from..from+n-1], which count themselves (the block's entry
	 * counts the others: counted_from) */
	struct {
		int from, n;
	} skipped[MAX_BLOCK_INSNS / 2];
	int nskipped;
};

static inline uint8_t *rx_of(const struct tctx *t, const uint8_t *rw)
{
	return t->j->rx + (rw - t->j->rw);
}

static inline uint8_t *rw_of(const struct jit_cache *j, const uint8_t *rx)
{
	return j->rw + (rx - j->rx);
}

/* The instruction n places after the current one, decoded into the block, for a pattern that
 * spans several; NULL when it cannot be fetched or the block has no room for it. A pattern that
 * uses it sets t->consumed. */
const struct rv_insn *t_peek(struct tctx *t, int n);
/* the same, split-aware instructions included, and where no pattern may span two (gdb, plugins) */
const struct rv_insn *t_peek_split(struct tctx *t, int n);

/* Guest register g's host register in the block being translated, or -1 (in the vCPU). */
static inline int t_host_reg(const struct tctx *t, unsigned g)
{
	return t->host_of[g & 31];
}

/* Guest register access: host = guest g, guest g = host. */
void t_get(struct tctx *t, int host, unsigned g);
/* Guest register rd = rs (nothing for x0 or rd == rs). */
void t_move(struct tctx *t, unsigned rd, unsigned rs);
void t_put(struct tctx *t, unsigned g, int host);
/* Guest register g = the constant v (rax clobbered where g lives in the vCPU and v needs 64 bits) */
void t_put_imm(struct tctx *t, unsigned g, uint64_t v);
/* Guest FP register access: into/from an xmm register or a general register (raw bits). */
void t_fget(struct tctx *t, int xmm, unsigned g);
void t_fput(struct tctx *t, unsigned g, int xmm);
void t_fget_gpr(struct tctx *t, int gpr, unsigned g);
void t_fput_gpr(struct tctx *t, unsigned g, int gpr);
/* SSE prefix/op with reg = xmm (or a gpr for conversions) and rm = guest FP register g. */
void t_sse_f(struct tctx *t, uint8_t prefix, bool w, uint8_t op, int reg, unsigned g);
/* Guest memory at the address in reg plus disp (reg NOREG: disp alone). */
struct mem t_guest(const struct tctx *t, int reg, int32_t disp);
/* The guest address rs1 + imm, with the out-of-range check (once per block for a base register
 * that is not written meanwhile; the slow path uses rcx); returns the memory operand (its base is
 * rs1's host register when rs1 is mapped, else rax). A pattern spanning several instructions must
 * not access memory after one of them wrote a register. */
struct mem t_address(struct tctx *t, unsigned rs1, int64_t imm);
/* The guest address base + (index << k) + sum + disp (host registers other than rdx, which gets
 * the sum), checked, for an access `ahead` instructions on that does their work too, the one
 * before it rd = the sum: a fault in the check there leaves the sum in rd. */
struct mem t_address_sum(struct tctx *t, int base, int index, unsigned k, int32_t sum, int32_t disp, unsigned rd,
			 int ahead);
/* the same with the address in rax, for code that needs it there */
struct mem t_address_rax(struct tctx *t, unsigned rs1, int64_t imm);
/* An access of size bytes at m (from t_address) that goes to its unit's shadow page when the
 * page is split (split_here): the address is computed into rcx; rax is clobbered. */
struct mem t_split_address(struct tctx *t, struct mem m, int size);
/* A sum rd = gbase + (gindex << k), the instruction ahead - 1 places on (an add or shNadd, or
 * slli and add), whose only use is as the address of the next, a load into rd: one load by that
 * address mode; false where the pattern does not hold */
bool t_load_of_sum(struct tctx *t, unsigned gbase, unsigned gindex, unsigned k, int ahead);
/* The size and signedness of a scalar integer load; false for any other instruction */
bool jit_load_size(unsigned op, int *size, bool *sign);
/* Whether guest register r, written before the instruction `from` places on, is overwritten
 * there before anything reads it or may leave the block (only pure integer operations between) */
bool t_dead_after(struct tctx *t, unsigned r, int from);
/* Whether the upper half of guest register rd, written before the instruction `from` places on,
 * is never seen (lazy sign-extension, for a pattern's result) */
bool t_upper_dead_after(struct tctx *t, unsigned rd, int from);
/* The sign extension of rd's new 32-bit value in its host register h, due before the instruction
 * `from` places on: left out where nothing sees the upper half, else emitted now or put off
 * (translate.c's extend_late) */
void t_extend_w(struct tctx *t, unsigned rd, int h, int from);
/* The constant that insns[k] (lui, auipc or li) leaves in its rd, or with n 2, the constant that
 * it and insns[k + 1], an addi (addiw after lui) of that register right after it, leave there;
 * false where they do not make one */
bool t_constant(const struct tctx *t, int k, int n, uint64_t *v);
/* Whether instruction p reads guest register r as a source (by its format: rs2 for R-type) */
bool t_reads(const struct rv_insn *p, unsigned r);
/* Whether the instruction n places on is a pure integer operation (no access, no exit) */
bool t_pure(struct tctx *t, int n);
/* A loop's base registers (a mask) tested against the space before its head: where one is out
 * of it, the block runs in the interpreter; in the loop they count as checked */
void t_check_bases(struct tctx *t, uint32_t regs);
/* The f registers in regs not known boxed, tested for their NaN box before a loop's head (the
 * block's first pass runs in the interpreter where one is not), then known boxed */
void t_boxed_before_loop(struct tctx *t, uint32_t regs);
/* Marks the next emitted instruction as a memory access that may fault. */
void t_fault_site(struct tctx *t);
/* The same for an access that does the work of n guest instructions from the current one. */
void t_fault_site_replay(struct tctx *t, int n);
/* The same for the access of the instruction `ahead` after the current one, which a pattern
 * emits after the others: a fault there finds those before it done. */
void t_fault_site_at(struct tctx *t, int ahead);
/* The xmm registers that hold vector registers in this block (xswap) swapped in */
void t_xswap_in(struct tctx *t);
/* Calls fn(cpu, insn) with the guest state in the vCPU struct; exits on a non-zero status. */
void t_helper(struct tctx *t, int (*fn)(struct rvx_vcpu *, const struct rv_insn *), const char *why);
/* The jump at site goes to a helper call out of line, which comes back here (or, with leave,
 * leaves the block for the instruction after this one). */
void t_cold_helper(struct tctx *t, uint8_t *site, int (*fn)(struct rvx_vcpu *, const struct rv_insn *),
		   const char *why);
void t_cold_helper_leave(struct tctx *t, uint8_t *site, int (*fn)(struct rvx_vcpu *, const struct rv_insn *),
			 const char *why);
/* The same as t_cold_helper, the instruction's source xmm put back from xmm0 first */
void t_cold_helper_xmm(struct tctx *t, uint8_t *site, int (*fn)(struct rvx_vcpu *, const struct rv_insn *),
		       const char *why, int xmm);
/* The same as t_cold_helper, from element vstart of the vector instruction (with vector homes
 * to restore from ymm0 and ymm2 in its bits 16-31: COLD_HELPER_VSTART) */
void t_cold_helper_vstart(struct tctx *t, uint8_t *site, int (*fn)(struct rvx_vcpu *, const struct rv_insn *),
			  const char *why, unsigned vstart);
/* The jump at site leaves the block before the instruction being translated (a side exit). */
void t_cold_exit_here(struct tctx *t, uint8_t *site);
/* The jump at site goes out of line to set rax (COLD_RAX) or xmm0 (COLD_XMM), then back here. */
void t_cold_value(struct tctx *t, uint8_t *site, enum cold_kind kind, uint64_t value);
/* The same for a value of xmm register xmm */
void t_cold_xmm(struct tctx *t, uint8_t *site, int xmm, uint64_t value);
/* The same for the NaN check of one or two xmm registers (COLD_NAN's disp) */
void t_cold_nan(struct tctx *t, uint8_t *site, int32_t regs, uint64_t value);

/* An exit of instruction insn of the block, where a deferred frflags value (tctx's fflags_rd)
 * must be in its register: written there from the MXCSR or its copy (rax, rcx clobbered).
 * jit_fflags_probe: before insns[fflags_from], the probes of a live window's loads. */
void jit_fflags_settle(struct tctx *t, int insn);
/* Whether insns[insn] is where a deferred frflags value is not yet written */
bool jit_fflags_deferred(const struct tctx *t, int insn);
void jit_fflags_probe(struct tctx *t);
/* A fault site of insns[insn] in a live window: refuses the block where the MXCSR may no longer
 * hold the value there (its translation broke fd.c's live_window rule) */
void jit_fflags_check(struct tctx *t, int insn);

/* Before instruction in: the NaN checks of waiting FP results (tctx's nan_pending), unless it
 * is an FP operation that neither sees a NaN's bits nor leaves the block. jit_nan_flush: all of
 * them, before an exit. */
void jit_nan_before(struct tctx *t, const struct rv_insn *in);
void jit_nan_flush(struct tctx *t);

/* Per-extension translators: true when the instruction was translated inline. */
bool jit_rv64i(struct tctx *t);
bool jit_m(struct tctx *t);
bool jit_zb(struct tctx *t);
bool jit_rva23(struct tctx *t);
bool jit_v(struct tctx *t);
bool jit_v_csr(struct tctx *t);
/* Before the loop head: finds whether the block is a vector loop and emits what its passes
 * share (tctx's v_loop). */
void jit_v_loop(struct tctx *t);
/* Whether a vector loop may keep its registers in ymm homes (AVX2 without AVX-512, VLEN 128) */
bool jit_v_homes_host(const struct tctx *t);
void jit_v_speculate(struct tctx *t);
/* The instruction may use legacy SSE (FP, the FP CSRs): ymm upper halves must be clean. */
bool jit_uses_sse(const struct rv_insn *in);
/* F/D and RVA23's scalar FP (Zfa, Zfh...); a CSR instruction */
static inline bool jit_scalar_fp(unsigned op)
{
	return (op >= RV_FIRST_FD && op < RV_FIRST_ZB) || (op >= RV_FIRST_RVA23 && op < RV_FIRST_V);
}
static inline bool jit_csr_op(unsigned op)
{
	return op >= RV_CSRRW && op <= RV_CSRRCI;
}
bool jit_fd(struct tctx *t);
bool jit_a(struct tctx *t);
bool jit_fflags_csr(struct tctx *t);

/* The guest's FP mode in MXCSR while translated code runs; flags go back to fflags after. */
void jit_fp_enter(struct rvx_vcpu *cpu);
void jit_fp_leave(struct rvx_vcpu *cpu);

/* -perfmap, -jitdump: names the block's code for perf by the guest symbol it starts in. */
void jit_perf_map_block(struct rvx_vcpu *cpu, const struct jit_block *b);
/* -d out_asm: the block's guest instructions and its host code, disassembled (outasm.c). */
void jit_log_out_asm(struct rvx_vcpu *cpu, const struct jit_block *b);
void jit_perf_close(struct jit_cache *j);

#endif
