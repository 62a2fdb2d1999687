/* Guest threads: one vCPU and one host thread each. */
#ifndef RVX_LINUX_THREAD_H
#define RVX_LINUX_THREAD_H

#include <pthread.h>

#include "../machine.h"

/* clone for a thread (CLONE_VM|CLONE_THREAD|CLONE_SIGHAND...): returns the new thread's id or
 * a negative errno. The child starts after the ecall with a0 = 0, sp = newsp, tp = tls. */
long thread_clone(struct rvx_vcpu *cpu, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t ctid, uint64_t tls);
/* clone with CLONE_VM|CLONE_VFORK (vfork, posix_spawn): the child is a host process sharing
 * this memory, as the kernel's; the caller waits until it execs or exits. Returns its pid. */
long thread_vfork(struct rvx_vcpu *cpu, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t ctid, uint64_t tls);
/* The host thread's id, without waiting for it to run. */
int thread_host_tid(pthread_t th);
/* A detached host thread of the emulator, with its own 1 MiB stack, that starts with every
 * signal blocked. 0 or -errno. */
int thread_spawn(void *(*fn)(void *), void *arg, pthread_t *th);
/* Runs the guest thread of cpu on this host thread until it ends (then returns). */
void thread_run(struct rvx_vcpu *cpu);
/* The end of a guest thread's host thread whose exit is done: the vCPU goes for reuse and
 * thread_run returns. */
_Noreturn void thread_leave(struct rvx_vcpu *cpu);
/* The embedder's guest has ended (machine_guest_ended): this thread, not the one the embedder
 * runs, stops where it is. */
_Noreturn void thread_abandon(struct rvx_vcpu *cpu);
/* exit of one thread: the clear-tid wake, then the host thread ends; the last one ends the
 * process with status. */
_Noreturn void thread_exit(struct rvx_vcpu *cpu, int status);
/* What the kernel does with a dying thread's robust futex list (set_robust_list): each futex
 * the thread still owns is marked FUTEX_OWNER_DIED and one waiter is woken. */
void thread_release_robust(struct rvx_vcpu *cpu);
/* The same for every thread of a process that is ending. */
void thread_release_all_robust(struct rvx_machine *m);

/* futex(2) on guest words with the arguments a[0..5] (safe: as a guest's blocking call). In
 * cluster mode a word whose page is elsewhere makes the kernel answer EFAULT without waiting
 * for userfaultfd: the word is made present by a write that changes nothing, and the call made
 * again (so that no wake is lost). */
long futex_call(struct rvx_vcpu *cpu, const uint64_t *a, bool safe);

#define ROBUST_LIST_HEAD_SIZE 24 /* { next, futex_offset, list_op_pending }, 64-bit */

#endif
