/* Memory: every mapping goes through the guest address space, which keeps the guest's view. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include "../cluster/cluster.h"
#include "syscall.h"

/* Cached code dies with the mapping that held it: whether [addr, addr+len) holds code now. */
static bool holds_code(struct rvx_vcpu *cpu, uint64_t addr, uint64_t len)
{
	return space_overlaps_prot(&cpu->m->space, addr, len, PROT_EXEC);
}

/* After the change (so that nothing is translated again from what it replaced); code is
 * holds_code's answer from before it. */
static long after_code_change(struct rvx_vcpu *cpu, bool code, long r)
{
	if (code)
		machine_code_changed(cpu->m, 0, UINT64_MAX);
	return r;
}

long sys_brk(struct rvx_vcpu *cpu, const uint64_t *a)
{
	struct rvx_machine *m = cpu->m;
	uint64_t want = a[0], top;
	long r = (long)m->brk_cur;
	/* cluster mode: a mapping change waits until the split pages it reaches are whole again */
	cluster_split_hold(cpu->m, RVX_PAGE_ALIGN(want), UINT64_MAX - RVX_PAGE_ALIGN(want));
	pthread_mutex_lock(&m->lock);
	if (want < m->brk_start || want >= m->space.size)
		goto out;
	top = RVX_PAGE_ALIGN(want);
	if (top > m->brk_mapped) {
		int64_t got = space_map(&m->space, m->brk_mapped, top - m->brk_mapped, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0, "[heap]");
		if (got < 0)
			goto out;
		m->brk_mapped = top;
	} else if (top < m->brk_mapped) {
		bool code = holds_code(cpu, top, m->brk_mapped - top);
		after_code_change(cpu, code, space_unmap(&m->space, top, m->brk_mapped - top));
		m->brk_mapped = top;
	}
	m->brk_cur = want;
	r = (long)want;
out:
	pthread_mutex_unlock(&m->lock);
	cluster_split_release(cpu->m);
	return r;
}

long sys_mmap(struct rvx_vcpu *cpu, const uint64_t *a)
{
	int flags = (int)a[3], fd = (int)a[4];
	char link[64], name[PATH_MAX];
	const char *n = NULL;
	ssize_t len;
	bool code;
	long r;
	if (!(flags & MAP_ANONYMOUS)) {
		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		len = readlink(link, name, sizeof name - 1);
		if (len > 0) {
			name[len] = 0;
			n = name;
		}
	}
	if ((flags & MAP_SHARED) && (a[2] & PROT_WRITE)) /* read-only (gconv's cache): no AMO can write it */
		machine_share_memory(cpu->m);
	if (!(flags & MAP_FIXED))
		return space_map(&cpu->m->space, a[0], a[1], (int)a[2], flags, fd, a[5], n);
	cluster_split_hold(cpu->m, a[0], a[1]);
	code = holds_code(cpu, a[0], a[1]);
	r = after_code_change(cpu, code, space_map(&cpu->m->space, a[0], a[1], (int)a[2], flags, fd, a[5], n));
	cluster_split_release(cpu->m);
	return r;
}

long sys_munmap(struct rvx_vcpu *cpu, const uint64_t *a)
{
	bool code;
	long r;
	cluster_split_hold(cpu->m, a[0], a[1]);
	code = holds_code(cpu, a[0], a[1]);
	r = after_code_change(cpu, code, space_unmap(&cpu->m->space, a[0], a[1]));
	cluster_split_release(cpu->m);
	return r;
}

long sys_mprotect(struct rvx_vcpu *cpu, const uint64_t *a)
{
	bool code;
	long r;
	if ((a[2] & PROT_WRITE) && !__atomic_load_n(&cpu->m->shared_memory, __ATOMIC_RELAXED) &&
	    space_overlaps_flags(&cpu->m->space, a[0], a[1], VMA_SHARED))
		machine_share_memory(cpu->m); /* a shared mapping made writable (the walk once only) */
	cluster_split_hold(cpu->m, a[0], a[1]);
	code = holds_code(cpu, a[0], a[1]);
	r = after_code_change(cpu, code, space_protect(&cpu->m->space, a[0], a[1], (int)a[2]));
	cluster_split_release(cpu->m);
	return r;
}

long sys_mremap(struct rvx_vcpu *cpu, const uint64_t *a)
{
	bool code = holds_code(cpu, a[0], a[1]) || ((a[3] & MREMAP_FIXED) && holds_code(cpu, a[4], a[2]));
	long r;
	cluster_split_hold(cpu->m, a[0], a[1]);
	if (a[3] & MREMAP_FIXED)
		cluster_split_hold(cpu->m, a[4], a[2]);
	r = after_code_change(cpu, code, space_remap(&cpu->m->space, a[0], a[1], a[2], (int)a[3], a[4]));
	if (a[3] & MREMAP_FIXED)
		cluster_split_release(cpu->m);
	cluster_split_release(cpu->m);
	return r;
}

long sys_madvise(struct rvx_vcpu *cpu, const uint64_t *a)
{
	bool code;
	long r;
	if (!space_range_ok(&cpu->m->space, a[0], a[1]))
		return -ENOMEM;
	cluster_split_hold(cpu->m, a[0], a[1]);
	/* a dropped page of code reads back zeros (or a file's bytes), unseen by the watch */
	code = (a[2] == MADV_DONTNEED || a[2] == MADV_FREE || a[2] == MADV_REMOVE) && holds_code(cpu, a[0], a[1]);
	r = after_code_change(cpu, code, space_discard(&cpu->m->space, a[0], a[1], (int)a[2]));
	cluster_split_release(cpu->m);
	return r;
}

long sys_riscv_flush_icache(struct rvx_vcpu *cpu, const uint64_t *a)
{
	machine_code_fenced(cpu->m);
	if (cpu->m->space.on_change) /* every rank of a cluster */
		cpu->m->space.on_change(cpu->m->space.on_change_arg, SPACE_CHANGE_CODE, a[0], a[1] - a[0], 0, 0);
	return 0;
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
			bool code = holds_code(cpu, a[0], m->shm[i].len);
			r = after_code_change(cpu, code, space_unmap(&m->space, a[0], m->shm[i].len));
		}
		m->shm[i] = m->shm[--m->nshm];
		break;
	}
	pthread_mutex_unlock(&m->lock);
	return r;
}
