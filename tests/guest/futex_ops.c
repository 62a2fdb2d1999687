/* Raw futex operations as glibc and other runtimes use them: WAIT/WAKE with timeouts on both
 * clocks, WAIT_BITSET/WAKE_BITSET, REQUEUE, CMP_REQUEUE, WAKE_OP, private and shared. */
// cflags: -pthread
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long futex(uint32_t *uaddr, int op, uint32_t val, const void *ts_or_val2, uint32_t *uaddr2, uint32_t val3)
{
	long r = syscall(SYS_futex, uaddr, op, val, ts_or_val2, uaddr2, val3);
	return r < 0 ? -errno : r;
}

static uint32_t f1, f2, go;
static int woken;

static void *waiter(void *arg)
{
	uint32_t *f = arg;
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		futex(f, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	__atomic_fetch_add(&woken, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* Calls op until it has reported n wake-ups (a woken waiter waits again until go). */
static void drive(int n, long (*op)(void))
{
	long reported = 0;
	while (reported < n) {
		long r = op();
		if (r < 0) {
			printf("futex op failed: %ld\n", r);
			break;
		}
		reported += r;
		usleep(1000);
	}
}

static long do_cmp_requeue(void)
{
	/* wake one on f1, move up to 10 to f2, only if f1 still holds 0 */
	long r = futex(&f1, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)10, &f2, 0);
	return r + futex(&f2, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0);
}

static long do_requeue(void)
{
	long r = futex(&f1, FUTEX_REQUEUE_PRIVATE, 0, (void *)10, &f2, 0);
	return r + futex(&f2, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0);
}

static long do_wake_op(void)
{
	/* f2 = 1 (old 0 < 1: also wake f2's waiters) */
	return futex(&f1, FUTEX_WAKE_OP_PRIVATE, 10, (void *)10, &f2, FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_GE, 0));
}

static long do_wake_bitset(void)
{
	return futex(&f1, FUTEX_WAKE_BITSET_PRIVATE, 10, NULL, NULL, FUTEX_BITSET_MATCH_ANY);
}

static void round_of(const char *name, int n, long (*op)(void), int split)
{
	pthread_t t[4];
	int i;
	f1 = f2 = 0;
	woken = 0;
	go = 0;
	for (i = 0; i < n; i++)
		pthread_create(&t[i], NULL, waiter, split && i % 2 ? &f2 : &f1);
	drive(n, op);
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	f1 = f2 = 1;
	futex(&f1, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0);
	futex(&f2, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	printf("%s: woke %d waiters, all %d threads ended\n", name, n, woken);
}

/* An absolute time 10 ms from now on the clock. */
static struct timespec deadline_10ms(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	t.tv_nsec += 10 * 1000 * 1000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	return t;
}

int main(void)
{
	uint32_t v = 5;
	struct timespec rel = {0, 10 * 1000 * 1000}, abs;
	printf("WAIT on a changed value: %s\n", futex(&v, FUTEX_WAIT, 4, NULL, NULL, 0) == -EAGAIN ? "EAGAIN" : "?");
	printf("WAIT with a relative timeout: %s\n",
	       futex(&v, FUTEX_WAIT_PRIVATE, 5, &rel, NULL, 0) == -ETIMEDOUT ? "ETIMEDOUT" : "?");
	abs = deadline_10ms(CLOCK_REALTIME);
	printf("WAIT_BITSET, CLOCK_REALTIME deadline: %s\n",
	       futex(&v, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 5, &abs, NULL, FUTEX_BITSET_MATCH_ANY) == -ETIMEDOUT
		   ? "ETIMEDOUT"
		   : "?");
	abs = deadline_10ms(CLOCK_MONOTONIC);
	printf("WAIT_BITSET, CLOCK_MONOTONIC deadline: %s\n",
	       futex(&v, FUTEX_WAIT_BITSET_PRIVATE, 5, &abs, NULL, FUTEX_BITSET_MATCH_ANY) == -ETIMEDOUT ? "ETIMEDOUT"
												    : "?");
	printf("WAKE with nobody waiting: %ld\n", futex(&v, FUTEX_WAKE, 1, NULL, NULL, 0));
	printf("CMP_REQUEUE with a stale value: %s\n",
	       futex(&v, FUTEX_CMP_REQUEUE, 1, (void *)1, &f2, 4) == -EAGAIN ? "EAGAIN" : "?");
	round_of("CMP_REQUEUE", 3, do_cmp_requeue, 0);
	round_of("REQUEUE", 3, do_requeue, 0);
	round_of("WAKE_OP", 4, do_wake_op, 1);
	round_of("WAKE_BITSET", 2, do_wake_bitset, 0);
	return 0;
}
