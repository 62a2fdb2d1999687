/* The MPI transport: two-sided messages on one tag (MPI keeps order per source, tag and
 * communicator), nonblocking sends whose buffers live until they complete, receives by probe.
 * Built into rvx-mpi only, so that rvx itself needs no MPI library. */
#include <errno.h>
#include <mpi.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "transport.h"

#define TAG 7

struct pending_send {
	MPI_Request req;
	void *buf;
};

struct mpi_link {
	struct cl_transport t;
	struct pending_send *sends;
	size_t nsends, cap;
	void *rbuf;
	size_t rcap;
};

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
		free(l->sends[i].buf);
		l->sends[i] = l->sends[--l->nsends];
	}
}

static int mpi_send(struct cl_transport *t, int dest, const void *buf, size_t len)
{
	struct mpi_link *l = t->impl;
	struct pending_send s;
	if (l->nsends == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct pending_send *n = realloc(l->sends, cap * sizeof *n);
		if (!n)
			return -ENOMEM;
		l->sends = n;
		l->cap = cap;
	}
	s.buf = malloc(len ? len : 1);
	if (!s.buf)
		return -ENOMEM;
	memcpy(s.buf, buf, len);
	if (MPI_Isend(s.buf, (int)len, MPI_BYTE, dest, TAG, MPI_COMM_WORLD, &s.req) != MPI_SUCCESS) {
		free(s.buf);
		return -EIO;
	}
	l->sends[l->nsends++] = s;
	return 0;
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
	free(l->sends);
	free(l->rbuf);
	free(l);
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
	l->t.recv = mpi_recv;
	l->t.drained = mpi_drained;
	l->t.finish = mpi_finish;
	l->t.abort = mpi_abort;
	l->t.impl = l;
	return &l->t;
}
