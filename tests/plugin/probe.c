/* For the probe plugin: threads (vCPU init and exit), a write whose buffer the plugin reads,
 * a function whose result the plugin rewrites, getpid (which a filter may answer), a signal
 * handled (its entry and return are discontinuities). */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

__attribute__((noinline)) long probe_target(long x)
{
	__asm__ volatile("" ::: "memory");
	return x + 1;
}

static volatile int usr1;

static void on_usr1(int sig)
{
	usr1 = sig;
}

static void *worker(void *arg)
{
	return arg;
}

int main(void)
{
	pthread_t t[4];
	const char msg[] = "probe: hello through write\n";
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	if (write(1, msg, strlen(msg)) < 0)
		return 1;
	printf("probe_target(41) = %ld\n", probe_target(41));
	printf("getpid() = %ld\n", (long)getpid());
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	printf("handled %d\n", usr1);
	return 0;
}
