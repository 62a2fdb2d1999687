/* setgroups, setgid and setuid in a process with threads: the guest's C library runs the call on
 * every thread through its SIGSETXID signal (33), which the host's C library also keeps for
 * itself. A thread in a timed wait meanwhile goes on waiting (the handler restarts it). */
// no-qemu: qemu-riscv64 7.2 returns EINTR from the waiting thread's sem_timedwait
// repeat: 3
#include <grp.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static sem_t go, done;

static void *waiter(void *arg)
{
	struct timespec ts;
	(void)arg;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 60;
	sem_post(&go);
	return (void *)(long)sem_timedwait(&done, &ts);
}

int main(void)
{
	pthread_t t[3];
	gid_t groups[2] = {getgid(), getgid()};
	void *r;
	int i;
	CHECK(sem_init(&go, 0, 0) == 0 && sem_init(&done, 0, 0) == 0);
	for (i = 0; i < 3; i++) {
		CHECK(pthread_create(&t[i], NULL, waiter, NULL) == 0);
		CHECK(sem_wait(&go) == 0);
	}
	usleep(20000); /* the waiters are in the kernel */
	CHECK(setgroups(2, groups) == 0 || errno == EPERM);
	CHECK(setgid(getgid()) == 0);
	CHECK(setuid(getuid()) == 0);
	for (i = 0; i < 3; i++)
		CHECK(sem_post(&done) == 0);
	for (i = 0; i < 3; i++) {
		CHECK(pthread_join(t[i], &r) == 0);
		CHECK(r == NULL);
	}
	printf("setxid with threads ok\n");
	return 0;
}
