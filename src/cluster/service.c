/* The service thread: the only caller of the transport on its rank. It sends what other
 * threads queue, receives and dispatches messages, and serves this rank's page faults. Start
 * (hello, the master's mappings), the shutdown handshake, and the waits of other threads live
 * here too. */
#include <errno.h>
#include <linux/futex.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "../engine/engine.h"
#include "../jit/x86-64/jit.h"
#include "../linux/signal.h"
#include "../linux/syscall.h"
#include "../plugin/plugin.h"
#include "internal.h"

/* Idle, the service polls the link for a while, then sleeps until this rank's threads wake it
 * (eventfd, userfaultfd) or another rank rings its doorbell; without a doorbell it sleeps in
 * growing steps up to MAX_SLEEP_NS and polls. A sleeping vCPU of a virtual machine can take
 * hundreds of microseconds to wake, so it polls long while this rank has a core to spare, and
 * briefly when its guest threads want every core. */
#define SPIN_LONG_NS      300000
#define SPIN_SHORT_NS     20000
#define FAULT_POLL_ROUNDS 4 /* polling, it reads the userfaultfd (a system call) every this many rounds */
#define SERVICE_NICE      (-10)
#define MIN_SLEEP_NS      5000
#define MAX_SLEEP_NS      50000
/* With a doorbell: against a ring lost (UDP between hosts may drop one). Every sleep's timer that
 * runs out costs a wake-up, a round and the time to sleep again: at 2 ms, about 400 such wake-ups
 * a second cost each rank about 20 ms of CPU in a second's run of pi:120 over 2 ranks. */
#define BELL_SLEEP_NS   20000000
#define RETRY_SLEEP_NS  2000000 /* with a doorbell, while work waits to be tried again or a plan is due */
#define PROMPT_SLICE_NS 100000  /* the kernel's shortest */
#define BYE_TIMEOUT     5       /* seconds the master waits for the other ranks at the end */

void cl_wait_init(struct cl_wait *w, int pending)
{
	memset(w, 0, sizeof *w);
	w->pending = pending;
}

struct sched_attr_v0 {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
};

/* The scheduling slice this thread asks for (0: the kernel's default), its policy and nice value
 * as they were. */
static int set_slice(const struct sched_attr_v0 *was, uint64_t slice_ns)
{
	struct sched_attr_v0 attr = *was;
	attr.size = sizeof attr;
	attr.flags = 0;
	attr.runtime = slice_ns;
	return syscall(SYS_sched_setattr, 0, &attr, 0) == 0 ? 0 : -errno;
}

static bool wait_until(uint32_t *word, const struct timespec *timeout)
{
	while (!__atomic_load_n(word, __ATOMIC_ACQUIRE)) {
		if (syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, 0, timeout, NULL, 0) != 0 && errno == ETIMEDOUT)
			return false;
	}
	return true;
}

/* A guest thread that waits for an answer runs again as soon as it comes, not after the slices
 * of the guest threads that computed meanwhile: a short slice while it sleeps. */
void cl_wait_for(struct cl_wait *w)
{
	struct sched_attr_v0 was;
	bool fair;
	if (__atomic_load_n(&w->done, __ATOMIC_ACQUIRE))
		return;
	fair = syscall(SYS_sched_getattr, 0, &was, sizeof was, 0) == 0 &&
	       (was.policy == SCHED_OTHER || was.policy == SCHED_BATCH) && set_slice(&was, PROMPT_SLICE_NS) == 0;
	wait_until(&w->done, NULL);
	if (fair)
		set_slice(&was, was.runtime);
}

void cl_wait_answer(struct cluster *c, struct cl_wait *w, int64_t result, uint64_t ended)
{
	w->result = result;
	w->ended = ended;
	if (--w->pending > 0)
		return;
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &w->done, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	c->woke = true;
}

struct cl_out *cl_out_new(const struct cl_msg *msg, int dest)
{
	struct cl_out *o = malloc(sizeof *o + CL_HEADER_BYTES + msg->len);
	if (!o)
		return NULL;
	o->next = NULL;
	o->dest = dest;
	o->len = wire_encode(msg, o->bytes);
	return o;
}

void cl_queue_push(struct cl_queue *q, struct cl_out *o)
{
	o->next = NULL;
	if (q->tail)
		q->tail->next = o;
	else
		q->head = o;
	q->tail = o;
}

struct cl_out *cl_queue_pop(struct cl_queue *q)
{
	struct cl_out *o = q->head;
	if (o) {
		q->head = o->next;
		if (!q->head)
			q->tail = NULL;
	}
	return o;
}

static _Noreturn void cannot_send(struct cluster *c, int dest)
{
	fprintf(stderr, "rvx: cluster rank %d: cannot send to rank %d\n", c->rank, dest);
	c->t->abort(c->t, 70);
	abort(); /* abort does not return */
}

void cl_send(struct cluster *c, int dest, struct cl_msg *msg)
{
	msg->src = c->rank;
	c->stats.msgs_out++;
	if (dest == c->rank) {
		struct cl_out *o = cl_out_new(msg, dest);
		if (!o)
			c->t->abort(c->t, 70);
		cl_queue_push(&c->self, o);
		return;
	}
	if (msg->len <= RVX_PAGE_SIZE) { /* fits the send buffer */
		size_t n = wire_encode(msg, c->sendbuf);
		if (c->t->send(c->t, dest, c->sendbuf, n) == 0)
			return;
	} else {
		struct cl_out *o = cl_out_new(msg, dest);
		if (o && c->t->send(c->t, dest, o->bytes, o->len) == 0) {
			free(o);
			return;
		}
		free(o);
	}
	cannot_send(c, dest);
}

void cl_send_owned(struct cluster *c, int dest, uint8_t *buf, size_t len)
{
	int r;
	c->stats.msgs_out++;
	if (c->t->send_owned)
		r = c->t->send_owned(c->t, dest, buf, len);
	else {
		r = c->t->send(c->t, dest, buf, len);
		free(buf);
	}
	if (r != 0)
		cannot_send(c, dest);
}

static void wake_service(struct cluster *c)
{
	uint64_t one = 1;
	if (write(c->wake_fd, &one, sizeof one) < 0) {
		/* the counter cannot overflow in practice; the service thread polls anyway */
	}
}

void cl_post_then(struct cluster *c, int dest, struct cl_msg *msg, enum cl_poster then)
{
	struct cl_out *o;
	msg->src = c->rank;
	o = cl_out_new(msg, dest);
	if (!o)
		c->t->abort(c->t, 70);
	pthread_mutex_lock(&c->out_lock);
	cl_queue_push(&c->out, o);
	pthread_mutex_unlock(&c->out_lock);
	if (then == CL_POSTER_GOES_ON_LATER)
		return;
	if (then == CL_POSTER_GOES_ON)
		__atomic_store_n(&c->poster_goes_on, true, __ATOMIC_RELEASE);
	wake_service(c);
}

void cl_post(struct cluster *c, int dest, struct cl_msg *msg)
{
	cl_post_then(c, dest, msg, CL_POSTER_WAITS);
}

void cl_post_others(struct cluster *c, struct cl_msg *msg, enum cl_poster then)
{
	for (int r = 0; r < c->size; r++)
		if (r != c->rank)
			cl_post_then(c, r, msg, then);
}

static void dispatch(struct cluster *c, const struct cl_msg *msg);

static bool handle_bytes(struct cluster *c, const uint8_t *buf, size_t len)
{
	struct cl_msg msg;
	if (!wire_decode(buf, len, &msg)) {
		fprintf(stderr, "rvx: cluster rank %d: malformed message (%zu bytes)\n", c->rank, len);
		c->t->abort(c->t, 70);
	}
	uint64_t t0 = cl_now_ns();
	c->stats.msgs_in++;
	dispatch(c, &msg);
	c->stats.work_ns[msg.type] += cl_now_ns() - t0;
	c->stats.work_n[msg.type]++;
	return true;
}

bool cl_drain_outbox(struct cluster *c)
{
	struct cl_out *o;
	bool any = false;
	pthread_mutex_lock(&c->out_lock);
	o = c->out.head;
	c->out.head = c->out.tail = NULL;
	pthread_mutex_unlock(&c->out_lock);
	while (o) {
		struct cl_out *next = o->next;
		if (o->dest == c->rank) {
			handle_bytes(c, o->bytes, o->len);
		} else if (c->t->send(c->t, o->dest, o->bytes, o->len) != 0) {
			fprintf(stderr, "rvx: cluster rank %d: cannot send to rank %d\n", c->rank, o->dest);
			c->t->abort(c->t, 70);
		}
		c->stats.msgs_out++;
		free(o);
		o = next;
		any = true;
	}
	return any;
}

static bool drain_self(struct cluster *c)
{
	bool any = false;
	struct cl_out *o;
	while ((o = cl_queue_pop(&c->self))) {
		handle_bytes(c, o->bytes, o->len);
		free(o);
		any = true;
	}
	return any;
}

static bool receive(struct cluster *c)
{
	int i, src;
	for (i = 0; i < 64; i++) {
		const void *buf;
		long n = c->t->recv(c->t, &src, &buf);
		if (n < 0) {
			fprintf(stderr, "rvx: cluster rank %d: the link to the other ranks failed: %s\n", c->rank,
				strerror((int)-n));
			c->t->abort(c->t, 70);
		}
		if (n == 0)
			break;
		handle_bytes(c, buf, (size_t)n);
	}
	return i > 0;
}

bool cl_service_round(struct cluster *c, bool faults)
{
	bool busy = cl_drain_outbox(c);
	if (c->later.head || c->kick_pending)
		busy |= remote_retry(c);
	busy |= receive(c);
	uint64_t t0 = cl_now_ns();
	if (faults && dsm_poll_faults(c)) {
		c->stats.work_ns[SERVICE_FAULTS] += cl_now_ns() - t0;
		c->stats.work_n[SERVICE_FAULTS]++;
		busy = true;
	}
	busy |= drain_self(c);
	busy |= place_round(c);
	if (c->t->ring && busy) {
		t0 = cl_now_ns();
		c->t->ring(c->t);
		c->stats.work_ns[SERVICE_RING] += cl_now_ns() - t0;
		c->stats.work_n[SERVICE_RING]++;
	}
	return busy;
}

static const char *work_name(int k)
{
	if (k == SERVICE_FAULTS)
		return "faults";
	return k == SERVICE_RING ? "doorbells" : wire_type_name((uint32_t)k);
}

static void print_stats(struct cluster *c)
{
	if (!(c->m->cfg.debug & RVX_LOG_CLUSTER))
		return;
	dsm_print_stats(c);
	split_print_stats(c);
	place_print_stats(c);
	struct timespec cpu = {0, 0};
	struct rusage self = {0};
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu); /* the caller is the service thread */
	getrusage(RUSAGE_THREAD, &self);
	fprintf(c->m->log,
		"rvx: cluster rank %d: %llu messages in, %llu out; service thread %.1f ms in rounds that did "
		"something, %.1f ms of CPU in all, %ld sleeps, %ld times preempted\n",
		c->rank, (unsigned long long)c->stats.msgs_in, (unsigned long long)c->stats.msgs_out,
		(double)c->stats.service_ns / 1e6, (double)cpu.tv_sec * 1e3 + (double)cpu.tv_nsec / 1e6, self.ru_nvcsw,
		self.ru_nivcsw);
	fprintf(c->m->log, "rvx: cluster rank %d: service time by work (count, ms):", c->rank);
	for (int k = 0; k < MSG_TYPES + 2; k++)
		if (c->stats.work_n[k])
			fprintf(c->m->log, " %s %llu %.1f", work_name(k), (unsigned long long)c->stats.work_n[k],
				(double)c->stats.work_ns[k] / 1e6);
	fprintf(c->m->log, "\n");
	if (c->stats.delegated) {
		fprintf(c->m->log,
			"rvx: cluster rank %d: %llu syscalls delegated to the master, mean %.1f us:", c->rank,
			(unsigned long long)c->stats.delegated,
			(double)c->stats.delegated_ns / (double)c->stats.delegated / 1000.0);
		for (int nr = 0; nr < 512; nr++) {
			const struct syscall_desc *d;
			if (!c->stats.syscalls_by_nr[nr])
				continue;
			d = syscall_lookup((uint64_t)nr);
			fprintf(c->m->log, " %s %llu", d ? d->name : "?",
				(unsigned long long)c->stats.syscalls_by_nr[nr]);
		}
		fprintf(c->m->log, "\n");
	}
	fflush(c->m->log);
}

/* Another rank: the master has ended the process. */
static _Noreturn void leave(struct cluster *c, uint64_t txn)
{
	struct cl_msg bye = {.type = MSG_BYE, .txn = txn};
	plugins_atexit(c->m); /* this rank's plugins report on its threads */
	print_stats(c);
	cl_send(c, MASTER, &bye);
	c->t->finish(c->t);
	if (c->m->log) /* -D's file too: -d's lines of this rank */
		fflush(c->m->log);
	fflush(stdout);
	fflush(stderr);
	syscall(SYS_exit_group, 0);
	_exit(0);
}

static void dispatch(struct cluster *c, const struct cl_msg *msg)
{
	switch (msg->type) {
	case MSG_PAGE_REQ:
	case MSG_PAGE_RECALL:
	case MSG_PAGE_INV:
	case MSG_PAGE_INV_ACK:
	case MSG_PAGE_DATA:
	case MSG_PAGE_DONE:
	case MSG_PAGE_PUSH:
	case MSG_PAGE_PUSH_ASK:
	case MSG_PAGE_PUSH_DONE:
	case MSG_PAGE_REACHED:
	case MSG_PAGE_STREAM: dsm_message(c, msg); break;
	case MSG_MAP: {
		struct cl_msg ack = {.type = MSG_MAP_ACK, .txn = msg->txn};
		dsm_apply_map(c, msg);
		if (msg->txn)
			cl_send(c, msg->src, &ack);
		break;
	}
	case MSG_SYNC: {
		struct cl_msg ack = {.type = MSG_SYNC_ACK, .txn = msg->txn};
		cl_send(c, msg->src, &ack);
		break;
	}
	case MSG_MAP_ACK:
	case MSG_SYNC_ACK:
	case MSG_BYE:
		if (msg->txn)
			cl_wait_answer(c, (struct cl_wait *)(uintptr_t)msg->txn, 0, 0);
		break;
	case MSG_START:
		c->m->sigreturn_tramp = msg->arg[0];
		c->split_base = msg->arg[1];
		break;
	case MSG_HELLO:
		if (msg->src > 0 && msg->src < c->size)
			c->cores[msg->src] = (int)msg->arg[0];
		c->hellos++;
		break;
	case MSG_SHUTDOWN: leave(c, msg->txn);
	case MSG_GATHER: dsm_gather(c, msg); break;
	case MSG_GATHER_PAGES: {
		struct cl_gather *g = (struct cl_gather *)(uintptr_t)msg->txn;
		cl_gather_add(g, msg->payload, msg->len / 8);
		cl_wait_answer(c, &g->w, 0, 0);
		break;
	}
	case MSG_AFFINITY: place_message(c, msg); break;
	case MSG_SPLIT_SLOT:
	case MSG_SPLIT:
	case MSG_SPLIT_JOIN:
	case MSG_SPLIT_JOIN_ACK:
	case MSG_SPLIT_JOINED: split_message(c, msg); break;
	case MSG_THAW: dsm_thaw(c); break;
	case MSG_SELFTEST: selftest_message(c, msg); break;
	case MSG_DIE:
	case MSG_SIGNAL:
	case MSG_SIGMASK:
	case MSG_SIGMASK_ACK:
	case MSG_ROBUST:
	case MSG_SIGACTION:
	case MSG_SIGACTION_ACK:
	case MSG_THREAD_START:
	case MSG_SYSCALL:
	case MSG_SYSCALL_RET:
	case MSG_GROUP:
	case MSG_GROUP_RANK:
	case MSG_MIGRATE:
	case MSG_MOVE:
	case MSG_GDB: remote_message(c, msg); break;
	default: break;
	}
}

/* A thread others wait for: ahead of guest threads for a core when it wakes. Under EEVDF (Linux
 * 6.6 on) a nice value alone does not preempt: a task that asks for a short slice does (6.12 on);
 * older kernels refuse the slice and keep the nice value. */
static void set_scheduling(int nice, uint64_t slice_ns)
{
	struct sched_attr_v0 attr = {.policy = SCHED_OTHER, .nice = nice};
	if (set_slice(&attr, slice_ns) != 0)
		setpriority(PRIO_PROCESS, (id_t)gettid(), nice);
}

void cl_prompt_thread(int nice)
{
	set_scheduling(nice, PROMPT_SLICE_NS);
}

void cl_plain_thread(int nice)
{
	set_scheduling(nice, 0);
}

/* How long to poll before sleeping: long unless this rank's threads in guest code fill its cores. */
static uint64_t spin_time(struct cluster *c)
{
	struct rvx_vcpu *t;
	int busy = 0;
	if (pthread_mutex_trylock(&c->m->lock) != 0) /* its holder may wait for this thread */
		return SPIN_SHORT_NS;
	for (t = c->m->threads; t; t = t->next)
		busy += t->state == VCPU_IN_GUEST;
	pthread_mutex_unlock(&c->m->lock);
	return busy < c->cpus ? SPIN_LONG_NS : SPIN_SHORT_NS;
}

/* How long to sleep on the doorbell: RETRY_SLEEP_NS while work waits to be tried again, else
 * until a plan is due (at the earliest RETRY_SLEEP_NS), at most BELL_SLEEP_NS */
static uint64_t bell_sleep_ns(struct cluster *c)
{
	uint64_t plan = c->later.head || c->kick_pending ? 0 : place_wait_ns(c);
	return plan < RETRY_SLEEP_NS ? RETRY_SLEEP_NS : plan < BELL_SLEEP_NS ? plan : BELL_SLEEP_NS;
}

static void *service_main(void *arg)
{
	struct cluster *c = arg;
	struct pollfd fds[3] = {{c->wake_fd, POLLIN, 0}, {c->uffd, POLLIN, 0}, {-1, POLLIN, 0}};
	uint64_t sleep_ns = MIN_SLEEP_NS, idle_since = 0, spin_ns = SPIN_SHORT_NS, t0, spins = 0;
	int bell, woken;
	bool fault_woke = true; /* the last sleep ended for a fault (the first round reads them too) */
	cpu_set_t set;
	c->cpus = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
	prctl(PR_SET_TIMERSLACK, 1); /* a sleep of 5 us is not one of 55 */
	/* every remote fault and delegated syscall waits for this thread: ahead of guest threads
	 * for a core (when allowed: root or CAP_SYS_NICE). Not real-time: measured, a SCHED_FIFO
	 * service made 32 threads on private mutexes over 2 ranks 3.6x slower and a remote read
	 * miss 4x slower (it preempts at every event, and a lock holder or the faulting thread
	 * waits). */
	cl_prompt_thread(SERVICE_NICE);
	for (;;) {
		t0 = cl_now_ns();
		if (__atomic_load_n(&c->stopping, __ATOMIC_ACQUIRE))
			break;
		bool faults = fault_woke || !idle_since || ++spins % FAULT_POLL_ROUNDS == 0;
		fault_woke = false;
		if (cl_service_round(c, faults)) {
			c->stats.service_ns += cl_now_ns() - t0;
			idle_since = 0;
			sleep_ns = MIN_SLEEP_NS;
			continue;
		}
		if (!idle_since) {
			bool went_on = __atomic_exchange_n(&c->poster_goes_on, false, __ATOMIC_ACQ_REL);
			idle_since = t0;
			/* not after waking a thread that waited (a page, an answer), nor after a poster
			 * that went on: the polling would keep it off a core (a write miss took 400 us,
			 * 127 us without) */
			spin_ns = c->woke || went_on ? 0 : spin_time(c);
			c->woke = false;
		}
		if (t0 - idle_since < spin_ns)
			continue; /* no sched_yield: it would give a busy guest thread a whole time slice */
		/* a send MPI has not handed over yet goes on only while this thread calls MPI */
		bell = c->t->doorbell && c->t->drained(c->t) ? c->t->doorbell(c->t) : -1;
		/* came after the last round, its ring emptied (a fault wakes the sleep below) */
		if (bell >= 0 && cl_service_round(c, false)) {
			idle_since = 0;
			continue;
		}
		fds[2].fd = bell;
		struct timespec ts = {0, (long)(bell >= 0 ? bell_sleep_ns(c) : sleep_ns)};
		woken = ppoll(fds, 3, &ts, NULL);
		fault_woke = woken > 0 && (fds[1].revents & POLLIN);
		if (woken > 0 && (fds[0].revents & POLLIN)) {
			uint64_t v;
			if (read(c->wake_fd, &v, sizeof v) < 0) {
				/* drained by an earlier read */
			}
		}
		if (bell >= 0 && woken > 0)
			idle_since = 0; /* polls again: over TCP a ring may come before its message */
		if (sleep_ns < MAX_SLEEP_NS)
			sleep_ns *= 2;
	}
	/* the master at the end: the last messages out, then the link closes */
	while (!c->t->drained(c->t))
		cl_service_round(c, true);
	print_stats(c);
	c->t->finish(c->t);
	return NULL;
}

int cluster_service_start(struct cluster *c)
{
	pthread_attr_t attr;
	sigset_t all;
	int r;
	sigfillset(&all);
	pthread_attr_init(&attr);
	pthread_attr_setsigmask_np(&attr, &all);
	r = pthread_create(&c->service, &attr, service_main, c);
	pthread_attr_destroy(&attr);
	if (r == 0)
		c->service_started = true;
	return -r;
}

/* The rank other than the master: its main thread serves until the master ends the process. */
_Noreturn void cluster_service_loop(struct cluster *c)
{
	uint64_t all = ~0ull;
	host_sigmask(SIG_SETMASK, all, NULL);
	service_main(c);
	syscall(SYS_exit_group, 0);
	_exit(0);
}

void cluster_shutdown(struct cluster *c)
{
	struct cl_msg msg = {.type = MSG_SHUTDOWN};
	struct cl_wait w;
	struct timespec timeout = {BYE_TIMEOUT, 0};
	if (c->rank != MASTER || __atomic_exchange_n(&c->shutting, 1, __ATOMIC_SEQ_CST))
		return;
	cl_wait_init(&w, c->size - 1);
	msg.txn = (uint64_t)(uintptr_t)&w;
	cl_post_others(c, &msg, CL_POSTER_WAITS);
	if (!wait_until(&w.done, &timeout))
		fprintf(stderr, "rvx: cluster: %d of %d ranks did not answer the shutdown within %d s\n", w.pending,
			c->size - 1, BYE_TIMEOUT);
	__atomic_store_n(&c->stopping, 1, __ATOMIC_SEQ_CST);
	wake_service(c);
	pthread_join(c->service, NULL);
	/* pages that were elsewhere are gone: what still touches one reads zeros, never waits */
	struct uffdio_range all = {(uint64_t)(uintptr_t)c->m->space.base, c->m->space.size};
	ioctl(c->uffd, UFFDIO_UNREGISTER, &all);
}

void cluster_abandon(struct rvx_machine *m)
{
	struct cluster *c = m->cluster;
	uint64_t deadline = cl_now_ns() + BYE_TIMEOUT * 1000000000ull;
	int byes = 0;
	for (int r = 1; r < c->size; r++) {
		struct cl_msg msg = {.type = MSG_SHUTDOWN};
		cl_send(c, r, &msg);
	}
	if (c->t->ring)
		c->t->ring(c->t);
	while (byes < c->size - 1 && cl_now_ns() < deadline) {
		const void *buf;
		struct cl_msg msg;
		int src;
		long n = c->t->recv(c->t, &src, &buf);
		if (n < 0)
			break;
		if (n > 0 && wire_decode(buf, (size_t)n, &msg) && msg.type == MSG_BYE)
			byes++;
	}
	c->t->finish(c->t);
}
