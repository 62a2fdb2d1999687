/* File and directory syscalls: open/read/write/lseek/pread/pwrite/readv/writev, stat family,
 * getdents64, rename/unlink/mkdir/rmdir, links, ftruncate, fcntl, dup, access, utimensat. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "check.h"

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	char dir[256], path[300], path2[300], buf[256];
	const char *tmp = getenv("TMPDIR");
	struct stat st;
	struct iovec iov[3];
	int fd, fd2, n;
	snprintf(dir, sizeof dir, "%s/rvx-files-XXXXXX", tmp ? tmp : "/tmp");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/a.txt", dir);
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0640);
	CHECK(fd >= 0);
	CHECK(write(fd, "hello world\n", 12) == 12);
	CHECK(lseek(fd, 0, SEEK_CUR) == 12);
	CHECK(pwrite(fd, "HELLO", 5, 0) == 5);
	CHECK(pread(fd, buf, 11, 0) == 11);
	buf[11] = 0;
	printf("pread: %s\n", buf);
	iov[0].iov_base = "one ";
	iov[0].iov_len = 4;
	iov[1].iov_base = "two ";
	iov[1].iov_len = 4;
	iov[2].iov_base = "three\n";
	iov[2].iov_len = 6;
	CHECK(writev(fd, iov, 3) == 14);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	{
		char a[5] = {0}, b[8] = {0};
		struct iovec r[2] = {{a, 4}, {b, 7}};
		CHECK(readv(fd, r, 2) == 11);
		printf("readv: [%s][%s]\n", a, b);
	}
	CHECK(fstat(fd, &st) == 0);
	printf("fstat: size %lld mode %o nlink %u regular %d\n", (long long)st.st_size, st.st_mode & 0777,
	       (unsigned)st.st_nlink, S_ISREG(st.st_mode));
	CHECK(ftruncate(fd, 5) == 0);
	CHECK(stat(path, &st) == 0 && st.st_size == 5);
	fd2 = dup(fd);
	CHECK(fd2 > fd);
	CHECK(fcntl(fd2, F_GETFD) == 0);
	CHECK(fcntl(fd2, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd2, F_GETFD) == FD_CLOEXEC);
	CHECK(dup3(fd, 100, O_CLOEXEC) == 100);
	CHECK(close(100) == 0 && close(fd2) == 0 && close(fd) == 0);
	CHECK(close(fd) == -1 && errno == EBADF);
	CHECK(access(path, R_OK | W_OK) == 0);
	CHECK(access("/nonexistent/file", F_OK) == -1 && errno == ENOENT);
	snprintf(path2, sizeof path2, "%s/b.txt", dir);
	CHECK(rename(path, path2) == 0);
	CHECK(stat(path, &st) == -1 && errno == ENOENT);
	CHECK(link(path2, path) == 0);
	CHECK(stat(path2, &st) == 0 && st.st_nlink == 2);
	snprintf(buf, sizeof buf, "%s/sub", dir);
	CHECK(mkdir(buf, 0755) == 0);
	CHECK(mkdir(buf, 0755) == -1 && errno == EEXIST);
	snprintf(buf, sizeof buf, "%s/sym", dir);
	CHECK(symlink("b.txt", buf) == 0);
	{
		char target[64];
		ssize_t len = readlink(buf, target, sizeof target);
		CHECK(len == 5);
		target[len] = 0;
		printf("readlink: %s\n", target);
		CHECK(lstat(buf, &st) == 0 && S_ISLNK(st.st_mode));
	}
	{
		DIR *d = opendir(dir);
		struct dirent *e;
		char *names[16];
		int count = 0, i;
		CHECK(d != NULL);
		while ((e = readdir(d)) != NULL && count < 16)
			names[count++] = strdup(e->d_name);
		closedir(d);
		qsort(names, (size_t)count, sizeof names[0], cmp_names);
		printf("dir:");
		for (i = 0; i < count; i++)
			printf(" %s", names[i]);
		printf("\n");
	}
	{
		struct timespec ts[2] = {{1000000000, 0}, {1234567890, 500}};
		CHECK(utimensat(AT_FDCWD, path2, ts, 0) == 0);
		CHECK(stat(path2, &st) == 0);
		printf("mtime %lld.%09ld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK(fstatat(fd, "b.txt", &st, 0) == 0 && st.st_size == 5);
	CHECK(unlinkat(fd, "sym", 0) == 0);
	CHECK(unlinkat(fd, "sub", AT_REMOVEDIR) == 0);
	close(fd);
	CHECK(unlink(path) == 0 && unlink(path2) == 0 && rmdir(dir) == 0);
	n = open("/definitely/not/here", O_RDONLY);
	CHECK(n == -1 && errno == ENOENT);
	CHECK(getcwd(buf, sizeof buf) != NULL);
	printf("files ok\n");
	return 0;
}
