/* rvx: run RISC-V 64 Linux programs on x86-64 Linux. The public library interface.
 *
 * A machine is one emulated process. Many machines may live in one host process; the
 * library keeps no mutable global state. Functions that can fail return a negative
 * RVX_E* code; rvx_last_error() gives the sentence that explains it to a person. */
#ifndef RVX_H
#define RVX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RVX_VERSION "0.1.0"

typedef struct rvx_machine rvx_machine;

/* Load and set-up failures; the rvx command maps each to its own exit status. */
enum rvx_error {
	RVX_OK = 0,
	RVX_E_NOENT = -1,   /* program file missing or unreadable */
	RVX_E_NOTELF = -2,  /* not an ELF file */
	RVX_E_MACHINE = -3, /* ELF for another machine */
	RVX_E_RV32 = -4,    /* 32-bit RISC-V */
	RVX_E_CORRUPT = -5, /* truncated or corrupt ELF */
	RVX_E_INTERP = -6,  /* PT_INTERP not found */
	RVX_E_NOMEM = -7,   /* could not reserve guest memory */
	RVX_E_INVAL = -8,   /* bad configuration */
	RVX_E_PLUGIN = -9,  /* a plugin cannot be loaded or refused to install */
	RVX_E_GDB = -10,    /* the gdb stub cannot listen or accept */
};

/* Debug log categories for rvx_config.debug (-d). */
enum {
	RVX_LOG_IN_ASM = 1 << 0,  /* each instruction as it is decoded */
	RVX_LOG_EXEC = 1 << 1,    /* each instruction as it runs, with pc */
	RVX_LOG_UNIMP = 1 << 2,   /* unknown syscalls and CSRs, once each */
	RVX_LOG_SIGNAL = 1 << 3,  /* guest signal delivery */
	RVX_LOG_STRACE = 1 << 4,  /* one line per guest syscall */
	RVX_LOG_STATS = 1 << 5,   /* engine statistics at exit */
	RVX_LOG_CLUSTER = 1 << 6, /* cluster mode: per-rank page, message and syscall figures at exit */
	RVX_LOG_PLUGIN = 1 << 7,  /* what plugins write (rvx_plugin_outs) */
	RVX_LOG_OUT_ASM = 1 << 8, /* translator: each block's guest and host code */
};

/* Execution engines. */
enum rvx_engine {
	RVX_ENGINE_JIT = 0,    /* translate to x86-64 (the default) */
	RVX_ENGINE_INTERP = 1, /* the reference interpreter */
};

struct rvx_config {
	const char *sysroot; /* guest root for PT_INTERP and /lib paths; NULL: none */
	unsigned debug;      /* RVX_LOG_* bits */
	FILE *log;           /* where logs go; NULL: stderr */
	const char *argv0;   /* guest argv[0] if not the program path */
	/* The rvx command line to prefix when the guest execs another RISC-V program
	 * (NULL-terminated; NULL: exec of RISC-V programs fails with ENOEXEC). */
	char *const *reexec_argv;
	unsigned long long guest_space; /* bytes of guest address space, a power of two; 0: 2^38 (Sv39) */
	int engine;                     /* enum rvx_engine */
	/* The translator's tier: a block is translated the Nth time it runs, the runs before
	 * interpreted (most start-up code runs once). 0: the default, 5; 1: at once. */
	unsigned translate_after;
	/* VLEN, the bits of a vector register: 128 (also 0, the default), 256, 512 or 1024. */
	unsigned vlen;
	/* The vector control (prctl PR_RISCV_V_SET_CONTROL's bits) of the execve that started the
	 * program: its next state and inherit bit apply at start, as in Linux. 0: vectors on. */
	unsigned v_control;
	/* Name each translated block by the guest symbol it starts in, for perf (translator only):
	 * perf_map writes /tmp/perf-PID.map, jitdump /tmp/jit-PID.dump (for perf inject --jit). */
	int perf_map, jitdump;
	/* The guest's end is this process's: its exit status ends the process, a signal that kills
	 * it kills the process (the rvx command sets this). 0, for an embedder: rvx_run and rvx_step
	 * return instead, and the calling process goes on. */
	int host_process;
	/* The release uname reports (QEMU's -r); NULL: the host's. */
	const char *uname_release;
	/* Nonzero: the guest's random bytes (AT_RANDOM, getrandom) come from a generator seeded with
	 * random_seed, the same at every run (QEMU's -seed); 0: from the host. */
	int seeded;
	unsigned long long random_seed;
};

int rvx_machine_new(const struct rvx_config *cfg, rvx_machine **out);
/* Frees the machine. A guest still running (threads of its own while the main thread is stopped
 * between rvx_step calls) ends first, as if killed: its threads stop, even those blocked in a
 * syscall, and plugins see its exit. */
void rvx_machine_free(rvx_machine *m);

/* Loads the program and builds its initial stack: argv[0..argc) and envp (NULL-terminated). */
int rvx_load(rvx_machine *m, const char *path, int argc, char *const *argv, char *const *envp);

/* Runs the loaded program until it ends; returns its exit status (0..255), or 128 + the signal
 * that killed it (with cfg.host_process: the end is the calling process's). */
int rvx_run(rvx_machine *m);

/* --- Embedding: rvx as an instruction-set simulator --- */

enum rvx_stop_reason {
	RVX_STOP_LIMIT,  /* ran the instructions it was given */
	RVX_STOP_EXIT,   /* the guest exited: code is its status */
	RVX_STOP_SIGNAL, /* a signal killed the guest: code is the signal */
	RVX_STOP_BREAK,  /* an ebreak: pc is at it (run on, and it raises SIGTRAP as on hardware) */
};

struct rvx_stop {
	enum rvx_stop_reason reason;
	int code;
};

/* Runs the program's main thread on the calling thread for at most max_insns instructions
 * (exactly, through the interpreter), or with max_insns 0 until it ends or stops at an ebreak
 * (with the configured engine). Returns RVX_OK with *stop saying why it stopped, or a negative
 * RVX_E_* code. Once the guest has ended, every call reports that end again. Threads the guest
 * creates run on their own host threads meanwhile. */
int rvx_step(rvx_machine *m, uint64_t max_insns, struct rvx_stop *stop);

/* Registers of a guest thread: in a syscall hook, of the thread that made the syscall; elsewhere
 * (between rvx_step calls), of the main thread. 0-31 are x0-x31, then RVX_REG_PC, RVX_REG_F0 + n
 * for f0-f31 (raw 64 bits), RVX_REG_FCSR. Writes to x0 are ignored. Return RVX_OK or RVX_E_INVAL
 * (no such register, no program). */
enum { RVX_REG_PC = 32, RVX_REG_F0 = 33, RVX_REG_FCSR = 65 };
int rvx_get_reg(rvx_machine *m, int reg, uint64_t *value);
int rvx_set_reg(rvx_machine *m, int reg, uint64_t value);
/* The guest thread id (gettid) of that same thread, or RVX_E_INVAL when no program is loaded. */
int rvx_thread_id(rvx_machine *m);

/* Guest memory at a guest address: RVX_OK, or RVX_E_INVAL when any of it is unmapped (nothing
 * is copied). Writes ignore write protection (as a debugger's) and drop translations of what
 * they change. */
int rvx_read_mem(rvx_machine *m, uint64_t addr, void *buf, size_t len);
int rvx_write_mem(rvx_machine *m, uint64_t addr, const void *buf, size_t len);

/* Called for each guest syscall (on the guest thread's host thread) before rvx runs it: a hook
 * that returns nonzero has handled it, and the guest gets *result (a negative errno for a
 * failure). args are a0-a5; nr is a7. */
typedef int (*rvx_syscall_hook)(void *ctx, rvx_machine *m, uint64_t nr, const uint64_t args[6], int64_t *result);
void rvx_set_syscall_hook(rvx_machine *m, rvx_syscall_hook hook, void *ctx);

const char *rvx_last_error(const rvx_machine *m);

/* Loads an instrumentation plugin (include/rvx-plugin.h) into the machine, before rvx_load:
 * argv holds its "name=value" arguments. Needs a dynamically linked program that exports its
 * symbols to the plugin (-rdynamic); link -ldl. */
int rvx_add_plugin(rvx_machine *m, const char *path, int argc, char **argv);

/* rvx_add_plugin for a statically linked program, which cannot dlopen: rvx maps the plugin
 * itself and gives it the plugin API and the C library (libc, libm). Takes the plugins that need
 * no other library, no thread-local variables and no IFUNCs; rvx_plugin_mappable is 1 for such
 * a plugin, else 0 with the reason in why (it runs none of the plugin's code). gdb and perf do
 * not see a plugin loaded this way. */
int rvx_add_plugin_mapped(rvx_machine *m, const char *path, int argc, char **argv);
int rvx_plugin_mappable(const char *path, char *why, size_t len);

/* Serves gdb's remote protocol at where ("PORT", "HOST:PORT" or "unix:PATH"): after rvx_load,
 * waits for gdb to connect; the program then starts stopped at its first instruction, under
 * gdb's control. Needs cfg.host_process (the guest runs with rvx_run). RVX_OK, RVX_E_INVAL for a
 * bad address, RVX_E_GDB when it cannot listen or accept. */
int rvx_gdb_listen(rvx_machine *m, const char *where);

/* RVX_LOG_OUT_ASM shows translated code as bytes, or disassembled once this is called (it loads
 * Capstone, libcapstone.so.4): RVX_OK, or RVX_E_INVAL when Capstone cannot be loaded. */
int rvx_use_capstone(rvx_machine *m);

/* ISA string the machine implements, e.g. "rv64imafdc_zicsr_zifencei_zba_zbb_zbs". */
const char *rvx_isa_string(void);

#ifdef __cplusplus
}
#endif

#endif
