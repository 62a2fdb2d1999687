// Robust mutexes across ranks: a thread that ends holding one, on whatever rank it runs, leaves
// it to the next locker with EOWNERDEAD, whether that locker waits already (on another rank) or
// comes later (the main thread, at the master).
// cflags: -pthread
// no-qemu: qemu-riscv64 answers set_robust_list with ENOSYS, so glibc refuses robust mutexes
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define N 6

static pthread_mutex_t mu[N];
static sem_t held[N];
static int waited[N];

static void *holder(void *arg)
{
	long i = (long)arg;
	pthread_mutex_lock(&mu[i]);
	sem_post(&held[i]);
	if (i % 2)
		usleep(30000); /* its waiter blocks meanwhile */
	return NULL;   /* ends holding the mutex */
}

static void *waiter(void *arg)
{
	long i = (long)arg;
	int r = pthread_mutex_lock(&mu[i]);
	waited[i] = r;
	if (r == EOWNERDEAD)
		pthread_mutex_consistent(&mu[i]);
	if (r == 0 || r == EOWNERDEAD)
		pthread_mutex_unlock(&mu[i]);
	return NULL;
}

int main(void)
{
	pthread_t h[N], w[N];
	pthread_mutexattr_t a;
	int bad = 0;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	for (long i = 0; i < N; i++) {
		pthread_mutex_init(&mu[i], &a);
		sem_init(&held[i], 0, 0);
	}
	for (long i = 0; i < N; i++) {
		pthread_create(&h[i], NULL, holder, (void *)i);
		sem_wait(&held[i]);
		if (i % 2)
			pthread_create(&w[i], NULL, waiter, (void *)i);
	}
	for (long i = 0; i < N; i++) {
		pthread_join(h[i], NULL);
		if (i % 2) {
			pthread_join(w[i], NULL);
			printf("mutex %ld, waiter on another thread: %s\n", i, strerror(waited[i]));
			bad |= waited[i] != EOWNERDEAD;
		} else {
			int r = pthread_mutex_lock(&mu[i]);
			printf("mutex %ld, locked later: %s\n", i, strerror(r));
			bad |= r != EOWNERDEAD;
			if (r == EOWNERDEAD)
				pthread_mutex_consistent(&mu[i]);
			pthread_mutex_unlock(&mu[i]);
		}
		if (pthread_mutex_lock(&mu[i]) != 0) /* consistent again: an ordinary lock */
			bad = 1;
		pthread_mutex_unlock(&mu[i]);
	}
	printf(bad ? "robust FAILED\n" : "robust ok\n");
	return bad;
}
