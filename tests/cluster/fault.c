// Cluster: a fault in a thread of another rank kills the whole process with SIGSEGV, as on
// one machine; the main thread's output before it is kept.
// cflags: -pthread
// expect-status: 139
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *crash(void *arg)
{
	return (void *)(long)*(volatile int *)arg;
}

int main(void)
{
	pthread_t t;
	printf("before the fault\n");
	fflush(stdout);
	pthread_create(&t, NULL, crash, NULL);
	pthread_join(t, NULL);
	printf("not reached\n");
	return 0;
}
