/* Guest threads: clone with CLONE_VM|CLONE_THREAD makes a vCPU and a host thread for it; the
 * guest's thread id is the host thread's id, so tgkill, futexes and /proc agree with the host. */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

#include "../cluster/cluster.h"
#include "../engine/engine.h"
#include "../jit/x86-64/jit.h"
#include "../plugin/plugin.h"
#include "safe_syscall.h"
#include "signal.h"
#include "syscall.h"
#include "thread.h"

#define HOST_THREAD_STACK (1u << 20) /* the emulator's own frames; the guest has its own stack */

/* The parent fills in the ids and publishes the vCPU, then posts `go`; the child frees this. */
struct thread_start {
	struct rvx_vcpu *cpu;
	sem_t go;
};

static void *thread_main(void *arg)
{
	struct thread_start *s = arg;
	struct rvx_vcpu *cpu = s->cpu;
	while (sem_wait(&s->go) != 0)
		;
	sem_destroy(&s->go);
	free(s);
	__atomic_sub_fetch(&cpu->m->starting, 1, __ATOMIC_SEQ_CST);
	if (cpu->tid != (int)gettid()) { /* the guest would see wrong thread ids: never go on */
		fprintf(stderr, "rvx: internal error: thread id %d read as %d\n", (int)gettid(), cpu->tid);
		abort();
	}
	thread_run(cpu);
	return NULL;
}

void thread_run(struct rvx_vcpu *cpu)
{
	sigjmp_buf done;
	/* thread_exit comes back here: returning ends the host thread without pthread_exit's
	 * forced unwinding (which loads libgcc_s and walks every frame) */
	if (sigsetjmp(done, 0))
		return;
	/* cppcheck-suppress autoVariables ; this frame lasts as long as the guest thread runs */
	cpu->host_exit = &done;
	rvx_current_vcpu = cpu;
	if (cpu->m->ended) /* an embedder's guest ended while this thread was starting */
		thread_abandon(cpu);
	signal_set_mask(cpu, cpu->sigmask);
	plugins_vcpu_init(cpu);
	engine_run(cpu);
}

int thread_spawn(void *(*fn)(void *), void *arg, pthread_t *th)
{
	pthread_attr_t attr;
	sigset_t all;
	int r;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, HOST_THREAD_STACK);
	/* the new host thread starts with every signal blocked until it knows its vCPU */
	sigfillset(&all);
	pthread_attr_setsigmask_np(&attr, &all);
	r = pthread_create(th, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	return -r;
}

/* The host thread's id without waiting for it to run: glibc stores it (CLONE_PARENT_SETTID)
 * before pthread_create returns, and a thread's CPU-time clock id encodes it (Linux ABI). */
int thread_host_tid(pthread_t th)
{
	clockid_t clock;
	if (pthread_getcpuclockid(th, &clock) != 0)
		return -1;
	return (int)(~(unsigned)clock >> 3); /* clock = ~tid << 3 | CPUCLOCK_SCHED | CPUCLOCK_PERTHREAD */
}

/* Where clone leaves a child: after the ecall, a0 = 0, on its new stack, with its new tp. */
static void clone_child_regs(struct rvx_vcpu *child, const struct rvx_vcpu *cpu, uint64_t flags, uint64_t newsp,
			     uint64_t tls)
{
	child->pc = cpu->pc + 4;
	child->x[10] = 0;
	if (newsp)
		child->x[2] = newsp;
	if (flags & CLONE_SETTLS)
		child->x[4] = tls;
}

/* As the kernel does, both ids are stored before either thread runs guest code again; the
 * child then counts among the process's threads. */
static void set_child_ids(struct rvx_vcpu *cpu, struct rvx_vcpu *child, uint64_t flags, uint64_t ptid, uint64_t ctid)
{
	uint32_t tid = (uint32_t)child->tid;
	if (flags & CLONE_PARENT_SETTID)
		guest_write(cpu, ptid, &tid, 4);
	if (flags & CLONE_CHILD_SETTID)
		guest_write(cpu, ctid, &tid, 4);
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = ctid;
	machine_add_thread(cpu->m, child);
}

long thread_clone(struct rvx_vcpu *cpu, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t ctid, uint64_t tls)
{
	const uint64_t need = CLONE_VM | CLONE_THREAD | CLONE_SIGHAND | CLONE_FILES | CLONE_FS;
	struct rvx_machine *m = cpu->m;
	struct thread_start *s;
	struct rvx_vcpu *child;
	pthread_t th;
	uint32_t tid;
	int r;

	if ((flags & need) != need)
		return -EINVAL; /* a process sharing memory but not being a thread: not supported */
	machine_share_memory(m);
	child = machine_vcpu_new(m, cpu);
	s = malloc(sizeof *s);
	if (!child || !s) {
		if (child)
			machine_vcpu_free(child);
		free(s);
		return -ENOMEM;
	}
	clone_child_regs(child, cpu, flags, newsp, tls);
	if (m->cluster) {
		long placed = cluster_place_thread(cpu, child);
		if (placed != 0) {
			free(s);
			if (placed < 0) {
				machine_vcpu_free(child);
				return placed;
			}
			set_child_ids(cpu, child, flags, ptid, ctid);
			cluster_start_remote(child);
			return placed;
		}
	}
	s->cpu = child;
	sem_init(&s->go, 0, 0);
	__atomic_add_fetch(&m->starting, 1, __ATOMIC_SEQ_CST);
	r = thread_spawn(thread_main, s, &th);
	if (r < 0) {
		__atomic_sub_fetch(&m->starting, 1, __ATOMIC_SEQ_CST);
		machine_vcpu_free(child);
		sem_destroy(&s->go);
		free(s);
		return r;
	}
	/* the host C library's first pthread_create installs its own SIGSETXID handler over the
	 * guest's, whose C library sends that signal to its threads for setuid and the like */
	signal_apply_action(cpu, HOST_LIBC_SIGSETXID);
	/* the child waits on `go`, so neither it nor its pthread_t can go away meanwhile */
	tid = (uint32_t)thread_host_tid(th);
	child->tid = (int)tid;
	set_child_ids(cpu, child, flags, ptid, ctid);
	sem_post(&s->go);
	return (long)tid;
}

#define VFORK_HOST_STACK (256u << 10)

static int vfork_main(void *arg)
{
	struct rvx_vcpu *cpu = arg;
	sigjmp_buf done;
	/* the host process shares the parent thread's memory and thread-local storage: that
	 * thread waits in clone until this one execs or exits, and restores its own vCPU pointer */
	rvx_current_vcpu = cpu;
	cpu->tid = (int)gettid();
	if (sigsetjmp(done, 0))
		syscall(SYS_exit_group, 70);
	cpu->host_exit = &done;
	signal_set_mask(cpu, cpu->sigmask);
	engine_run(cpu);
	syscall(SYS_exit_group, 70);
	return 0;
}

long thread_vfork(struct rvx_vcpu *cpu, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t ctid, uint64_t tls)
{
	struct rvx_machine *m = cpu->m;
	struct rvx_vcpu *child, *self = rvx_current_vcpu;
	struct guest_sigaction *actions = malloc(sizeof m->sigact);
	void *stack =
	    mmap(NULL, VFORK_HOST_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	uint64_t all = ~0ull, old_mask = 0;
	long pid;

	child = stack != MAP_FAILED && actions ? machine_vcpu_new(m, cpu) : NULL;
	if (!child) {
		free(actions);
		if (stack != MAP_FAILED)
			munmap(stack, VFORK_HOST_STACK);
		return -ENOMEM;
	}
	/* the child's signal actions are its own (no CLONE_SIGHAND): posix_spawn resets them */
	pthread_mutex_lock(&m->lock);
	memcpy(actions, cpu->sigact, sizeof m->sigact);
	pthread_mutex_unlock(&m->lock);
	child->sigact = actions;
	child->vfork_child = true;
	clone_child_regs(child, cpu, flags, newsp, tls);
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = ctid;
	machine_share_memory(m);
	machine_add_thread(m, child); /* a code cache flush waits for it as for a thread */
	host_sigmask(SIG_SETMASK, all, &old_mask);
	pid = clone(vfork_main, (char *)stack + VFORK_HOST_STACK, CLONE_VM | CLONE_VFORK | SIGCHLD, child);
	if (pid < 0)
		pid = -errno;
	rvx_current_vcpu = self;
	host_sigmask(SIG_SETMASK, old_mask, NULL);
	machine_remove_thread(m, child);
	__atomic_sub_fetch(&m->nthreads, 1, __ATOMIC_SEQ_CST);
	machine_vcpu_free(child);
	free(actions);
#ifdef __SANITIZE_ADDRESS__
	/* the child's frames never returned: their redzones would outlive the mapping */
	__asan_unpoison_memory_region(stack, VFORK_HOST_STACK);
#endif
	munmap(stack, VFORK_HOST_STACK);
	if (pid > 0 && (flags & CLONE_PARENT_SETTID)) {
		uint32_t v = (uint32_t)pid;
		guest_write(cpu, ptid, &v, 4);
	}
	if (pid > 0 && (flags & CLONE_CHILD_SETTID)) /* the child's memory is the parent's */
		guest_write(cpu, ctid, &(uint32_t){(uint32_t)pid}, 4);
	return pid;
}

#define ROBUST_LIST_LIMIT    2048 /* as the kernel's: a cyclic or corrupt list ends the walk */
#define FUTEX_EFAULT_RETRIES 64

/* Makes the word present and writable here (false: not a writable guest word). */
static bool futex_touch_word(const struct rvx_vcpu *cpu, uint64_t addr)
{
	if ((addr & 3) || !space_check(&cpu->m->space, addr, 4, PROT_READ | PROT_WRITE))
		return false;
	__atomic_fetch_or((uint32_t *)g2h(&cpu->m->space, addr), 0, __ATOMIC_SEQ_CST);
	return true;
}

long futex_call(struct rvx_vcpu *cpu, const uint64_t *a, bool safe)
{
	int cmd = (int)a[1] & FUTEX_CMD_MASK, tries = 0;
	bool timeout_is_ptr = cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
			      cmd == FUTEX_WAIT_REQUEUE_PI || cmd == 13 /* FUTEX_LOCK_PI2 */;
	void *timeout = timeout_is_ptr ? guest_ptr(cpu, a[3]) : (void *)(uintptr_t)a[3];
	long r;
	for (;;) {
		if (safe)
			r = SAFE_SYSCALL(cpu, SYS_futex, guest_ptr(cpu, a[0]), (int)a[1], (uint32_t)a[2], timeout,
					 guest_ptr(cpu, a[4]), (uint32_t)a[5]);
		else
			r = host_ret(syscall(SYS_futex, guest_ptr(cpu, a[0]), (int)a[1], (uint32_t)a[2], timeout,
					     guest_ptr(cpu, a[4]), (uint32_t)a[5]));
		if (r != -EFAULT || !cpu->m->cluster || ++tries > FUTEX_EFAULT_RETRIES)
			return r;
		/* WAKE_OP changes the second word; the PI operations change the first */
		if (!(cmd == FUTEX_WAKE_OP ? futex_touch_word(cpu, a[4]) : futex_touch_word(cpu, a[0])))
			return r;
	}
}

/* Wakes one waiter of the guest's futex word at addr as the kernel does for a dying thread
 * (without FUTEX_PRIVATE_FLAG). */
static void futex_wake_one(struct rvx_vcpu *cpu, uint64_t addr)
{
	futex_call(cpu, (const uint64_t[6]){addr, FUTEX_WAKE, 1}, false);
}

/* One futex whose owner is dying (the kernel's handle_futex_death). Robust futexes are woken
 * without FUTEX_PRIVATE_FLAG, as the kernel does and as glibc's robust mutexes wait. */
static void futex_owner_died(struct rvx_vcpu *cpu, uint64_t addr, bool pi, bool pending)
{
	uint32_t *word, old, val;
	if ((addr & 3) || !space_check(&cpu->m->space, addr, 4, PROT_READ | PROT_WRITE))
		return;
	word = g2h(&cpu->m->space, addr);
	old = __atomic_load_n(word, __ATOMIC_SEQ_CST);
	do {
		if (pending && !pi && old == 0) { /* died while taking it: let a waiter try again */
			futex_wake_one(cpu, addr);
			return;
		}
		if ((old & FUTEX_TID_MASK) != (uint32_t)cpu->tid)
			return;
		val = (old & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	} while (!__atomic_compare_exchange_n(word, &old, val, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
	if (!pi && (old & FUTEX_WAITERS))
		futex_wake_one(cpu, addr);
}

void thread_release_robust(struct rvx_vcpu *cpu)
{
	uint64_t head = cpu->robust_list, entry, pending, next;
	int64_t offset;
	int n;
	cpu->robust_list = 0;
	if (!head || !guest_read(cpu, head, &entry, 8) || !guest_read(cpu, head + 8, &offset, 8) ||
	    !guest_read(cpu, head + 16, &pending, 8))
		return;
	/* entries are guest addresses of the list links; bit 0 marks a PI futex */
	for (n = 0; (entry & ~1ull) != head && n < ROBUST_LIST_LIMIT; n++) {
		if (!guest_read(cpu, entry & ~1ull, &next, 8))
			return;
		if ((entry & ~1ull) != (pending & ~1ull))
			futex_owner_died(cpu, (entry & ~1ull) + (uint64_t)offset, entry & 1, false);
		entry = next;
	}
	if (pending)
		futex_owner_died(cpu, (pending & ~1ull) + (uint64_t)offset, pending & 1, true);
}

void thread_release_all_robust(struct rvx_machine *m)
{
	struct rvx_vcpu *c;
	pthread_mutex_lock(&m->lock);
	for (c = m->threads; c; c = c->next)
		thread_release_robust(c);
	pthread_mutex_unlock(&m->lock);
}

_Noreturn void thread_exit(struct rvx_vcpu *cpu, int status)
{
	struct rvx_machine *m = cpu->m;
	uint64_t all = ~0ull;
	if (cpu->vfork_child)
		syscall_exit_process(cpu, status);
	if (__atomic_sub_fetch(&m->nthreads, 1, __ATOMIC_SEQ_CST) == 0)
		syscall_exit_process(cpu, status); /* the last thread: the process ends with its status */
	plugins_vcpu_exit(cpu);
	host_sigmask(SIG_SETMASK, all & ~FAULT_SIGNALS, NULL); /* a fault here is rvx's (a split page) */
	machine_remove_thread(m, cpu);
	thread_release_robust(cpu);
	if (cpu->clear_child_tid) {
		uint32_t zero = 0;
		if (guest_write(cpu, cpu->clear_child_tid, &zero, 4))
			futex_wake_one(cpu, cpu->clear_child_tid);
	}
	if (cpu == m->cpu) { /* the main vCPU stays for rvx_machine_free; its host thread is main's */
		rvx_current_vcpu = NULL;
		pthread_exit(NULL);
	}
	thread_leave(cpu);
}

_Noreturn void thread_abandon(struct rvx_vcpu *cpu)
{
	struct rvx_machine *m = cpu->m;
	sigjmp_buf *done = cpu->host_exit;
	uint64_t all = ~0ull;
	host_sigmask(SIG_SETMASK, all, NULL);
	machine_remove_thread(m, cpu);
	plugins_vcpu_exit(cpu);
	rvx_current_vcpu = NULL;
	machine_vcpu_retire(cpu);
	/* the last touch of the machine: the embedder may free it once no thread is left */
	__atomic_sub_fetch(&m->nthreads, 1, __ATOMIC_SEQ_CST);
	siglongjmp(*done, 1);
}

_Noreturn void thread_leave(struct rvx_vcpu *cpu)
{
	sigjmp_buf *done = cpu->host_exit;
	rvx_current_vcpu = NULL;
	machine_vcpu_retire(cpu); /* another thread may take it over from here on */
	siglongjmp(*done, 1);
}
