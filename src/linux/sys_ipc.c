/* System V IPC where the guest's view differs from the host's: semctl's semid_ds (x86-64 keeps
 * a padding word after each time) and shared memory, attached inside the guest space. Messages,
 * semaphore operations and message queues pass straight to the host (syscall.c's table). */
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../cluster/cluster.h"
#include "syscall.h"

#define IPC_64_FLAG 0x100 /* the kernel's IPC_64, which 64-bit hosts do not take */

/* struct ipc64_perm: the same on both (asm-generic's) */
struct ipc_perm64 {
	int32_t key;
	uint32_t uid, gid, cuid, cgid, mode;
	uint16_t seq, pad;
	uint64_t unused[2];
};

/* asm-generic's semid64_ds, RISC-V's */
struct rv_semid_ds {
	struct ipc_perm64 perm;
	int64_t otime, ctime;
	uint64_t nsems, unused[2];
};

/* x86-64's */
struct host_semid_ds {
	struct ipc_perm64 perm;
	int64_t otime;
	uint64_t unused1;
	int64_t ctime;
	uint64_t unused2, nsems, unused[2];
};

long sys_semctl(struct rvx_vcpu *cpu, const uint64_t *a)
{
	int cmd = (int)a[2] & ~IPC_64_FLAG;
	struct rv_semid_ds g;
	struct host_semid_ds h;
	long r;
	switch (cmd) {
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		memset(&h, 0, sizeof h);
		r = host_ret(syscall(SYS_semctl, (int)a[0], (int)a[1], cmd, &h));
		if (r < 0)
			return r;
		memset(&g, 0, sizeof g);
		g.perm = h.perm;
		g.otime = h.otime;
		g.ctime = h.ctime;
		g.nsems = h.nsems;
		return guest_write(cpu, a[3], &g, sizeof g) ? r : -EFAULT;
	case IPC_SET:
		if (!guest_read(cpu, a[3], &g, sizeof g))
			return -EFAULT;
		memset(&h, 0, sizeof h);
		h.perm = g.perm;
		h.otime = g.otime;
		h.ctime = g.ctime;
		h.nsems = g.nsems;
		return host_ret(syscall(SYS_semctl, (int)a[0], (int)a[1], cmd, &h));
	case GETALL:
	case SETALL:
	case IPC_INFO:
	case SEM_INFO: /* an array of unsigned short, struct seminfo: the same on both */
		return host_ret(syscall(SYS_semctl, (int)a[0], (int)a[1], cmd, guest_ptr(cpu, a[3])));
	default: /* GETVAL, SETVAL, GETPID, GETNCNT, GETZCNT, IPC_RMID: a value or nothing */
		return host_ret(syscall(SYS_semctl, (int)a[0], (int)a[1], cmd, a[3]));
	}
}

/* shmat(id, addr, flags): a shared placeholder mapped where the guest's mmap would put it (or at
 * addr), then the segment attached over it on the host, so that the guest space knows the range. */
long sys_shmat(struct rvx_vcpu *cpu, const uint64_t *a)
{
	struct rvx_machine *m = cpu->m;
	int id = (int)a[0], flags = (int)a[2], prot = PROT_READ;
	uint64_t addr = a[1], len;
	struct shmid_ds ds;
	struct shm_attach *more;
	int64_t at;
	if (m->cluster) /* another process's writes would reach one rank's copy only */
		return -ENOSYS;
	if (shmctl(id, IPC_STAT, &ds) != 0)
		return -errno;
	len = RVX_PAGE_ALIGN((uint64_t)ds.shm_segsz);
	if (flags & SHM_RND)
		addr &= ~(uint64_t)(RVX_PAGE_SIZE - 1); /* SHMLBA is a page on RISC-V */
	if (addr & (RVX_PAGE_SIZE - 1))
		return -EINVAL;
	if (!(flags & SHM_RDONLY))
		prot |= PROT_WRITE;
	if (flags & SHM_EXEC)
		prot |= PROT_EXEC;
	pthread_mutex_lock(&m->lock);
	more = realloc(m->shm, (size_t)(m->nshm + 1) * sizeof *m->shm);
	if (!more) {
		pthread_mutex_unlock(&m->lock);
		return -ENOMEM;
	}
	m->shm = more;
	at =
	    space_map(&m->space, addr, len, prot,
		      MAP_SHARED | MAP_ANONYMOUS | (addr ? ((flags & SHM_REMAP) ? MAP_FIXED : MAP_FIXED_NOREPLACE) : 0),
		      -1, 0, "SYSV");
	if (at < 0) {
		pthread_mutex_unlock(&m->lock);
		return at == -EEXIST ? -EINVAL : at;
	}
	if (shmat(id, g2h(&m->space, (uint64_t)at), (flags & (SHM_RDONLY | SHM_EXEC)) | SHM_REMAP) == (void *)-1) {
		long e = -errno;
		space_unmap(&m->space, (uint64_t)at, len);
		pthread_mutex_unlock(&m->lock);
		return e;
	}
	for (int i = 0; i < m->nshm; i++) /* attachments the guest unmapped itself, replaced */
		if (m->shm[i].addr - (uint64_t)at < len)
			m->shm[i--] = m->shm[--m->nshm];
	m->shm[m->nshm++] = (struct shm_attach){(uint64_t)at, len};
	pthread_mutex_unlock(&m->lock);
	if (prot & PROT_WRITE) /* another process writes it too: translated AMOs lock */
		machine_share_memory(m);
	return at;
}

/* shmdt(addr): the attachment that starts there, unmapped from the guest space (which detaches
 * it on the host); EINVAL where there is none, or it is gone (munmap). */
long sys_shmdt(struct rvx_vcpu *cpu, const uint64_t *a)
{
	struct rvx_machine *m = cpu->m;
	struct rvx_vma v;
	long r = -EINVAL;
	pthread_mutex_lock(&m->lock);
	for (int i = 0; i < m->nshm; i++) {
		if (m->shm[i].addr != a[0])
			continue;
		if (space_query(&m->space, a[0], &v) && v.start == a[0] && (v.flags & VMA_SHARED)) {
			bool code = space_overlaps_prot(&m->space, a[0], m->shm[i].len, PROT_EXEC);
			r = space_unmap(&m->space, a[0], m->shm[i].len);
			if (code && r == 0)
				machine_code_changed(m, 0, UINT64_MAX);
		}
		m->shm[i] = m->shm[--m->nshm];
		break;
	}
	pthread_mutex_unlock(&m->lock);
	return r;
}
