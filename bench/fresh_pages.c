/* The ceiling of any page-granular distributed memory on this machine, for the cluster streaming
 * row: 4 KiB pages installed into fresh memory as a reader's rank installs pushed pages (shared
 * copies: UFFDIO_COPY write-protected, 64 pages at a time from one buffer; no transport, no
 * protocol), then read front to back as bench/stream.c reads them. Prints the MB/s of
 * installing alone, of the first read alone, and of both (the second of two rounds). On this
 * project's VM the first read of each page costs more than the copy (shadow paging), and less
 * where the page is write-protected, as a shared copy is. usage: fresh_pages [TOTAL_MIB] */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PAGE  4096
#define CHUNK (64 * PAGE)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(const char *what)
{
	perror(what);
	return 1;
}

int main(int argc, char **argv)
{
	size_t total = (size_t)(argc > 1 ? atol(argv[1]) : 256) << 20;
	uint64_t *src = malloc(CHUNK), sum = 0;
	double install = 0, read = 0;
	if (!src || total < CHUNK)
		return fail("fresh_pages: buffer");
	total -= total % CHUNK;
	for (size_t i = 0; i < CHUNK / 8; i++)
		src[i] = i * 0x9e3779b97f4a7c15ull;
	for (int round = 0; round < 2; round++) { /* the first warms up */
		struct uffdio_api api = {.api = UFFD_API, .features = UFFD_FEATURE_PAGEFAULT_FLAG_WP};
		int fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
		uint8_t *dst = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (fd < 0 || ioctl(fd, UFFDIO_API, &api) != 0 || dst == MAP_FAILED)
			return fail("fresh_pages: userfaultfd");
		struct uffdio_register reg = {.range = {(uint64_t)(uintptr_t)dst, total},
					      .mode = UFFDIO_REGISTER_MODE_MISSING | UFFDIO_REGISTER_MODE_WP};
		if (ioctl(fd, UFFDIO_REGISTER, &reg) != 0)
			return fail("fresh_pages: UFFDIO_REGISTER");
		double t0 = now();
		for (size_t o = 0; o < total; o += CHUNK) {
			struct uffdio_copy cp = {.dst = (uint64_t)(uintptr_t)(dst + o),
						 .src = (uint64_t)(uintptr_t)src,
						 .len = CHUNK,
						 .mode = UFFDIO_COPY_MODE_WP};
			if (ioctl(fd, UFFDIO_COPY, &cp) != 0)
				return fail("fresh_pages: UFFDIO_COPY");
		}
		double t1 = now();
		for (size_t i = 0; i < total / 8; i++)
			sum += ((const uint64_t *)dst)[i];
		double t2 = now();
		install = t1 - t0;
		read = t2 - t1;
		munmap(dst, total);
		close(fd);
	}
	printf("%.0f %.0f %.0f (checksum %llx)\n", (double)total / 1e6 / install, (double)total / 1e6 / read,
	       (double)total / 1e6 / (install + read), (unsigned long long)sum);
	return 0;
}
