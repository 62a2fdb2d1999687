#define _GNU_SOURCE
/* mmap family and brk: anonymous and file mappings, MAP_FIXED, mprotect, mremap growth and
 * moves, munmap holes, madvise(DONTNEED) zeroing, big mallocs, brk growth. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *p, *q, *r;
	size_t i;
	char path[256];
	int fd;
	CHECK(pg == 4096);
	p = mmap(NULL, 16 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	for (i = 0; i < 16 * (size_t)pg; i++)
		CHECK(p[i] == 0);
	memset(p, 0xab, 16 * pg);
	CHECK(munmap(p + 4 * pg, 4 * pg) == 0);
	q = mmap(p + 4 * pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(q == p + 4 * pg && q[0] == 0);
	CHECK(mprotect(p, pg, PROT_READ) == 0);
	CHECK(p[0] == (char)0xab);
	CHECK(mprotect(p, pg, PROT_READ | PROT_WRITE) == 0);
	p[0] = 1;
	CHECK(madvise(p + 8 * pg, pg, MADV_DONTNEED) == 0 && p[8 * pg] == 0);
	r = mremap(p + 8 * pg, 8 * pg, 64 * pg, MREMAP_MAYMOVE);
	CHECK(r != MAP_FAILED && r[pg] == (char)0xab && r[63 * pg] == 0);
	CHECK(munmap(r, 64 * pg) == 0);
	CHECK(munmap(p + 3, pg) == -1 && errno == EINVAL);
	/* file mapping, shared write-back */
	snprintf(path, sizeof path, "%s/rvx-map-%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", getpid());
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	CHECK(fd >= 0 && ftruncate(fd, 2 * pg) == 0);
	q = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(q != MAP_FAILED);
	strcpy(q + pg, "written through a shared mapping");
	CHECK(msync(q, 2 * pg, MS_SYNC) == 0 && munmap(q, 2 * pg) == 0);
	{
		char buf[64] = {0};
		CHECK(pread(fd, buf, 32, pg) == 32);
		printf("%s\n", buf);
	}
	close(fd);
	unlink(path);
	{
		void *b0 = sbrk(0);
		CHECK(sbrk(1 << 20) == b0);
		memset(b0, 7, 1 << 20);
		CHECK(sbrk(0) == (char *)b0 + (1 << 20));
		CHECK(brk(b0) == 0);
	}
	{
		char *big = malloc(64 << 20);
		CHECK(big != NULL);
		for (i = 0; i < (64u << 20); i += 4096)
			big[i] = (char)i;
		free(big);
	}
	printf("memory ok\n");
	return 0;
}
