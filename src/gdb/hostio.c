/* gdb's host I/O (vFile packets): gdb reads the program and its libraries through the stub, by
 * the names the guest uses, so they come from the sysroot without `set sysroot`. Read-only. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../linux/path.h"
#include "internal.h"

/* gdb's File-I/O errno values (those that differ from Linux's, or that it does not know). */
static int fileio_errno(int e)
{
	switch (e) {
	case EPERM:
	case ENOENT:
	case EINTR:
	case EBADF:
	case EACCES:
	case EFAULT:
	case EBUSY:
	case EEXIST:
	case ENODEV:
	case ENOTDIR:
	case EISDIR:
	case EINVAL:
	case ENFILE:
	case EMFILE:
	case EFBIG:
	case ENOSPC:
	case ESPIPE:
	case EROFS: return e;
	case ENAMETOOLONG: return 91;
	default: return 9999;
	}
}

static bool fail(struct rvx_gdb *g, int e)
{
	snprintf(g->out, 32, "F-1,%x", fileio_errno(e));
	return gdb_send_packet(g, g->out, strlen(g->out), false);
}

/* A hex-encoded path from the packet into buf; false when malformed or too long. */
static bool hex_path(const char **p, char *buf, size_t size)
{
	size_t n = strspn(*p, "0123456789abcdefABCDEF") / 2;
	if (!n || n >= size || !gdb_get_hex(*p, (uint8_t *)buf, n))
		return false;
	buf[n] = 0;
	*p += 2 * n;
	return true;
}

/* The slot of an open file (a descriptor gdb opened through us), or -1. */
static int slot_of(struct rvx_gdb *g, uint64_t fd)
{
	for (int i = 0; i < GDB_MAX_FILES; i++)
		if (g->files[i] >= 0 && (uint64_t)g->files[i] == fd)
			return i;
	return -1;
}

static void put_be(uint8_t *out, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--, v >>= 8)
		out[i] = (uint8_t)v;
}

bool gdb_hostio(struct rvx_gdb *g, const char *p)
{
	char path[4096], host[4096];
	uint64_t fd, a, b;
	int slot;
	if (!strncmp(p, "setfs:", 6))
		return gdb_send_packet(g, "F0", 2, false);
	if (!strncmp(p, "open:", 5)) {
		int flags;
		p += 5;
		if (!hex_path(&p, path, sizeof path) || *p++ != ',' || !gdb_hex(&p, &a))
			return fail(g, EINVAL);
		if ((a & 3) != 0) /* gdb's O_RDONLY is 0: nothing else is served */
			return fail(g, EACCES);
		for (slot = 0; slot < GDB_MAX_FILES && g->files[slot] >= 0; slot++)
			;
		if (slot == GDB_MAX_FILES)
			return fail(g, EMFILE);
		flags = open(path_resolve(g->m, path, host, sizeof host), O_RDONLY | O_CLOEXEC);
		if (flags < 0)
			return fail(g, errno);
		g->files[slot] = flags;
		snprintf(g->out, 32, "F%x", flags);
		return gdb_send_packet(g, g->out, strlen(g->out), false);
	}
	if (!strncmp(p, "pread:", 6)) {
		ssize_t n;
		size_t head;
		p += 6;
		if (!gdb_hex(&p, &fd) || *p++ != ',' || !gdb_hex(&p, &a) || *p++ != ',' || !gdb_hex(&p, &b))
			return fail(g, EINVAL);
		if ((slot = slot_of(g, fd)) < 0)
			return fail(g, EBADF);
		if (a > GDB_PACKET_SIZE - 64)
			a = GDB_PACKET_SIZE - 64;
		n = pread(g->files[slot], g->out + 32, a, (off_t)b);
		if (n < 0)
			return fail(g, errno);
		head = (size_t)snprintf(g->out, 32, "F%zx;", (size_t)n);
		memmove(g->out + head, g->out + 32, (size_t)n);
		return gdb_send_packet(g, g->out, head + (size_t)n, true);
	}
	if (!strncmp(p, "close:", 6)) {
		p += 6;
		if (!gdb_hex(&p, &fd) || (slot = slot_of(g, fd)) < 0)
			return fail(g, EBADF);
		close(g->files[slot]);
		g->files[slot] = -1;
		return gdb_send_packet(g, "F0", 2, false);
	}
	if (!strncmp(p, "fstat:", 6)) {
		struct stat st;
		uint8_t s[64];
		size_t head;
		p += 6;
		if (!gdb_hex(&p, &fd) || (slot = slot_of(g, fd)) < 0)
			return fail(g, EBADF);
		if (fstat(g->files[slot], &st) != 0)
			return fail(g, errno);
		/* gdb's struct stat: big-endian, 32-bit but for size, blksize and blocks */
		put_be(s, st.st_dev, 4);
		put_be(s + 4, st.st_ino, 4);
		put_be(s + 8, st.st_mode, 4);
		put_be(s + 12, st.st_nlink, 4);
		put_be(s + 16, st.st_uid, 4);
		put_be(s + 20, st.st_gid, 4);
		put_be(s + 24, st.st_rdev, 4);
		put_be(s + 28, (uint64_t)st.st_size, 8);
		put_be(s + 36, (uint64_t)st.st_blksize, 8);
		put_be(s + 44, (uint64_t)st.st_blocks, 8);
		put_be(s + 52, (uint64_t)st.st_atime, 4);
		put_be(s + 56, (uint64_t)st.st_mtime, 4);
		put_be(s + 60, (uint64_t)st.st_ctime, 4);
		head = (size_t)snprintf(g->out, 32, "F%zx;", sizeof s);
		memcpy(g->out + head, s, sizeof s);
		return gdb_send_packet(g, g->out, head + sizeof s, true);
	}
	if (!strncmp(p, "readlink:", 9)) {
		ssize_t n;
		size_t head;
		p += 9;
		if (!hex_path(&p, path, sizeof path))
			return fail(g, EINVAL);
		n = readlink(path_resolve_how(g->m, path, false, host, sizeof host), path, sizeof path - 1);
		if (n < 0)
			return fail(g, errno);
		head = (size_t)snprintf(g->out, 32, "F%zx;", (size_t)n);
		memcpy(g->out + head, path, (size_t)n);
		return gdb_send_packet(g, g->out, head + (size_t)n, true);
	}
	return gdb_send_packet(g, "", 0, false); /* unlink and the rest: not served */
}
