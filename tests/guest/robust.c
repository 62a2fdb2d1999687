// Robust mutexes: a thread or process that dies holding one leaves it to the next locker with
// EOWNERDEAD (the emulator walks the dead thread's set_robust_list list as the kernel does),
// whether the locker was already waiting or comes later; exit, exit_group and death by a
// guest fault all release; get_robust_list reports what glibc registered.
// cflags: -pthread
// no-qemu: qemu-riscv64 answers set_robust_list with ENOSYS, so glibc refuses robust mutexes
// repeat: 3
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static pthread_mutex_t lock;
static sem_t held;

static void *take_and_die(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	sem_post(&held);
	if (arg) { /* give the main thread time to block on the lock first */
		struct timespec ts = {0, 50 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	return NULL; /* ends the thread still owning the lock */
}

static int init_robust(pthread_mutex_t *m, int pshared)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutexattr_setpshared(&a, pshared);
	return pthread_mutex_init(m, &a);
}

/* A thread ends owning the lock: the main thread, later or already waiting, gets EOWNERDEAD. */
static int thread_dies(int waiting)
{
	pthread_t t;
	CHECK(init_robust(&lock, PTHREAD_PROCESS_PRIVATE) == 0);
	CHECK(pthread_create(&t, NULL, take_and_die, waiting ? &lock : NULL) == 0);
	CHECK(sem_wait(&held) == 0);
	if (!waiting)
		CHECK(pthread_join(t, NULL) == 0);
	CHECK(pthread_mutex_lock(&lock) == EOWNERDEAD);
	CHECK(pthread_mutex_consistent(&lock) == 0);
	CHECK(pthread_mutex_unlock(&lock) == 0);
	CHECK(pthread_mutex_lock(&lock) == 0); /* consistent again: an ordinary lock */
	CHECK(pthread_mutex_unlock(&lock) == 0);
	if (waiting)
		CHECK(pthread_join(t, NULL) == 0);
	CHECK(pthread_mutex_destroy(&lock) == 0);
	return 0;
}

/* A child process dies owning a process-shared lock: by exit, or by a fault it does not handle. */
static int process_dies(int how)
{
	pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status;
	pid_t pid;
	CHECK(m != MAP_FAILED);
	CHECK(init_robust(m, PTHREAD_PROCESS_SHARED) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		if (pthread_mutex_lock(m) != 0)
			_exit(3);
		if (how == SIGSEGV)
			*(volatile int *)(uintptr_t)8 = 1;
		_exit(7);
	}
	CHECK(waitpid(pid, &status, 0) == pid);
	if (how == SIGSEGV)
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	else
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK(pthread_mutex_lock(m) == EOWNERDEAD);
	CHECK(pthread_mutex_consistent(m) == 0);
	CHECK(pthread_mutex_unlock(m) == 0);
	CHECK(munmap(m, 4096) == 0);
	return 0;
}

int main(void)
{
	void *head = NULL;
	size_t len = 0;
	CHECK(syscall(SYS_get_robust_list, 0, &head, &len) == 0);
	CHECK(head != NULL && len == 24);
	CHECK(syscall(SYS_get_robust_list, 0x3fffffff, &head, &len) == -1 && errno == ESRCH);
	CHECK(sem_init(&held, 0, 0) == 0);
	CHECK(thread_dies(0) == 0);
	CHECK(thread_dies(1) == 0);
	CHECK(process_dies(0) == 0);
	CHECK(process_dies(SIGSEGV) == 0);
	puts("robust ok");
	return 0;
}
