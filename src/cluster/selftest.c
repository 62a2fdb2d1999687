/* rvx --cluster-selftest: what the link costs and what a remote page fault costs on it, in
 * the same MPI settings as a real run. Ranks 0 and 1 measure: the transport's small-message
 * round trip R, the extra one-way time of a 4 KiB message T4, the local cost of a fault and a
 * page install h, then rank 1's read misses, write misses and S->M upgrades on pages the master
 * holds, against the bounds 2R+T4+h (read miss) and 1.5R+h (upgrade), and a sequential scan of
 * remote memory next to the transport's own streaming rate. Neither bound has the holder's part
 * in it: a read miss waits for the holder to write-protect its copy, an upgrade for the other
 * copy to be dropped (each a page table change that must reach every core of the holder's
 * threads); the master times its part of rank 1's misses and shows the bounds with it. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

#define ROUNDS     1000
#define PAGES      400  /* per fault kind */
#define SHUFFLE    7    /* prime to PAGES: the order in which they are touched */
#define SCAN_PAGES 8192 /* 32 MiB */
#define STREAM_MSG 1000 /* 4 KiB messages streamed for the transport's rate */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static const char *verdict(double us, double bound)
{
	return us <= bound ? "within" : "OVER";
}

static uint64_t median(uint64_t *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_u64);
	return v[n / 2];
}

static void raw_recv(struct cl_transport *t, int from)
{
	const void *buf;
	int src;
	while (t->recv(t, &src, &buf) <= 0 || src != from)
		;
}

/* Ping-pong of len bytes between ranks 0 and 1: the median round trip at rank 0 (ns). */
static uint64_t ping_pong(struct cl_transport *t, size_t len)
{
	uint64_t *rtt = calloc(ROUNDS, sizeof *rtt), r;
	uint8_t *buf = calloc(1, len);
	if (!rtt || !buf)
		t->abort(t, 70);
	for (int i = -100; i < ROUNDS; i++) {
		if (t->rank == 0) {
			uint64_t t0 = cl_now_ns();
			t->send(t, 1, buf, len);
			raw_recv(t, 1);
			if (i >= 0)
				rtt[i] = cl_now_ns() - t0;
		} else {
			raw_recv(t, 0);
			t->send(t, 0, buf, len);
		}
	}
	while (!t->drained(t))
		;
	r = t->rank == 0 ? median(rtt, ROUNDS) : 0;
	free(buf);
	free(rtt);
	return r;
}

/* Rank 0 streams 4 KiB messages to rank 1, which answers at the end: bytes per second. */
static double stream_rate(struct cl_transport *t)
{
	uint8_t *buf = calloc(1, RVX_PAGE_SIZE);
	uint64_t t0 = cl_now_ns();
	double rate = 0;
	if (t->rank == 0) {
		for (int i = 0; i < STREAM_MSG; i++)
			t->send(t, 1, buf, RVX_PAGE_SIZE);
		raw_recv(t, 1);
		rate = (double)STREAM_MSG * RVX_PAGE_SIZE / ((double)(cl_now_ns() - t0) / 1e9);
	} else {
		for (int i = 0; i < STREAM_MSG; i++)
			raw_recv(t, 0);
		t->send(t, 0, buf, 1);
	}
	while (!t->drained(t))
		;
	free(buf);
	return rate;
}

struct probe {
	struct cluster *c;
	uint64_t region, r_ns, t4_ns, h_ns;
	double stream;
};

static uint64_t touch(volatile uint8_t *p, bool write)
{
	uint64_t t0 = cl_now_ns();
	if (write)
		*p = 1;
	else
		(void)*p;
	return cl_now_ns() - t0;
}

/* Rank 1: the faults, timed one by one, and the scan; prints the report. */
static void *probe_main(void *arg)
{
	struct probe *p = arg;
	struct cluster *c = p->c;
	uint8_t *base = g2h(&c->m->space, p->region);
	uint64_t *rd = calloc(3 * PAGES, sizeof *rd), *wr, *up;
	struct cl_msg done = {.type = MSG_SELFTEST};
	double us = 1000.0, r = (double)p->r_ns / us, t4 = (double)p->t4_ns / us, h = (double)p->h_ns / us;
	uint64_t t0, scan_ns;
	double mrd, mwr, mup;
	uint64_t med[3];

	cl_plain_thread(c->guest_nice);
	if (!rd)
		c->t->abort(c->t, 70);
	wr = rd + PAGES;
	up = wr + PAGES;
	/* single faults: pages in an order no read-ahead follows */
	for (int i = 0; i < PAGES; i++)
		rd[i] = touch(base + (size_t)(i * SHUFFLE % PAGES) * RVX_PAGE_SIZE, false);
	for (int i = 0; i < PAGES; i++)
		wr[i] = touch(base + (size_t)(PAGES + i * SHUFFLE % PAGES) * RVX_PAGE_SIZE, true);
	for (int i = 0; i < PAGES; i++) {
		size_t k = (size_t)(2 * PAGES + i * SHUFFLE % PAGES) * RVX_PAGE_SIZE;
		touch(base + k, false);
		up[i] = touch(base + k, true);
	}
	t0 = cl_now_ns();
	for (int i = 0; i < SCAN_PAGES; i++)
		(void)*(volatile uint8_t *)(base + (size_t)(3 * PAGES + i) * RVX_PAGE_SIZE);
	scan_ns = cl_now_ns() - t0;
	med[0] = median(rd, PAGES);
	med[1] = median(wr, PAGES);
	med[2] = median(up, PAGES);
	mrd = (double)med[0] / us;
	mwr = (double)med[1] / us;
	mup = (double)med[2] / us;
	printf("rvx cluster self-test: %d ranks over %s, rank 1 faulting on pages the master holds\n", c->size,
	       c->t->name);
	printf("  transport round trip R       %8.1f us (8-byte messages, median of %d)\n", r, ROUNDS);
	printf("  4 KiB message, extra T4      %8.1f us (one way)\n", t4);
	printf("  local fault and install h    %8.1f us (a first touch at the master)\n", h);
	printf("  read miss                    %8.1f us   bound 2R+T4+h = %.1f us: %s (%.1fx R)\n", mrd, 2 * r + t4 + h,
	       verdict(mrd, 2 * r + t4 + h), mrd / r);
	printf("  write miss                   %8.1f us   (%.1fx R)\n", mwr, mwr / r);
	printf("  upgrade S->M                 %8.1f us   bound 1.5R+h = %.1f us: %s (%.1fx R)\n", mup, 1.5 * r + h,
	       verdict(mup, 1.5 * r + h), mup / r);
	printf("  sequential scan of remote memory %7.1f MB/s (read-ahead %s; the transport streams 4 KiB messages at "
	       "%.1f MB/s)\n",
	       (double)SCAN_PAGES * RVX_PAGE_SIZE / ((double)scan_ns / 1e9) / 1e6,
	       c->opt.off & CL_OPT_FORWARD ? "off" : "on", p->stream / 1e6);
	fflush(stdout);
	memcpy(done.arg, med, sizeof med); /* for the master's lines with its own part */
	free(rd);
	free(p);
	cl_post(c, MASTER, &done);
	return NULL;
}

/* The master's local cost of a fault answered by the service: first touches of fresh pages,
 * last to first (in order, a first touch installs the pages after it too). */
static uint64_t local_fault_cost(struct cluster *c, uint64_t addr)
{
	uint64_t *v = calloc(PAGES, sizeof *v), h;
	uint8_t *base = g2h(&c->m->space, addr);
	if (!v)
		c->t->abort(c->t, 70);
	for (int i = PAGES - 1; i >= 0; i--)
		v[i] = touch(base + (size_t)i * RVX_PAGE_SIZE, false);
	h = median(v, PAGES);
	free(v);
	return h;
}

void selftest_message(struct cluster *c, const struct cl_msg *msg)
{
	struct probe *p;
	pthread_t th;
	if (c->rank == MASTER) { /* rank 1 is done: its medians */
		memcpy(c->holder_times->miss, msg->arg, sizeof c->holder_times->miss);
		__atomic_store_n(&c->selftest_done, 1, __ATOMIC_RELEASE);
		return;
	}
	p = malloc(sizeof *p); /* the probe frees it */
	if (!p)
		c->t->abort(c->t, 70);
	p->c = c;
	p->region = msg->page;
	p->r_ns = msg->arg[0];
	p->t4_ns = msg->arg[1];
	p->h_ns = msg->arg[2];
	memcpy(&p->stream, &msg->arg[3], sizeof p->stream);
	if (pthread_create(&th, NULL, probe_main, p) == 0)
		pthread_detach(th);
}

/* The master's part of rank 1's misses, and the bounds with it (after rank 1's report). */
static void holder_report(struct cluster *c, double r, double t4, double h)
{
	struct cl_holder_times *t = c->holder_times;
	double sp = t->nprotect ? (double)median(t->protect, (size_t)t->nprotect) / 1e3 : 0;
	double sd = t->ndrop ? (double)median(t->drop, (size_t)t->ndrop) / 1e3 : 0;
	double mrd = (double)t->miss[0] / 1e3, mup = (double)t->miss[2] / 1e3;
	printf("  holder's write-protect sp    %8.1f us (the master's part of a read or write miss, median of %d)\n",
	       sp, t->nprotect);
	printf("  holder's drop sd             %8.1f us (the master's part of an upgrade, median of %d)\n", sd,
	       t->ndrop);
	printf("  read miss with it            bound 2R+T4+h+sp = %.1f us: %s\n", 2 * r + t4 + h + sp,
	       verdict(mrd, 2 * r + t4 + h + sp));
	printf("  upgrade with it              bound 1.5R+h+sd = %.1f us: %s\n", 1.5 * r + h + sd,
	       verdict(mup, 1.5 * r + h + sd));
	fflush(stdout);
}

int cluster_selftest(struct rvx_machine *m)
{
	struct cluster *c = m->cluster;
	struct cl_transport *t = c->t;
	uint64_t r = 0, rtt4 = 0, h, len = (uint64_t)(3 * PAGES + SCAN_PAGES) * RVX_PAGE_SIZE;
	int64_t region, fresh;
	double stream = 0;
	struct cl_msg go = {.type = MSG_SELFTEST};
	int err;

	if (t->rank <= 1) {
		r = ping_pong(t, 8);
		rtt4 = ping_pong(t, CL_HEADER_BYTES + RVX_PAGE_SIZE);
		stream = stream_rate(t);
	}
	/* the other ranks keep quiet until ranks 0 and 1 are done with the bare link */
	if (t->rank == 0)
		for (int k = 2; k < t->size; k++)
			t->send(t, k, "", 1);
	else if (t->rank >= 2)
		raw_recv(t, 0);
	if (t->rank != MASTER)
		return cluster_run(m); /* serves, and probes when told */
	region = space_map(&m->space, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, NULL);
	fresh = space_map(&m->space, 0, PAGES * RVX_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			  0, NULL);
	if (region < 0 || fresh < 0)
		return machine_error(m, RVX_E_NOMEM, "cannot map the self-test's memory");
	memset(g2h(&m->space, (uint64_t)region), 0x5a, len); /* the master holds every page, none zero */
	c->holder_times = calloc(1, sizeof *c->holder_times);
	if (!c->holder_times)
		return machine_error(m, RVX_E_NOMEM, "out of memory");
	err = cluster_start_master(m);
	if (err < 0)
		return err;
	h = local_fault_cost(c, (uint64_t)fresh);
	go.page = (uint64_t)region;
	go.arg[0] = r;
	go.arg[1] = rtt4 > r ? (rtt4 - r) / 2 : 0;
	go.arg[2] = h;
	memcpy(&go.arg[3], &stream, sizeof stream);
	cl_post(c, 1, &go);
	while (!__atomic_load_n(&c->selftest_done, __ATOMIC_ACQUIRE))
		usleep(1000);
	holder_report(c, (double)r / 1e3, (double)go.arg[1] / 1e3, (double)h / 1e3);
	cluster_shutdown(c);
	free(c->holder_times);
	c->holder_times = NULL;
	return 0;
}
