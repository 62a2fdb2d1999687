/* Closes stderr, as programs built on gnulib do at exit, and every descriptor from 3 on, as
 * daemons and spawners do; then prints on stdout what its descriptors do: the plugins' report
 * (and -d's) must still reach rvx's log, and the guest must see what it would natively. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	int closed = close(2), fd;
	long range = syscall(SYS_close_range, 3, ~0u, 0);
	ssize_t w = write(2, "x", 1);
	int err = errno;
	fd = open("/dev/null", O_RDONLY);
	printf("close(2) %d, close_range(3, ~0) %ld, write(2) %zd errno %d, open gives %d, fcntl(3) %d\n", closed,
	       range, w, err, fd, fcntl(3, F_GETFD));
	return 0;
}
