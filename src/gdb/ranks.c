/* gdb in cluster mode. The stub runs at the master and sees every thread there: gdb_stop_all
 * brings each thread on another rank to the master, and a thread that reaches a breakpoint or
 * takes a signal gdb does not pass silently on another rank is sent there by that rank's
 * stand-in before it runs the instruction or takes the signal, so that it happens again at the
 * master, where gdb sees it. When gdb lets it run, the thread goes back to its rank. A thread
 * blocked in a syscall the master runs for it counts as stopped where it is, as a thread in a
 * syscall does on one machine. While watchpoints are set or syscalls caught, which only the
 * master checks, threads stay at the master and new ones start there. */
#include <errno.h>
#include <string.h>

#include "../cluster/cluster.h"
#include "../linux/signal.h"
#include "internal.h"

int gdb_start_stand_in(struct rvx_machine *m)
{
	struct rvx_gdb *g = gdb_new(m);
	if (!g)
		return machine_error(m, -ENOMEM, "out of memory");
	g->stand_in = true;
	g->attached = true; /* every signal goes to the master until it says which gdb passes */
	g->default_action = GDB_ACT_CONT;
	return 0;
}

static bool contains(const uint64_t *v, int n, uint64_t x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

void gdb_stand_in_update(struct rvx_machine *m, const void *breaks, int n, uint64_t pass, bool attached,
			 bool master_only)
{
	struct rvx_gdb *g = m->gdb;
	uint64_t old[GDB_MAX_BREAKS];
	int nold;
	if (!g || !g->stand_in)
		return;
	n = n < GDB_MAX_BREAKS ? n : GDB_MAX_BREAKS;
	pthread_mutex_lock(&g->lock);
	nold = g->nbreaks;
	memcpy(old, g->breaks, (size_t)nold * sizeof *old);
	memcpy(g->breaks, breaks, (size_t)n * sizeof *old);
	g->nbreaks = n;
	g->pass_signals = pass;
	g->attached = attached;
	g->master_only = master_only;
	pthread_mutex_unlock(&g->lock);
	/* translations that stop at a breakpoint gone, or would run past a new one, are made again */
	for (int i = 0; i < nold; i++)
		if (!contains(g->breaks, n, old[i]))
			machine_code_changed(m, old[i], 1);
	for (int i = 0; i < n; i++)
		if (!contains(old, nold, g->breaks[i]))
			machine_code_changed(m, g->breaks[i], 1);
}

bool gdb_keeps_threads_here(const struct rvx_gdb *g)
{
	return g->attached && (g->nwatches || g->catch_syscalls);
}

void gdb_to_master(struct rvx_vcpu *cpu, int why)
{
	cpu->dbg.to_master = why;
	cpu->migrate_to = 1; /* rank 0, the master: at the run loop's next safe point */
}

void gdb_back_to_rank(struct rvx_gdb *g, struct rvx_vcpu *cpu, int action)
{
	/* not while gdb runs it alone (its software single-step: the others stay stopped) */
	if (!cpu->dbg.from_rank || (g->attached && (cpu->dbg.hold || action != GDB_ACT_CONT ||
						    g->default_action != GDB_ACT_CONT || gdb_keeps_threads_here(g))))
		return;
	cpu->migrate_to = cpu->dbg.from_rank + 1;
	cpu->dbg.from_rank = 0;
}

void gdb_ranks_resume(struct rvx_gdb *g)
{
	/* at every resume, one message a rank (a rank drops only the translations at breakpoints
	 * that changed); posted before any thread leaves for its rank: it finds them there */
	if (g->m->cluster && !g->stand_in)
		cluster_gdb_state(g->m, g->breaks, g->nbreaks, g->pass_signals, g->attached, gdb_keeps_threads_here(g));
}

bool gdb_thread_stopped(struct rvx_gdb *g, struct rvx_vcpu *cpu)
{
	enum cl_where where = g->m->cluster ? cluster_thread_where(g->m, cpu) : CL_HERE;
	if (where != CL_HERE)
		return where == CL_AWAY_IN_CALL;
	return cpu->dbg.parked || cpu->state == VCPU_IN_SYSCALL || cpu->vfork_child;
}

bool gdb_thread_here(struct rvx_gdb *g, struct rvx_vcpu *cpu)
{
	return !g->m->cluster || cluster_thread_where(g->m, cpu) == CL_HERE;
}
