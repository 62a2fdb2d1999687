#include "path.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool starts_with_dir(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == 0);
}

const char *path_resolve(struct rvx_machine *m, const char *path, char *buf, size_t size)
{
	if (m->exe_path && path_is_proc_self(path, "exe"))
		return m->exe_path;
	if (!m->sysroot || path[0] != '/' || starts_with_dir(path, "/proc") || starts_with_dir(path, "/dev") ||
	    starts_with_dir(path, "/sys") || (path[1] == 0))
		return path;
	if ((size_t)snprintf(buf, size, "%s%s", m->sysroot, path) >= size)
		return path;
	if (faccessat(AT_FDCWD, buf, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
		return buf;
	return path;
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
