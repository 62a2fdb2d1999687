// Cluster: threads on every rank sleeping, for the test that kills one rank with SIGKILL.
// cflags: -pthread
// no-suite: it sleeps until killed
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *nap(void *arg)
{
	sleep(60);
	return arg;
}

int main(void)
{
	pthread_t t[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, nap, NULL);
	printf("sleeping\n");
	fflush(stdout);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	return 0;
}
