/* Sockets and readiness: socketpair with sendmsg/recvmsg (iovecs and SCM_RIGHTS), a TCP
 * connection over loopback, poll, ppoll, select, epoll, eventfd, timerfd, signalfd. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	int sv[2], ep, efd, tfd, sfd, lfd, cfd, afd, fds[2];
	char buf[128];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	{
		struct iovec iov[2] = {{"scatter ", 8}, {"gather", 6}};
		struct msghdr mh;
		char cbuf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr *cm;
		memset(&mh, 0, sizeof mh);
		mh.msg_iov = iov;
		mh.msg_iovlen = 2;
		mh.msg_control = cbuf;
		mh.msg_controllen = sizeof cbuf;
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		CHECK(pipe(fds) == 0);
		memcpy(CMSG_DATA(cm), &fds[1], sizeof(int));
		CHECK(sendmsg(sv[0], &mh, 0) == 14);
	}
	{
		char a[6] = {0}, b[16] = {0};
		struct iovec iov[2] = {{a, 5}, {b, 15}};
		struct msghdr mh;
		char cbuf[CMSG_SPACE(sizeof(int))];
		int passed;
		memset(&mh, 0, sizeof mh);
		mh.msg_iov = iov;
		mh.msg_iovlen = 2;
		mh.msg_control = cbuf;
		mh.msg_controllen = sizeof cbuf;
		CHECK(recvmsg(sv[1], &mh, 0) == 14);
		CHECK(mh.msg_controllen >= CMSG_LEN(sizeof(int)));
		memcpy(&passed, CMSG_DATA(CMSG_FIRSTHDR(&mh)), sizeof passed);
		CHECK(write(passed, "via passed fd", 13) == 13);
		CHECK(read(fds[0], buf, 13) == 13);
		printf("recvmsg [%s][%s], fd passing ok\n", a, b);
	}
	/* TCP over loopback */
	{
		struct sockaddr_in sa;
		socklen_t len = sizeof sa;
		int one = 1;
		lfd = socket(AF_INET, SOCK_STREAM, 0);
		CHECK(lfd >= 0);
		CHECK(setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0);
		memset(&sa, 0, sizeof sa);
		sa.sin_family = AF_INET;
		sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		CHECK(bind(lfd, (struct sockaddr *)&sa, sizeof sa) == 0 && listen(lfd, 4) == 0);
		CHECK(getsockname(lfd, (struct sockaddr *)&sa, &len) == 0 && sa.sin_port != 0);
		cfd = socket(AF_INET, SOCK_STREAM, 0);
		CHECK(connect(cfd, (struct sockaddr *)&sa, sizeof sa) == 0);
		afd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		CHECK(afd >= 0);
		CHECK(send(cfd, "ping", 4, 0) == 4 && recv(afd, buf, 4, 0) == 4 && memcmp(buf, "ping", 4) == 0);
		CHECK(sendto(afd, "pong", 4, 0, NULL, 0) == 4 && recvfrom(cfd, buf, 4, 0, NULL, NULL) == 4);
		{
			int v = 0;
			socklen_t vl = sizeof v;
			CHECK(getsockopt(cfd, SOL_SOCKET, SO_TYPE, &v, &vl) == 0 && v == SOCK_STREAM);
		}
		CHECK(shutdown(cfd, SHUT_WR) == 0 && recv(afd, buf, 4, 0) == 0);
		printf("tcp loopback ok\n");
	}
	/* epoll with data cookies: the 16-byte RISC-V epoll_event */
	ep = epoll_create1(EPOLL_CLOEXEC);
	efd = eventfd(0, EFD_NONBLOCK);
	CHECK(ep >= 0 && efd >= 0);
	{
		struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1122334455667788ull}, out[4];
		CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev) == 0);
		ev.data.u64 = 0xdeadbeefcafef00dull;
		CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sv[1], &ev) == 0);
		CHECK(epoll_wait(ep, out, 4, 0) == 0);
		CHECK(eventfd_write(efd, 3) == 0);
		CHECK(write(sv[0], "x", 1) == 1);
		CHECK(epoll_wait(ep, out, 4, 1000) == 2);
		CHECK((out[0].data.u64 == 0x1122334455667788ull && out[1].data.u64 == 0xdeadbeefcafef00dull) ||
		      (out[1].data.u64 == 0x1122334455667788ull && out[0].data.u64 == 0xdeadbeefcafef00dull));
		printf("epoll ok\n");
	}
	/* poll, ppoll and select on the same readiness */
	{
		struct pollfd p[2] = {{efd, POLLIN, 0}, {fds[0], POLLIN, 0}};
		struct timespec ts = {0, 1000000};
		fd_set rs;
		struct timeval tv = {0, 1000};
		CHECK(poll(p, 2, 100) == 1 && (p[0].revents & POLLIN) && p[1].revents == 0);
		CHECK(ppoll(p, 2, &ts, NULL) == 1);
		FD_ZERO(&rs);
		FD_SET(efd, &rs);
		FD_SET(fds[0], &rs);
		CHECK(select((efd > fds[0] ? efd : fds[0]) + 1, &rs, NULL, NULL, &tv) == 1 && FD_ISSET(efd, &rs));
		printf("poll/select ok\n");
	}
	/* timerfd */
	tfd = timerfd_create(CLOCK_MONOTONIC, 0);
	{
		struct itimerspec its = {{0, 0}, {0, 5000000}};
		uint64_t n = 0;
		CHECK(tfd >= 0 && timerfd_settime(tfd, 0, &its, NULL) == 0);
		CHECK(read(tfd, &n, 8) == 8 && n == 1);
		printf("timerfd ok\n");
	}
	/* signalfd */
	{
		sigset_t m;
		struct signalfd_siginfo si;
		sigemptyset(&m);
		sigaddset(&m, SIGUSR1);
		CHECK(sigprocmask(SIG_BLOCK, &m, NULL) == 0);
		sfd = signalfd(-1, &m, 0);
		CHECK(sfd >= 0);
		raise(SIGUSR1);
		CHECK(read(sfd, &si, sizeof si) == sizeof si && si.ssi_signo == SIGUSR1);
		printf("signalfd ok\n");
	}
	printf("io events ok\n");
	return 0;
}
