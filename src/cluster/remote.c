/* Threads on other ranks: placement, the master's proxies that run their global syscalls,
 * starting and ending them, and the start and end of the whole cluster process. */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../engine/engine.h"
#include "../gdb/gdb.h"
#include "../jit/x86-64/jit.h"
#include "../linux/safe_syscall.h"
#include "../linux/signal.h"
#include "../linux/syscall.h"
#include "../linux/thread.h"
#include "../plugin/plugin.h"
#include "internal.h"

#define HELLO_TIMEOUT_S 60
#define PROXY_NICE      (-10)

bool cluster_is_master(const struct rvx_machine *m)
{
	return !m->cluster || m->cluster->rank == MASTER;
}

int cluster_rank(const struct rvx_machine *m)
{
	return m->cluster ? m->cluster->rank : -1;
}

bool cluster_parse_opt(const char *s, struct cl_options *o, char *err, size_t errlen)
{
	static const struct {
		const char *name;
		unsigned bit;
	} opts[] = {{"forward", CL_OPT_FORWARD},
		    {"place", CL_OPT_PLACE},
		    {"spread", CL_OPT_SPREAD},
		    {"split", CL_OPT_SPLIT},
		    {"all", ~0u}};
	const char *p = s;
	do {
		size_t len = strcspn(p, ",");
		bool no = len > 3 && !strncmp(p, "no-", 3), found = false;
		const char *name = no ? p + 3 : p;
		size_t nlen = no ? len - 3 : len;
		if (nlen == 4 && !strncmp(name, "none", 4) && !no) {
			o->off = ~0u;
			found = true;
		}
		for (size_t i = 0; i < sizeof opts / sizeof opts[0] && !found; i++)
			if (strlen(opts[i].name) == nlen && !strncmp(name, opts[i].name, nlen)) {
				o->off = no ? o->off | opts[i].bit : o->off & ~opts[i].bit;
				found = true;
			}
		if (!found || !len) {
			snprintf(err, errlen,
				 "--cluster-opt wants all, none, or optimisations (forward, place, spread, split) each "
				 "with no- to "
				 "turn it off, like no-forward, not '%s'",
				 s);
			return false;
		}
		p += len + (p[len] == ',');
	} while (*p);
	return true;
}

bool cluster_parse_place(const char *s, struct cl_options *o, char *err, size_t errlen)
{
	unsigned off = o->off;
	memset(o, 0, sizeof *o);
	o->off = off;
	if (!strcmp(s, "roundrobin"))
		return true;
	if (!strcmp(s, "fill")) {
		o->place = PLACE_FILL;
		return true;
	}
	if (!strncmp(s, "groups:", 7)) {
		char *end;
		long n = strtol(s + 7, &end, 10);
		if (end == s + 7 || *end || n < 1 || n > 1 << 20) {
			snprintf(err, errlen,
				 "--cluster-place groups:N wants N, the threads of a group, from 1, not '%s'", s);
			return false;
		}
		o->place = PLACE_GROUPS;
		o->group_size = (int)n;
		return true;
	}
	o->place = PLACE_LIST;
	for (const char *p = s; *p;) {
		char *end;
		long r = strtol(p, &end, 10);
		int *n;
		if (end == p || r < 0 || r >= CL_MAX_RANKS || (*end && *end != ',')) {
			snprintf(
			    err, errlen,
			    "--cluster-place wants roundrobin, fill, groups:N or a list of ranks like 1,1,2, not '%s'",
			    s);
			free(o->place_list);
			o->place_list = NULL;
			return false;
		}
		n = realloc(o->place_list, (size_t)(o->nplace_list + 1) * sizeof *n);
		if (!n)
			return false;
		o->place_list = n;
		o->place_list[o->nplace_list++] = (int)r;
		p = *end ? end + 1 : end;
	}
	return o->nplace_list > 0;
}

/* The rank of the next thread (thread 0 is main, at the master). */
static int choose_rank(struct cluster *c)
{
	unsigned k = ++c->nspawned;
	if (c->opt.place == PLACE_LIST && k <= (unsigned)c->opt.nplace_list)
		return c->opt.place_list[k - 1] < c->size ? c->opt.place_list[k - 1] : 0;
	if (c->opt.place == PLACE_GROUPS)
		return (int)((k - 1) / (unsigned)c->opt.group_size % (unsigned)c->size);
	if (c->opt.place == PLACE_FILL) {
		unsigned seen = 0;
		for (int r = 0; r < c->size; r++) {
			seen += (unsigned)(c->cores[r] > 0 ? c->cores[r] : 1);
			if (k < seen)
				return r;
		}
	}
	return (int)(k % (unsigned)c->size);
}

static void reply(struct cluster *c, const struct cl_proxy *p, uint64_t txn, int64_t result, bool ended)
{
	struct cl_msg msg = {.type = MSG_SYSCALL_RET, .txn = txn, .thread = p->cpu->tid};
	msg.arg[0] = (uint64_t)result;
	msg.arg[1] = ended;
	cl_post(c, __atomic_load_n(&p->rank, __ATOMIC_ACQUIRE), &msg);
}

/* The proxy has something to do (a call, a mask, the thread's return). */
static void ring_proxy(struct cl_proxy *p)
{
	__atomic_add_fetch(&p->bell, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &p->bell, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* The proxy stands for its thread no more (it ended, or came back to the master). It is kept,
 * not freed: the service may still hold it from a lookup just before (a signal on its way, a
 * mask), and what it does with it then is harmless (a signal sent to where the thread was
 * comes back to the master and finds it here). */
static void retire_proxy(struct cluster *c, struct cl_proxy *p)
{
	pthread_mutex_lock(&c->proxy_lock);
	for (struct cl_proxy **q = &c->proxies; *q; q = &(*q)->next) {
		if (*q == p) {
			*q = p->next;
			break;
		}
	}
	p->next = c->retired_proxies;
	c->retired_proxies = p;
	pthread_mutex_unlock(&c->proxy_lock);
	free(p->state); /* only the proxy's own thread uses it, and this is that thread */
	p->state = NULL;
}

/* Signals that came to the proxy (tgkill to the thread's id, or a signal for the process)
 * go to the thread on its rank, before the answer of the syscall they interrupted. */
static void forward_signals(struct cluster *c, const struct cl_proxy *p)
{
	struct rvx_vcpu *cpu = p->cpu;
	uint64_t pending = __atomic_exchange_n(&cpu->pending, 0, __ATOMIC_SEQ_CST);
	cpu->interrupt = 0;
	for (int sig = 1; pending; sig++, pending >>= 1) {
		struct cl_msg msg = {.type = MSG_SIGNAL, .thread = cpu->tid};
		if (!(pending & 1))
			continue;
		wire_put_siginfo(&msg, &cpu->pending_info[sig]);
		cl_post(c, __atomic_load_n(&p->rank, __ATOMIC_ACQUIRE), &msg);
		host_sigmask(SIG_UNBLOCK, SIGBIT(sig), NULL); /* the handler left it blocked here */
	}
}

/* The thread comes back to the master: this proxy's host thread runs it again. */
static _Noreturn void arrive(struct cluster *c, struct cl_proxy *p)
{
	struct rvx_vcpu *cpu = p->cpu;
	sigjmp_buf *back = p->back;
	bool ok = wire_get_thread(p->arrive, p->arrive_len, cpu);
	free(p->arrive);
	p->arrive = NULL;
	retire_proxy(c, p);
	if (!ok) {
		fprintf(stderr, "rvx: cluster: thread %d cannot come back to the master\n", cpu->tid);
		c->t->abort(c->t, 70);
	}
	cl_plain_thread(c->guest_nice);
	if (cpu->pending)
		cpu->interrupt = 1;
	signal_set_mask(cpu, cpu->sigmask);
	plugins_vcpu_init(cpu);
	if (back) /* into the run loop it left from */
		siglongjmp(*back, 1);
	engine_run(cpu); /* a thread that started elsewhere: its first run here */
	abort();         /* the run loop ends only through the thread's exit */
}

static void *proxy_main(void *arg)
{
	struct cl_proxy *p = arg;
	struct rvx_vcpu *cpu = p->cpu;
	struct cluster *c = cpu->m->cluster;
	sigjmp_buf done;
	if (sigsetjmp(done, 0))
		return NULL;
	cpu->host_exit = &done;
	rvx_current_vcpu = cpu;
	cl_prompt_thread(PROXY_NICE); /* the thread waits for it */
	for (;;) {
		uint64_t a[6], nr, txn;
		long r;
		for (;;) {
			uint32_t bell = __atomic_load_n(&p->bell, __ATOMIC_ACQUIRE);
			/* the mask the thread had when it made the call: its messages come in order */
			if (__atomic_exchange_n(&p->mask_dirty, 0, __ATOMIC_SEQ_CST)) {
				uint64_t txn = __atomic_exchange_n(&p->mask_txn, 0, __ATOMIC_SEQ_CST);
				/* a signal it unblocks is caught here now, and goes before the answer */
				host_sigmask(SIG_SETMASK, __atomic_load_n(&p->mask, __ATOMIC_SEQ_CST) & ~FAULT_SIGNALS,
					     NULL);
				if (cpu->pending)
					forward_signals(c, p);
				if (txn) {
					struct cl_msg ack = {.type = MSG_SIGMASK_ACK, .txn = txn};
					cl_post(c, __atomic_load_n(&p->rank, __ATOMIC_ACQUIRE), &ack);
				}
			}
			if (cpu->pending) /* caught before this thread waits */
				forward_signals(c, p);
			if (__atomic_load_n(&p->posted, __ATOMIC_ACQUIRE))
				break;
			SAFE_SYSCALL(cpu, SYS_futex, &p->bell, FUTEX_WAIT_PRIVATE, bell, NULL, NULL, 0);
			if (cpu->pending)
				forward_signals(c, p);
		}
		__atomic_store_n(&p->posted, 0, __ATOMIC_RELAXED);
		if (p->req.type == MSG_MIGRATE)
			arrive(c, p); /* does not return */
		memcpy(a, p->req.arg, sizeof a);
		nr = p->req.arg[6];
		txn = p->req.txn;
		if (p->req.len == CL_REGS_BYTES)
			wire_get_regs(p->regs, cpu);
		else if (p->req.len && !wire_get_thread(p->state, p->req.len, cpu))
			c->t->abort(c->t, 70); /* every rank runs the same build with the same -cpu */
		memcpy(&cpu->x[10], a, sizeof a);
		cpu->x[17] = nr;
		__atomic_store_n(&p->in_call, 1, __ATOMIC_RELEASE);
		if (nr == SYSCALL_NR_EXIT) {
			retire_proxy(c, p);
			reply(c, p, txn, 0, true);
			thread_exit(cpu, (int)a[0]);
		}
		r = syscall_run(cpu, nr, a);
		__atomic_store_n(&p->in_call, 0, __ATOMIC_RELEASE);
		if (!cpu->m->cluster) { /* the child of a fork: it runs the thread here, alone */
			if (r != 0) {
				cpu->x[10] = (uint64_t)r;
				cpu->pc += 4;
			}
			engine_run(cpu);
		}
		if (cpu->pending)
			forward_signals(c, p);
		reply(c, p, txn, r, false);
	}
}

long cluster_place_thread(struct rvx_vcpu *parent, struct rvx_vcpu *child)
{
	struct cluster *c = parent->m->cluster;
	struct cl_proxy *p;
	pthread_t th;
	int rank, r;

	pthread_mutex_lock(&c->proxy_lock);
	rank = choose_rank(c);
	pthread_mutex_unlock(&c->proxy_lock);
	if (rank == MASTER || (parent->m->gdb && gdb_keeps_threads_here(parent->m->gdb)))
		return 0;
	p = calloc(1, sizeof *p);
	if (!p)
		return -ENOMEM;
	p->cpu = child;
	p->rank = rank;
	p->mask = child->sigmask;
	p->mask_dirty = 1;
	r = thread_spawn(proxy_main, p, &th);
	if (r < 0) {
		free(p);
		return r;
	}
	child->tid = thread_host_tid(th);
	pthread_mutex_lock(&c->proxy_lock);
	p->next = c->proxies;
	c->proxies = p;
	pthread_mutex_unlock(&c->proxy_lock);
	return child->tid;
}

void cluster_start_remote(struct rvx_vcpu *child)
{
	struct cluster *c = child->m->cluster;
	uint8_t state[CL_THREAD_BYTES_MAX];
	struct cl_msg msg = {.type = MSG_THREAD_START, .thread = child->tid, .payload = state};
	struct cl_proxy *p;
	int rank = MASTER;
	pthread_mutex_lock(&c->proxy_lock);
	for (p = c->proxies; p; p = p->next)
		if (p->cpu == child)
			rank = p->rank;
	pthread_mutex_unlock(&c->proxy_lock);
	msg.len = (uint32_t)wire_put_thread(state, child);
	cl_post_then(c, rank, &msg, CL_POSTER_GOES_ON);
}

/* --- a rank other than the master --- */

static void *remote_thread_main(void *arg)
{
	struct rvx_vcpu *cpu = arg;
	cpu->host_tid = (int)gettid();
	/* it inherited the service thread's precedence, which it must not take from it */
	cl_plain_thread(cpu->m->cluster->guest_nice);
	thread_run(cpu);
	return NULL;
}

/* The service never waits for the machine's lock: a thread holding it may be waiting for the
 * service (a mapping change at the master, a robust list read from a page elsewhere). What
 * needs the lock and cannot have it now is done again at the next round. */
static bool with_threads(struct cluster *c)
{
	return pthread_mutex_trylock(&c->m->lock) == 0;
}

/* Threads in translated code leave it for the dispatcher at their next block. Only they: the
 * others pass the dispatcher before they run translated code, and a proxy thread waiting for
 * its thread's next call, which nothing else clears `interrupt` for, would spin. */
void cl_kick(struct cluster *c)
{
	struct rvx_vcpu *t;
	if (!c->kick_pending || !with_threads(c))
		return;
	for (t = c->m->threads; t; t = t->next)
		if (__atomic_load_n(&t->in_code, __ATOMIC_SEQ_CST))
			__atomic_store_n(&t->interrupt, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&c->m->lock);
	c->kick_pending = false;
}

/* A signal the master forwards: the thread's host thread gets the same signal, which rvx's
 * handler notes with the information it had at the master (a kill or tgkill there). A signal
 * for the process that finds the thread blocking it goes back to the master, whose kernel then
 * picks another thread, as a signal for the process is never lost to one that blocks it. False
 * when it must be tried again (the machine's lock is taken, the thread is still starting). */
static struct cl_proxy *find_proxy(struct cluster *c, int tid);

/* At the master: a signal for the process, which its kernel gives to a thread that takes it */
static void process_signal(int sig, siginfo_t *si)
{
	/* the kernel lets only the main thread forge a kill's information: else a plain kill,
	 * whose sender is this process, as it was for a guest's own kill */
	if (syscall(SYS_rt_sigqueueinfo, getpid(), sig, si) != 0)
		kill(getpid(), sig);
}

static bool remote_signal(struct cluster *c, const struct cl_msg *msg)
{
	struct rvx_vcpu *t;
	siginfo_t si;
	int host_tid = -1, sig;
	bool bounce = false;
	wire_get_siginfo(msg, &si);
	sig = si.si_signo;
	if (sig <= 0 || sig >= RVX_NSIG)
		return true;
	if (c->rank == MASTER && msg->arg[7]) { /* its thread moved: on to where it is now */
		struct cl_proxy *p = find_proxy(c, msg->thread);
		if (p) {
			struct cl_msg on = *msg;
			on.arg[7] = 0;
			cl_send(c, __atomic_load_n(&p->rank, __ATOMIC_ACQUIRE), &on);
			return true;
		}
		/* here (its host thread's id is its own): noted for it below, as on any rank, and sent
		 * by a plain tgkill (the kernel lets a thread forge a tgkill's information only for
		 * itself) */
	} else if (c->rank == MASTER) { /* back from a thread that blocks it */
		process_signal(sig, &si);
		return true;
	}
	if (!with_threads(c))
		return false;
	for (t = c->m->threads; t; t = t->next) {
		if (t->tid != msg->thread)
			continue;
		/* the master's threads have their host thread's id */
		host_tid = c->rank == MASTER ? t->tid : __atomic_load_n(&t->host_tid, __ATOMIC_ACQUIRE);
		if (si.si_code != SI_TKILL && (t->sigmask & SIGBIT(sig))) {
			bounce = true;
		} else if (host_tid > 0) {
			t->forwarded_info[sig] = si;
			__atomic_fetch_or(&t->forwarded, SIGBIT(sig), __ATOMIC_RELEASE);
		}
	}
	pthread_mutex_unlock(&c->m->lock);
	if (c->rank == MASTER && (bounce || host_tid < 0)) { /* blocked now, or it ended */
		if (bounce)
			process_signal(sig, &si);
		return true;
	}
	if (bounce || host_tid < 0) {
		struct cl_msg back = *msg;
		back.arg[7] = host_tid < 0; /* not here: it moved (or ended) */
		cl_send(c, MASTER, &back);
		return true;
	}
	if (host_tid == 0)
		return false;
	if (host_tid > 0)
		syscall(SYS_tgkill, getpid(), host_tid, sig);
	return true;
}

/* The master asks a thread here to move: it does at its next safe point. False when it must be
 * tried again (the machine's lock is taken). */
static bool move_thread(struct cluster *c, const struct cl_msg *msg)
{
	if (!with_threads(c))
		return false;
	for (struct rvx_vcpu *t = c->m->threads; t; t = t->next)
		if (t->tid == msg->thread) {
			if (msg->arg[1])
				t->dbg.to_master = GDB_TO_STOP;
			__atomic_store_n(&t->migrate_to, (int)msg->arg[0] + 1, __ATOMIC_SEQ_CST);
			__atomic_store_n(&t->interrupt, 1, __ATOMIC_SEQ_CST);
		}
	pthread_mutex_unlock(&c->m->lock);
	return true;
}

static void later(struct cluster *c, const struct cl_msg *msg)
{
	struct cl_out *o = cl_out_new(msg, msg->src);
	if (!o)
		c->t->abort(c->t, 70);
	cl_queue_push(&c->later, o);
}

bool remote_retry(struct cluster *c)
{
	bool any = false;
	cl_kick(c);
	while (c->later.head) {
		struct cl_msg msg;
		if (!wire_decode(c->later.head->bytes, c->later.head->len, &msg))
			;
		else if (msg.type == MSG_SIGMASK_ACK)
			cl_wait_answer(c, (struct cl_wait *)(uintptr_t)msg.txn, 0, 0);
		else if (msg.type == MSG_MOVE) {
			if (!move_thread(c, &msg))
				break;
		} else if (!remote_signal(c, &msg))
			break;
		free(cl_queue_pop(&c->later));
		any = true;
	}
	return any;
}

static void remote_thread_start(struct cluster *c, const struct cl_msg *msg)
{
	struct rvx_vcpu *cpu = machine_vcpu_new(c->m, NULL);
	pthread_t th;
	if (!cpu || !wire_get_thread(msg->payload, msg->len, cpu)) {
		fprintf(stderr, "rvx: cluster rank %d: cannot start thread %d\n", c->rank, msg->thread);
		c->t->abort(c->t, 70);
	}
	cpu->tid = msg->thread;
	machine_add_thread(c->m, cpu);
	if (thread_spawn(remote_thread_main, cpu, &th) < 0) {
		fprintf(stderr, "rvx: cluster rank %d: cannot start thread %d\n", c->rank, msg->thread);
		c->t->abort(c->t, 70);
	}
}

/* The thread's exit ran at the master: it ends here too. */
static _Noreturn void remote_thread_end(struct rvx_vcpu *cpu)
{
	struct rvx_machine *m = cpu->m;
	uint64_t all = ~0ull;
	plugins_vcpu_exit(cpu);
	host_sigmask(SIG_SETMASK, all, NULL);
	machine_remove_thread(m, cpu);
	__atomic_sub_fetch(&m->nthreads, 1, __ATOMIC_SEQ_CST);
	thread_leave(cpu);
}

long cluster_delegate(struct rvx_vcpu *cpu, uint64_t nr, const uint64_t *a)
{
	struct cluster *c = cpu->m->cluster;
	uint8_t state[CL_THREAD_BYTES_MAX];
	struct cl_msg msg = {.type = MSG_SYSCALL, .thread = cpu->tid, .payload = state};
	struct cl_wait w;
	uint64_t t0 = cl_now_ns();

	cl_wait_init(&w, 1);
	msg.txn = (uint64_t)(uintptr_t)&w;
	memcpy(msg.arg, a, 6 * sizeof *a);
	msg.arg[6] = nr;
	if (cpu->m->gdb) { /* gdb at the master sees the thread as it is while the call blocks */
		msg.len = (uint32_t)wire_put_thread(state, cpu);
	} else if (nr == SYSCALL_NR_CLONE || nr == SYSCALL_NR_CLONE3) { /* the child starts from this state */
		wire_put_regs(state, cpu);
		msg.len = CL_REGS_BYTES;
	}
	cl_post(c, MASTER, &msg);
	cl_wait_for(&w);
	__atomic_add_fetch(&c->stats.delegated, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&c->stats.delegated_ns, cl_now_ns() - t0, __ATOMIC_RELAXED);
	if (nr < 512)
		__atomic_add_fetch(&c->stats.syscalls_by_nr[nr], 1, __ATOMIC_RELAXED);
	if (w.ended)
		remote_thread_end(cpu);
	return (long)w.result;
}

/* --- groups and migration --- */

/* The master: group's rank, given to each new group round-robin (under proxy_lock). */
static int group_rank(struct cluster *c, int group)
{
	int *r;
	if (!c->group_rank) {
		c->group_rank = malloc(4096 * sizeof *c->group_rank);
		if (!c->group_rank)
			return MASTER;
		for (int i = 0; i < 4096; i++)
			c->group_rank[i] = -1;
	}
	r = &c->group_rank[(group + 2048) & 4095];
	if (*r < 0)
		*r = (int)(c->ngroups++ % (unsigned)c->size);
	return *r;
}

void cluster_join_group(struct rvx_vcpu *cpu, int group)
{
	struct cluster *c = cpu->m->cluster;
	int rank;
	if (group == cpu->group)
		return;
	cpu->group = group;
	if (c->rank == MASTER) {
		pthread_mutex_lock(&c->proxy_lock);
		rank = group_rank(c, group);
		pthread_mutex_unlock(&c->proxy_lock);
	} else {
		struct cl_msg msg = {.type = MSG_GROUP, .thread = cpu->tid};
		struct cl_wait w;
		cl_wait_init(&w, 1);
		msg.txn = (uint64_t)(uintptr_t)&w;
		msg.arg[0] = (uint64_t)(int64_t)group;
		cl_post(c, MASTER, &msg);
		cl_wait_for(&w);
		rank = (int)w.result;
	}
	if (c->m->cfg.debug & RVX_LOG_CLUSTER)
		fprintf(c->m->log, "rvx: cluster: thread %d joins group %d, on rank %d\n", cpu->tid, group, rank);
	if (rank != c->rank)
		cpu->migrate_to = rank + 1;
}

/* Signals caught for a thread that leaves, or forwarded to it here and not yet caught: through
 * the master to where it goes. */
static void resend_pending(struct cluster *c, struct rvx_vcpu *cpu)
{
	uint64_t pending = __atomic_exchange_n(&cpu->pending, 0, __ATOMIC_SEQ_CST);
	uint64_t forwarded = __atomic_exchange_n(&cpu->forwarded, 0, __ATOMIC_SEQ_CST);
	cpu->interrupt = 0;
	for (int sig = 1; sig < RVX_NSIG; sig++) {
		struct cl_msg msg = {.type = MSG_SIGNAL, .thread = cpu->tid};
		if (!((pending | forwarded) & SIGBIT(sig)))
			continue;
		wire_put_siginfo(&msg, forwarded & SIGBIT(sig) ? &cpu->forwarded_info[sig] : &cpu->pending_info[sig]);
		msg.arg[7] = 1;
		cl_post(c, MASTER, &msg);
	}
}

void cluster_migrate(struct rvx_vcpu *cpu)
{
	struct cluster *c = cpu->m->cluster;
	int to = cpu->migrate_to - 1;
	struct cl_msg msg = {.thread = cpu->tid};
	uint8_t *state;
	cpu->migrate_to = 0;
	if (!c || to < 0 || to >= c->size || to == c->rank || cpu->vfork_child ||
	    !(state = malloc(CL_THREAD_BYTES_MAX)))
		return;
	msg.len = (uint32_t)wire_put_thread(state, cpu);
	msg.payload = state;
	plugins_vcpu_exit(cpu); /* a rank's plugins see the threads that run there */
	__atomic_add_fetch(&c->stats.migrations, 1, __ATOMIC_RELAXED);
	if (c->m->cfg.debug & RVX_LOG_CLUSTER)
		fprintf(c->m->log, "rvx: cluster: thread %d moves from rank %d to rank %d at pc %#llx\n", cpu->tid,
			c->rank, to, (unsigned long long)cpu->pc);
	if (c->rank == MASTER) {
		/* this host thread stays as the thread's proxy: its id is the thread's */
		struct cl_proxy *p = calloc(1, sizeof *p);
		sigjmp_buf back;
		sigjmp_buf *volatile exit_to = cpu->host_exit;
		if (!p) {
			free(state);
			return;
		}
		if (sigsetjmp(back, 0)) { /* back at the master: arrive() freed the proxy */
			cpu->host_exit = exit_to;
			rvx_current_vcpu = cpu;
			/* cppcheck-suppress memleak */
			return;
		}
		p->back = &back;
		p->cpu = cpu;
		p->rank = to;
		p->mask = cpu->sigmask;
		p->mask_dirty = 1;
		pthread_mutex_lock(&c->proxy_lock);
		p->next = c->proxies;
		c->proxies = p;
		pthread_mutex_unlock(&c->proxy_lock);
		msg.type = MSG_THREAD_START;
		cl_post(c, to, &msg);
		free(state);
		resend_pending(c, cpu);
		cpu->state = VCPU_IN_EMU;
		proxy_main(p);
		pthread_exit(NULL); /* the thread ended (a main thread's ends in thread_exit) */
	} else {
		/* signals blocked, and the thread out of this rank's list before what was caught for
		 * it goes on: one that comes later finds it gone and goes back to the master */
		host_sigmask(SIG_SETMASK, ~0ull, NULL);
		msg.type = MSG_MIGRATE;
		msg.arg[0] = (uint64_t)to;
		msg.arg[1] = (uint64_t)cpu->dbg.to_master;
		cpu->dbg.to_master = 0;
		cl_post(c, MASTER, &msg);
		free(state);
		machine_remove_thread(c->m, cpu);
	}
	resend_pending(c, cpu);
	__atomic_sub_fetch(&c->m->nthreads, 1, __ATOMIC_SEQ_CST);
	thread_leave(cpu);
}

/* The master: a thread moves from another rank, to its proxy here or on to another rank. */
static void migrate_message(struct cluster *c, const struct cl_msg *msg)
{
	struct cl_proxy *p = find_proxy(c, msg->thread);
	int to = (int)msg->arg[0];
	if (!p || to < 0 || to >= c->size) {
		fprintf(stderr, "rvx: cluster: rank %d moves unknown thread %d\n", msg->src, msg->thread);
		c->t->abort(c->t, 70);
	}
	if (to == MASTER) {
		if (msg->arg[1]) { /* gdb's: it goes back when gdb lets it run */
			p->cpu->dbg.from_rank = msg->src;
			p->cpu->dbg.hold = msg->arg[1] == GDB_TO_EVENT;
		}
		p->arrive = malloc(msg->len);
		if (!p->arrive)
			c->t->abort(c->t, 70);
		memcpy(p->arrive, msg->payload, msg->len);
		p->arrive_len = msg->len;
		p->req = *msg;
		p->req.payload = NULL;
		__atomic_store_n(&p->posted, 1, __ATOMIC_RELEASE);
		ring_proxy(p);
		return;
	}
	struct cl_msg start = {
	    .type = MSG_THREAD_START, .thread = msg->thread, .len = msg->len, .payload = msg->payload};
	__atomic_store_n(&p->rank, to, __ATOMIC_RELEASE);
	cl_send(c, to, &start);
}

/* --- gdb at the master (src/gdb/ranks.c) --- */

enum cl_where cluster_thread_where(struct rvx_machine *m, const struct rvx_vcpu *cpu)
{
	struct cluster *c = m->cluster;
	enum cl_where where = CL_HERE;
	if (!c || c->rank != MASTER)
		return CL_HERE;
	pthread_mutex_lock(&c->proxy_lock);
	for (struct cl_proxy *p = c->proxies; p; p = p->next)
		if (p->cpu == cpu)
			where = __atomic_load_n(&p->in_call, __ATOMIC_ACQUIRE) ? CL_AWAY_IN_CALL : CL_AWAY;
	pthread_mutex_unlock(&c->proxy_lock);
	return where;
}

void cluster_gdb_bring_home(struct rvx_machine *m)
{
	struct cluster *c = m->cluster;
	if (!c || c->rank != MASTER)
		return;
	pthread_mutex_lock(&c->proxy_lock);
	for (struct cl_proxy *p = c->proxies; p; p = p->next) {
		struct cl_msg msg = {.type = MSG_MOVE, .thread = p->cpu->tid};
		msg.arg[0] = MASTER;
		msg.arg[1] = GDB_TO_STOP;
		cl_post(c, __atomic_load_n(&p->rank, __ATOMIC_ACQUIRE), &msg);
	}
	pthread_mutex_unlock(&c->proxy_lock);
}

void cluster_gdb_state(struct rvx_machine *m, const uint64_t *breaks, int n, uint64_t pass, bool attached,
		       bool master_only)
{
	struct cluster *c = m->cluster;
	struct cl_msg msg = {.type = MSG_GDB, .len = (uint32_t)n * 8, .payload = (void *)(uintptr_t)breaks};
	if (!c || c->rank != MASTER)
		return;
	msg.arg[0] = pass;
	msg.arg[1] = attached;
	msg.arg[2] = master_only;
	cl_post_others(c, &msg, CL_POSTER_WAITS);
}

/* --- the end --- */

static void *die_main(void *arg)
{
	struct cluster *c = arg;
	cluster_shutdown(c);
	fflush(stdout);
	fflush(stderr);
	if (c->die_signal) {
		struct sigaction sa = {.sa_handler = SIG_DFL};
		sigaction(c->die_signal, &sa, NULL);
		host_sigmask(SIG_UNBLOCK, SIGBIT(c->die_signal), NULL);
		syscall(SYS_tgkill, getpid(), gettid(), c->die_signal); /* delivered before the call returns */
	}
	syscall(SYS_exit_group, c->die_status);
	return NULL;
}

void cluster_end(struct rvx_machine *m, int status, int sig)
{
	struct cluster *c = m->cluster;
	if (c->rank != MASTER) {
		struct cl_msg msg = {.type = MSG_DIE};
		msg.arg[0] = (uint64_t)(sig ? sig : status);
		msg.arg[1] = sig != 0;
		cl_post(c, MASTER, &msg);
		for (;;)
			pause(); /* the master ends this process */
	}
	cluster_shutdown(c);
}

/* The proxy of a remote thread. It ends only with the thread's exit, which comes after the
 * thread's other messages: the caller, the service, may use it without the lock. */
static struct cl_proxy *find_proxy(struct cluster *c, int tid)
{
	struct cl_proxy *p;
	pthread_mutex_lock(&c->proxy_lock);
	for (p = c->proxies; p && p->cpu->tid != tid; p = p->next)
		;
	pthread_mutex_unlock(&c->proxy_lock);
	return p;
}

void remote_message(struct cluster *c, const struct cl_msg *msg)
{
	switch (msg->type) {
	case MSG_SYSCALL: {
		struct cl_proxy *p = find_proxy(c, msg->thread);
		if (!p) {
			fprintf(stderr, "rvx: cluster: a syscall from rank %d for unknown thread %d\n", msg->src,
				msg->thread);
			c->t->abort(c->t, 70);
		}
		p->req = *msg;
		p->req.payload = NULL;
		if (msg->len == CL_REGS_BYTES) {
			memcpy(p->regs, msg->payload, CL_REGS_BYTES);
		} else if (msg->len) {
			if (!p->state && !(p->state = malloc(CL_THREAD_BYTES_MAX)))
				c->t->abort(c->t, 70);
			memcpy(p->state, msg->payload, msg->len < CL_THREAD_BYTES_MAX ? msg->len : CL_THREAD_BYTES_MAX);
		}
		__atomic_store_n(&p->posted, 1, __ATOMIC_RELEASE);
		ring_proxy(p);
		break;
	}
	case MSG_SYSCALL_RET:
		cl_wait_answer(c, (struct cl_wait *)(uintptr_t)msg->txn, (int64_t)msg->arg[0], msg->arg[1]);
		break;
	case MSG_THREAD_START: remote_thread_start(c, msg); break;
	case MSG_MIGRATE: migrate_message(c, msg); break;
	case MSG_GROUP: {
		struct cl_msg back = {.type = MSG_GROUP_RANK, .txn = msg->txn};
		pthread_mutex_lock(&c->proxy_lock);
		back.arg[0] = (uint64_t)group_rank(c, (int)(int64_t)msg->arg[0]);
		pthread_mutex_unlock(&c->proxy_lock);
		cl_send(c, msg->src, &back);
		break;
	}
	case MSG_GROUP_RANK: cl_wait_answer(c, (struct cl_wait *)(uintptr_t)msg->txn, (int64_t)msg->arg[0], 0); break;
	case MSG_SIGNAL:
		if (c->later.head || !remote_signal(c, msg)) /* in order after those waiting */
			later(c, msg);
		break;
	case MSG_MOVE:
		if (c->later.head || !move_thread(c, msg))
			later(c, msg);
		break;
	case MSG_SIGMASK_ACK: /* after the signals it unblocked, which may wait */
		if (c->later.head)
			later(c, msg);
		else
			cl_wait_answer(c, (struct cl_wait *)(uintptr_t)msg->txn, 0, 0);
		break;
	case MSG_SIGMASK: {
		struct cl_proxy *p = find_proxy(c, msg->thread);
		if (p) {
			__atomic_store_n(&p->mask, msg->arg[0], __ATOMIC_SEQ_CST);
			if (msg->txn)
				__atomic_store_n(&p->mask_txn, msg->txn, __ATOMIC_SEQ_CST);
			__atomic_store_n(&p->mask_dirty, 1, __ATOMIC_SEQ_CST);
			ring_proxy(p);
		}
		break;
	}
	case MSG_ROBUST: {
		struct cl_proxy *p = find_proxy(c, msg->thread);
		if (p) /* the thread's later calls, its exit among them, come after this */
			__atomic_store_n(&p->cpu->robust_list, msg->arg[0], __ATOMIC_SEQ_CST);
		break;
	}
	case MSG_SIGACTION: {
		struct cl_msg ack = {.type = MSG_SIGACTION_ACK, .txn = msg->txn};
		int sig = (int)msg->arg[0];
		if (sig > 0 && sig < RVX_NSIG) {
			c->m->sigact[sig].handler = msg->arg[1];
			c->m->sigact[sig].flags = msg->arg[2];
			c->m->sigact[sig].mask = msg->arg[3];
			signal_apply_machine_action(c->m, sig);
		}
		cl_send(c, msg->src, &ack);
		break;
	}
	case MSG_SIGACTION_ACK: cl_wait_answer(c, (struct cl_wait *)(uintptr_t)msg->txn, 0, 0); break;
	case MSG_GDB:
		if (c->m->gdb)
			gdb_stand_in_update(c->m, msg->payload, msg->len / 8, msg->arg[0], msg->arg[1] != 0,
					    msg->arg[2] != 0);
		break;
	case MSG_DIE: {
		pthread_t th;
		if (__atomic_load_n(&c->shutting, __ATOMIC_SEQ_CST))
			break;
		c->die_signal = msg->arg[1] ? (int)msg->arg[0] : 0;
		c->die_status = msg->arg[1] ? 0 : (int)msg->arg[0];
		if (pthread_create(&th, NULL, die_main, c) != 0)
			c->t->abort(c->t, c->die_signal ? 128 + c->die_signal : c->die_status);
		break;
	}
	default: break;
	}
}

static void mirror(struct rvx_vcpu *cpu, uint32_t type, uint64_t value)
{
	struct cluster *c = cpu->m->cluster;
	struct cl_msg msg = {.type = type, .thread = cpu->tid};
	if (c->rank == MASTER || !cpu->tid)
		return;
	msg.arg[0] = value;
	cl_post_then(c, MASTER, &msg, CL_POSTER_GOES_ON_LATER); /* before the thread's next call */
}

void cluster_mask_changed(struct rvx_vcpu *cpu, uint64_t old)
{
	struct cluster *c = cpu->m->cluster;
	struct cl_msg msg = {.type = MSG_SIGMASK, .thread = cpu->tid};
	struct cl_wait w;
	if (!(old & ~cpu->sigmask)) {
		mirror(cpu, MSG_SIGMASK, cpu->sigmask);
		return;
	}
	if (c->rank == MASTER || !cpu->tid)
		return;
	cl_wait_init(&w, 1);
	msg.txn = (uint64_t)(uintptr_t)&w;
	msg.arg[0] = cpu->sigmask;
	cl_post(c, MASTER, &msg);
	cl_wait_for(&w);
}

void cluster_robust_changed(struct rvx_vcpu *cpu)
{
	mirror(cpu, MSG_ROBUST, cpu->robust_list);
}

void cluster_sigaction_changed(struct rvx_machine *m, int sig)
{
	struct cluster *c = m->cluster;
	struct cl_msg msg = {.type = MSG_SIGACTION};
	struct cl_wait w;
	cl_wait_init(&w, c->size - 1);
	msg.txn = (uint64_t)(uintptr_t)&w;
	pthread_mutex_lock(&m->lock);
	msg.arg[0] = (uint64_t)sig;
	msg.arg[1] = m->sigact[sig].handler;
	msg.arg[2] = m->sigact[sig].flags;
	msg.arg[3] = m->sigact[sig].mask;
	pthread_mutex_unlock(&m->lock);
	cl_post_others(c, &msg, CL_POSTER_WAITS);
	cl_wait_for(&w);
}

void cluster_gather(struct rvx_machine *m)
{
	struct cluster *c = m->cluster;
	struct cl_msg msg = {.type = MSG_GATHER};
	struct cl_gather g = {.pages = NULL};
	cluster_split_hold(m, 0, UINT64_MAX); /* the child gets whole pages */
	cl_wait_init(&g.w, c->size);
	msg.txn = (uint64_t)(uintptr_t)&g;
	for (int r = 0; r < c->size; r++) /* every home, this one too */
		cl_post(c, r, &msg);
	cl_wait_for(&g.w);
	for (size_t i = 0; i < g.n; i++) /* not the shadow pages: nothing is split now */
		if (!cl_is_shadow(c, g.pages[i]) && space_check(&m->space, g.pages[i], 1, PROT_READ))
			(void)*(volatile uint8_t *)g2h(&m->space, g.pages[i]);
	free(g.pages);
}

void cluster_thaw(struct rvx_machine *m)
{
	struct cl_msg msg = {.type = MSG_THAW};
	for (int r = 0; r < m->cluster->size; r++)
		cl_post(m->cluster, r, &msg);
	cluster_split_release(m);
}

void cluster_forget(struct rvx_machine *m)
{
	struct cluster *c = m->cluster;
	m->cluster = NULL;
	m->space.on_change = NULL;
	m->res_gens = NULL; /* translations made with the check keep reading it: it stays allocated */
	close(c->uffd);
	close(c->wake_fd);
}

/* --- the start --- */

/* The master changed a mapping (any thread but the service). What takes rights away (unmap,
 * narrower protection, discard) reaches every rank before the syscall returns. Wider rights
 * are only posted: no other rank can know of them but through a message that follows on the
 * same channel, or, through a third rank, find them missing, which it then asks the master
 * about before it calls that a fault (cluster_fault_retry). A new mapping is posted alone
 * between two ranks only; with a third, it must reach every rank first: a rank that hears of
 * it through another would find the old mapping's pages there, and a page's home (spread
 * homes) would forget the new page's owner when the mapping came after its request, and give
 * the page out again as zero. Here a new mapping is registered at once; the service forgets
 * the old pages there before it handles any fault raised after this (dsm_poll_faults). */
static void master_space_changed(void *arg, int op, uint64_t addr, uint64_t len, int prot, uint64_t seq)
{
	struct cluster *c = arg;
	struct cl_msg msg = {.type = MSG_MAP, .page = addr};
	struct cl_wait w;
	bool narrows = op != SPACE_CHANGE_MAP && op != SPACE_CHANGE_WIDEN;
	bool waited = narrows || (op == SPACE_CHANGE_MAP && c->size > 2);
	enum cl_poster then = waited ? CL_POSTER_WAITS : CL_POSTER_GOES_ON_LATER;
	struct rvx_vma v;
	char path[PATH_MAX];
	msg.arg[0] = (uint64_t)op;
	msg.arg[1] = len;
	msg.arg[2] = (uint64_t)prot;
	if (op == SPACE_CHANGE_MAP && space_query_file(&c->m->space, addr, &v, path, sizeof path)) {
		msg.arg[3] = v.offset + (addr - v.start); /* the ranks name code by its file's symbols */
		msg.payload = path;
		msg.len = (uint32_t)strlen(path);
	}
	if (waited) {
		cl_wait_init(&w, c->size);
		msg.txn = (uint64_t)(uintptr_t)&w;
	}
	/* the messages leave in the order of the changes, which threads may reach here out of:
	 * an unmap told after the new mapping in its range would undo that mapping elsewhere */
	pthread_mutex_lock(&c->map_lock);
	while (seq && seq != c->map_told + 1)
		pthread_cond_wait(&c->map_turn, &c->map_lock);
	if (op == SPACE_CHANGE_MAP)
		dsm_register(c, addr, len);
	if (op != SPACE_CHANGE_WIDEN)
		cl_post_then(c, c->rank, &msg, then);
	cl_post_others(c, &msg, then);
	if (seq) {
		c->map_told = seq;
		pthread_cond_broadcast(&c->map_turn);
	}
	pthread_mutex_unlock(&c->map_lock);
	if (waited)
		cl_wait_for(&w);
}

bool cluster_fault_retry(struct rvx_vcpu *cpu, uint64_t addr)
{
	struct cluster *c = cpu->m->cluster;
	struct cl_msg msg = {.type = MSG_SYNC};
	struct cl_wait w;
	if (c->rank == MASTER || (cpu->retry_pc == cpu->pc && cpu->retry_addr == addr)) {
		cpu->retry_pc = cpu->retry_addr = 0;
		return false;
	}
	cl_wait_init(&w, 1);
	msg.txn = (uint64_t)(uintptr_t)&w;
	cl_post(c, MASTER, &msg);
	cl_wait_for(&w); /* the master's answer follows every mapping it sent this rank before */
	cpu->retry_pc = cpu->pc;
	cpu->retry_addr = addr;
	return true;
}

int cluster_attach(struct rvx_machine *m, struct cl_transport *t, const struct cl_options *o)
{
	struct cluster *c = calloc(1, sizeof *c);
	int r;
	if (!c)
		return -ENOMEM;
	c->m = m;
	c->t = t;
	c->opt = *o;
	c->rank = t->rank;
	c->size = t->size;
	c->home_shift = 20;
	c->uffd = -1;
	errno = 0;
	c->guest_nice = getpriority(PRIO_PROCESS, 0);
	if (errno)
		c->guest_nice = 0;
	c->cores = calloc((size_t)t->size, sizeof *c->cores);
	c->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	pthread_mutex_init(&c->out_lock, NULL);
	pthread_mutex_init(&c->proxy_lock, NULL);
	pthread_mutex_init(&c->map_lock, NULL);
	pthread_cond_init(&c->map_turn, NULL);
	if (!c->cores || c->wake_fd < 0) {
		free(c->cores);
		free(c);
		return -ENOMEM;
	}
	c->cores[c->rank] = (int)sysconf(_SC_NPROCESSORS_ONLN);
	r = dsm_init(c);
	if (r == 0)
		r = split_init(c);
	if (r < 0) {
		free(c->cores);
		free(c);
		return r;
	}
	m->res_gens = calloc(RES_GROUPS, sizeof *m->res_gens);
	if (!m->res_gens) {
		free(c->cores);
		free(c);
		return -ENOMEM;
	}
	m->cluster = c;
	m->space.anon_only = true;
	return 0;
}

/* The master sends the process's constants and every mapping the loader made; each rank
 * answers once it has them. */
static void send_mappings(struct cluster *c)
{
	struct cl_msg start = {.type = MSG_START};
	struct rvx_space *s = &c->m->space;
	struct cl_wait w;
	size_t i, n;
	pthread_mutex_lock(&s->lock);
	n = s->nvmas;
	cl_wait_init(&w, (int)(n * (size_t)(c->size - 1)));
	start.arg[0] = c->m->sigreturn_tramp;
	start.arg[1] = c->split_base;
	cl_post_others(c, &start, CL_POSTER_WAITS);
	for (i = 0; i < n; i++) {
		struct cl_msg msg = {.type = MSG_MAP, .txn = (uint64_t)(uintptr_t)&w, .page = s->vmas[i].start};
		dsm_register(c, s->vmas[i].start, s->vmas[i].end - s->vmas[i].start);
		msg.arg[0] = SPACE_CHANGE_MAP;
		msg.arg[1] = s->vmas[i].end - s->vmas[i].start;
		msg.arg[2] = (uint64_t)s->vmas[i].prot;
		if (s->vmas[i].name && s->vmas[i].name[0] == '/') {
			msg.arg[3] = s->vmas[i].offset;
			msg.payload = s->vmas[i].name;
			msg.len = (uint32_t)strlen(s->vmas[i].name);
		}
		cl_post_others(c, &msg, CL_POSTER_WAITS);
	}
	pthread_mutex_unlock(&s->lock);
	if (n && c->size > 1)
		cl_wait_for(&w);
}

int cluster_start_master(struct rvx_machine *m)
{
	struct cluster *c = m->cluster;
	int r = cluster_service_start(c);
	if (r < 0)
		return machine_error(m, RVX_E_NOMEM, "cannot start the cluster service thread: %s", strerror(-r));
	for (int waited = 0; __atomic_load_n(&c->hellos, __ATOMIC_ACQUIRE) < c->size - 1; waited++) {
		if (waited == HELLO_TIMEOUT_S * 1000) {
			fprintf(stderr, "rvx: cluster: only %d of %d ranks started within %d s\n",
				__atomic_load_n(&c->hellos, __ATOMIC_ACQUIRE) + 1, c->size, HELLO_TIMEOUT_S);
			c->t->abort(c->t, 70);
		}
		usleep(1000);
	}
	r = split_map_area(c);
	if (r < 0)
		return machine_error(m, RVX_E_NOMEM, "cannot map the cluster's shadow pages: %s", strerror(-r));
	send_mappings(c);
	pthread_mutex_lock(&m->space.lock);
	c->map_told = m->space.change_seq;
	m->space.on_change = master_space_changed;
	m->space.on_change_arg = c;
	pthread_mutex_unlock(&m->space.lock);
	return 0;
}

int cluster_run(struct rvx_machine *m)
{
	struct cluster *c = m->cluster;
	int r;
	machine_share_memory(m);
	if (c->rank != MASTER) {
		struct cl_msg hello = {.type = MSG_HELLO};
		r = signal_init(m);
		if (r < 0)
			return machine_error(m, RVX_E_INVAL, "cannot install signal handlers: %s", strerror(-r));
		if (m->cfg.engine == RVX_ENGINE_JIT && jit_init(m) < 0)
			return machine_error(m, RVX_E_NOMEM, "cannot create the translation cache");
		hello.arg[0] = (uint64_t)c->cores[c->rank];
		cl_send(c, MASTER, &hello);
		cluster_service_loop(c);
	}
	r = cluster_start_master(m);
	return r < 0 ? r : rvx_run(m);
}
