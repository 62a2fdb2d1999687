/* The gdb stub's own state, shared by its files: the connection and protocol (stub.c), the
 * vCPU side (vcpu.c) and the RISC-V target (target.c). */
#ifndef RVX_GDB_INTERNAL_H
#define RVX_GDB_INTERNAL_H

#include <pthread.h>

#include "gdb.h"

#define GDB_MAX_BREAKS  256
#define GDB_MAX_WATCHES 16
#define GDB_PACKET_SIZE 0x4000 /* the largest packet we take, told to gdb in qSupported */
#define GDB_MAX_FILES   16     /* opened by gdb's host I/O at once */

struct gdb_watch {
	uint64_t addr, len;
	unsigned kind; /* RV_ACC_STORE (watch), RV_ACC_LOAD (rwatch), both (awatch) */
};

struct rvx_gdb {
	struct rvx_machine *m;
	int listen_fd, fd;
	char *unix_path; /* removed at the end */
	char *xml;       /* the target description */
	pthread_t thread;
	bool thread_started;
	int wake[2]; /* a vCPU's event wakes the server's poll */

	pthread_mutex_t lock;   /* everything below, and every vCPU's dbg */
	pthread_cond_t cond;    /* vCPUs park on it; the server waits on it for them */
	volatile bool attached; /* false once gdb detached or went: nothing stops any more */
	int default_action;     /* for threads gdb's last resume did not name */
	/* changed only while every vCPU is stopped (gdb sends them then) */
	int nbreaks, nwatches;
	uint64_t breaks[GDB_MAX_BREAKS];
	struct gdb_watch watches[GDB_MAX_WATCHES];
	bool catch_syscalls; /* QCatchSyscalls: all when ncatch is 0 */
	int ncatch;
	uint64_t catch[64];
	uint64_t pass_signals; /* QPassSignals, host numbering, bit sig-1 */
	/* a vCPU's stop, posted to the server */
	bool have_event;
	int event_tid;
	char event[160];
	/* the process's end, told to gdb before it goes */
	bool end_posted, end_sent;
	char end[16];

	/* cluster mode (ranks.c): a rank other than the master's, where the stub is not */
	bool stand_in;
	bool master_only; /* a stand-in's threads go to the master: the master checks watchpoints or syscalls */

	/* server thread only */
	bool no_ack, swbreak;
	int g_tid;    /* Hg: the thread g, p, m... act on (0: the stopped one) */
	int stop_tid; /* the thread of the last stop */
	char last_stop[160];
	char in[GDB_PACKET_SIZE + 8];
	char out[2 * GDB_PACKET_SIZE + 64];
	char *frame;              /* a packet as sent: out, escaped, framed */
	int files[GDB_MAX_FILES]; /* host I/O: descriptors gdb opened, -1 for a free slot */
	char rbuf[4096];
	size_t rlen, rpos;
};

/* stub.c: a stub's state, with no connection yet, as m->gdb (NULL when out of memory). */
struct rvx_gdb *gdb_new(struct rvx_machine *m);
/* stub.c: the protocol. Sends data as one packet (binary: '#', '$', '}' and '*' escaped) and
 * waits for gdb's ack; false when the connection broke. */
bool gdb_send_packet(struct rvx_gdb *g, const char *data, size_t len, bool binary);
/* A hex number at *p, moved past it (false for none). */
bool gdb_hex(const char **p, uint64_t *v);
/* n bytes as 2n hex digits (returns 2n); 2n hex digits as n bytes (false on a bad digit). */
size_t gdb_put_hex(char *out, const uint8_t *bytes, size_t n);
bool gdb_get_hex(const char *hex, uint8_t *bytes, size_t n);

/* hostio.c: a vFile: packet (p past "vFile:"), answered; false when the connection broke. */
bool gdb_hostio(struct rvx_gdb *g, const char *p);

/* target.c: the RISC-V view. Remote register numbers: x0-x31 0-31, pc 32, f0-f31 33-64, fflags
 * 65, frm 66, fcsr 67, cycle 68, time 69, instret 70; vstart 71, vxsat 72, vxrm 73, vcsr 74, vl
 * 75, vtype 76, vlenb 77 and v0-v31 78-109 (VLEN/8 bytes each). */
#define GDB_NREGS         110
#define GDB_FIRST_COUNTER 68
#define GDB_FIRST_VCSR    71
#define GDB_FIRST_VREG    78
/* The target description for VLEN/8 = vlenb, malloc'd (NULL when out of memory). */
char *gdb_target_xml(unsigned vlenb);
/* Bytes of register n on the wire. */
int gdb_reg_size(const struct rvx_vcpu *cpu, int n);
/* Hex of register n of cpu into out (little-endian); its length, 0 for no such register. */
size_t gdb_reg_hex(const struct rvx_vcpu *cpu, int n, char *out);
/* Sets register n from hex; the characters used, 0 on a bad one. */
size_t gdb_reg_set(struct rvx_vcpu *cpu, int n, const char *hex);
/* Linux signal numbers to gdb's and back (0 when there is none). */
int gdb_signal_to_gdb(int sig);
int gdb_signal_from_gdb(int gsig);

/* vcpu.c: the server's side of stopping and resuming. Called with g->lock held. */
/* Every vCPU stops at its next safe point; returns once all have (or are in syscalls). */
void gdb_stop_all(struct rvx_gdb *g);
/* The live vCPU of guest thread tid (0: the main one, or any), or NULL; takes m->lock. */
struct rvx_vcpu *gdb_find_thread(struct rvx_gdb *g, int tid);

/* ranks.c, cluster mode, under g->lock. A stand-in's thread goes to the master (where what gdb
 * is to see happens again); at the master, before the vCPUs go on, the other ranks learn what
 * changed; and a thread that came for gdb goes back to its rank when gdb lets it run. */
void gdb_to_master(struct rvx_vcpu *cpu, int why);
void gdb_ranks_resume(struct rvx_gdb *g);
void gdb_back_to_rank(struct rvx_gdb *g, struct rvx_vcpu *cpu, int action);
/* Whether gdb may read the thread's registers now (stopped, or blocked in a syscall), and
 * whether it is on this rank (else blocked in a syscall on another, where the call's end would
 * undo a write of its registers). */
bool gdb_thread_stopped(struct rvx_gdb *g, struct rvx_vcpu *cpu);
bool gdb_thread_here(struct rvx_gdb *g, struct rvx_vcpu *cpu);

#endif
