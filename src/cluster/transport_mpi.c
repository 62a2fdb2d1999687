/* The MPI transport: two-sided messages on one tag (MPI keeps order per source, tag and
 * communicator), nonblocking sends whose buffers live until they complete, receives by probe.
 * Built into rvx-mpi only, so that rvx itself needs no MPI library.
 *
 * MPI's shared-memory transport gives nothing to wait on, so an idle rank would have to poll.
 * Each rank has a doorbell instead, a UDP socket: a rank that sent messages in a round sends one
 * datagram to each receiver, whose service thread sleeps in the kernel meanwhile. Ranks on one
 * host ring on the loopback address, others on the receiver's first non-loopback IPv4 address;
 * a rank that does not hear every other rank ring at start-up polls as before. */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <malloc.h>
#include <mpi.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "transport.h"

#define TAG           7
#define BELL_CHECK_MS 1000 /* how long a rank waits at start-up to hear every other ring */

/* What a rank tells the others of its doorbell (exchanged as bytes between copies of rvx-mpi). */
struct bell_addr {
	char host[MPI_MAX_PROCESSOR_NAME];
	uint32_t ip;   /* network order; 0: no address other ranks' hosts can reach */
	uint16_t port; /* network order; 0: no doorbell */
};

struct pending_send {
	MPI_Request req;
	void *buf;
	int dest;
	bool rung; /* its receiver was rung while it had not left: rung again when it has */
};

struct mpi_link {
	struct cl_transport t;
	struct pending_send *sends;
	size_t nsends, cap;
	void *rbuf;
	size_t rcap;
	int bell;                 /* this rank's doorbell socket, -1: none */
	bool bell_heard;          /* every other rank can ring it: the service may sleep */
	struct sockaddr_in *peer; /* each rank's doorbell (port 0: cannot ring it) */
	unsigned char *due;       /* ranks sent to since the last ring */
};

static void ring_one(struct mpi_link *l, int r)
{
	uint16_t me = (uint16_t)l->t.rank;
	if (l->bell >= 0 && l->peer[r].sin_port)
		sendto(l->bell, &me, sizeof me, MSG_DONTWAIT, (const struct sockaddr *)&l->peer[r], sizeof l->peer[r]);
}

/* Frees the buffers of sends that have completed. */
static void reap(struct mpi_link *l)
{
	size_t i = 0;
	while (i < l->nsends) {
		int done = 0;
		MPI_Test(&l->sends[i].req, &done, MPI_STATUS_IGNORE);
		if (!done) {
			i++;
			continue;
		}
		if (l->sends[i].rung) /* the receiver may have slept since, having found nothing */
			ring_one(l, l->sends[i].dest);
		free(l->sends[i].buf);
		l->sends[i] = l->sends[--l->nsends];
	}
}

static int mpi_send_owned(struct cl_transport *t, int dest, void *buf, size_t len)
{
	struct mpi_link *l = t->impl;
	struct pending_send s = {.buf = buf, .dest = dest};
	if (l->nsends == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct pending_send *n = realloc(l->sends, cap * sizeof *n);
		if (!n) {
			free(buf);
			return -ENOMEM;
		}
		l->sends = n;
		l->cap = cap;
	}
	if (MPI_Isend(s.buf, (int)len, MPI_BYTE, dest, TAG, MPI_COMM_WORLD, &s.req) != MPI_SUCCESS) {
		free(s.buf);
		return -EIO;
	}
	l->sends[l->nsends++] = s;
	l->due[dest] = 1;
	return 0;
}

static int mpi_send(struct cl_transport *t, int dest, const void *buf, size_t len)
{
	void *copy = malloc(len ? len : 1);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, buf, len);
	return mpi_send_owned(t, dest, copy, len);
}

static void mpi_ring(struct cl_transport *t)
{
	struct mpi_link *l = t->impl;
	reap(l);
	for (size_t i = 0; i < l->nsends; i++)
		l->sends[i].rung = true;
	for (int r = 0; r < t->size; r++)
		if (l->due[r]) {
			l->due[r] = 0;
			ring_one(l, r);
		}
}

static int mpi_doorbell(struct cl_transport *t)
{
	struct mpi_link *l = t->impl;
	uint16_t from;
	if (!l->bell_heard)
		return -1;
	while (recv(l->bell, &from, sizeof from, MSG_DONTWAIT) > 0)
		;
	return l->bell;
}

static long mpi_recv(struct cl_transport *t, int *src, const void **buf)
{
	struct mpi_link *l = t->impl;
	MPI_Status st;
	int flag = 0, count = 0;
	reap(l);
	if (MPI_Iprobe(MPI_ANY_SOURCE, TAG, MPI_COMM_WORLD, &flag, &st) != MPI_SUCCESS)
		return -EIO;
	if (!flag)
		return 0;
	MPI_Get_count(&st, MPI_BYTE, &count);
	if ((size_t)count > l->rcap) {
		void *n = realloc(l->rbuf, (size_t)count);
		if (!n)
			return -ENOMEM;
		l->rbuf = n;
		l->rcap = (size_t)count;
	}
	if (MPI_Recv(l->rbuf, count, MPI_BYTE, st.MPI_SOURCE, TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE) != MPI_SUCCESS)
		return -EIO;
	*src = st.MPI_SOURCE;
	*buf = l->rbuf;
	return count;
}

static int mpi_drained(struct cl_transport *t)
{
	struct mpi_link *l = t->impl;
	reap(l);
	return l->nsends == 0;
}

static void mpi_finish(struct cl_transport *t)
{
	struct mpi_link *l = t->impl;
	while (!mpi_drained(t))
		;
	MPI_Finalize();
	if (l->bell >= 0)
		close(l->bell);
	free(l->peer);
	free(l->due);
	free(l->sends);
	free(l->rbuf);
	free(l);
}

/* The first address of this host that other hosts may reach (network order), 0 when none. */
static uint32_t host_address(void)
{
	struct ifaddrs *list, *i;
	uint32_t ip = 0;
	if (getifaddrs(&list) != 0)
		return 0;
	for (i = list; i && !ip; i = i->ifa_next)
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET && (i->ifa_flags & IFF_UP) &&
		    !(i->ifa_flags & IFF_LOOPBACK))
			ip = ((const struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr;
	freeifaddrs(list);
	return ip;
}

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Opens this rank's doorbell, learns the others', and checks that every other rank's ring
 * arrives. false only when out of memory (a rank without a working doorbell polls). */
static bool bell_setup(struct mpi_link *l)
{
	int n = l->t.size, len = 0, heard = 0;
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	socklen_t alen = sizeof a;
	struct bell_addr me, *all = calloc((size_t)n, sizeof *all);
	unsigned char *got = calloc((size_t)n, 1);
	uint64_t deadline;

	l->peer = calloc((size_t)n, sizeof *l->peer);
	l->due = calloc((size_t)n, 1);
	if (!all || !got || !l->peer || !l->due) {
		free(all);
		free(got);
		return false;
	}
	memset(&me, 0, sizeof me);
	MPI_Get_processor_name(me.host, &len);
	l->bell = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (l->bell >= 0 && bind(l->bell, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(l->bell, (struct sockaddr *)&a, &alen) == 0)
		me.port = a.sin_port;
	me.ip = host_address();
	MPI_Allgather(&me, sizeof me, MPI_BYTE, all, sizeof me, MPI_BYTE, MPI_COMM_WORLD);
	for (int r = 0; r < n; r++) {
		bool local = strncmp(all[r].host, me.host, sizeof me.host) == 0;
		l->peer[r].sin_family = AF_INET;
		l->peer[r].sin_addr.s_addr = local ? htonl(INADDR_LOOPBACK) : all[r].ip;
		l->peer[r].sin_port = l->peer[r].sin_addr.s_addr ? all[r].port : 0;
	}
	MPI_Barrier(MPI_COMM_WORLD); /* every doorbell is open */
	for (int r = 0; r < n; r++)
		if (r != l->t.rank)
			ring_one(l, r);
	deadline = now_ms() + BELL_CHECK_MS;
	for (uint64_t now = now_ms(); l->bell >= 0 && heard < n - 1 && now < deadline; now = now_ms()) {
		struct pollfd p = {l->bell, POLLIN, 0};
		uint16_t from;
		poll(&p, 1, (int)(deadline - now));
		while (recv(l->bell, &from, sizeof from, MSG_DONTWAIT) == sizeof from)
			if (from < n && from != l->t.rank && !got[from]) {
				got[from] = 1;
				heard++;
			}
	}
	l->bell_heard = l->bell >= 0 && heard == n - 1;
	free(all);
	free(got);
	return true;
}

static void mpi_abort(struct cl_transport *t, int status)
{
	(void)t;
	MPI_Abort(MPI_COMM_WORLD, status);
	exit(status);
}

struct cl_transport *cl_transport_mpi_new(int *argc, char ***argv, char *err, size_t errlen)
{
	struct mpi_link *l;
	int provided = 0, rank = 0, size = 0, r;
	sigset_t all, old;
	/* messages of pages (read-ahead sends 256 KiB at a time) come from malloc and go back to it
	 * at a high rate: kept in the heap, not mapped and unmapped each time (measured: 390 us a
	 * push, most of it page faults on the fresh mapping, against 60 us) */
	mallopt(M_MMAP_THRESHOLD, 8 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	/* the threads MPI starts must never take a signal meant for the guest */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r != MPI_SUCCESS) {
		snprintf(err, errlen, "MPI_Init failed");
		return NULL;
	}
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	if (provided < MPI_THREAD_SERIALIZED) {
		snprintf(err, errlen, "the MPI library does not allow calls from a thread other than main's");
		MPI_Finalize();
		return NULL;
	}
	l = calloc(1, sizeof *l);
	if (!l) {
		snprintf(err, errlen, "out of memory");
		MPI_Finalize();
		return NULL;
	}
	l->t.rank = rank;
	l->t.size = size;
	l->t.name = "MPI";
	l->t.send = mpi_send;
	l->t.send_owned = mpi_send_owned;
	l->t.recv = mpi_recv;
	l->t.ring = mpi_ring;
	l->t.doorbell = mpi_doorbell;
	l->t.drained = mpi_drained;
	l->t.finish = mpi_finish;
	l->t.abort = mpi_abort;
	l->t.impl = l;
	l->bell = -1;
	if (!bell_setup(l)) {
		snprintf(err, errlen, "out of memory");
		MPI_Finalize();
		free(l->peer);
		free(l->due);
		if (l->bell >= 0)
			close(l->bell);
		free(l);
		return NULL;
	}
	return &l->t;
}
