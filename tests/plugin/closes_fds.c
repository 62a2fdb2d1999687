/* Closes stderr, as programs built on gnulib do at exit, and every descriptor from 3 on, as
 * daemons and spawners do; then prints on stdout what its descriptors do: the plugins' report
 * (and -d's) must still reach rvx's log, and the guest must see what it would natively. With
 * "exec", it then lowers its descriptor limit to 16 and runs itself again, which lists the
 * descriptors it finds open among the first 256 (as Python's subprocess tests do): none may be
 * rvx's. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* the descriptors open among the first 256, as " 0 1 2" */
static void open_fds(char *out, size_t size)
{
	struct stat st;
	size_t n = 0;
	out[0] = 0;
	for (int fd = 0; fd < 256 && n + 8 < size; fd++)
		if (fstat(fd, &st) == 0)
			n += (size_t)snprintf(out + n, size - n, " %d", fd);
}

int main(int argc, char **argv)
{
	char fds[2048];
	int closed, fd;
	long range;
	ssize_t w;
	struct rlimit rl;
	if (argc > 2 && !strcmp(argv[1], "probe")) { /* argv[2]: the parent's before its exec */
		open_fds(fds, sizeof fds);
		printf("descriptors after exec with a limit of 16: %s\n",
		       strcmp(fds, argv[2]) ? "not the parent's" : "the parent's");
		if (strcmp(fds, argv[2]))
			printf("parent:%s\nchild:%s\n", argv[2], fds);
		return 0;
	}
	closed = close(2);
	range = syscall(SYS_close_range, 3, ~0u, 0);
	w = write(2, "x", 1);
	int err = errno;
	fd = open("/dev/null", O_WRONLY); /* stderr again, which the child's rvx logs to */
	printf("close(2) %d, close_range(3, ~0) %ld, write(2) %zd errno %d, open gives %d, fcntl(3) %d\n", closed,
	       range, w, err, fd, fcntl(3, F_GETFD));
	fflush(stdout);
	if (argc < 2 || strcmp(argv[1], "exec"))
		return 0;
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = 16;
	setrlimit(RLIMIT_NOFILE, &rl);
	open_fds(fds, sizeof fds);
	execl("/proc/self/exe", argv[0], "probe", fds, (char *)NULL);
	printf("exec: %s\n", strerror(errno));
	return 1;
}
