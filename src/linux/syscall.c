#include "syscall.h"

#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../cluster/cluster.h"
#include "../plugin/plugin.h"
#include "path.h"
#include "safe_syscall.h"
#include "signal.h"

#ifndef SYS_fchmodat2 /* Linux 6.6, newer than Debian 12's headers */
#define SYS_fchmodat2 452
#endif

#define PASS(nr, name, args, flags) [nr] = {#name, NULL, SYS_##name, flags, args}
#define CALL(nr, name, args, flags) [nr] = {#name, sys_##name, 0, flags, args}

/* RISC-V 64 uses the generic Linux syscall numbers. */
static const struct syscall_desc table[SYSCALL_MAX] = {
    PASS(5, setxattr, "fspux", 0),
    PASS(6, lsetxattr, "lspux", 0),
    PASS(7, fsetxattr, "dspux", 0),
    PASS(8, getxattr, "fspu", 0),
    PASS(9, lgetxattr, "lspu", 0),
    PASS(10, fgetxattr, "dspu", 0),
    PASS(11, listxattr, "fpu", 0),
    PASS(12, llistxattr, "lpu", 0),
    PASS(13, flistxattr, "dpu", 0),
    PASS(14, removexattr, "fs", 0),
    PASS(15, lremovexattr, "ls", 0),
    PASS(16, fremovexattr, "ds", 0),
    CALL(17, getcwd, "pu", 0),
    PASS(19, eventfd2, "ux", 0),
    PASS(20, epoll_create1, "x", 0),
    CALL(21, epoll_ctl, "ddpd", 0),
    CALL(22, epoll_pwait, "dpddpu", 0),
    CALL(23, dup, "d", 0),
    CALL(24, dup3, "ddx", 0),
    CALL(25, fcntl, "ddx", SC_RESTART),
    PASS(26, inotify_init1, "x", 0),
    PASS(27, inotify_add_watch, "dfx", 0),
    PASS(28, inotify_rm_watch, "dd", 0),
    CALL(29, ioctl, "dxx", SC_RESTART),
    PASS(30, ioprio_set, "ddx", 0),
    PASS(31, ioprio_get, "dd", 0),
    PASS(32, flock, "dx", SC_RESTART),
    PASS(33, mknodat, "dlox", 0),
    PASS(34, mkdirat, "dlo", 0),
    PASS(35, unlinkat, "dlx", 0),
    PASS(36, symlinkat, "sdl", 0),
    PASS(37, linkat, "dldlx", 0),
    PASS(39, umount2, "fx", 0),
    PASS(40, mount, "ffsxp", 0),
    PASS(43, statfs, "fp", 0),
    PASS(44, fstatfs, "dp", 0),
    PASS(45, truncate, "fu", 0),
    PASS(46, ftruncate, "du", 0),
    PASS(47, fallocate, "dxuu", 0),
    PASS(48, faccessat, "dfo", 0),
    PASS(49, chdir, "f", 0),
    PASS(50, fchdir, "d", 0),
    PASS(51, chroot, "f", 0),
    PASS(52, fchmod, "do", 0),
    PASS(53, fchmodat, "dfo", 0),
    PASS(54, fchownat, "dfdda", 0),
    PASS(55, fchown, "ddd", 0),
    CALL(56, openat, "dfxo", SC_RESTART),
    CALL(57, close, "d", 0),
    PASS(59, pipe2, "px", 0),
    PASS(61, getdents64, "dpu", 0),
    PASS(62, lseek, "ddd", 0),
    PASS(63, read, "dpu", SC_RESTART),
    PASS(64, write, "dpu", SC_RESTART),
    CALL(65, readv, "dpd", SC_RESTART),
    CALL(66, writev, "dpd", SC_RESTART),
    PASS(67, pread64, "dpuu", SC_RESTART),
    PASS(68, pwrite64, "dpuu", SC_RESTART),
    CALL(69, preadv, "dpdu", SC_RESTART),
    CALL(70, pwritev, "dpdu", SC_RESTART),
    PASS(71, sendfile, "ddpu", SC_RESTART),
    CALL(72, pselect6, "dpppp", 0),
    PASS(73, ppoll, "pdppu", 0),
    PASS(74, signalfd4, "dpux", 0),
    PASS(76, splice, "dpdpux", 0),
    PASS(77, tee, "ddux", 0),
    CALL(78, readlinkat, "dfpu", 0),
    CALL(79, newfstatat, "dfpx", 0),
    CALL(80, fstat, "dp", 0),
    PASS(81, sync, "", 0),
    PASS(82, fsync, "d", SC_RESTART),
    PASS(83, fdatasync, "d", SC_RESTART),
    PASS(84, sync_file_range, "duux", 0),
    PASS(85, timerfd_create, "dx", 0),
    PASS(86, timerfd_settime, "dxpp", 0),
    PASS(87, timerfd_gettime, "dp", 0),
    PASS(88, utimensat, "dfpa", 0),
    PASS(89, acct, "f", 0),
    PASS(90, capget, "pp", 0),
    PASS(91, capset, "pp", 0),
    PASS(92, personality, "x", 0),
    CALL(93, exit, "d", SC_SETS_REGS),
    CALL(94, exit_group, "d", SC_SETS_REGS),
    CALL(95, waitid, "ddpxp", SC_RESTART),
    CALL(96, set_tid_address, "p", 0),
    PASS(97, unshare, "x", 0),
    CALL(98, futex, "pdupux", SC_RESTART),
    CALL(99, set_robust_list, "pu", SC_LOCAL),
    CALL(100, get_robust_list, "dpp", 0),
    PASS(101, nanosleep, "pp", SC_LOCAL),
    PASS(102, getitimer, "dp", 0),
    PASS(103, setitimer, "dpp", 0),
    PASS(105, init_module, "pus", 0),
    PASS(107, timer_create, "dpp", 0),
    PASS(108, timer_gettime, "dp", 0),
    PASS(109, timer_getoverrun, "d", 0),
    PASS(110, timer_settime, "dxpp", 0),
    PASS(111, timer_delete, "d", 0),
    PASS(112, clock_settime, "dp", 0),
    CALL(113, clock_gettime, "dp", SC_LOCAL),
    PASS(114, clock_getres, "dp", SC_LOCAL),
    PASS(115, clock_nanosleep, "dxpp", SC_LOCAL),
    PASS(116, syslog, "dpd", 0),
    PASS(118, sched_setparam, "dp", 0),
    PASS(119, sched_setscheduler, "ddp", 0),
    PASS(120, sched_getscheduler, "d", 0),
    PASS(121, sched_getparam, "dp", 0),
    PASS(122, sched_setaffinity, "dup", 0),
    PASS(123, sched_getaffinity, "dup", 0),
    PASS(124, sched_yield, "", SC_LOCAL),
    PASS(125, sched_get_priority_max, "d", 0),
    PASS(126, sched_get_priority_min, "d", 0),
    PASS(127, sched_rr_get_interval, "dp", 0),
    PASS(129, kill, "dd", 0),
    PASS(130, tkill, "dd", 0),
    PASS(131, tgkill, "ddd", 0),
    CALL(132, sigaltstack, "pp", SC_LOCAL),
    CALL(133, rt_sigsuspend, "pu", SC_LOCAL),
    CALL(134, rt_sigaction, "dppu", 0),
    CALL(135, rt_sigprocmask, "dppu", SC_LOCAL),
    CALL(136, rt_sigpending, "pu", SC_LOCAL),
    PASS(137, rt_sigtimedwait, "pppu", SC_RESTART | SC_LOCAL),
    PASS(138, rt_sigqueueinfo, "ddp", 0),
    CALL(139, rt_sigreturn, "", SC_SETS_REGS | SC_LOCAL),
    PASS(140, setpriority, "ddd", 0),
    PASS(141, getpriority, "dd", 0),
    PASS(143, setregid, "dd", 0),
    PASS(144, setgid, "d", 0),
    PASS(145, setreuid, "dd", 0),
    PASS(146, setuid, "d", 0),
    PASS(147, setresuid, "ddd", 0),
    PASS(148, getresuid, "ppp", 0),
    PASS(149, setresgid, "ddd", 0),
    PASS(150, getresgid, "ppp", 0),
    PASS(151, setfsuid, "d", 0),
    PASS(152, setfsgid, "d", 0),
    PASS(153, times, "p", 0),
    PASS(154, setpgid, "dd", 0),
    PASS(155, getpgid, "d", 0),
    PASS(156, getsid, "d", 0),
    PASS(157, setsid, "", 0),
    PASS(158, getgroups, "dp", 0),
    PASS(159, setgroups, "dp", 0),
    CALL(160, uname, "p", SC_LOCAL),
    PASS(161, sethostname, "su", 0),
    PASS(162, setdomainname, "su", 0),
    PASS(163, getrlimit, "dp", 0),
    PASS(164, setrlimit, "dp", 0),
    PASS(165, getrusage, "dp", 0),
    PASS(166, umask, "o", 0),
    CALL(167, prctl, "dxxxx", 0),
    PASS(168, getcpu, "ppp", SC_LOCAL),
    CALL(169, gettimeofday, "pp", SC_LOCAL),
    PASS(170, settimeofday, "pp", 0),
    PASS(171, adjtimex, "p", 0),
    PASS(172, getpid, "", 0),
    PASS(173, getppid, "", 0),
    PASS(174, getuid, "", 0),
    PASS(175, geteuid, "", 0),
    PASS(176, getgid, "", 0),
    PASS(177, getegid, "", 0),
    CALL(178, gettid, "", SC_LOCAL),
    PASS(179, sysinfo, "p", SC_LOCAL),
    PASS(180, mq_open, "sxop", 0),
    PASS(181, mq_unlink, "s", 0),
    PASS(182, mq_timedsend, "dpuup", SC_RESTART),
    PASS(183, mq_timedreceive, "dpupp", SC_RESTART),
    PASS(184, mq_notify, "dp", 0),
    PASS(185, mq_getsetattr, "dpp", 0),
    PASS(186, msgget, "xx", 0),
    PASS(187, msgctl, "dxp", 0),
    PASS(188, msgrcv, "dpuxx", 0),
    PASS(189, msgsnd, "dpux", 0),
    PASS(190, semget, "xdx", 0),
    CALL(191, semctl, "ddxp", 0),
    PASS(192, semtimedop, "dpup", 0),
    PASS(193, semop, "dpu", 0),
    PASS(194, shmget, "xux", 0),
    PASS(195, shmctl, "dxp", 0),
    CALL(196, shmat, "dpx", 0),
    CALL(197, shmdt, "p", 0),
    PASS(198, socket, "ddd", 0),
    PASS(199, socketpair, "dddp", 0),
    PASS(200, bind, "dpu", 0),
    PASS(201, listen, "dd", 0),
    PASS(202, accept, "dpp", SC_RESTART),
    PASS(203, connect, "dpu", SC_RESTART),
    PASS(204, getsockname, "dpp", 0),
    PASS(205, getpeername, "dpp", 0),
    PASS(206, sendto, "dpuxpu", SC_RESTART),
    PASS(207, recvfrom, "dpuxpp", SC_RESTART),
    PASS(208, setsockopt, "dddpu", 0),
    PASS(209, getsockopt, "dddpp", 0),
    PASS(210, shutdown, "dd", 0),
    CALL(211, sendmsg, "dpx", SC_RESTART),
    CALL(212, recvmsg, "dpx", SC_RESTART),
    PASS(213, readahead, "duu", 0),
    CALL(214, brk, "p", 0),
    CALL(215, munmap, "pu", 0),
    CALL(216, mremap, "puuxp", 0),
    CALL(220, clone, "xppxp", SC_SETS_REGS),
    CALL(221, execve, "fpp", 0),
    CALL(222, mmap, "puxxdu", 0),
    PASS(223, fadvise64, "duud", 0),
    CALL(226, mprotect, "pux", 0),
    PASS(227, msync, "pux", 0),
    PASS(228, mlock, "pu", 0),
    PASS(229, munlock, "pu", 0),
    PASS(230, mlockall, "x", 0),
    PASS(231, munlockall, "", 0),
    PASS(232, mincore, "pup", 0),
    CALL(233, madvise, "pud", 0),
    PASS(240, rt_tgsigqueueinfo, "dddp", 0),
    PASS(242, accept4, "dppx", SC_RESTART),
    CALL(243, recvmmsg, "dpuxp", SC_RESTART),
    CALL(258, riscv_hwprobe, "pupux", SC_LOCAL),
    CALL(259, riscv_flush_icache, "ppx", 0),
    CALL(260, wait4, "dpxp", SC_RESTART),
    PASS(261, prlimit64, "ddpp", 0),
    PASS(264, name_to_handle_at, "dfppx", 0),
    PASS(266, clock_adjtime, "dp", 0),
    PASS(267, syncfs, "d", 0),
    PASS(268, setns, "dx", 0),
    CALL(269, sendmmsg, "dpux", SC_RESTART),
    PASS(272, kcmp, "dddxx", 0),
    PASS(274, sched_setattr, "dpx", 0),
    PASS(275, sched_getattr, "dpux", 0),
    PASS(276, renameat2, "dldlx", 0),
    PASS(277, seccomp, "dxp", 0),
    CALL(278, getrandom, "pux", SC_RESTART | SC_LOCAL),
    PASS(279, memfd_create, "sx", 0),
    CALL(281, execveat, "dsppx", 0),
    PASS(283, membarrier, "dxd", SC_LOCAL),
    PASS(284, mlock2, "pux", 0),
    PASS(285, copy_file_range, "dpdpux", 0),
    CALL(286, preadv2, "dpduux", SC_RESTART),
    CALL(287, pwritev2, "dpduux", SC_RESTART),
    PASS(291, statx, "dfaxp", 0),
    CALL(293, rseq, "pudx", SC_LOCAL),
    PASS(424, pidfd_send_signal, "ddpx", 0),
    PASS(434, pidfd_open, "dx", 0),
    CALL(435, clone3, "pu", SC_SETS_REGS),
    CALL(436, close_range, "ddx", 0),
    PASS(439, faccessat2, "dfoa", 0),
    CALL(441, epoll_pwait2, "dpdppu", 0),
    PASS(452, fchmodat2, "dfoa", 0),
};

const struct syscall_desc *syscall_lookup(uint64_t nr)
{
	return nr < SYSCALL_MAX && table[nr].name ? &table[nr] : NULL;
}

/* Lies above every user address: the host kernel answers EFAULT. */
#define BAD_GUEST_POINTER ((void *)0xffffffffffff0000ull)

void *guest_ptr(struct rvx_vcpu *cpu, uint64_t addr)
{
	if (addr == 0)
		return NULL;
	if (addr >= cpu->m->space.size)
		return BAD_GUEST_POINTER;
	return g2h(&cpu->m->space, addr);
}

/* Cluster mode: the split pages rvx is to reach are made whole first. */
static void split_pages_whole(struct rvx_vcpu *cpu, uint64_t addr, size_t n)
{
	if (__builtin_expect(cpu->split_tab != NULL, 0))
		cluster_split_join_range(cpu->m, addr, n);
}

bool guest_read(struct rvx_vcpu *cpu, uint64_t addr, void *dst, size_t n)
{
	if (!space_check(&cpu->m->space, addr, n, PROT_READ))
		return false;
	split_pages_whole(cpu, addr, n);
	memcpy(dst, g2h(&cpu->m->space, addr), n);
	return true;
}

bool guest_write(struct rvx_vcpu *cpu, uint64_t addr, const void *src, size_t n)
{
	if (!space_check(&cpu->m->space, addr, n, PROT_WRITE))
		return false;
	split_pages_whole(cpu, addr, n);
	memcpy(g2h(&cpu->m->space, addr), src, n);
	return true;
}

void guest_will_write(struct rvx_vcpu *cpu, uint64_t addr, uint64_t len)
{
	if (addr && space_watch_release(&cpu->m->space, addr, len))
		machine_code_written(cpu->m);
}

/* Pointer arguments the kernel may write through: the length is the next argument when that
 * is a size, else a page (the structures syscalls fill are smaller). */
static void release_watched_args(struct rvx_vcpu *cpu, const struct syscall_desc *d, const uint64_t *a)
{
	int i, n = (int)strlen(d->args);
	for (i = 0; i < n; i++)
		if (d->args[i] == 'p')
			guest_will_write(cpu, a[i], i + 1 < n && d->args[i + 1] == 'u' ? a[i + 1] : RVX_PAGE_SIZE);
}

const char *guest_str(struct rvx_vcpu *cpu, uint64_t addr)
{
	if (addr == 0 || addr >= cpu->m->space.size)
		return NULL;
	return g2h(&cpu->m->space, addr);
}

static long passthrough(struct rvx_vcpu *cpu, const struct syscall_desc *d, const uint64_t *a)
{
	char paths[2][PATH_MAX];
	const char *at = strchr(d->args, 'a');
	bool follow = !at || !(a[at - d->args] & AT_SYMLINK_NOFOLLOW);
	long h[6];
	int i, np = 0;
	for (i = 0; i < 6; i++) {
		char k = i < (int)strlen(d->args) ? d->args[i] : 0;
		if (k == 'p' || k == 's') {
			h[i] = (long)guest_ptr(cpu, a[i]);
		} else if (k == 'f' || k == 'l') {
			const char *s = guest_str(cpu, a[i]);
			if (!s && a[i])
				return -EFAULT;
			h[i] =
			    (long)(s ? path_resolve_how(cpu->m, s, k == 'f' && follow, paths[np++], PATH_MAX) : NULL);
		} else {
			h[i] = (long)a[i];
		}
	}
	return SAFE_SYSCALL(cpu, d->host, h[0], h[1], h[2], h[3], h[4], h[5]);
}

/* Reads a guest string for the trace without faulting. */
static void trace_string(struct rvx_vcpu *cpu, char *out, size_t size, uint64_t addr)
{
	size_t n = 0, i;
	out[n++] = '"';
	for (i = 0; i < 48 && n + 6 < size; i++) {
		const unsigned char *c;
		if (!space_check(&cpu->m->space, addr + i, 1, PROT_READ)) {
			snprintf(out, size, "0x%llx", (unsigned long long)addr);
			return;
		}
		c = g2h(&cpu->m->space, addr + i);
		if (!*c)
			break;
		if (isprint(*c) && *c != '"' && *c != '\\')
			out[n++] = (char)*c;
		else
			n += (size_t)snprintf(out + n, size - n, *c == '\n' ? "\\n" : "\\%03o", *c);
	}
	if (i == 48)
		n += (size_t)snprintf(out + n, size - n, "...");
	snprintf(out + n, size - n, "\"");
}

static void trace_call(struct rvx_vcpu *cpu, const struct syscall_desc *d, uint64_t nr, const uint64_t *a, char *line,
		       size_t size)
{
	size_t n;
	int i, nargs = d ? (int)strlen(d->args) : 6;
	if (cpu->m->cluster) /* which rank runs it: this one (local) or the master (global) */
		n = (size_t)snprintf(line, size, "%d [%s] %s(", cpu->tid,
				     d && (d->flags & SC_LOCAL) ? "local" : "global", d ? d->name : "unknown_syscall");
	else
		n = (size_t)snprintf(line, size, "%d %s(", cpu->tid, d ? d->name : "unknown_syscall");
	if (!d)
		n += (size_t)snprintf(line + n, size - n, "%llu,", (unsigned long long)nr);
	for (i = 0; i < nargs && n < size; i++) {
		char k = d ? d->args[i] : 'x', tmp[256];
		switch (k) {
		case 'd':
			if (i == 0 && (int)a[i] == -100)
				snprintf(tmp, sizeof tmp, "AT_FDCWD");
			else
				snprintf(tmp, sizeof tmp, "%d", (int)a[i]);
			break;
		case 'u': snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)a[i]); break;
		case 'o': snprintf(tmp, sizeof tmp, "0%llo", (unsigned long long)a[i]); break;
		case 's':
		case 'f':
		case 'l':
			if (a[i])
				trace_string(cpu, tmp, sizeof tmp, a[i]);
			else
				snprintf(tmp, sizeof tmp, "NULL");
			break;
		case 'p':
			if (!a[i]) {
				snprintf(tmp, sizeof tmp, "NULL");
				break;
			}
			/* fall through */
		default: snprintf(tmp, sizeof tmp, "0x%llx", (unsigned long long)a[i]); break;
		}
		n += (size_t)snprintf(line + n, size - n, "%s%s", i ? "," : "", tmp);
	}
	if (n < size)
		snprintf(line + n, size - n, ")");
}

static void trace_result(struct rvx_machine *m, const char *call, const struct syscall_desc *d, long r)
{
	if (r < 0 && r > -4096)
		fprintf(m->log, "%s = -1 errno=%ld (%s)\n", call, -r, strerror((int)-r));
	else if (d && (d->fn == sys_mmap || d->fn == sys_brk || d->fn == sys_mremap))
		fprintf(m->log, "%s = 0x%lx\n", call, r);
	else
		fprintf(m->log, "%s = %ld\n", call, r);
}

static void report_unknown(struct rvx_vcpu *cpu, uint64_t nr)
{
	struct rvx_machine *m = cpu->m;
	unsigned bit = nr < sizeof m->unimp_reported * 8 ? (unsigned)nr : sizeof m->unimp_reported * 8 - 1;
	if (!(m->cfg.debug & RVX_LOG_UNIMP))
		return;
	if (__atomic_fetch_or(&m->unimp_reported[bit / 8], (uint8_t)(1u << (bit % 8)), __ATOMIC_RELAXED) &
	    (1u << (bit % 8)))
		return;
	fprintf(m->log, "rvx: unsupported syscall %llu at pc 0x%llx (returned ENOSYS)\n", (unsigned long long)nr,
		(unsigned long long)cpu->pc);
}

/* Whether a syscall interrupted by a signal starts again once the handler returns. */
static bool restarts(struct rvx_vcpu *cpu, const struct syscall_desc *d)
{
	int sig = signal_next_pending(cpu);
	return (d->flags & SC_RESTART) && sig && (cpu->sigact[sig].flags & SA_RESTART);
}

static long call_fn(struct rvx_vcpu *cpu, const struct syscall_desc *d, const uint64_t *a)
{
	return d->fn ? d->fn(cpu, a) : passthrough(cpu, d, a);
}

/* Runs the call on this rank. */
static long run_here(struct rvx_vcpu *cpu, const struct syscall_desc *d, uint64_t nr, const uint64_t *a,
		     const char *call)
{
	struct split_pins pins;
	long r;
	if (d && __atomic_load_n(&cpu->m->space.narmed, __ATOMIC_RELAXED))
		release_watched_args(cpu, d, a);
	if (!d) {
		report_unknown(cpu, nr);
		return -ENOSYS;
	}
	if (call && d->fn && (d->flags & SC_SETS_REGS))
		fprintf(cpu->m->log, "%s\n", call);
	if (!cpu->m->cluster)
		return call_fn(cpu, d, a);
	cluster_split_join_args(cpu->m, d->args, a, &pins);
	r = call_fn(cpu, d, a);
	/* the kernel cannot reach a split page: joined, the call runs again (EFAULT from a page no
	 * pin covers, as a long buffer's further pages: the call's first copy failed) */
	if (r == -EFAULT && cluster_split_join_range(cpu->m, 0, UINT64_MAX))
		r = call_fn(cpu, d, a);
	cluster_split_unpin(cpu->m, &pins);
	return r;
}

long syscall_run(struct rvx_vcpu *cpu, uint64_t nr, const uint64_t *a)
{
	const struct syscall_desc *d = syscall_lookup(nr);
	char call[1024];
	bool tracing = cpu->m->cfg.debug & RVX_LOG_STRACE;
	long r;
	cpu->stats.syscalls++;
	if (tracing)
		trace_call(cpu, d, nr, a, call, sizeof call);
	r = run_here(cpu, d, nr, a, tracing ? call : NULL);
	if (tracing)
		trace_result(cpu->m, call, d, r);
	return r;
}

void syscall_dispatch(struct rvx_vcpu *cpu)
{
	uint64_t nr = cpu->x[17], a[6];
	const struct syscall_desc *d = syscall_lookup(nr);
	char call[1024];
	bool tracing = cpu->m->cfg.debug & RVX_LOG_STRACE, skipped = false;
	long r = -ENOSYS;

	memcpy(a, &cpu->x[10], sizeof a);
	cpu->stats.syscalls++;
	if (tracing)
		trace_call(cpu, d, nr, a, call, sizeof call);
	if (cpu->m->syscall_hook) {
		int64_t res = 0;
		if (cpu->m->syscall_hook(cpu->m->syscall_hook_ctx, cpu->m, nr, a, &res)) {
			r = (long)res;
			skipped = true; /* the embedder's */
		}
	}
	if (skipped) {
		if (tracing)
			fprintf(cpu->m->log, "%s = %ld (handled by the embedder)\n", call, r);
	} else if (cpu->m->plugins && cpu->m->plugins->syscall_hooks && plugins_syscall(cpu, nr, a, &r)) {
		skipped = true; /* whatever the call: it returns r */
		if (tracing)
			fprintf(cpu->m->log, "%s = %ld (skipped by a plugin)\n", call, r);
	} else if (cpu->m->cluster && d && !(d->flags & SC_LOCAL) && !cluster_is_master(cpu->m)) {
		if (tracing && (d->flags & SC_SETS_REGS))
			fprintf(cpu->m->log, "%s\n", call);
		r = cluster_delegate(cpu, nr, a);
	} else {
		r = run_here(cpu, d, nr, a, tracing ? call : NULL);
	}
	if (!skipped) {
		if (d && (d->flags & SC_SETS_REGS) && r == 0)
			return;
		if (r == -SAFE_SYSCALL_NOT_STARTED)
			return; /* as if the signal had come before the ecall: it runs after the handler */
		if (tracing)
			trace_result(cpu->m, call, d, r);
		if (r == -EINTR && restarts(cpu, d))
			return; /* pc stays on the ecall: it runs again after the handler */
	}
	if (cpu->m->plugins && cpu->m->plugins->syscall_hooks)
		plugins_syscall_ret(cpu, nr, r);
	cpu->x[10] = (uint64_t)r;
	cpu->pc += 4;
}
