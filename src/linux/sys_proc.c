/* Processes: exit, clone (fork, or a thread: thread.c), execve, identity and the RISC-V
 * specific calls. */
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../engine/engine.h"
#include "loader.h"
#include "path.h"
#include "safe_syscall.h"
#include "signal.h"
#include "syscall.h"
#include "thread.h"

_Noreturn void syscall_exit_process(struct rvx_vcpu *cpu, int status)
{
	thread_release_all_robust(cpu->m);
	machine_print_stats(cpu);
	if (cpu->m->log)
		fflush(cpu->m->log);
	syscall(SYS_exit_group, status);
	_exit(status);
}

long sys_exit(struct rvx_vcpu *cpu, const uint64_t *a)
{
	thread_exit(cpu, (int)a[0]);
}

long sys_exit_group(struct rvx_vcpu *cpu, const uint64_t *a)
{
	syscall_exit_process(cpu, (int)a[0]);
}

/* fork() with the locks other threads might hold taken, so that the child's copies of the
 * tables are whole; the child then has one thread, this one. */
static long fork_locked(struct rvx_vcpu *cpu, uint64_t flags)
{
	struct rvx_machine *m = cpu->m;
	long pid;
	/* a host thread still starting may hold allocator locks the child would inherit taken */
	while (__atomic_load_n(&m->starting, __ATOMIC_SEQ_CST))
		sched_yield();
	if (engine_prefork(cpu) < 0)
		return -ENOMEM;
	pthread_mutex_lock(&m->lock);
	pthread_mutex_lock(&m->space.lock);
	/* glibc's fork takes malloc's and stdio's locks across it, so that the child's are free */
	pid = flags == SIGCHLD ? fork() : syscall(SYS_clone, flags, 0, NULL, NULL, 0);
	if (pid < 0)
		pid = -errno;
	pthread_mutex_unlock(&m->space.lock);
	if (pid == 0) {
		m->threads = cpu;
		cpu->next = NULL;
		m->nthreads = 1;
	}
	pthread_mutex_unlock(&m->lock);
	if (engine_postfork(cpu, pid == 0) < 0) {
		static const char msg[] = "rvx: cannot copy the translation cache in a forked child\n";
		if (write(2, msg, sizeof msg - 1) < 0) { /* nothing more to do: the status says it */
		}
		_exit(70);
	}
	return pid;
}

static long do_clone(struct rvx_vcpu *cpu, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t ctid, uint64_t tls)
{
	const uint64_t own = CLONE_VM | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
			     CLONE_CHILD_CLEARTID | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM;
	long pid;
	if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
		return thread_clone(cpu, flags, newsp, ptid, ctid, tls);
	if (flags & (CLONE_THREAD | CLONE_SIGHAND))
		return -EINVAL;
	/* vfork runs as fork: the child gets a copy, which correct vfork users cannot tell apart */
	pid = fork_locked(cpu, flags & ~own);
	if (pid < 0)
		return pid;
	if (pid > 0) {
		if (flags & CLONE_PARENT_SETTID) {
			uint32_t v = (uint32_t)pid;
			guest_write(cpu, ptid, &v, 4);
		}
		return pid;
	}
	cpu->tid = (int)gettid();
	if (flags & CLONE_CHILD_SETTID)
		guest_write(cpu, ctid, &cpu->tid, 4);
	if (flags & CLONE_CHILD_CLEARTID)
		cpu->clear_child_tid = ctid;
	if (flags & CLONE_SETTLS)
		cpu->x[4] = tls;
	if (newsp)
		cpu->x[2] = newsp;
	cpu->x[10] = 0;
	cpu->pc += 4;
	return 0;
}

long sys_clone(struct rvx_vcpu *cpu, const uint64_t *a)
{
	/* RISC-V has CLONE_BACKWARDS: flags, stack, parent_tid, tls, child_tid */
	return do_clone(cpu, a[0], a[1], a[2], a[4], a[3]);
}

long sys_clone3(struct rvx_vcpu *cpu, const uint64_t *a)
{
	uint64_t args[11] = {0};
	if (a[1] < 64 || a[1] > 4096)
		return -EINVAL;
	if (!guest_read(cpu, a[0], args, a[1] < sizeof args ? a[1] : sizeof args))
		return -EFAULT;
	/* flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, ... */
	if (args[1] || (args[0] & CLONE_PIDFD))
		return -EINVAL;
	return do_clone(cpu, args[0] | (args[4] & CSIGNAL), args[5] ? args[5] + args[6] : 0, args[3], args[2], args[7]);
}

/* A NULL-terminated guest pointer array as host strings, or NULL on a bad pointer. */
static char **guest_strv(struct rvx_vcpu *cpu, uint64_t addr, int extra)
{
	size_t n = 0, i;
	char **v;
	const uint64_t *g;
	if (!addr) {
		return calloc((size_t)extra + 1, sizeof(char *));
	}
	for (;;) {
		if (!space_check(&cpu->m->space, addr + n * 8, 8, PROT_READ) || n > 1 << 20)
			return NULL;
		g = g2h(&cpu->m->space, addr + n * 8);
		if (!*g)
			break;
		n++;
	}
	v = calloc(n + (size_t)extra + 1, sizeof(char *));
	if (!v)
		return NULL;
	g = g2h(&cpu->m->space, addr);
	for (i = 0; i < n; i++) {
		v[extra + i] = (char *)guest_str(cpu, g[i]);
		if (!v[extra + i]) {
			free(v);
			return NULL;
		}
	}
	return v;
}

long sys_execve(struct rvx_vcpu *cpu, const uint64_t *a)
{
	struct rvx_machine *m = cpu->m;
	const char *gpath = guest_str(cpu, a[0]), *path, *why;
	char buf[PATH_MAX];
	unsigned char hdr[64];
	char **argv, **envp, **gargv;
	int fd, nopt = 0, i, gn;
	ssize_t n;
	long r;

	if (!gpath)
		return -EFAULT;
	path = path_resolve(m, gpath, buf, sizeof buf);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, hdr, sizeof hdr);
	close(fd);
	if (access(path, X_OK) != 0)
		return -EACCES;
	while (m->reexec_argv && m->reexec_argv[nopt])
		nopt++;
	envp = guest_strv(cpu, a[2], 0);
	if (!envp)
		return -EFAULT;
	if (n > 0 && elf_check_header(hdr, (size_t)n, &why) == RVX_OK) {
		/* A RISC-V program: run it under rvx with this machine's options. */
		if (!m->reexec_argv) {
			free(envp);
			return -ENOEXEC;
		}
		gargv = guest_strv(cpu, a[1], 0);
		for (gn = 0; gargv && gargv[gn]; gn++)
			;
		argv = gargv ? calloc((size_t)(nopt + 4 + gn + 1), sizeof(char *)) : NULL;
		if (!argv) {
			free(gargv);
			free(envp);
			return gargv ? -ENOMEM : -EFAULT;
		}
		for (i = 0; i < nopt; i++)
			argv[i] = m->reexec_argv[i];
		argv[nopt] = "-0"; /* the guest's argv[0] travels separately from the path */
		argv[nopt + 1] = gn ? gargv[0] : (char *)gpath;
		argv[nopt + 2] = "--";
		argv[nopt + 3] = (char *)path;
		for (i = 1; i < gn; i++)
			argv[nopt + 3 + i] = gargv[i];
		free(gargv);
		if (m->log)
			fflush(m->log);
		execve(m->reexec_argv[0], argv, envp);
	} else {
		argv = guest_strv(cpu, a[1], 0);
		if (!argv) {
			free(envp);
			return -EFAULT;
		}
		execve(path, argv, envp);
	}
	r = -errno;
	free(argv);
	free(envp);
	return r;
}

long sys_uname(struct rvx_vcpu *cpu, const uint64_t *a)
{
	struct utsname u;
	if (uname(&u) != 0)
		return -errno;
	strcpy(u.machine, "riscv64");
	return guest_write(cpu, a[0], &u, sizeof u) ? 0 : -EFAULT;
}

long sys_set_tid_address(struct rvx_vcpu *cpu, const uint64_t *a)
{
	cpu->clear_child_tid = a[0];
	return cpu->tid;
}

long sys_set_robust_list(struct rvx_vcpu *cpu, const uint64_t *a)
{
	if (a[1] != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	cpu->robust_list = a[0];
	return 0;
}

long sys_get_robust_list(struct rvx_vcpu *cpu, const uint64_t *a)
{
	struct rvx_machine *m = cpu->m;
	uint64_t head = 0, len = ROBUST_LIST_HEAD_SIZE;
	bool found = a[0] == 0;
	if (found) {
		head = cpu->robust_list;
	} else {
		struct rvx_vcpu *c;
		pthread_mutex_lock(&m->lock);
		for (c = m->threads; c && !found; c = c->next) {
			if (c->tid == (int)a[0]) {
				head = c->robust_list;
				found = true;
			}
		}
		pthread_mutex_unlock(&m->lock);
	}
	if (!found)
		return -ESRCH;
	if (!guest_write(cpu, a[1], &head, 8) || !guest_write(cpu, a[2], &len, 8))
		return -EFAULT;
	return 0;
}

long sys_rseq(struct rvx_vcpu *cpu, const uint64_t *a)
{
	(void)cpu;
	(void)a;
	return -ENOSYS; /* glibc then goes without restartable sequences */
}

long sys_futex(struct rvx_vcpu *cpu, const uint64_t *a)
{
	int cmd = (int)a[1] & FUTEX_CMD_MASK;
	bool timeout_is_ptr = cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
			      cmd == FUTEX_WAIT_REQUEUE_PI || cmd == 13 /* FUTEX_LOCK_PI2 */;
	return SAFE_SYSCALL(cpu, SYS_futex, guest_ptr(cpu, a[0]), (int)a[1], (uint32_t)a[2],
			    timeout_is_ptr ? guest_ptr(cpu, a[3]) : (void *)(uintptr_t)a[3], guest_ptr(cpu, a[4]),
			    (uint32_t)a[5]);
}

long sys_prctl(struct rvx_vcpu *cpu, const uint64_t *a)
{
	int op = (int)a[0];
	if (op == PR_SET_NAME || op == PR_GET_NAME)
		return host_ret(prctl(op, guest_ptr(cpu, a[1]), 0, 0, 0));
	switch (op) {
	case PR_GET_DUMPABLE:
	case PR_SET_DUMPABLE:
	case PR_SET_PDEATHSIG:
	case PR_GET_KEEPCAPS:
	case PR_SET_KEEPCAPS:
	case PR_SET_NO_NEW_PRIVS:
	case PR_GET_NO_NEW_PRIVS:
	case PR_SET_CHILD_SUBREAPER:
	case PR_GET_TIMERSLACK:
	case PR_SET_TIMERSLACK:
	case PR_CAPBSET_READ: return host_ret(prctl(op, a[1], a[2], a[3], a[4]));
	}
	return -EINVAL;
}

enum {
	HWPROBE_MVENDORID,
	HWPROBE_MARCHID,
	HWPROBE_MIMPID,
	HWPROBE_BASE_BEHAVIOR,
	HWPROBE_IMA_EXT_0,
	HWPROBE_CPUPERF_0,
};

long sys_riscv_hwprobe(struct rvx_vcpu *cpu, const uint64_t *a)
{
	uint64_t i;
	int64_t *pair;
	if (a[4] != 0)
		return -EINVAL;
	if (a[1] && !space_check(&cpu->m->space, a[0], a[1] * 16, PROT_READ | PROT_WRITE))
		return -EFAULT;
	for (i = 0; i < a[1]; i++) {
		pair = g2h(&cpu->m->space, a[0] + i * 16);
		switch (pair[0]) {
		case HWPROBE_MVENDORID:
		case HWPROBE_MARCHID:
		case HWPROBE_MIMPID: pair[1] = 0; break;
		case HWPROBE_BASE_BEHAVIOR: pair[1] = 1; break;                                  /* IMA */
		case HWPROBE_IMA_EXT_0: pair[1] = 1 | 2 | (1 << 3) | (1 << 4) | (1 << 5); break; /* FD C Zba Zbb Zbs */
		case HWPROBE_CPUPERF_0: pair[1] = 3; break; /* misaligned accesses are fast */
		default: pair[0] = -1; pair[1] = 0;
		}
	}
	return 0;
}
