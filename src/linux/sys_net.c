/* Sockets: sendmsg/recvmsg and sendmmsg/recvmmsg carry guest pointers inside struct msghdr. */
#include <limits.h>
#include <stdlib.h>
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

struct rv_mmsghdr {
	struct rv_msghdr hdr;
	uint32_t len, pad;
};

/* The guest's msghdr g as a host one whose iovecs go in iov (g.iovlen of them, checked). */
static long msghdr_from(struct rvx_vcpu *cpu, const struct rv_msghdr *g, struct msghdr *h, struct iovec *iov,
			bool receive)
{
	const uint64_t *gi;
	if (g->iovlen > IOV_MAX)
		return -EMSGSIZE;
	if (!space_check(&cpu->m->space, g->iov, g->iovlen * 16, PROT_READ))
		return -EFAULT;
	gi = g2h(&cpu->m->space, g->iov);
	for (uint64_t i = 0; i < g->iovlen; i++) {
		iov[i].iov_base = guest_ptr(cpu, gi[2 * i]);
		iov[i].iov_len = gi[2 * i + 1];
		if (receive)
			guest_will_write(cpu, gi[2 * i], gi[2 * i + 1]);
	}
	memset(h, 0, sizeof *h);
	h->msg_name = guest_ptr(cpu, g->name);
	h->msg_namelen = g->namelen;
	h->msg_iov = iov;
	h->msg_iovlen = g->iovlen;
	h->msg_control = guest_ptr(cpu, g->control);
	h->msg_controllen = g->controllen;
	h->msg_flags = g->flags;
	return 0;
}

/* What a receive wrote into the host msghdr, back into the guest's g. */
static void msghdr_back(struct rv_msghdr *g, const struct msghdr *h)
{
	g->namelen = h->msg_namelen;
	g->controllen = h->msg_controllen;
	g->flags = h->msg_flags;
}

static long msg_io(struct rvx_vcpu *cpu, const uint64_t *a, bool receive)
{
	struct rv_msghdr g;
	struct msghdr h;
	struct iovec iov[IOV_MAX];
	long r;
	if (!guest_read(cpu, a[1], &g, sizeof g))
		return -EFAULT;
	if ((r = msghdr_from(cpu, &g, &h, iov, receive)) < 0)
		return r;
	if (!receive)
		return SAFE_SYSCALL(cpu, SYS_sendmsg, (int)a[0], &h, (int)a[2], 0, 0, 0);
	r = SAFE_SYSCALL(cpu, SYS_recvmsg, (int)a[0], &h, (int)a[2], 0, 0, 0);
	if (r >= 0) {
		msghdr_back(&g, &h);
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

/* sendmmsg(fd, vec, vlen, flags), recvmmsg(fd, vec, vlen, flags, timeout): every header
 * converted, one host call, each message's length (and a receive's header) written back. */
static long mmsg_io(struct rvx_vcpu *cpu, const uint64_t *a, bool receive)
{
	unsigned n = a[2] > UIO_MAXIOV ? UIO_MAXIOV : (unsigned)a[2];
	struct rv_mmsghdr *g, *gh; /* the guest's array; a copy of its headers, which other threads cannot change */
	struct mmsghdr *h;
	struct iovec *iov;
	uint64_t total = 0;
	long r = 0;
	if (!n)
		return SAFE_SYSCALL(cpu, receive ? SYS_recvmmsg : SYS_sendmmsg, (int)a[0], NULL, 0, (int)a[3],
				    receive ? guest_ptr(cpu, a[4]) : NULL, 0);
	if (!space_check(&cpu->m->space, a[1], (uint64_t)n * sizeof *g, PROT_READ | PROT_WRITE))
		return -EFAULT;
	g = g2h(&cpu->m->space, a[1]);
	gh = malloc(n * sizeof *gh);
	if (!gh)
		return -ENOMEM;
	memcpy(gh, g, n * sizeof *gh);
	for (unsigned i = 0; i < n; i++)
		total += gh[i].hdr.iovlen > IOV_MAX ? 0 : gh[i].hdr.iovlen;
	h = calloc(n, sizeof *h);
	iov = malloc((total ? total : 1) * sizeof *iov);
	if (!h || !iov) {
		free(gh);
		free(h);
		free(iov);
		return -ENOMEM;
	}
	total = 0;
	for (unsigned i = 0; i < n; i++) {
		if ((r = msghdr_from(cpu, &gh[i].hdr, &h[i].msg_hdr, iov + total, receive)) < 0) {
			n = i; /* as the kernel: the messages before the bad one go, and their count is the result */
			break;
		}
		total += gh[i].hdr.iovlen;
	}
	if (n)
		r = receive ? SAFE_SYSCALL(cpu, SYS_recvmmsg, (int)a[0], h, n, (int)a[3], guest_ptr(cpu, a[4]), 0)
			    : SAFE_SYSCALL(cpu, SYS_sendmmsg, (int)a[0], h, n, (int)a[3], 0, 0);
	for (long i = 0; i < r; i++) {
		g[i].len = h[i].msg_len;
		if (receive)
			msghdr_back(&g[i].hdr, &h[i].msg_hdr);
	}
	free(gh);
	free(h);
	free(iov);
	return r;
}

long sys_sendmmsg(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return mmsg_io(cpu, a, false);
}

long sys_recvmmsg(struct rvx_vcpu *cpu, const uint64_t *a)
{
	return mmsg_io(cpu, a, true);
}
