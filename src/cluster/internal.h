/* Cluster internals shared by its files: the per-rank state, the page tables and the service
 * thread's helpers. */
#ifndef RVX_CLUSTER_INTERNAL_H
#define RVX_CLUSTER_INTERNAL_H

#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "cluster.h"
#include "transport.h"
#include "wire.h"

#define CL_MAX_RANKS 64 /* sharers are a 64-bit set */
#define MASTER       0
#define ZERO_RUN_MAX 64 /* pages a first touch installs at most (c->zero_page's length) */

/* An open-addressed map from page address to a 64-bit value; key 0 is never a page (the
 * lowest mappable guest address is 64 KiB). */
struct pagemap {
	uint64_t *keys, *vals;
	size_t cap, n;
};
uint64_t *pagemap_get(struct pagemap *pm, uint64_t key);
/* The slot for key, made with value init when absent; NULL when out of memory. */
uint64_t *pagemap_put(struct pagemap *pm, uint64_t key, uint64_t init);
void pagemap_del(struct pagemap *pm, uint64_t key);
/* Calls fn on every entry in [lo, hi) and deletes it. */
void pagemap_del_range(struct pagemap *pm, uint64_t lo, uint64_t hi, void (*fn)(void *arg, uint64_t key, uint64_t val),
		       void *arg);
void pagemap_free(struct pagemap *pm);

/* What a thread waits on for an answer from another rank; its address is the txn id. */
struct cl_wait {
	uint32_t done; /* futex word */
	int pending;   /* answers still to come (map acknowledgements) */
	int64_t result;
	uint64_t ended;
};
void cl_wait_init(struct cl_wait *w, int pending);
void cl_wait_for(struct cl_wait *w);
void cl_wait_answer(struct cluster *c, struct cl_wait *w, int64_t result, uint64_t ended);

/* An encoded message waiting in a queue (to be sent, or handled later). */
struct cl_out {
	struct cl_out *next;
	int dest;
	size_t len;
	uint8_t bytes[];
};
struct cl_queue {
	struct cl_out *head, *tail;
};
/* The message encoded for dest; NULL when out of memory. */
struct cl_out *cl_out_new(const struct cl_msg *msg, int dest);
void cl_queue_push(struct cl_queue *q, struct cl_out *o);
/* The oldest message (the caller frees it), or NULL. */
struct cl_out *cl_queue_pop(struct cl_queue *q);

/* The master's stand-in for a thread that runs on another rank: a host thread of the master
 * with the thread's id, which runs its delegated syscalls (so that blocking ones block only
 * it, futexes wait in the master's kernel and the thread id is real here). */
struct cl_proxy {
	struct cl_proxy *next;
	struct rvx_vcpu *cpu; /* the thread's state at the master: id, robust list, clear-tid */
	int rank;
	uint32_t posted; /* a request is waiting */
	uint32_t bell;   /* futex word: counts what the service gave it to do */
	/* the thread's blocked signals, which the proxy blocks too (so that the kernel gives a
	 * signal for the process to a thread that takes it) */
	uint64_t mask;
	int mask_dirty;
	uint64_t mask_txn; /* the thread waits for the mask to be in (it unblocked a signal) */
	struct cl_msg req;
	uint8_t regs[CL_REGS_BYTES];
	/* under gdb a call brings the thread's whole state (gdb reads it while the call blocks) */
	uint8_t *state;
	size_t state_len;
	int in_call;     /* running the thread's call: it counts as stopped for gdb */
	uint8_t *arrive; /* req is MSG_MIGRATE: the thread comes to the master with this state */
	size_t arrive_len;
	sigjmp_buf *back; /* a thread that left the master: where it runs on when it comes back */
};

/* A rank's memory as the protocol sees it: userfaultfd on guest memory, or a model of it in
 * the protocol tests. */
struct cluster;
struct cl_page_ops {
	/* Installs n whole pages from page on (write-protected if wp), waking the threads that wait
	 * for them unless !wake: how many were installed before one could not be, or -errno when
	 * the first cannot (-EEXIST: it is there already). */
	long (*install)(struct cluster *c, uint64_t page, const void *src, size_t n, bool wp, bool wake);
	/* Write-protects n pages, or lifts that and wakes their waiting writers. */
	void (*protect)(struct cluster *c, uint64_t page, size_t n, bool on);
	void (*wake)(struct cluster *c, uint64_t page);
	/* Removes the page: the next access faults. */
	void (*drop)(struct cluster *c, uint64_t page);
	void *(*bytes)(struct cluster *c, uint64_t page); /* of a page that is there */
	/* Installs a zero page, write-protected, wherever one of n pages from page on is absent. */
	void (*fill)(struct cluster *c, uint64_t page, size_t n);
	/* The end of the guest mapping that holds page; false when it is unmapped, or cannot be
	 * looked at now without waiting. */
	bool (*extent)(struct cluster *c, uint64_t page, uint64_t *end);
};
extern const struct cl_page_ops cl_uffd_pages;

/* The self-test at the master: its part, as holder, of rank 1's misses, in ns (the
 * write-protect before a recalled page leaves, the drop of an invalidated one); and rank 1's
 * medians of the misses themselves (read, write, upgrade). */
#define CL_HOLDER_SAMPLES 1024
struct cl_holder_times {
	uint64_t protect[CL_HOLDER_SAMPLES], drop[CL_HOLDER_SAMPLES];
	int nprotect, ndrop;
	uint64_t miss[3];
};

struct cl_stats {
	uint64_t faults[3], fault_ns[3]; /* read miss, write miss, upgrade */
	uint64_t lat_hist[3][32];        /* by log2 of microseconds */
	uint64_t pages_in, pages_out, bytes_in, bytes_out, zero_pages, invalidations, recalls;
	uint64_t first_touches, first_touch_pages; /* faults on untouched pages of this rank's, pages installed */
	uint64_t delegated, delegated_ns, syscalls_by_nr[512];
	uint64_t msgs_in, msgs_out;
	uint64_t migrations;    /* threads that left this rank */
	uint64_t home_requests; /* page requests this rank served as home */
	uint64_t service_ns;
	/* read-ahead: at the home, pages pushed and the pushes a reader reached; at a reader,
	 * pushed pages taken, and reached */
	uint64_t pushed_pages, pushes, pushes_reached, push_declined, push_taken, push_reached;
	/* the service thread's time by what it did: each message type, then this rank's faults
	 * (SERVICE_FAULTS) and the doorbells it rang (SERVICE_RING) */
	uint64_t work_ns[MSG_TYPES + 2], work_n[MSG_TYPES + 2];
};

/* A reader's sequential misses as the home sees them (read-ahead). */
/* Read-ahead streams a home follows for each rank (its threads may each read their own part of
 * memory): a miss that goes on from none of them starts a new one in place of the least recently
 * used, a candidate's (one miss so far) first. */
#define CL_STREAMS 8
struct cl_stream {
	uint64_t used;       /* when it last went on (cluster's stream_tick) */
	uint64_t last;       /* the last page it missed or reached */
	uint64_t pushed_end; /* pages below this, from the stream's start, were pushed */
	unsigned run;        /* sequential misses in a row */
	unsigned lead;       /* pages pushed ahead of the reader */
	uint64_t handed;     /* spread homes: the next home was told of the stream at this page */
};

/* Page splitting: the shadow area holds SPLIT_CHUNKS chunks of a shadow page per unit; chunk k's
 * home (where its pages are when no split page uses it) is rank k mod size. A home takes its
 * chunks in turn: a thread that looked the table up just before a join, and was descheduled
 * before its access, faults on the chunk (inaccessible once free) instead of reaching the page
 * split into it next (1 GiB of address space, whose pages are there only while in use). */
#define SPLIT_UNITS       (RVX_PAGE_SIZE >> RVX_SPLIT_UNIT_SHIFT)
#define SPLIT_CHUNKS      4096
#define SPLIT_CHUNK_BYTES (SPLIT_UNITS * RVX_PAGE_SIZE)
#define SPLIT_AREA        (SPLIT_CHUNKS * SPLIT_CHUNK_BYTES)
struct cl_split;

#define SERVICE_FAULTS MSG_TYPES
#define SERVICE_RING   (MSG_TYPES + 1)

struct cluster {
	struct rvx_machine *m;
	struct cl_transport *t;
	struct cl_options opt;
	int rank, size;
	unsigned home_shift; /* spread homes: a home for each 2^home_shift bytes, round-robin */
	int uffd;
	const struct cl_page_ops *pages;
	void *pages_arg; /* the protocol tests' model */
	int wake_fd;     /* eventfd: the outbox has messages */
	pthread_t service;
	bool service_started;
	volatile int stopping; /* the service thread ends (the master's, at the end) */
	int shutting;          /* the master has begun to end the process */
	int die_status, die_signal;
	int selftest_done;
	int cpus;              /* this rank's cores (its affinity) */
	int guest_nice;        /* the nice value guest threads run at (the process's at start) */
	bool woke;             /* the service woke a thread of this rank that waited for it */
	bool poster_goes_on;   /* a thread posted a message and went on running (cl_post_then) */
	bool kick_pending;     /* threads to send out of translated code */
	struct cl_queue later; /* signals to deliver once the machine's lock is free */

	struct cl_holder_times *holder_times; /* the self-test, at the master (selftest.c) */

	pthread_mutex_t map_lock; /* the master: mapping changes are told in their order */
	pthread_cond_t map_turn;
	uint64_t map_told; /* the last change told (the space's change_seq) */

	pthread_mutex_t out_lock;
	struct cl_queue out;  /* from threads other than the service thread, under out_lock */
	struct cl_queue self; /* from this rank to itself (service only) */

	/* this rank's state of every page it has seen; absent: M at the master, I elsewhere */
	struct pagemap local;
	/* a page the service thread is fetching, by page: the state asked for */
	struct pagemap wanted;
	/* the directory of the pages this rank is home of: page -> struct dir_entry * (absent: M at
	 * the master) */
	struct pagemap dir;
	bool frozen;                     /* requests from ranks but the master wait (a fork or exec) */
	uint64_t gather_txn;             /* the gather to answer once no transaction is under way */
	long dir_busy;                   /* transactions under way */
	struct cl_queue frozen_requests; /* those requests */
	uint8_t *zero_page;              /* ZERO_RUN_MAX pages of zeros, read-only */
	uint8_t *sendbuf;                /* header + a page */
	/* first touches of pages this rank owns and nobody touched yet: where the next one would
	 * be if they go on in order, and how many pages the last one installed */
	uint64_t zero_next;
	unsigned zero_run;

	/* read-ahead (CL_OPT_FORWARD): at the home, each rank's streams; at a reader, the first
	 * page of each push, kept out of guest memory until a thread reaches it (page -> bytes) */
	struct cl_stream *streams; /* CL_STREAMS a rank */
	uint64_t stream_tick;
	struct pagemap staged;
	unsigned push_batch, push_max; /* pages per push message, pages ahead at most */

	/* the master */
	int *cores; /* online cores of each rank, from their hello */
	int hellos, byes;
	unsigned nspawned;         /* threads made so far (placement index) */
	int *placed;               /* threads placed on each rank now */
	int *group_rank;           /* each group's rank (-1: none yet), by group + 2048 */
	struct cl_affinity *place; /* automatic placement's observations (place.c) */
	unsigned ngroups;
	pthread_mutex_t proxy_lock;
	struct cl_proxy *proxies;
	struct cl_proxy *retired_proxies; /* see retire_proxy */

	/* page splitting (split.c): the shadow area (0: no splitting), the pages split on this rank
	 * (every vCPU's split_tab), and split.c's own state */
	uint64_t split_base;
	struct rvx_split_entry split_tab[RVX_SPLIT_SLOTS];
	struct cl_split *split;

	struct cl_stats stats;
};

/* cluster_gather's answers from every home: the pages the master does not hold. */
struct cl_gather {
	struct cl_wait w; /* first: the txn of the messages points at both */
	uint64_t *pages;
	size_t n;
};
void cl_gather_add(struct cl_gather *g, const uint8_t *bytes, size_t n);

/* Sends from the service thread (to itself too). */
void cl_send(struct cluster *c, int dest, struct cl_msg *msg);
/* The same for an encoded message in buf (from malloc), to another rank; buf is the
 * transport's (no copy where it can). */
void cl_send_owned(struct cluster *c, int dest, uint8_t *buf, size_t len);
/* Sends from any other thread (through the outbox), for a poster that waits for an answer
 * now: the service polls for it. */
void cl_post(struct cluster *c, int dest, struct cl_msg *msg);
/* What the poster does next: a poster that goes on running shares a core with the service,
 * which must not poll after sending (the poster would wait for the core that long); a message
 * that only has to go before the poster's later ones leaves at the service's next round. */
enum cl_poster { CL_POSTER_WAITS, CL_POSTER_GOES_ON, CL_POSTER_GOES_ON_LATER };
void cl_post_then(struct cluster *c, int dest, struct cl_msg *msg, enum cl_poster then);
/* The same to every rank but this one. */
void cl_post_others(struct cluster *c, struct cl_msg *msg, enum cl_poster then);
static inline bool cl_is_shadow(const struct cluster *c, uint64_t page)
{
	return c->split_base && page - c->split_base < SPLIT_AREA;
}
/* The rank that holds page while nobody asked for it: the master, or a shadow chunk's home. */
static inline int cl_origin(const struct cluster *c, uint64_t page)
{
	return cl_is_shadow(c, page) ? (int)((page - c->split_base) / SPLIT_CHUNK_BYTES % (uint64_t)c->size) : MASTER;
}
/* The rank that keeps page's directory entry (carried in every message). */
static inline int cl_home(const struct cluster *c, uint64_t page)
{
	if (cl_is_shadow(c, page))
		return cl_origin(c, page);
	return c->opt.off & CL_OPT_SPREAD ? MASTER : (int)((page >> c->home_shift) % (uint64_t)c->size);
}
void cl_prompt_thread(int nice);
/* A thread the service started (a guest thread, the self-test's probe): back to the scheduling
 * it would have had without rvx. */
void cl_plain_thread(int nice);

static inline uint64_t cl_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* dsm.c: page coherence (service thread only, but dsm_map_changed). */
int dsm_init(struct cluster *c);
int dsm_register(struct cluster *c, uint64_t addr, uint64_t len);
/* Reads userfaultfd events: true when there were any. */
bool dsm_poll_faults(struct cluster *c);
/* Sends what this rank's threads posted, and handles what they posted to this rank itself. */
bool cl_drain_outbox(struct cluster *c);
/* A thread of this rank faulted at addr: a write (or a read), to a page that is there
 * write-protected (present) or not there. */
void dsm_fault(struct cluster *c, uint64_t addr, bool writing, bool present, int thread);
/* The page leaves this rank or moves between places: SCs whose LR came before fail from now on
 * (a shadow page's: those on its split page too). */
void dsm_reservations_end(struct cluster *c, uint64_t page);
/* This rank's service asks for page in state M (split.c), as a thread's fault would. */
void dsm_take(struct cluster *c, uint64_t page);
/* This rank, page's home, holds it in state M, and no transaction on it is under way. */
bool dsm_held(struct cluster *c, uint64_t page);
void dsm_message(struct cluster *c, const struct cl_msg *msg);
/* Applies a mapping change from the master at this rank (service thread). */
void dsm_apply_map(struct cluster *c, const struct cl_msg *msg);
void dsm_print_stats(struct cluster *c);
void dsm_gather(struct cluster *c, const struct cl_msg *msg);
void dsm_thaw(struct cluster *c);

/* split.c: page splitting against false sharing (CL_OPT_SPLIT). */
int split_init(struct cluster *c);
/* The master, before the other ranks hear of its mappings: maps the shadow area. */
int split_map_area(struct cluster *c);
/* At page's home: a request for it from rank src that gets no page (DATA_SPLIT): the page is
 * split, or it is a shadow page of a chunk no split page uses now. */
bool split_refuses(struct cluster *c, uint64_t page, int src);
/* Whether page is split, being split or joined, or a shadow page: no read-ahead pushes it (its
 * bytes are not where a whole page's are). */
bool split_involves(struct cluster *c, uint64_t page);
/* At page's home, before the directory serves rank src's request for want; offset is 1 + where
 * src faulted (0: unknown). */
void split_observe(struct cluster *c, uint64_t page, int src, int want, uint64_t offset);
/* At page's home: a transaction on page ended (dir_done). */
void split_page_done(struct cluster *c, uint64_t page);
/* The split page whose shadow page is page (0: none). */
uint64_t split_page_of(const struct cluster *c, uint64_t page);
void split_message(struct cluster *c, const struct cl_msg *msg);
/* The master changed a mapping at this rank (dsm_apply_map, before it is applied): split pages
 * in the range are joined, without their bytes where the mapping goes. */
void split_map_changed(struct cluster *c, int op, uint64_t addr, uint64_t len, int prot);
void split_print_stats(struct cluster *c);

/* remote.c: threads on other ranks and delegated syscalls. */
void remote_message(struct cluster *c, const struct cl_msg *msg);
/* What waited for the machine's lock: the kick out of translated code, forwarded signals. */
bool remote_retry(struct cluster *c);
void cl_kick(struct cluster *c);

/* place.c: automatic placement (CL_OPT_PLACE). */
/* The guest thread id of this rank's host thread host_tid (the service's faults), 0 if unknown
 * or when placement is off. */
int place_thread(struct cluster *c, int host_tid);
/* The home: thread (0: unknown) of rank r asked for page. */
void place_observe(struct cluster *c, int r, int thread, uint64_t page);
/* The master: another home saw two threads share (MSG_AFFINITY). */
void place_message(struct cluster *c, const struct cl_msg *msg);
/* The master, each service round: moves groups of sharing threads together when it is time. */
bool place_round(struct cluster *c);
/* How long until place_round has a plan to make (UINT64_MAX: none waits). */
uint64_t place_wait_ns(struct cluster *c);
void place_print_stats(struct cluster *c);

/* selftest.c */
void selftest_message(struct cluster *c, const struct cl_msg *msg);
/* remote.c: the master's start: the service, every rank's hello, the mappings. */
int cluster_start_master(struct rvx_machine *m);

/* service.c */
/* One round of the service: sends, receives, faults; true when there was work. */
bool cl_service_round(struct cluster *c, bool faults);
int cluster_service_start(struct cluster *c);
_Noreturn void cluster_service_loop(struct cluster *c);
/* The master: every other rank ends, then the link; the caller then ends this process. */
void cluster_shutdown(struct cluster *c);

#endif
