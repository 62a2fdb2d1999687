// Cluster: exit() from a thread of another rank ends the process with its status.
// cflags: -pthread
// expect-status: 37
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *leave(void *arg)
{
	printf("thread exits the process\n");
	exit(37);
}

int main(void)
{
	pthread_t t;
	pthread_create(&t, NULL, leave, NULL);
	for (;;)
		pause();
}
