/* Messages between ranks: a fixed header of explicit little-endian fields, then an optional
 * payload (a page, a thread's registers). Nothing is sent as a raw C struct. */
#ifndef RVX_CLUSTER_WIRE_H
#define RVX_CLUSTER_WIRE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum cl_msg_type {
	/* start and end */
	MSG_HELLO = 1, /* rank -> master: ready; arg0 = its online cores */
	MSG_START,     /* master -> rank: the process's constants: arg0 = the signal return trampoline */
	MSG_SHUTDOWN,  /* master -> rank: the guest process has ended; arg0 = status */
	MSG_BYE,       /* rank -> master: shutting down */
	MSG_DIE, /* rank -> master: a thread here ended the process; arg0 = status or signal, arg1 = 1 if signal */
	/* page coherence; page = guest address, home = the page's directory rank */
	MSG_PAGE_REQ,    /* requester -> home: arg0 = wanted state (PAGE_S or PAGE_M), arg2 = 1 + the
			    faulting offset in the page (0: none) */
	MSG_PAGE_RECALL, /* home -> holder: send the page to arg1 in state arg0, keep state arg2 */
	MSG_PAGE_INV,    /* home -> sharer: drop the page, acknowledge to home */
	MSG_PAGE_INV_ACK,
	MSG_PAGE_DATA,      /* holder or home -> requester: state arg0; flags: DATA_ZERO (no payload, all
			       zero), DATA_NONE (the requester has the bytes already) */
	MSG_PAGE_DONE,      /* requester -> home: installed, the transaction ends */
	MSG_PAGE_PUSH,      /* home -> a reader: arg0 pages from page on, in state S, unasked (read-ahead) */
	MSG_PAGE_PUSH_ASK,  /* home -> holder: push arg0 pages from page on to rank arg1 */
	MSG_PAGE_PUSH_DONE, /* reader -> home: arg0 pages, arg1 = those not taken (bit per page) */
	MSG_PAGE_REACHED,   /* reader -> home: a thread reached the first page of a push */
	MSG_PAGE_STREAM,    /* home -> next home: rank arg0 reads on into page, arg1 pages ahead */
	/* mappings, from the master, each acknowledged */
	MSG_MAP, /* arg0 = op (SPACE_CHANGE_*), arg1 = length, arg2 = guest prot; page = address; a new
		  * mapping of a file: payload its path, arg3 the file offset at page */
	MSG_MAP_ACK,
	MSG_SYNC, /* rank -> master: answer once everything sent to this rank before has arrived */
	MSG_SYNC_ACK,
	/* threads and system calls */
	MSG_THREAD_START, /* master -> rank: thread `thread` starts (or arrives) with the payload's state */
	MSG_SYSCALL,      /* rank -> master: arg0..5 the arguments, arg6 the number; payload: registers for clone */
	MSG_SYSCALL_RET,  /* master -> rank: arg0 = result, arg1 = 1 when the thread has ended */
	/* signals */
	MSG_SIGACTION, /* master -> rank: arg0 = signal, arg1 = handler, arg2 = flags, arg3 = mask */
	MSG_SIGACTION_ACK,
	MSG_SIGNAL,  /* master -> rank: for thread `thread`: arg0 signo, arg1 code, arg2 errno, arg3 pid,
			arg4 uid, arg5 value, arg6 status; back to the master with arg7 = 1 when
			the thread is not there (it moved): the master sends it on */
	MSG_SIGMASK, /* rank -> master: thread `thread` blocks arg0 now; answered when txn != 0, after the
			signals it unblocked */
	MSG_SIGMASK_ACK,
	MSG_ROBUST, /* rank -> master: thread `thread`'s robust list head is arg0 now */
	MSG_GROUP,  /* rank -> master: thread `thread` joins group arg0; back: its rank in arg0 */
	MSG_GROUP_RANK,
	MSG_MIGRATE,  /* rank -> master: thread `thread` moves to rank arg0 with the payload's state (arg1:
		       * why it goes to the master for gdb, GDB_TO_*, or 0) */
	MSG_MOVE,     /* master -> rank: thread `thread` is to move to rank arg0 (automatic placement, or
		       * arg1 = GDB_TO_STOP: to the master for gdb) */
	MSG_SELFTEST, /* master -> rank 1: probe the region at page (R, T4, h, stream in arg0..3); back:
		       * done, with the medians of the read misses, write misses, upgrades (arg0..2) */
	/* the master's own */
	MSG_GATHER,       /* master -> every home (itself too): the pages the master does not hold, answered
			     in txn (GATHER_PAGES); from here on requests from other ranks wait */
	MSG_GATHER_PAGES, /* home -> master: payload: the page addresses, 8 bytes each */
	MSG_THAW,         /* master -> every home: they go on */
	MSG_AFFINITY,     /* home -> master: threads arg0 and arg1 took pages from each other often */
	/* page splitting (split.c) */
	MSG_SPLIT_SLOT, /* home -> master: arg0 = SLOT_TAKE or SLOT_FREE the table slot of page; back:
			   arg0 = SLOT_GRANTED or SLOT_REFUSED (always while paused) */
	MSG_SPLIT,      /* home -> every rank: page is split into chunk arg0, host protection arg1 */
	MSG_SPLIT_JOIN, /* rank -> home: join page (answered in txn with SPLIT_JOIN_ACK once joined) */
	MSG_SPLIT_JOIN_ACK,
	MSG_SPLIT_JOINED, /* home -> every rank: page is whole again (chunk arg0, host protection arg1) */

	MSG_GDB, /* master -> rank: gdb's state: arg0 = the signals it passes silently, arg1 = 1 while
		  * attached, arg2 = 1 while threads are to run at the master only; payload: the
		  * breakpoints, 8 bytes each */
	MSG_TYPES
};

enum { PAGE_I = 0, PAGE_S = 1, PAGE_M = 2 };
/* DATA_SPLIT: no page; the requester's thread tries again (the page is split, or it is a shadow
 * page of no split page) */
enum { DATA_ZERO = 1, DATA_NONE = 2, DATA_SPLIT = 4 };
/* SLOT_PAUSE (answered in txn) and SLOT_RESUME: the master's own, around a fork or exec */
enum { SLOT_FREE, SLOT_TAKE, SLOT_GRANTED, SLOT_REFUSED, SLOT_PAUSE, SLOT_RESUME };

#define CL_MSG_ARGS 8
struct cl_msg {
	uint32_t type, flags;
	int32_t src, home;
	uint64_t txn; /* the sender's id of what waits for the answer */
	int32_t thread;
	uint32_t len; /* payload bytes */
	uint64_t page;
	uint64_t arg[CL_MSG_ARGS];
	const void *payload; /* not sent: where the payload is */
};

#define CL_HEADER_BYTES (4 * 6 + 8 * 2 + 8 * CL_MSG_ARGS)

static inline uint8_t *wire_put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		*p++ = (uint8_t)(v >> (8 * i));
	return p;
}

static inline uint8_t *wire_put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		*p++ = (uint8_t)(v >> (8 * i));
	return p;
}

static inline const uint8_t *wire_get32(const uint8_t *p, uint32_t *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++)
		*v |= (uint32_t)p[i] << (8 * i);
	return p + 4;
}

static inline const uint8_t *wire_get64(const uint8_t *p, uint64_t *v)
{
	*v = 0;
	for (int i = 0; i < 8; i++)
		*v |= (uint64_t)p[i] << (8 * i);
	return p + 8;
}

/* Header then payload into out (CL_HEADER_BYTES + m->len bytes). */
size_t wire_encode(const struct cl_msg *m, uint8_t *out);
/* The header of a received message; its payload points into buf. False when malformed. */
bool wire_decode(const uint8_t *buf, size_t len, struct cl_msg *m);

/* A thread's RISC-V state: x1..x31, pc, f0..f31, fcsr, field by field. */
#define CL_REGS_BYTES (8 * 31 + 8 + 8 * 32 + 4)
struct rvx_vcpu;
void wire_put_siginfo(struct cl_msg *m, const siginfo_t *si);
void wire_get_siginfo(const struct cl_msg *m, siginfo_t *si);
void wire_put_regs(uint8_t *out, const struct rvx_vcpu *cpu);
void wire_get_regs(const uint8_t *in, struct rvx_vcpu *cpu);
/* A thread's whole state, as a thread that starts or moves to another rank takes it: the
 * registers, its blocked signals, robust list, alternate signal stack, random stream and group,
 * and its vector state (the registers only once it used them). */
#define CL_THREAD_BYTES_MAX (CL_REGS_BYTES + 8 * 5 + 4 * 2 + 8 * 3 + 4 * 3 + 32 * 128)
size_t wire_put_thread(uint8_t *out, const struct rvx_vcpu *cpu);
/* False when the bytes are not a thread's state (or one this build cannot take). */
bool wire_get_thread(const uint8_t *in, size_t len, struct rvx_vcpu *cpu);

/* The message type's name for diagnostics ("PAGE_REQ"), "?" for none. */
const char *wire_type_name(uint32_t type);

#endif
