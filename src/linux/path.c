/* Guest paths under a sysroot. The rule (README, "Paths"): an absolute guest path names the
 * sysroot's file when it exists there, resolved as inside a chroot (absolute symlinks and ".."
 * stay in the root), else the host's file of that name; "/" is the sysroot; /proc, /sys, /dev,
 * /tmp and /home are always the host's. A host path inside the sysroot reads back as its guest name. */
#include "path.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static bool starts_with_dir(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == 0);
}

/* The host's own, as a chroot with the usual bind mounts (schroot's) sees them. */
static bool is_host_dir(const char *path)
{
	static const char *const dirs[] = {"/proc", "/sys", "/dev", "/tmp", "/home"};
	size_t i;
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		if (starts_with_dir(path, dirs[i]))
			return true;
	return false;
}

/* The host path of an O_PATH descriptor, closing it. */
static bool host_path_of(int fd, char *buf, size_t size)
{
	char link[32];
	ssize_t n;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, buf, size - 1);
	close(fd);
	if (n <= 0 || (size_t)n >= size - 1)
		return false;
	buf[n] = 0;
	return true;
}

/* Opens path (relative to the root, or absolute meaning the root) as an O_PATH descriptor,
 * resolved as inside a chroot at root; follow: a final symlink is followed. */
static int open_in_root(int root, const char *path, bool follow)
{
	struct open_how how = {
	    .flags = O_PATH | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW),
	    .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	return (int)syscall(SYS_openat2, root, path, &how, sizeof how);
}

/* The host path of a guest path inside the sysroot, or false when it names the host's file.
 * A name missing from the sysroot is still the sysroot's when its directory exists there but
 * not on the host (a file created in /usr/lib/python3.13/__pycache__). */
static bool resolve_in_sysroot(struct rvx_machine *m, const char *path, bool follow, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/'), *last = slash + 1;
	size_t len = strlen(path), n;
	char parent[PATH_MAX];
	struct stat st;
	int root, fd;
	bool ok = false;

	/* opened each time: a descriptor kept open could be closed by the guest (close_range) */
	root = open(m->sysroot, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return false;
	if (follow || !*last || !strcmp(last, ".") || !strcmp(last, "..")) {
		fd = open_in_root(root, path, true);
		ok = fd >= 0 && host_path_of(fd, buf, size);
	}
	if (!ok && *last && (size_t)(slash - path) < sizeof parent) {
		memcpy(parent, path, (size_t)(slash - path));
		parent[slash - path] = 0;
		fd = open_in_root(root, parent[0] ? parent : "/", true);
		if (fd >= 0) {
			ok = fstatat(fd, last, &st, AT_SYMLINK_NOFOLLOW) == 0 ||
			     (parent[0] && (stat(parent, &st) != 0 || !S_ISDIR(st.st_mode)));
			ok = host_path_of(fd, buf, size) && ok;
			n = strlen(buf);
			ok = ok && n + 1 + strlen(last) < size;
			if (ok)
				snprintf(buf + n, size - n, "%s%s", buf[n - 1] == '/' ? "" : "/", last);
		}
	}
	close(root);
	if (ok && len > 1 && path[len - 1] == '/' && strlen(buf) + 1 < size)
		strcat(buf, "/"); /* a trailing slash still asks for a directory */
	return ok;
}

const char *path_resolve_how(struct rvx_machine *m, const char *path, bool follow, char *buf, size_t size)
{
	if (m->exe_path && path_is_proc_self(path, "exe"))
		return m->exe_path;
	if (!m->sysroot || path[0] != '/' || is_host_dir(path))
		return path;
	if (resolve_in_sysroot(m, path, follow, buf, size))
		return buf;
	return path;
}

const char *path_resolve(struct rvx_machine *m, const char *path, char *buf, size_t size)
{
	return path_resolve_how(m, path, true, buf, size);
}

const char *path_guest_name(const struct rvx_machine *m, const char *host)
{
	size_t n;
	if (!m->sysroot || !starts_with_dir(host, m->sysroot) || !strcmp(m->sysroot, "/"))
		return host;
	n = strlen(m->sysroot);
	return host[n] ? host + n : "/";
}

bool path_is_proc_self(const char *path, const char *name)
{
	char mine[64];
	const char *rest;
	if (strncmp(path, "/proc/", 6) != 0)
		return false;
	rest = path + 6;
	snprintf(mine, sizeof mine, "%d/", getpid());
	if (strncmp(rest, "self/", 5) == 0)
		rest += 5;
	else if (strncmp(rest, "thread-self/", 12) == 0)
		rest += 12;
	else if (strncmp(rest, mine, strlen(mine)) == 0)
		rest += strlen(mine);
	else
		return false;
	return strcmp(rest, name) == 0;
}
