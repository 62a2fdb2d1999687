/* Page coherence: MSI per 4 KiB page with a directory at each page's home (the master for
 * now). Guest memory is anonymous and registered with userfaultfd on every rank: a page this
 * rank does not hold is absent (a missing fault), a page it shares is write-protected (a
 * write-protect fault), so translated code keeps its plain loads and stores and the kernel's
 * own accesses (syscall buffers) wait for the page instead of failing with EFAULT. Pages are
 * installed whole by UFFDIO_COPY; a page leaves after it is write-protected, so no write is
 * lost. Only the service thread runs this, and it never touches a page it does not hold. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/userfaultfd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../linux/signal.h"
#include "internal.h"

#define PAGE RVX_PAGE_SIZE
/* Read-ahead: a push message carries at most 64 pages (declined ones are a bit each in the
 * answer), and the home keeps at most PUSH_MAX pages ahead of a reader. */
#define PUSH_BATCH 64
#define PUSH_MAX   1024

/* A request waiting at the home while the page's transaction runs. */
struct dir_wait {
	struct dir_wait *next;
	int src;
	uint8_t want;
	bool has_copy;
};

struct dir_entry {
	uint8_t state; /* PAGE_S or PAGE_M */
	int owner;     /* PAGE_M */
	uint64_t sharers;
	/* the transaction in progress */
	bool busy, zero;
	int requester, supplier, acks;
	uint8_t want, keep;
	struct dir_wait *head, *tail;
};

/* A userfaultfd with these features, or -errno. */
static int open_uffd(uint64_t features)
{
	struct uffdio_api api = {.api = UFFD_API, .features = features};
	int fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, UFFDIO_API, &api) != 0) {
		int e = errno;
		close(fd);
		return -e;
	}
	return fd;
}

int dsm_init(struct cluster *c)
{
	const uint64_t need = UFFD_FEATURE_PAGEFAULT_FLAG_WP | UFFD_FEATURE_THREAD_ID;
	/* where a fault fell in its page tells page splitting who writes where (Linux 5.18 on) */
	c->uffd = open_uffd(need | UFFD_FEATURE_EXACT_ADDRESS);
	if (c->uffd == -EINVAL)
		c->uffd = open_uffd(need);
	if (c->uffd < 0) {
		int e = -c->uffd;
		c->uffd = -1;
		return -e;
	}
	c->pages = &cl_uffd_pages;
	/* never written: reads of it map the kernel's zero page, nothing is allocated */
	c->zero_page = mmap(NULL, ZERO_RUN_MAX * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	c->sendbuf = malloc(CL_HEADER_BYTES + PAGE);
	if (c->zero_page == MAP_FAILED || !c->sendbuf)
		return -ENOMEM;
	if (!(c->opt.off & CL_OPT_FORWARD)) { /* every rank may be a home */
		c->push_batch = PUSH_BATCH;
		c->push_max = PUSH_MAX;
		c->streams = calloc((size_t)c->size * CL_STREAMS, sizeof *c->streams);
		if (!c->streams)
			return -ENOMEM;
	}
	return 0;
}

int dsm_register(struct cluster *c, uint64_t addr, uint64_t len)
{
	struct uffdio_register r = {.range = {(uint64_t)(uintptr_t)g2h(&c->m->space, addr), len},
				    .mode = UFFDIO_REGISTER_MODE_MISSING | UFFDIO_REGISTER_MODE_WP};
	return ioctl(c->uffd, UFFDIO_REGISTER, &r) == 0 ? 0 : -errno;
}

static int default_state(const struct cluster *c, uint64_t page)
{
	return c->rank == cl_origin(c, page) ? PAGE_M : PAGE_I;
}

static int local_state(struct cluster *c, uint64_t page)
{
	uint64_t *v = pagemap_get(&c->local, page);
	return v ? (int)*v : default_state(c, page);
}

static void set_local(struct cluster *c, uint64_t page, int state)
{
	uint64_t *v;
	if (state == default_state(c, page)) {
		pagemap_del(&c->local, page);
		return;
	}
	v = pagemap_put(&c->local, page, 0);
	if (!v)
		c->t->abort(c->t, 70); /* out of memory in the protocol: the process cannot go on */
	*v = (uint64_t)state;
}

static uint64_t host_addr(const struct cluster *c, uint64_t page)
{
	return (uint64_t)(uintptr_t)g2h(&c->m->space, page);
}

/* --- this rank's memory through userfaultfd --- */

static long uffd_install(struct cluster *c, uint64_t page, const void *src, size_t n, bool wp, bool wake)
{
	uint64_t done = 0, len = (uint64_t)n * PAGE;
	int e = 0;
	while (done < len) {
		struct uffdio_copy cp = {.dst = host_addr(c, page) + done,
					 .src = (uint64_t)(uintptr_t)src + done,
					 .len = len - done,
					 .mode =
					     (wp ? UFFDIO_COPY_MODE_WP : 0) | (wake ? 0 : UFFDIO_COPY_MODE_DONTWAKE)};
		if (ioctl(c->uffd, UFFDIO_COPY, &cp) == 0) {
			done = len;
			break;
		}
		e = errno;
		if (cp.copy > 0) /* a part: the kernel says EAGAIN, and the rest is tried again */
			done += (uint64_t)cp.copy;
		else if (e != EAGAIN)
			break;
	}
	if (!done && len)
		return -e;
	c->woke |= wake;
	return (long)(done / PAGE);
}

static void uffd_protect(struct cluster *c, uint64_t page, size_t n, bool on)
{
	struct uffdio_writeprotect w = {.range = {host_addr(c, page), (uint64_t)n * PAGE},
					.mode = on ? UFFDIO_WRITEPROTECT_MODE_WP : 0};
	while (ioctl(c->uffd, UFFDIO_WRITEPROTECT, &w) != 0 && errno == EAGAIN)
		;
	c->woke |= !on;
}

static void uffd_wake(struct cluster *c, uint64_t page)
{
	struct uffdio_range r = {host_addr(c, page), PAGE};
	ioctl(c->uffd, UFFDIO_WAKE, &r);
	c->woke = true;
}

/* Guest code may have changed: this rank's threads leave translated code for the dispatcher,
 * which drops what changed (here nobody else may pass it: the writer is on another rank). */
static void code_changed(struct cluster *c, uint64_t addr, uint64_t len, bool watched_only)
{
	if (watched_only)
		machine_code_written(c->m);
	else
		machine_code_changed(c->m, addr, len);
	c->kick_pending = true;
	cl_kick(c);
}

/* The page leaves this rank: translations made from it are checked before they run again. */
static void uffd_drop(struct cluster *c, uint64_t page)
{
	madvise(g2h(&c->m->space, page), PAGE, MADV_DONTNEED);
	if (__atomic_load_n(&c->m->space.narmed, __ATOMIC_RELAXED) && space_watch_release(&c->m->space, page, PAGE))
		code_changed(c, page, PAGE, true);
}

static void *uffd_bytes(struct cluster *c, uint64_t page)
{
	return g2h(&c->m->space, page);
}

static void uffd_fill(struct cluster *c, uint64_t page, size_t n)
{
	unsigned char vec[256];
	for (size_t i = 0; i < n; i += sizeof vec) {
		size_t k = n - i < sizeof vec ? n - i : sizeof vec;
		uint64_t at = page + i * PAGE;
		if (mincore(g2h(&c->m->space, at), k * PAGE, vec) != 0)
			memset(vec, 0, k); /* every page is tried */
		for (size_t j = 0; j < k; j++)
			if (!(vec[j] & 1))
				uffd_install(c, at + j * PAGE, c->zero_page, 1, true, false);
	}
}

static bool uffd_extent(struct cluster *c, uint64_t page, uint64_t *end)
{
	struct rvx_vma v;
	if (!space_query_nowait(&c->m->space, page, &v) || !(v.prot & PROT_READ))
		return false;
	*end = v.end;
	return true;
}

const struct cl_page_ops cl_uffd_pages = {uffd_install, uffd_protect, uffd_wake,  uffd_drop,
					  uffd_bytes,   uffd_fill,    uffd_extent};

static long install(struct cluster *c, uint64_t page, const void *src, size_t n, bool wp, bool wake)
{
	return c->pages->install(c, page, src, n, wp, wake);
}

static void write_protect(struct cluster *c, uint64_t page, bool on)
{
	c->pages->protect(c, page, 1, on);
}

static void wake(struct cluster *c, uint64_t page)
{
	c->pages->wake(c, page);
}

static void drop(struct cluster *c, uint64_t page)
{
	c->pages->drop(c, page);
	c->stats.invalidations++;
}

void dsm_reservations_end(struct cluster *c, uint64_t page)
{
	uint64_t split;
	if (!c->m || !c->m->res_gens)
		return;
	__atomic_add_fetch(machine_res_gen(c->m, page), 1, __ATOMIC_SEQ_CST);
	if ((split = split_page_of(c, page)) != 0)
		__atomic_add_fetch(machine_res_gen(c->m, split), 1, __ATOMIC_SEQ_CST);
}

static bool all_zero(const uint8_t *p)
{
	const uint64_t *w = (const uint64_t *)p;
	for (size_t i = 0; i < PAGE / 8; i++)
		if (w[i])
			return false;
	return true;
}

static void msg_init(struct cl_msg *msg, const struct cluster *c, uint32_t type, uint64_t page)
{
	memset(msg, 0, sizeof *msg);
	msg->type = type;
	msg->src = c->rank;
	msg->home = cl_home(c, page);
	msg->page = page;
}

/* --- pushed pages kept out of guest memory (the first of each push) --- */

static void *staged_bytes(struct cluster *c, uint64_t page)
{
	uint64_t *v = pagemap_get(&c->staged, page);
	void *bytes = v ? (void *)(uintptr_t)*v : NULL;
	if (v)
		pagemap_del(&c->staged, page);
	return bytes;
}

/* A staged page's bytes into guest memory (shared: write-protected), and freed */
static void put_staged(struct cluster *c, uint64_t page, void *bytes, bool wake)
{
	install(c, page, bytes, 1, true, wake);
	free(bytes);
}

/* A staged page into guest memory; false when page is not staged. */
static bool unstage(struct cluster *c, uint64_t page, bool wake)
{
	void *bytes = staged_bytes(c, page);
	if (bytes)
		put_staged(c, page, bytes, wake);
	return bytes != NULL;
}

static void unstage_drop(struct cluster *c, uint64_t page)
{
	free(staged_bytes(c, page));
}

static void free_staged(void *arg, uint64_t page, uint64_t val)
{
	(void)arg;
	(void)page;
	free((void *)(uintptr_t)val);
}

/* --- requester: this rank's threads fault --- */

static void request(struct cluster *c, uint64_t page, int want, bool has_copy, int thread, uint64_t offset)
{
	struct cl_msg msg;
	uint64_t *w = pagemap_get(&c->wanted, page);
	if (w)
		return; /* on its way: installing it wakes every thread that waits for it */
	w = pagemap_put(&c->wanted, page, 0);
	if (!w)
		c->t->abort(c->t, 70);
	*w = cl_now_ns() << 2 | (uint64_t)(want == PAGE_M ? (has_copy ? 2 : 1) : 0);
	msg_init(&msg, c, MSG_PAGE_REQ, page);
	msg.arg[0] = (uint64_t)want;
	msg.arg[1] = has_copy;
	msg.arg[2] = offset;
	msg.thread = thread;
	cl_send(c, msg.home, &msg);
}

void dsm_take(struct cluster *c, uint64_t page)
{
	request(c, page, PAGE_M, local_state(c, page) != PAGE_I, 0, 0);
}

/* How many pages from page on a first touch installs: one, and twice as many as the last time
 * (up to ZERO_RUN_MAX) while each comes where the last run ended, as a program that fills a
 * large buffer touches them; only pages of this rank's that nobody has touched. Each costs a
 * fault and a round through the service thread otherwise (a 256 MiB buffer written at the
 * master took 1.8 s against 0.5 s without cluster mode). */
static size_t first_touch_run(struct cluster *c, uint64_t page)
{
	uint64_t end;
	size_t n = 1;
	c->zero_run = page == c->zero_next && c->zero_run ? c->zero_run * 2 : 1;
	if (c->zero_run > ZERO_RUN_MAX)
		c->zero_run = ZERO_RUN_MAX;
	if (c->zero_run == 1 || !c->pages->extent(c, page, &end))
		return 1;
	while (n < c->zero_run && page + n * PAGE < end && local_state(c, page + n * PAGE) == PAGE_M)
		n++; /* (a staged page is a shared one) */
	return n;
}

void dsm_fault(struct cluster *c, uint64_t addr, bool writing, bool present, int thread)
{
	uint64_t page = addr & ~(PAGE - 1);
	int state = local_state(c, page), want = writing ? PAGE_M : PAGE_S;

	if (state == PAGE_M && !present) {
		/* the master's page that nobody has touched yet (with those after it, when first
		 * touches go on in order) */
		long n = install(c, page, c->zero_page, first_touch_run(c, page), false, true);
		if (n == -EEXIST)
			wake(c, page);
		c->stats.first_touches++;
		c->stats.first_touch_pages += n > 0 ? (uint64_t)n : 0;
		c->zero_next = page + (uint64_t)(n > 0 ? n : 1) * PAGE;
		return;
	}
	if (!present && unstage(c, page, true)) {
		/* the first page of a push: the reader got this far, the home pushes further (a
		 * write faults again, as on any shared page) */
		struct cl_msg msg;
		c->stats.push_reached++;
		msg_init(&msg, c, MSG_PAGE_REACHED, page);
		cl_send(c, msg.home, &msg);
		return;
	}
	if (present ? state >= want : false) {
		wake(c, page); /* answered since the fault was raised */
		return;
	}
	request(c, page, want, present, thread, (addr & (PAGE - 1)) + 1);
}

bool dsm_poll_faults(struct cluster *c)
{
	struct uffd_msg ev[16];
	bool any = false;
	for (;;) {
		ssize_t n = read(c->uffd, ev, sizeof ev);
		if (n <= 0)
			return any;
		any = true;
		cl_drain_outbox(c); /* a mapping the faulting thread made before is applied first */
		for (size_t i = 0; i < (size_t)n / sizeof ev[0]; i++)
			if (ev[i].event == UFFD_EVENT_PAGEFAULT) {
				uint64_t flags = ev[i].arg.pagefault.flags;
				dsm_fault(c, ev[i].arg.pagefault.address - host_addr(c, 0),
					  flags & (UFFD_PAGEFAULT_FLAG_WRITE | UFFD_PAGEFAULT_FLAG_WP),
					  flags & UFFD_PAGEFAULT_FLAG_WP,
					  place_thread(c, (int)ev[i].arg.pagefault.feat.ptid));
			}
	}
}

static void on_data(struct cluster *c, const struct cl_msg *msg)
{
	uint64_t page = msg->page, *w = pagemap_get(&c->wanted, page);
	int state = (int)msg->arg[0];
	struct cl_msg done;

	if (msg->flags & DATA_SPLIT) { /* no transaction: the thread tries again (split.c) */
		if (w)
			pagemap_del(&c->wanted, page);
		wake(c, page);
		return;
	}
	if (msg->flags & DATA_NONE) {
		if (state == PAGE_M)
			write_protect(c, page, false);
		wake(c, page);
	} else {
		const void *src = (msg->flags & DATA_ZERO) ? c->zero_page : msg->payload;
		if (install(c, page, src, 1, state == PAGE_S, true) != -EEXIST) {
			/* installed */
		} else if (local_state(c, page) != PAGE_I) {
			/* a push brought it after the request left: these bytes, nobody has written since */
			if (state == PAGE_M)
				write_protect(c, page, false);
			wake(c, page);
		} else {
			/* present after all (never expected): overwrite it while nobody can write */
			write_protect(c, page, true);
			write_protect(c, page, false);
			memcpy(c->pages->bytes(c, page), src, PAGE);
			if (state == PAGE_S)
				write_protect(c, page, true);
			wake(c, page);
		}
		c->stats.pages_in++;
		if (msg->flags & DATA_ZERO)
			c->stats.zero_pages++;
		else
			c->stats.bytes_in += PAGE;
	}
	set_local(c, page, state);
	if (w) {
		unsigned kind = (unsigned)(*w & 3);
		uint64_t ns = cl_now_ns() - (*w >> 2), us = ns / 1000;
		unsigned b = 0;
		while (us > 1 && b < 31) {
			us >>= 1;
			b++;
		}
		c->stats.faults[kind]++;
		c->stats.fault_ns[kind] += ns;
		c->stats.lat_hist[kind][b]++;
		pagemap_del(&c->wanted, page);
	}
	msg_init(&done, c, MSG_PAGE_DONE, page);
	cl_send(c, msg->home, &done);
}

/* --- holder: the home asks for this rank's copy --- */

/* The self-test times the holder's part of a miss (a protection change since t0). */
static void holder_timed(struct cl_holder_times *h, bool protect, uint64_t t0)
{
	if (h && protect && h->nprotect < CL_HOLDER_SAMPLES)
		h->protect[h->nprotect++] = cl_now_ns() - t0;
	else if (h && !protect && h->ndrop < CL_HOLDER_SAMPLES)
		h->drop[h->ndrop++] = cl_now_ns() - t0;
}

static void on_recall(struct cluster *c, const struct cl_msg *msg)
{
	uint64_t page = msg->page;
	int to = (int)msg->arg[1], keep = (int)msg->arg[2];
	int state = local_state(c, page);
	struct cl_msg data;
	bool zero;

	if (keep == PAGE_I)
		dsm_reservations_end(c, page);
	unstage(c, page, false); /* the supplier's copy may still be staged */
	/* absent here although held: never touched (the master's pages), so all zero */
	zero = install(c, page, c->zero_page, 1, true, false) == 0;
	if (!zero && state == PAGE_M) {
		uint64_t t0 = c->holder_times ? cl_now_ns() : 0;
		write_protect(c, page, true);
		holder_timed(c->holder_times, true, t0);
	}
	if (!zero)
		zero = all_zero(c->pages->bytes(c, page));
	msg_init(&data, c, MSG_PAGE_DATA, page);
	data.home = msg->home;
	data.arg[0] = msg->arg[0];
	if (zero) {
		data.flags = DATA_ZERO;
	} else {
		data.len = PAGE;
		data.payload = c->pages->bytes(c, page);
		c->stats.bytes_out += PAGE;
	}
	c->stats.pages_out++;
	c->stats.recalls++;
	cl_send(c, to, &data);
	if (keep == PAGE_I)
		drop(c, page);
	set_local(c, page, keep);
}

static void on_inv(struct cluster *c, const struct cl_msg *msg)
{
	struct cl_msg ack;
	uint64_t t0;
	dsm_reservations_end(c, msg->page);
	unstage_drop(c, msg->page);
	t0 = c->holder_times ? cl_now_ns() : 0;
	drop(c, msg->page);
	holder_timed(c->holder_times, false, t0);
	set_local(c, msg->page, PAGE_I);
	msg_init(&ack, c, MSG_PAGE_INV_ACK, msg->page);
	ack.home = msg->home;
	cl_send(c, msg->home, &ack);
}

/* --- home: the directory --- */

static void gather_answer(struct cluster *c);

static struct dir_entry *dir_entry(struct cluster *c, uint64_t page)
{
	uint64_t *v = pagemap_put(&c->dir, page, 0);
	struct dir_entry *e;
	if (!v)
		c->t->abort(c->t, 70);
	if (*v)
		return (struct dir_entry *)(uintptr_t)*v;
	e = calloc(1, sizeof *e);
	if (!e)
		c->t->abort(c->t, 70);
	e->state = PAGE_M;
	e->owner = cl_origin(c, page);
	*v = (uint64_t)(uintptr_t)e;
	return e;
}

bool dsm_held(struct cluster *c, uint64_t page)
{
	uint64_t *v = pagemap_get(&c->dir, page);
	const struct dir_entry *e = v ? (const struct dir_entry *)(uintptr_t)*v : NULL;
	return local_state(c, page) == PAGE_M && !(e && e->busy) && !pagemap_get(&c->wanted, page);
}

static int lowest(uint64_t set)
{
	return set ? __builtin_ctzll(set) : -1;
}

/* The second step: the invalidations are acknowledged; the data goes to the requester. */
static void dir_supply(struct cluster *c, uint64_t page, struct dir_entry *e)
{
	struct cl_msg msg;
	if (e->supplier >= 0) {
		msg_init(&msg, c, MSG_PAGE_RECALL, page);
		msg.arg[0] = e->want;
		msg.arg[1] = (uint64_t)e->requester;
		msg.arg[2] = e->keep;
		cl_send(c, e->supplier, &msg);
	} else {
		msg_init(&msg, c, MSG_PAGE_DATA, page);
		msg.arg[0] = e->want;
		msg.flags = e->zero ? DATA_ZERO : DATA_NONE;
		cl_send(c, e->requester, &msg);
	}
}

static void dir_start(struct cluster *c, uint64_t page, struct dir_entry *e, int src, int want, bool has_copy)
{
	uint64_t me = 1ull << src, inv = 0;
	struct cl_msg msg;

	if (!has_copy) /* the requester lost its copy (a mapping change): not a sharer any more */
		e->sharers &= ~me;
	if (e->state == PAGE_M && e->owner == src && has_copy)
		want = PAGE_M; /* it holds the page already (an old fault): it keeps it */
	e->busy = true;
	c->dir_busy++;
	e->requester = src;
	e->want = (uint8_t)want;
	e->supplier = -1;
	e->keep = PAGE_I;
	e->zero = false;
	if (e->state == PAGE_M) {
		if (e->owner != src) {
			e->supplier = e->owner;
			e->keep = want == PAGE_S ? PAGE_S : PAGE_I;
		}
		e->sharers = want == PAGE_S ? (1ull << e->owner) | me : 0;
	} else if (want == PAGE_S) {
		if (!(e->sharers & me))
			e->supplier = lowest(e->sharers);
		e->keep = PAGE_S;
		e->sharers |= me;
	} else {
		uint64_t others = e->sharers & ~me;
		if (!(e->sharers & me))
			e->supplier = lowest(others);
		inv = others & ~(e->supplier >= 0 ? 1ull << e->supplier : 0);
		e->sharers = 0;
	}
	/* nobody holds what the requester lost: the page was discarded, so it is zero */
	e->zero = e->supplier < 0 && !has_copy;
	e->state = (uint8_t)want;
	e->owner = want == PAGE_M ? src : -1;
	e->acks = __builtin_popcountll(inv);
	for (int r = lowest(inv); r >= 0; inv &= inv - 1, r = lowest(inv)) {
		msg_init(&msg, c, MSG_PAGE_INV, page);
		cl_send(c, r, &msg);
	}
	if (!e->acks)
		dir_supply(c, page, e);
}

/* While frozen (a fork or exec at the master), other ranks' requests wait for the thaw. */
static void defer(struct cluster *c, uint64_t page, int src, int want, bool has_copy)
{
	struct cl_msg msg;
	struct cl_out *o;
	msg_init(&msg, c, MSG_PAGE_REQ, page);
	msg.src = src;
	msg.arg[0] = (uint64_t)want;
	msg.arg[1] = has_copy;
	o = cl_out_new(&msg, src);
	if (!o)
		c->t->abort(c->t, 70);
	cl_queue_push(&c->frozen_requests, o);
}

static void stream_miss(struct cluster *c, int r, uint64_t page);

/* A request split.c turns down: the requester's thread tries again. */
static void refuse(struct cluster *c, uint64_t page, int src)
{
	struct cl_msg msg;
	msg_init(&msg, c, MSG_PAGE_DATA, page);
	msg.flags = DATA_SPLIT;
	cl_send(c, src, &msg);
}

static void dir_request(struct cluster *c, const struct cl_msg *msg)
{
	struct dir_entry *e;
	if (c->frozen && msg->src != MASTER) {
		defer(c, msg->page, msg->src, (int)msg->arg[0], msg->arg[1]);
		return;
	}
	if (split_refuses(c, msg->page, msg->src)) {
		refuse(c, msg->page, msg->src);
		return;
	}
	if (msg->arg[0] == PAGE_S && !cl_is_shadow(c, msg->page))
		stream_miss(c, msg->src, msg->page);
	place_observe(c, msg->src, msg->thread, msg->page);
	c->stats.home_requests++;
	e = dir_entry(c, msg->page);
	if (!e->busy)
		split_observe(c, msg->page, msg->src, (int)msg->arg[0], msg->arg[2]);
	if (e->busy) {
		struct dir_wait *w = calloc(1, sizeof *w);
		if (!w)
			c->t->abort(c->t, 70);
		w->src = msg->src;
		w->want = (uint8_t)msg->arg[0];
		w->has_copy = msg->arg[1];
		if (e->tail)
			e->tail->next = w;
		else
			e->head = w;
		e->tail = w;
		return;
	}
	dir_start(c, msg->page, e, msg->src, (int)msg->arg[0], msg->arg[1]);
}

static void dir_done(struct cluster *c, uint64_t page)
{
	struct dir_entry *e = dir_entry(c, page);
	struct dir_wait *w;
	e->busy = false;
	c->dir_busy--;
	split_page_done(c, page);
	while (!e->busy && (w = e->head)) {
		bool later = c->frozen && w->src != MASTER, refused = !later && split_refuses(c, page, w->src);
		e->head = w->next;
		if (!e->head)
			e->tail = NULL;
		if (later)
			defer(c, page, w->src, w->want, w->has_copy);
		else if (refused)
			refuse(c, page, w->src);
		else
			dir_start(c, page, e, w->src, w->want, w->has_copy);
		free(w);
		if (!later && !refused)
			return;
	}
	if (e->busy)
		return;
	gather_answer(c);
}

/* --- read-ahead: the home pushes the pages after a reader's sequential misses --- */

static bool forwarding(const struct cluster *c, int r)
{
	return !(c->opt.off & CL_OPT_FORWARD) && c->streams && !c->frozen;
}

/* Sends n readied pages from `from` on to rank r. */
static void push_send(struct cluster *c, int r, uint64_t from, unsigned n)
{
	struct cl_msg msg;
	uint8_t *buf = malloc(CL_HEADER_BYTES + (size_t)n * PAGE);
	size_t len;
	if (!buf)
		c->t->abort(c->t, 70);
	for (unsigned i = 0; i < n; i++)
		memcpy(buf + CL_HEADER_BYTES + (size_t)i * PAGE, c->pages->bytes(c, from + (uint64_t)i * PAGE), PAGE);
	msg_init(&msg, c, MSG_PAGE_PUSH, from);
	msg.arg[0] = n;
	msg.len = n * PAGE;
	msg.payload = buf + CL_HEADER_BYTES;
	len = wire_encode(&msg, buf);
	cl_send_owned(c, r, buf, len);
	c->stats.pages_out += n;
	c->stats.bytes_out += (uint64_t)n * PAGE;
}

/* The holder's part of a push the home readied: its copies of n pages from `from` on become
 * shared ones (one write-protect for them all) and go to rank r, which answers the home. */
static void push_data(struct cluster *c, int r, uint64_t from, size_t n)
{
	bool owned = false;
	for (size_t i = 0; i < n; i++) {
		unstage(c, from + i * PAGE, false); /* a copy pushed here and not touched yet */
		owned |= local_state(c, from + i * PAGE) == PAGE_M;
	}
	c->pages->fill(c, from, n); /* the master's pages never touched are zero */
	if (owned)
		c->pages->protect(c, from, n, true);
	for (size_t i = 0; i < n; i++)
		set_local(c, from + i * PAGE, PAGE_S);
	for (size_t i = 0; i < n;) {
		unsigned k = n - i < c->push_batch ? (unsigned)(n - i) : c->push_batch;
		push_send(c, r, from + i * PAGE, k);
		i += k;
	}
}

/* Readies [from, upto) for a push to rank r, up to the first page that cannot go (one a
 * transaction uses, one r has, one another rank holds than the first's): r becomes a sharer
 * and each entry is busy until r answers; the holder sends them. Returns the end. */
static uint64_t push_prepare(struct cluster *c, int r, uint64_t from, uint64_t upto)
{
	uint64_t bit = 1ull << r, q;
	int holder = -1;
	size_t n;

	for (q = from; q < upto; q += PAGE) {
		uint64_t *v = pagemap_get(&c->dir, q);
		const struct dir_entry *e = v ? (const struct dir_entry *)(uintptr_t)*v : NULL;
		int h = cl_origin(c, q); /* no entry: the master's (or a shadow chunk's home's) */
		if ((e && (e->busy || (e->sharers & bit) || (e->state == PAGE_M && e->owner == r))) ||
		    split_involves(c, q))
			break;
		if (e)
			h = e->state == PAGE_M ? e->owner : e->sharers & 1ull << c->rank ? c->rank : lowest(e->sharers);
		if (h == r || (holder >= 0 && h != holder))
			break;
		holder = h;
	}
	n = (size_t)((q - from) / PAGE);
	if (!n)
		return from;
	for (q = from; q < from + n * PAGE; q += PAGE) {
		struct dir_entry *e = dir_entry(c, q);
		e->state = PAGE_S;
		e->owner = -1;
		e->sharers |= 1ull << holder | bit;
		e->busy = true;
		e->requester = r;
		c->dir_busy++;
	}
	c->stats.pushes += (n + c->push_batch - 1) / c->push_batch;
	c->stats.pushed_pages += n;
	if (holder == c->rank) {
		push_data(c, r, from, n);
	} else {
		struct cl_msg msg;
		msg_init(&msg, c, MSG_PAGE_PUSH_ASK, from);
		msg.arg[0] = n;
		msg.arg[1] = (uint64_t)r;
		cl_send(c, holder, &msg);
	}
	return from + n * PAGE;
}

/* Rank r's stream that page goes on from (the page after its last, or one it pushed since),
 * marked as used now, or NULL */
static struct cl_stream *stream_at(struct cluster *c, int r, uint64_t page)
{
	struct cl_stream *s = &c->streams[(size_t)r * CL_STREAMS];
	for (int i = 0; i < CL_STREAMS; i++)
		if (s[i].last && (page == s[i].last + PAGE || (page > s[i].last && page <= s[i].pushed_end))) {
			s[i].used = ++c->stream_tick;
			return &s[i];
		}
	return NULL;
}

/* A new stream of rank r's, in place of its least recently used candidate, or stream if all
 * have gone on past one miss */
static struct cl_stream *stream_new(struct cluster *c, int r)
{
	struct cl_stream *s = &c->streams[(size_t)r * CL_STREAMS], *old = s;
	for (int i = 1; i < CL_STREAMS; i++)
		if ((s[i].run < 2) > (old->run < 2) || ((s[i].run < 2) == (old->run < 2) && s[i].used < old->used))
			old = &s[i];
	*old = (struct cl_stream){.used = ++c->stream_tick};
	return old;
}

/* Keeps lead pages pushed ahead of rank r's stream s at page, within the mapping and the pages
 * this rank is home of, topping up once half of them are read (so that pages go out many at a
 * time: one write-protect for them all). */
static void push_ahead(struct cluster *c, int r, struct cl_stream *s, uint64_t page)
{
	uint64_t from = s->pushed_end > page ? s->pushed_end : page + PAGE, end, to, region;
	uint64_t upto = page + PAGE + (uint64_t)s->lead * PAGE;
	if (!c->pages->extent(c, page, &end))
		return;
	/* where the pages this rank is home of end, from the first to push on: a stream handed on
	 * from the last home starts at the first of them; from may also be the next home's first */
	region = !(c->opt.off & CL_OPT_SPREAD) && cl_home(c, from) != c->rank
		     ? from
		     : (from | ((1ull << c->home_shift) - 1)) + 1;
	if (!(c->opt.off & CL_OPT_SPREAD) && upto > region && end > region && s->handed != region &&
	    from + (uint64_t)s->lead / 2 * PAGE >= region) {
		/* the stream goes on into the next home's pages: it pushes from there on */
		struct cl_msg msg;
		msg_init(&msg, c, MSG_PAGE_STREAM, region);
		msg.arg[0] = (uint64_t)r;
		msg.arg[1] = s->lead;
		cl_send(c, msg.home, &msg);
		s->handed = region;
	}
	if (!(c->opt.off & CL_OPT_SPREAD) && end > region)
		end = region; /* the pages this rank is home of */
	if (upto > end)
		upto = end;
	if (from >= upto || (upto - from < (uint64_t)s->lead / 2 * PAGE && upto < end))
		return;
	to = push_prepare(c, r, from, upto);
	s->pushed_end = to;
}

/* Another home's stream goes on into this home's pages at page. */
static void stream_handed(struct cluster *c, const struct cl_msg *msg)
{
	int r = (int)msg->arg[0];
	struct cl_stream *s;
	if (r < 0 || r >= c->size || !forwarding(c, r))
		return;
	s = stream_at(c, r, msg->page);
	if (!s)
		s = stream_new(c, r);
	s->last = msg->page - PAGE;
	s->pushed_end = msg->page;
	s->run = 2;
	s->lead = msg->arg[1] > c->push_max     ? c->push_max
		  : msg->arg[1] < c->push_batch ? c->push_batch
						: (unsigned)msg->arg[1];
	push_ahead(c, r, s, msg->page - PAGE);
}

/* Rank r missed page (a read): a second sequential miss of a stream starts pushing, the window
 * growing. */
static void stream_miss(struct cluster *c, int r, uint64_t page)
{
	struct cl_stream *s;
	if (!forwarding(c, r))
		return;
	s = stream_at(c, r, page);
	if (!s)
		s = stream_new(c, r);
	s->last = page;
	if (++s->run < 2)
		return;
	s->lead = s->lead ? s->lead : c->push_batch;
	push_ahead(c, r, s, page);
}

/* A reader reached the first page of a push: the stream holds, it goes further ahead. */
static void stream_reached(struct cluster *c, int r, uint64_t page)
{
	struct cl_stream *s;
	c->stats.pushes_reached++;
	if (!forwarding(c, r))
		return;
	s = stream_at(c, r, page);
	if (!s)
		return; /* a push of a stream since replaced */
	s->last = page;
	s->lead = s->lead * 2 > c->push_max ? c->push_max : s->lead * 2;
	push_ahead(c, r, s, page);
}

/* The reader: the pages of a push are taken, the first kept out of guest memory (staged) so
 * that the thread that reaches it says so; those it cannot take are declined. */
static void on_push(struct cluster *c, const struct cl_msg *msg)
{
	uint64_t n = msg->arg[0], declined = 0, end = 0, i = 0;
	const uint8_t *bytes = msg->payload;
	struct cl_msg done;

	if (n * PAGE != msg->len || n > 64)
		c->t->abort(c->t, 70);
	if (!c->pages->extent(c, msg->page, &end))
		end = msg->page;
	while (i < n) {
		uint64_t q = msg->page + i * PAGE;
		long k = 1;
		if (q >= end) {
			k = -1;
		} else if (local_state(c, q) != PAGE_I) {
			i++; /* here already (never expected): it stays, and this rank stays a sharer */
			continue;
		} else if (i == 0 && !pagemap_get(&c->wanted, q)) {
			void *copy = malloc(PAGE);
			uint64_t *v = copy ? pagemap_put(&c->staged, q, 0) : NULL;
			if (v) {
				memcpy(copy, bytes, PAGE);
				*v = (uint64_t)(uintptr_t)copy;
			} else {
				free(copy);
				k = -1;
			}
		} else {
			uint64_t m = (end - q) / PAGE < n - i ? (end - q) / PAGE : n - i;
			k = install(c, q, bytes + i * PAGE, m, true, true);
		}
		if (k <= 0) {
			declined |= 1ull << i;
			k = 1;
		} else {
			for (long j = 0; j < k; j++)
				set_local(c, q + (uint64_t)j * PAGE, PAGE_S);
		}
		i += (uint64_t)k;
	}
	uint64_t taken = n - (uint64_t)__builtin_popcountll(declined);
	c->stats.push_taken += taken;
	c->stats.push_declined += n - taken;
	c->stats.pages_in += taken;
	c->stats.bytes_in += taken * PAGE;
	msg_init(&done, c, MSG_PAGE_PUSH_DONE, msg->page);
	done.home = msg->home;
	done.arg[0] = n;
	done.arg[1] = declined;
	cl_send(c, msg->home, &done);
}

static void dir_done(struct cluster *c, uint64_t page);

static void on_push_done(struct cluster *c, const struct cl_msg *msg)
{
	for (uint64_t i = 0; i < msg->arg[0] && i < 64; i++) {
		uint64_t q = msg->page + i * PAGE;
		if (msg->arg[1] >> i & 1)
			dir_entry(c, q)->sharers &= ~(1ull << msg->src);
		dir_done(c, q);
	}
}

void dsm_message(struct cluster *c, const struct cl_msg *msg)
{
	switch (msg->type) {
	case MSG_PAGE_REQ: dir_request(c, msg); break;
	case MSG_PAGE_RECALL: on_recall(c, msg); break;
	case MSG_PAGE_INV: on_inv(c, msg); break;
	case MSG_PAGE_INV_ACK: {
		struct dir_entry *e = dir_entry(c, msg->page);
		if (--e->acks == 0)
			dir_supply(c, msg->page, e);
		break;
	}
	case MSG_PAGE_DATA: on_data(c, msg); break;
	case MSG_PAGE_DONE: dir_done(c, msg->page); break;
	case MSG_PAGE_PUSH: on_push(c, msg); break;
	case MSG_PAGE_PUSH_ASK: push_data(c, (int)msg->arg[1], msg->page, msg->arg[0]); break;
	case MSG_PAGE_PUSH_DONE: on_push_done(c, msg); break;
	case MSG_PAGE_REACHED: stream_reached(c, msg->src, msg->page); break;
	case MSG_PAGE_STREAM: stream_handed(c, msg); break;
	default: break;
	}
}

/* --- mappings: the master changed one; every rank follows --- */

static void free_dir_entry(void *arg, uint64_t page, uint64_t val)
{
	struct dir_entry *e = (struct dir_entry *)(uintptr_t)val;
	(void)arg;
	(void)page;
	while (e->head) {
		struct dir_wait *w = e->head;
		e->head = w->next;
		free(w);
	}
	free(e);
}

void dsm_apply_map(struct cluster *c, const struct cl_msg *msg)
{
	struct rvx_space *s = &c->m->space;
	uint64_t addr = msg->page, len = msg->arg[1];
	int op = (int)msg->arg[0], prot = (int)msg->arg[2];
	bool code = space_overlaps_prot(s, addr, len, PROT_EXEC) || (prot & PROT_EXEC);

	if (op == SPACE_CHANGE_CODE) {
		if (c->rank != MASTER)
			code_changed(c, addr, len, false);
		return;
	}
	split_map_changed(c, op, addr, len, prot);
	if (c->rank != MASTER) {
		if (op == SPACE_CHANGE_MAP) {
			space_map(s, addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0, NULL);
			if (msg->len && msg->len < PATH_MAX) {
				char path[PATH_MAX];
				memcpy(path, msg->payload, msg->len);
				path[msg->len] = 0;
				space_set_file(s, addr, addr + len, path, msg->arg[3]);
			}
		} else if (op == SPACE_CHANGE_UNMAP)
			space_unmap(s, addr, len);
		else if (op == SPACE_CHANGE_PROTECT || op == SPACE_CHANGE_WIDEN)
			space_protect(s, addr, len, prot);
		else if (op == SPACE_CHANGE_DISCARD)
			madvise(g2h(s, addr), len, MADV_DONTNEED);
	}
	if (op == SPACE_CHANGE_MAP && c->rank != MASTER)
		dsm_register(c, addr, len); /* the master's threads register their own mappings */
	if (op != SPACE_CHANGE_PROTECT && op != SPACE_CHANGE_WIDEN) {
		for (int g = 0; c->m->res_gens && g < RES_GROUPS; g++)
			__atomic_add_fetch(&c->m->res_gens[g], 1, __ATOMIC_SEQ_CST);
		pagemap_del_range(&c->local, addr, addr + len, NULL, NULL);
		pagemap_del_range(&c->staged, addr, addr + len, free_staged, NULL);
		pagemap_del_range(&c->dir, addr, addr + len, free_dir_entry, NULL);
		if (code && c->rank != MASTER)
			code_changed(c, 0, UINT64_MAX, false);
	}
}

void dsm_print_stats(struct cluster *c)
{
	static const char *const kinds[3] = {"read miss", "write miss", "upgrade"};
	struct cl_stats *st = &c->stats;
	FILE *f = c->m->log;
	fprintf(f,
		"rvx: cluster rank %d: pages in %llu (%llu zero, %llu bytes), out %llu (%llu bytes), %llu invalidated, "
		"%llu recalls\n",
		c->rank, (unsigned long long)st->pages_in, (unsigned long long)st->zero_pages,
		(unsigned long long)st->bytes_in, (unsigned long long)st->pages_out, (unsigned long long)st->bytes_out,
		(unsigned long long)st->invalidations, (unsigned long long)st->recalls);
	if (st->first_touches)
		fprintf(f, "rvx: cluster rank %d: first touches of its own pages: %llu faults installed %llu pages\n",
			c->rank, (unsigned long long)st->first_touches, (unsigned long long)st->first_touch_pages);
	if (st->home_requests)
		fprintf(f, "rvx: cluster rank %d: directory: %llu page requests served as home\n", c->rank,
			(unsigned long long)st->home_requests);
	if (st->migrations)
		fprintf(f, "rvx: cluster rank %d: %llu threads moved to another rank from here\n", c->rank,
			(unsigned long long)st->migrations);
	if (st->pushes)
		fprintf(
		    f,
		    "rvx: cluster rank %d: read-ahead pushed %llu pages in %llu pushes, %llu reached by their reader "
		    "(%.0f%%)\n",
		    c->rank, (unsigned long long)st->pushed_pages, (unsigned long long)st->pushes,
		    (unsigned long long)st->pushes_reached, 100.0 * (double)st->pushes_reached / (double)st->pushes);
	if (st->push_taken || st->push_declined)
		fprintf(f,
			"rvx: cluster rank %d: read-ahead took %llu pushed pages, declined %llu, reached %llu pushes\n",
			c->rank, (unsigned long long)st->push_taken, (unsigned long long)st->push_declined,
			(unsigned long long)st->push_reached);
	for (int k = 0; k < 3; k++) {
		uint64_t n = st->faults[k], seen = 0;
		int p50 = -1, p99 = -1;
		if (!n)
			continue;
		for (int b = 0; b < 32; b++) {
			seen += st->lat_hist[k][b];
			if (p50 < 0 && seen * 2 >= n)
				p50 = b;
			if (p99 < 0 && seen * 100 >= n * 99)
				p99 = b;
		}
		fprintf(f, "rvx: cluster rank %d: %s faults %llu, mean %.1f us, p50 < %u us, p99 < %u us\n", c->rank,
			kinds[k], (unsigned long long)n, (double)st->fault_ns[k] / (double)n / 1000.0, 2u << p50,
			2u << p99);
	}
}

void cl_gather_add(struct cl_gather *g, const uint8_t *bytes, size_t n)
{
	uint64_t *pages = realloc(g->pages, (g->n + n + 1) * sizeof *pages);
	if (!pages)
		return; /* those pages stay where they are: the child reads zeros there */
	for (size_t i = 0; i < n; i++)
		wire_get64(bytes + 8 * i, &pages[g->n + i]);
	g->pages = pages;
	g->n += n;
}

/* For cluster_gather, once no transaction is under way here (one could still take a page from
 * the master): the pages of this home the master does not hold, to the master. */
static void gather_answer(struct cluster *c)
{
	uint8_t *bytes;
	size_t n = 0;
	struct cl_msg msg;
	if (!c->gather_txn || c->dir_busy)
		return;
	bytes = malloc((c->dir.n + 1) * 8);
	if (!bytes)
		c->t->abort(c->t, 70);
	for (size_t i = 0; i < c->dir.cap; i++) {
		const struct dir_entry *e = (const struct dir_entry *)(uintptr_t)c->dir.vals[i];
		if (c->dir.keys[i] && (e->state == PAGE_M ? e->owner != MASTER : !(e->sharers & 1)))
			wire_put64(bytes + 8 * n++, c->dir.keys[i]);
	}
	msg_init(&msg, c, MSG_GATHER_PAGES, 0);
	msg.txn = c->gather_txn;
	msg.len = (uint32_t)(8 * n);
	msg.payload = bytes;
	cl_send(c, MASTER, &msg);
	free(bytes);
	c->gather_txn = 0;
}

static void unstage_one(void *arg, uint64_t page, uint64_t bytes)
{
	put_staged(arg, page, (void *)(uintptr_t)bytes, false);
}

void dsm_gather(struct cluster *c, const struct cl_msg *msg)
{
	c->frozen = true;
	c->gather_txn = msg->txn;
	/* the master's pushed pages kept aside (staged) count as held here, and so are not gathered:
	 * into its memory now, or the child of a fork would find them empty */
	if (c->rank == MASTER)
		pagemap_del_range(&c->staged, 0, UINT64_MAX, unstage_one, c);
	gather_answer(c);
}

void dsm_thaw(struct cluster *c)
{
	struct cl_out *o;
	c->frozen = false;
	while ((o = cl_queue_pop(&c->frozen_requests))) {
		struct cl_msg msg;
		if (wire_decode(o->bytes, o->len, &msg))
			dir_request(c, &msg);
		free(o);
	}
}
