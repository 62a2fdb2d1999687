/* The Linux syscall layer: one table of guest syscalls (number, name, handler, argument
 * kinds, flags); handlers live in sys_*.c by family. */
#ifndef RVX_LINUX_SYSCALL_H
#define RVX_LINUX_SYSCALL_H

#include <errno.h>

#include "../machine.h"

enum {
	SC_RESTART = 1,   /* restarted after a guest handler with SA_RESTART interrupts it */
	SC_SETS_REGS = 2, /* the handler sets pc and a0 itself */
	SC_LOCAL = 4,     /* no process-wide effect: runs on the calling rank in a cluster; the
			     others run at the master (its files, memory map, futexes, threads) */
};

typedef long (*syscall_fn)(struct rvx_vcpu *cpu, const uint64_t *a);

/* Argument kinds, one letter each: d int, u unsigned, x hex, o octal, p guest pointer,
 * s guest string, f guest path (resolved through the sysroot), l guest path whose last
 * symlink is not followed, a AT_* flags (AT_SYMLINK_NOFOLLOW: the f paths are not followed). */
struct syscall_desc {
	const char *name;
	syscall_fn fn; /* NULL: pass to the host syscall `host` translating pointer arguments */
	short host;
	unsigned char flags;
	const char *args;
};

#define SYSCALL_MAX 512

enum { SYSCALL_NR_EXIT = 93, SYSCALL_NR_CLONE = 220, SYSCALL_NR_CLONE3 = 435 };

const struct syscall_desc *syscall_lookup(uint64_t nr);
/* Runs the ecall at pc: a7 is the number, a0..a5 the arguments; sets a0 and advances pc. */
void syscall_dispatch(struct rvx_vcpu *cpu);
/* Runs syscall nr for cpu on this rank (a cluster master for a thread elsewhere) and
 * returns its result; the registers stay as they are. */
long syscall_run(struct rvx_vcpu *cpu, uint64_t nr, const uint64_t *a);

/* Guest pointer to host pointer; 0 stays NULL; an address outside the guest space becomes
 * one the host kernel refuses with EFAULT. */
void *guest_ptr(struct rvx_vcpu *cpu, uint64_t addr);
/* The kernel is about to write [addr, addr+len): watched code pages there become writable
 * (their translations are checked before they run again). */
void guest_will_write(struct rvx_vcpu *cpu, uint64_t addr, uint64_t len);
/* Copies between guest memory and the emulator; false when the guest range is not mapped
 * readable (guest_read) or writable (guest_write). */
bool guest_read(struct rvx_vcpu *cpu, uint64_t addr, void *dst, size_t n);
bool guest_write(struct rvx_vcpu *cpu, uint64_t addr, const void *src, size_t n);
/* A guest string, or NULL when the address is outside the guest space. */
const char *guest_str(struct rvx_vcpu *cpu, uint64_t addr);
static inline long host_ret(long r)
{
	return r < 0 ? -errno : r;
}

/* Ends the whole process (every thread) with status, printing -d stats first. */
_Noreturn void syscall_exit_process(struct rvx_vcpu *cpu, int status);

/* Handlers, by family. */
#define SYS(name) long sys_##name(struct rvx_vcpu *cpu, const uint64_t *a)
/* sys_fs.c */
SYS(openat);
SYS(readlinkat);
SYS(getcwd);
SYS(gettid);
SYS(fstat);
SYS(newfstatat);
SYS(readv);
SYS(writev);
SYS(preadv);
SYS(pwritev);
SYS(preadv2);
SYS(pwritev2);
SYS(ioctl);
SYS(fcntl);
SYS(close);
SYS(close_range);
SYS(dup);
SYS(dup3);
SYS(epoll_ctl);
SYS(epoll_pwait);
SYS(epoll_pwait2);
SYS(pselect6);
/* sys_time.c */
SYS(clock_gettime);
SYS(gettimeofday);
/* sys_ipc.c */
SYS(semctl);
/* sys_mm.c */
SYS(shmat);
SYS(shmdt);
SYS(brk);
SYS(mmap);
SYS(munmap);
SYS(mprotect);
SYS(mremap);
SYS(madvise);
SYS(riscv_flush_icache);
/* sys_proc.c */
SYS(exit);
SYS(exit_group);
SYS(clone);
SYS(clone3);
SYS(execve);
SYS(execveat);
SYS(uname);
SYS(getrandom);
SYS(set_tid_address);
SYS(set_robust_list);
SYS(get_robust_list);
SYS(riscv_hwprobe);
SYS(prctl);
SYS(rseq);
SYS(futex);
SYS(wait4);
SYS(waitid);

/* sys_signal.c */
SYS(rt_sigaction);
SYS(rt_sigprocmask);
SYS(rt_sigreturn);
SYS(sigaltstack);
SYS(rt_sigpending);
SYS(rt_sigsuspend);
/* sys_net.c */
SYS(sendmsg);
SYS(recvmsg);
SYS(sendmmsg);
SYS(recvmmsg);
#undef SYS

#endif
