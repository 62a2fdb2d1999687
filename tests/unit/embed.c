/* The embedding API (include/rvx.h) with real guest programs: several machines running at once
 * on several threads, each checked for its own output (captured through a syscall hook) and
 * status; a guest crash and an exit that return to the embedder; stepping by instruction
 * counts that agrees with itself; an ebreak reported, skipped by writing pc, and run (SIGTRAP).
 * A thread that ends the process while others wait or are blocked returns to the embedder too.
 * A hook reads and writes the registers of the thread that called it, and a machine freed while
 * its threads run (computing, blocked, sleeping) stops them first.
 * usage: embed LOOP CRASH TRAP THEXIT THREADS (static RISC-V programs: tests/plugin/loop.c,
 * tests/embed/) */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../include/rvx.h"

static int failures;

#define CHECK(cond, ...)                                                                                               \
	do {                                                                                                           \
		if (!(cond)) {                                                                                         \
			printf("FAIL embed: " __VA_ARGS__);                                                            \
			printf("\n");                                                                                  \
			failures++;                                                                                    \
		}                                                                                                      \
	} while (0)

struct run {
	const char *prog;
	long n; /* the loop's argument */
	char arg[32];
	char out[4096];
	size_t outlen;
	int status;
};

/* write to stdout or stderr lands in the run's buffer; getpid answers 4242 */
static int hook(void *ctx, rvx_machine *m, uint64_t nr, const uint64_t a[6], int64_t *result)
{
	struct run *r = ctx;
	if (nr == 64 && (a[0] == 1 || a[0] == 2)) {
		size_t len = a[2] < sizeof r->out - r->outlen ? a[2] : sizeof r->out - r->outlen;
		if (rvx_read_mem(m, a[1], r->out + r->outlen, len) != RVX_OK) {
			*result = -14; /* EFAULT */
			return 1;
		}
		r->outlen += len;
		*result = (int64_t)a[2];
		return 1;
	}
	if (nr == 172) {
		*result = 4242;
		return 1;
	}
	return 0;
}

/* what tests/embed/threads.c's syscalls 2047 (a worker, its index in a0) and 2046 (the main
 * thread, with how many workers found a1 set) showed the hook */
struct threads_seen {
	pthread_mutex_t lock;
	int regs_right, tids[4], main_tid, reported;
	uint64_t tps[4];
};

static int threads_hook(void *ctx, rvx_machine *m, uint64_t nr, const uint64_t a[6], int64_t *result)
{
	struct threads_seen *s = ctx;
	uint64_t a0 = ~0ull, tp = 0;
	if (nr == 2047) {
		rvx_get_reg(m, 10, &a0);
		rvx_get_reg(m, 4, &tp);
		pthread_mutex_lock(&s->lock);
		if (a0 == a[0] && a0 < 4) {
			s->regs_right++;
			s->tids[a0] = rvx_thread_id(m);
			s->tps[a0] = tp;
		}
		pthread_mutex_unlock(&s->lock);
		rvx_set_reg(m, 11, 1000 + a[0]);
		*result = (int64_t)a[0];
		return 1;
	}
	if (nr == 2046) {
		s->main_tid = rvx_thread_id(m);
		s->reported = (int)a[0] + 1;
		*result = 0;
		return 1;
	}
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static rvx_machine *machine(const char *prog, int argc, char **argv, struct run *r)
{
	struct rvx_config cfg;
	rvx_machine *m = NULL;
	char *env[] = {NULL};
	memset(&cfg, 0, sizeof cfg);
	if (rvx_machine_new(&cfg, &m) != RVX_OK || rvx_load(m, prog, argc, argv, env) != RVX_OK) {
		printf("FAIL embed: cannot load %s: %s\n", prog, m ? rvx_last_error(m) : "no machine");
		failures++;
		rvx_machine_free(m);
		return NULL;
	}
	if (r)
		rvx_set_syscall_hook(m, hook, r);
	return m;
}

static void *run_loop(void *arg)
{
	struct run *r = arg;
	char *argv[] = {(char *)r->prog, r->arg, NULL};
	rvx_machine *m;
	snprintf(r->arg, sizeof r->arg, "%ld", r->n);
	m = machine(r->prog, 2, argv, r);
	r->status = m ? rvx_run(m) : -1;
	rvx_machine_free(m);
	return NULL;
}

/* what tests/plugin/loop.c prints for n (its sum wraps around, as the guest's add does) */
static long loop_sum(long n)
{
	long s = 0;
	for (long i = 0; i < n; i++)
		s = (long)((unsigned long)s + (unsigned long)((i * 7) ^ (s >> 3)));
	return s;
}

int main(int argc, char **argv)
{
	struct run runs[4];
	pthread_t th[4];
	struct rvx_stop stop;
	rvx_machine *m, *a, *b;
	uint64_t pc, x[2][32];
	if (argc != 6) {
		fprintf(stderr, "usage: embed LOOP CRASH TRAP THEXIT THREADS\n");
		return 2;
	}

	/* several machines at once, each its own output */
	for (int i = 0; i < 4; i++) {
		memset(&runs[i], 0, sizeof runs[i]);
		runs[i].prog = argv[1];
		runs[i].n = 100000 * (i + 1) + i;
		pthread_create(&th[i], NULL, run_loop, &runs[i]);
	}
	for (int i = 0; i < 4; i++) {
		char want[64];
		pthread_join(th[i], NULL);
		snprintf(want, sizeof want, "%ld\n", loop_sum(runs[i].n));
		CHECK(runs[i].status == 0 && runs[i].outlen == strlen(want) &&
			  !memcmp(runs[i].out, want, runs[i].outlen),
		      "machine %d: status %d, printed '%.*s', want '%s'", i, runs[i].status, (int)runs[i].outlen,
		      runs[i].out, want);
	}

	/* a crash and an exit come back here */
	{
		struct run r = {0};
		char *cargv[] = {argv[2], NULL};
		m = machine(argv[2], 1, cargv, &r);
		int st = m ? rvx_run(m) : -1;
		CHECK(st == 128 + 11, "the crashing program's status is %d, not 139", st);
		CHECK(r.outlen == 15 && !memcmp(r.out, "about to crash\n", 15), "it printed '%.*s'", (int)r.outlen,
		      r.out);
		CHECK(m && rvx_step(m, 10, &stop) == RVX_OK && stop.reason == RVX_STOP_SIGNAL && stop.code == 11,
		      "after its end, a step reports reason %d code %d", stop.reason, stop.code);
		rvx_machine_free(m);
	}

	/* stepping: 3000 then 2000 instructions leave the registers as 5000 at once */
	{
		char *largv[] = {argv[1], "1000", NULL};
		a = machine(argv[1], 2, largv, NULL);
		b = machine(argv[1], 2, largv, NULL);
		if (a && b) {
			CHECK(rvx_step(a, 3000, &stop) == RVX_OK && stop.reason == RVX_STOP_LIMIT, "step 3000: %d",
			      stop.reason);
			CHECK(rvx_step(a, 2000, &stop) == RVX_OK && stop.reason == RVX_STOP_LIMIT, "step 2000: %d",
			      stop.reason);
			CHECK(rvx_step(b, 5000, &stop) == RVX_OK && stop.reason == RVX_STOP_LIMIT, "step 5000: %d",
			      stop.reason);
			for (int k = 0; k < 32; k++) {
				rvx_get_reg(a, k, &x[0][k]);
				rvx_get_reg(b, k, &x[1][k]);
			}
			rvx_get_reg(a, RVX_REG_PC, &pc);
			uint64_t pcb;
			rvx_get_reg(b, RVX_REG_PC, &pcb);
			CHECK(!memcmp(x[0], x[1], sizeof x[0]) && pc == pcb,
			      "3000 + 2000 steps: pc 0x%llx, 5000: 0x%llx", (unsigned long long)pc,
			      (unsigned long long)pcb);
			/* the stack pointer points at guest memory that can be read */
			uint64_t word;
			CHECK(rvx_read_mem(a, x[0][2], &word, 8) == RVX_OK, "sp 0x%llx cannot be read",
			      (unsigned long long)x[0][2]);
			CHECK(rvx_read_mem(a, 8, &word, 8) == RVX_E_INVAL, "address 8 reads");
		}
		rvx_machine_free(a);
		rvx_machine_free(b);
	}

	/* an ebreak: reported at its pc; skipped by writing pc; and, run, it is SIGTRAP */
	for (int skip = 0; skip < 2; skip++) {
		struct run r = {0};
		char *targv[] = {argv[3], NULL};
		uint32_t insn = 0;
		m = machine(argv[3], 1, targv, &r);
		if (!m)
			continue;
		CHECK(rvx_step(m, 0, &stop) == RVX_OK && stop.reason == RVX_STOP_BREAK, "no ebreak stop: %d",
		      stop.reason);
		rvx_get_reg(m, RVX_REG_PC, &pc);
		rvx_read_mem(m, pc, &insn, 4);
		bool compressed = (insn & 0xffff) == 0x9002; /* c.ebreak */
		CHECK(compressed || insn == 0x00100073, "stopped at 0x%llx, on 0x%08x, not an ebreak",
		      (unsigned long long)pc, insn);
		if (skip)
			rvx_set_reg(m, RVX_REG_PC, pc + (compressed ? 2 : 4));
		CHECK(rvx_step(m, 0, &stop) == RVX_OK, "cannot go on");
		if (skip)
			CHECK(stop.reason == RVX_STOP_EXIT && stop.code == 7 && strstr(r.out, "after the ebreak"),
			      "skipped: reason %d code %d, printed '%.*s'", stop.reason, stop.code, (int)r.outlen,
			      r.out);
		else
			CHECK(stop.reason == RVX_STOP_SIGNAL && stop.code == 5, "run: reason %d code %d", stop.reason,
			      stop.code);
		rvx_machine_free(m);
	}

	/* another thread's exit, with the main thread joining and a third blocked */
	{
		char *eargv[] = {argv[4], NULL};
		m = machine(argv[4], 1, eargv, NULL);
		int st = m ? rvx_run(m) : -1;
		CHECK(st == 5, "a thread's exit(5) gave %d", st);
		rvx_machine_free(m);
	}

	/* each thread's own registers in its hook; a machine freed with its threads running */
	{
		struct threads_seen seen = {.lock = PTHREAD_MUTEX_INITIALIZER};
		char *hargv[] = {argv[5], NULL};
		m = machine(argv[5], 1, hargv, NULL);
		if (m) {
			int main_tid = rvx_thread_id(m);
			rvx_set_syscall_hook(m, threads_hook, &seen);
			CHECK(rvx_step(m, 0, &stop) == RVX_OK && stop.reason == RVX_STOP_BREAK,
			      "threads: no ebreak stop: reason %d", stop.reason);
			CHECK(seen.regs_right == 4, "threads: %d of 4 hooks read their own thread's a0",
			      seen.regs_right);
			CHECK(seen.reported == 5, "threads: %d of 4 workers found the a1 their hook wrote",
			      seen.reported - 1);
			CHECK(seen.main_tid == main_tid && main_tid > 0,
			      "threads: the main thread is %d in its hook, %d outside", seen.main_tid, main_tid);
			for (int i = 0; i < 4; i++)
				for (int j = 0; j < i; j++)
					CHECK(seen.tids[i] != seen.tids[j] && seen.tps[i] != seen.tps[j] &&
						  seen.tids[i] != main_tid,
					      "threads: workers %d and %d share tid %d/%d or tp 0x%llx", i, j,
					      seen.tids[i], seen.tids[j], (unsigned long long)seen.tps[i]);
			double t0 = now();
			rvx_machine_free(m);
			CHECK(now() - t0 < 5, "threads: freeing the running machine took %.1f s", now() - t0);
		}
		/* and the process goes on: another machine runs */
		struct run r = {.prog = argv[1], .n = 1000};
		run_loop(&r);
		char want[64];
		snprintf(want, sizeof want, "%ld\n", loop_sum(r.n));
		CHECK(r.status == 0 && r.outlen == strlen(want) && !memcmp(r.out, want, r.outlen),
		      "after the free: status %d, printed '%.*s'", r.status, (int)r.outlen, r.out);
	}

	if (!failures)
		printf("PASS embed\n");
	return failures != 0;
}
