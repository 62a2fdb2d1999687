/* Host syscalls that cannot miss a guest signal arriving just before them. */
#ifndef RVX_LINUX_SAFE_SYSCALL_H
#define RVX_LINUX_SAFE_SYSCALL_H

#include <signal.h>

/* The syscall did not start: a signal came first (the kernel's ERESTARTNOINTR number). */
#define SAFE_SYSCALL_NOT_STARTED 513

/* Makes host syscall nr unless *pending is set; -SAFE_SYSCALL_NOT_STARTED when a signal came first. */
long rvx_safe_syscall(volatile int *pending, long nr, long a0, long a1, long a2, long a3, long a4, long a5);
#define SAFE_SYSCALL(cpu, nr, a, b, c, d, e, f)                                                                        \
	rvx_safe_syscall((volatile int *)&(cpu)->interrupt, (nr), (long)(a), (long)(b), (long)(c), (long)(d),          \
			 (long)(e), (long)(f))

/* From a host signal handler: a thread caught between the check and the syscall instruction
 * is sent to the interrupted exit instead. */
void safe_syscall_check(ucontext_t *uc);

#endif
