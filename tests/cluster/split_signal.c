// Signals to a thread after its accesses to a split page: the main thread (rank 0) and a
// thread on rank 1 write their own units of one page until it is split (cluster.sh runs it
// with -d cluster and checks that it was), the thread goes on writing there (its accesses
// fault and run again on the shadow page), then sleeps; pthread_kill's signals must reach it.
// A thread whose host signals stayed blocked after such a fault never ran its handler.
// no-suite: run by cluster.sh with splitting
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double seconds = 0.5; /* of false sharing: argv[1] */
static struct timespec until;

static struct {
	volatile long mine[8];   /* the main thread's unit */
	volatile long theirs[8]; /* the other thread's */
	volatile int sleeping, stop;
} page __attribute__((aligned(4096)));

static sem_t handled;
static volatile pthread_t handler_ran_on;

static void on_usr1(int sig)
{
	(void)sig;
	handler_ran_on = pthread_self();
	sem_post(&handled);
}

static int before_until(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec < until.tv_sec || (now.tv_sec == until.tv_sec && now.tv_nsec < until.tv_nsec);
}

static void *other(void *arg)
{
	while (before_until())
		for (int i = 0; i < 1000; i++)
			page.theirs[0]++;
	for (long i = 0; i < 1000; i++) /* the page is split by now: these run on its shadow page */
		page.theirs[1]++;
	page.sleeping = 1;
	while (!page.stop)
		usleep(1000);
	return arg;
}

int main(int argc, char **argv)
{
	pthread_t t;
	int delivered = 0, right = 0;
	if (argc > 1)
		seconds = atof(argv[1]);
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += (time_t)seconds;
	until.tv_nsec += (long)((seconds - (double)(time_t)seconds) * 1e9);
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	sem_init(&handled, 0, 0);
	signal(SIGUSR1, on_usr1);
	pthread_create(&t, NULL, other, NULL);
	while (before_until())
		for (int i = 0; i < 1000; i++)
			page.mine[0]++;
	while (!page.sleeping)
		usleep(1000);
	for (int k = 0; k < 5; k++) {
		struct timespec wait_until;
		clock_gettime(CLOCK_REALTIME, &wait_until);
		wait_until.tv_sec += 10;
		pthread_kill(t, SIGUSR1);
		if (sem_timedwait(&handled, &wait_until) != 0)
			break;
		delivered++;
		right += pthread_equal(handler_ran_on, t);
	}
	page.stop = 1;
	pthread_join(t, NULL);
	printf("signals handled %d of 5, on the thread they were sent to %d\n", delivered, right);
	return 0;
}
