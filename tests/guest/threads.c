// POSIX threads: counters, condition variables, barriers, rwlocks, semaphores, TLS, many
// short-lived and detached threads, cancellation, signals to one thread, fork from a threaded
// program. Everything printed is deterministic.
// cflags: -pthread
// repeat: 3
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* a failed call ends the test at once */
#define CHECK(c)                                                                                                       \
	do {                                                                                                           \
		if (!(c)) {                                                                                            \
			printf("check failed line %d: %s\n", __LINE__, #c);                                            \
			exit(1);                                                                                       \
		}                                                                                                      \
	} while (0)

#define NT 8

static long atomic_counter;
static long locked_counter;
static long spin_counter;
static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static int spin;

static void *count(void *arg)
{
	long i, n = (long)arg;
	for (i = 0; i < n; i++) {
		__atomic_fetch_add(&atomic_counter, 1, __ATOMIC_SEQ_CST);
		pthread_mutex_lock(&mtx);
		locked_counter++;
		pthread_mutex_unlock(&mtx);
		/* a compare-and-swap spin lock: LR/SC loops */
		int expect = 0;
		while (!__atomic_compare_exchange_n(&spin, &expect, 1, 1, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			expect = 0;
		spin_counter++;
		__atomic_store_n(&spin, 0, __ATOMIC_RELEASE);
	}
	return (void *)(n * 2);
}

/* Runs fn on NT threads, the i-th given arg0 + i; the sum of what they return. */
static long run_all(void *(*fn)(void *), long arg0)
{
	pthread_t t[NT];
	long i, sum = 0;
	for (i = 0; i < NT; i++)
		CHECK(pthread_create(&t[i], NULL, fn, (void *)(arg0 + i)) == 0);
	for (i = 0; i < NT; i++) {
		void *r;
		CHECK(pthread_join(t[i], &r) == 0);
		sum += (long)r;
	}
	return sum;
}

static void test_counters(void)
{
	long total = run_all(count, 20000);
	printf("counters: atomic %ld locked %ld spin %ld returned %ld\n", atomic_counter, locked_counter, spin_counter,
	       total);
}

/* bounded queue with two condition variables */
#define QCAP 16
static int queue[QCAP], qhead, qlen;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;

static void *producer(void *arg)
{
	int i, base = (int)(long)arg;
	for (i = 1; i <= 5000; i++) {
		pthread_mutex_lock(&mtx);
		while (qlen == QCAP)
			pthread_cond_wait(&not_full, &mtx);
		queue[(qhead + qlen++) % QCAP] = base + i;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&mtx);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	long sum = 0;
	int i;
	(void)arg;
	for (i = 0; i < 5000; i++) {
		pthread_mutex_lock(&mtx);
		while (qlen == 0)
			pthread_cond_wait(&not_empty, &mtx);
		sum += queue[qhead];
		qhead = (qhead + 1) % QCAP;
		qlen--;
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&mtx);
	}
	return (void *)sum;
}

static void test_condvar(void)
{
	pthread_t p[3], c[3];
	long i, sum = 0;
	for (i = 0; i < 3; i++) {
		CHECK(pthread_create(&p[i], NULL, producer, (void *)(i * 100000)) == 0);
		CHECK(pthread_create(&c[i], NULL, consumer, NULL) == 0);
	}
	for (i = 0; i < 3; i++) {
		void *r;
		pthread_join(p[i], NULL);
		pthread_join(c[i], &r);
		sum += (long)r;
	}
	printf("condvar: sum %ld\n", sum);
}

static pthread_barrier_t barrier;
static int phase_seen[4][NT];
static int phase;

static void *barrier_worker(void *arg)
{
	long id = (long)arg;
	int p, serial = 0;
	for (p = 0; p < 4; p++) {
		phase_seen[p][id] = __atomic_load_n(&phase, __ATOMIC_SEQ_CST);
		if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) {
			__atomic_fetch_add(&phase, 1, __ATOMIC_SEQ_CST);
			serial++;
		}
		pthread_barrier_wait(&barrier);
	}
	return (void *)(long)serial;
}

static void test_barrier(void)
{
	long i, serials;
	int p, ok = 1;
	pthread_barrier_init(&barrier, NULL, NT);
	serials = run_all(barrier_worker, 0);
	for (p = 0; p < 4; p++)
		for (i = 0; i < NT; i++)
			ok &= phase_seen[p][i] == p;
	printf("barrier: phases %d, serial threads %ld, every thread saw its phase: %s\n", phase, serials,
	       ok ? "yes" : "no");
	pthread_barrier_destroy(&barrier);
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long pair_a, pair_b;
static atomic_long torn;

static void *rw_worker(void *arg)
{
	long id = (long)arg, i;
	for (i = 0; i < 3000; i++) {
		if (id == 0 || i % 10 == 0) {
			pthread_rwlock_wrlock(&rw);
			pair_a++;
			pair_b++;
			pthread_rwlock_unlock(&rw);
		} else {
			pthread_rwlock_rdlock(&rw);
			if (pair_a != pair_b)
				torn++;
			pthread_rwlock_unlock(&rw);
		}
	}
	return NULL;
}

static void test_rwlock(void)
{
	pthread_t t[4];
	long i;
	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, rw_worker, (void *)i);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("rwlock: writes %ld, torn reads %ld\n", pair_a, (long)torn);
}

static sem_t ping, pong;

static void *ponger(void *arg)
{
	int i;
	(void)arg;
	for (i = 0; i < 2000; i++) {
		sem_wait(&ping);
		sem_post(&pong);
	}
	return NULL;
}

static void test_semaphore(void)
{
	pthread_t t;
	int i, v;
	sem_init(&ping, 0, 0);
	sem_init(&pong, 0, 0);
	pthread_create(&t, NULL, ponger, NULL);
	for (i = 0; i < 2000; i++) {
		sem_post(&ping);
		sem_wait(&pong);
	}
	pthread_join(t, NULL);
	sem_getvalue(&pong, &v);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 20 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	int r = sem_timedwait(&pong, &ts);
	printf("semaphore: 2000 round trips, value %d, timed wait on empty: %s\n", v,
	       r == -1 && errno == ETIMEDOUT ? "ETIMEDOUT" : "wrong");
}

static __thread long tls_value = 7;
static __thread char tls_buf[64];

static void *tls_worker(void *arg)
{
	long id = (long)arg;
	int i;
	long before = tls_value;
	tls_value = id * 1000;
	snprintf(tls_buf, sizeof tls_buf, "thread %ld", id);
	for (i = 0; i < 1000; i++)
		tls_value++;
	sched_yield();
	return (void *)(long)(before == 7 && tls_value == id * 1000 + 1000 && atoi(tls_buf + 7) == id);
}

static void test_tls(void)
{
	long good = run_all(tls_worker, 0);
	printf("tls: %ld of %d threads saw their own copy; main still %ld\n", good, NT, tls_value);
}

static void *short_lived(void *arg)
{
	return (void *)((long)arg + 1);
}

static void test_many_threads(void)
{
	long i, j, sum = 0;
	for (i = 0; i < 250; i++) {
		pthread_t t[4];
		for (j = 0; j < 4; j++)
			CHECK(pthread_create(&t[j], NULL, short_lived, (void *)(i * 4 + j)) == 0);
		for (j = 0; j < 4; j++) {
			void *r;
			pthread_join(t[j], &r);
			sum += (long)r;
		}
	}
	printf("short-lived: 1000 threads, sum %ld\n", sum);
}

static sem_t detached_done;
static atomic_long detached_sum;

static void *detached(void *arg)
{
	detached_sum += (long)arg;
	sem_post(&detached_done);
	return NULL;
}

static void test_detached(void)
{
	pthread_attr_t a;
	long i;
	sem_init(&detached_done, 0, 0);
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	for (i = 1; i <= 100; i++) {
		pthread_t t;
		CHECK(pthread_create(&t, &a, detached, (void *)i) == 0);
	}
	for (i = 0; i < 100; i++)
		sem_wait(&detached_done);
	printf("detached: 100 threads, sum %ld\n", (long)detached_sum);
}

static void cleanup(void *arg)
{
	*(int *)arg = 1;
}

static void *cancellable(void *arg)
{
	pthread_cleanup_push(cleanup, arg);
	for (;;)
		pause(); /* a cancellation point */
	pthread_cleanup_pop(0);
	return NULL;
}

static void *spinning(void *arg)
{
	volatile long n = 0;
	(void)arg;
	for (;;) {
		n++;
		pthread_testcancel();
	}
	return NULL;
}

static void test_cancel(void)
{
	pthread_t t, u;
	void *r1, *r2;
	int cleaned = 0;
	pthread_create(&t, NULL, cancellable, &cleaned);
	pthread_create(&u, NULL, spinning, NULL);
	usleep(20000);
	pthread_cancel(t);
	pthread_cancel(u);
	pthread_join(t, &r1);
	pthread_join(u, &r2);
	printf("cancel: blocked thread %s (cleanup ran: %d), spinning thread %s\n",
	       r1 == PTHREAD_CANCELED ? "canceled" : "not canceled", cleaned,
	       r2 == PTHREAD_CANCELED ? "canceled" : "not canceled");
}

static pid_t handler_tid;
static sem_t got_signal;

static void on_usr1(int sig)
{
	(void)sig;
	handler_tid = (pid_t)syscall(SYS_gettid);
	sem_post(&got_signal);
}

static pid_t target_tid;
static volatile int stop_target;
static int blocked_count;

static void *signal_target(void *arg)
{
	(void)arg;
	__atomic_store_n(&target_tid, (pid_t)syscall(SYS_gettid), __ATOMIC_SEQ_CST);
	while (!stop_target)
		usleep(1000);
	return NULL;
}

static void *blocked_for_usr1(void *arg)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	__atomic_add_fetch(&blocked_count, 1, __ATOMIC_SEQ_CST);
	while (!stop_target)
		usleep(1000);
	return arg;
}

static void test_thread_signals(void)
{
	pthread_t t, others[3];
	sigset_t s;
	int i, right = 0;
	sem_init(&got_signal, 0, 0);
	signal(SIGUSR1, on_usr1);
	pthread_create(&t, NULL, signal_target, NULL);
	for (i = 0; i < 3; i++)
		pthread_create(&others[i], NULL, blocked_for_usr1, NULL);
	/* until the others block SIGUSR1, the kernel may pick them for a process-wide signal */
	while (!__atomic_load_n(&target_tid, __ATOMIC_SEQ_CST) ||
	       __atomic_load_n(&blocked_count, __ATOMIC_SEQ_CST) < 3)
		usleep(1000);
	for (i = 0; i < 5; i++) {
		pthread_kill(t, SIGUSR1);
		sem_wait(&got_signal);
		right += handler_tid == target_tid;
	}
	/* a process-wide signal goes to a thread that does not block it: the target (main blocks it) */
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	kill(getpid(), SIGUSR1);
	sem_wait(&got_signal);
	right += handler_tid == target_tid;
	pthread_sigmask(SIG_UNBLOCK, &s, NULL);
	stop_target = 1;
	pthread_join(t, NULL);
	for (i = 0; i < 3; i++)
		pthread_join(others[i], NULL);
	printf("thread signals: %d of 6 ran on the thread they were meant for\n", right);
}

static volatile int busy_stop;

static void *busy(void *arg)
{
	while (!busy_stop)
		__atomic_fetch_add((long *)arg, 1, __ATOMIC_RELAXED);
	return NULL;
}

static void test_fork(void)
{
	pthread_t t[2];
	long spins = 0;
	int st, i;
	pid_t pid;
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, busy, &spins);
	usleep(10000);
	pid = fork();
	if (pid == 0) {
		/* the child has one thread and working locks: malloc and stdio (new threads in a forked
		 * child: threads_fork.c, since qemu-riscv64 7.2 aborts on them) */
		char *p = malloc(1000);
		snprintf(p, 1000, "fork child: malloc and stdio work");
		puts(p);
		free(p);
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	busy_stop = 1;
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	printf("fork: child exited %d, parent threads joined (busy threads ran: %s)\n", WEXITSTATUS(st),
	       spins > 0 ? "yes" : "no");
}

static void *exits_early(void *arg)
{
	pthread_exit((void *)((long)arg + 100));
}

int main(void)
{
	pthread_t t;
	void *r;
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_counters();
	test_condvar();
	test_barrier();
	test_rwlock();
	test_semaphore();
	test_tls();
	test_many_threads();
	test_detached();
	test_cancel();
	test_thread_signals();
	test_fork();
	pthread_create(&t, NULL, exits_early, (void *)5);
	pthread_join(t, &r);
	printf("pthread_exit: %ld\n", (long)r);
	return 0;
}
