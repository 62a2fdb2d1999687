/* Sockets: sendmsg/recvmsg carry guest pointers inside struct msghdr. */
#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <sys/syscall.h>

#include "safe_syscall.h"
#include "syscall.h"

struct rv_msghdr {
	uint64_t name;
	uint32_t namelen, pad;
	uint64_t iov, iovlen, control, controllen;
	int32_t flags, pad2;
};

static long msg_io(struct rvx_vcpu *cpu, const uint64_t *a, bool receive)
{
	struct rv_msghdr g;
	struct msghdr h;
	struct iovec iov[IOV_MAX];
	const uint64_t *gi;
	uint64_t i;
	long r;
	if (!guest_read(cpu, a[1], &g, sizeof g))
		return -EFAULT;
	if (g.iovlen > IOV_MAX)
		return -EMSGSIZE;
	if (!space_check(&cpu->m->space, g.iov, g.iovlen * 16, PROT_READ))
		return -EFAULT;
	gi = g2h(&cpu->m->space, g.iov);
	for (i = 0; i < g.iovlen; i++) {
		iov[i].iov_base = guest_ptr(cpu, gi[2 * i]);
		iov[i].iov_len = gi[2 * i + 1];
		if (receive)
			guest_will_write(cpu, gi[2 * i], gi[2 * i + 1]);
	}
	memset(&h, 0, sizeof h);
	h.msg_name = guest_ptr(cpu, g.name);
	h.msg_namelen = g.namelen;
	h.msg_iov = iov;
	h.msg_iovlen = g.iovlen;
	h.msg_control = guest_ptr(cpu, g.control);
	h.msg_controllen = g.controllen;
	h.msg_flags = g.flags;
	if (!receive)
		return SAFE_SYSCALL(cpu, SYS_sendmsg, (int)a[0], &h, (int)a[2], 0, 0, 0);
	r = SAFE_SYSCALL(cpu, SYS_recvmsg, (int)a[0], &h, (int)a[2], 0, 0, 0);
	if (r >= 0) {
		g.namelen = h.msg_namelen;
		g.controllen = h.msg_controllen;
		g.flags = h.msg_flags;
		memcpy(g2h(&cpu->m->space, a[1]), &g, sizeof g);
	}
	return r;
}

long sys_sendmsg(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return msg_io(cpu, a, false);
}

long sys_recvmsg(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return msg_io(cpu, a, true);
}
