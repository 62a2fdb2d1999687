// epoll_pwait2, whose timeout is a struct timespec (glibc 2.35 on): its events as epoll_pwait's
// (packed on x86-64, padded on RISC-V), its timeout kept, its errors.
// no-qemu: neither QEMU 7.2 nor QEMU 10 has epoll_pwait2 (ENOSYS); the kernel's behaviour is
// asserted here (the same source passes built for x86-64)
#define _GNU_SOURCE
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(void)
{
	int ep = epoll_create1(0), p[2], q[2];
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1122334455667788ull}, got[4];
	struct timespec zero = {0, 0}, brief = {0, 20000000};
	struct epoll_event *volatile bad = (struct epoll_event *)8; /* (unseen by gcc's checks) */
	double t0;
	CHECK(ep >= 0 && pipe(p) == 0 && pipe(q) == 0);
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
	ev.data.u64 = 7;
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev) == 0);
	CHECK(epoll_pwait2(ep, got, 4, &zero, NULL) == 0);
	t0 = now();
	CHECK(epoll_pwait2(ep, got, 4, &brief, NULL) == 0);
	CHECK(now() - t0 >= 0.019); /* the timeout is the timespec's, not its address */
	CHECK(write(p[1], "x", 1) == 1 && write(q[1], "y", 1) == 1);
	CHECK(epoll_pwait2(ep, got, 4, NULL, NULL) == 2);
	CHECK(got[0].events == EPOLLIN && got[1].events == EPOLLIN);
	CHECK((got[0].data.u64 == 0x1122334455667788ull && got[1].data.u64 == 7) ||
	      (got[1].data.u64 == 0x1122334455667788ull && got[0].data.u64 == 7));
	CHECK(epoll_pwait2(ep, got, 1, &zero, NULL) == 1); /* no more than asked for */
	CHECK(epoll_pwait2(ep, got, 0, &zero, NULL) == -1 && errno == EINVAL);
	CHECK(epoll_pwait2(ep, bad, 4, &zero, NULL) == -1 && errno == EFAULT);
	CHECK(epoll_pwait2(p[0], got, 4, &zero, NULL) == -1 && errno == EINVAL); /* not an epoll fd */
	printf("epoll_pwait2: 2 events, a 20 ms timeout\n");
	return 0;
}
