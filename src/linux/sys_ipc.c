/* System V IPC where the guest's view differs from the host's: semctl's semid_ds (x86-64 keeps
 * a padding word after each time). Messages, semaphore operations and message queues pass
 * straight to the host (syscall.c's table); shared memory is attached in sys_mm.c. */
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <unistd.h>

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
