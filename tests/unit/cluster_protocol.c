/* The cluster's page protocol (src/cluster/dsm.c) without MPI or userfaultfd: ranks in one
 * process, their memory a model of what userfaultfd does, messages through an in-process
 * transport that delivers each channel in order but the channels in a random order and after
 * random delays. Each page has its directory on a rank of its own (homes spread), and homes
 * push pages ahead of sequential readers. Threads on every rank read and write a few pages at
 * random or in a row; after every step
 * the invariants hold: at most one rank can write a page, and then nobody else has it; every
 * copy that is there holds the last value written. At the end every fault has been answered
 * (no thread waits forever: no lost wake-up, no request left behind) and the directory is idle.
 * Prints PASS/FAIL lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/internal.h"

#define RANKS   3
#define THREADS 2
#define PAGES   12
#define STEPS   20000
#define SEEDS   30
#define BASE    0x10000ull

struct sim_page {
	bool present, writable;
	uint8_t bytes[RVX_PAGE_SIZE];
};

struct sim_thread {
	int page; /* the access it is trying, or -1 */
	int last; /* the page of its last access */
	bool write, blocked;
};

struct packet {
	struct packet *next;
	size_t len;
	uint8_t bytes[];
};

struct sim {
	struct cluster c[RANKS];
	struct cl_transport t[RANKS];
	struct sim_page mem[RANKS][PAGES];
	struct sim_thread th[RANKS][THREADS];
	struct packet *head[RANKS][RANKS], *tail[RANKS][RANKS]; /* [from][to] */
	uint8_t *rbuf[RANKS];
	uint64_t truth[PAGES], written;
	unsigned seed;
	const char *failure;
	long faults, accesses;
	uint64_t pushed, staged_reached;
};

static struct sim *S;

static unsigned rnd(unsigned n)
{
	S->seed = S->seed * 1103515245u + 12345u;
	return (S->seed >> 8) % n;
}

static int page_index(uint64_t page)
{
	return (int)((page - BASE) / RVX_PAGE_SIZE);
}

static void wake_rank(int rank, int p)
{
	for (int k = 0; k < THREADS; k++)
		if (S->th[rank][k].blocked && S->th[rank][k].page == p)
			S->th[rank][k].blocked = false;
}

static long sim_install(struct cluster *c, uint64_t page, const void *src, size_t n, bool wp, bool wake)
{
	size_t i;
	for (i = 0; i < n; i++) {
		struct sim_page *m = &S->mem[c->rank][page_index(page) + (int)i];
		if (m->present)
			break;
		memcpy(m->bytes, (const uint8_t *)src + i * RVX_PAGE_SIZE, RVX_PAGE_SIZE);
		m->present = true;
		m->writable = !wp;
		if (wake)
			wake_rank(c->rank, page_index(page) + (int)i);
	}
	return i ? (long)i : -17; /* EEXIST */
}

static void sim_protect(struct cluster *c, uint64_t page, size_t n, bool on)
{
	for (size_t i = 0; i < n; i++) {
		struct sim_page *m = &S->mem[c->rank][page_index(page) + (int)i];
		if (m->present)
			m->writable = !on;
		if (!on)
			wake_rank(c->rank, page_index(page) + (int)i);
	}
}

static void sim_wake(struct cluster *c, uint64_t page)
{
	wake_rank(c->rank, page_index(page));
}

static void sim_drop(struct cluster *c, uint64_t page)
{
	struct sim_page *m = &S->mem[c->rank][page_index(page)];
	m->present = m->writable = false;
	memset(m->bytes, 0xee, sizeof m->bytes); /* a stale copy must never be read again */
}

static void *sim_bytes(struct cluster *c, uint64_t page)
{
	return S->mem[c->rank][page_index(page)].bytes;
}

static void sim_fill(struct cluster *c, uint64_t page, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sim_install(c, page + i * RVX_PAGE_SIZE, c->zero_page, 1, true, false);
}

static bool sim_extent(struct cluster *c, uint64_t page, uint64_t *end)
{
	*end = BASE + PAGES * RVX_PAGE_SIZE;
	return true;
}

static const struct cl_page_ops sim_pages = {sim_install, sim_protect, sim_wake,  sim_drop,
					     sim_bytes,   sim_fill,    sim_extent};

static int sim_send(struct cl_transport *t, int dest, const void *buf, size_t len)
{
	struct packet *p = malloc(sizeof *p + len);
	p->next = NULL;
	p->len = len;
	memcpy(p->bytes, buf, len);
	if (S->tail[t->rank][dest])
		S->tail[t->rank][dest]->next = p;
	else
		S->head[t->rank][dest] = p;
	S->tail[t->rank][dest] = p;
	return 0;
}

/* Sometimes nothing (a delay); else the head of a random non-empty channel into this rank. */
static long sim_recv(struct cl_transport *t, int *src, const void **buf)
{
	int from[RANKS], n = 0;
	struct packet *p;
	if (rnd(3) == 0)
		return 0;
	for (int r = 0; r < RANKS; r++)
		if (S->head[r][t->rank])
			from[n++] = r;
	if (!n)
		return 0;
	*src = from[rnd((unsigned)n)];
	p = S->head[*src][t->rank];
	S->head[*src][t->rank] = p->next;
	if (!p->next)
		S->tail[*src][t->rank] = NULL;
	free(S->rbuf[t->rank]);
	S->rbuf[t->rank] = (uint8_t *)p; /* freed at the next call */
	*buf = p->bytes;
	return (long)p->len;
}

static int sim_drained(struct cl_transport *t)
{
	return 1;
}

static void sim_finish(struct cl_transport *t)
{
}

static void sim_abort(struct cl_transport *t, int status)
{
	printf("FAIL cluster-protocol: the protocol gave up on rank %d (status %d), seed %u\n", t->rank, status,
	       S->seed);
	exit(0);
}

static bool in_flight(void)
{
	for (int a = 0; a < RANKS; a++)
		for (int b = 0; b < RANKS; b++)
			if (S->head[a][b])
				return true;
	for (int r = 0; r < RANKS; r++)
		if (S->c[r].self.head)
			return true;
	return false;
}

static void check_invariants(void)
{
	for (int p = 0; p < PAGES && !S->failure; p++) {
		int writers = 0, present = 0;
		for (int r = 0; r < RANKS; r++) {
			struct sim_page *m = &S->mem[r][p];
			uint64_t v;
			if (!m->present)
				continue;
			present++;
			writers += m->writable;
			memcpy(&v, m->bytes, 8);
			if (v != S->truth[p])
				S->failure = "a copy that is there does not hold the last value written";
		}
		if (writers > 1)
			S->failure = "two ranks can write one page";
		else if (writers == 1 && present > 1)
			S->failure = "a rank can write a page another rank still has";
	}
}

/* One access by a thread: it runs, or it faults and waits for the page. */
static void access_page(int r, int k)
{
	struct sim_thread *t = &S->th[r][k];
	struct sim_page *m = &S->mem[r][t->page];
	uint64_t page = BASE + (uint64_t)t->page * RVX_PAGE_SIZE, v;
	if (m->present && (!t->write || m->writable)) {
		if (t->write) {
			v = ++S->written;
			memcpy(m->bytes, &v, 8);
			S->truth[t->page] = v;
		} else {
			memcpy(&v, m->bytes, 8);
			if (v != S->truth[t->page])
				S->failure = "a read did not see the last write";
		}
		S->accesses++;
		t->last = t->page;
		t->page = -1;
		return;
	}
	t->blocked = true;
	S->faults++;
	dsm_fault(&S->c[r], page, t->write, m->present, 0);
}

static void sim_start(unsigned seed)
{
	memset(S, 0, sizeof *S);
	S->seed = seed;
	for (int r = 0; r < RANKS; r++) {
		struct cluster *c = &S->c[r];
		S->t[r] = (struct cl_transport){.rank = r,
						.size = RANKS,
						.name = "in-process",
						.send = sim_send,
						.recv = sim_recv,
						.drained = sim_drained,
						.finish = sim_finish,
						.abort = sim_abort};
		c->t = &S->t[r];
		c->rank = r;
		c->size = RANKS;
		c->uffd = -1;
		c->wake_fd = -1;
		c->pages = &sim_pages;
		c->zero_page = calloc(ZERO_RUN_MAX, RVX_PAGE_SIZE);
		c->sendbuf = malloc(CL_HEADER_BYTES + RVX_PAGE_SIZE);
		/* every rank is the home of a page in three (spread homes), and pushes after
		 * sequential misses, in short runs */
		c->home_shift = 14;
		c->push_batch = 2;
		c->push_max = 5;
		c->streams = calloc((size_t)RANKS * CL_STREAMS, sizeof *c->streams);
		pthread_mutex_init(&c->out_lock, NULL);
		for (int k = 0; k < THREADS; k++)
			S->th[r][k].page = -1;
	}
}

/* At the end: no rank waits for a page; frees the ranks. */
static bool sim_end(void)
{
	for (int r = 0; r < RANKS && !S->failure; r++)
		for (size_t i = 0; i < S->c[r].wanted.cap; i++)
			if (S->c[r].wanted.keys[i])
				S->failure = "a rank still waits for a page at the end";
	for (int r = 0; r < RANKS; r++) {
		S->pushed += S->c[r].stats.pushed_pages;
		S->staged_reached += S->c[r].stats.push_reached;
		for (size_t i = 0; i < S->c[r].staged.cap; i++)
			if (S->c[r].staged.keys[i])
				free((void *)(uintptr_t)S->c[r].staged.vals[i]);
		pagemap_free(&S->c[r].staged);
		pagemap_free(&S->c[r].dir);
		free(S->c[r].streams);
		pagemap_free(&S->c[r].local);
		pagemap_free(&S->c[r].wanted);
		free(S->c[r].zero_page);
		free(S->c[r].sendbuf);
		free(S->rbuf[r]);
	}
	return !S->failure;
}

static bool run_seed(unsigned seed)
{
	long quiet = 0;
	sim_start(seed);
	for (long step = 0; !S->failure; step++) {
		bool ending = step >= STEPS, idle = true;
		int r = (int)rnd(RANKS), k = (int)rnd(THREADS);
		struct sim_thread *t = &S->th[r][k];
		if (rnd(2)) {
			cl_service_round(&S->c[r], true);
		} else if (!t->blocked && (t->page >= 0 || !ending)) {
			if (t->page < 0 && rnd(3)) { /* reads in a row: read-ahead's case */
				t->page = (t->last + 1) % PAGES;
				t->write = rnd(8) == 0;
			} else if (t->page < 0) {
				t->page = (int)rnd(PAGES);
				t->write = rnd(2);
			}
			access_page(r, k);
		}
		check_invariants();
		if (!ending)
			continue;
		for (int a = 0; a < RANKS; a++)
			for (int b = 0; b < THREADS; b++)
				if (S->th[a][b].page >= 0)
					idle = false;
		if (idle && !in_flight())
			break;
		if (++quiet > 2000000)
			S->failure = "a fault was never answered (threads still wait, or messages are stuck)";
	}
	return sim_end();
}

/* Thread 0 of rank r accesses page p, the messages it causes all delivered before it goes on. */
static void access_settled(int r, int p, bool write)
{
	struct sim_thread *t = &S->th[r][0];
	t->page = p;
	t->write = write;
	for (long rounds = 0; t->page >= 0 && !S->failure; rounds++) {
		if (!t->blocked)
			access_page(r, 0);
		for (int q = 0; q < RANKS; q++)
			cl_service_round(&S->c[q], true);
		if (rounds > 100000)
			S->failure = "an access in a row was never answered";
	}
	while (in_flight())
		for (int q = 0; q < RANKS; q++)
			cl_service_round(&S->c[q], true);
	check_invariants();
}

/* In order, without races: the master writes every page, its first touches installing runs of
 * pages; then rank 1 reads them all, read-ahead pushing them to it through each home in turn
 * (4 pages a home here). Only the two misses that start the stream are requests. */
static bool run_stream(char *why, size_t len)
{
	long writer_faults, reader_requests;
	sim_start(SEEDS + 1);
	for (int p = 0; p < PAGES; p++)
		access_settled(MASTER, p, true);
	writer_faults = S->faults;
	for (int p = 0; p < PAGES; p++)
		access_settled(1, p, false);
	reader_requests = (long)S->c[1].stats.faults[0];
	if (!S->failure && writer_faults > 4)
		S->failure = "the master's first touches in a row did not install runs of pages";
	if (!S->failure && reader_requests > 2)
		S->failure = "a reader in a row asked for pages that read-ahead should have pushed";
	snprintf(why, len, "%ld faults of the writer, %ld requests of the reader", writer_faults, reader_requests);
	return sim_end();
}

/* Two readers on one rank, each in order through its own half of the pages, in turn: only the
 * two misses that start each stream are requests. With every page's home at the master, it
 * follows both streams; with homes spread, the second starts two pages before its home's last,
 * and goes on into the next home's pages at once. */
static bool run_two_streams(bool spread, char *why, size_t len)
{
	long reader_requests;
	sim_start(SEEDS + 2);
	for (int r = 0; r < RANKS && !spread; r++)
		S->c[r].opt.off |= CL_OPT_SPREAD;
	for (int p = 0; p < PAGES; p++)
		access_settled(MASTER, p, true);
	for (int p = 0; p < PAGES / 2; p++) {
		access_settled(1, p, false);
		access_settled(1, PAGES / 2 + p, false);
	}
	reader_requests = (long)S->c[1].stats.faults[0];
	if (!S->failure && reader_requests > 4)
		S->failure = "readers in a row asked for pages that read-ahead should have pushed";
	snprintf(why, len, "%ld requests of the readers", reader_requests);
	return sim_end();
}

int main(void)
{
	long faults = 0, accesses = 0;
	uint64_t pushed = 0, reached = 0;
	char why[128];
	S = malloc(sizeof *S);
	for (unsigned seed = 1; seed <= SEEDS; seed++) {
		if (!run_seed(seed)) {
			printf("FAIL cluster-protocol: %s (seed %u)\n", S->failure, seed);
			return 0;
		}
		faults += S->faults;
		accesses += S->accesses;
		pushed += S->pushed;
		reached += S->staged_reached;
	}
	if (!pushed || !reached) {
		printf("FAIL cluster-protocol: read-ahead never ran (%llu pages pushed, %llu pushes reached)\n",
		       (unsigned long long)pushed, (unsigned long long)reached);
		return 0;
	}
	printf("PASS cluster-protocol: %d seeds, %ld accesses, %ld faults answered, %llu pages pushed ahead (%llu "
	       "pushes reached), invariants held at every step\n",
	       SEEDS, accesses, faults, (unsigned long long)pushed, (unsigned long long)reached);
	if (run_stream(why, sizeof why))
		printf("PASS cluster-protocol-stream: %d pages over 3 homes, %s\n", PAGES, why);
	else
		printf("FAIL cluster-protocol-stream: %s (%s)\n", S->failure, why);
	for (int spread = 0; spread < 2; spread++) {
		const char *name = spread ? "cluster-protocol-two-streams-spread" : "cluster-protocol-two-streams";
		if (run_two_streams(spread, why, sizeof why))
			printf("PASS %s: %d pages in two halves read in turn, %s\n", name, PAGES, why);
		else
			printf("FAIL %s: %s (%s)\n", name, S->failure, why);
	}
	return 0;
}
