// Cluster: a condition-variable ping-pong between the main thread and a thread that cluster
// mode places on another rank, then a timed wait that must time out.
// cflags: -pthread
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#define ROUNDS 2000

static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int turn, rounds_seen;

static void *pong(void *arg)
{
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&mtx);
		while (turn != 1)
			pthread_cond_wait(&cv, &mtx);
		turn = 0;
		rounds_seen++;
		pthread_cond_signal(&cv);
		pthread_mutex_unlock(&mtx);
	}
	return arg;
}

static void *timed(void *arg)
{
	struct timespec t;
	int r;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_nsec += 50 * 1000000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&mtx);
	r = pthread_cond_timedwait(&cv, &mtx, &t);
	pthread_mutex_unlock(&mtx);
	return (void *)(long)r;
}

int main(void)
{
	pthread_t t;
	void *r;
	pthread_create(&t, NULL, pong, NULL);
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&mtx);
		turn = 1;
		pthread_cond_signal(&cv);
		while (turn != 0)
			pthread_cond_wait(&cv, &mtx);
		pthread_mutex_unlock(&mtx);
	}
	pthread_join(t, NULL);
	printf("ping-pong: %d rounds\n", rounds_seen);
	pthread_create(&t, NULL, timed, NULL);
	pthread_join(t, &r);
	printf("timed wait: %s\n", (long)r == ETIMEDOUT ? "ETIMEDOUT" : "woken");
	return rounds_seen == ROUNDS && (long)r == ETIMEDOUT ? 0 : 1;
}
