/* Automatic placement (CL_OPT_PLACE): each home watches which threads take its pages from each
 * other across ranks and tells the master of two that do so often; they join one group there
 * (union-find). Every so often the groups get ranks, each group on one rank within about every
 * rank's fair share of the threads, and the threads that are elsewhere move there at their next safe
 * point (cluster_migrate). Pages that many threads take (a C library's globals, a page of
 * locks) tell nothing of who shares with whom and are left out; a group larger than a rank's
 * share stays where it is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Two threads are one group after PAIR_TRANSFERS pages taken between them, over PAIR_PAGES
 * different pages at least (a page where their shares of an array meet is no reason to move
 * them); a page taken by more than PAGE_THREADS threads (bits of its filter) is left out. */
#define PAIR_TRANSFERS 4
#define PAIR_PAGES     3
#define PAGE_THREADS   6
/* A plan at most each PLAN_NS, and once no group has grown for QUIET_NS */
#define PLAN_NS       20000000ull
#define QUIET_NS      5000000ull
#define PLACE_THREADS 4096 /* threads followed */
#define MOVE_MS       200  /* a move asked and not seen done after this long is forgotten */

struct cl_affinity {
	struct pagemap last; /* page -> the last taker: tid | rank << 24 | filter of takers << 32 */
	/* two threads -> pages taken between them | filter of those pages << 32 | united << 63 */
	struct pagemap pairs;
	struct pagemap index; /* tid << 12 -> union-find index + 1 */
	/* tid << 12 -> a move asked and not seen done yet: rank + 1 | when (ms) << 20. Such a thread
	 * counts where it goes (a plan before it gets there would move another in its place). */
	struct pagemap moving;
	int parent[PLACE_THREADS], size[PLACE_THREADS], tid[PLACE_THREADS];
	int seen[PLACE_THREADS]; /* by a group's root: its size at the last plan */
	int n;
	bool changed; /* groups changed since the last plan, or threads ended */
	int nthreads;
	uint64_t planned_ns, united_ns;
	uint64_t unions, plans, moves, balanced;
};

static struct cl_affinity *place_of(struct cluster *c)
{
	if (c->opt.off & CL_OPT_PLACE || !c->m)
		return NULL;
	if (!c->place)
		c->place = calloc(1, sizeof *c->place);
	return c->place;
}

int place_thread(struct cluster *c, int host_tid)
{
	struct rvx_vcpu *t;
	int tid = 0;
	if (c->opt.off & CL_OPT_PLACE || !c->m)
		return 0;
	if (c->rank == MASTER)
		return host_tid; /* a thread here has its host thread's id (a proxy too) */
	if (pthread_mutex_trylock(&c->m->lock) != 0)
		return 0;
	for (t = c->m->threads; t && !tid; t = t->next)
		if (t->host_tid == host_tid)
			tid = t->tid;
	pthread_mutex_unlock(&c->m->lock);
	return tid;
}

static int find(struct cl_affinity *pl, int i)
{
	while (pl->parent[i] != i)
		i = pl->parent[i] = pl->parent[pl->parent[i]];
	return i;
}

/* The thread's union-find index, -1 when no more threads can be followed. */
static int index_of(struct cl_affinity *pl, int tid)
{
	uint64_t *v = pagemap_put(&pl->index, (uint64_t)(uint32_t)tid << 12, 0);
	if (!v)
		return -1;
	if (!*v) {
		if (pl->n == PLACE_THREADS)
			return -1;
		pl->parent[pl->n] = pl->n;
		pl->size[pl->n] = 1;
		pl->tid[pl->n] = tid;
		*v = (uint64_t)++pl->n;
	}
	return (int)*v - 1;
}

static void unite(struct cl_affinity *pl, int a, int b)
{
	int i = index_of(pl, a), j = index_of(pl, b);
	if (i < 0 || j < 0 || (i = find(pl, i)) == (j = find(pl, j)))
		return;
	if (pl->size[i] < pl->size[j]) {
		int k = i;
		i = j;
		j = k;
	}
	pl->parent[j] = i;
	pl->size[i] += pl->size[j];
	pl->changed = true;
	pl->united_ns = cl_now_ns();
	pl->unions++;
}

void place_observe(struct cluster *c, int r, int thread, uint64_t page)
{
	struct cl_affinity *pl;
	uint64_t *v, prev, key, *n;
	uint32_t filter, tid = (uint32_t)thread & 0xffffff, ptid;
	if (!thread || !(pl = place_of(c)) || !(v = pagemap_put(&pl->last, page, 0)))
		return;
	prev = *v;
	filter = (uint32_t)(prev >> 32) | 1u << (tid * 0x9e3779b1u >> 27);
	*v = tid | (uint64_t)r << 24 | (uint64_t)filter << 32;
	ptid = (uint32_t)prev & 0xffffff;
	if (!prev || ptid == tid || (int)(prev >> 24 & 0xff) == r || __builtin_popcount(filter) > PAGE_THREADS)
		return;
	key = ((uint64_t)(tid < ptid ? tid : ptid) << 24 | (tid < ptid ? ptid : tid)) << 12;
	n = pagemap_put(&pl->pairs, key, 0);
	if (!n || *n >> 63)
		return;
	*n = (*n + 1) | 1ull << (32 + ((page >> 12) * 0x9e3779b97f4a7c15ull >> 60));
	if ((uint32_t)*n < PAIR_TRANSFERS || __builtin_popcountll(*n >> 32) < PAIR_PAGES)
		return;
	*n |= 1ull << 63;
	if (c->rank == MASTER) {
		unite(pl, (int)tid, (int)ptid);
	} else {
		struct cl_msg msg = {.type = MSG_AFFINITY, .src = c->rank};
		msg.arg[0] = tid;
		msg.arg[1] = ptid;
		cl_send(c, MASTER, &msg);
	}
}

void place_message(struct cluster *c, const struct cl_msg *msg)
{
	struct cl_affinity *pl = place_of(c);
	if (pl && c->rank == MASTER)
		unite(pl, (int)msg->arg[0], (int)msg->arg[1]);
}

/* Thread tid, on rank from, is to move to rank to. The caller holds the machine's lock. */
static void move(struct cluster *c, int tid, int from, int to)
{
	uint64_t *v;
	if (from == MASTER) {
		for (struct rvx_vcpu *t = c->m->threads; t; t = t->next)
			if (t->tid == tid) {
				__atomic_store_n(&t->migrate_to, to + 1, __ATOMIC_SEQ_CST);
				__atomic_store_n(&t->interrupt, 1, __ATOMIC_SEQ_CST);
			}
	} else {
		struct cl_msg msg = {.type = MSG_MOVE, .thread = tid};
		msg.arg[0] = (uint64_t)to;
		cl_send(c, from, &msg);
	}
	v = pagemap_put(&c->place->moving, (uint64_t)(uint32_t)tid << 12, 0);
	if (v)
		*v = (uint64_t)(to + 1) | cl_now_ns() / 1000000 << 20;
	c->place->moves++;
}

struct member {
	int tid, rank, root;
	bool blocked; /* in a syscall (a proxy's call for a thread elsewhere) */
	bool moving;  /* on its way to rank (moving) */
};

/* The end of the group that starts at mem[i] (mem sorted by root) */
static int group_end(const struct member *mem, int n, int i)
{
	int j = i;
	while (j < n && mem[j].root == mem[i].root)
		j++;
	return j;
}

static int by_root(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	return x->root != y->root ? (x->root < y->root ? -1 : 1) : 0;
}

/* Round-robin placement, once threads ended: while a rank runs no thread, a thread in no group
 * moves there from a rank that runs two or more (the main thread stays at the master), so that
 * threads that ended early do not leave a rank idle while another's cores are shared. Threads
 * blocked in syscalls neither count nor move. (Moving for any smaller imbalance cost pi:120
 * over 2 ranks 8%: its threads end at slightly different times, and a thread moved near its
 * end gains nothing.) */
static void balance(struct cluster *c, struct cl_affinity *pl, const struct member *mem, int n, int *load)
{
	memset(load, 0, (size_t)c->size * sizeof *load);
	for (int i = 0; i < n; i++)
		load[mem[i].rank] += !mem[i].blocked;
	for (int i = 0; i < n; i++) {
		int from = mem[i].rank, to = 0;
		if (mem[i].root != -1 || mem[i].blocked || mem[i].moving || (c->m->cpu && mem[i].tid == c->m->cpu->tid))
			continue;
		for (int r = 1; r < c->size; r++)
			if (load[r] < load[to])
				to = r;
		if (load[to] > 0 || load[from] < 2)
			continue;
		move(c, mem[i].tid, from, to);
		load[from]--;
		load[to]++;
		pl->balanced++;
	}
}

/* Every thread's rank and group now; the groups get ranks, largest first, each within its
 * rank's fair share of the threads and a quarter more (at the fair share exactly, threads that
 * end near the end of a run made a group that was whole on a rank move to the other); a group
 * that grew since the last plan waits for the next, and so does one smaller than a group that
 * grew, which may be part of it (threads moved for part of a group move again once it is
 * whole: locality 4x8 asked 28 moves where 16 do, and now 16); then, under round-robin
 * placement, the others are balanced. True when a group waits. */
static bool plan(struct cluster *c, struct cl_affinity *pl, struct member *mem, int n)
{
	bool growing = false;
	int *load = calloc((size_t)c->size, sizeof *load), *here = calloc((size_t)c->size, sizeof *here);
	int cap = (n + c->size - 1) / c->size, slack = cap / 4, grown = 0;
	if (!load || !here)
		goto out;
	qsort(mem, (size_t)n, sizeof *mem, by_root);
	for (int i = 0; i < n; i++) /* threads in no group stay, and count where they are */
		if (mem[i].root < 0)
			load[mem[i].rank]++;
	for (int i = 0, j; i < n; i = j) { /* the largest group that grew since the last plan */
		j = group_end(mem, n, i);
		if (mem[i].root >= 0 && pl->seen[mem[i].root] != j - i && j - i > grown)
			grown = j - i;
	}
	for (;;) {
		int best = -1, start = -1, len = 0;
		for (int i = 0; i < n;) { /* the largest group not placed yet */
			int j = group_end(mem, n, i);
			if (mem[i].root >= 0 && j - i > len) {
				start = i;
				len = j - i;
			}
			i = j;
		}
		if (start < 0)
			break;
		memset(here, 0, (size_t)c->size * sizeof *here);
		for (int i = start; i < start + len; i++)
			here[mem[i].rank]++;
		if (pl->seen[mem[start].root] != len || len < grown) {
			pl->seen[mem[start].root] = len;
			growing = true;
			best = -2; /* stays where it is, this time */
		}
		for (int r = 0; r < c->size && best != -2; r++) /* the rank with room that has most of it already */
			if (load[r] + len <= cap + slack &&
			    (best < 0 || here[r] > here[best] || (here[r] == here[best] && load[r] < load[best])))
				best = r;
		for (int i = start; i < start + len; i++) {
			if (best >= 0 && mem[i].rank != best && !mem[i].moving) {
				move(c, mem[i].tid, mem[i].rank, best);
				mem[i].rank = best;
			}
			load[mem[i].rank]++;
			mem[i].root = -2; /* placed */
		}
	}
	if (c->opt.place == PLACE_ROUNDROBIN)
		balance(c, pl, mem, n, load);
out:
	free(load);
	free(here);
	return growing;
}

/* Whether thread tid is on its way to another rank (*rank: that one, not the one it is on) */
static bool on_its_way(struct cl_affinity *pl, int tid, int *rank, uint64_t now)
{
	uint64_t key = (uint64_t)(uint32_t)tid << 12, *v = pagemap_get(&pl->moving, key);
	int to;
	if (!v)
		return false;
	to = (int)(*v & 0xfffff) - 1;
	if (to == *rank || now / 1000000 - (*v >> 20) > MOVE_MS) {
		pagemap_del(&pl->moving, key);
		return false;
	}
	*rank = to;
	return true;
}

/* When the next plan may be made: PLAN_NS after the last, once no group has grown for QUIET_NS */
static uint64_t plan_due(const struct cl_affinity *pl)
{
	uint64_t after_plan = pl->planned_ns + PLAN_NS, after_union = pl->united_ns + QUIET_NS;
	return after_plan > after_union ? after_plan : after_union;
}

bool place_round(struct cluster *c)
{
	struct cl_affinity *pl = c->opt.off & CL_OPT_PLACE || c->rank != MASTER ? NULL : place_of(c);
	uint64_t now;
	struct member *mem;
	int n = 0, nthreads = pl ? __atomic_load_n(&c->m->nthreads, __ATOMIC_SEQ_CST) : 0;
	if (pl && nthreads != pl->nthreads) { /* fewer: those left may be spread unevenly now */
		pl->changed |= nthreads < pl->nthreads && c->opt.place == PLACE_ROUNDROBIN;
		pl->nthreads = nthreads;
	}
	if (!pl || !pl->changed || (now = cl_now_ns()) < plan_due(pl))
		return false;
	if (pthread_mutex_trylock(&c->m->lock) != 0)
		return false;
	mem = malloc((size_t)__atomic_load_n(&c->m->nthreads, __ATOMIC_SEQ_CST) * 2 * sizeof *mem + sizeof *mem);
	pthread_mutex_lock(&c->proxy_lock);
	for (struct rvx_vcpu *t = c->m->threads; mem && t; t = t->next) {
		uint64_t *v = pagemap_get(&pl->index, (uint64_t)(uint32_t)t->tid << 12);
		int rank = MASTER;
		bool blocked = t->state == VCPU_IN_SYSCALL;
		if (t->vfork_child || !t->tid)
			continue;
		for (struct cl_proxy *p = c->proxies; p; p = p->next)
			if (p->cpu == t) {
				rank = __atomic_load_n(&p->rank, __ATOMIC_ACQUIRE);
				blocked = __atomic_load_n(&p->in_call, __ATOMIC_ACQUIRE);
			}
		mem[n].tid = t->tid;
		mem[n].rank = rank;
		mem[n].blocked = blocked;
		mem[n].moving = on_its_way(pl, t->tid, &mem[n].rank, now);
		mem[n].root = v && pl->size[find(pl, (int)*v - 1)] > 1 ? find(pl, (int)*v - 1) : -1;
		n++;
		if (n >= 2 * (int)__atomic_load_n(&c->m->nthreads, __ATOMIC_SEQ_CST))
			break;
	}
	pthread_mutex_unlock(&c->proxy_lock);
	pl->changed = false;
	if (mem && plan(c, pl, mem, n))
		pl->changed = true; /* once more, when the growing groups may be whole */
	/* a thread that ended is counted out before it leaves the list, where this plan saw it on
	 * its rank: once more, when it is gone */
	if (n > (int)__atomic_load_n(&c->m->nthreads, __ATOMIC_SEQ_CST))
		pl->changed = true;
	pthread_mutex_unlock(&c->m->lock);
	free(mem);
	pl->planned_ns = now;
	pl->plans++;
	return true;
}

uint64_t place_wait_ns(struct cluster *c)
{
	struct cl_affinity *pl = c->rank == MASTER ? c->place : NULL; /* none while placement is off */
	uint64_t now = cl_now_ns(), due;
	if (!pl || !pl->changed)
		return UINT64_MAX;
	due = plan_due(pl);
	return due > now ? due - now : 0;
}

void place_print_stats(struct cluster *c)
{
	struct cl_affinity *pl = c->place;
	if (pl && pl->plans)
		fprintf(
		    c->m->log,
		    "rvx: cluster rank %d: placement: %llu threads joined groups, %llu plans, %llu moves asked (%llu "
		    "to balance the ranks)\n",
		    c->rank, (unsigned long long)pl->unions, (unsigned long long)pl->plans,
		    (unsigned long long)pl->moves, (unsigned long long)pl->balanced);
}
