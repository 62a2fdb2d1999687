/* The guest threads' side of the stub: parking at safe points, posting stops to the server,
 * and the checks the engine asks for (breakpoints, watchpoints, steps, signals, syscalls). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "../cluster/cluster.h"
#include "../linux/signal.h"
#include "internal.h"

/* Held at a safe point until the server wakes the vCPUs again. The stop's kick (gdb_stop_all)
 * is then spent: left set, it would hold back the syscall the vCPU may be about to make (a
 * signal that came meanwhile sets it again). */
static void park(struct rvx_gdb *g, struct rvx_vcpu *cpu)
{
	cpu->dbg.parked = true;
	cpu->dbg.hold = false; /* gdb has seen it here */
	pthread_cond_broadcast(&g->cond);
	pthread_cond_wait(&g->cond, &g->lock);
	cpu->dbg.parked = false;
	cpu->interrupt = 0;
	if (signal_next_pending(cpu))
		cpu->interrupt = 1;
}

static void wake_server(struct rvx_gdb *g)
{
	if (write(g->wake[1], "w", 1) < 0) {
		/* the pipe is full: the server has wakes enough */
	}
}

static void take_default(struct rvx_gdb *g, struct rvx_vcpu *cpu)
{
	if (cpu->dbg.action == GDB_ACT_NONE)
		cpu->dbg.action = g->default_action;
}

enum gdb_run gdb_resume_point(struct rvx_vcpu *cpu)
{
	struct rvx_gdb *g = cpu->m->gdb;
	int action;
	/* a vfork child shares the parent's stub, not its own; a stand-in's threads stop at the master */
	if (g->stand_in && g->attached && g->master_only && !cpu->vfork_child)
		gdb_to_master(cpu, GDB_TO_STOP); /* e.g. a syscall the master ran ended: it checks watchpoints */
	if (cpu->vfork_child || g->stand_in || (!g->attached && !cpu->dbg.from_rank))
		return GDB_RUN;
	pthread_mutex_lock(&g->lock);
	take_default(g, cpu);
	while (cpu->dbg.action == GDB_ACT_STOP && g->attached)
		park(g, cpu);
	action = g->attached ? cpu->dbg.action : GDB_ACT_CONT;
	gdb_back_to_rank(g, cpu, action);
	pthread_mutex_unlock(&g->lock);
	if (action == GDB_ACT_STEP)
		return GDB_RUN_STEP;
	return g->nwatches ? GDB_RUN_WATCHED : GDB_RUN;
}

/* Posts the vCPU's stop (the stop reply gdb gets, given its thread) and holds the vCPU until gdb
 * resumes it; returns the signal gdb resumed it with, or -1 when no gdb is attached. A stop
 * already in progress is told first: this one waits for the resume and is told next. */
static int __attribute__((format(printf, 2, 3))) report(struct rvx_vcpu *cpu, const char *fmt, ...)
{
	struct rvx_gdb *g = cpu->m->gdb;
	va_list ap;
	int sig, n;
	/* a forked child's lock may have been taken at the fork; a stand-in has no gdb to tell */
	if (cpu->vfork_child || !g->attached || g->stand_in)
		return -1;
	pthread_mutex_lock(&g->lock);
	for (;;) {
		take_default(g, cpu);
		if (!g->attached) {
			pthread_mutex_unlock(&g->lock);
			return -1;
		}
		if (!g->have_event && cpu->dbg.action != GDB_ACT_STOP)
			break;
		park(g, cpu);
	}
	va_start(ap, fmt);
	n = vsnprintf(g->event, sizeof g->event - 24, fmt, ap);
	va_end(ap);
	snprintf(g->event + n, 24, "thread:%x;", cpu->tid);
	g->event_tid = cpu->tid;
	g->have_event = true;
	cpu->dbg.action = GDB_ACT_STOP;
	cpu->dbg.sig = 0;
	wake_server(g);
	while (cpu->dbg.action == GDB_ACT_STOP && g->attached)
		park(g, cpu);
	sig = g->attached ? cpu->dbg.sig : -1;
	cpu->dbg.sig = 0;
	pthread_mutex_unlock(&g->lock);
	return sig;
}

bool gdb_break_in(const struct rvx_gdb *g, uint64_t lo, uint64_t hi)
{
	for (int i = 0; i < g->nbreaks; i++)
		if (g->breaks[i] >= lo && g->breaks[i] < hi)
			return true;
	return false;
}

bool gdb_break_at(const struct rvx_gdb *g, uint64_t pc)
{
	return gdb_break_in(g, pc, pc + 1);
}

bool gdb_breakpoint_hit(struct rvx_vcpu *cpu)
{
	struct rvx_gdb *g = cpu->m->gdb;
	if (g->stand_in) { /* reached again at the master, where gdb is */
		if (g->attached)
			gdb_to_master(cpu, GDB_TO_EVENT);
		return g->attached;
	}
	return report(cpu, "T05%s", g->swbreak ? "swbreak:;" : "") >= 0;
}

/* The first watchpoint the access [addr, addr+len) of this kind hits, or NULL. */
static const struct gdb_watch *watch_hit(const struct rvx_gdb *g, uint64_t addr, uint64_t len, unsigned kind)
{
	for (int i = 0; i < g->nwatches; i++) {
		const struct gdb_watch *w = &g->watches[i];
		if ((w->kind & kind) && addr < w->addr + w->len && w->addr < addr + len)
			return w;
	}
	return NULL;
}

bool gdb_watchpoint_hit(struct rvx_vcpu *cpu, uint64_t addr, unsigned len, unsigned kind)
{
	struct rvx_gdb *g = cpu->m->gdb;
	const struct gdb_watch *w;
	uint64_t at = addr;
	const char *what = "";
	if (!g->attached || g->stand_in) /* threads stay at the master while watchpoints are set */
		return false;
	pthread_mutex_lock(&g->lock);
	w = watch_hit(g, addr, len, kind);
	if (w) {
		at = addr > w->addr ? addr : w->addr; /* gdb wants an address inside the watched range */
		what = w->kind == RV_ACC_STORE ? "watch" : w->kind == RV_ACC_LOAD ? "rwatch" : "awatch";
	}
	pthread_mutex_unlock(&g->lock);
	return w && report(cpu, "T05%s:%llx;", what, (unsigned long long)at) >= 0;
}

void gdb_step_done(struct rvx_vcpu *cpu)
{
	struct rvx_gdb *g = cpu->m->gdb;
	bool stepped;
	cpu->dbg.ran_one = false;
	if (!g->attached || g->stand_in)
		return;
	pthread_mutex_lock(&g->lock);
	stepped = cpu->dbg.action == GDB_ACT_STEP;
	pthread_mutex_unlock(&g->lock);
	if (stepped)
		report(cpu, "T05");
}

int gdb_signal(struct rvx_vcpu *cpu, int sig, bool sync)
{
	struct rvx_gdb *g = cpu->m->gdb;
	int to;
	if (!sync && cpu->dbg.reported_sig == sig) { /* seen when the instruction raised it */
		cpu->dbg.reported_sig = 0;
		return sig;
	}
	if (!g->attached || (g->pass_signals & SIGBIT(sig)))
		return sig;
	if (g->stand_in) { /* taken at the master: a fault happens again there, a signal goes with it */
		if (!sync)
			cpu->pending |= SIGBIT(sig);
		gdb_to_master(cpu, GDB_TO_EVENT);
		return 0;
	}
	to = report(cpu, "T%02x", gdb_signal_to_gdb(sig));
	if (to < 0)
		return sig;
	if (sync && to == sig)
		cpu->dbg.reported_sig = sig;
	return to;
}

void gdb_syscall(struct rvx_vcpu *cpu, bool entry)
{
	struct rvx_gdb *g = cpu->m->gdb;
	uint64_t nr = cpu->x[17];
	bool caught = false;
	if (!g->attached || !g->catch_syscalls || g->stand_in)
		return;
	pthread_mutex_lock(&g->lock);
	caught = g->ncatch == 0;
	for (int i = 0; i < g->ncatch && !caught; i++)
		caught = g->catch[i] == nr;
	pthread_mutex_unlock(&g->lock);
	if (caught)
		report(cpu, "T05%s:%llx;", entry ? "syscall_entry" : "syscall_return", (unsigned long long)nr);
}

void gdb_process_end(struct rvx_machine *m, int status, int sig)
{
	struct rvx_gdb *g = m->gdb;
	struct timespec until;
	if (!g || !g->attached || g->stand_in)
		return;
	pthread_mutex_lock(&g->lock);
	if (sig)
		snprintf(g->end, sizeof g->end, "X%02x", gdb_signal_to_gdb(sig));
	else
		snprintf(g->end, sizeof g->end, "W%02x", status & 255);
	g->end_posted = true;
	wake_server(g);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5; /* a gdb that stopped reading does not hold the exit for long */
	while (!g->end_sent && g->attached && pthread_cond_timedwait(&g->cond, &g->lock, &until) != ETIMEDOUT)
		;
	pthread_mutex_unlock(&g->lock);
}

/* Every vCPU is parked or in a syscall (where it parks before it runs guest code again); a vfork
 * child is another process, not debugged. */
static bool all_stopped(struct rvx_gdb *g)
{
	struct rvx_machine *m = g->m;
	bool all = true;
	pthread_mutex_lock(&m->lock);
	for (struct rvx_vcpu *t = m->threads; t && all; t = t->next)
		all = gdb_thread_stopped(g, t);
	pthread_mutex_unlock(&m->lock);
	return all;
}

void gdb_stop_all(struct rvx_gdb *g)
{
	struct rvx_machine *m = g->m;
	unsigned waits = 0;
	g->default_action = GDB_ACT_STOP;
	pthread_mutex_lock(&m->lock);
	for (struct rvx_vcpu *t = m->threads; t; t = t->next) {
		t->dbg.action = GDB_ACT_STOP;
		if (gdb_thread_here(g, t)) /* (another rank's comes here and parks) */
			__atomic_store_n(&t->interrupt, 1, __ATOMIC_SEQ_CST); /* out of translated code */
	}
	pthread_mutex_unlock(&m->lock);
	while (!all_stopped(g) && !g->end_posted) { /* a thread ending the process does not park */
		struct timespec until;
		if (waits++ % 25 == 0) /* and again each 50 ms: one may have been on its way elsewhere */
			cluster_gdb_bring_home(m);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 2000000; /* a thread entering a syscall does not say so */
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&g->cond, &g->lock, &until);
	}
}

struct rvx_vcpu *gdb_find_thread(struct rvx_gdb *g, int tid)
{
	struct rvx_machine *m = g->m;
	struct rvx_vcpu *t, *found = NULL;
	pthread_mutex_lock(&m->lock);
	for (t = m->threads; t && !found; t = t->next)
		if (!t->vfork_child && (t->tid == tid || (tid <= 0 && t == m->cpu)))
			found = t;
	for (t = m->threads; t && !found && tid <= 0; t = t->next)
		if (!t->vfork_child)
			found = t;
	pthread_mutex_unlock(&m->lock);
	return found;
}
