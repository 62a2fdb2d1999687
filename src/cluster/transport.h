/* The link between the ranks of one guest process: messages of bytes between numbered ranks,
 * in order per pair of ranks. Only the cluster's service thread calls it. MPI is one backend
 * (transport_mpi.c, built into rvx-mpi); the protocol tests use an in-process one. */
#ifndef RVX_CLUSTER_TRANSPORT_H
#define RVX_CLUSTER_TRANSPORT_H

#include <stddef.h>

struct cl_transport {
	int rank, size;
	const char *name; /* for messages: "MPI", "in-process" */
	/* Queues len bytes for rank dest; buf may be reused as soon as it returns. 0 or -errno. */
	int (*send)(struct cl_transport *t, int dest, const void *buf, size_t len);
	/* The same for a buf from malloc that the transport frees once sent (also on failure);
	 * NULL: the caller sends and frees. */
	int (*send_owned)(struct cl_transport *t, int dest, void *buf, size_t len);
	/* A message that has arrived: its length, with *src and *buf (valid until the next call),
	 * or 0 when none has; -errno when the link failed. */
	long (*recv)(struct cl_transport *t, int *src, const void **buf);
	/* Tells every rank sent to since the last call that messages wait for it (NULL: ranks learn
	 * of messages only by polling recv). */
	void (*ring)(struct cl_transport *t);
	/* Empties this rank's doorbell and returns its descriptor, readable once another rank rings;
	 * -1 when nothing rings this rank and it must poll (NULL: likewise). */
	int (*doorbell)(struct cl_transport *t);
	/* True when every queued send has left (before finish). */
	int (*drained)(struct cl_transport *t);
	/* Ends the link (after the last message of every rank). */
	void (*finish)(struct cl_transport *t);
	/* Ends every rank's process at once with status (a failure nobody can recover from). */
	void (*abort)(struct cl_transport *t, int status); /* does not return */
	void *impl;
};

/* The MPI backend: MPI_Init_thread from argc/argv; NULL with a sentence in err when there is
 * no MPI world to join. */
struct cl_transport *cl_transport_mpi_new(int *argc, char ***argv, char *err, size_t errlen);

#endif
