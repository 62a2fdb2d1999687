#include "machine.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "engine/engine.h"
#include "gdb/gdb.h"
#include "interp/interp.h"
#include "jit/x86-64/jit.h"
#include "linux/exec.h"
#include "linux/loader.h"
#include "linux/path.h"
#include "linux/random.h"
#include "linux/signal.h"
#include "linux/symbols.h"
#include "linux/thread.h"
#include "plugin/plugin.h"

#define DEFAULT_GUEST_SPACE (1ull << 38) /* Sv39, what Linux gives RISC-V processes on most hardware */
#define STACK_SIZE          (8ull << 20)

_Static_assert(offsetof(struct rvx_vcpu, jcache) + sizeof((struct rvx_vcpu *)0)->jcache <= RVX_PAGE_SIZE,
	       "what translated code uses fits the vCPU's first page");
_Static_assert(sizeof(struct rvx_machine) <= RVX_PAGE_SIZE, "the machine fits one page");

/* Zeroed and page-aligned. */
static void *page_calloc(size_t size)
{
	void *p = aligned_alloc(RVX_PAGE_SIZE, (size + RVX_PAGE_SIZE - 1) & ~(size_t)(RVX_PAGE_SIZE - 1));
	if (p)
		memset(p, 0, size);
	return p;
}

const char *rvx_isa_string(void)
{
	return "rv64imafdcv_zicboz_zicond_zicsr_zifencei_zimop_zawrs_zfa_zfhmin_zcb_zcmop_zba_zbb_zbc_zbkb_zbkx_zbs_"
	       "zkt_"
	       "zvbb_zvfhmin_zvkb_zvkt";
}

int machine_error(struct rvx_machine *m, int code, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	free(m->error);
	m->error = s;
	return code;
}

const char *rvx_last_error(const rvx_machine *m)
{
	return m->error ? m->error : "no error";
}

void machine_log(struct rvx_machine *m, unsigned category, const char *fmt, ...)
{
	va_list ap;
	if (!(m->cfg.debug & category))
		return;
	va_start(ap, fmt);
	vfprintf(m->log, fmt, ap);
	va_end(ap);
}

void machine_share_memory(struct rvx_machine *m)
{
	if (!__atomic_exchange_n(&m->shared_memory, true, __ATOMIC_SEQ_CST))
		machine_code_changed(m, 0, UINT64_MAX); /* retranslate what was made unlocked */
}

void machine_code_changed(struct rvx_machine *m, uint64_t addr, uint64_t len)
{
	(void)addr;
	(void)len;
	__atomic_add_fetch(&m->map_gen, 1, __ATOMIC_SEQ_CST);
	machine_code_fenced(m);
}

void machine_code_fenced(struct rvx_machine *m)
{
	__atomic_add_fetch(&m->fence_gen, 1, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&m->code_gen, 1, __ATOMIC_SEQ_CST);
}

void *machine_table_new(size_t bytes, bool populate)
{
	void *t = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | (populate ? MAP_POPULATE : 0),
		       -1, 0);
	if (t == MAP_FAILED)
		return NULL;
	*(uint64_t *)t = UINT64_MAX;
	return t;
}

void machine_table_clear(void *table, size_t bytes)
{
	if (madvise(table, bytes, MADV_DONTNEED) != 0)
		memset(table, 0, bytes);
	*(uint64_t *)table = UINT64_MAX;
}

void machine_table_free(void *table, size_t bytes)
{
	if (table)
		munmap(table, bytes);
}

#define MAX_RETIRED 64

/* A retired vCPU made blank, its tables kept with the generations their contents belong to. */
static struct rvx_vcpu *reuse_retired(struct rvx_machine *m)
{
	struct rvx_vcpu *cpu, keep;
	pthread_mutex_lock(&m->lock);
	cpu = m->retired;
	if (cpu) {
		m->retired = cpu->next;
		m->nretired--;
	}
	pthread_mutex_unlock(&m->lock);
	if (!cpu)
		return NULL;
	keep = *cpu;
	memset(cpu, 0, sizeof *cpu);
	cpu->m = m;
	cpu->dcache = keep.dcache;
	cpu->decode_gen = keep.decode_gen;
	cpu->jcache = keep.jcache;
	cpu->jit_epoch = keep.jit_epoch;
	return cpu;
}

struct rvx_vcpu *machine_vcpu_new(struct rvx_machine *m, struct rvx_vcpu *parent)
{
	struct rvx_vcpu *cpu = reuse_retired(m);
	bool ok;
	if (!cpu) {
		/* page-aligned: the fields translated code uses share one page with the registers */
		cpu = page_calloc(sizeof *cpu);
		if (!cpu)
			return NULL;
		cpu->m = m;
		/* each engine has its own lookup table: decoded instructions, or translated blocks */
		if (m->jit)
			ok = jit_vcpu_init(cpu, !parent) == 0;
		else
			ok =
			    (cpu->dcache = machine_table_new(DECODE_CACHE_SIZE * sizeof *cpu->dcache, !parent)) != NULL;
		if (!ok) {
			free(cpu);
			return NULL;
		}
	}
	cpu->addr_mask = ~(m->space.size - 1);
	cpu->split_tab = m->split_tab;
	rvx_split_memo_clear(cpu);
	cpu->plugin_index = -1;
	cpu->sigact = m->sigact;
	cpu->vlenb = m->cfg.vlen ? m->cfg.vlen / 8 : RVX_VLENB_DEFAULT;
	cpu->vtype = 1ull << 63; /* vill until a vsetvl */
	cpu->vl = cpu->vstart = 0;
	cpu->vxrm = cpu->vxsat = 0;
	cpu->v_used = false;
	memset(cpu->v, 0, sizeof cpu->v);
	for (int k = 0; k < 8; k++) {
		cpu->v_nan[k] = 0x7fc00000u;
		cpu->v_nan[8 + k] = k % 2 ? 0x7ff80000u : 0;
	}
	{ /* as Linux at exec: the state asked for as next, else on; next kept only if inherited */
		unsigned next = (m->cfg.v_control >> 2) & 3, inherit = m->cfg.v_control & V_CTRL_INHERIT;
		cpu->v_ctrl = (uint8_t)((next ? next : V_CTRL_ON) | (inherit ? next << 2 | inherit : 0));
	}
	if (parent) {
		memcpy(cpu->x, parent->x, sizeof cpu->x);
		memcpy(cpu->f, parent->f, sizeof cpu->f);
		cpu->pc = parent->pc;
		cpu->fflags = parent->fflags;
		cpu->frm = parent->frm;
		cpu->sigmask = parent->sigmask;
		cpu->vl = parent->vl;
		cpu->vtype = parent->vtype;
		cpu->vxrm = parent->vxrm;
		cpu->vxsat = parent->vxsat;
		cpu->v_used = parent->v_used;
		cpu->v_ctrl = parent->v_ctrl;
		memcpy(cpu->v, parent->v, sizeof cpu->v);
		cpu->random_state = random_next(&parent->random_state);
	} else {
		cpu->random_state = m->random_main;
	}
	return cpu;
}

void machine_vcpu_free(struct rvx_vcpu *cpu)
{
	jit_vcpu_destroy(cpu);
	machine_table_free(cpu->dcache, DECODE_CACHE_SIZE * sizeof *cpu->dcache);
	free(cpu->vaccess_buf);
	free(cpu);
}

void machine_vcpu_retire(struct rvx_vcpu *cpu)
{
	struct rvx_machine *m = cpu->m;
	bool kept = false;
	pthread_mutex_lock(&m->lock);
	if (m->nretired < MAX_RETIRED) {
		cpu->next = m->retired;
		m->retired = cpu;
		m->nretired++;
		kept = true;
	}
	pthread_mutex_unlock(&m->lock);
	if (!kept)
		machine_vcpu_free(cpu);
}

void machine_add_thread(struct rvx_machine *m, struct rvx_vcpu *cpu)
{
	pthread_mutex_lock(&m->lock);
	cpu->next = m->threads;
	m->threads = cpu;
	__atomic_add_fetch(&m->nthreads, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&m->lock);
}

void machine_remove_thread(struct rvx_machine *m, struct rvx_vcpu *cpu)
{
	struct rvx_vcpu **p;
	pthread_mutex_lock(&m->lock);
	for (p = &m->threads; *p; p = &(*p)->next) {
		if (*p == cpu) {
			*p = cpu->next;
			break;
		}
	}
	pthread_mutex_unlock(&m->lock);
	__atomic_add_fetch(&m->exited_instret, cpu->instret, __ATOMIC_RELAXED);
}

void machine_print_stats(struct rvx_vcpu *cpu)
{
	jit_print_stats(cpu);
	machine_log(
	    cpu->m, RVX_LOG_STATS,
	    "rvx: stats: engine %s, %llu instructions, %llu decoded (cache misses), %llu code-cache "
	    "flushes, %llu syscalls, %llu signals delivered (this thread); %llu instructions by ended threads\n",
	    cpu->m->jit ? "jit" : "interp", (unsigned long long)cpu->instret, (unsigned long long)cpu->stats.decodes,
	    (unsigned long long)cpu->stats.flushes, (unsigned long long)cpu->stats.syscalls,
	    (unsigned long long)cpu->stats.signals,
	    (unsigned long long)__atomic_load_n(&cpu->m->exited_instret, __ATOMIC_RELAXED));
}

int rvx_machine_new(const struct rvx_config *cfg, rvx_machine **out)
{
	/* within one page: after a fork, the first write to each page it spans copies that page */
	struct rvx_machine *m = page_calloc(sizeof *m);
	int r, i;
	if (!m)
		return RVX_E_NOMEM;
	m->cfg = *cfg;
	m->log = cfg->log ? cfg->log : stderr;
	if (cfg->uname_release) {
		snprintf(m->uname_release, sizeof m->uname_release, "%s", cfg->uname_release);
		m->cfg.uname_release = m->uname_release;
	}
	pthread_mutex_init(&m->lock, NULL);
	if (cfg->sysroot && cfg->sysroot[0])
		m->sysroot = realpath(cfg->sysroot, NULL);
	if (cfg->sysroot && cfg->sysroot[0] && !m->sysroot) {
		r = machine_error(m, RVX_E_INVAL, "sysroot '%s' does not exist", cfg->sysroot);
		*out = m;
		return r;
	}
	if (cfg->reexec_argv) {
		int n = 0;
		while (cfg->reexec_argv[n])
			n++;
		m->reexec_argv = calloc((size_t)n + 1, sizeof(char *));
		for (i = 0; m->reexec_argv && i < n; i++)
			m->reexec_argv[i] = strdup(cfg->reexec_argv[i]);
	}
	for (i = 1; i < RVX_NSIG; i++)
		m->sigact[i].handler = (uint64_t)(uintptr_t)SIG_DFL;
	if (cfg->guest_space & (cfg->guest_space - 1)) {
		*out = m;
		return machine_error(m, RVX_E_INVAL, "the guest address space size must be a power of two");
	}
	if (cfg->vlen && (cfg->vlen < 128 || cfg->vlen > 8 * RVX_VLENB_MAX || (cfg->vlen & (cfg->vlen - 1)))) {
		*out = m;
		return machine_error(m, RVX_E_INVAL, "VLEN %u is not one of 128, 256, 512, 1024", cfg->vlen);
	}
	r = space_init(&m->space, cfg->guest_space ? cfg->guest_space : DEFAULT_GUEST_SPACE);
	*out = m;
	if (r < 0)
		return machine_error(m, RVX_E_NOMEM, "cannot reserve the guest address space: %s", strerror(-r));
	return RVX_OK;
}

static void end_guest_threads(struct rvx_machine *m);

void rvx_machine_free(rvx_machine *m)
{
	int i;
	if (!m)
		return;
	end_guest_threads(m);
	if (rvx_current_vcpu && rvx_current_vcpu->m == m)
		rvx_current_vcpu = NULL;
	gdb_free(m);
	while (m->threads) {
		struct rvx_vcpu *cpu = m->threads;
		m->threads = cpu->next;
		machine_vcpu_free(cpu);
	}
	while (m->retired) {
		struct rvx_vcpu *cpu = m->retired;
		m->retired = cpu->next;
		machine_vcpu_free(cpu);
	}
	jit_destroy(m);
	plugins_free(m);
	symbols_free(m);
	space_destroy(&m->space);
	for (i = 0; m->reexec_argv && m->reexec_argv[i]; i++)
		free(m->reexec_argv[i]);
	free(m->reexec_argv);
	free(m->shm);
	free(m->sysroot);
	free(m->exe_path);
	free(m->error);
	free(m->host_disasm);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

static int map_sigreturn_trampoline(struct rvx_machine *m)
{
	/* li a7, 139 (rt_sigreturn); ecall */
	static const uint32_t code[2] = {0x08b00893, 0x00000073};
	int64_t a = space_map(&m->space, 0, RVX_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0,
			      "[vdso]");
	if (a < 0)
		return (int)a;
	memcpy(g2h(&m->space, (uint64_t)a), code, sizeof code);
	m->sigreturn_tramp = (uint64_t)a;
	return space_protect(&m->space, (uint64_t)a, RVX_PAGE_SIZE, PROT_READ | PROT_EXEC);
}

static bool is_script(const char *path)
{
	char magic[2];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool yes = fd >= 0 && read(fd, magic, 2) == 2 && magic[0] == '#' && magic[1] == '!';
	if (fd >= 0)
		close(fd);
	return yes;
}

/* Loads the RISC-V ELF at m->exe_path (path: its name for messages). */
static int load_program(rvx_machine *m, const char *path, int argc, char *const *argv, char *const *envp)
{
	struct elf_image prog, interp;
	struct rvx_vcpu *cpu;
	uint64_t top = m->space.size, entry, sp;
	char ibuf[PATH_MAX];
	int r;

	r = elf_load(m, m->exe_path, true, &prog);
	if (r != RVX_OK)
		return r;
	entry = prog.entry;
	memset(&interp, 0, sizeof interp);
	if (prog.interp[0]) {
		const char *ip = path_resolve(m, prog.interp, ibuf, sizeof ibuf);
		if (access(ip, F_OK) != 0)
			return machine_error(m, RVX_E_INTERP,
					     "'%s' needs the program interpreter %s, not found%s%s%s; give the RISC-V "
					     "sysroot with -L DIR (or QEMU_LD_PREFIX)",
					     path, prog.interp, m->sysroot ? " in " : "", m->sysroot ? m->sysroot : "",
					     m->sysroot ? "" : " (no sysroot given)");
		r = elf_load(m, ip, false, &interp);
		if (r != RVX_OK)
			return r;
		entry = interp.entry;
	}
	m->entry = prog.entry;
	m->code_start = prog.code_start;
	m->code_end = prog.code_end;
	m->brk_start = m->brk_cur = m->brk_mapped = RVX_PAGE_ALIGN(prog.end);
	if (space_map(&m->space, top - STACK_SIZE, STACK_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0, "[stack]") < 0 ||
	    map_sigreturn_trampoline(m) < 0)
		return machine_error(m, RVX_E_NOMEM, "cannot map the guest stack");
	sp = stack_build(m, top, &prog, interp.bias, argc, argv, envp);
	if (!sp)
		return machine_error(m, RVX_E_NOMEM, "out of memory");

	if (m->cfg.engine == RVX_ENGINE_JIT && jit_init(m) < 0)
		return machine_error(m, RVX_E_NOMEM, "cannot create the translation cache");
	cpu = machine_vcpu_new(m, NULL);
	if (!cpu)
		return machine_error(m, RVX_E_NOMEM, "out of memory");
	cpu->pc = entry;
	cpu->x[2] = sp;
	cpu->tid = (int)gettid();
	m->cpu = cpu;
	machine_add_thread(m, cpu);
	return RVX_OK;
}

int rvx_load(rvx_machine *m, const char *path, int argc, char *const *argv, char *const *envp)
{
	char buf[PATH_MAX], **sargv = NULL;
	struct exec_target *t;
	int r;

	m->exe_path = realpath(path_resolve(m, path, buf, sizeof buf), NULL);
	if (!m->exe_path)
		return machine_error(m, RVX_E_NOENT, "cannot open '%s': %s", path, strerror(errno));
	if (!is_script(m->exe_path))
		return load_program(m, path, argc, argv, envp);
	/* a #! script whose interpreter is a RISC-V program runs as the kernel would run it */
	t = malloc(sizeof *t);
	r = t ? exec_find(m, path, t) : -ENOMEM;
	if (r < 0 || !t->riscv) {
		free(t);
		if (r == -ENOENT)
			return machine_error(m, RVX_E_INTERP, "'%s' is a script whose interpreter was not found", path);
		if (r < 0)
			return machine_error(m, RVX_E_NOTELF, "'%s' is a script that cannot run: %s", path,
					     strerror(-r));
		return machine_error(m, RVX_E_NOTELF, "'%s' is a script whose interpreter is not a RISC-V program",
				     path);
	}
	sargv = calloc((size_t)(1 + t->ninserted + argc), sizeof(char *)); /* its strings are t's */
	if (sargv)
		argc = exec_argv(t, NULL, argc, argv, sargv);
	free(m->exe_path);
	m->exe_path = realpath(t->path, NULL);
	r = sargv && m->exe_path ? load_program(m, path, argc, sargv, envp)
				 : machine_error(m, RVX_E_NOMEM, "out of memory");
	free(sargv);
	free(t);
	return r;
}

static int start_main(rvx_machine *m)
{
	uint64_t mask = 0;
	int r;
	if (!m->cpu)
		return machine_error(m, RVX_E_INVAL, "no program loaded");
	if (m->started)
		return RVX_OK;
	r = signal_init(m);
	if (r < 0)
		return machine_error(m, RVX_E_INVAL, "cannot install signal handlers: %s", strerror(-r));
	host_sigmask(SIG_BLOCK, 0, &mask);
	m->cpu->sigmask = mask;
	rvx_current_vcpu = m->cpu;
	m->started = true;
	plugins_vcpu_init(m->cpu);
	return RVX_OK;
}

int rvx_run(rvx_machine *m)
{
	struct rvx_stop stop;
	int r;
	if (m->cfg.host_process) {
		r = start_main(m);
		if (r < 0)
			return r;
		if (m->exe_path) { /* the process is named after the program, as exec names it (ps, top, gdb) */
			const char *base = strrchr(m->exe_path, '/');
			prctl(PR_SET_NAME, base ? base + 1 : m->exe_path, 0, 0, 0);
		}
		return engine_run(m->cpu);
	}
	do
		r = rvx_step(m, 0, &stop);
	while (r == RVX_OK && stop.reason == RVX_STOP_BREAK);
	if (r < 0)
		return r;
	return stop.reason == RVX_STOP_EXIT ? stop.code & 255 : 128 + stop.code;
}

/* Every thread of the machine but self stops at its next block or syscall, woken from a
 * blocking one by a kick to its host thread. */
static void stop_others(struct rvx_machine *m, const struct rvx_vcpu *self)
{
	struct rvx_vcpu *t;
	pthread_mutex_lock(&m->lock);
	for (t = m->threads; t; t = t->next) {
		if (t == self)
			continue;
		t->interrupt = 1;
		syscall(SYS_tgkill, getpid(), t->host_tid > 0 ? t->host_tid : t->tid, SIGBUS);
	}
	pthread_mutex_unlock(&m->lock);
}

/* Waits until no guest thread but the main one (which runs only inside rvx_step or rvx_run)
 * touches the machine: a kicked thread leaves at its next block or syscall. */
static void wait_others_left(struct rvx_machine *m, const struct rvx_vcpu *self)
{
	for (int i = 1; __atomic_load_n(&m->nthreads, __ATOMIC_SEQ_CST) > 1; i++) {
		usleep(100);
		if (i % 100 == 0) /* one that was starting, or between a check and a blocking call */
			stop_others(m, self);
	}
}

/* A guest whose threads still run when its machine is freed (the main thread stopped between
 * rvx_step calls) ends as if killed, and its threads stop before anything is freed. */
static void end_guest_threads(struct rvx_machine *m)
{
	int none = 0;
	if (!m->started || m->cfg.host_process)
		return;
	if (__atomic_compare_exchange_n(&m->ended, &none, RVX_STOP_SIGNAL, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
		m->end_code = SIGKILL;
		plugins_atexit(m);
	}
	stop_others(m, m->cpu);
	wait_others_left(m, m->cpu);
}

_Noreturn void machine_guest_ended(struct rvx_vcpu *cpu, int how, int code)
{
	struct rvx_machine *m = cpu->m;
	int none = 0;
	if (__atomic_compare_exchange_n(&m->ended, &none, how, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
		m->end_code = code;
		plugins_atexit(m);
	}
	stop_others(m, cpu);
	if (cpu != m->cpu || !m->end_jmp)
		thread_abandon(cpu);
	/* the embedder gets the machine back once no other thread can touch it */
	wait_others_left(m, cpu);
	siglongjmp(*m->end_jmp, 1);
}

int rvx_step(rvx_machine *m, uint64_t max_insns, struct rvx_stop *stop)
{
	sigjmp_buf end;
	int r = start_main(m), st;
	if (r < 0)
		return r;
	if (m->cfg.host_process)
		return machine_error(m, RVX_E_INVAL, "rvx_step is for embedders (cfg.host_process is set)");
	if (!m->ended) {
		m->end_jmp = &end;
		if (sigsetjmp(end, 0) == 0) {
			/* the ebreak it stopped at runs, unless the embedder moved pc off it */
			st = engine_step(m->cpu, max_insns, m->at_break && m->cpu->pc == m->break_pc);
			m->end_jmp = NULL;
			m->at_break = st == EXEC_EBREAK;
			m->break_pc = m->cpu->pc;
			stop->reason = st == EXEC_EBREAK ? RVX_STOP_BREAK : RVX_STOP_LIMIT;
			stop->code = 0;
			return RVX_OK;
		}
		m->end_jmp = NULL;
		rvx_current_vcpu = NULL;
	}
	stop->reason = m->ended == RVX_STOP_EXIT ? RVX_STOP_EXIT : RVX_STOP_SIGNAL;
	stop->code = m->end_code;
	return RVX_OK;
}

/* The thread an embedder's call is about: the guest thread whose hook runs on this host thread,
 * else the main thread */
static struct rvx_vcpu *calling_vcpu(rvx_machine *m)
{
	struct rvx_vcpu *cpu = rvx_current_vcpu;
	return cpu && cpu->m == m ? cpu : m->cpu;
}

int rvx_thread_id(rvx_machine *m)
{
	struct rvx_vcpu *cpu = calling_vcpu(m);
	return cpu ? cpu->tid : RVX_E_INVAL;
}

int rvx_get_reg(rvx_machine *m, int reg, uint64_t *value)
{
	struct rvx_vcpu *cpu = calling_vcpu(m);
	if (!cpu || reg < 0 || reg > RVX_REG_FCSR)
		return RVX_E_INVAL;
	*value = reg < 32              ? cpu->x[reg]
		 : reg == RVX_REG_PC   ? cpu->pc
		 : reg == RVX_REG_FCSR ? cpu->frm << 5 | cpu->fflags
				       : cpu->f[reg - RVX_REG_F0];
	return RVX_OK;
}

int rvx_set_reg(rvx_machine *m, int reg, uint64_t value)
{
	struct rvx_vcpu *cpu = calling_vcpu(m);
	if (!cpu || reg < 0 || reg > RVX_REG_FCSR)
		return RVX_E_INVAL;
	if (reg == RVX_REG_PC) {
		cpu->pc = value;
	} else if (reg == RVX_REG_FCSR) {
		cpu->fflags = value & 0x1f;
		cpu->frm = (value >> 5) & 7;
	} else if (reg >= RVX_REG_F0) {
		cpu->f[reg - RVX_REG_F0] = value;
	} else if (reg) {
		cpu->x[reg] = value;
	}
	return RVX_OK;
}

int rvx_read_mem(rvx_machine *m, uint64_t addr, void *buf, size_t len)
{
	if (!space_check(&m->space, addr, len, 0))
		return RVX_E_INVAL;
	memcpy(buf, g2h(&m->space, addr), len);
	return RVX_OK;
}

int rvx_write_mem(rvx_machine *m, uint64_t addr, const void *buf, size_t len)
{
	if (!space_check(&m->space, addr, len, 0) || !space_poke(&m->space, addr, buf, len))
		return RVX_E_INVAL;
	machine_code_changed(m, addr, len);
	return RVX_OK;
}

void rvx_set_syscall_hook(rvx_machine *m, rvx_syscall_hook hook, void *ctx)
{
	m->syscall_hook = hook;
	m->syscall_hook_ctx = ctx;
}
