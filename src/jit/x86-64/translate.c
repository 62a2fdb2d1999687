/* Blocks: translation, the code cache (two views of one memfd, so no page is ever writable
 * and executable through the same mapping), chaining, the inline jump cache for indirect
 * jumps, and mapping host faults in translated code back to the guest instruction. */
#include <asm/prctl.h>
#include <cpuid.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/platform/x86.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../../cluster/cluster.h"
#include "../../gdb/gdb.h"
#include "../../plugin/plugin.h"
#include "../../riscv/csr.h"
#include "../../riscv/fp.h"
#include "internal.h"

#define CODE_SIZE   (64u << 20)
#define BLOCK_SLACK 8192        /* room one block may need at most */
#define POPULATE    (64u << 10) /* pages of code cache or block descriptions made ready at once */
#define META_SIZE   CODE_SIZE   /* room for block descriptions (address space only) */
#define META_SMALL  (2u << 20)  /* of which in small pages */
#define RUNS_SIZE   16384       /* entries of the table that counts untranslated blocks' runs */
#define HASH_MIN    (1u << 11)  /* buckets of the block hash at first */
#define HASH_MAX    (1u << 20)  /* and at most (address space reserved for them): a block each */

/* ra, sp, s0, s1, a0-a5, s2 (jit_host_reg gives the other direction) */
static const unsigned char mapped_guest[NMAPPED] = {1, 2, 8, 9, 10, 11, 12, 13, 14, 15, 18};
static const unsigned char mapped_host[NMAPPED] = {RBX, RSI, RDI, R8, R9, R10, R11, R12, R13, R15, R14};

/* fa0-fa5, ft0-ft3, fs0-fs2 in xmm3-xmm15 (jit_xmm_reg gives the other direction) */
static const unsigned char xmm_guest[NXMAPPED] = {10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 8, 9, 18};

/* The guest register mapped host register k holds: its usual one, or another in a block that
 * allocated it (swap_in[k], when swap_in is given). */
static unsigned held_in(const uint8_t *swap_in, int k)
{
	return swap_in && swap_in[k] ? swap_in[k] : mapped_guest[k];
}

/* Host register h back to guest register g in the vCPU, and from it; the register that counts a
 * loop's instructions (SWAP_INSTRET) adds them to instret instead (and to the plugins' counters
 * it carries in block t), and starts again from 0. */
static void put_back(struct emit *e, const struct tctx *t, int h, unsigned g)
{
	if (g != SWAP_INSTRET) {
		e_store(e, M(REG_CPU, OFF_X(g)), h, 8);
		return;
	}
	e_alu_mr(e, false, ALU_ADD, true, M(REG_CPU, OFF(instret)), h);
	for (int s = 0; t && s < t->ncarried; s++)
		e_alu_mr(e, false, ALU_ADD, true, M(REG_CPU, t->carried[s]), h);
}

static void take(struct emit *e, int h, unsigned g)
{
	if (g == SWAP_INSTRET)
		e_mov_ri(e, h, 0);
	else
		e_load(e, h, M(REG_CPU, OFF_X(g)), 8, false);
}

/* xmm (3 + k)'s FP register stored to the vCPU (movsd), or loaded from it (movq) */
static void fp_register(struct emit *e, int k, bool store)
{
	if (store)
		e_sse_rm(e, 0xf2, false, 0x11, 3 + k, M(REG_CPU, OFF_F(xmm_guest[k])));
	else
		e_sse_rm(e, 0xf3, false, 0x7e, 3 + k, M(REG_CPU, OFF_F(xmm_guest[k])));
}

/* ymm (3 + k) and the vector registers it holds in a block that swapped them in (xswap): their
 * 32 bytes in the vCPU, stored there or loaded from there (vmovdqu) */
static void vector_pair(struct emit *e, const uint8_t *xswap, int k, bool store)
{
	e_vex_rm(e, true, VEX_PP_F3, VEX_0F, false, store ? 0x7f : 0x6f, 3 + k, 0,
		 M(REG_CPU, OFF(v) + 32 * (xswap[k] - 1)));
}

/* Every mapped register to the vCPU, with block t's allocation (NULL: the usual one); an xmm
 * register that holds vector registers instead of its FP one (whose value is in the vCPU since
 * the swap) stores them, and the upper halves are cleared for the C code that runs next */
static void spill(struct emit *e, struct jit_cache *j, const struct tctx *t)
{
	int i;
	for (i = 0; i < NMAPPED; i++)
		put_back(e, t, mapped_host[i], held_in(t ? t->swap_in : NULL, i));
	for (i = 0; i < NXMAPPED; i++)
		if (t && t->xswap[i])
			vector_pair(e, t->xswap, i, true);
		else
			fp_register(e, i, true);
	if (t && t->nxswaps)
		e_vzeroupper(e);
	if (j->v_resident)
		e_call_to(e, rw_of(j, j->v_spill));
}

static void reload(struct emit *e, struct jit_cache *j, const struct tctx *t)
{
	int i;
	for (i = 0; i < NMAPPED; i++)
		take(e, mapped_host[i], held_in(t ? t->swap_in : NULL, i));
	for (i = 0; i < NXMAPPED; i++)
		if (t && t->xswap[i])
			vector_pair(e, t->xswap, i, false);
		else
			fp_register(e, i, false);
	if (j->v_resident)
		e_call_to(e, rw_of(j, j->v_reload));
}

/* A routine that moves v0-v31 between the vCPU and ymm16-31 (jit_cache's v_resident): only
 * while they are live, unless it is the one that makes them live. */
static void emit_vector_move(struct emit *e, bool load, bool makes_live, bool masks)
{
	uint8_t *skip = NULL;
	if (!makes_live) {
		e_alu_mi(e, ALU_CMP, false, M(REG_CPU, OFF(v_live)), 0);
		skip = e_jcc(e, CC_E);
	}
	for (int i = 0; i < 16; i++) /* vmovdqu64 */
		e_evex_rm(e, true, VEX_PP_F3, VEX_0F, true, load ? 0x6f : 0x7f, 16 + i, 0, M(REG_CPU, OFF(v) + 32 * i));
	for (int i = 0; masks && !makes_live && i < 4; i++) /* kmovq k4-k7 */
		e_vex_rm(e, false, VEX_PP_NONE, VEX_0F, true, load ? 0x90 : 0x91, 4 + i, 0,
			 M(REG_CPU, OFF(v_kmask) + 8 * i));
	if (makes_live)
		e_store_i8(e, M(REG_CPU, OFF(v_live)), 1);
	if (skip)
		e_patch(skip, e->p);
	e_ret(e);
}

static void emit_vector_moves(struct jit_cache *j, struct emit *e)
{
	j->v_spill = j->rx + (e->p - j->rw);
	e_vzeroupper(e); /* C code or the dispatcher runs next */
	emit_vector_move(e, false, false, j->v_masks);
	j->v_reload = j->rx + (e->p - j->rw);
	emit_vector_move(e, true, false, j->v_masks);
	j->v_load = j->rx + (e->p - j->rw);
	emit_vector_move(e, true, true, false);
}

static void emit_trampolines(struct jit_cache *j)
{
	struct emit e = {j->rw, j->rw + 4096, false, j->host_avx};
	static const uint8_t push[] = {0x53, 0x55, 0x41, 0x54, 0x41, 0x55, 0x41, 0x56, 0x41, 0x57};
	static const uint8_t pop[] = {0x41, 0x5f, 0x41, 0x5e, 0x41, 0x5d, 0x41, 0x5c, 0x5d, 0x5b};
	size_t i;
	uint8_t *enter;
	if (j->v_resident)
		emit_vector_moves(j, &e);
	while ((e.p - j->rw) & 15)
		e_byte(&e, 0xcc);
	/* int enter(struct rvx_vcpu *cpu [rdi], const uint8_t *code [rsi]) */
	enter = e.p;
	for (i = 0; i < sizeof push; i++)
		e_byte(&e, push[i]);
	e_alu_ri(&e, ALU_SUB, true, RSP, 8); /* keep the stack 16-byte aligned for helper calls */
	e_lea(&e, REG_CPU, M(RDI, CPU_BIAS));
	e_mov_rr(&e, true, RAX, RSI);
	reload(&e, j, NULL);
	e_byte(&e, 0xff);
	e_byte(&e, 0xe0); /* jmp rax */
	while ((e.p - j->rw) & 15)
		e_byte(&e, 0xcc);
	/* epilogue: eax holds the exit status */
	j->epilogue = j->rx + (e.p - j->rw);
	spill(&e, j, NULL);
	e_alu_ri(&e, ALU_ADD, true, RSP, 8);
	for (i = 0; i < sizeof pop; i++)
		e_byte(&e, pop[i]);
	e_ret(&e);
	j->enter = (int (*)(struct rvx_vcpu *, const uint8_t *))(void *)(j->rx + (enter - j->rw));
	j->used = (size_t)((e.p - j->rw + 63) & ~63);
}

/* From the C library's record of the CPU (cpuid traps to the hypervisor in a VM, slowly). */
static bool host_has_bitcount(void)
{
	return CPU_FEATURE_ACTIVE(POPCNT) && CPU_FEATURE_ACTIVE(LZCNT) && CPU_FEATURE_ACTIVE(BMI1);
}

/* CPU_FEATURE_ACTIVE without its int 1 << bit, undefined for bit 31 (AVX512VL's) */
static bool feature_active(unsigned index)
{
	const struct cpuid_feature *f = __x86_get_cpuid_feature_leaf(index / 128);
	unsigned bit = index % 128;
	return f->active_array[bit / 32] >> (bit % 32) & 1;
}

/* "active" includes the OS saving the AVX registers */
static bool host_has_fma(void)
{
	return CPU_FEATURE_ACTIVE(FMA) && CPU_FEATURE_ACTIVE(AVX);
}

/* While translated code runs, MXCSR holds frm and fflags; fflags in the vCPU is stale. */
void jit_fp_enter(struct rvx_vcpu *cpu)
{
	unsigned m = fp_host_mode(cpu->frm < 4 ? (int)cpu->frm : 0) | fp_host_from_flags(cpu->fflags);
	__asm__ volatile("ldmxcsr %0" : : "m"(m));
}

void jit_fp_leave(struct rvx_vcpu *cpu)
{
	unsigned m, c = 0x1f80;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	__asm__ volatile("ldmxcsr %0" : : "m"(c));
	cpu->fflags = fp_flags_from_host(m);
}

/* Every helper runs as C code expects the FPU, with fflags and frm up to date. */
static int helper_thunk(struct rvx_vcpu *cpu, const struct rv_insn *in,
			int (*fn)(struct rvx_vcpu *, const struct rv_insn *))
{
	int st;
	jit_fp_leave(cpu);
	cpu->jit_helper_in = in; /* a fault leaves from inside fn: jit_abandon */
	st = fn(cpu, in);
	cpu->jit_helper_in = NULL;
	jit_fp_enter(cpu);
	return st;
}

int jit_init(struct rvx_machine *m)
{
	struct jit_cache *j = calloc(1, sizeof *j);
	int fd;
	if (!j)
		return -ENOMEM;
	fd = memfd_create("rvx-code", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, CODE_SIZE) != 0) {
		free(j);
		return -errno;
	}
	j->rw = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	j->rx = mmap(NULL, CODE_SIZE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
	j->sharers = mmap(NULL, RVX_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	close(fd);
	if (j->rw == MAP_FAILED || j->rx == MAP_FAILED || j->sharers == MAP_FAILED) {
		free(j);
		return -ENOMEM;
	}
	*j->sharers = 1;
	j->size = CODE_SIZE;
	j->hash_size = HASH_MIN; /* only the dispatcher looks blocks up: chains skip it */
	/* the first buckets populated now: a page touched later costs a fault (about 10 us on some
	 * VMs), and a start-up's lookups touch nearly every page. They are few (16 KiB; a dynamic
	 * hello world translates about 200 blocks): with 128 KiB, hello took 0.5 ms longer. The
	 * rest as the table grows (grow_hash) */
	j->hash = mmap(NULL, HASH_MAX * sizeof *j->hash, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (j->hash != MAP_FAILED)
		(void)madvise(j->hash, HASH_MIN * sizeof *j->hash, MADV_POPULATE_WRITE); /* best effort */
	/* a block takes at least 64 bytes of code; reserved once so the fault handler can read it */
	j->order_cap = CODE_SIZE / 64;
	j->order = mmap(NULL, j->order_cap * sizeof *j->order, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	j->meta = mmap(NULL, META_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	/* past its first 2 MiB (a small program's), in huge pages where the kernel has them: the
	 * dispatcher's lookups read block descriptions all over it (python's start-up: 4.5% faster) */
	if (j->meta != MAP_FAILED)
		(void)madvise(j->meta + META_SMALL, META_SIZE - META_SMALL, MADV_HUGEPAGE); /* best effort */
	j->runs = mmap(NULL, RUNS_SIZE * sizeof *j->runs, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	j->translate_after = m->cfg.translate_after ? m->cfg.translate_after : 5;
	if (j->translate_after > 255)
		j->translate_after = 255;
	if (j->hash == MAP_FAILED || j->order == MAP_FAILED || j->meta == MAP_FAILED || j->runs == MAP_FAILED) {
		if (j->runs != MAP_FAILED)
			munmap(j->runs, RUNS_SIZE * sizeof *j->runs);
		if (j->hash != MAP_FAILED)
			munmap(j->hash, HASH_MAX * sizeof *j->hash);
		if (j->order != MAP_FAILED)
			munmap(j->order, j->order_cap * sizeof *j->order);
		if (j->meta != MAP_FAILED)
			munmap(j->meta, META_SIZE);
		munmap(j->rw, CODE_SIZE);
		munmap(j->rx, CODE_SIZE);
		free(j);
		return -ENOMEM;
	}
	pthread_mutex_init(&j->lock, NULL);
	j->code_gen = m->code_gen;
	j->fence_gen = m->fence_gen;
	j->map_gen = m->map_gen;
	j->locked_amos = m->shared_memory;
	j->space_bits = (unsigned)__builtin_ctzll(m->space.size);
	j->host_bitcount = host_has_bitcount();
	j->host_fma = host_has_fma();
	j->host_sse41 = CPU_FEATURE_ACTIVE(SSE4_1);
	j->host_bmi2 = CPU_FEATURE_ACTIVE(BMI2);
	j->host_sse42 = CPU_FEATURE_ACTIVE(SSE4_2);
	j->host_avx = CPU_FEATURE_ACTIVE(AVX);
	j->host_avx2 = CPU_FEATURE_ACTIVE(AVX2) && j->host_avx;
	if (j->host_avx) {
		unsigned a, b, c, d;
		__cpuid_count(0xd, 2, a, b, c, d);
		j->ymmh_off = a == 256 && b >= 512 ? b : 0; /* the standard XSAVE layout's YMM_Hi128 */
	}
	if (j->host_avx2 && feature_active(x86_cpu_AVX512F) && feature_active(x86_cpu_AVX512VL) &&
	    (m->cfg.vlen ? m->cfg.vlen / 8 : RVX_VLENB_DEFAULT) == 16) {
		unsigned a, b, c, d;
		__cpuid_count(0xd, 7, a, b, c, d);
		j->zmm16_off = b;
		j->v_resident = a == 1024 && b >= 576; /* the standard XSAVE layout's Hi16_ZMM */
		j->v_bw = j->v_resident && feature_active(x86_cpu_AVX512BW);
		j->v_masks = j->v_bw && CPU_FEATURE_ACTIVE(BMI2);
		j->v_dq = j->v_masks && CPU_FEATURE_ACTIVE(AVX512DQ);
		j->v_vbmi = j->v_masks && CPU_FEATURE_ACTIVE(AVX512_VBMI);
		j->v_vbmi2 = j->v_masks && CPU_FEATURE_ACTIVE(AVX512_VBMI2);
		j->v_cd = j->v_masks && feature_active(x86_cpu_AVX512CD);
		j->v_popcnt = j->v_masks && CPU_FEATURE_ACTIVE(AVX512_VPOPCNTDQ) && CPU_FEATURE_ACTIVE(AVX512_BITALG);
		j->v_gfni = j->v_masks && CPU_FEATURE_ACTIVE(GFNI);
	}
	j->v_blend = j->host_avx2 && !j->v_masks && !j->v_resident;
	for (unsigned mask = 0; mask < 256; mask++) {
		unsigned n = 0;
		for (unsigned b = 0; b < 8; b++)
			if (mask >> b & 1)
				j->compress_ctl[8 * mask + n++] = (uint8_t)b;
		while (n < 8)
			j->compress_ctl[8 * mask + n++] = 0x80;
	}
	j->space_at_gs = m->space.base != NULL;
	emit_trampolines(j);
	m->jit = j;
	return 0;
}

static void free_blocks(struct jit_cache *j)
{
	page_index_clear(&j->pages);
	j->nunseen = 0;
	j->unseen_broken = false;
	j->nblocks = 0;
	j->meta_used = 0;
	memset(j->hash, 0, j->hash_size * sizeof *j->hash);
}

void jit_destroy(struct rvx_machine *m)
{
	struct jit_cache *j = m->jit;
	if (!j)
		return;
	munmap(j->runs, RUNS_SIZE * sizeof *j->runs);
	munmap(j->meta, META_SIZE);
	munmap(j->order, j->order_cap * sizeof *j->order);
	munmap(j->hash, HASH_MAX * sizeof *j->hash);
	pthread_mutex_destroy(&j->lock);
	munmap(j->rw, j->size);
	munmap(j->rx, j->size);
	munmap(j->sharers, RVX_PAGE_SIZE);
	jit_perf_close(j);
	page_index_free(&j->pages);
	free(j->unseen);
	free(j);
	m->jit = NULL;
}

static void clear_jcache(struct rvx_vcpu *cpu)
{
	machine_table_clear(cpu->jcache, JC_SIZE * sizeof(struct jit_jc_entry));
}

int jit_vcpu_init(struct rvx_vcpu *cpu, bool populate)
{
	cpu->jcache = machine_table_new(JC_SIZE * sizeof(struct jit_jc_entry), false);
	if (!cpu->jcache)
		return -ENOMEM;
	if (populate) /* best effort: the part translated code uses first */
		(void)madvise(cpu->jcache, JC_SMALL * sizeof(struct jit_jc_entry), MADV_POPULATE_WRITE);
	cpu->jc_mask = (JC_SMALL - 1) << 1;
	cpu->jit_epoch = cpu->m->jit->epoch;
	return 0;
}

void jit_vcpu_destroy(struct rvx_vcpu *cpu)
{
	machine_table_free(cpu->jcache, JC_SIZE * sizeof(struct jit_jc_entry));
	cpu->jcache = NULL;
}

/* ---- safe points: a flush frees code only when no vCPU can be running it */

/* Marks the vCPU as inside the code cache, first waiting out any flush in progress; then
 * drops its jump cache if a flush happened since it last looked. */
static void code_enter(struct rvx_vcpu *cpu, struct jit_cache *j)
{
	for (;;) {
		__atomic_store_n(&cpu->in_code, 1, __ATOMIC_SEQ_CST);
		if (!__atomic_load_n(&j->stopping, __ATOMIC_SEQ_CST))
			break;
		__atomic_store_n(&cpu->in_code, 0, __ATOMIC_SEQ_CST);
		pthread_mutex_lock(&j->lock); /* the flusher holds it until it is done */
		pthread_mutex_unlock(&j->lock);
	}
	if (cpu->jit_epoch != j->epoch) {
		clear_jcache(cpu);
		cpu->chain_site = 0;
		cpu->jit_epoch = j->epoch;
	}
}

static void code_leave(struct rvx_vcpu *cpu)
{
	__atomic_store_n(&cpu->in_code, 0, __ATOMIC_SEQ_CST);
}

/* Leaves the code cache and takes its lock (to translate or flush); cache_unlock gives both
 * back. A fault in between releases the lock through jit_abandon. */
static void cache_lock(struct rvx_vcpu *cpu, struct jit_cache *j)
{
	code_leave(cpu);
	pthread_mutex_lock(&j->lock);
	cpu->jit_locked = true;
}

static void cache_unlock(struct rvx_vcpu *cpu, struct jit_cache *j)
{
	cpu->jit_locked = false;
	pthread_mutex_unlock(&j->lock);
	code_enter(cpu, j);
}

/* The block whose code (with what follows it: stubs, helpers' instructions) holds rx address at */
static struct jit_block *block_at(struct jit_cache *j, const uint8_t *at)
{
	size_t lo = 0, hi, n;
	if (at < j->rx || at >= j->rx + j->used)
		return NULL;
	hi = n = __atomic_load_n(&j->nblocks, __ATOMIC_ACQUIRE);
	while (lo < hi) { /* blocks are in code order */
		size_t mid = (lo + hi) / 2;
		if (j->order[mid]->code + j->order[mid]->size <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && j->order[lo]->code <= at ? j->order[lo] : NULL;
}

static void plugin_sums_undo(struct rvx_vcpu *cpu, const struct jit_block *b, unsigned k);

/* A fault in a helper left its block without the block's exit code: a SUMMED block's plugin
 * additions of the instructions after the helper's (at pc) are taken back, as at a host fault. */
static void helper_left(struct rvx_vcpu *cpu)
{
	const struct jit_block *b = block_at(cpu->m->jit, cpu->jit_helper_in);
	cpu->jit_helper_in = NULL;
	for (unsigned k = 0; b && b->pins && k < b->ninsns; k++)
		if (b->pins[k]->vaddr == cpu->pc) {
			plugin_sums_undo(cpu, b, k);
			return;
		}
}

void jit_abandon(struct rvx_vcpu *cpu)
{
	if (cpu->jit_helper_in)
		helper_left(cpu);
	code_leave(cpu);
	if (cpu->jit_locked) { /* a fault while translating: the half-made block is never published */
		cpu->jit_locked = false;
		pthread_mutex_unlock(&cpu->m->jit->lock);
	}
}

/* Sends every other vCPU out of translated code (each block entry checks `interrupt`) and
 * waits until none is inside. */
static void stop_the_world(struct rvx_vcpu *self, struct jit_cache *j)
{
	struct rvx_machine *m = self->m;
	__atomic_store_n(&j->stopping, 1, __ATOMIC_SEQ_CST);
	for (;;) {
		struct rvx_vcpu *c;
		bool busy = false;
		pthread_mutex_lock(&m->lock);
		for (c = m->threads; c; c = c->next) {
			if (c != self && __atomic_load_n(&c->in_code, __ATOMIC_SEQ_CST)) {
				__atomic_store_n(&c->interrupt, 1, __ATOMIC_SEQ_CST);
				busy = true;
			}
		}
		pthread_mutex_unlock(&m->lock);
		if (!busy)
			return;
		sched_yield();
	}
}

static void resume_the_world(struct jit_cache *j)
{
	__atomic_store_n(&j->stopping, 0, __ATOMIC_SEQ_CST);
}

static void cache_remap(struct jit_cache *j, bool keep);
static void cache_own(struct jit_cache *j);

/* Another process maps the code cache too (after a fork), or this one is leaving it. While it
 * is, blocks not yet translated are interpreted and exits are not chained, up to a number of
 * such runs that costs about what a private copy of the cache costs; then it makes one. */
#define SHARED_MISSES_BEFORE_COPY 1024
static bool cache_shared(const struct jit_cache *j)
{
	return __atomic_load_n(j->sharers, __ATOMIC_SEQ_CST) > 1 || j->released;
}

/* Drops every translation. The caller holds j->lock and is outside the code cache. */
static void flush_locked(struct rvx_vcpu *cpu, struct jit_cache *j)
{
	stop_the_world(cpu, j);
	if (cache_shared(j))
		cache_remap(j, false); /* shared with another process: a new empty one, nothing copied */
	free_blocks(j);
	emit_trampolines(j);
	j->stats.flushes++;
	__atomic_store_n(&j->epoch, j->epoch + 1, __ATOMIC_SEQ_CST);
	resume_the_world(j);
}

/* Whether the guest code a block was made from is gone or different now. */
/* gdb put or took away a breakpoint at the block's start or inside it. */
static bool breakpoints_moved(const struct rvx_gdb *g, const struct jit_block *b)
{
	if (gdb_break_at(g, b->pc) != b->debug_stop)
		return true;
	for (unsigned i = 0; i < b->nsegs; i++)
		if (gdb_break_in(g, b->segs[i].pc + (i == 0), b->segs[i].pc + b->segs[i].len))
			return true;
	return false;
}

static bool block_stale(struct rvx_machine *m, const struct jit_block *b)
{
	const uint8_t *guest = b->guest;
	if (!space_check(&m->space, b->pc, 1, PROT_EXEC) || (m->gdb && breakpoints_moved(m->gdb, b)))
		return true;
	for (unsigned i = 0; i < b->nsegs; guest += b->segs[i++].len)
		if (b->segs[i].len && (!space_check(&m->space, b->segs[i].pc, b->segs[i].len, PROT_EXEC) ||
				       memcmp(guest, g2h(&m->space, b->segs[i].pc), b->segs[i].len) != 0))
			return true;
	return false;
}

/* Writes jmp rel32 to the block's exit at offset off of its code. */
static void jump_to_leave(struct jit_cache *j, const struct jit_block *b, unsigned off)
{
	uint8_t *at;
	cache_own(j);
	at = rw_of(j, b->code + off);
	int32_t rel = (int32_t)(b->leave - (b->code + off + 5));
	at[0] = 0xe9;
	memcpy(at + 1, &rel, 4);
}

static void kill_block(struct jit_cache *j, struct jit_block *b)
{
	struct jit_block **p;
	for (p = &j->hash[(b->pc >> 1) & (j->hash_size - 1)]; *p; p = &(*p)->next) {
		if (*p == b) {
			*p = b->next;
			break;
		}
	}
	jump_to_leave(j, b, 0);             /* in place of the entry's interrupt test */
	jump_to_leave(j, b, b->fast_entry); /* and at the forward chains' entry past it */
	b->dead = true;
	j->stats.invalidated++;
}

static bool block_on_page(const struct jit_block *b, uint64_t page)
{
	if (b->pc >= page && b->pc < page + RVX_PAGE_SIZE)
		return true;
	for (unsigned i = 0; i < b->nsegs; i++)
		if (b->segs[i].pc < page + RVX_PAGE_SIZE && b->segs[i].pc + b->segs[i].len > page)
			return true;
	return false;
}

/* A hit page whose writes changed no translated code this many times in a row is written as
 * data: its translations are then dropped at the next write and it stays unwatched until one is
 * made again, rather than faulting at every write. */
#define WATCH_GIVE_UP 4

/* Notes that fence.i must check the block at place `at` in the order (it is not seen). */
static void add_unseen(struct jit_cache *j, uint32_t at)
{
	if (j->nunseen == j->unseen_cap) {
		size_t cap = j->unseen_cap ? j->unseen_cap * 2 : 1024;
		uint32_t *v = realloc(j->unseen, cap * sizeof *v);
		if (!v) {
			j->unseen_broken = true;
			return;
		}
		j->unseen = v;
		j->unseen_cap = cap;
	}
	j->unseen[j->nunseen++] = at;
}

/* Where the block is in the order (it is there: the order is by code address). */
static uint32_t place_of(const struct jit_cache *j, const struct jit_block *b)
{
	size_t lo = 0, hi = j->nblocks;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (j->order[mid]->code < b->code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

/* The live blocks made (in part) from page, *n of them: from the page index, or by a look at
 * every block where it cannot say (*all set). */
static struct jit_block **blocks_on_page(struct jit_cache *j, uint64_t page, size_t *n, bool *all)
{
	struct jit_block **v = page_index_blocks(&j->pages, j->order, page, n);
	*all = !v;
	if (!v)
		*n = j->nblocks;
	return *all ? j->order : v;
}

/* Drops the translations on pages the guest wrote (space_watch_hit) whose code changed. The
 * pages are armed again before their code is compared, so that no write falls between, and
 * disarmed after where no translation relies on them any more. */
static void check_written_pages_locked(struct rvx_machine *m, struct jit_cache *j)
{
	uint64_t pages[64];
	unsigned alarms[64];
	bool seen[64], all;
	size_t n, k, i, nb;
	while ((n = space_watch_take_hits(&m->space, pages, alarms, 64)) > 0) {
		for (k = 0; k < n; k++)
			seen[k] = space_watch_rearm(&m->space, pages[k], alarms[k]);
		for (k = 0; k < n; k++) {
			bool changed = false, live = false;
			struct jit_block **v = blocks_on_page(j, pages[k], &nb, &all);
			for (i = 0; i < nb; i++) {
				struct jit_block *b = v[i];
				if (b->dead || (all && !block_on_page(b, pages[k])))
					continue;
				if (block_stale(m, b)) {
					kill_block(j, b);
					changed = true;
				} else {
					live = true;
					if (b->seen && !seen[k]) {
						b->seen = false;
						add_unseen(j, place_of(j, b));
					}
				}
			}
			alarms[k] = changed ? 0 : alarms[k] + 1;
			for (i = 0; live && alarms[k] >= WATCH_GIVE_UP && i < nb; i++) {
				struct jit_block *b = v[i];
				if (!b->dead && (!all || block_on_page(b, pages[k])))
					kill_block(j, b);
			}
			live = live && alarms[k] < WATCH_GIVE_UP;
			j->stats.watch_hits++;
			j->stats.watch_false += !changed;
			space_watch_settle(&m->space, pages[k], alarms[k], live);
		}
	}
}

/* The pages the block was made from, each once (a segment spans at most two). */
#define BLOCK_PAGES (2 * MAX_BLOCK_SEGS)
static unsigned block_pages(const struct jit_block *b, uint64_t pages[BLOCK_PAGES])
{
	unsigned n = 0;
	for (unsigned i = 0; i < b->nsegs; i++) {
		uint64_t page = b->segs[i].pc & ~(RVX_PAGE_SIZE - 1),
			 end = b->segs[i].pc + (b->segs[i].len ? b->segs[i].len : 1);
		for (; page < end && n < BLOCK_PAGES; page += RVX_PAGE_SIZE) {
			unsigned k = 0;
			while (k < n && pages[k] != page)
				k++;
			if (k == n)
				pages[n++] = page;
		}
	}
	return n;
}

/* Adds the block to the lists of the pages it was made from. */
static void index_pages(struct jit_cache *j, const struct jit_block *b, uint32_t at)
{
	uint64_t pages[BLOCK_PAGES];
	unsigned n = block_pages(b, pages);
	for (unsigned k = 0; k < n; k++)
		page_index_add(&j->pages, pages[k], at);
}

/* Whether every change of the block's guest code is seen from now on: each of its pages
 * WATCH_SEEN (armed if writable), the last page's answer kept in *memo (page | answer). Not in
 * cluster mode, where pages move between ranks, nor under gdb. */
static bool watch_block(struct rvx_machine *m, const struct jit_block *b, uint64_t *memo)
{
	uint64_t pages[BLOCK_PAGES];
	unsigned n;
	if (m->cluster || m->gdb)
		return false;
	n = block_pages(b, pages);
	for (unsigned k = 0; k < n; k++) {
		if ((*memo & ~(RVX_PAGE_SIZE - 1)) != pages[k])
			*memo = pages[k] | (uint64_t)(space_watch(&m->space, pages[k]) == WATCH_SEEN);
		if (!(*memo & 1))
			return false;
	}
	return true;
}

/* After munmap, mprotect or mmap over code (full: every block), fence.i or riscv_flush_icache
 * (fence: the blocks whose changes the watch may miss), or writes to watched pages: drops
 * exactly the blocks whose guest code changed or went away. Their code stays (a chained
 * predecessor or a jump cache may still lead there) but now begins with a jump to its own exit
 * to the dispatcher, which finds the new translation. A full check also watches the pages of
 * the blocks it keeps again, before comparing them, since their mappings changed. The caller
 * holds j->lock and is outside the code cache. */
static void invalidate_changed_locked(struct rvx_vcpu *cpu, struct jit_cache *j, bool full, bool fence)
{
	struct rvx_machine *m = cpu->m;
	uint64_t memo = 0;
	size_t i, n = 0;
	stop_the_world(cpu, j);
	if (full || (fence && (j->unseen_broken || __atomic_load_n(&m->mem_file_written, __ATOMIC_SEQ_CST)))) {
		j->nunseen = 0;
		j->unseen_broken = false;
		for (i = 0; i < j->nblocks; i++) {
			struct jit_block *b = j->order[i];
			if (b->dead)
				continue;
			if (full)
				b->seen = watch_block(m, b, &memo);
			if (block_stale(m, b))
				kill_block(j, b);
			else if (!b->seen)
				add_unseen(j, (uint32_t)i);
		}
	} else if (fence) { /* the unseen ones, the list kept to the live ones */
		for (i = 0; i < j->nunseen; i++) {
			struct jit_block *b = j->order[j->unseen[i]];
			if (b->dead || b->seen)
				continue;
			if (block_stale(m, b))
				kill_block(j, b);
			else
				j->unseen[n++] = j->unseen[i];
		}
		j->nunseen = n;
	}
	check_written_pages_locked(m, j);
	resume_the_world(j);
}

/* ---- fork(): the two views map one shared memfd, which parent and child keep mapping. While
 * another process maps it too (*sharers > 1), neither writes it: the first that must (to
 * translate, chain, invalidate or flush) moves to a copy of its own. A child that execs or
 * exits first leaves it to its parent, and so a fork copies nothing (a copy of python's 6 MiB
 * cache was most of a fork's cost). */

static _Noreturn void cache_lost(void)
{
	static const char msg[] = "rvx: internal error: cannot make a private copy of the translation cache\n";
	if (write(2, msg, sizeof msg - 1) < 0) { /* nothing more to do: the status says it */
	}
	_exit(70);
}

/* Maps a new memfd over both views, with the used part copied when keep. */
static void cache_remap(struct jit_cache *j, bool keep)
{
	int fd = memfd_create("rvx-code", MFD_CLOEXEC);
	int *sharers = mmap(NULL, RVX_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (fd < 0 || sharers == MAP_FAILED || ftruncate(fd, (off_t)j->size) != 0 ||
	    (keep && write(fd, j->rw, j->used) != (ssize_t)j->used))
		cache_lost();
	/* same bytes at the same addresses: this process's other threads run on undisturbed */
	if (mmap(j->rw, j->size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED ||
	    mmap(j->rx, j->size, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED)
		cache_lost();
	close(fd);
	if (!j->released)
		__atomic_sub_fetch(j->sharers, 1, __ATOMIC_SEQ_CST);
	j->released = false;
	munmap(j->sharers, RVX_PAGE_SIZE);
	j->sharers = sharers;
	*sharers = 1;
	j->populated = keep ? j->used : 0;
	j->shared_misses = 0;
	j->stats.copies++;
}

/* Before any write to the cache (under lock). */
static void cache_own(struct jit_cache *j)
{
	if (cache_shared(j))
		cache_remap(j, true);
}

void jit_prefork(struct rvx_machine *m)
{
	struct jit_cache *j = m->jit;
	if (j) {
		pthread_mutex_lock(&j->lock); /* no translation is half made in the child */
		__atomic_add_fetch(j->sharers, 1, __ATOMIC_SEQ_CST);
	}
}

void jit_postfork(struct rvx_machine *m)
{
	if (m->jit)
		pthread_mutex_unlock(&m->jit->lock);
}

void jit_release(struct rvx_machine *m)
{
	struct jit_cache *j = m->jit;
	if (j && !j->released) {
		j->released = true;
		__atomic_sub_fetch(j->sharers, 1, __ATOMIC_SEQ_CST);
	}
}

void jit_reclaim(struct rvx_vcpu *cpu)
{
	struct jit_cache *j = cpu->m->jit;
	if (!j || !j->released)
		return;
	/* another process may have written the cache since: the flush starts a new, empty one */
	pthread_mutex_lock(&j->lock);
	flush_locked(cpu, j);
	pthread_mutex_unlock(&j->lock);
}

/* Lock-free: a lookup that meets the table growing may miss a block (the dispatcher's locked
 * lookup, or the interpreter, takes it then), never loops (grow_hash) */
static struct jit_block *lookup(struct jit_cache *j, uint64_t pc)
{
	size_t size = __atomic_load_n(&j->hash_size, __ATOMIC_ACQUIRE);
	struct jit_block *b = __atomic_load_n(&j->hash[(pc >> 1) & (size - 1)], __ATOMIC_ACQUIRE);
	while (b && b->pc != pc)
		b = __atomic_load_n(&b->next, __ATOMIC_ACQUIRE);
	return b;
}

/* Twice the buckets once there are more blocks than buckets (with the lock held): bucket i's
 * chain splits into i and i + size in place, each node's next only ever moving further along
 * its old chain, so that a lookup under way ends; the new size is published last. */
static void grow_hash(struct jit_cache *j)
{
	size_t size = j->hash_size;
	if (size >= HASH_MAX || j->nblocks <= size)
		return;
	(void)madvise(j->hash + size, size * sizeof *j->hash, MADV_POPULATE_WRITE); /* best effort */
	for (size_t i = 0; i < size; i++) {
		struct jit_block *lists[2] = {NULL, NULL}, **tails[2] = {&lists[0], &lists[1]};
		for (struct jit_block *b = j->hash[i], *next; b; b = next) {
			int half = (int)((b->pc >> 1) & size ? 1 : 0);
			next = b->next;
			__atomic_store_n(tails[half], b, __ATOMIC_RELEASE);
			tails[half] = &b->next;
		}
		__atomic_store_n(tails[0], NULL, __ATOMIC_RELEASE);
		__atomic_store_n(tails[1], NULL, __ATOMIC_RELEASE);
		__atomic_store_n(&j->hash[i + size], lists[1], __ATOMIC_RELEASE);
		__atomic_store_n(&j->hash[i], lists[0], __ATOMIC_RELEASE);
	}
	__atomic_store_n(&j->hash_size, 2 * size, __ATOMIC_RELEASE);
}

/* ---- emission helpers shared by the per-extension files */

static bool fetchable(struct rvx_vcpu *cpu, uint64_t pc);

/* fetchable, remembering the mapping that answered: a block's instructions nearly always lie
 * in one, and asking the address space takes its lock */
static bool t_fetchable(struct tctx *t, uint64_t pc)
{
	uint16_t lo;
	if ((pc < t->code.start || pc + 2 > t->code.end) && !space_exec_vma(&t->cpu->m->space, pc, &t->code))
		return false;
	if (pc + 4 <= t->code.end)
		return true;
	memcpy(&lo, g2h(&t->cpu->m->space, pc), 2);
	return rv_insn_length(lo) == 2 || fetchable(t->cpu, pc);
}

static void watch_code_page(struct tctx *t, uint64_t page)
{
	struct jit_cache *j = t->j;
	int r = space_watch(&t->cpu->m->space, page);
	t->seen = t->seen && r == WATCH_SEEN;
	if (r == WATCH_FULL && !j->watch_full_reported) {
		j->watch_full_reported = true;
		fprintf(stderr, "rvx: warning: too many writable pages hold code to watch them all; writes there "
				"without fence.i may go unseen\n");
	}
}

/* Decodes instruction k of the block, at pc, keeping the bytes it was decoded from. */
static void decode_at(struct tctx *t, int k, uint64_t pc)
{
	uint64_t page = pc & ~(RVX_PAGE_SIZE - 1);
	uint32_t bits;
	/* armed before it is read: a write after the read then faults and is seen */
	if (page != t->watched_page) {
		watch_code_page(t, page);
		t->watched_page = page;
	}
	if ((pc & (RVX_PAGE_SIZE - 1)) == RVX_PAGE_SIZE - 2) /* a 4-byte instruction may go on */
		watch_code_page(t, page + RVX_PAGE_SIZE);
	if (k > 0 && pc != t->insn_pc[k - 1] + t->insns[k - 1].len)
		t->segs[t->nsegs++] = (struct jit_seg){pc, 0}; /* follows keeps nsegs in bounds */
	bits = interp_decode(t->cpu, pc, &t->insns[k]);
	memcpy(&t->guest[t->guest_len], &bits, t->insns[k].len);
	t->guest_len += t->insns[k].len;
	t->segs[t->nsegs - 1].len += t->insns[k].len;
	t->insn_pc[k] = pc;
	t->way[k] = -1;
	t->npeeked++;
}

/* The entry of the table that counts untranslated blocks' runs for the block at pc (shared by
 * the pcs that collide there) */
static uint8_t *runs_entry(const struct jit_cache *j, uint64_t pc)
{
	return &j->runs[(pc >> 1) & (RUNS_SIZE - 1)];
}

/* The way a forward branch at insns[k] went while the block was interpreted (the runs of
 * untranslated blocks): its not-taken successor ran more than twice as often as its target
 * (WAY_FALLS), or the other way round (WAY_TAKEN); else, or where nothing may span it, WAY_ENDS.
 * Decided once per instruction: other threads move the runs meanwhile. */
enum { WAY_ENDS, WAY_FALLS, WAY_TAKEN };
static int hot_way(struct tctx *t, int k)
{
	const struct rv_insn *in = &t->insns[k];
	uint64_t pc = t->insn_pc[k];
	if (t->way[k] < 0) {
		t->way[k] = WAY_ENDS;
		if (rv_op_format(in->op) == F_B && in->imm > 0 && !t->ptb && !t->cpu->m->gdb && k + 1 < t->limit) {
			unsigned taken = __atomic_load_n(runs_entry(t->j, pc + (uint64_t)in->imm), __ATOMIC_RELAXED);
			unsigned not_taken = __atomic_load_n(runs_entry(t->j, pc + in->len), __ATOMIC_RELAXED);
			t->way[k] = not_taken > 2 * taken ? WAY_FALLS : taken > 2 * not_taken ? WAY_TAKEN : WAY_ENDS;
		}
	}
	return t->way[k];
}

/* Whether the block goes on after insns[k] at its target: a jal's, a backward branch's taken
 * (the usual way of a loop whose blocks chain), or a forward branch's that its runs took
 * (hot_way), to code not yet in the block, so that a loop spread over blocks becomes one; not
 * where the branch's other way is in the block already (then that way is the loop's) */
static bool follows(struct tctx *t, int k)
{
	const struct rv_insn *in = &t->insns[k];
	uint64_t target = t->insn_pc[k] + (uint64_t)in->imm;
	if (t->nsegs >= MAX_BLOCK_SEGS || t->ptb)
		return false;
	if (in->op == RV_JAL)
		return true;
	if (rv_op_format(in->op) != F_B ||
	    (in->imm < 0 ? !t->follow_branches || target == t->block_pc : hot_way(t, k) != WAY_TAKEN) ||
	    !t_fetchable(t, target))
		return false;
	for (int i = 0; i <= k; i++)
		if (t->insn_pc[i] == target || t->insn_pc[i] == t->insn_pc[k] + in->len)
			return false;
	return true;
}

/* Whether the block goes on after insns[k] on its not-taken way, a forward branch that its runs
 * fell through (hot_way), so that code whose branches mostly fall through runs as one block; the
 * taken way becomes a side exit, the instructions after the branch taken back from the count. */
static bool falls_on(struct tctx *t, int k)
{
	return hot_way(t, k) == WAY_FALLS && t_fetchable(t, t->insn_pc[k] + t->insns[k].len);
}

/* The address of insns[k + 1], follows' choice recorded */
static uint64_t next_pc(struct tctx *t, int k)
{
	t->followed[k] = follows(t, k);
	return t->insn_pc[k] + (t->followed[k] ? (uint64_t)t->insns[k].imm : t->insns[k].len);
}

static bool accesses_memory(const struct rv_insn *in)
{
	switch (rv_op_format(in->op)) {
	case F_LOAD:
	case F_STORE:
	case F_LR:
	case F_AMO:
	case F_FLOAD:
	case F_FSTORE:
	case F_CBO:
	case F_VMEM: return true;
	default: return false;
	}
}

/* The instruction at insn_pc[k] looks split pages up (cluster mode): it is translated alone. */
static bool split_aware(const struct tctx *t, int k)
{
	return t->split_any && accesses_memory(&t->insns[k]) && cluster_split_aware(t->cpu->m, t->insn_pc[k]);
}

/* Whether the instruction writes a single to f[rd]: NaN-boxed, its upper 32 bits ones */
static bool writes_single(unsigned op)
{
	switch (op) {
	case RV_FLW:
	case RV_FMADD_S:
	case RV_FMSUB_S:
	case RV_FNMSUB_S:
	case RV_FNMADD_S:
	case RV_FADD_S:
	case RV_FSUB_S:
	case RV_FMUL_S:
	case RV_FDIV_S:
	case RV_FSQRT_S:
	case RV_FSGNJ_S:
	case RV_FSGNJN_S:
	case RV_FSGNJX_S:
	case RV_FMIN_S:
	case RV_FMAX_S:
	case RV_FCVT_S_W:
	case RV_FCVT_S_WU:
	case RV_FCVT_S_L:
	case RV_FCVT_S_LU:
	case RV_FCVT_S_D:
	case RV_FMV_W_X: return true;
	}
	return false;
}

const struct rv_insn *t_peek_split(struct tctx *t, int n)
{
	int k = t->idx + n;
	uint64_t pc;
	if (k >= t->limit || k > t->npeeked)
		return NULL;
	if (k == t->npeeked) {
		pc = next_pc(t, k - 1);
		if (!t_fetchable(t, pc))
			return NULL;
		decode_at(t, k, pc);
	}
	return &t->insns[k];
}

const struct rv_insn *t_peek(struct tctx *t, int n)
{
	const struct rv_insn *p = t->no_fuse ? NULL : t_peek_split(t, n);
	return p && !split_aware(t, t->idx + n) ? p : NULL;
}

void t_get(struct tctx *t, int host, unsigned g)
{
	if (g == 0)
		e_mov_ri(&t->e, host, 0);
	else if (t_host_reg(t, g) >= 0)
		e_mov_rr(&t->e, true, host, t_host_reg(t, g));
	else
		e_load(&t->e, host, M(REG_CPU, OFF_X(g)), 8, false);
}

void t_move(struct tctx *t, unsigned rd, unsigned rs)
{
	if (rd == 0 || rd == rs)
		return;
	if (rs == 0 && t_host_reg(t, rd) < 0) {
		e_store_i32(&t->e, M(REG_CPU, OFF_X(rd)), 0);
		return;
	}
	if (t_host_reg(t, rd) >= 0) {
		t_get(t, t_host_reg(t, rd), rs);
	} else if (t_host_reg(t, rs) >= 0) {
		t_put(t, rd, t_host_reg(t, rs));
	} else {
		t_get(t, RAX, rs);
		t_put(t, rd, RAX);
	}
}

void t_put(struct tctx *t, unsigned g, int host)
{
	if (g == 0)
		return;
	if (t_host_reg(t, g) >= 0)
		e_mov_rr(&t->e, true, t_host_reg(t, g), host);
	else
		e_store(&t->e, M(REG_CPU, OFF_X(g)), host, 8);
}

void t_put_imm(struct tctx *t, unsigned g, uint64_t v)
{
	if (g == 0)
		return;
	if (t_host_reg(t, g) >= 0) {
		e_mov_ri(&t->e, t_host_reg(t, g), v);
	} else if ((int64_t)v == (int32_t)v) {
		e_store_i32(&t->e, M(REG_CPU, OFF_X(g)), (int32_t)v);
	} else {
		e_mov_ri(&t->e, RAX, v);
		e_store(&t->e, M(REG_CPU, OFF_X(g)), RAX, 8);
	}
}

void t_fget(struct tctx *t, int xmm, unsigned g)
{
	if (jit_xmm_reg(g) >= 0)
		e_sse_rr(&t->e, 0, false, 0x28, xmm, jit_xmm_reg(g)); /* movaps */
	else
		e_sse_rm(&t->e, 0xf3, false, 0x7e, xmm, M(REG_CPU, OFF_F(g))); /* movq */
}

void t_fput(struct tctx *t, unsigned g, int xmm)
{
	if (jit_xmm_reg(g) >= 0)
		e_sse_rr(&t->e, 0, false, 0x28, jit_xmm_reg(g), xmm);
	else
		e_sse_rm(&t->e, 0xf2, false, 0x11, xmm, M(REG_CPU, OFF_F(g)));
}

void t_fget_gpr(struct tctx *t, int gpr, unsigned g)
{
	if (jit_xmm_reg(g) >= 0)
		e_sse_rr(&t->e, 0x66, true, 0x7e, jit_xmm_reg(g), gpr); /* movq gpr, xmm */
	else
		e_load(&t->e, gpr, M(REG_CPU, OFF_F(g)), 8, false);
}

void t_fput_gpr(struct tctx *t, unsigned g, int gpr)
{
	if (jit_xmm_reg(g) >= 0)
		e_sse_rr(&t->e, 0x66, true, 0x6e, jit_xmm_reg(g), gpr); /* movq xmm, gpr */
	else
		e_store(&t->e, M(REG_CPU, OFF_F(g)), gpr, 8);
}

void t_sse_f(struct tctx *t, uint8_t prefix, bool w, uint8_t op, int reg, unsigned g)
{
	if (jit_xmm_reg(g) >= 0)
		e_sse_rr(&t->e, prefix, w, op, reg, jit_xmm_reg(g));
	else
		e_sse_rm(&t->e, prefix, w, op, reg, M(REG_CPU, OFF_F(g)));
}

static void store_pc(struct tctx *t, uint64_t pc)
{
	e_mov_ri(&t->e, RAX, pc);
	e_store(&t->e, M(REG_CPU, OFF(pc)), RAX, 8);
}

/* Into the block's register allocation from the usual mapping, and back (the allocated
 * registers written back only when the block may write them). Neither touches rax. */
static void swap_in(struct tctx *t)
{
	for (int k = 0; k < NMAPPED; k++)
		if (t->swap_in[k]) {
			e_store(&t->e, M(REG_CPU, OFF_X(mapped_guest[k])), mapped_host[k], 8);
			take(&t->e, mapped_host[k], t->swap_in[k]);
		}
}

/* A vector loop's xmm registers from their FP registers to the vector registers the loop keeps
 * there (v.c's homes, xswap): each FP register's value to the vCPU, the vectors from it */
void t_xswap_in(struct tctx *t)
{
	for (int k = 0; k < NXMAPPED; k++)
		if (t->xswap[k]) {
			fp_register(&t->e, k, true);
			vector_pair(&t->e, t->xswap, k, false);
		}
}

static void swap_out(struct tctx *t)
{
	for (int k = 0; k < NMAPPED; k++)
		if (t->swap_in[k]) {
			if (t->swap_in[k] == SWAP_INSTRET || t->written & 1u << t->swap_in[k])
				put_back(&t->e, t, mapped_host[k], t->swap_in[k]);
			e_load(&t->e, mapped_host[k], M(REG_CPU, OFF_X(mapped_guest[k])), 8, false);
		}
	if (!t->nxswaps)
		return;
	for (int k = 0; k < NXMAPPED; k++)
		if (t->xswap[k])
			vector_pair(&t->e, t->xswap, k, true);
	e_vzeroupper(&t->e);
	for (int k = 0; k < NXMAPPED; k++)
		if (t->xswap[k])
			fp_register(&t->e, k, false);
}

/* To the dispatcher with the status in eax. */
static void jmp_epilogue(struct tctx *t)
{
	if (t->swapped)
		swap_out(t);
	e_jmp_to(&t->e, rw_of(t->j, t->j->epilogue));
}

static struct cold_stub *add_cold(struct tctx *t, uint8_t *site, uint8_t *resume, enum cold_kind kind, uint64_t value);

/* To the dispatcher when eax (a helper's status) is not zero (through a stub where the allocation
 * is undone or plugins' additions of the instructions after the helper's are taken back). */
static void leave_unless_zero(struct tctx *t)
{
	e_test_rr(&t->e, false, RAX, RAX);
	if (t->swapped || t->pins)
		add_cold(t, e_jcc(&t->e, CC_NE), NULL, COLD_LEAVE, 0);
	else
		e_jcc_to(&t->e, CC_NE, rw_of(t->j, t->j->epilogue));
}

/* Wide vector code leaves ymm0-2's upper halves dirty (with v_resident, where it does not clear
 * them itself): cleared before an instruction that uses legacy SSE, at the block's exits, and
 * by v_spill before helpers and the epilogue. */
static void clean_ymm(struct tctx *t)
{
	if (t->ymm_dirty) {
		e_vzeroupper(&t->e);
		t->ymm_dirty = false;
	}
}

bool jit_uses_sse(const struct rv_insn *in)
{
	return jit_scalar_fp(in->op) || (jit_csr_op(in->op) && in->imm >= RV_CSR_FFLAGS && in->imm <= RV_CSR_FCSR);
}

static void exit_status(struct tctx *t, uint64_t pc, int status)
{
	clean_ymm(t);
	store_pc(t, pc);
	e_mov_ri(&t->e, RAX, (uint64_t)status);
	jmp_epilogue(t);
}

static struct cold_stub *add_cold(struct tctx *t, uint8_t *site, uint8_t *resume, enum cold_kind kind, uint64_t value)
{
	struct cold_stub *c;
	if (t->ncold == (int)(sizeof t->cold / sizeof t->cold[0])) {
		t->refused = t->e.full = true; /* never lose an exit: the block is translated shorter */
		return &t->cold[0];
	}
	c = &t->cold[t->ncold++];
	c->site = site;
	c->resume = resume;
	c->kind = (uint8_t)kind;
	c->insn = (uint16_t)t->idx;
	c->value = value;
	c->disp = 0;
	c->sets = 0;
	return c;
}

void t_cold_helper(struct tctx *t, uint8_t *site, int (*fn)(struct rvx_vcpu *, const struct rv_insn *), const char *why)
{
	struct cold_stub *c = add_cold(t, site, t->e.p, COLD_HELPER, 0);
	c->fn = fn;
	c->why = why;
}

void t_cold_helper_xmm(struct tctx *t, uint8_t *site, int (*fn)(struct rvx_vcpu *, const struct rv_insn *),
		       const char *why, int xmm)
{
	struct cold_stub *c = add_cold(t, site, t->e.p, COLD_HELPER_XMM, 0);
	c->fn = fn;
	c->why = why;
	c->disp = xmm;
}

void t_cold_helper_vstart(struct tctx *t, uint8_t *site, int (*fn)(struct rvx_vcpu *, const struct rv_insn *),
			  const char *why, unsigned vstart)
{
	struct cold_stub *c = add_cold(t, site, t->e.p, COLD_HELPER_VSTART, vstart);
	c->fn = fn;
	c->why = why;
}

void t_cold_helper_leave(struct tctx *t, uint8_t *site, int (*fn)(struct rvx_vcpu *, const struct rv_insn *),
			 const char *why)
{
	struct cold_stub *c = add_cold(t, site, NULL, COLD_HELPER_LEAVE, 0);
	c->fn = fn;
	c->why = why;
}

void t_cold_exit_here(struct tctx *t, uint8_t *site)
{
	add_cold(t, site, NULL, COLD_SIDE_EXIT, t->pc)->insn = (uint16_t)t->idx;
}

void t_cold_value(struct tctx *t, uint8_t *site, enum cold_kind kind, uint64_t value)
{
	add_cold(t, site, t->e.p, kind, value);
}

void t_cold_xmm(struct tctx *t, uint8_t *site, int xmm, uint64_t value)
{
	add_cold(t, site, t->e.p, COLD_XMM, value)->disp = xmm;
}

void t_cold_nan(struct tctx *t, uint8_t *site, int32_t regs, uint64_t value)
{
	add_cold(t, site, t->e.p, COLD_NAN, value)->disp = regs;
}

/* Where a call or a return (jalr linking a register, or jalr through ra or t0) most likely goes,
 * if that is code: a PLT slot's jump (auipc r; ld r; jalr r) where its GOT entry points now;
 * another where it would with the registers the block is translated with (a leaf's ra, a
 * pointer the loop loaded the pass before; an epilogue's ra at the entry, the return address of
 * the function's last call, where a recursive one returns too: guessing the saved ra instead,
 * or nothing there, measured no better). 0 otherwise, and for computed jumps (a switch's
 * table, an interpreter's dispatch), which go to many places and would only pay for the
 * compare. Not under gdb, which may stop at any block's entry. */
static uint64_t likely_target(const struct tctx *t, const struct rv_insn *in)
{
	struct rvx_space *space = &t->cpu->m->space;
	const struct rv_insn *ld = t->idx >= 2 ? &t->insns[t->idx - 1] : NULL, *hi = ld ? ld - 1 : NULL;
	uint64_t pc = t->cpu->x[in->rs1], slot;
	if (t->cpu->m->gdb || (!in->rd && in->rs1 != 1 && in->rs1 != 5))
		return 0;
	if (ld && ld->op == RV_LD && hi->op == RV_AUIPC && ld->rd == in->rs1 && ld->rs1 == hi->rd &&
	    hi->rd == in->rs1 && t->insn_pc[t->idx - 1] == t->pc - 4 && t->insn_pc[t->idx - 2] == t->pc - 8) {
		slot = t->pc - 8 + (uint64_t)hi->imm + (uint64_t)ld->imm;
		/* in cluster mode the page may be elsewhere: reading it here would wait for it */
		if (t->cpu->m->cluster || !space_check(space, slot, 8, PROT_READ))
			return 0;
		memcpy(&pc, g2h(space, slot), 8);
	}
	pc = (pc + (uint64_t)in->imm) & ~1ull;
	return pc && space_check(space, pc, 2, PROT_EXEC) ? pc : 0;
}

static void instret_fix(struct tctx *t, int op);
static void extend_late_done(struct tctx *t, int idx, int n);
static int skip_len(struct tctx *t, int k);
static void exit_chain(struct tctx *t, uint64_t target);
static void exit_early(struct tctx *t, int first, uint64_t target);
static void take_back(struct tctx *t, int first, int plugins_from);
static void sums_back(struct tctx *t, int from, int tie_from);

/* t_split_address's look-up in the table, for the address in rcx, remembered in the memo at
 * disp (from rbp) when the address is 8-aligned (any access of the sites that share the memo
 * then stays in its unit) or its page is whole: rcx = the address the access makes; rax is
 * clobbered. */
static void split_lookup(struct tctx *t, int32_t memo, int size)
{
	struct emit *e = &t->e;
	uint8_t *whole, *misaligned, *aligned, *done;
	e_store(e, M(REG_CPU, memo), RCX, 8);
	/* rax = the table entry of the page: (addr >> 12) mod slots, 16 bytes each */
	e_mov_rr(e, true, RAX, RCX);
	e_shift_i(e, SH_SHR, true, RAX, 8);
	e_alu_ri(e, ALU_AND, false, RAX, (RVX_SPLIT_SLOTS - 1) << 4);
	e_alu_rm(e, ALU_ADD, true, RAX, M(REG_CPU, OFF(split_tab)));
	/* rcx ^= key: the offset in the page when it is the split page (xor again: the address) */
	e_alu_rm(e, ALU_XOR, true, RCX, M(RAX, 0));
	e_test_ri(e, true, RCX, ~(uint32_t)4095);
	whole = e_jcc(e, CC_NE);
	e_test_ri(e, false, RCX, (uint32_t)(size - 1)); /* not aligned: joins the page (it faults) */
	misaligned = e_jcc(e, CC_NE);
	if (size < 8) {
		e_test_ri(e, false, RCX, 7);
		aligned = e_jcc(e, CC_E);
		e_store_i32(e, M(REG_CPU, memo), -1);
		e_patch(aligned, e->p);
	}
	/* rcx = shadow + unit * 4096 + offset */
	e_load(e, RAX, M(RAX, 8), 8, false);
	e_alu_rr(e, ALU_ADD, true, RAX, RCX);
	e_alu_ri(e, ALU_AND, false, RCX, 0xfc0);
	e_shift_i(e, SH_SHL, false, RCX, 12 - RVX_SPLIT_UNIT_SHIFT);
	e_alu_rr(e, ALU_ADD, true, RCX, RAX);
	e_store(e, M(REG_CPU, memo + 8), RCX, 8);
	done = e_jmp(e);
	e_patch(misaligned, e->p);
	e_store_i32(e, M(REG_CPU, memo), -1);
	e_patch(whole, e->p);
	e_alu_rm(e, ALU_XOR, true, RCX, M(RAX, 0));
	e_store(e, M(REG_CPU, memo + 8), RCX, 8);
	e_patch(done, e->p);
}

/* After the block's straight-line code: every path that leaves it, in the order recorded. */
static void emit_cold(struct tctx *t)
{
	struct emit *e = &t->e;
	int i;
	for (i = 0; i < t->ncold && !e->full; i++) {
		const struct cold_stub *c = &t->cold[i];
		e_patch(c->site, e->p);
		/* chain exits are reached with the allocation undone, or before it was made */
		t->swapped = t->nswaps && c->kind != COLD_CHAIN && c->kind != COLD_INTERRUPT;
		if (c->kind == COLD_HELPER || c->kind == COLD_HELPER_LEAVE || c->kind == COLD_HELPER_VSTART ||
		    c->kind == COLD_HELPER_XMM || c->kind == COLD_OUT_OF_RANGE) { /* made inside an instruction */
			t->idx = c->insn;
			t->in = &t->insns[c->insn];
			t->pc = t->insn_pc[c->insn];
		}
		switch (c->kind) {
		case COLD_HELPER: t_helper(t, c->fn, c->why); break;
		case COLD_HELPER_XMM:
			e_sse_rr(e, 0, false, 0x28, c->disp, 0); /* movaps from xmm0 */
			t_helper(t, c->fn, c->why);
			break;
		case COLD_HELPER_VSTART:
			for (int h = 0; h < 2; h++) { /* vmovdqu64 home, ymm0 (ymm2); vmovdqa an AVX2 home */
				int home = (int)(c->value >> (16 + 8 * h) & 0xff);
				if (home && t->j->v_resident)
					e_evex_rr(e, true, VEX_PP_F3, VEX_0F, true, 0x6f, home, 0, 2 * h);
				else if (home)
					e_vex_rr(e, true, VEX_PP_66, VEX_0F, false, 0x6f, home, 0, 2 * h);
			}
			e_store_i32(e, M(REG_CPU, OFF(vstart)), (int32_t)(c->value & 0xffff));
			t_helper(t, c->fn, c->why);
			break;
		case COLD_HELPER_LEAVE:
			t_helper(t, c->fn, c->why);
			exit_early(t, t->idx + 1, t->pc + t->in->len);
			break;
		case COLD_RAX: e_mov_ri(e, RAX, c->value); break;
		case COLD_XMM:
			e_mov_ri(e, RAX, c->value);
			e_sse_rr(e, 0x66, true, 0x6e, c->disp, RAX); /* movq xmm, rax */
			break;
		case COLD_NAN:
			for (int k = 0; k < 2; k++) {
				int x = c->disp >> (8 * k) & 0xff;
				uint8_t *number;
				if (x == 0xff)
					continue;
				e_sse_rr(e, c->disp >> 16 ? 0 : 0x66, false, 0x2e, x, x); /* ucomisd, ucomiss */
				number = e_jcc(e, CC_NP);
				e_mov_ri(e, RAX, c->value);
				e_sse_rr(e, 0x66, true, 0x6e, x, RAX); /* movq xmm, rax */
				e_patch(number, e->p);
			}
			break;
		case COLD_SPLIT_LOOKUP: split_lookup(t, c->disp, (int)c->value); break;
		case COLD_OUT_OF_RANGE: { /* value: the base register; the access itself may be inside */
			/* a sum's (t_address_sum) is rdx, which its access does not use: no other scratch */
			int at = c->sets ? (int)c->value : RCX;
			uint8_t *inside;
			e_lea(e, at, M((int)c->value, c->disp));
			e_test_rm(e, true, at, M(REG_CPU, OFF(addr_mask)));
			inside = e_jcc(e, CC_E);
			e_store(e, M(REG_CPU, OFF(fault_addr)), at, 8);
			if (c->sets) {
				e_lea(e, at, M(at, -c->disp));
				t_put(t, c->sets, at);
			}
			take_back(t, t->idx, t->idx + 1); /* as a host fault there: jit_recover_fault */
			exit_status(t, t->pc, EXEC_FAULT);
			e_patch(inside, e->p);
			break;
		}
		case COLD_INTERRUPT:
			t->leave = rx_of(t, e->p);
			exit_status(t, t->block_pc, EXEC_JUMPED);
			break;
		case COLD_MXCSR: e_ldmxcsr(e, M(REG_CPU, OFF(mxcsr_tmp))); break;
		case COLD_LEAVE: /* the helper's instruction ran (or faulted, its action done) */
			e_mov_rr(e, true, RDX, RAX);
			sums_back(t, c->insn + 1, c->insn); /* instret left it out at the helper */
			e_mov_rr(e, true, RAX, RDX);
			jmp_epilogue(t);
			break;
		case COLD_LOOP_LEAVE: exit_status(t, t->block_pc, EXEC_JUMPED); break;
		case COLD_INTERPRET: exit_status(t, t->block_pc, EXEC_JIT_INTERPRET); break;
		case COLD_SIDE_EXIT: exit_early(t, c->insn, c->value); break;
		case COLD_CHAIN: /* the site's low bit: a forward jump, which may skip the interrupt test */
			store_pc(t, c->value);
			e_mov_ri(e, RAX, (uint64_t)(uintptr_t)rx_of(t, c->site) | (c->value > t->block_pc));
			e_store(e, M(REG_CPU, OFF(chain_site)), RAX, 8);
			e_mov_ri(e, RAX, EXEC_JUMPED);
			jmp_epilogue(t);
			break;
		}
		if (c->resume)
			e_jmp_to(e, c->resume);
	}
}

/* Pads so that the rel32 of a jump whose opcode is `oplen` bytes is 4-byte aligned: chaining
 * rewrites it with one store, which must not straddle a cache line. */
static void align_rel32(struct emit *e, int oplen)
{
	static const uint8_t nop2[] = {0x66, 0x90}, nop3[] = {0x0f, 0x1f, 0x00};
	unsigned pad = (unsigned)(-((uintptr_t)e->p + (unsigned)oplen)) & 3;
	if (pad == 1)
		e_byte(e, 0x90);
	for (unsigned i = 0; pad == 2 && i < 2; i++)
		e_byte(e, nop2[i]);
	for (unsigned i = 0; pad == 3 && i < 3; i++)
		e_byte(e, nop3[i]);
}

struct mem t_guest(const struct tctx *t, int reg, int32_t disp)
{
	struct mem m = M(reg, disp);
	m.gs = t->j->space_at_gs;
	return m;
}

struct mem t_address(struct tctx *t, unsigned rs1, int64_t imm)
{
	struct emit *e = &t->e;
	int a = rs1 ? t_host_reg(t, rs1) : -1; /* a: the register holding the base */
	bool small = imm >= -2048 && imm < 2048;
	if (!rs1 && small)
		return t_guest(t, NOREG, (int32_t)imm); /* below 2 KiB or in the guard under the space */
	if (a < 0) {
		t_get(t, RAX, rs1);
		a = RAX;
	}
	if (!small) { /* no RISC-V access has such an offset: check the address itself */
		e_lea(e, RAX, M(a, (int32_t)imm));
		a = RAX;
		imm = 0;
	} else if (t->base_checked & (1u << rs1)) {
		return t_guest(t, a, (int32_t)imm);
	} else {
		t->base_checked |= 1u << rs1;
		t->base_drift[rs1] = 0;
	}
	/* addresses past the guest space would reach the host's own memory */
	e_test_rm(e, true, a, M(REG_CPU, OFF(addr_mask)));
	add_cold(t, e_jcc(e, CC_NE), t->e.p, COLD_OUT_OF_RANGE, (uint64_t)a)->disp = (int32_t)imm;
	return t_guest(t, a, (int32_t)imm);
}

struct mem t_address_sum(struct tctx *t, int base, int index, unsigned k, int32_t sum, int32_t disp, unsigned rd,
			 int ahead)
{
	struct emit *e = &t->e;
	struct cold_stub *c;
	e_lea(e, RDX, MXS(base, index, k, sum));
	e_test_rm(e, true, RDX, M(REG_CPU, OFF(addr_mask)));
	c = add_cold(t, e_jcc(e, CC_NE), t->e.p, COLD_OUT_OF_RANGE, RDX);
	c->disp = disp;
	c->insn = (uint16_t)(t->idx + ahead);
	c->sets = (uint8_t)rd;
	struct mem m = MXS(base, index, k, sum + disp);
	m.gs = t->j->space_at_gs;
	return m;
}

struct mem t_address_rax(struct tctx *t, unsigned rs1, int64_t imm)
{
	struct mem m = t_address(t, rs1, imm);
	if (m.base == NOREG)
		e_mov_ri(&t->e, RAX, (uint64_t)(int64_t)m.disp);
	else if (m.base != RAX || m.disp)
		e_lea(&t->e, RAX, M(m.base, m.disp));
	return t_guest(t, RAX, 0);
}

struct mem t_split_address(struct tctx *t, struct mem m, int size)
{
	struct emit *e = &t->e;
	int32_t memo = OFF(split_memo) + (int32_t)(((t->pc >> 1) % RVX_SPLIT_MEMOS) * sizeof(struct rvx_split_memo));
	uint8_t *miss;
	if (m.base == NOREG)
		e_mov_ri(e, RCX, (uint64_t)(int64_t)m.disp);
	else if (m.disp)
		e_lea(e, RCX, M(m.base, m.disp));
	else
		e_mov_rr(e, true, RCX, m.base); /* a move the host renames away */
	/* the site's last look-up, when it was of this address: a counter in a split page is
	 * updated at the same address on each pass of a loop */
	e_alu_rm(e, ALU_CMP, true, RCX, M(REG_CPU, memo));
	miss = e_jcc(e, CC_NE);
	e_load(e, RCX, M(REG_CPU, memo + 8), 8, false);
	add_cold(t, miss, e->p, COLD_SPLIT_LOOKUP, (uint64_t)size)->disp = memo;
	return t_guest(t, RCX, 0);
}

void t_fault_site(struct tctx *t)
{
	if (t->nfaults < (int)(sizeof t->faults / sizeof t->faults[0])) {
		t->faults[t->nfaults].host_off = (uint32_t)(t->e.p - t->start);
		t->faults[t->nfaults].insn = (uint16_t)t->idx;
		t->faults[t->nfaults].replay = 0;
		t->faults[t->nfaults].copy_loads = 0;
		bool deferred = jit_fflags_deferred(t, t->idx);
		t->faults[t->nfaults].fflags_rd = deferred ? t->fflags_rd & 31 : 0;
		t->faults[t->nfaults].fflags_live = deferred && t->fflags_live;
		if (deferred && t->fflags_live)
			jit_fflags_check(t, t->idx);
		t->faults[t->nfaults].pc_off = (int32_t)(t->pc - t->block_pc);
		t->nfaults++;
	} else {
		t->refused = t->e.full = true; /* never lose precision: the block is translated shorter */
	}
}

void t_fault_site_replay(struct tctx *t, int n)
{
	t_fault_site(t);
	if (!t->e.full)
		t->faults[t->nfaults - 1].replay = (uint8_t)n;
}

void t_fault_site_at(struct tctx *t, int ahead)
{
	int idx = t->idx;
	uint64_t pc = t->pc;
	t->idx = idx + ahead;
	t->pc = t->insn_pc[t->idx];
	t_fault_site(t);
	t->idx = idx;
	t->pc = pc;
}

void t_helper(struct tctx *t, int (*fn)(struct rvx_vcpu *, const struct rv_insn *), const char *why)
{
	if (t->cpu->m->cfg.debug & RVX_LOG_IN_ASM) {
		char text[96];
		machine_log(t->cpu->m, RVX_LOG_IN_ASM, "rvx:   0x%llx %s: helper call (%s)\n",
			    (unsigned long long)t->pc, rv_disasm(text, sizeof text, t->in, t->pc), why);
	}
	if (t->nhelpers == (int)(sizeof t->helper_site / sizeof t->helper_site[0])) {
		t->refused = t->e.full = true;
		return;
	}
	jit_fflags_settle(t, t->idx);
	t->frm_checked = false; /* the interpreter may write frm (fsrm, csrw fcsr) */
	t->v_whole = false;     /* or trim vl (a fault-only-first load) */
	t->v_masked = false;
	store_pc(t, t->pc);
	spill(&t->e, t->j, t);
	/* the block counted all its instructions at entry: the helper sees those before its own
	 * (a counter CSR, a fault), and so does an exit for its status */
	instret_fix(t, ALU_SUB);
	e_lea(&t->e, RDI, M(REG_CPU, -CPU_BIAS));
	t->helper_site[t->nhelpers].lea = e_lea_rip(&t->e, RSI);
	t->helper_site[t->nhelpers].insn = (uint16_t)t->idx;
	e_mov_ri(&t->e, RDX, (uint64_t)(uintptr_t)fn);
	e_call(&t->e, (const void *)helper_thunk);
	e_store_i32(&t->e, M(REG_CPU, OFF_X(0)), 0); /* the interpreter's functions may write x0 */
	reload(&t->e, t->j, t);
	t->nhelpers++;
	leave_unless_zero(t);
	instret_fix(t, ALU_ADD);
}

/* Leaves the block for target; the jump is patched to go straight to the target's block
 * once that exists (chaining). */
static void exit_chain(struct tctx *t, uint64_t target)
{
	clean_ymm(t);
	if (t->swapped)
		swap_out(t);
	align_rel32(&t->e, 1);
	add_cold(t, e_jmp(&t->e), NULL, COLD_CHAIN, target);
}

/* Leaves through a cold stub of this kind when a signal waits. */
static void interrupt_test(struct tctx *t, enum cold_kind leave)
{
	e_alu_mi(&t->e, ALU_CMP, false, M(REG_CPU, OFF(interrupt)), 0);
	add_cold(t, e_jcc(&t->e, CC_NE), NULL, leave, 0);
}

/* The instruction after the branch being translated, decoded, where the block may go on to it:
 * one that looks split pages up included (it is only kept from patterns) */
static bool next_decoded(struct tctx *t)
{
	return !t->no_fuse && t_peek_split(t, 1);
}

/* Whether the block goes on past the jump or branch being translated (follows' choice), its
 * next instruction decoded; false where it cannot (no room, not fetchable) */
static bool goes_on(struct tctx *t)
{
	if (t->idx + 1 < t->npeeked)
		return t->followed[t->idx];
	return follows(t, t->idx) && next_decoded(t);
}

/* The n instructions after the branch being translated, which one way skips: they count
 * themselves where they run, and no pattern reaches past where the ways meet */
static void skipping(struct tctx *t, int n)
{
	t->skipped[t->nskipped].from = t->idx + 1;
	t->skipped[t->nskipped++].n = n;
	if (t->count_reg >= 0 && t->swapped)
		e_alu_ri(&t->e, ALU_ADD, true, t->count_reg, n);
	else
		e_alu_mi(&t->e, ALU_ADD, true, M(REG_CPU, OFF(instret)), n);
	t->skip_join = t->idx + 1 + n;
	t->skip_limit = t->limit;
	t->limit = t->skip_join;
}

/* The branch taken to target skips the n instructions after it (skip_len) to where both ways
 * meet in the block, insns[skip_join]; they count themselves when they run, so that neither way
 * takes a jump more than the branch. What is put off until later (NaN checks, sign extensions)
 * is done first, as both ways must find it done. */
static void skip_over(struct tctx *t, int cc, int n)
{
	clean_ymm(t); /* a skipped FP move would clean them on one way only */
	jit_nan_flush(t);
	extend_late_done(t, 0, 0);
	t->skip_site = e_jcc(&t->e, cc);
	skipping(t, n);
	t->skip_checked = t->base_checked;
	t->skip_sext = t->sext_known;
	memcpy(t->skip_drift, t->base_drift, sizeof t->skip_drift);
}

/* The back edge of a loop within the block, to its head, or its chained exit to itself */
static void loop_back(struct tctx *t, int cc)
{
	jit_nan_flush(t);
	extend_late_done(t, 0, 0);
	if (t->swapped || t->loop_inside) {
		if (!(t->v_loop && t->v_sse_free))
			clean_ymm(t);
		if (cc < 0)
			e_jmp_to(&t->e, t->loop_head);
		else
			e_jcc_to(&t->e, cc, t->loop_head);
	} else if (cc < 0) {
		exit_chain(t, t->block_pc);
	} else {
		clean_ymm(t);
		align_rel32(&t->e, 2);
		add_cold(t, e_jcc(&t->e, cc), NULL, COLD_CHAIN, t->block_pc);
	}
}

/* A branch of the block's loop that skips its last n instructions to the head (a conditional
 * assignment at the end of the loop's body): taken, the loop goes round; not taken, the skipped
 * instructions run, count themselves and go round too (skip_join: loop_skipped). */
static void loop_skip(struct tctx *t, int cc, int n)
{
	loop_back(t, cc);
	skipping(t, n);
	t->skip_loops = true;
}

static void loop_skipped(struct tctx *t)
{
	loop_back(t, -1);
	t->limit = t->skip_limit;
	t->skip_join = -1;
	t->skip_loops = false;
}

/* The skipped instructions are translated: the branch comes here, and what both ways know holds
 * on. */
static void skip_joined(struct tctx *t)
{
	extend_late_done(t, 0, 0);
	e_patch(t->skip_site, t->e.p);
	t->limit = t->skip_limit;
	t->base_checked &= t->skip_checked;
	for (unsigned r = 0; r < 32; r++)
		if (t->skip_drift[r] > t->base_drift[r])
			t->base_drift[r] = t->skip_drift[r];
	t->sext_known &= t->skip_sext;
	t->skip_join = -1;
}

/* The block's instructions from insns[first] on that its entry counts: those skip_over's
 * branches may skip count themselves */
static uint32_t counted_from(const struct tctx *t, int first, int ninsns)
{
	uint32_t n = (uint32_t)(ninsns - first);
	for (int k = 0; k < t->nskipped; k++)
		if (t->skipped[k].from >= first)
			n -= (uint32_t)t->skipped[k].n;
	return n;
}

/* True when the block goes on along the branch taken (a side exit the other way) */
static bool branch(struct tctx *t, int cc)
{
	const struct rv_insn *in = t->in;
	uint64_t target = t->pc + (uint64_t)in->imm;
	uint8_t *taken;
	int a = t_host_reg(t, in->rs1), b = t_host_reg(t, in->rs2), skipped;
	if (in->rs1 == 0 && in->rs2 != 0) { /* bgtz, blez, ...: rs2 against 0, the condition mirrored */
		static const int mirror[16] = {
		    [CC_E] = CC_E, [CC_NE] = CC_NE, [CC_L] = CC_G, [CC_GE] = CC_LE, [CC_B] = CC_A, [CC_AE] = CC_BE};
		if (b >= 0)
			e_test_rr(&t->e, true, b, b);
		else
			e_alu_mi(&t->e, ALU_CMP, true, M(REG_CPU, OFF_X(in->rs2)), 0);
		cc = mirror[cc];
	} else if (in->rs1 && a < 0 && (in->rs2 == 0 || b >= 0)) { /* rs1 in the vCPU: compared there */
		if (in->rs2 == 0)
			e_alu_mi(&t->e, ALU_CMP, true, M(REG_CPU, OFF_X(in->rs1)), 0);
		else
			e_alu_mr(&t->e, false, ALU_CMP, true, M(REG_CPU, OFF_X(in->rs1)), b);
	} else {
		if (a < 0 || in->rs1 == 0) {
			t_get(t, RAX, in->rs1);
			a = RAX;
		}
		if (in->rs2 == 0)
			e_test_rr(&t->e, true, a, a);
		else if (b >= 0)
			e_alu_rr(&t->e, ALU_CMP, true, a, b);
		else
			e_alu_rm(&t->e, ALU_CMP, true, a, M(REG_CPU, OFF_X(in->rs2)));
	}
	if (t->fflags_rd && t->fflags_from == t->idx + 1) { /* the not-taken way goes on (defer_frflags) */
		add_cold(t, e_jcc(&t->e, cc), NULL, COLD_SIDE_EXIT, target)->insn = (uint16_t)(t->idx + 1);
		return true;
	}
	if (goes_on(t)) {
		add_cold(t, e_jcc(&t->e, cc ^ 1), NULL, COLD_SIDE_EXIT, t->pc + in->len)->insn = (uint16_t)(t->idx + 1);
		return true;
	}
	if (t->skip_join < 0 && (skipped = skip_len(t, t->idx)) > 0) {
		if (target == t->block_pc && t->self_loop)
			loop_skip(t, cc, skipped);
		else
			skip_over(t, cc, skipped);
		return true;
	}
	if (falls_on(t, t->idx) && next_decoded(t)) {
		add_cold(t, e_jcc(&t->e, cc), NULL, COLD_SIDE_EXIT, target)->insn = (uint16_t)(t->idx + 1);
		return true;
	}
	if (t->swapped || (t->loop_inside && (target == t->block_pc || t->pc + in->len == t->block_pc))) {
		/* each exit undoes the allocation first; a loop stays in the block (its head tests
		 * for a signal), whichever way it closes */
		bool taken_back = target == t->block_pc && t->self_loop;
		bool falls_back = t->pc + in->len == t->block_pc && t->self_loop;
		if ((taken_back || falls_back) && !(t->v_loop && t->v_sse_free))
			clean_ymm(t);
		if (taken_back) {
			e_jcc_to(&t->e, cc, t->loop_head);
			exit_chain(t, t->pc + in->len);
		} else if (falls_back) {
			e_jcc_to(&t->e, cc ^ 1, t->loop_head);
			exit_chain(t, target);
		} else {
			uint8_t *not_taken = e_jcc(&t->e, cc ^ 1);
			exit_chain(t, target);
			e_patch(not_taken, t->e.p);
			exit_chain(t, t->pc + in->len);
		}
		return false;
	}
	/* both exits are chained: the taken one patches the jcc itself */
	align_rel32(&t->e, 2);
	taken = e_jcc(&t->e, cc);
	add_cold(t, taken, NULL, COLD_CHAIN, target);
	exit_chain(t, t->pc + in->len);
	return false;
}

/* Indirect jump: the target in rax; first compared with `likely` (0: none), which a chained
 * jump takes; else looked up in the vCPU's jump cache inline (entry (pc >> 1) % JC_SMALL or
 * JC_SIZE, 16 bytes each: at (pc & jc_mask) * 8). The mask is the vCPU's own, not the
 * translation's: blocks translated before the cache grew use all of it too (two targets sharing
 * an entry of the small part took turns in it for ever, through the dispatcher: strings 2
 * returns to it per iteration). */
static void jump_indirect(struct tctx *t, uint64_t likely)
{
	struct emit *e = &t->e;
	uint8_t *miss;
	_Static_assert(sizeof(struct jit_jc_entry) == 16, "jump cache entries are indexed by (pc & mask) * 8");
	if (t->swapped) { /* blocks are entered with the usual mapping */
		swap_out(t);
		t->swapped = false;
	}
	if (likely) {
		e_mov_ri(e, RCX, likely);
		e_alu_rr(e, ALU_CMP, true, RAX, RCX);
		align_rel32(e, 2);
		add_cold(t, e_jcc(e, CC_E), NULL, COLD_CHAIN, likely);
	}
	e_mov_rr(e, false, RCX, RAX);
	e_alu_rm(e, ALU_AND, false, RCX, M(REG_CPU, OFF(jc_mask)));
	e_load(e, RDX, M(REG_CPU, OFF(jcache)), 8, false);
	e_alu_rm(e, ALU_CMP, true, RAX, MXS(RDX, RCX, 3, 0));
	miss = e_jcc(e, CC_NE);
	e_jmp_mem(e, MXS(RDX, RCX, 3, 8));
	e_patch(miss, e->p);
	e_store(e, M(REG_CPU, OFF(pc)), RAX, 8);
	e_mov_ri(e, RAX, EXEC_JUMPED);
	jmp_epilogue(t);
}

/* op on m by the count of the instructions from t->idx on, patched once the block is whole */
static void count_fix(struct tctx *t, int op, struct mem m)
{
	e_alu_mi(&t->e, op, true, m, 0);
	if (t->ninstret_fix < (int)(sizeof t->instret_fix / sizeof t->instret_fix[0])) {
		t->instret_fix[t->ninstret_fix].imm = t->e.p - 4;
		t->instret_fix[t->ninstret_fix++].insn = (uint16_t)t->idx;
	} else {
		t->refused = t->e.full = true;
	}
}

/* The opposite of a change of instret by op, made to the plugins' counters tied to it */
static void tie_twin(struct tctx *t, int op)
{
	for (int k = 0; t->tied && k < t->tied->ntied; k++) {
		const rvx_plugin_u64 *c = &t->tied->tied[k];
		count_fix(t, op == ALU_ADD ? ALU_SUB : ALU_ADD,
			  M(REG_CPU, OFF(plugin_area) + c->score->area_off + (int32_t)c->offset));
	}
}

static void instret_fix(struct tctx *t, int op)
{
	count_fix(t, op, M(REG_CPU, OFF(instret)));
	tie_twin(t, op);
}

/* Translates one instruction; false when it ended the block. */
static bool translate_insn(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	if (t->split_here && rv_op_format(in->op) != F_LOAD && rv_op_format(in->op) != F_STORE &&
	    (in->op < RV_FIRST_A || in->op >= RV_FIRST_FD)) { /* jit_a looks them up, or its helper does */
		t_helper(t, interp_dispatch, "an access that may reach a split page (cluster mode)");
		return true;
	}
	switch (in->op) {
	case RV_BEQ: return branch(t, CC_E);
	case RV_BNE: return branch(t, CC_NE);
	case RV_BLT: return branch(t, CC_L);
	case RV_BGE: return branch(t, CC_GE);
	case RV_BLTU: return branch(t, CC_B);
	case RV_BGEU: return branch(t, CC_AE);
	case RV_JAL:
		t_put_imm(t, in->rd, t->pc + in->len);
		if (goes_on(t)) /* at the target */
			return true;
		exit_chain(t, t->pc + (uint64_t)in->imm);
		return false;
	case RV_JALR:
		t_get(t, RAX, in->rs1);
		if (in->imm)
			e_alu_ri(&t->e, ALU_ADD, true, RAX, (int32_t)in->imm);
		e_alu_ri(&t->e, ALU_AND, true, RAX, -2);
		if (in->rd) {
			e_mov_ri(&t->e, RCX, t->pc + in->len);
			t_put(t, in->rd, RCX);
		}
		jump_indirect(t, likely_target(t, in));
		return false;
	case RV_ECALL: exit_status(t, t->pc, EXEC_ECALL); return false;
	case RV_EBREAK: exit_status(t, t->pc, EXEC_EBREAK); return false;
	case RV_FENCE_I: exit_status(t, t->pc, EXEC_FENCE_I); return false;
	case RV_ILLEGAL: exit_status(t, t->pc, EXEC_ILLEGAL); return false;
	case RV_SLTI:
		if (rv_is_group_hint(in)) {
			exit_status(t, t->pc, EXEC_GROUP);
			return false;
		}
		break;
	default: break;
	}
	if (in->op < RV_FIRST_M) {
		if (!jit_rv64i(t) && !jit_fflags_csr(t) && !jit_v_csr(t)) {
			t_helper(t, interp_rv64i, "frm, fcsr and counter CSRs: rare; they change the host FP mode");
		}
	} else if (in->op < RV_FIRST_A) {
		jit_m(t);
	} else if (in->op < RV_FIRST_FD) {
		if (!jit_a(t))
			t_helper(t, interp_a,
				 "AMO min/max (and and/or/xor whose old value is kept): compare-and-swap loops in the "
				 "interpreter");
	} else if (in->op < RV_FIRST_ZB) {
		if (!jit_fd(t))
			t_helper(t, interp_fd, "F/D without a host equivalent: see jit/x86-64/fd.c");
	} else if (in->op < RV_FIRST_RVA23) {
		if (!jit_zb(t))
			t_helper(t, interp_zb, "no single host instruction (orc.b, or a host without BMI)");
	} else if (in->op >= RV_FIRST_V) {
		if (!jit_v(t))
			t_helper(t, interp_v, "vector instructions other than jit/x86-64/v.c's: the interpreter's");
	} else if (!jit_rva23(t)) {
		t_helper(t, interp_rva23, "carry-less products, byte permutations, cache blocks: see interp/rva23.c");
	}
	return true;
}

static bool fetchable(struct rvx_vcpu *cpu, uint64_t pc)
{
	uint16_t lo;
	if (!space_check(&cpu->m->space, pc, 2, PROT_EXEC))
		return false;
	memcpy(&lo, g2h(&cpu->m->space, pc), 2);
	return rv_insn_length(lo) == 2 || space_check(&cpu->m->space, pc + 2, 2, PROT_EXEC);
}

/* After the block's code: the decoded instructions its helper calls are given (read through
 * the executable view, never written again). */
static void emit_helper_insns(struct tctx *t)
{
	struct emit *e = &t->e;
	int i;
	while (((uintptr_t)e->p & 7) && e->p < e->end)
		e_byte(e, 0xcc);
	for (i = 0; i < t->nhelpers && e->p + sizeof(struct rv_insn) <= e->end; i++) {
		e_patch(t->helper_site[i].lea, e->p);
		memcpy(e->p, &t->insns[t->helper_site[i].insn], sizeof(struct rv_insn));
		e->p += sizeof(struct rv_insn);
	}
	if (i < t->nhelpers)
		e->full = true;
}

/* Makes the pages of [base, base + want) ready ahead of their use, many at a time (*done bytes
 * are already): a write fault per page costs more than what is written there. Best effort. */
static void populate_ahead(uint8_t *base, size_t *done, size_t want, size_t size)
{
	while (*done < want && *done < size) {
		size_t n = size - *done < POPULATE ? size - *done : POPULATE;
		if (madvise(base + *done, n, MADV_POPULATE_WRITE) != 0) {
			*done = size; /* an older kernel: let faults do it */
			return;
		}
		*done += n;
	}
}

/* A block's description, from the metadata arena (NULL when full: the caller flushes). */
static struct jit_block *meta_alloc(struct jit_cache *j, size_t bytes)
{
	struct jit_block *b;
	bytes = (bytes + 15) & ~(size_t)15;
	if (META_SIZE - j->meta_used < bytes)
		return NULL;
	populate_ahead(j->meta, &j->meta_populated, j->meta_used + bytes, META_SIZE);
	b = (struct jit_block *)(void *)(j->meta + j->meta_used);
	j->meta_used += bytes;
	return b;
}

bool t_constant(const struct tctx *t, int k, int n, uint64_t *v)
{
	const struct rv_insn *in = &t->insns[k], *p = &t->insns[k + 1];
	if (in->op == RV_AUIPC)
		*v = t->insn_pc[k] + (uint64_t)in->imm;
	else if (in->op == RV_LUI || (in->op == RV_ADDI && in->rs1 == 0))
		*v = (uint64_t)in->imm;
	else
		return false;
	if (n == 1)
		return true;
	/* lui and auipc do not end a block: insns[k + 1] is the next instruction */
	if (in->op == RV_ADDI || p->rd != in->rd || p->rs1 != in->rd ||
	    (p->op != RV_ADDI && (p->op != RV_ADDIW || in->op != RV_LUI)))
		return false;
	*v += (uint64_t)p->imm;
	if (p->op == RV_ADDIW)
		*v = (uint64_t)(int64_t)(int32_t)*v;
	return true;
}

/* True when the n instructions at insns[k] set their rd to a constant inside the guest space
 * (t_constant): a base register that needs no address check, like one that passed it. */
static bool constant_in_space(const struct tctx *t, int k, int n)
{
	uint64_t v;
	return t_constant(t, k, n, &v) && v < t->cpu->m->space.size;
}

/* The 32-bit operations the translator may leave unextended (upper_dead; a path that extends
 * anyway is still right). */
static bool lazy_w_op(unsigned op)
{
	switch (op) {
	case RV_RORIW:
	case RV_ROLW:
	case RV_RORW:
	case RV_ADDIW:
	case RV_SLLIW:
	case RV_SRLIW:
	case RV_SRAIW:
	case RV_ADDW:
	case RV_SUBW:
	case RV_SLLW:
	case RV_SRLW:
	case RV_SRAW:
	case RV_MULW: return true;
	default: return false;
	}
}

/* True when the instruction leaves in rd a value that is its own low 32 bits sign-extended: the
 * W operations, lw, lui, small constants, comparisons, narrow loads and extensions. */
static bool writes_sext32(const struct rv_insn *in)
{
	if (lazy_w_op(in->op))
		return in->rd != 0;
	switch (in->op) {
	case RV_DIVW:
	case RV_DIVUW:
	case RV_REMW:
	case RV_REMUW:
	case RV_LW:
	case RV_LH:
	case RV_LB:
	case RV_LHU:
	case RV_LBU:
	case RV_LUI:
	case RV_SLT:
	case RV_SLTU:
	case RV_SLTI:
	case RV_SLTIU:
	case RV_ROLW:
	case RV_RORW:
	case RV_RORIW:
	case RV_CLZW:
	case RV_CTZW:
	case RV_CPOPW:
	case RV_SEXT_B:
	case RV_SEXT_H:
	case RV_ZEXT_H: return in->rd != 0;
	case RV_ADDI: return in->rd != 0 && in->rs1 == 0;
	default: return false;
	}
}

/* True when the instruction leaves in rd a sign-extended 32-bit value because its sources are:
 * bitwise operations, minimum and maximum of such values, and shifts right far enough. Read
 * before the instruction's own rd is forgotten. */
static bool keeps_sext32(const struct tctx *t, const struct rv_insn *in)
{
	uint32_t known = t->sext_known | 1u;
	bool s1 = known >> in->rs1 & 1, s2 = known >> in->rs2 & 1;
	if (!in->rd)
		return false;
	switch (in->op) {
	case RV_XOR:
	case RV_OR:
	case RV_AND:
	case RV_ANDN:
	case RV_ORN:
	case RV_XNOR:
	case RV_MIN:
	case RV_MAX:
	case RV_MINU:
	case RV_MAXU: return s1 && s2;
	case RV_XORI:
	case RV_ORI:
	case RV_CZERO_EQZ:
	case RV_CZERO_NEZ: return s1;
	case RV_ANDI: return s1 || in->imm >= 0;
	case RV_SRLI: return in->imm > 32;
	case RV_SRAI: return s1 || in->imm >= 32;
	default: return false;
	}
}

/* How an instruction uses the upper halves of its sources, for upper_dead: LOW32, its result's
 * low 32 bits depend only on those of rs1 (and rs2, LOW32_RR), so junk above stays above; W_OP,
 * a 32-bit operation (reads only low halves, writes a whole value); CLEAN, reads nothing; FULL,
 * anything else, including all that may leave the block or fault, where guest state is exact. */
enum upper_use { FULL, LOW32, LOW32_RR, W_OP, CLEAN };

static enum upper_use upper_use(const struct rv_insn *in)
{
	switch (in->op) {
	case RV_ADD:
	case RV_SUB:
	case RV_XOR:
	case RV_OR:
	case RV_AND:
	case RV_SLL:
	case RV_MUL:
	case RV_ANDN:
	case RV_ORN:
	case RV_XNOR:
	case RV_SH1ADD:
	case RV_SH2ADD:
	case RV_SH3ADD: return LOW32_RR;
	case RV_ADDI:
	case RV_XORI:
	case RV_ORI:
	case RV_ANDI:
	case RV_SLLI: return LOW32;
	case RV_LUI:
	case RV_AUIPC: return CLEAN;
	default: return lazy_w_op(in->op) ? W_OP : FULL;
	}
}

bool t_upper_dead_after(struct tctx *t, unsigned rd, int from)
{
	uint32_t junk = 1u << rd; /* registers whose upper halves would be wrong */
	if (!rd)
		return false;
	for (int n = from; junk; n++) {
		const struct rv_insn *p = t_peek(t, n);
		enum upper_use use = p ? upper_use(p) : FULL;
		bool from_junk = (use == LOW32 || use == LOW32_RR) && (junk >> p->rs1 & 1);
		if (use == FULL)
			return false;
		if (use == LOW32_RR && (junk >> p->rs2 & 1))
			from_junk = true;
		/* their results have no upper half to be wrong */
		if ((p->op == RV_ANDI && p->imm >= 0) || (p->op == RV_SLLI && p->imm >= 32))
			from_junk = false;
		if (from_junk)
			junk |= 1u << p->rd;
		else
			junk &= ~(1u << p->rd);
		junk &= ~1u;
	}
	return true;
}

/* Whether the extension of rd's value in h may wait until the instruction `from` places on has
 * been translated: that one is a 32-bit operation that reads rd (the next link of a chain of
 * them, such as a hash's rotate, multiply and add), which then need not wait for the movsxd.
 * Nothing between can leave or fault, and W operations start no pattern that spans an
 * instruction that can. Not where anything may look between instructions (gdb, plugins). */
static bool extend_late(struct tctx *t, unsigned rd, int h, int from)
{
	const struct rv_insn *p = t_peek(t, from);
	int at = t->idx + from;
	if (t->no_fuse || t->ptb || h < 0 || h == RAX || h != t_host_reg(t, rd) || t->nlate_ext == 2 ||
	    at >= t->limit || !p || upper_use(p) != W_OP || !t_reads(p, rd) || t->done_early[at])
		return false;
	for (int n = t->consumed; n < from; n++) /* between the pattern's own: pure, rd left alone */
		if (!t->done_early[t->idx + n] && (!t_pure(t, n) || t_peek(t, n)->rd == rd))
			return false;
	t->late_ext[t->nlate_ext].reg = rd;
	t->late_ext[t->nlate_ext].host = h;
	t->late_ext[t->nlate_ext++].at = at;
	return true;
}

void t_extend_w(struct tctx *t, unsigned rd, int h, int from)
{
	if (!t_upper_dead_after(t, rd, from) && !extend_late(t, rd, h, from))
		e_movsxd(&t->e, h, h);
}

static bool extended_late(const struct tctx *t, unsigned rd)
{
	for (int k = 0; k < t->nlate_ext; k++)
		if (t->late_ext[k].reg == rd)
			return true;
	return false;
}

/* The extensions put off until the instructions idx..idx+n-1 (n 0: all of them, before the
 * block ends early): made, or dropped where rd was written meanwhile (by those instructions, or
 * early by a pattern among them). */
static void extend_late_done(struct tctx *t, int idx, int n)
{
	for (int k = 0; k < t->nlate_ext;) {
		unsigned rd = t->late_ext[k].reg;
		bool written = false;
		if (n && (t->late_ext[k].at < idx || t->late_ext[k].at >= idx + n)) {
			k++;
			continue;
		}
		for (int j = idx; n && j < idx + n + 16; j++) {
			const struct rv_insn *p = j < t->npeeked ? &t->insns[j] : NULL;
			written |= p && p->rd == rd && (j < idx + n || t->done_early[j]);
		}
		if (!written) {
			e_movsxd(&t->e, t->late_ext[k].host, t->late_ext[k].host);
			t->sext_known |= 1u << rd;
		}
		t->late_ext[k] = t->late_ext[--t->nlate_ext];
	}
}

/* True when the W operation being translated need not sign-extend its result: the instructions
 * after it, up to where its value is overwritten, use only the low halves of it and of what is
 * computed from it, and none can leave the block or fault (lazy sign-extension). */
static bool upper_dead(struct tctx *t)
{
	return t->in->rd && upper_use(t->in) == W_OP && t_upper_dead_after(t, t->in->rd, 1);
}

bool t_reads(const struct rv_insn *p, unsigned r)
{
	return p->rs1 == r || (rv_op_format(p->op) == F_R && p->rs2 == r);
}

bool t_pure(struct tctx *t, int n)
{
	const struct rv_insn *p = t_peek(t, n);
	return p && upper_use(p) != FULL;
}

bool t_dead_after(struct tctx *t, unsigned r, int from)
{
	for (int n = from;; n++) {
		const struct rv_insn *p = t_peek(t, n);
		enum upper_use use = p ? upper_use(p) : FULL;
		if (use == FULL || t_reads(p, r))
			return false;
		if (p->rd == r)
			return true;
	}
}

/* Which guest integer registers an instruction reads and writes, by its format (an over-
 * approximation is harmless: it only guides the choice, and writes back more). */
static void count_uses(const struct rv_insn *in, unsigned *uses)
{
	switch (rv_op_format(in->op)) {
	case F_R:
	case F_AMO: uses[in->rs2]++; /* fall through */
	case F_R1:
	case F_I:
	case F_I_MEM:
	case F_SHIFT:
	case F_LOAD:
	case F_LR:
	case F_CSR: uses[in->rs1]++; /* fall through */
	case F_U:
	case F_J:
	case F_CSRI:
	case F_XF:
	case F_XF_RM:
	case F_XFF: uses[in->rd]++; break;
	case F_B:
	case F_STORE: uses[in->rs2]++; /* fall through */
	case F_FLOAD:
	case F_FSTORE:
	case F_FX:
	case F_FX_RM: uses[in->rs1]++; break;
	default: break;
	}
}

/* An instruction a branch may skip inside the block: integer arithmetic on registers or an FP
 * move, which neither leaves the block, nor faults, nor raises a flag, nor touches vector or
 * plugin state */
static bool skippable(const struct rv_insn *in)
{
	enum rv_format f = rv_op_format(in->op);
	if (in->op == RV_FSGNJ_D || in->op == RV_FSGNJN_D || in->op == RV_FSGNJX_D || in->op == RV_FMV_D_X)
		return true; /* no NaN check, no rounding mode either */
	return in->op < RV_FIRST_M && in->rd && (f == F_R || f == F_I || f == F_SHIFT || f == F_U);
}

/* How many instructions insns[k], a forward branch not followed, skips when its target is at
 * most four instructions on along the straight line, each skippable (an if without an else, as
 * compilers write a conditional assignment where RISC-V has no conditional move); 0 where it
 * is not such a branch. Both ways then stay in the block (skip_join). */
static int skip_len(struct tctx *t, int k)
{
	const struct rv_insn *in = &t->insns[k];
	uint64_t target = t->insn_pc[k] + (uint64_t)in->imm;
	if (rv_op_format(in->op) != F_B || in->imm <= 0 || in->imm > 16 || !t->skips_ok ||
	    (k < t->npeeked - 1 && t->followed[k]))
		return 0;
	for (int n = 1; n <= 5; n++) {
		const struct rv_insn *p = t_peek(t, k + n - t->idx);
		if (!p)
			return 0;
		if (t->insn_pc[k + n] == target)
			return n - 1;
		if (n == 5 || !skippable(p))
			return 0;
	}
	return 0;
}

/* Register allocation for the block: its guest instructions are decoded up to its end, and
 * the guest registers it uses most that usually live in the vCPU take the host registers of
 * mapped ones it uses least (swapped in at entry, back at every exit; a fault finds them by
 * the block's swap_in). Without it (or when nothing gains) the usual mapping stays. */
#define SWAP_GAIN 3 /* uses more than the register it displaces, to pay for the swap */

/* The head of the loop that the branch insns[n] closes within the block, where that is a vector
 * loop whose registers would live in ymm homes (the block then ends before it, so that each of
 * its passes runs in its own block, homed), or 0 */
static int inner_vector_loop(const struct tctx *t, int n)
{
	const struct rv_insn *in = &t->insns[n];
	int head = 0;
	if (rv_op_format(in->op) != F_B || in->imm >= 0 || !jit_v_homes_host(t))
		return 0;
	for (int k = 1; k < n && !head; k++)
		head = t->insn_pc[k] == t->insn_pc[n] + (uint64_t)in->imm ? k : 0;
	for (int k = head; head && k < n; k++)
		if (t->insns[k].op == RV_VSETVLI || t->insns[k].op == RV_VSETIVLI)
			return head;
	return 0;
}

/* The block's instructions as the translation will take them, from pc: each one's register
 * uses counted, and whether it loops on itself (a branch back to pc, taken or not). False where
 * it followed a branch (follows) and yet does not loop: following pays only for a loop that
 * becomes one block, else its blocks would start at new places on every pass of a long loop;
 * true where the block then ends at an inner vector loop's head (inner_vector_loop). */
static bool scan(struct tctx *t, uint64_t pc, unsigned *uses)
{
	bool followed = false, cut = false;
	int skipped, head;
	for (int n = 0; n < t->limit; n++) {
		const struct rv_insn *in = n ? t_peek_split(t, n) : &t->insns[0];
		if (!in)
			break;
		count_uses(in, uses);
		t->written |= 1u << in->rd;
		if (rv_ends_block(in)) {
			if (follows(t, n) && t_peek_split(t, n + 1)) { /* the block goes on there */
				followed |= in->op != RV_JAL && in->imm < 0;
				continue;
			}
			if ((skipped = skip_len(t, n)) > 0) {
				t->skips = true;
				if (t->insn_pc[n] + (uint64_t)in->imm != pc)
					continue;
				/* to the block's head: the loop closes either way (loop_skip) */
				for (int k = n + 1; k <= n + skipped; k++) {
					count_uses(&t->insns[k], uses);
					t->written |= 1u << t->insns[k].rd;
				}
				t->self_loop = true;
				break;
			}
			if (falls_on(t, n) && t_peek_split(t, n + 1))
				continue;
			if (!cut && (head = inner_vector_loop(t, n)) > 0) { /* counted again, up to its head */
				t->limit = head;
				cut = true;
				followed = false;
				memset(uses, 0, 32 * sizeof *uses);
				t->written = 0;
				t->skips = false;
				n = -1;
				continue;
			}
			t->self_loop = rv_op_format(in->op) == F_B &&
				       (t->insn_pc[n] + (uint64_t)in->imm == pc || t->insn_pc[n] + in->len == pc);
			break;
		}
	}
	return !followed || t->self_loop || cut;
}

void t_check_bases(struct tctx *t, uint32_t regs)
{
	for (unsigned b = 1; b < 32; b++) {
		int h = t_host_reg(t, b);
		if (!(regs >> b & 1))
			continue;
		if (h < 0) {
			t_get(t, RAX, b);
			h = RAX;
		}
		e_test_rm(&t->e, true, h, M(REG_CPU, OFF(addr_mask)));
		t_cold_value(t, e_jcc(&t->e, CC_NE), COLD_INTERPRET, 0);
	}
	t->base_checked |= regs;
	for (unsigned b = 1; b < 32; b++)
		if (regs >> b & 1)
			t->base_drift[b] = 0;
}

/* Whether the instruction may write integer register rd (an FP or vector destination does not) */
static bool writes_x(const struct rv_insn *in)
{
	switch (rv_op_format(in->op)) {
	case F_STORE:
	case F_FSTORE:
	case F_B:
	case F_FENCE:
	case F_CBO:
	case F_FLOAD:
	case F_FR4:
	case F_FR:
	case F_FR_RM:
	case F_FR1_RM:
	case F_FX:
	case F_FX_RM:
	case F_FLI:
	case F_VMEM: return false;
	default: return in->rd != 0;
	}
}

/* A checked base register copied or moved by addi stays checked while its drift, an access's
 * 12-bit offset and its bytes stay within the space's guards. A loop's base may be a pass's step
 * and an offset from where the last pass accessed. */
#define BASE_DRIFT_MAX  (32 << 10)
#define LOOP_BASE_DRIFT (16384 + 2048)
static void base_moved(struct tctx *t, const struct rv_insn *in, uint32_t checked)
{
	unsigned src = in->rs1;
	int64_t drift = in->imm < 0 ? -in->imm : in->imm;
	if (in->op != RV_ADDI) {
		if ((in->op != RV_ADD && in->op != RV_OR) || (in->rs1 && in->rs2))
			return;
		src = in->rs1 | in->rs2;
		drift = 0;
	}
	if (!in->rd || !src || !(checked >> src & 1) || (t->loop_bases >> in->rd & 1))
		return;
	drift += t->loop_bases >> src & 1 ? LOOP_BASE_DRIFT : t->base_drift[src];
	if (drift > BASE_DRIFT_MAX)
		return;
	t->base_checked |= 1u << in->rd;
	t->base_drift[in->rd] = (int32_t)drift;
}

void t_boxed_before_loop(struct tctx *t, uint32_t regs)
{
	for (unsigned r = 0; r < 32; r++)
		if ((regs & ~t->f_boxed) >> r & 1) {
			t_fget_gpr(t, RAX, r);
			e_shift_i(&t->e, SH_SHR, true, RAX, 32);
			e_alu_ri(&t->e, ALU_CMP, false, RAX, -1);
			t_cold_value(t, e_jcc(&t->e, CC_NE), COLD_INTERPRET, 0);
			t->f_boxed |= 1u << r;
		}
}

/* Whether the instruction may write f[rd] (a vector one's rd may be an f register's) */
static bool may_write_f(const struct rv_insn *in)
{
	return !writes_x(in) || rv_op_format(in->op) == F_V;
}

/* A scalar loop in the block (self_loop, its instructions all decoded): the base registers of
 * its loads and stores that it does not write, or only moves by addi (at most 16 KiB a pass),
 * tested against the space once before the loop head (the block runs in the interpreter where
 * one is out of it), not at each pass: each pass accesses through them, so that they cannot pass
 * the space's end by more than a pass's bytes without a fault in the 64 KiB guard past it. And
 * where no instruction touches frm or fcsr, frm tested there once for the FP operations. */
static void scalar_loop(struct tctx *t)
{
	uint32_t bases = 0, other = 1, singles = 0, not_singles = 0;
	int step[32] = {0};
	bool fp = false, frm = false;
	for (int k = 0; k < t->npeeked; k++) {
		const struct rv_insn *in = &t->insns[k];
		enum rv_format f = rv_op_format(in->op);
		if (writes_single(in->op))
			singles |= 1u << in->rd;
		else if (may_write_f(in))
			not_singles |= 1u << (in->rd & 31);
		if (f == F_LOAD || f == F_STORE || f == F_FLOAD || f == F_FSTORE)
			bases |= 1u << in->rs1;
		if (in->op == RV_ADDI && in->rd == in->rs1)
			step[in->rd] += in->imm < 0 ? -(int)in->imm : (int)in->imm;
		else if (writes_x(in))
			other |= 1u << in->rd;
		fp |= jit_scalar_fp(in->op);
		frm |= jit_csr_op(in->op) && (in->imm == RV_CSR_FRM || in->imm == RV_CSR_FCSR);
	}
	for (unsigned b = 1; b < 32 && !t->ptb; b++) /* a plugin's callback may write them */
		if ((bases >> b & 1) && !(other >> b & 1) && step[b] <= 16384 && !(t->base_checked >> b & 1))
			t->loop_bases |= 1u << b;
	t_check_bases(t, t->loop_bases);
	if (fp && !frm && !t->frm_checked) {
		e_alu_mi(&t->e, ALU_CMP, false, M(REG_CPU, OFF(frm)), RM_RUP);
		t_cold_value(t, e_jcc(&t->e, CC_A), COLD_INTERPRET, 0);
		t->frm_checked = true;
	}
	/* an f register that the loop writes with singles alone (a float accumulator): boxed at entry
	 * and after each write, it is boxed at every pass */
	if (!t->ptb)
		t_boxed_before_loop(t, singles & ~not_singles);
}

/* Whether an instruction of the block names guest register g in one of its register fields */
static bool names(const struct tctx *t, unsigned g)
{
	for (int i = 0; i < t->npeeked; i++) {
		const struct rv_insn *in = &t->insns[i];
		if (in->rd == g || in->rs1 == g || in->rs2 == g || in->rs3 == g)
			return true;
	}
	return false;
}

static void allocate(struct tctx *t, uint64_t pc, bool may)
{
	unsigned uses[32] = {0}, gain = SWAP_GAIN;
	int order[32], norder = 0;
	bool taken[NMAPPED] = {false};
	for (unsigned g = 0; g < 32; g++)
		t->host_of[g] = (int8_t)jit_host_reg(g);
	memset(t->swap_in, 0, sizeof t->swap_in);
	t->nswaps = 0;
	t->count_reg = -1;
	t->self_loop = false;
	t->skips = false;
	t->written = 0;
	if (!may || t->no_fuse || !t_fetchable(t, pc))
		return;
	decode_at(t, 0, pc);
	if (!scan(t, pc, uses)) { /* a branch followed into code that does not come back here */
		t->npeeked = 1;
		t->nsegs = 1;
		t->guest_len = t->segs[0].len = t->insns[0].len;
		t->follow_branches = false;
		t->written = 0;
		memset(uses, 0, sizeof uses);
		scan(t, pc, uses);
	}
	gain = t->self_loop ? 0 : gain;   /* a loop within the block pays for the swaps once, not per pass */
	for (unsigned g = 1; g < 32; g++) /* the unmapped ones, most used first */
		if (jit_host_reg(g) < 0 && uses[g] > gain) {
			int i = norder++;
			while (i > 0 && uses[order[i - 1]] < uses[g]) {
				order[i] = order[i - 1];
				i--;
			}
			order[i] = (int)g;
		}
	for (int i = 0; i < norder; i++) {
		int victim = -1;
		for (int k = 0; k < NMAPPED; k++)
			if (!taken[k] && (victim < 0 || uses[mapped_guest[k]] < uses[mapped_guest[victim]]))
				victim = k;
		if (victim < 0 || uses[order[i]] <= uses[mapped_guest[victim]] + gain)
			break;
		taken[victim] = true;
		t->swap_in[victim] = (uint8_t)order[i];
		t->host_of[mapped_guest[victim]] = -1;
		t->host_of[order[i]] = (int8_t)mapped_host[victim];
		t->nswaps++;
	}
	if (t->self_loop) /* a loop counts its passes' instructions in a register it does not use */
		for (int k = 0; k < NMAPPED; k++)
			if (!t->swap_in[k] && !names(t, mapped_guest[k])) {
				t->swap_in[k] = SWAP_INSTRET;
				t->host_of[mapped_guest[k]] = -1;
				t->count_reg = mapped_host[k];
				t->nswaps++;
				break;
			}
	/* or, where its branches skip instructions (skip_len), in the register of the guest one it
	 * uses least: the skipped instructions add their count where they run, which in memory
	 * would make a chain of read-modify-writes through every pass (a loop of three such
	 * branches took 1.3x the time) */
	if (t->self_loop && t->skips && t->count_reg < 0) {
		int least = 0;
		for (int k = 1; k < NMAPPED; k++)
			if (uses[held_in(t->swap_in, k)] < uses[held_in(t->swap_in, least)])
				least = k;
		t->host_of[held_in(t->swap_in, least)] = -1;
		t->nswaps += !t->swap_in[least];
		t->swap_in[least] = SWAP_INSTRET;
		t->count_reg = mapped_host[least];
	}
}

/* Plugins: each action registered on the block or instruction, in order; inline operations in
 * place, the others through a call that sees exact guest state. */
static int plugin_thunk(struct rvx_vcpu *cpu, const void *a)
{
	jit_fp_leave(cpu);
	plugins_run_action(cpu, a);
	jit_fp_enter(cpu);
	return 0;
}

/* An addition to (or store in) the running vCPU's element: in its plugin_area, one
 * instruction; elsewhere, through its pointer. */
static void emit_inline(struct tctx *t, const struct rvx_plugin_scoreboard *s, size_t offset, bool add, uint64_t imm)
{
	struct emit *e = &t->e;
	struct mem m = M(RAX, (int32_t)offset);
	if (s->area_off >= 0)
		m = M(REG_CPU, OFF(plugin_area) + s->area_off + (int32_t)offset);
	else
		e_load(e, RAX, M(REG_CPU, OFF(plugin_sb) + 8 * s->index), 8, false);
	if (add && (int64_t)imm == (int32_t)imm) {
		e_alu_mi(e, ALU_ADD, true, m, (int32_t)imm);
		return;
	}
	e_mov_ri(e, RCX, imm);
	if (add)
		e_alu_mr(e, false, ALU_ADD, true, m, RCX);
	else
		e_store(e, m, RCX, 8);
}

/* An instruction whose memory accesses a plugin follows: the interpreter runs it and reports
 * them; a fault leaves from there as from any helper. */
static int plugin_mem_thunk(struct rvx_vcpu *cpu, const void *insn)
{
	int st;
	jit_fp_leave(cpu);
	st = plugins_mem_exec(cpu, insn, false);
	jit_fp_enter(cpu);
	return st;
}

/* A call of thunk(cpu, arg) with the guest's state where C code sees it (a callback may read or
 * write any register, frm included); a nonzero result leaves the block, as a helper's. */
static void emit_plugin_call(struct tctx *t, int (*thunk)(struct rvx_vcpu *, const void *), const void *arg)
{
	struct emit *e = &t->e;
	t->frm_checked = false;
	t->base_checked = 1; /* the callback may write registers */
	t->loop_bases = 0;
	t->sext_known = 1;
	store_pc(t, t->pc);
	spill(e, t->j, t);
	e_lea(e, RDI, M(REG_CPU, -CPU_BIAS));
	e_mov_ri(e, RSI, (uint64_t)(uintptr_t)arg);
	e_call(e, (const void *)thunk);
	reload(e, t->j, t);
	leave_unless_zero(t);
}

static void emit_plugin_actions(struct tctx *t, const struct plugin_actions *l)
{
	for (int i = 0; i < l->n; i++) {
		const struct plugin_action *a = &l->v[i];
		/* a store to a counter tied to instret stores its value less instret: in C */
		bool tied_store =
		    a->op == RVX_PLUGIN_INLINE_STORE_U64 && t->tied && plugin_tied_index(t->tied, a->entry) >= 0;
		if (a->kind == ACT_INLINE && a->entry.offset <= INT32_MAX - 8 && !tied_store)
			emit_inline(t, a->entry.score, a->entry.offset, a->op == RVX_PLUGIN_INLINE_ADD_U64, a->imm);
		else
			emit_plugin_call(t, plugin_thunk, a);
	}
}

/* How a block is translated when plugins act: EXACT translates the plugin block alone, its
 * actions between its instructions; when every action of the blocks it covers is an inline
 * addition, the block is first translated as without plugins (PROBE, not kept), and then again
 * (SUMMED) with the additions of every instruction it covers made at its entry, as instret is. */
enum { PLAN_EXACT = 1, PLAN_PROBE, PLAN_SUMMED };
struct plugin_plan {
	int mode;
	const struct rvx_plugin_tb *ptb; /* EXACT: the block */
	int n;                           /* PROBE: instructions translated, or -1 */
	uint64_t pcs[MAX_BLOCK_INSNS];
	const struct rvx_plugin_insn *pins[MAX_BLOCK_INSNS]; /* SUMMED: the plugin's view of each */
	struct plugin_sums sums;
};

/* The inline additions of a SUMMED block's instructions first..n-1 (a block's own with its first
 * instruction), summed per scoreboard entry into *out, with a counter tied to instret less one
 * for each instruction from tie_from on, which instret counts: false when they need more
 * entries than it has or some action is not an inline addition. */
static bool plugin_sums_of(const struct rvx_plugin_insn *const *pins, int first, int tie_from, int n,
			   struct plugin_sums *out)
{
	out->n = 0;
	for (int i = first; i < n; i++) {
		const struct rvx_plugin_insn *in = pins[i];
		if (!plugin_sums_add(out, &in->actions) ||
		    (in == &in->tb->insns[0] && !plugin_sums_add(out, &in->tb->actions)))
			return false;
	}
	for (int k = 0; n > 0 && tie_from < n && k < pins[0]->tb->p->ntied; k++)
		if (!plugin_sums_put(out, pins[0]->tb->p->tied[k], (uint64_t) - (int64_t)(n - tie_from)))
			return false;
	return true;
}

/* After PROBE: the plugin blocks its instructions fall in (a new one where the last ended:
 * past a jump or branch it went through, or a page end) and the sums of their actions; false when some
 * action is not an inline addition. The block is cut back to the end of the last plugin block
 * it holds whole: a plugin block's own actions count it whole, and the next translated block
 * starts a plugin block of its own. */
static bool plan_sums(struct rvx_vcpu *cpu, struct plugin_plan *plan)
{
	const struct rvx_plugin_tb *cur = NULL;
	size_t k = 0;
	int cur_start = 0;
	for (int i = 0; i < plan->n; i++, k++) {
		if (!cur || k == cur->n) {
			cur = plugins_tb_get(cpu, plan->pcs[i]);
			k = 0;
			cur_start = i;
			if (!cur)
				return false;
		}
		if (cur->insns[k].vaddr != plan->pcs[i] || cur->insns[k].mem.n)
			return false;
		plan->pins[i] = &cur->insns[k];
	}
	if (cur && k != cur->n)
		plan->n = cur_start;
	return plan->n > 0 && plugin_sums_of(plan->pins, 0, 0, plan->n, &plan->sums);
}

/* Whether a SUMMED loop's count register carries sum s: one that adds the loop's instruction
 * count per pass (an instruction counter's) to an element in the vCPU's plugin_area. Made per
 * pass in memory, such a sum would chain each pass to the last through a store and a load. */
static bool carried_sum(const struct plugin_sums *sums, int s, int ninsns)
{
	return sums->sum[s] == (uint64_t)ninsns && sums->entry[s].score->area_off >= 0;
}

/* The sums a SUMMED loop's count register carries, as offsets from REG_CPU */
static int carried_sums(const struct rvx_plugin_insn *const *pins, int ninsns, int32_t out[PLUGIN_SUMS])
{
	struct plugin_sums sums;
	int n = 0;
	if (!plugin_sums_of(pins, 0, 0, ninsns, &sums))
		return 0;
	for (int s = 0; s < sums.n; s++)
		if (carried_sum(&sums, s, ninsns))
			out[n++] = OFF(plugin_area) + sums.entry[s].score->area_off + (int32_t)sums.entry[s].offset;
	return n;
}

/* What a loop's count register held at a fault, to instret and the plugins' counters it carries */
static void count_back(struct rvx_vcpu *cpu, const struct jit_block *b, uint64_t v)
{
	int32_t carried[PLUGIN_SUMS];
	int n = b->pins ? carried_sums(b->pins, b->ninsns, carried) : 0;
	cpu->instret += v;
	for (int s = 0; s < n; s++)
		*(uint64_t *)(void *)((uint8_t *)cpu + CPU_BIAS + carried[s]) += v;
}

/* A fault at instruction k of a SUMMED block: the additions of what comes after it did not
 * happen (k's own did: an action runs before its instruction; instret does not count k). */
static void plugin_sums_undo(struct rvx_vcpu *cpu, const struct jit_block *b, unsigned k)
{
	struct plugin_sums after;
	if (!plugin_sums_of(b->pins, (int)k + 1, (int)k, b->ninsns, &after))
		return;
	for (int s = 0; s < after.n; s++)
		*(uint64_t *)(void *)((uint8_t *)cpu->plugin_sb[after.entry[s].score->index] + after.entry[s].offset) -=
		    after.sum[s];
}

/* Leaves the block for target before instruction first: the block counted its instructions
 * from there on as run at its entry (instret, and a SUMMED block's plugin additions); that is
 * taken back. */
static void exit_early(struct tctx *t, int first, uint64_t target)
{
	take_back(t, first, first);
	exit_chain(t, target);
}

/* An exit before instruction first: its count and those of the instructions after it are
 * taken back from instret, and from the plugins' additions those from plugins_from on (a
 * faulting instruction's stay, as for a host fault: plugin_sums_undo); a deferred frflags value
 * is written. */
static void take_back(struct tctx *t, int first, int plugins_from)
{
	t->idx = first;
	instret_fix(t, ALU_SUB);
	jit_fflags_settle(t, first);
	sums_back(t, plugins_from, first);
}

/* A SUMMED block's inline additions of its instructions from `from` on, taken back, and what
 * it took from the counters tied to instret for those from tie_from on, which instret no
 * longer counts (rax, rcx clobbered) */
static void sums_back(struct tctx *t, int from, int tie_from)
{
	struct plugin_sums after;
	if (!t->pins || tie_from >= t->ninsns)
		return;
	if (!plugin_sums_of(t->pins, from, tie_from, t->ninsns, &after))
		t->refused = t->e.full = true;
	else
		for (int s = 0; s < after.n; s++)
			if (after.sum[s])
				emit_inline(t, after.entry[s].score, after.entry[s].offset, true,
					    (uint64_t)-after.sum[s]);
}

/* Translates the block at pc, of at most limit instructions; the caller holds j->lock and has
 * checked pc is fetchable. NULL when out of room, or *refused when the block needs more of the
 * translation's tables than they have at this length. */
static struct jit_block *translate_pass(struct rvx_vcpu *cpu, uint64_t pc, struct plugin_plan *plan, int limit,
					bool *refused, bool *homes)
{
	struct jit_cache *j = cpu->m->jit;
	struct tctx t;
	struct jit_block *b;
	uint8_t *count_at, fast_entry;
	uint32_t ninsns, counted;
	bool more = true, stays_sext, early;
	uint32_t checked;
	const struct rv_insn *last;
	size_t h, faults_len, pins_off, pins_len;

	*refused = false;
	if (j->nblocks == j->order_cap)
		return NULL;
	cache_own(j);
	populate_ahead(j->rw, &j->populated, j->used + BLOCK_SLACK, j->size);
	t.e.p = t.start = j->rw + j->used;
	t.e.end = j->rw + j->size;
	t.e.vex = j->host_avx;
	t.e.full = false;
	t.cpu = cpu;
	t.j = j;
	t.block_pc = pc;
	t.leave = NULL;
	t.idx = t.ncold = t.nfaults = t.nhelpers = t.npeeked = 0;
	memset(t.done_early, 0, sizeof t.done_early);
	t.refused = false;
	t.homes_ok = *homes;
	t.v_home_miss = false;
	memset(t.xswap, 0, sizeof t.xswap);
	t.nxswaps = 0;
	memset(t.v_home, -1, sizeof t.v_home);
	t.watched_page = UINT64_MAX;
	t.seen = !cpu->m->cluster && !cpu->m->gdb;
	t.code.start = t.code.end = 0;
	t.div_partner = -1;
	t.fflags_rd = 0;
	t.fflags_from = t.fflags_to = 0;
	t.fflags_live = false;
	t.guest_len = 0;
	t.segs[0] = (struct jit_seg){pc, 0};
	t.nsegs = 1;
	t.follow_branches = (!plan || plan->mode != PLAN_EXACT) && !cpu->m->gdb;
	t.skips_ok = !plan && !cpu->m->gdb; /* plugins' sums count every instruction at the entry */
	t.base_checked = 1;                 /* x0 */
	t.loop_bases = 0;
	t.sext_known = 1;
	t.nlate_ext = 0;
	t.frm_checked = false;
	t.ninstret_fix = 0;
	t.skip_join = -1;
	t.skip_loops = false;
	t.nskipped = 0;
	t.v_known = false;
	t.v_whole = false;
	t.v_masked = false;
	t.v_live = false;
	t.ymm_dirty = false;
	t.f_boxed = 0;
	t.v_vl_in = 0;
	t.nan_pending = t.nan_single = 0;
	/* gdb and plugins' callbacks may read registers between instructions; a SUMMED block has
	 * no callback, and its PROBE must translate as it will */
	t.nan_defer = (!plan || plan->mode != PLAN_EXACT) && !cpu->m->gdb;
	t.probes_ok = !plan && !cpu->m->gdb; /* a plugin would see a block start at the probe */
	/* entry: leave at once when a signal waits, so that loops stay interruptible. Chained jumps
	 * to a block further on enter past the test: every cycle of blocks has a jump to the same or
	 * an earlier block, and indirect jumps and the dispatcher enter at the test. */
	t.swapped = false;
	interrupt_test(&t, COLD_INTERRUPT);
	fast_entry = (uint8_t)(t.e.p - t.start);
	t.ptb = NULL;
	t.pins = plan && plan->mode == PLAN_SUMMED ? plan->pins : NULL;
	t.limit = limit;
	t.no_fuse = cpu->m->gdb != NULL; /* a breakpoint may be put between any two instructions */
	t.split_any = cpu->m->cluster && cluster_split_aware_count(cpu->m);
	t.split_here = false;
	t.tied = NULL;
	if (plan && plan->mode == PLAN_EXACT) {
		t.ptb = (struct rvx_plugin_tb *)plan->ptb;
		t.tied = cpu->m->plugins->ntied ? cpu->m->plugins : NULL;
		t.limit = (int)t.ptb->n;
		t.no_fuse = true; /* actions between instructions: nothing may span two */
	}
	/* plugins' inline sums are made per pass (past the loop head), their other actions between
	 * instructions see the usual mapping */
	allocate(&t, pc, !plan || plan->mode != PLAN_EXACT);
	t.ncarried = t.count_reg >= 0 && plan && t.pins ? carried_sums(t.pins, plan->n, t.carried) : 0;
	swap_in(&t);
	t.swapped = t.nswaps > 0;
	jit_v_loop(&t);
	if (t.self_loop && !t.v_loop)
		scalar_loop(&t);
	t.loop_inside = t.self_loop && (t.swapped || t.v_loop || t.loop_bases || t.frm_checked);
	t.loop_head = t.e.p;
	if (t.loop_inside) /* the back edge comes here with one jump */
		interrupt_test(&t, COLD_LOOP_LEAVE);
	jit_v_speculate(&t); /* tested at each pass: the block may change vtype */
	if (t.count_reg >= 0)
		e_alu_ri(&t.e, ALU_ADD, true, t.count_reg, INT32_MAX); /* imm32, patched */
	else
		e_alu_mi(&t.e, ALU_ADD, true, M(REG_CPU, OFF(instret)), 0);
	count_at = t.e.p - 4;
	if (t.ptb) {
		t.pc = pc;
		tie_twin(&t, ALU_ADD);
		emit_plugin_actions(&t, &t.ptb->actions);
	} else if (plan && plan->mode == PLAN_SUMMED) {
		for (int s = 0; s < plan->sums.n; s++)
			if (plan->sums.sum[s] && (!t.ncarried || !carried_sum(&plan->sums, s, plan->n)))
				emit_inline(&t, plan->sums.entry[s].score, plan->sums.entry[s].offset, true,
					    plan->sums.sum[s]);
	}
	while (more && t.idx < t.limit && !t.e.full) {
		if (!t_fetchable(&t, pc)) { /* the next block's first fetch raises the guest's fault */
			jit_nan_flush(&t);
			extend_late_done(&t, 0, 0);
			exit_chain(&t, pc);
			break;
		}
		if (cpu->m->gdb && gdb_break_at(cpu->m->gdb, pc)) { /* the run loop tells gdb */
			if (t.idx == 0)
				exit_status(&t, pc, EXEC_DEBUG);
			else
				exit_chain(&t, pc);
			break;
		}
		if (t.idx == t.npeeked)
			decode_at(&t, t.idx, pc);
		t.in = &t.insns[t.idx];
		if (jit_uses_sse(t.in))
			clean_ymm(&t);
		t.pc = pc;
		t.consumed = 1;
		if (t.fflags_live && t.idx == t.fflags_from)
			jit_fflags_probe(&t);
		if (t.ptb)
			emit_plugin_actions(&t, &t.ptb->insns[t.idx].actions);
		early = t.done_early[t.idx];            /* its pattern may have left rd unextended */
		if (t.ptb && t.ptb->insns[t.idx].mem.n) /* a load, store or atomic: never the block's end */
			emit_plugin_call(&t, plugin_mem_thunk, &t.ptb->insns[t.idx]);
		else if (!early) {
			bool no_fuse = t.no_fuse;
			t.split_here = split_aware(&t, t.idx);
			t.no_fuse |= t.split_here;
			t.upper_dead = upper_dead(&t);
			jit_nan_before(&t, t.in);
			more = translate_insn(&t);
			t.no_fuse = no_fuse;
			t.split_here = false;
		}
		stays_sext = t.consumed == 1 && !t.ptb && !early && keeps_sext32(&t, t.in);
		checked = t.base_checked;
		for (int k = t.idx; k < t.idx + t.consumed; k++) {
			if (t.insns[k].rd == t.v_vl_in && k != t.v_vl_at)
				t.v_vl_in = 0;
			if (may_write_f(&t.insns[k]))
				t.f_boxed &= ~(1u << (t.insns[k].rd & 31));
			if (!writes_x(&t.insns[k]))
				continue;
			t.base_checked &= ~(1u << (t.insns[k].rd & 31)) | 1u | t.loop_bases;
			t.sext_known &= ~(1u << (t.insns[k].rd & 31)) | 1u;
		}
		if (t.consumed == 1 && !early)
			base_moved(&t, t.in, checked);
		if (t.consumed == 1 && !t.ptb && writes_single(t.insns[t.idx].op)) /* a plugin may write registers */
			t.f_boxed |= 1u << t.insns[t.idx].rd;
		if (t.consumed <= 2 && constant_in_space(&t, t.idx, t.consumed))
			t.base_checked |= 1u << (t.insns[t.idx].rd & 31);
		/* a plugin may write registers */
		last = &t.insns[t.idx + t.consumed - 1]; /* a pattern ending in a load leaves its value exact */
		if (stays_sext ||
		    (!t.ptb && !early && writes_sext32(last) && !t.upper_dead && !extended_late(&t, last->rd) &&
		     (t.consumed == 1 || rv_op_format(last->op) == F_LOAD)))
			t.sext_known |= 1u << last->rd;
		extend_late_done(&t, t.idx, t.consumed);
		t.idx += t.consumed;
		if (t.idx == t.skip_join && t.skip_loops) {
			loop_skipped(&t);
			more = false;
		} else if (t.idx == t.skip_join) {
			skip_joined(&t);
		}
		pc = t.idx < t.npeeked ? t.insn_pc[t.idx] : next_pc(&t, t.idx - 1);
		if (more && t.idx == t.limit) {
			jit_nan_flush(&t);
			exit_chain(&t, pc);
		}
	}
	if (t.skip_join >= 0) /* ended before the ways met (only when out of room): not kept */
		t.refused = t.e.full = true;
	ninsns = t.idx; /* emit_cold moves idx to the instructions its stubs serve */
	if (plan && plan->mode == PLAN_PROBE) {
		plan->n = t.e.full ? -1 : (int)ninsns;
		memcpy(plan->pcs, t.insn_pc, sizeof *plan->pcs * ninsns);
		return NULL; /* nothing kept */
	}
	if (plan && plan->mode == PLAN_SUMMED &&
	    ((int)ninsns != plan->n || memcmp(plan->pcs, t.insn_pc, sizeof *plan->pcs * ninsns))) {
		plan->mode = PLAN_EXACT; /* the code changed between the passes */
		return NULL;
	}
	t.ninsns = (int)ninsns;
	emit_cold(&t);
	emit_helper_insns(&t);
	if (t.v_home_miss) {
		t.refused = t.e.full = true;
		*homes = false;
		if (cpu->m->cfg.debug & RVX_LOG_IN_ASM)
			machine_log(cpu->m, RVX_LOG_IN_ASM,
				    "rvx: block 0x%llx: a vector form read its registers in the vCPU: translated "
				    "again without vector homes\n",
				    (unsigned long long)t.block_pc);
	}
	*refused = t.refused;
	if (t.e.full)
		return NULL;
	counted = counted_from(&t, 0, (int)ninsns);
	memcpy(count_at, &counted, 4);
	for (int i = 0; i < t.ninstret_fix; i++) {
		uint32_t after = counted_from(&t, t.instret_fix[i].insn, (int)ninsns);
		memcpy(t.instret_fix[i].imm, &after, 4);
	}
	for (int i = 0; i < t.nfaults; i++)
		t.faults[i].uncounted =
		    (uint8_t)(ninsns - t.faults[i].insn - counted_from(&t, t.faults[i].insn, (int)ninsns));
	faults_len = sizeof *b->faults * (size_t)t.nfaults;
	pins_len = plan && plan->mode == PLAN_SUMMED ? sizeof *b->pins * ninsns : 0;
	pins_off = (faults_len + 7) & ~(size_t)7;
	b = meta_alloc(j, sizeof *b + pins_off + pins_len + t.guest_len);
	if (!b)
		return NULL;
	memset(b, 0, sizeof *b);
	b->pc = t.block_pc;
	b->debug_stop = ninsns == 0;
	b->seen = t.seen;
	b->leave = t.leave;
	b->fast_entry = fast_entry;
	b->pins = NULL;
	if (pins_len) {
		b->pins = (const struct rvx_plugin_insn **)(void *)((uint8_t *)(b + 1) + pins_off);
		memcpy(b->pins, plan->pins, pins_len);
	}
	b->ninsns = (uint16_t)ninsns;
	b->code = rx_of(&t, t.start);
	b->size = (uint32_t)(t.e.p - t.start);
	b->nfaults = (uint16_t)t.nfaults;
	memcpy(b->swap_in, t.swap_in, sizeof b->swap_in);
	memcpy(b->xswap, t.xswap, sizeof b->xswap);
	b->faults = (struct jit_fault_site *)(void *)(b + 1);
	memcpy(b->faults, t.faults, faults_len);
	b->guest = (uint8_t *)b->faults + pins_off + pins_len;
	memcpy(b->guest, t.guest, t.guest_len);
	b->nsegs = (uint8_t)t.nsegs;
	memcpy(b->segs, t.segs, sizeof t.segs);
	j->used = (size_t)((t.e.p - j->rw + 15) & ~15);
	j->order[j->nblocks] = b;
	index_pages(j, b, (uint32_t)j->nblocks);
	if (!b->seen)
		add_unseen(j, (uint32_t)j->nblocks);
	__atomic_store_n(&j->nblocks, j->nblocks + 1, __ATOMIC_RELEASE);
	h = (b->pc >> 1) & (j->hash_size - 1);
	b->next = j->hash[h];
	__atomic_store_n(&j->hash[h], b, __ATOMIC_RELEASE);
	grow_hash(j);
	j->stats.blocks++;
	j->stats.insns += b->ninsns;
	if (cpu->m->cfg.perf_map || cpu->m->cfg.jitdump)
		jit_perf_map_block(cpu, b);
	if (cpu->m->cfg.debug & RVX_LOG_OUT_ASM)
		jit_log_out_asm(cpu, b);
	j->stats.helper_calls += (uint64_t)t.nhelpers;
	if (cpu->m->cfg.debug & RVX_LOG_IN_ASM)
		machine_log(cpu->m, RVX_LOG_IN_ASM,
			    "rvx: block 0x%llx: %u instructions -> %u bytes of x86-64 at code cache offset 0x%zx "
			    "(as perf names memfd:rvx-code), %d helper calls%s\n",
			    (unsigned long long)b->pc, b->ninsns, b->size, (size_t)(b->code - j->rx), t.nhelpers,
			    t.nxswaps ? ", vector registers in ymm registers" : "");
	return b;
}

/* NULL when out of room, or *refused when the block cannot be translated (the interpreter runs it) */
static struct jit_block *translate(struct rvx_vcpu *cpu, uint64_t pc, bool *refused)
{
	struct plugin_plan plan;
	struct jit_block *b;
	int limit = MAX_BLOCK_INSNS;
	bool homes = true, no_homes = false;
	*refused = false;
	if (!cpu->m->plugins || !cpu->m->plugins->tb_trans) {
		for (;;) {
			bool had = homes;
			b = translate_pass(cpu, pc, NULL, limit, refused, &homes);
			if (b || !*refused || (limit == 1 && had == homes))
				return b;
			if (had == homes) /* not refused for its homes: shorter */
				limit /= 2;
		}
	}
	plan.ptb = plugins_tb_get(cpu, pc);
	if (!plan.ptb)
		return NULL;
	plan.mode = PLAN_PROBE;
	translate_pass(cpu, pc, &plan, limit, refused, &no_homes);
	if (plan.n > 0 && plan_sums(cpu, &plan)) {
		plan.mode = PLAN_SUMMED;
		b = translate_pass(cpu, pc, &plan, plan.n, refused, &no_homes);
		if (b || (plan.mode == PLAN_SUMMED && !*refused)) /* kept, or no room */
			return b;
	}
	plan.mode = PLAN_EXACT; /* the plugin block's length */
	return translate_pass(cpu, pc, &plan, limit, refused, &no_homes);
}

/* Entry e made to hold (pc, code), written only where it differs (a write to a page a fork
 * shares copies it); true when it held another block */
static bool jc_put(struct jit_jc_entry *e, uint64_t pc, const uint8_t *code)
{
	bool other = e->code && e->pc != pc;
	if (e->pc != pc || e->code != code) {
		e->pc = pc;
		e->code = code;
	}
	return other;
}

/* The block at cpu->pc into the vCPU's jump cache; the whole of it from the machine's jc_big on
 * (the entries of its first part stay where they are: each misses once) */
static void jc_note(struct rvx_vcpu *cpu, struct jit_cache *j, const struct jit_block *b)
{
	bool whole = cpu->jc_mask == (JC_SIZE - 1) << 1;
	if (!whole && __atomic_load_n(&j->jc_big, __ATOMIC_RELAXED)) {
		(void)madvise(cpu->jcache + JC_SMALL, (JC_SIZE - JC_SMALL) * sizeof *cpu->jcache, MADV_POPULATE_WRITE);
		cpu->jc_mask = (JC_SIZE - 1) << 1;
		whole = true;
	}
	if (jc_put(&cpu->jcache[(cpu->pc & cpu->jc_mask) >> 1], cpu->pc, b->code) && !whole &&
	    __atomic_add_fetch(&j->jc_evictions, 1, __ATOMIC_RELAXED) == JC_EVICTIONS)
		__atomic_store_n(&j->jc_big, true, __ATOMIC_RELAXED);
}

/* Counts a run of the untranslated block at pc; true while it should still be interpreted.
 * Blocks whose pcs share an entry share its count (restarting it would let two blocks that
 * take turns stay interpreted for ever). Threads share the counts without a lock: a lost
 * update only moves a translation by a run. */
static bool still_cold(struct jit_cache *j, uint64_t pc)
{
	uint8_t *e = runs_entry(j, pc);
	unsigned runs = __atomic_load_n(e, __ATOMIC_RELAXED) + 1u;
	if (runs >= j->translate_after)
		return false;
	__atomic_store_n(e, (uint8_t)runs, __ATOMIC_RELAXED);
	return true;
}

/* Finds or makes the block at cpu->pc; NULL when pc cannot be fetched (the caller raises the
 * guest's fault) or, with *cold set, when the block is to be interpreted this time. Called
 * inside the cache; may leave it for a while to translate. */
static struct jit_block *find_block(struct rvx_vcpu *cpu, struct jit_cache *j, bool *cold)
{
	struct jit_block *b = lookup(j, cpu->pc);
	uint64_t epoch;
	cpu->stats.lookups++;
	*cold = false;
	if (b) {
		cpu->stats.lookup_hits++;
		return b;
	}
	if (still_cold(j, cpu->pc) || (cache_shared(j) && ++j->shared_misses < SHARED_MISSES_BEFORE_COPY)) {
		*cold = true;
		return NULL;
	}
	cache_lock(cpu, j);
	b = lookup(j, cpu->pc); /* another thread may have translated it meanwhile */
	if (!b && fetchable(cpu, cpu->pc)) {
		bool refused;
		if (j->size - j->used < BLOCK_SLACK * 8)
			flush_locked(cpu, j);
		b = translate(cpu, cpu->pc, &refused);
		if (!b && !refused) { /* out of room after all (or out of memory): start afresh once */
			flush_locked(cpu, j);
			b = translate(cpu, cpu->pc, &refused);
		}
		*cold = !b; /* what cannot be translated runs in the interpreter */
	}
	epoch = j->epoch;
	cache_unlock(cpu, j);
	if (b && epoch != cpu->jit_epoch)
		b = lookup(j, cpu->pc); /* another thread flushed before we got back in */
	return b;
}

/* Makes the exit jump at site go straight to b from now on (an aligned 4-byte store, so a
 * thread running past it sees the old or the new target, never a mix); a forward jump (site's
 * low bit) enters past the interrupt test. */
static void chain(struct jit_cache *j, uint64_t site, const struct jit_block *b)
{
	if (cache_shared(j))
		return; /* left unchained: the dispatcher finds the block */
	const uint8_t *at = (const uint8_t *)(uintptr_t)(site & ~1ull);
	int32_t rel = (int32_t)(b->code + ((site & 1) ? b->fast_entry : 0) - (at + 4));
	__atomic_store_n((int32_t *)(void *)rw_of(j, at), rel, __ATOMIC_RELEASE);
}

/* The block at pc, once, in the interpreter (or the plugins' runner) */
static int run_cold(struct rvx_vcpu *cpu, struct jit_cache *j)
{
	struct rvx_machine *m = cpu->m;
	int st;
	cpu->stats.cold_runs++;
	cpu->chain_site = 0; /* chained once the target is translated */
	code_leave(cpu);
	st = m->plugins && m->plugins->tb_trans ? plugins_run_block(cpu) : interp_run_block(cpu);
	code_enter(cpu, j);
	return st;
}

int jit_run(struct rvx_vcpu *cpu)
{
	struct rvx_machine *m = cpu->m;
	struct jit_cache *j = m->jit;
	int st = EXEC_NEXT;
	if (j->space_at_gs && !cpu->gs_ready) { /* once per host thread (a forked child inherits it) */
		if (syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)m->space.base) != 0) {
			fprintf(stderr, "rvx: internal error: cannot set the GS base for translated code: %s\n",
				strerror(errno));
			_exit(70);
		}
		cpu->gs_ready = true;
	}
	code_enter(cpu, j);
	cpu->chain_site = 0;
	for (;;) {
		struct jit_block *b;
		bool cold;
		uint64_t gen = __atomic_load_n(&m->code_gen, __ATOMIC_SEQ_CST);
		if (cpu->interrupt)
			break;
		if (j->code_gen != gen) { /* guest code changed (fence.i, munmap, ...) or atomics must lock */
			cache_lock(cpu, j);
			if (j->code_gen != gen) {
				/* read after gen: a fence counted in gen is counted here */
				uint64_t map = __atomic_load_n(&m->map_gen, __ATOMIC_SEQ_CST);
				uint64_t fence = __atomic_load_n(&m->fence_gen, __ATOMIC_SEQ_CST);
				bool lock = __atomic_load_n(&m->shared_memory, __ATOMIC_SEQ_CST);
				/* an instruction that faulted on a split page is translated again, and
				 * every chain to its block with it: all of them */
				uint32_t split = m->cluster ? cluster_split_aware_count(m) : 0;
				if (lock != j->locked_amos || split != j->split_aware) {
					flush_locked(cpu, j);
					j->locked_amos = lock;
					j->split_aware = split;
				} else {
					invalidate_changed_locked(cpu, j, map != j->map_gen, fence != j->fence_gen);
				}
				j->code_gen = gen;
				j->fence_gen = fence;
				j->map_gen = map;
			}
			cache_unlock(cpu, j);
			continue;
		}
		b = find_block(cpu, j, &cold);
		if (cold) {
			st = run_cold(cpu, j);
			if (st != EXEC_NEXT && st != EXEC_JUMPED)
				break;
			st = EXEC_NEXT;
			continue;
		}
		if (!b) {
			if (!fetchable(cpu, cpu->pc)) {
				code_leave(cpu);
				struct rv_insn unused;
				interp_decode(cpu, cpu->pc, &unused); /* raises the guest's fetch fault */
				code_enter(cpu, j);
			}
			continue;
		}
		if (cpu->chain_site) {
			chain(j, cpu->chain_site, b);
			cpu->stats.chains++;
		}
		cpu->chain_site = 0;
		jc_note(cpu, j, b);
		if (cpu->split_tab) { /* the split table changed since its look-ups were remembered */
			uint64_t gen = __atomic_load_n(&cpu->m->split_gen, __ATOMIC_ACQUIRE);
			if (gen != cpu->split_memo_gen) {
				cpu->split_memo_gen = gen;
				rvx_split_memo_clear(cpu);
			}
		}
		jit_fp_enter(cpu);
		st = j->enter(cpu, b->code);
		jit_fp_leave(cpu);
		if (st == EXEC_JIT_INTERPRET && (st = run_cold(cpu, j)) == EXEC_NEXT)
			st = EXEC_JUMPED;
		if (st != EXEC_JUMPED)
			break;
		st = EXEC_NEXT;
	}
	code_leave(cpu);
	return st;
}

static const int greg_of_host[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
				     REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};

bool jit_owns_pc(struct rvx_vcpu *cpu, ucontext_t *uc)
{
	struct jit_cache *j = cpu->m->jit;
	uint8_t *rip = (uint8_t *)uc->uc_mcontext.gregs[REG_RIP];
	return j && rip >= j->rx && rip < j->rx + j->size;
}

/* v0-v31 from ymm16-31 as the signal frame's XSAVE area has them (zmm16-31 in the standard
 * layout; absent from the saved features when in their initial state, all zero) */
/* Whether the signal frame's FP state is an XSAVE area (the kernel's FP_XSTATE_MAGIC1), and its
 * header's XSTATE_BV: the components saved, the others in their initial state (zero) */
static bool frame_features(const uint8_t *xsave, uint64_t *features)
{
	uint32_t magic;
	memcpy(&magic, xsave + 464, 4);
	memcpy(features, xsave + 512, 8);
	return magic == 0x46505853u;
}

static void vectors_from_frame(const struct jit_cache *j, struct rvx_vcpu *cpu, const uint8_t *xsave)
{
	uint64_t features;
	if (!frame_features(xsave, &features))
		return; /* never on a kernel that lets a process use AVX-512 */
	for (int i = 0; i < 16; i++) {
		if (features & (1u << 7))
			memcpy(cpu->v + 32 * i, xsave + j->zmm16_off + 64 * i, 32);
		else
			memset(cpu->v + 32 * i, 0, 32);
	}
}

/* Vector registers 2p and 2p + 1 from ymm x as the signal frame has it: the low half in the
 * FXSAVE part, the upper in the XSAVE area's YMM_Hi128 (absent when in its initial state, zero) */
static void vector_pair_from_frame(const struct jit_cache *j, struct rvx_vcpu *cpu, unsigned p, int x,
				   const uint8_t *xsave)
{
	uint64_t features;
	memcpy(cpu->v + 32 * p, xsave + 160 + 16 * x, 16);
	if (frame_features(xsave, &features) && j->ymmh_off && (features & 4))
		memcpy(cpu->v + 32 * p + 16, xsave + j->ymmh_off + 16 * x, 16);
	else
		memset(cpu->v + 32 * p + 16, 0, 16);
}

/* A fault in the load after a copy (copy_loads): the copy's loads, decoded again from the block's
 * guest bytes, their registers as they would have loaded them from the word the copy loaded */
static void copy_back(struct rvx_vcpu *cpu, const struct jit_block *b, const struct jit_fault_site *f, uint64_t word)
{
	struct rv_insn ld[8];
	unsigned n = f->copy_loads, first = f->insn - 2 * n, at = 0;
	int64_t lo = INT64_MAX;
	for (unsigned k = 0; k < first + n; k++) {
		uint32_t bits = 0;
		struct rv_insn in;
		memcpy(&bits, b->guest + at, rv_insn_length(b->guest[at]));
		rv_decode(&in, bits);
		at += in.len;
		if (k >= first) {
			ld[k - first] = in;
			lo = in.imm < lo ? in.imm : lo;
		}
	}
	for (unsigned k = 0; k < n; k++) {
		int size;
		bool sign;
		uint64_t v = word >> (8 * (ld[k].imm - lo));
		unsigned bits;
		if (!jit_load_size(ld[k].op, &size, &sign) || !ld[k].rd)
			continue;
		bits = 64 - 8 * (unsigned)size;
		cpu->x[ld[k].rd] = sign ? (uint64_t)((int64_t)(v << bits) >> bits) : v << bits >> bits;
	}
}

bool jit_recover_fault(struct rvx_vcpu *cpu, ucontext_t *uc)
{
	struct jit_cache *j = cpu->m->jit;
	uint8_t *rip;
	struct jit_block *b;
	unsigned i;
	if (!j)
		return false;
	rip = (uint8_t *)uc->uc_mcontext.gregs[REG_RIP];
	b = block_at(j, rip);
	if (!b)
		return false;
	for (i = 0; i < b->nfaults; i++) {
		if (b->code + b->faults[i].host_off == rip) {
			uint64_t uncount;
			unsigned k;
			for (k = 0; k < NMAPPED; k++) { /* a register the block moved out is in the vCPU already */
				uint64_t v = (uint64_t)uc->uc_mcontext.gregs[greg_of_host[mapped_host[k]]];
				if (held_in(b->swap_in, (int)k) == SWAP_INSTRET)
					count_back(cpu, b, v);
				else
					cpu->x[held_in(b->swap_in, (int)k)] = v;
			}
			if (b->faults[i].copy_loads)
				copy_back(cpu, b, &b->faults[i], (uint64_t)uc->uc_mcontext.gregs[REG_RDX]);
			cpu->pc = b->pc + (uint64_t)(int64_t)b->faults[i].pc_off;
			/* the FP registers and the flags raised before the fault are in the interrupted
			 * xmm registers and MXCSR (the handler's siglongjmp does not bring them back) */
			if (uc->uc_mcontext.fpregs) {
				for (k = 0; k < NXMAPPED; k++)
					if (b->xswap[k]) /* its FP register is in the vCPU */
						vector_pair_from_frame(j, cpu, b->xswap[k] - 1, 3 + k,
								       (const uint8_t *)uc->uc_mcontext.fpregs);
					else
						memcpy(&cpu->f[xmm_guest[k]], &uc->uc_mcontext.fpregs->_xmm[3 + k], 8);
				cpu->fflags = fp_flags_from_host(uc->uc_mcontext.fpregs->mxcsr);
				if (cpu->v_live)
					vectors_from_frame(j, cpu, (const uint8_t *)uc->uc_mcontext.fpregs);
			}
			uncount = (uint64_t)(b->ninsns - b->faults[i].insn - b->faults[i].uncounted);
			cpu->instret -= uncount;
			for (k = 0; !b->pins && k < cpu->ntied; k++) /* tie_twin's, as the code does */
				cpu->plugin_area[cpu->tied[k]] += uncount;
			if (b->faults[i].fflags_rd) /* the quiet compare's value, not yet written */
				cpu->x[b->faults[i].fflags_rd] =
				    b->faults[i].fflags_live ? cpu->fflags : fp_flags_from_host(cpu->mxcsr_tmp);
			cpu->fault_replay = b->faults[i].replay;
			if (b->pins)
				plugin_sums_undo(cpu, b, b->faults[i].insn);
			return true;
		}
	}
	return false;
}

void jit_print_stats(struct rvx_vcpu *cpu)
{
	struct jit_cache *j = cpu->m->jit;
	if (!j)
		return;
	machine_log(cpu->m, RVX_LOG_STATS,
		    "rvx: stats: jit %llu blocks translated (%llu guest instructions, %llu helper call sites), "
		    "%llu flushes, %llu blocks invalidated, %zu KiB of code, %llu private copies after a fork, "
		    "%llu writes to watched code pages "
		    "(%llu changed no code); this thread: %llu returns to the "
		    "dispatcher, %.1f%% found translated, %llu chains patched, %llu blocks run by the interpreter "
		    "before translation\n",
		    (unsigned long long)j->stats.blocks, (unsigned long long)j->stats.insns,
		    (unsigned long long)j->stats.helper_calls, (unsigned long long)j->stats.flushes,
		    (unsigned long long)j->stats.invalidated, j->used / 1024, (unsigned long long)j->stats.copies,
		    (unsigned long long)j->stats.watch_hits, (unsigned long long)j->stats.watch_false,
		    (unsigned long long)cpu->stats.lookups,
		    cpu->stats.lookups ? 100.0 * (double)cpu->stats.lookup_hits / (double)cpu->stats.lookups : 0.0,
		    (unsigned long long)cpu->stats.chains, (unsigned long long)cpu->stats.cold_runs);
}
