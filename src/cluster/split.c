/* Page splitting against false sharing. Threads on two ranks that write different places of
 * one page pass the whole page back and forth though they share nothing. The page's home sees
 * it (the page moves between writers whose faults fall in disjoint 64-byte units) and splits
 * it: each unit gets a shadow page of its own, at the same offset, in a chunk of the shadow area
 * (a mapping the master makes at start), and the shadow pages move between ranks alone, under
 * the page protocol like any page. The page itself is made inaccessible on every rank: an
 * instruction's first access to it faults, the instruction is marked (the translator and the
 * interpreter then look its accesses up in the split table) and runs again on the shadow page.
 * What cannot go to one shadow page (an access across two units, rvx's own code or the kernel
 * in a syscall, a mapping change over the page) joins the page again first.
 *
 * A split, at the home H: a table slot from the master (slots are shared by page number), the
 * page itself in state M at H (an ordinary request), then the page write-protected, its bytes
 * copied into each shadow page of a free chunk of H's (all at H), the table entry, the page
 * made PROT_NONE, and SPLIT to every rank, which does the same to its table and page. Requests
 * for the page get DATA_SPLIT from then on: the requester's thread tries again and faults.
 *
 * A join, at H: every shadow page comes back in state M (H's own requests); requests from other
 * ranks for them get DATA_SPLIT from then on. Then the table entry goes, the chunk is
 * write-protected, the units are put together and installed as the page (whole, while it is
 * still PROT_NONE), the chunk is made PROT_NONE (an access of a thread that looked the table up
 * before faults and runs again from its start), the page gets its protection back, and JOINED
 * goes to every rank, which does the same. A split page stays split while ranks use it: a page
 * written by one rank alone costs nothing more split than whole. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../mem/space.h"
#include "internal.h"

#define PAGE RVX_PAGE_SIZE
/* A page is split once it moved between writers this many times, and two of them or more wrote
 * units no other one did; a pattern older than WATCH_NS starts again. */
#define SPLIT_MOVES 12
#define WATCH_NS    1000000000ull
/* Retries of an access to a shadow page no split page uses before it is the guest's fault. */
#define SHADOW_RETRIES 100000

enum { CH_FREE, CH_SLOT, CH_FETCH, CH_SPLIT, CH_JOIN };

struct split_asker {
	struct split_asker *next;
	int rank;
	uint64_t txn;
};

/* A chunk of this home's: the page split into it and how far. */
struct split_chunk {
	uint64_t page;
	int state;
	int prot;     /* the page's host protection once whole (its mapping's, changes made meanwhile included) */
	bool discard; /* its contents went with a mapping change: it is joined as it is now */
	struct split_asker *askers;
};

/* How a page moves between writers (at its home). */
struct split_watch {
	unsigned joins; /* each time the page was joined, it takes 4 times the moves to split it again */
	uint64_t last_ns;
	int writer; /* the last rank that asked to write, + 1 */
	unsigned moves;
	uint64_t units[]; /* where each rank's write faults fell */
};

static void watch_restart(const struct cluster *c, struct split_watch *w)
{
	unsigned joins = w->joins;
	memset(w, 0, sizeof *w + (size_t)c->size * sizeof w->units[0]);
	w->joins = joins;
}

struct cl_split {
	struct split_chunk chunk[SPLIT_CHUNKS]; /* chunk k is rank k mod size's */
	int next_chunk;                         /* at a home: the one it tries first */
	struct pagemap pages;                   /* at a home: page -> 1 + its chunk */
	struct pagemap watch;                   /* at a home: page -> struct split_watch * */
	uint64_t slot_page[RVX_SPLIT_SLOTS];    /* at the master: the page each table slot is for */
	unsigned paused; /* at the master: no slot is given while a mapping change, fork or exec holds */
	/* any thread: the instructions that look split pages up (pc -> 1), and every page split on
	 * this rank so far (a fault raised before a join may arrive after it) */
	pthread_mutex_t lock;
	struct pagemap aware, history;
	struct pagemap pins; /* at the master: page -> the syscalls under way that pinned it */
	uint64_t naware;
	struct {
		uint64_t splits, joins, asked, refused, redirected;
	} stats;
};

int split_init(struct cluster *c)
{
	struct cl_split *sp = calloc(1, sizeof *sp);
	if (!sp)
		return -ENOMEM;
	pthread_mutex_init(&sp->lock, NULL);
	for (int s = 0; s < RVX_SPLIT_SLOTS; s++)
		c->split_tab[s].key = UINT64_MAX;
	c->split = sp;
	if (c->m && !(c->opt.off & CL_OPT_SPLIT))
		c->m->split_tab = c->split_tab;
	return 0;
}

int split_map_area(struct cluster *c)
{
	int64_t a;
	if (c->opt.off & CL_OPT_SPLIT)
		return 0;
	a = space_map(&c->m->space, 0, SPLIT_AREA, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0,
		      "[rvx split]");
	if (a < 0)
		return (int)a;
	c->split_base = (uint64_t)a;
	return 0;
}

static int slot_of(uint64_t page)
{
	return (int)((page >> 12) & (RVX_SPLIT_SLOTS - 1));
}

static int chunk_of(const struct cluster *c, uint64_t shadow)
{
	return (int)((shadow - c->split_base) / SPLIT_CHUNK_BYTES);
}

static uint64_t chunk_base(const struct cluster *c, int k)
{
	return c->split_base + (uint64_t)k * SPLIT_CHUNK_BYTES;
}

static void *host(const struct cluster *c, uint64_t addr)
{
	return g2h(&c->m->space, addr);
}

static struct split_chunk *chunk_of_page(struct cluster *c, uint64_t page)
{
	uint64_t *v = pagemap_get(&c->split->pages, page);
	return v ? &c->split->chunk[*v - 1] : NULL;
}

uint64_t split_page_of(const struct cluster *c, uint64_t page)
{
	const struct rvx_split_entry *e;
	if (!cl_is_shadow(c, page))
		return 0;
	e = &c->split_tab[0];
	for (int s = 0; s < RVX_SPLIT_SLOTS; s++, e++)
		if (e->shadow == chunk_base(c, chunk_of(c, page)) && e->key != UINT64_MAX)
			return e->key;
	return 0;
}

static void fatal_nomem(struct cluster *c)
{
	c->t->abort(c->t, 70); /* out of memory in the protocol: the process cannot go on */
}

static void remember(struct cluster *c, uint64_t page)
{
	pthread_mutex_lock(&c->split->lock);
	if (!pagemap_put(&c->split->history, page, 1)) {
		pthread_mutex_unlock(&c->split->lock);
		fatal_nomem(c);
	}
	pthread_mutex_unlock(&c->split->lock);
}

static bool was_split(struct cluster *c, uint64_t page)
{
	bool r;
	pthread_mutex_lock(&c->split->lock);
	r = pagemap_get(&c->split->history, page) != NULL;
	pthread_mutex_unlock(&c->split->lock);
	return r;
}

static void post_all(struct cluster *c, uint32_t type, uint64_t page, int k, int prot)
{
	struct cl_msg msg = {.type = type, .page = page, .home = c->rank};
	msg.arg[0] = (uint64_t)k;
	msg.arg[1] = (uint64_t)(int64_t)prot;
	for (int r = 0; r < c->size; r++)
		if (r != c->rank)
			cl_send(c, r, &msg);
}

/* --- every rank: the table, the page, the chunk --- */

static void wake_chunk(struct cluster *c, int k)
{
	for (int u = 0; u < (int)SPLIT_UNITS; u++)
		c->pages->wake(c, chunk_base(c, k) + (uint64_t)u * PAGE);
}

/* The table changed: the look-ups translated code remembers (rvx_split_memo) are dropped by
 * each vCPU at its dispatcher, where the kick sends it. */
static void memos_stale(struct cluster *c)
{
	__atomic_add_fetch(&c->m->split_gen, 1, __ATOMIC_SEQ_CST);
	c->kick_pending = true;
	cl_kick(c);
}

/* The split page's accesses go to chunk k from now on. */
static void table_split(struct cluster *c, uint64_t page, int k)
{
	struct rvx_split_entry *e = &c->split_tab[slot_of(page)];
	mprotect(host(c, chunk_base(c, k)), SPLIT_CHUNK_BYTES, PROT_READ | PROT_WRITE);
	e->shadow = chunk_base(c, k);
	__atomic_store_n(&e->key, page, __ATOMIC_RELEASE);
	mprotect(host(c, page), PAGE, PROT_NONE);
	dsm_reservations_end(c, page);
	remember(c, page);
	c->pages->wake(c, page);
	memos_stale(c);
}

/* The page is whole again (or its mapping went): accesses go to it. The entry goes last: a
 * syscall that fails on the page meanwhile finds it split, and runs again once it is whole. */
static void table_join(struct cluster *c, uint64_t page, int k, int prot)
{
	struct rvx_split_entry *e = &c->split_tab[slot_of(page)];
	mprotect(host(c, chunk_base(c, k)), SPLIT_CHUNK_BYTES, PROT_NONE);
	wake_chunk(c, k);
	mprotect(host(c, page), PAGE, prot);
	if (__atomic_load_n(&e->key, __ATOMIC_RELAXED) == page)
		__atomic_store_n(&e->key, UINT64_MAX, __ATOMIC_RELEASE);
	dsm_reservations_end(c, page);
	c->pages->wake(c, page);
	memos_stale(c);
}

/* --- the home --- */

static struct split_chunk *free_chunk(struct cluster *c, int *k)
{
	struct cl_split *sp = c->split;
	int mine = (SPLIT_CHUNKS - c->rank + c->size - 1) / c->size; /* chunks rank, rank + size, ... */
	for (int n = 0; n < mine; n++) {
		int i = c->rank + c->size * ((sp->next_chunk + n) % mine);
		if (sp->chunk[i].state == CH_FREE) {
			sp->next_chunk = (sp->next_chunk + n + 1) % mine;
			*k = i;
			return &sp->chunk[i];
		}
	}
	return NULL;
}

static void free_slot(struct cluster *c, uint64_t page)
{
	struct cl_msg msg = {.type = MSG_SPLIT_SLOT, .page = page};
	msg.arg[0] = SLOT_FREE;
	cl_send(c, MASTER, &msg);
}

static void chunk_release(struct cluster *c, struct split_chunk *ch)
{
	pagemap_del(&c->split->pages, ch->page);
	ch->page = 0;
	ch->state = CH_FREE;
	ch->discard = false;
}

/* A shadow page of chunk k is held here in M, no transaction under way on it. */
static bool chunk_home(struct cluster *c, int k)
{
	for (int u = 0; u < (int)SPLIT_UNITS; u++)
		if (!dsm_held(c, chunk_base(c, k) + (uint64_t)u * PAGE))
			return false;
	return true;
}

static void do_split(struct cluster *c, struct split_chunk *ch, int k)
{
	uint64_t page = ch->page, base = chunk_base(c, k);
	const void *bytes;
	struct rvx_vma v;
	if (!space_query_nowait(&c->m->space, page, &v) || (v.prot & PROT_EXEC) || !(v.prot & PROT_WRITE)) {
		free_slot(c, page);
		chunk_release(c, ch);
		return;
	}
	ch->prot = space_host_prot(v.prot);
	c->pages->install(c, page, c->zero_page, 1, true, false); /* the master's, never touched */
	c->pages->protect(c, page, 1, true);
	bytes = c->pages->bytes(c, page);
	mprotect(host(c, base), SPLIT_CHUNK_BYTES, PROT_READ | PROT_WRITE);
	c->pages->protect(c, base, SPLIT_UNITS, false);
	for (int u = 0; u < (int)SPLIT_UNITS; u++) {
		uint64_t q = base + (uint64_t)u * PAGE;
		if (c->pages->install(c, q, bytes, 1, false, false) == -EEXIST)
			memcpy(c->pages->bytes(c, q), bytes, PAGE);
	}
	ch->state = CH_SPLIT;
	table_split(c, page, k);
	post_all(c, MSG_SPLIT, page, k, ch->prot);
	c->split->stats.splits++;
	machine_log(c->m, RVX_LOG_CLUSTER, "rvx: cluster rank %d: page 0x%llx split into chunk %d\n", c->rank,
		    (unsigned long long)page, k);
}

static void answer_askers(struct cluster *c, struct split_chunk *ch)
{
	while (ch->askers) {
		struct split_asker *a = ch->askers;
		struct cl_msg ack = {.type = MSG_SPLIT_JOIN_ACK, .txn = a->txn};
		ch->askers = a->next;
		cl_send(c, a->rank, &ack);
		free(a);
	}
}

static void finish_join(struct cluster *c, struct split_chunk *ch, int k)
{
	uint64_t page = ch->page, base = chunk_base(c, k);
	uint8_t buf[PAGE];
	int prot = ch->prot;
	bool discard = ch->discard;
	c->pages->protect(c, base, SPLIT_UNITS, true);
	if (!discard) {
		for (int u = 0; u < (int)SPLIT_UNITS; u++) {
			size_t at = (size_t)u << RVX_SPLIT_UNIT_SHIFT;
			memcpy(buf + at, (const uint8_t *)c->pages->bytes(c, base + (uint64_t)u * PAGE) + at,
			       (size_t)1 << RVX_SPLIT_UNIT_SHIFT);
		}
		c->pages->drop(c, page);
		c->pages->install(c, page, buf, 1, false, false);
	}
	table_join(c, page, k, prot);
	madvise(host(c, base), SPLIT_CHUNK_BYTES, MADV_DONTNEED); /* held here, as zero pages */
	post_all(c, MSG_SPLIT_JOINED, page, k, prot);
	{
		uint64_t *v = pagemap_get(&c->split->watch, page);
		if (v)
			((struct split_watch *)(uintptr_t)*v)->joins++;
	}
	answer_askers(c, ch);
	free_slot(c, page);
	chunk_release(c, ch);
	c->split->stats.joins++;
	machine_log(c->m, RVX_LOG_CLUSTER, "rvx: cluster rank %d: page 0x%llx joined again%s\n", c->rank,
		    (unsigned long long)page, discard ? " (its mapping changed)" : "");
}

/* Brings chunk k's shadow pages back here; the join ends once they all are. */
static void join_start(struct cluster *c, struct split_chunk *ch, int k, bool discard)
{
	ch->discard |= discard;
	if (ch->state == CH_JOIN)
		return;
	ch->state = CH_JOIN;
	for (int u = 0; u < (int)SPLIT_UNITS; u++) {
		uint64_t q = chunk_base(c, k) + (uint64_t)u * PAGE;
		if (!dsm_held(c, q))
			dsm_take(c, q);
	}
	if (chunk_home(c, k))
		finish_join(c, ch, k);
}

bool split_involves(struct cluster *c, uint64_t page)
{
	return c->split && (cl_is_shadow(c, page) || chunk_of_page(c, page));
}

bool split_refuses(struct cluster *c, uint64_t page, int src)
{
	const struct split_chunk *ch;
	if (!c->split || src == c->rank)
		return false;
	if (cl_is_shadow(c, page))
		ch = &c->split->chunk[chunk_of(c, page)];
	else if (!(ch = chunk_of_page(c, page)) || ch->state < CH_SPLIT)
		return false;
	if (ch->state == CH_SPLIT && cl_is_shadow(c, page))
		return false;
	c->split->stats.refused++;
	return true;
}

void split_observe(struct cluster *c, uint64_t page, int src, int want, uint64_t offset)
{
	struct cl_split *sp = c->split;
	struct split_watch *w;
	uint64_t *v, now;
	int alone = 0, k;
	if (!sp || !c->split_base || want != PAGE_M || cl_is_shadow(c, page) || !offset || c->frozen ||
	    pagemap_get(&sp->pages, page))
		return;
	v = pagemap_put(&sp->watch, page, 0);
	if (!v)
		fatal_nomem(c);
	if (!*v) {
		w = calloc(1, sizeof *w + (size_t)c->size * sizeof w->units[0]);
		if (!w)
			fatal_nomem(c);
		*v = (uint64_t)(uintptr_t)w;
	}
	w = (struct split_watch *)(uintptr_t)*v;
	now = cl_now_ns();
	if (now - w->last_ns > WATCH_NS)
		watch_restart(c, w);
	w->last_ns = now;
	w->moves += w->writer && w->writer != src + 1;
	w->writer = src + 1;
	w->units[src] |= 1ull << ((offset - 1) >> RVX_SPLIT_UNIT_SHIFT);
	if (w->moves < (unsigned)SPLIT_MOVES << (w->joins < 8 ? 2 * w->joins : 16))
		return;
	for (int r = 0; r < c->size; r++) { /* ranks that write places no other rank writes */
		uint64_t others = 0;
		for (int q = 0; q < c->size; q++)
			others |= q != r ? w->units[q] : 0;
		alone += (w->units[r] & ~others) != 0;
	}
	if (alone < 2)
		return; /* they write the same places so far: true sharing */
	watch_restart(c, w);
	struct split_chunk *ch = free_chunk(c, &k);
	if (!ch)
		return;
	ch->page = page;
	ch->state = CH_SLOT;
	ch->prot = -1;
	v = pagemap_put(&sp->pages, page, 0);
	if (!v)
		fatal_nomem(c);
	*v = (uint64_t)k + 1;
	{
		struct cl_msg msg = {.type = MSG_SPLIT_SLOT, .page = page};
		msg.arg[0] = SLOT_TAKE;
		cl_send(c, MASTER, &msg);
	}
}

void split_page_done(struct cluster *c, uint64_t page)
{
	struct split_chunk *ch;
	int k;
	if (!c->split)
		return;
	if (cl_is_shadow(c, page)) {
		k = chunk_of(c, page);
		ch = &c->split->chunk[k];
		if (ch->state == CH_JOIN && cl_origin(c, page) == c->rank) {
			if (!dsm_held(c, page))
				dsm_take(c, page); /* another rank's transaction came first */
			else if (chunk_home(c, k))
				finish_join(c, ch, k);
		}
		return;
	}
	ch = chunk_of_page(c, page);
	if (!ch || ch->state != CH_FETCH)
		return;
	k = (int)(ch - c->split->chunk);
	if (dsm_held(c, page))
		do_split(c, ch, k);
	else
		dsm_take(c, page);
}

static void slot_message(struct cluster *c, const struct cl_msg *msg)
{
	struct cl_split *sp = c->split;
	struct split_chunk *ch;
	int s = slot_of(msg->page);
	switch (msg->arg[0]) {
	case SLOT_FREE:
		if (sp->slot_page[s] == msg->page)
			sp->slot_page[s] = 0;
		break;
	case SLOT_TAKE: {
		struct cl_msg back = {.type = MSG_SPLIT_SLOT, .page = msg->page};
		bool free;
		/* under the lock: a syscall that pins the page after this sees the slot taken */
		pthread_mutex_lock(&sp->lock);
		free = !sp->slot_page[s] && !sp->paused && !pagemap_get(&sp->pins, msg->page);
		if (free)
			__atomic_store_n(&sp->slot_page[s], msg->page, __ATOMIC_RELEASE);
		pthread_mutex_unlock(&sp->lock);
		back.arg[0] = free ? SLOT_GRANTED : SLOT_REFUSED;
		cl_send(c, msg->src, &back);
		break;
	}
	case SLOT_PAUSE:
	case SLOT_RESUME: {
		struct cl_msg ack = {.type = MSG_SPLIT_JOIN_ACK, .txn = msg->txn};
		sp->paused += msg->arg[0] == SLOT_PAUSE ? 1 : -1u;
		if (msg->txn)
			cl_send(c, c->rank, &ack);
		break;
	}
	default:
		ch = chunk_of_page(c, msg->page);
		if (!ch || ch->state != CH_SLOT) { /* the mapping went meanwhile */
			if (msg->arg[0] == SLOT_GRANTED)
				free_slot(c, msg->page);
			break;
		}
		if (msg->arg[0] == SLOT_REFUSED) {
			chunk_release(c, ch);
			break;
		}
		ch->state = CH_FETCH;
		if (dsm_held(c, msg->page))
			do_split(c, ch, (int)(ch - sp->chunk));
		else
			dsm_take(c, msg->page);
	}
}

static void join_message(struct cluster *c, const struct cl_msg *msg)
{
	struct split_chunk *ch = chunk_of_page(c, msg->page);
	struct split_asker *a;
	if (!ch || ch->state < CH_SPLIT) { /* whole already, and it stays so */
		struct cl_msg ack = {.type = MSG_SPLIT_JOIN_ACK, .txn = msg->txn};
		if (ch && ch->state == CH_FETCH)
			free_slot(c, ch->page);
		if (ch)
			chunk_release(c, ch); /* a granted slot is given back when its answer comes */
		cl_send(c, msg->src, &ack);
		return;
	}
	a = malloc(sizeof *a);
	if (!a)
		fatal_nomem(c);
	a->rank = msg->src;
	a->txn = msg->txn;
	a->next = ch->askers;
	ch->askers = a;
	c->split->stats.asked++;
	join_start(c, ch, (int)(ch - c->split->chunk), false);
}

void split_message(struct cluster *c, const struct cl_msg *msg)
{
	if (!c->split)
		return;
	switch (msg->type) {
	case MSG_SPLIT_SLOT: slot_message(c, msg); break;
	case MSG_SPLIT_JOIN: join_message(c, msg); break;
	case MSG_SPLIT_JOIN_ACK: cl_wait_answer(c, (struct cl_wait *)(uintptr_t)msg->txn, 0, 0); break;
	case MSG_SPLIT: table_split(c, msg->page, (int)msg->arg[0]); break;
	case MSG_SPLIT_JOINED: table_join(c, msg->page, (int)msg->arg[0], (int)(int64_t)msg->arg[1]); break;
	default: break;
	}
}

static void free_watch(void *arg, uint64_t page, uint64_t val)
{
	(void)arg;
	(void)page;
	free((void *)(uintptr_t)val);
}

/* prot: the mapping's guest protection after a map or protection change. */
void split_map_changed(struct cluster *c, int op, uint64_t addr, uint64_t len, int prot)
{
	struct cl_split *sp = c->split;
	bool keeps = op == SPACE_CHANGE_PROTECT || op == SPACE_CHANGE_WIDEN;
	if (!sp || !c->split_base || op == SPACE_CHANGE_CODE)
		return;
	if (!keeps)
		pagemap_del_range(&sp->watch, addr, addr + len, free_watch, NULL);
	for (int k = c->rank; k < SPLIT_CHUNKS; k += c->size) {
		struct split_chunk *ch = &sp->chunk[k];
		if (ch->state == CH_FREE || ch->page - addr >= len)
			continue;
		if (ch->state == CH_SLOT || ch->state == CH_FETCH) {
			chunk_release(c, ch); /* a granted slot is given back when its answer comes */
			continue;
		}
		if (op == SPACE_CHANGE_UNMAP)
			ch->prot = PROT_NONE;
		else if (op != SPACE_CHANGE_DISCARD)
			ch->prot = space_host_prot(prot);
		join_start(c, ch, k, !keeps);
	}
}

/* --- the guest's threads --- */

static void join_wait(struct cluster *c, uint64_t page, const char *why)
{
	struct cl_msg msg = {.type = MSG_SPLIT_JOIN, .page = page};
	struct cl_wait w;
	machine_log(c->m, RVX_LOG_CLUSTER, "rvx: cluster rank %d: page 0x%llx is to be whole: %s\n", c->rank,
		    (unsigned long long)page, why);
	cl_wait_init(&w, 1);
	msg.txn = (uint64_t)(uintptr_t)&w;
	msg.home = cl_home(c, page);
	cl_post(c, msg.home, &msg);
	cl_wait_for(&w);
}

static bool join_range(struct rvx_machine *m, uint64_t addr, uint64_t len, const char *why)
{
	struct cluster *c = m->cluster;
	bool any = false;
	if (!c || !c->split || !c->split_base)
		return false;
	for (int s = 0; s < RVX_SPLIT_SLOTS; s++) {
		uint64_t page = __atomic_load_n(&c->split_tab[s].key, __ATOMIC_ACQUIRE);
		if (page != UINT64_MAX && page + PAGE > addr && page - addr < len) {
			join_wait(c, page, why);
			any = true;
		}
	}
	return any;
}

bool cluster_split_join_range(struct rvx_machine *m, uint64_t addr, uint64_t len)
{
	return join_range(m, addr, len, addr || len != UINT64_MAX ? "a mapping change" : "a syscall, fork or exec");
}

/* The page each pointer argument points into and the next (for a small struct); how many. */
static unsigned arg_pages(const char *kinds, const uint64_t *a, uint64_t pages[SPLIT_ARG_PAGES])
{
	unsigned n = 0;
	for (int i = 0; i < 6 && kinds[i]; i++) {
		uint64_t base = a[i] & ~(uint64_t)(PAGE - 1);
		if (kinds[i] != 'p' || !a[i])
			continue;
		pages[n++] = base;
		if (base + PAGE > base) /* not past the top */
			pages[n++] = base + PAGE;
	}
	return n;
}

void cluster_split_join_args(struct rvx_machine *m, const char *kinds, const uint64_t *a, struct split_pins *pins)
{
	struct cluster *c = m->cluster;
	uint64_t pages[SPLIT_ARG_PAGES];
	unsigned n;
	pins->n = 0;
	if (!c || !c->split || !c->split_base)
		return;
	n = arg_pages(kinds, a, pages);
	if (c->rank == MASTER) {
		struct cl_split *sp = c->split;
		pthread_mutex_lock(&sp->lock);
		for (unsigned i = 0; i < n; i++) {
			uint64_t *count = pagemap_put(&sp->pins, pages[i], 0);
			if (!count)
				continue; /* no memory: not pinned (joined again on EFAULT) */
			++*count;
			pins->page[pins->n++] = pages[i];
		}
		pthread_mutex_unlock(&sp->lock);
		/* a slot given before the pin: the split on its way is called off */
		for (int i = 0; i < pins->n; i++)
			if (__atomic_load_n(&sp->slot_page[slot_of(pins->page[i])], __ATOMIC_ACQUIRE) == pins->page[i])
				join_wait(c, pins->page[i], "a syscall's argument");
	}
	for (unsigned i = 0; i < n; i++)
		join_range(m, pages[i], PAGE, "a syscall's argument");
}

void cluster_split_unpin(struct rvx_machine *m, const struct split_pins *pins)
{
	struct cl_split *sp;
	if (!pins->n || !m->cluster) /* (a forked child is no longer in the cluster) */
		return;
	sp = m->cluster->split;
	pthread_mutex_lock(&sp->lock);
	for (int i = 0; i < pins->n; i++) {
		uint64_t *count = pagemap_get(&sp->pins, pins->page[i]);
		if (count && --*count == 0)
			pagemap_del(&sp->pins, pins->page[i]);
	}
	pthread_mutex_unlock(&sp->lock);
}

/* The master's service pauses or resumes giving out slots (and has, when this returns). */
static void pause_slots(struct cluster *c, bool pause)
{
	struct cl_msg msg = {.type = MSG_SPLIT_SLOT};
	struct cl_wait w;
	cl_wait_init(&w, 1);
	msg.arg[0] = pause ? SLOT_PAUSE : SLOT_RESUME;
	msg.txn = (uint64_t)(uintptr_t)&w;
	cl_post(c, MASTER, &msg);
	cl_wait_for(&w);
}

void cluster_split_hold(struct rvx_machine *m, uint64_t addr, uint64_t len)
{
	struct cluster *c = m->cluster;
	const char *why = addr || len != UINT64_MAX ? "a mapping change" : "a fork or exec";
	if (!c || !c->split || !c->split_base)
		return;
	pause_slots(c, true);
	if (c->rank != MASTER) { /* the slots are the master's: the pages split so far */
		cluster_split_join_range(m, addr, len);
		return;
	}
	/* every page given a slot there: split, or on its way to be (which is called off) */
	for (int s = 0; s < RVX_SPLIT_SLOTS; s++) {
		uint64_t page = __atomic_load_n(&c->split->slot_page[s], __ATOMIC_ACQUIRE);
		if (page && page + PAGE > addr && page - addr < len)
			join_wait(c, page, why);
	}
}

void cluster_split_release(struct rvx_machine *m)
{
	struct cluster *c = m->cluster;
	if (c && c->split && c->split_base)
		pause_slots(c, false);
}

bool cluster_split_host_fault(struct rvx_vcpu *cpu, uint64_t addr)
{
	struct cluster *c = cpu->m->cluster;
	if (!c || !c->split || !c->split_base || !rvx_split_lookup(c->split_tab, addr))
		return false;
	join_wait(c, addr & ~(PAGE - 1), "rvx's own access");
	return true;
}

/* The instruction at pc looks split pages up from now on: its translations are made again. */
static void mark_aware(struct rvx_vcpu *cpu)
{
	struct cl_split *sp = cpu->m->cluster->split;
	bool fresh;
	pthread_mutex_lock(&sp->lock);
	fresh = !pagemap_get(&sp->aware, cpu->pc) && pagemap_put(&sp->aware, cpu->pc, 1);
	if (fresh)
		__atomic_add_fetch(&sp->naware, 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&sp->lock);
	if (fresh) {
		__atomic_add_fetch(&sp->stats.redirected, 1, __ATOMIC_RELAXED);
		machine_code_changed(cpu->m, cpu->pc, 4);
	}
}

/* The same fault again right after a retry is the guest's, or an access no shadow page takes. */
static bool again(struct rvx_vcpu *cpu, uint64_t addr)
{
	bool same = cpu->split_retry_pc == cpu->pc && cpu->split_retry_addr == addr;
	cpu->split_retry_pc = same ? 0 : cpu->pc;
	cpu->split_retry_addr = same ? 0 : addr;
	return same;
}

bool cluster_split_fault(struct rvx_vcpu *cpu, uint64_t addr)
{
	struct cluster *c = cpu->m->cluster;
	struct cl_split *sp = c ? c->split : NULL;
	uint64_t page = addr & ~(PAGE - 1);
	if (!sp || !c->split_base)
		return false;
	rvx_split_memo_clear(cpu); /* a remembered look-up may be what is stale */
	if (cl_is_shadow(c, page)) {
		/* a shadow page of a page joined since the table was read: the instruction runs
		 * again from its start, as long as the join is under way (the guest itself has no
		 * business there: it gets its fault once this has gone on for long) */
		bool same = cpu->split_retry_pc == cpu->pc && cpu->split_retry_addr == addr;
		cpu->split_retries = same ? cpu->split_retries + 1 : 0;
		cpu->split_retry_pc = cpu->pc;
		cpu->split_retry_addr = addr;
		if (cpu->split_retries > SHADOW_RETRIES)
			return false;
		if (cpu->split_retries)
			sched_yield();
		return true;
	}
	if (!rvx_split_lookup(c->split_tab, addr)) /* joined since the fault: once more */
		return was_split(c, page) && !again(cpu, addr);
	if (again(cpu, addr)) {
		join_wait(c, page, "an access across units");
		return true;
	}
	mark_aware(cpu);
	return true;
}

void cluster_split_replayed(struct rvx_vcpu *cpu, uint64_t addr)
{
	struct cluster *c = cpu->m->cluster;
	if (c && c->split && c->split_base && rvx_split_lookup(c->split_tab, addr))
		mark_aware(cpu);
}

bool cluster_split_aware(const struct rvx_machine *m, uint64_t pc)
{
	struct cl_split *sp = m->cluster ? m->cluster->split : NULL;
	bool r;
	if (!sp || !__atomic_load_n(&sp->naware, __ATOMIC_ACQUIRE))
		return false;
	pthread_mutex_lock(&sp->lock);
	r = pagemap_get(&sp->aware, pc) != NULL;
	pthread_mutex_unlock(&sp->lock);
	return r;
}

uint32_t cluster_split_aware_count(const struct rvx_machine *m)
{
	struct cl_split *sp = m->cluster ? m->cluster->split : NULL;
	return sp ? (uint32_t)__atomic_load_n(&sp->naware, __ATOMIC_ACQUIRE) : 0;
}

void split_print_stats(struct cluster *c)
{
	const struct cl_split *sp = c->split;
	if (!sp || !c->split_base)
		return;
	fprintf(c->m->log,
		"rvx: cluster rank %d: page splitting: %llu pages split here, %llu joined (%llu asked), %llu requests "
		"refused, %llu instructions look split pages up\n",
		c->rank, (unsigned long long)sp->stats.splits, (unsigned long long)sp->stats.joins,
		(unsigned long long)sp->stats.asked, (unsigned long long)sp->stats.refused,
		(unsigned long long)sp->stats.redirected);
}
