/* The gdb remote stub (-g PORT, -g unix:PATH, $QEMU_GDB): what the engine and the Linux layer
 * call. Nothing here runs unless m->gdb is set. All-stop: when one thread stops, every thread
 * stops at its next safe point (a thread blocked in a syscall counts as stopped: its registers
 * are in its vCPU, and it parks before it runs guest code again). */
#ifndef RVX_GDB_H
#define RVX_GDB_H

#include <stdbool.h>
#include <stdint.h>

#include "../machine.h"

/* How gdb lets a vCPU go on (cpu->dbg.action). */
enum gdb_action {
	GDB_ACT_NONE, /* a new thread: takes the default of gdb's last resume */
	GDB_ACT_STOP,
	GDB_ACT_CONT,
	GDB_ACT_STEP,
};

/* Why a thread on another rank goes to the master in cluster mode (cpu->dbg.to_master). */
enum {
	GDB_TO_STOP = 1, /* gdb stops every thread */
	GDB_TO_EVENT,    /* a breakpoint or a signal of its own, which gdb sees there */
};

/* How the engine runs the vCPU next (gdb_resume_point). */
enum gdb_run {
	GDB_RUN,         /* as usual: breakpoints stop it (EXEC_DEBUG) */
	GDB_RUN_WATCHED, /* watchpoints are set: one instruction at a time, each checked */
	GDB_RUN_STEP,    /* one instruction, then it stops */
};

/* Listens at where ("PORT", ":PORT", "HOST:PORT" or "unix:PATH") and waits for gdb to connect,
 * after rvx_load: the program then stops before its first instruction. 0, or a negative errno
 * with the machine's error set. */
int gdb_start(struct rvx_machine *m, const char *where);
void gdb_free(struct rvx_machine *m);
/* In a forked child: the connection is the parent's; the child runs on undebugged. */
void gdb_forget(struct rvx_machine *m);

/* At the top of the run loop: holds the vCPU while gdb has it stopped; says how it goes on. */
enum gdb_run gdb_resume_point(struct rvx_vcpu *cpu);
/* True when gdb has a breakpoint at pc, or in [lo, hi). */
bool gdb_break_at(const struct rvx_gdb *g, uint64_t pc);
bool gdb_break_in(const struct rvx_gdb *g, uint64_t lo, uint64_t hi);
/* The vCPU reached a breakpoint (EXEC_DEBUG): false when no gdb is there to be told (it went,
 * or this is a vfork child), and the instruction is to run. */
bool gdb_breakpoint_hit(struct rvx_vcpu *cpu);
/* An instruction is about to access [addr, addr+len) (kind: RV_ACC_*): true when that hits a
 * watchpoint, and gdb was told (the instruction has not run). */
bool gdb_watchpoint_hit(struct rvx_vcpu *cpu, uint64_t addr, unsigned len, unsigned kind);
/* After the run loop has finished an instruction it ran alone (cpu->dbg.ran_one): the end of a
 * step, when the vCPU was stepping. */
void gdb_step_done(struct rvx_vcpu *cpu);
/* A signal is about to reach the guest (sync: raised by an instruction): gdb sees it first
 * unless it passes it silently. Returns the signal to deliver, 0 for none. */
int gdb_signal(struct rvx_vcpu *cpu, int sig, bool sync);
/* Syscall entry (a7 is its number) and return, for `catch syscall`. */
void gdb_syscall(struct rvx_vcpu *cpu, bool entry);
/* The process ends with an exit status (sig 0) or by signal sig: gdb is told before it goes. */
void gdb_process_end(struct rvx_machine *m, int status, int sig);

/* Cluster mode (ranks.c): the stub runs at the master. On another rank, a stand-in sends a
 * thread to the master whenever gdb is to see it; it learns the master's breakpoints and the
 * signals gdb passes silently from gdb_stand_in_update (the service, on MSG_GDB). */
int gdb_start_stand_in(struct rvx_machine *m);
void gdb_stand_in_update(struct rvx_machine *m, const void *breaks, int n, uint64_t pass, bool attached,
			 bool master_only);
/* At the master: new threads start there (watchpoints or caught syscalls are set, which only the
 * master checks). */
bool gdb_keeps_threads_here(const struct rvx_gdb *g);

#endif
