// Cluster: threads join groups with rvx's hint (include/rvx-guest.h; a no-op elsewhere), so
// that under rvx --cluster they move between ranks while they run: registers (integer and FP)
// kept across the move, a blocked signal caught before it and taken after, the alternate
// signal stack, then a second move of every thread into one group; the main thread leaves the
// master while it creates and joins them, and comes back. The output is what qemu-riscv64 prints.
// cflags: -pthread -I include
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rvx-guest.h"

#define THREADS 8

static volatile int caught[THREADS];
static __thread int self;
static uint64_t results[THREADS];
static char report[THREADS][96];

static void on_usr1(int sig)
{
	caught[self] += sig == SIGUSR1;
}

/* The group hint takes a constant: one site per group. */
static void join(int g)
{
	switch (g) {
	case 1: RVX_GROUP(1); break;
	case 2: RVX_GROUP(2); break;
	case 3: RVX_GROUP(3); break;
	case 4: RVX_GROUP(4); break;
	default: RVX_GROUP(5); break;
	}
}

static void *worker(void *arg)
{
	int i = (int)(intptr_t)arg;
	uint64_t h = 0x9e3779b97f4a7c15ull * (uint64_t)(i + 1);
	double d = 1.0 + i;
	sigset_t usr1;
	stack_t ss = {.ss_sp = malloc(SIGSTKSZ), .ss_size = SIGSTKSZ}, now;
	self = i;
	sigaltstack(&ss, NULL);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &usr1, NULL);
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1); /* pending, blocked */
	for (int k = 0; k < 100000; k++) {
		h = (h ^ (h >> 29)) * 0xbf58476d1ce4e5b9ull + (uint64_t)k;
		d = d * 1.0000001 + 0.5;
	}
	join(1 + i / 2); /* four groups of two */
	for (int k = 0; k < 100000; k++) {
		h = (h ^ (h >> 31)) * 0x94d049bb133111ebull + (uint64_t)k;
		d = d * 0.9999999 + 0.25;
	}
	pthread_sigmask(SIG_UNBLOCK, &usr1, NULL); /* the signal caught before the move runs now */
	sigaltstack(NULL, &now);
	join(5); /* everyone in one group */
	for (int k = 0; k < 1000; k++)
		h = h * 31 + (uint64_t)k;
	results[i] = h ^ (uint64_t)(int64_t)(d * 1000.0);
	snprintf(report[i], sizeof report[i], "thread %d: caught %d, alternate stack %s", i, caught[i],
		 now.ss_sp == ss.ss_sp && now.ss_size == ss.ss_size ? "kept" : "lost");
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &sa, NULL);
	join(3); /* groups get ranks in the order they appear: 3 the master's, 4 the next */
	join(4); /* the main thread leaves the master */
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	join(3); /* and comes back */
	for (int i = 0; i < THREADS; i++)
		printf("%s, result %016llx\n", report[i], (unsigned long long)results[i]);
	return 0;
}
