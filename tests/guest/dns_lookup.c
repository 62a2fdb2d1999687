// A name looked up through DNS as every networked program does: getaddrinfo for IPv4 and IPv6
// at once, which glibc's resolver sends as two queries in one sendmmsg, answered by a child
// process serving DNS over UDP on the loopback.
#include <arpa/inet.h>
#include <netdb.h>
#include <resolv.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/* Answers each query for an A or AAAA record with one record (10.1.2.3, fd00::53) */
static void serve(int fd)
{
	static const unsigned char v4[4] = {10, 1, 2, 3},
				   v6[16] = {0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53};
	unsigned char q[512], r[600];
	struct sockaddr_in from;
	socklen_t flen;
	for (;;) {
		flen = sizeof from;
		ssize_t n = recvfrom(fd, q, sizeof q, 0, (struct sockaddr *)&from, &flen);
		size_t at = 12;
		if (n < 17)
			continue;
		while (at < (size_t)n && q[at]) /* the question's name */
			at += q[at] + 1;
		at += 5; /* its end, type and class */
		if (at > (size_t)n)
			continue;
		int type = q[at - 4] << 8 | q[at - 3], len = type == 28 ? 16 : 4;
		memcpy(r, q, at);
		r[2] = 0x81; /* a response, recursion desired and available, no error */
		r[3] = 0x80;
		r[6] = 0, r[7] = 1; /* one answer */
		r[8] = r[9] = r[10] = r[11] = 0;
		unsigned char *p = r + at;
		*p++ = 0xc0, *p++ = 12; /* the question's name */
		*p++ = 0, *p++ = (unsigned char)type, *p++ = 0, *p++ = 1;
		*p++ = 0, *p++ = 0, *p++ = 0, *p++ = 60; /* TTL */
		*p++ = 0, *p++ = (unsigned char)len;
		memcpy(p, len == 16 ? v6 : v4, (size_t)len);
		p += len;
		sendto(fd, r, (size_t)(p - r), 0, (struct sockaddr *)&from, flen);
	}
}

static int by_text(const void *a, const void *b)
{
	return strcmp(a, b);
}

int main(void)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof sa;
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res, *ai;
	char seen[8][64];
	int fd = socket(AF_INET, SOCK_DGRAM, 0), n = 0, r, st;
	pid_t server;
	CHECK(fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0);
	CHECK(getsockname(fd, (struct sockaddr *)&sa, &len) == 0);
	server = fork();
	CHECK(server >= 0);
	if (server == 0) {
		serve(fd);
		_exit(0);
	}
	close(fd);
	CHECK(res_init() == 0);
	_res.nscount = 1;
	_res.nsaddr_list[0] = sa;
	_res.retrans = 2;
	_res.retry = 2;
	r = getaddrinfo("www.example.test", "80", &hints, &res);
	kill(server, SIGKILL);
	waitpid(server, &st, 0);
	CHECK(r == 0);
	for (ai = res; ai && n < 8; ai = ai->ai_next) {
		const void *addr = ai->ai_family == AF_INET6 ? (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr
							     : (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr;
		CHECK(inet_ntop(ai->ai_family, addr, seen[n++], sizeof seen[0]));
	}
	freeaddrinfo(res);
	qsort(seen, (size_t)n, sizeof seen[0], by_text);
	printf("www.example.test:");
	for (int i = 0; i < n; i++)
		printf(" %s", seen[i]);
	printf("\n");
	CHECK(n == 2 && strcmp(seen[0], "10.1.2.3") == 0 && strcmp(seen[1], "fd00::53") == 0);
	return 0;
}
