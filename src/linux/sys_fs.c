/* Files: the calls whose structures differ between RISC-V 64 and x86-64, hold guest
 * pointers, or name the guest itself (/proc/self/exe, maps, auxv, cmdline) or its CPU
 * (/proc/cpuinfo). */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "path.h"
#include "safe_syscall.h"
#include "syscall.h"

enum { FILE_NONE = -1, FILE_MAPS, FILE_AUXV, FILE_CPUINFO, FILE_CMDLINE };

/* The /proc file rvx writes itself for this path, or FILE_NONE */
static int generated_file(const char *path)
{
	if (strncmp(path, "/proc/", 6) != 0)
		return FILE_NONE;
	if (!strcmp(path, "/proc/cpuinfo"))
		return FILE_CPUINFO;
	return path_is_proc_self(path, "maps")      ? FILE_MAPS
	       : path_is_proc_self(path, "auxv")    ? FILE_AUXV
	       : path_is_proc_self(path, "cmdline") ? FILE_CMDLINE
						    : FILE_NONE;
}

/* /proc/cpuinfo as Linux shows it on RISC-V: a hart per host CPU, with the ISA rvx runs (the
 * host's x86 one would mislead programs that read the isa line) */
static int write_cpuinfo(int fd)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	for (long i = 0; i < (n > 0 ? n : 1); i++)
		if (dprintf(fd,
			    "processor\t: %ld\nhart\t\t: %ld\nisa\t\t: %s\nmmu\t\t: sv39\nmvendorid\t: 0x0\n"
			    "marchid\t\t: 0x0\nmimpid\t\t: 0x0\nhart isa\t: %s\n\n",
			    i, i, rvx_isa_string(), rvx_isa_string()) < 0)
			return -EIO;
	return 0;
}

/* n bytes of guest memory at addr, as they are now, written to fd */
static int write_guest_bytes(struct rvx_vcpu *cpu, int fd, uint64_t addr, uint64_t n)
{
	struct rvx_space *s = &cpu->m->space;
	if (n && (!space_check(s, addr, n, PROT_READ) || write(fd, g2h(s, addr), n) != (ssize_t)n))
		return -EIO;
	return 0;
}

static long open_memfd_with(struct rvx_vcpu *cpu, const char *name, int kind)
{
	int fd = memfd_create(name, MFD_CLOEXEC), r = 0;
	if (fd < 0)
		return -errno;
	if (kind == FILE_MAPS)
		r = space_write_maps(&cpu->m->space, fd);
	else if (kind == FILE_CPUINFO)
		r = write_cpuinfo(fd);
	else if (kind == FILE_CMDLINE) /* the strings as they are now (setproctitle rewrites them) */
		r = write_guest_bytes(cpu, fd, cpu->m->arg_start, cpu->m->arg_end - cpu->m->arg_start);
	else
		r = write_guest_bytes(cpu, fd, cpu->m->auxv_addr, cpu->m->auxv_len);
	if (r < 0) {
		close(fd);
		return r;
	}
	lseek(fd, 0, SEEK_SET);
	return fd;
}

long sys_openat(struct rvx_vcpu *cpu, const uint64_t *a)
{
	const char *path = guest_str(cpu, a[1]);
	char buf[PATH_MAX];
	int flags = (int)a[2];
	bool follow;
	long fd;
	int kind;
	if (!path)
		return -EFAULT;
	if (path_is_proc_self(path, "exe"))
		return host_ret(openat(AT_FDCWD, cpu->m->exe_path, flags, (mode_t)a[3]));
	if ((kind = generated_file(path)) != FILE_NONE) {
		fd = open_memfd_with(cpu, path, kind);
		if (fd >= 0 && !(flags & O_CLOEXEC))
			fcntl((int)fd, F_SETFD, 0);
		return fd;
	}
	if ((flags & O_ACCMODE) != O_RDONLY && path_is_proc_self(path, "mem")) /* fence.i checks all code */
		__atomic_store_n(&cpu->m->mem_file_written, true, __ATOMIC_SEQ_CST);
	/* O_CREAT|O_EXCL, like O_NOFOLLOW, does not follow a final symlink */
	follow = !(flags & O_NOFOLLOW) && (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL);
	return host_ret(syscall(SYS_openat, (int)a[0], path_resolve_how(cpu->m, path, follow, buf, sizeof buf), flags,
				(mode_t)a[3]));
}

long sys_getcwd(struct rvx_vcpu *cpu, const uint64_t *a)
{
	char buf[PATH_MAX];
	const char *name;
	size_t n;
	if (!getcwd(buf, sizeof buf))
		return -errno;
	name = path_guest_name(cpu->m, buf);
	n = strlen(name) + 1;
	if (n > a[1])
		return -ERANGE;
	return guest_write(cpu, a[0], name, n) ? (long)n : -EFAULT;
}

long sys_readlinkat(struct rvx_vcpu *cpu, const uint64_t *a)
{
	const char *path = guest_str(cpu, a[1]);
	char buf[PATH_MAX];
	if (!path)
		return -EFAULT;
	if (path_is_proc_self(path, "exe")) {
		const char *name = path_guest_name(cpu->m, cpu->m->exe_path);
		size_t n = strlen(name);
		if (n > a[3])
			n = a[3];
		return guest_write(cpu, a[2], name, n) ? (long)n : -EFAULT;
	}
	return host_ret(syscall(SYS_readlinkat, (int)a[0], path_resolve_how(cpu->m, path, false, buf, sizeof buf),
				guest_ptr(cpu, a[2]), a[3]));
}

/* struct stat as RISC-V 64 (asm-generic) lays it out. */
struct rv_stat {
	uint64_t dev, ino;
	uint32_t mode, nlink, uid, gid;
	uint64_t rdev, pad1;
	int64_t size;
	int32_t blksize, pad2;
	int64_t blocks;
	int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	uint32_t unused[2];
};

static long put_stat(struct rvx_vcpu *cpu, uint64_t addr, const struct stat *st)
{
	struct rv_stat r;
	memset(&r, 0, sizeof r);
	r.dev = st->st_dev;
	r.ino = st->st_ino;
	r.mode = st->st_mode;
	r.nlink = (uint32_t)st->st_nlink;
	r.uid = st->st_uid;
	r.gid = st->st_gid;
	r.rdev = st->st_rdev;
	r.size = st->st_size;
	r.blksize = (int32_t)st->st_blksize;
	r.blocks = st->st_blocks;
	r.atime = st->st_atim.tv_sec;
	r.atime_ns = st->st_atim.tv_nsec;
	r.mtime = st->st_mtim.tv_sec;
	r.mtime_ns = st->st_mtim.tv_nsec;
	r.ctime = st->st_ctim.tv_sec;
	r.ctime_ns = st->st_ctim.tv_nsec;
	return guest_write(cpu, addr, &r, sizeof r) ? 0 : -EFAULT;
}

long sys_fstat(struct rvx_vcpu *cpu, const uint64_t *a)
{
	struct stat st;
	if (fstat((int)a[0], &st) != 0)
		return -errno;
	return put_stat(cpu, a[1], &st);
}

long sys_newfstatat(struct rvx_vcpu *cpu, const uint64_t *a)
{
	const char *path = guest_str(cpu, a[1]);
	char buf[PATH_MAX];
	struct stat st;
	if (!path)
		return -EFAULT;
	if (path_is_proc_self(path, "exe"))
		path = cpu->m->exe_path;
	if (fstatat((int)a[0], path_resolve_how(cpu->m, path, !(a[3] & AT_SYMLINK_NOFOLLOW), buf, sizeof buf), &st,
		    (int)a[3]) != 0)
		return -errno;
	return put_stat(cpu, a[2], &st);
}

/* The guest's iovec array with its buffers as host pointers. */
static long get_iovec(struct rvx_vcpu *cpu, uint64_t addr, uint64_t count, struct iovec *out)
{
	const uint64_t *g;
	uint64_t i;
	if (count > IOV_MAX)
		return -EINVAL;
	if (!space_check(&cpu->m->space, addr, count * 16, PROT_READ))
		return -EFAULT;
	g = g2h(&cpu->m->space, addr);
	for (i = 0; i < count; i++) {
		out[i].iov_base = guest_ptr(cpu, g[2 * i]);
		out[i].iov_len = g[2 * i + 1];
		guest_will_write(cpu, g[2 * i], g[2 * i + 1]);
	}
	return 0;
}

static long vector_io(struct rvx_vcpu *cpu, const uint64_t *a, long nr, int positioned)
{
	struct iovec iov[IOV_MAX];
	long r = get_iovec(cpu, a[1], a[2], iov);
	if (r < 0)
		return r;
	if (positioned) /* the offset's two halves (the high one 0 on 64 bits), preadv2's flags */
		return SAFE_SYSCALL(cpu, nr, (int)a[0], iov, (int)a[2], a[3], a[4], positioned > 1 ? a[5] : 0);
	return SAFE_SYSCALL(cpu, nr, (int)a[0], iov, (int)a[2], 0, 0, 0);
}

long sys_readv(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return vector_io(cpu, a, SYS_readv, 0);
}

long sys_writev(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return vector_io(cpu, a, SYS_writev, 0);
}

long sys_preadv(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return vector_io(cpu, a, SYS_preadv, 1);
}

long sys_pwritev(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return vector_io(cpu, a, SYS_pwritev, 1);
}

long sys_preadv2(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return vector_io(cpu, a, SYS_preadv2, 2);
}

long sys_pwritev2(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return vector_io(cpu, a, SYS_pwritev2, 2);
}

static bool ioctl_takes_pointer(unsigned long cmd)
{
	switch (cmd) {
	case TCGETS:
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
	case TIOCGPGRP:
	case TIOCSPGRP:
	case TIOCGWINSZ:
	case TIOCSWINSZ:
	case FIONREAD:
	case FIONBIO:
	case TIOCOUTQ:
	case TIOCGSID: return true;
	}
	return _IOC_SIZE(cmd) != 0;
}

long sys_ioctl(struct rvx_vcpu *cpu, const uint64_t *a)
{
	unsigned long cmd = (unsigned int)a[1];
	if (ioctl_takes_pointer(cmd))
		return host_ret(ioctl((int)a[0], cmd, guest_ptr(cpu, a[2])));
	return host_ret(ioctl((int)a[0], cmd, a[2]));
}

/* The emulator's own descriptor, its log (kept high and close-on-exec by rvx, so that a guest
 * that closes stderr at exit, as programs built on gnulib do, silences neither plugins nor -d):
 * none of the guest's, which can neither use nor close it. */
static int own_fd(const struct rvx_vcpu *cpu)
{
	int fd = cpu->m->log ? fileno(cpu->m->log) : -1;
	return fd > 2 ? fd : -1;
}

static bool private_fd(const struct rvx_vcpu *cpu, uint64_t fd)
{
	int own = own_fd(cpu);
	return own >= 0 && fd == (uint64_t)own;
}

long sys_close(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return private_fd(cpu, a[0]) ? -EBADF : SAFE_SYSCALL(cpu, SYS_close, a[0], 0, 0, 0, 0, 0);
}

long sys_dup(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return private_fd(cpu, a[0]) ? -EBADF : SAFE_SYSCALL(cpu, SYS_dup, a[0], 0, 0, 0, 0, 0);
}

long sys_dup3(struct rvx_vcpu *cpu, const uint64_t *a)
{
	if (private_fd(cpu, a[0]) || private_fd(cpu, a[1]))
		return -EBADF; /* as for a descriptor past the guest's limit */
	return SAFE_SYSCALL(cpu, SYS_dup3, a[0], a[1], a[2], 0, 0, 0);
}

/* close_range over the guest's descriptors: around the private one where the range holds it */
long sys_close_range(struct rvx_vcpu *cpu, const uint64_t *a)
{
	uint32_t first = (uint32_t)a[0], last = (uint32_t)a[1];
	int fd = own_fd(cpu);
	uint32_t own = (uint32_t)fd;
	long r = 0;
	if (fd < 0 || own < first || own > last)
		return SAFE_SYSCALL(cpu, SYS_close_range, first, last, a[2], 0, 0, 0);
	if (own > first)
		r = SAFE_SYSCALL(cpu, SYS_close_range, first, own - 1, a[2], 0, 0, 0);
	if (r == 0 && own < last)
		r = SAFE_SYSCALL(cpu, SYS_close_range, own + 1, last, a[2], 0, 0, 0);
	return r;
}

long sys_fcntl(struct rvx_vcpu *cpu, const uint64_t *a)
{
	int cmd = (int)a[1];
	if (private_fd(cpu, a[0]))
		return -EBADF;
	switch (cmd) {
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
	case F_GETOWN_EX:
	case F_SETOWN_EX: return host_ret(fcntl((int)a[0], cmd, guest_ptr(cpu, a[2])));
	}
	return host_ret(fcntl((int)a[0], cmd, a[2]));
}

/* RISC-V's epoll_event is 16 bytes (data 8-aligned); x86-64's is packed into 12. */
struct rv_epoll_event {
	uint32_t events, pad;
	uint64_t data;
};

long sys_epoll_ctl(struct rvx_vcpu *cpu, const uint64_t *a)
{
	struct epoll_event ev, *pev = NULL;
	if (a[3]) {
		struct rv_epoll_event g;
		if (!guest_read(cpu, a[3], &g, sizeof g))
			return -EFAULT;
		ev.events = g.events;
		ev.data.u64 = g.data;
		pev = &ev;
	}
	return host_ret(epoll_ctl((int)a[0], (int)a[1], (int)a[2], pev));
}

/* epoll_pwait and epoll_pwait2 (whose timeout is a struct timespec): the events come back
 * packed on x86-64, padded on RISC-V. */
static long epoll_wait_events(struct rvx_vcpu *cpu, const uint64_t *a, bool timespec)
{
	int max = (int)a[2], i;
	struct epoll_event *evs;
	long r;
	if (max <= 0 || max > 65536)
		return -EINVAL;
	if (!space_check(&cpu->m->space, a[1], (uint64_t)max * sizeof(struct rv_epoll_event), PROT_WRITE))
		return -EFAULT;
	evs = malloc((size_t)max * sizeof *evs);
	if (!evs)
		return -ENOMEM;
	r = timespec ? SAFE_SYSCALL(cpu, SYS_epoll_pwait2, (int)a[0], evs, max, guest_ptr(cpu, a[3]),
				    guest_ptr(cpu, a[4]), a[5])
		     : SAFE_SYSCALL(cpu, SYS_epoll_pwait, (int)a[0], evs, max, (int)a[3], guest_ptr(cpu, a[4]), a[5]);
	for (i = 0; i < r; i++) {
		struct rv_epoll_event g = {evs[i].events, 0, evs[i].data.u64};
		memcpy(g2h(&cpu->m->space, a[1] + (uint64_t)i * sizeof g), &g, sizeof g);
	}
	free(evs);
	return r;
}

long sys_epoll_pwait(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return epoll_wait_events(cpu, a, false);
}

long sys_epoll_pwait2(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return epoll_wait_events(cpu, a, true);
}

long sys_pselect6(struct rvx_vcpu *cpu, const uint64_t *a)
{
	uint64_t sig[2] = {0, 0};
	void *psig = NULL;
	if (a[5]) {
		if (!guest_read(cpu, a[5], sig, sizeof sig))
			return -EFAULT;
		sig[0] = (uint64_t)(uintptr_t)guest_ptr(cpu, sig[0]);
		psig = sig;
	}
	return SAFE_SYSCALL(cpu, SYS_pselect6, (int)a[0], guest_ptr(cpu, a[1]), guest_ptr(cpu, a[2]),
			    guest_ptr(cpu, a[3]), guest_ptr(cpu, a[4]), psig);
}
