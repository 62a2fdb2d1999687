/* Cluster mode: the threads of one guest process on several ranks (DESIGN.md, CLUSTER.md).
 * The other layers call in at a few places: the syscall table's local/global column
 * (delegation), thread creation (placement), process exit, fork and exec, the address space's
 * change hook (coherent mappings), and the signal layer (masks, actions, and faults that may be
 * a mapping still on its way). Nothing here runs unless m->cluster is set. */
#ifndef RVX_CLUSTER_H
#define RVX_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../machine.h"

struct cl_transport;

/* Placement policies for new threads. */
enum cl_place { PLACE_ROUNDROBIN, PLACE_FILL, PLACE_LIST, PLACE_GROUPS };

/* The protocol's optimisations, each on unless --cluster-opt turns it off (but split, off unless
 * asked for). */
enum cl_opt {
	CL_OPT_FORWARD = 1, /* a reader's sequential misses make the home push the next pages */
	CL_OPT_PLACE = 2,   /* threads that share pages across ranks move to one rank */
	CL_OPT_SPREAD = 4,  /* each 1 MiB of guest memory has its directory on a rank of its own */
	CL_OPT_SPLIT = 8,   /* a page written by several ranks at disjoint places is split in units */
};

struct cl_options {
	enum cl_place place;
	int *place_list; /* PLACE_LIST: the rank of thread 1, 2, ... (the main thread is 0's) */
	int nplace_list;
	int group_size; /* PLACE_GROUPS: threads 1..N are one group, N+1..2N the next, ... */
	unsigned off;   /* CL_OPT_* bits turned off */
};

/* Parses --cluster-place's value; false with a sentence in err when it is not one. */
bool cluster_parse_place(const char *s, struct cl_options *o, char *err, size_t errlen);
/* Parses --cluster-opt's value (all, none, or names each turned on, or off with a "no-" before
 * it, left to right) into o->off; false with a sentence in err when it is not one. */
bool cluster_parse_opt(const char *s, struct cl_options *o, char *err, size_t errlen);

/* Prepares the machine before the master loads the program (every mapping anonymous, so that
 * pages can move). */
int cluster_attach(struct rvx_machine *m, struct cl_transport *t, const struct cl_options *o);
/* The master: serves the other ranks and runs the loaded program; returns its exit status
 * only if it cannot start. Another rank: runs the threads the master sends until the process
 * ends. Neither returns once the guest runs: the process ends with the guest's. */
int cluster_run(struct rvx_machine *m);

/* The master could not load the program: the other ranks end, then the link. */
void cluster_abandon(struct rvx_machine *m);

/* A global syscall on a rank other than the master: runs at the master for this thread, and
 * returns its result (an exit ends the calling thread here). */
long cluster_delegate(struct rvx_vcpu *cpu, uint64_t nr, const uint64_t *a);
/* At the master: the child of clone goes where the placement says: returns its thread id (a
 * proxy here stands for it), 0 when it is to run on this rank, or -errno. */
long cluster_place_thread(struct rvx_vcpu *parent, struct rvx_vcpu *child);
/* Starts the placed child on its rank, once its ids are stored. */
void cluster_start_remote(struct rvx_vcpu *child);
/* rvx --cluster-selftest on every rank: measures the link and remote page faults, and prints
 * the figures (rank 1). Returns the exit status, or an RVX_E_* code when it cannot start. */
int cluster_selftest(struct rvx_machine *m);

/* The guest process ends with status, or with the signal sig != 0. At the master: every other
 * rank ends, then the link; the caller then ends this process. Elsewhere: the master is told
 * and ends every rank; it does not return. */
void cluster_end(struct rvx_machine *m, int status, int sig);
/* At the master: the guest changed sig's action; every rank follows before it returns. */
void cluster_sigaction_changed(struct rvx_machine *m, int sig);
/* At the master, before a fork or exec: fetches every page the master does not hold, so that
 * the new process has all of the guest's memory; until cluster_thaw no other rank can take a
 * page away (their requests wait). */
void cluster_gather(struct rvx_machine *m);
void cluster_thaw(struct rvx_machine *m);
/* In a fork's child: the child is an ordinary process of one machine. */
void cluster_forget(struct rvx_machine *m);

/* A thread on a rank other than the master changed its blocked signals (from old), or its
 * robust list (which the master walks when the thread ends): the master's copy follows,
 * unwaited, but for a mask that unblocks a signal: a signal for the thread that waited at the
 * master is then here before this returns (as a pending one is taken before sigprocmask
 * returns). */
void cluster_mask_changed(struct rvx_vcpu *cpu, uint64_t old);
void cluster_robust_changed(struct rvx_vcpu *cpu);

/* A guest fault on a rank other than the master may be a mapping the master made that has not
 * arrived yet: true when it asked the master (whose answer follows its mappings) and the
 * instruction should run again; false when it is the guest's fault. */
bool cluster_fault_retry(struct rvx_vcpu *cpu, uint64_t addr);

/* The thread ran the group hint (rv_is_group_hint): it joins that group, whose threads share
 * a rank (the master gives each new group one, round-robin); it moves there at its next safe
 * point if it is elsewhere. */
void cluster_join_group(struct rvx_vcpu *cpu, int group);
/* At a safe point, the thread moves to the rank cpu->migrate_to - 1: its state goes there and
 * this host thread stands for it at the master (a proxy), or ends elsewhere. Returns only if it
 * stays. */
void cluster_migrate(struct rvx_vcpu *cpu);

/* Page splitting (split.c). A guest fault at addr: true when it was a split page's (the
 * instruction runs again, its accesses then going to the shadow pages; one that cannot, a second
 * time at the same place, joins the page first) or a stale shadow access. */
bool cluster_split_fault(struct rvx_vcpu *cpu, uint64_t addr);
/* A fault in translated code that did the work of several instructions at once, which the
 * interpreter runs again one by one: the first looks split pages up from now on if addr is in one
 * (translated alone, the others fault on their own). */
void cluster_split_replayed(struct rvx_vcpu *cpu, uint64_t addr);
/* A fault of rvx's own code (a syscall's copy, a signal frame) at addr: true when addr is in a
 * split page, which is joined before this returns (the access then runs again). */
bool cluster_split_host_fault(struct rvx_vcpu *cpu, uint64_t addr);
/* Joins the split pages in [addr, addr+len) before a mapping change there, or all of them when a
 * syscall failed with EFAULT (the kernel cannot reach a split page); true if there were any. */
bool cluster_split_join_range(struct rvx_machine *m, uint64_t addr, uint64_t len);
/* Before a syscall: the split pages under its pointer arguments (kinds: the syscall table's
 * argument letters, 'p' for a pointer; the page each points into and the next) are joined, as
 * the kernel cannot reach them. At the master, where the calls that block run, those pages are
 * also pinned until cluster_split_unpin: none is split while the call waits, since a kernel write
 * failing after the call acted (a child reaped, a datagram or an eventfd count taken) could
 * not be undone. */
#define SPLIT_ARG_PAGES 12 /* six arguments, two pages each */
struct split_pins {
	int n;
	uint64_t page[SPLIT_ARG_PAGES];
};
void cluster_split_join_args(struct rvx_machine *m, const char *kinds, const uint64_t *a, struct split_pins *pins);
void cluster_split_unpin(struct rvx_machine *m, const struct split_pins *pins);
/* Before a mapping change of [addr, addr+len) (a fork or exec: all of it, cluster_gather): the
 * pages there that are split or being split are joined, and no page is split until as many
 * cluster_split_release as holds (a split decided meanwhile would find its mapping changed). */
void cluster_split_hold(struct rvx_machine *m, uint64_t addr, uint64_t len);
void cluster_split_release(struct rvx_machine *m);
/* The translator: the accesses of the instruction at pc look split pages up (it faulted on one);
 * how many instructions' do. */
bool cluster_split_aware(const struct rvx_machine *m, uint64_t pc);
uint32_t cluster_split_aware_count(const struct rvx_machine *m);

/* gdb in cluster mode (src/gdb/ranks.c): the stub is at the master, and a thread comes there
 * whenever gdb is to see it. Where a thread the master knows is: on this rank, on another rank
 * running, or on another rank blocked in a syscall the master runs for it (stopped, for gdb). */
enum cl_where { CL_HERE, CL_AWAY, CL_AWAY_IN_CALL };
enum cl_where cluster_thread_where(struct rvx_machine *m, const struct rvx_vcpu *cpu);
/* At the master: each thread on another rank comes here at its next safe point. */
void cluster_gdb_bring_home(struct rvx_machine *m);
/* At the master: every other rank takes gdb's breakpoints (n of them), the signals it passes
 * silently (bit sig-1), whether it is attached, and whether threads are to run at the master only. */
void cluster_gdb_state(struct rvx_machine *m, const uint64_t *breaks, int n, uint64_t pass, bool attached,
		       bool master_only);

/* This rank is the master (or there is no cluster). */
bool cluster_is_master(const struct rvx_machine *m);
/* This rank's number, or -1 when there is no cluster. */
int cluster_rank(const struct rvx_machine *m);

#endif
