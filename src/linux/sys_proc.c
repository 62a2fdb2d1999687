/* Processes: exit, clone (fork, or a thread: thread.c), execve, identity and the RISC-V
 * specific calls. */
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../cluster/cluster.h"
#include "../engine/engine.h"
#include "../gdb/gdb.h"
#include "../plugin/plugin.h"
#include "exec.h"
#include "loader.h"
#include "path.h"
#include "random.h"
#include "safe_syscall.h"
#include "signal.h"
#include "syscall.h"
#include "thread.h"

_Noreturn void syscall_exit_process(struct rvx_vcpu *cpu, int status)
{
	if (cpu->vfork_child) /* the parent's threads, tables and stdio are not its own */
		syscall(SYS_exit_group, status);
	if (!cpu->m->cfg.host_process) /* an embedder's: the call that runs the guest returns */
		machine_guest_ended(cpu, RVX_STOP_EXIT, status);
	gdb_process_end(cpu->m, status, 0);
	plugins_atexit(cpu->m);
	thread_release_all_robust(cpu->m);
	if (cpu->m->cluster) /* after the last access to guest memory: its pages stop moving */
		cluster_end(cpu->m, status, 0);
	machine_print_stats(cpu);
	engine_release_code(cpu->m);
	if (cpu->m->log && cpu->m->log != stderr)
		fflush(cpu->m->log);
	syscall(SYS_exit_group, status);
	_exit(status);
}

long sys_exit(struct rvx_vcpu *cpu, const uint64_t *a)
{
	thread_exit(cpu, (int)a[0]);
}

long sys_gettid(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return cpu->tid;
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
	uint64_t child_random;
	long pid;
	/* a host thread still starting may hold allocator locks the child would inherit taken */
	while (__atomic_load_n(&m->starting, __ATOMIC_SEQ_CST))
		sched_yield();
	child_random = random_next(&cpu->random_state); /* the child's stream */
	/* every lock is taken, even with one guest thread: a thread that is ending may hold one */
	engine_prefork(m);
	pthread_mutex_lock(&m->lock);
	pthread_mutex_lock(&m->space.lock);
	/* glibc's fork takes malloc's and stdio's locks across it, so that the child's are free */
	pid = flags == SIGCHLD ? fork() : syscall(SYS_clone, flags, 0, NULL, NULL, 0);
	if (pid < 0)
		pid = -errno;
	pthread_mutex_unlock(&m->space.lock);
	if (m->cluster)
		pid == 0 ? cluster_forget(m) : cluster_thaw(m);
	if (pid == 0)
		gdb_forget(m);
	if (pid == 0) {
		cpu->random_state = child_random;
		m->threads = cpu;
		cpu->next = NULL;
		m->nthreads = 1;
		m->cfg.host_process = 1; /* an embedder's child process: the guest's end is its end */
	}
	pthread_mutex_unlock(&m->lock);
	engine_postfork(m);
	return pid;
}

static long do_clone(struct rvx_vcpu *cpu, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t ctid, uint64_t tls)
{
	const uint64_t own = CLONE_VM | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
			     CLONE_CHILD_CLEARTID | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM;
	long pid;
	if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
		return thread_clone(cpu, flags, newsp, ptid, ctid, tls);
	if ((flags & (CLONE_VM | CLONE_VFORK | CLONE_THREAD | CLONE_SIGHAND)) == (CLONE_VM | CLONE_VFORK))
		return thread_vfork(cpu, flags, newsp, ptid, ctid, tls);
	if (flags & (CLONE_THREAD | CLONE_SIGHAND))
		return -EINVAL;
	if (cpu->m->cluster) /* the child runs at the master alone, with the whole memory */
		cluster_gather(cpu->m);
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
	/* flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
	 * set_tid_size, cgroup: the kernel reads only the fields its flags ask for (glibc 2.41 fills
	 * pidfd on every pthread_create without CLONE_PIDFD) */
	uint64_t args[11] = {0}, flags, extra;
	size_t i, size = a[1];
	long pid;
	int pidfd;
	if (size < 64)
		return -EINVAL;
	if (size > RVX_PAGE_SIZE)
		return -E2BIG;
	if (!guest_read(cpu, a[0], args, size < sizeof args ? size : sizeof args))
		return -EFAULT;
	for (i = sizeof args; i < size; i += 8) { /* a newer struct: its extra fields must be zero */
		if (!guest_read(cpu, a[0] + i, &extra, size - i < 8 ? size - i : 8))
			return -EFAULT;
		if (extra)
			return -E2BIG;
	}
	flags = args[0];
	/* flags above 32 bits (into a cgroup, clear handlers) and set_tid are not supported */
	if ((flags >> 32) || (flags & (CLONE_DETACHED | CSIGNAL)) || (args[4] & ~(uint64_t)CSIGNAL) ||
	    !args[5] != !args[6] || args[9])
		return -EINVAL;
	/* a thread's pidfd needs PIDFD_THREAD (Linux 6.9): refused as older kernels do */
	if ((flags & CLONE_PIDFD) && ((flags & CLONE_THREAD) || ((flags & CLONE_PARENT_SETTID) && args[1] == args[3])))
		return -EINVAL;
	pid =
	    do_clone(cpu, (flags & ~CLONE_PIDFD) | args[4], args[5] ? args[5] + args[6] : 0, args[3], args[2], args[7]);
	if (pid > 0 && (flags & CLONE_PIDFD)) {
		/* the child cannot be reaped before the parent's next syscall: the pid is still its */
		pidfd = (int)syscall(SYS_pidfd_open, (pid_t)pid, 0);
		if (pidfd < 0 || !guest_write(cpu, args[1], &pidfd, sizeof pidfd))
			return pidfd < 0 ? -errno : -EFAULT;
	}
	return pid;
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

/* Runs the program at guest path gpath (the kernel's execve seen from the caller: its errors
 * come back before anything is replaced). A RISC-V program, or a #! script whose interpreter
 * is one, runs under rvx with this machine's options; another machine's program goes to the
 * host kernel. */
static long exec_program(struct rvx_vcpu *cpu, const char *gpath, uint64_t argv_addr, uint64_t envp_addr)
{
	struct rvx_machine *m = cpu->m;
	struct exec_target *t = malloc(sizeof *t);
	char **argv = NULL, **envp = NULL, **gargv = NULL, v_control[8];
	int nopt = 0, i, first, gn = 0;
	long r;

	if (!t)
		return -ENOMEM;
	r = exec_find(m, gpath, t);
	if (r < 0)
		goto out;
	r = -EFAULT;
	envp = guest_strv(cpu, envp_addr, 0);
	gargv = guest_strv(cpu, argv_addr, 0);
	if (!envp || !gargv)
		goto out;
	while (gargv[gn])
		gn++;
	while (t->riscv && m->reexec_argv && m->reexec_argv[nopt])
		nopt++;
	r = -ENOEXEC;
	if (t->riscv && !m->reexec_argv)
		goto out; /* an embedded machine has no command to run another program with */
	r = -ENOMEM;
	argv = calloc((size_t)(nopt + 6 + t->ninserted + gn + 1), sizeof(char *));
	if (!argv)
		goto out;
	for (i = 0; i < nopt; i++)
		argv[i] = m->reexec_argv[i];
	if (t->riscv && (cpu->v_ctrl >> 2)) { /* a next vector state or its inheritance: the new program's */
		snprintf(v_control, sizeof v_control, "%u", cpu->v_ctrl);
		argv[nopt++] = "--v-control";
		argv[nopt++] = v_control;
	}
	/* a RISC-V program: rvx OPTIONS -0 ARGV0 -- PROGRAM ARGS (argv[0] travels apart from the path) */
	first = nopt + (t->riscv ? 3 : 0);
	exec_argv(t, gn ? gargv[0] : (char *)gpath, gn, gargv, argv + first);
	if (t->riscv) {
		argv[nopt] = "-0";
		argv[nopt + 1] = argv[first];
		argv[nopt + 2] = "--";
		argv[first] = t->path;
	}
	if (m->log)
		fflush(m->log);
	if (m->cluster && !cpu->vfork_child) { /* the new program runs at the master alone */
		cluster_gather(m);
		cluster_end(m, 0, 0);
		cluster_forget(m);
	}
	if (!cpu->vfork_child) /* a vfork child's code cache is its parent's */
		engine_release_code(m);
	execve(t->riscv ? m->reexec_argv[0] : t->path, argv, envp);
	r = -errno;
	if (!cpu->vfork_child)
		engine_reclaim_code(cpu);
out:
	free(argv);
	free(gargv);
	free(envp);
	free(t);
	return r;
}

long sys_execve(struct rvx_vcpu *cpu, const uint64_t *a)
{
	const char *gpath = guest_str(cpu, a[0]);
	return gpath ? exec_program(cpu, gpath, a[1], a[2]) : -EFAULT;
}

/* execveat(dirfd, path, argv, envp, flags): fexecve is execveat(fd, "", ..., AT_EMPTY_PATH). */
long sys_execveat(struct rvx_vcpu *cpu, const uint64_t *a)
{
	const char *gpath = guest_str(cpu, a[1]);
	char link[64], host[PATH_MAX];
	int fd = (int)a[0], flags = (int)a[4];
	ssize_t n;
	long r;
	if (!gpath)
		return -EFAULT;
	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	if (gpath[0] == '/' || (fd == AT_FDCWD && gpath[0]))
		return exec_program(cpu, gpath, a[2], a[3]);
	if (!gpath[0] && !(flags & AT_EMPTY_PATH))
		return -ENOENT;
	if (gpath[0]) {
		fd = openat(fd, gpath, O_PATH | O_CLOEXEC | ((flags & AT_SYMLINK_NOFOLLOW) ? O_NOFOLLOW : 0));
		if (fd < 0)
			return -errno;
	}
	/* the file by its host name: the descriptor itself may be close-on-exec */
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, host, sizeof host - 1);
	if (n > 0)
		host[n] = 0;
	if (n <= 0 || host[0] != '/' || access(host, F_OK) != 0) {
		/* unnamed (a memfd) or deleted: the new program opens it through this descriptor */
		if (!gpath[0] && fcntl(fd, F_SETFD, 0) < 0)
			return -errno;
		snprintf(host, sizeof host, "%s", link);
	}
	r = exec_program(cpu, host, a[2], a[3]);
	if (gpath[0])
		close(fd);
	return r;
}

long sys_uname(struct rvx_vcpu *cpu, const uint64_t *a)
{
	struct utsname u;
	if (uname(&u) != 0)
		return -errno;
	strcpy(u.machine, "riscv64");
	if (cpu->m->cfg.uname_release)
		snprintf(u.release, sizeof u.release, "%s", cpu->m->cfg.uname_release);
	return guest_write(cpu, a[0], &u, sizeof u) ? 0 : -EFAULT;
}

/* The host's bytes, or with cfg.seeded the thread's own stream (random.c), through a buffer: the
 * guest's address is not the host's where the space is not at 0 */
long sys_getrandom(struct rvx_vcpu *cpu, const uint64_t *a)
{
	uint8_t buf[256];
	uint64_t done = 0, len = a[1] < 33554431 ? a[1] : 33554431; /* the kernel's most per call */
	if (a[2] & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
	    (a[2] & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	while (done < len) {
		size_t n = len - done < sizeof buf ? (size_t)(len - done) : sizeof buf;
		if (cpu->m->cfg.seeded) {
			random_fill(cpu->m, &cpu->random_state, buf, n);
		} else {
			ssize_t r = getrandom(buf, n, (unsigned)a[2]);
			if (r <= 0)
				return done ? (long)done : r < 0 ? -errno : 0;
			n = (size_t)r;
		}
		if (!guest_write(cpu, a[0] + done, buf, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
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
	if (cpu->m->cluster)
		cluster_robust_changed(cpu);
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
	return futex_call(cpu, a, true);
}

/* wait4 and waitid reap the child before they write what they found: it goes through rvx's
 * memory to the guest's, whose page may have left for another rank while the call waited
 * (cluster mode), where the kernel's own write would fail with the child already reaped. The
 * layouts are the same on both sides (struct rusage, the siginfo fields written). */
long sys_wait4(struct rvx_vcpu *cpu, const uint64_t *a)
{
	int status = 0;
	struct rusage ru;
	long r = SAFE_SYSCALL(cpu, SYS_wait4, (pid_t)a[0], a[1] ? &status : NULL, (int)a[2], a[3] ? &ru : NULL, 0, 0);
	if (r > 0 && ((a[1] && !guest_write(cpu, a[1], &status, sizeof status)) ||
		      (a[3] && !guest_write(cpu, a[3], &ru, sizeof ru))))
		return -EFAULT;
	return r;
}

long sys_waitid(struct rvx_vcpu *cpu, const uint64_t *a)
{
	siginfo_t si = {0};
	struct rusage ru;
	const uint8_t *bytes = (const uint8_t *)&si;
	long r = SAFE_SYSCALL(cpu, SYS_waitid, (int)a[0], (pid_t)a[1], &si, (int)a[3], a[4] ? &ru : NULL, 0);
	if (r == -SAFE_SYSCALL_NOT_STARTED)
		return r;
	/* rusage where a child was found; signo, errno and code, then pid, uid and status, whatever
	 * the result (as the kernel writes them) */
	if (r == 0 && si.si_pid && a[4] && !guest_write(cpu, a[4], &ru, sizeof ru))
		return -EFAULT;
	if (a[2] && (!guest_write(cpu, a[2], bytes, 12) || !guest_write(cpu, a[2] + 16, bytes + 16, 12)))
		return -EFAULT;
	return r;
}

long sys_prctl(struct rvx_vcpu *cpu, const uint64_t *a)
{
	int op = (int)a[0];
	if (op == PR_SET_NAME || op == PR_GET_NAME)
		return host_ret(prctl(op, guest_ptr(cpu, a[1]), 0, 0, 0));
	switch (op) {
	case 70: /* PR_RISCV_V_GET_CONTROL */ return cpu->v_ctrl;
	case 69: { /* PR_RISCV_V_SET_CONTROL, as Linux: V cannot be turned off once on */
		unsigned cur = a[1] & 3, next = (a[1] >> 2) & 3;
		if (a[1] & ~0x1full || cur == 3 || next == 3)
			return -EINVAL;
		if (cur == V_CTRL_OFF && (cpu->v_ctrl & 3) != V_CTRL_OFF)
			return -EPERM;
		if (cur == V_CTRL_DEFAULT)
			cur = cpu->v_ctrl & 3;
		cpu->v_ctrl = (uint8_t)(cur | next << 2 | (a[1] & V_CTRL_INHERIT));
		return 0;
	}
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

/* riscv_hwprobe keys (Linux's asm/hwprobe.h) and what this rvx executes, exactly: a program
 * that dispatches on them (glibc's ifuncs, OpenSSL) picks code rvx runs. */
enum {
	HWPROBE_MVENDORID,
	HWPROBE_MARCHID,
	HWPROBE_MIMPID,
	HWPROBE_BASE_BEHAVIOR,
	HWPROBE_IMA_EXT_0,
	HWPROBE_CPUPERF_0,
	HWPROBE_ZICBOZ_BLOCK_SIZE,
	HWPROBE_HIGHEST_VIRT_ADDRESS,
	HWPROBE_TIME_CSR_FREQ,
	HWPROBE_MISALIGNED_SCALAR_PERF,
	HWPROBE_MISALIGNED_VECTOR_PERF,
};
#define HWPROBE_BIT(n) (1ull << (n))
#define HWPROBE_EXTENSIONS                                                                                             \
	(HWPROBE_BIT(0) /* F and D */ | HWPROBE_BIT(1) /* C */ | HWPROBE_BIT(2) /* V */ | HWPROBE_BIT(3) /* Zba */ |   \
	 HWPROBE_BIT(4) /* Zbb */ | HWPROBE_BIT(17) /* Zvbb */ | HWPROBE_BIT(19) /* Zvkb */ |                          \
	 HWPROBE_BIT(16) /* Zkt */ | HWPROBE_BIT(26) /* Zvkt */ | HWPROBE_BIT(28) /* Zfhmin */ |                       \
	 HWPROBE_BIT(31) /* Zvfhmin */ | HWPROBE_BIT(32) /* Zfa */ | HWPROBE_BIT(5) /* Zbs */ |                        \
	 HWPROBE_BIT(6) /* Zicboz */ | HWPROBE_BIT(7) /* Zbc */ | HWPROBE_BIT(8) /* Zbkb */ |                          \
	 HWPROBE_BIT(10) /* Zbkx */ | HWPROBE_BIT(29) /* Zihintntl */ | HWPROBE_BIT(35) /* Zicond */ |                 \
	 HWPROBE_BIT(36) /* Zihintpause */ | HWPROBE_BIT(42) /* Zimop */ | HWPROBE_BIT(43) /* Zca */ |                 \
	 HWPROBE_BIT(44) /* Zcb */ | HWPROBE_BIT(45) /* Zcd */ | HWPROBE_BIT(47) /* Zcmop */ |                         \
	 HWPROBE_BIT(48) /* Zawrs */ | HWPROBE_BIT(50) /* Zicntr */)
#define HWPROBE_MISALIGNED_FAST 3
#define TIME_CSR_HZ             10000000 /* csr.c's timebase */

long sys_riscv_hwprobe(struct rvx_vcpu *cpu, const uint64_t *a)
{
	uint64_t i;
	int64_t *pair;
	if (a[4] != 0)
		return -EINVAL; /* RISCV_HWPROBE_WHICH_CPUS not supported, as before Linux 6.8 */
	if (a[1] && !space_check(&cpu->m->space, a[0], a[1] * 16, PROT_READ | PROT_WRITE))
		return -EFAULT;
	for (i = 0; i < a[1]; i++) {
		pair = g2h(&cpu->m->space, a[0] + i * 16);
		switch (pair[0]) {
		case HWPROBE_MVENDORID:
		case HWPROBE_MARCHID:
		case HWPROBE_MIMPID: pair[1] = 0; break;
		case HWPROBE_ZICBOZ_BLOCK_SIZE: pair[1] = RV_CBO_BLOCK; break;
		case HWPROBE_BASE_BEHAVIOR: pair[1] = 1; break; /* IMA */
		case HWPROBE_IMA_EXT_0: pair[1] = (int64_t)HWPROBE_EXTENSIONS; break;
		case HWPROBE_CPUPERF_0:
		case HWPROBE_MISALIGNED_SCALAR_PERF:
		case HWPROBE_MISALIGNED_VECTOR_PERF: pair[1] = HWPROBE_MISALIGNED_FAST; break;
		case HWPROBE_HIGHEST_VIRT_ADDRESS: pair[1] = (int64_t)(cpu->m->space.size - 1); break;
		case HWPROBE_TIME_CSR_FREQ: pair[1] = TIME_CSR_HZ; break;
		default: pair[0] = -1; pair[1] = 0;
		}
	}
	return 0;
}
