/* A thread ends the process with 5 while the main thread waits to join it and another is
 * blocked for ever: an embedder gets 5 back, and its process goes on. */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;

static void *ender(void *arg)
{
	usleep(20000);
	exit(5);
	return arg;
}

static void *blocked(void *arg)
{
	pthread_mutex_lock(&mu);
	for (;;)
		pthread_cond_wait(&never, &mu);
	return arg;
}

int main(void)
{
	pthread_t a, b;
	pthread_create(&b, NULL, blocked, NULL);
	pthread_create(&a, NULL, ender, NULL);
	pthread_join(a, NULL);
	return 0;
}
