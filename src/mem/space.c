#include "space.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define HUGE_PAGE_SIZE (2u << 20)

/* Lowest guest address that may be mapped, as the kernel's default mmap_min_addr. */
#define MIN_ADDR 0x10000ull

int space_init(struct rvx_space *s, uint64_t size)
{
	void *p;
	memset(s, 0, sizeof *s);
	pthread_mutex_init(&s->lock, NULL);
	if (watch_init(s) != 0)
		return -ENOMEM;
	/* Base 0 where the host allows it: guest pointers are then host pointers, and the guard
	 * below guest address 0 is the kernel's half of the address space. */
	p = mmap((void *)MIN_ADDR, size + RVX_SPACE_GUARD - MIN_ADDR, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == (void *)MIN_ADDR) {
		s->base = NULL;
	} else {
		if (p != MAP_FAILED)
			munmap(p, size + RVX_SPACE_GUARD - MIN_ADDR);
		p = mmap(NULL, size + 2 * RVX_SPACE_GUARD, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
			 0);
		if (p == MAP_FAILED)
			return -errno;
		s->base = (uint8_t *)p + RVX_SPACE_GUARD;
	}
	s->size = size;
	s->mmap_top = size - (1ull << 32); /* leave room for the stack below the top */
	return 0;
}

void space_destroy(struct rvx_space *s)
{
	size_t i;
	if (s->base)
		munmap(s->base - RVX_SPACE_GUARD, s->size + 2 * RVX_SPACE_GUARD);
	else if (s->size)
		munmap((void *)MIN_ADDR, s->size + RVX_SPACE_GUARD - MIN_ADDR);
	for (i = 0; i < s->nvmas; i++)
		free(s->vmas[i].name);
	free(s->vmas);
	watch_destroy(s);
	pthread_mutex_destroy(&s->lock);
	memset(s, 0, sizeof *s);
}

/* Cuts [a,b) out of the list, splitting partially covered entries. */
static int vma_cut(struct rvx_space *s, uint64_t a, uint64_t b)
{
	size_t i = 0;
	while (i < s->nvmas) {
		struct rvx_vma *v = &s->vmas[i];
		if (v->end <= a || v->start >= b) {
			i++;
			continue;
		}
		if (v->start < a && v->end > b) {
			struct rvx_vma tail = *v;
			if (s->nvmas == s->cap) {
				size_t cap = s->cap ? s->cap * 2 : 64;
				struct rvx_vma *n = realloc(s->vmas, cap * sizeof *n);
				if (!n)
					return -ENOMEM;
				s->vmas = n;
				s->cap = cap;
				v = &s->vmas[i];
			}
			tail.offset += b - v->start;
			tail.start = b;
			tail.name = v->name ? strdup(v->name) : NULL;
			v->end = a;
			memmove(&s->vmas[i + 2], &s->vmas[i + 1], (s->nvmas - i - 1) * sizeof *v);
			s->vmas[i + 1] = tail;
			s->nvmas++;
			return 0;
		}
		if (v->start < a) {
			v->end = a;
			i++;
		} else if (v->end > b) {
			v->offset += b - v->start;
			v->start = b;
			i++;
		} else {
			free(v->name);
			memmove(v, v + 1, (s->nvmas - i - 1) * sizeof *v);
			s->nvmas--;
		}
	}
	return 0;
}

static int vma_insert(struct rvx_space *s, const struct rvx_vma *nv)
{
	size_t i = 0;
	if (s->nvmas == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct rvx_vma *n = realloc(s->vmas, cap * sizeof *n);
		if (!n)
			return -ENOMEM;
		s->vmas = n;
		s->cap = cap;
	}
	while (i < s->nvmas && s->vmas[i].start < nv->start)
		i++;
	memmove(&s->vmas[i + 1], &s->vmas[i], (s->nvmas - i) * sizeof *nv);
	s->vmas[i] = *nv;
	s->nvmas++;
	return 0;
}

static struct rvx_vma *vma_find(struct rvx_space *s, uint64_t addr)
{
	size_t lo = 0, hi = s->nvmas;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->vmas[mid].end <= addr)
			lo = mid + 1;
		else if (s->vmas[mid].start > addr)
			hi = mid;
		else
			return &s->vmas[mid];
	}
	return NULL;
}

const struct rvx_vma *space_vma_locked(struct rvx_space *s, uint64_t addr)
{
	return vma_find(s, addr);
}

static bool range_free(struct rvx_space *s, uint64_t a, uint64_t b)
{
	size_t i;
	for (i = 0; i < s->nvmas; i++)
		if (s->vmas[i].start < b && s->vmas[i].end > a)
			return false;
	return true;
}

uint64_t space_find_free(struct rvx_space *s, uint64_t len, uint64_t top)
{
	size_t i = s->nvmas;
	uint64_t hi = top;
	/* Walk the gaps from the top down. */
	while (i > 0 && s->vmas[i - 1].start >= top)
		i--;
	for (;;) {
		uint64_t lo = i > 0 ? s->vmas[i - 1].end : MIN_ADDR;
		if (hi > lo && hi - lo >= len)
			return (hi - len) & ~(RVX_PAGE_SIZE - 1);
		if (i == 0)
			return 0;
		hi = s->vmas[--i].start < hi ? s->vmas[i].start : hi;
	}
}

/* An anonymous private mapping with the file's bytes read in (anon_only). Memory shared with
 * another process (a shared file, or shared anonymous memory a fork child keeps) cannot be kept
 * coherent that way: ENODEV, as for a file that cannot be mapped. */
static int map_anon_copy(struct rvx_space *s, uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
	bool file = !(flags & MAP_ANONYMOUS);
	uint8_t *p;
	if (flags & MAP_SHARED)
		return -ENODEV;
	p = mmap(g2h(s, addr), len, file ? PROT_READ | PROT_WRITE : space_host_prot(prot),
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | (flags & MAP_NORESERVE), -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	if (file) {
		uint64_t done = 0;
		while (done < len) {
			ssize_t n = pread(fd, p + done, len - done, (off_t)(off + done));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			done += (uint64_t)n;
		}
		if (mprotect(p, len, space_host_prot(prot)) != 0)
			return -errno;
	}
	return 0;
}

int64_t space_map(struct rvx_space *s, uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off,
		  const char *name)
{
	struct rvx_vma v;
	struct stat st;
	void *p;
	int64_t ret;
	uint64_t seq = 0;
	int hflags = (flags & (MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE)) | MAP_FIXED;
#ifdef MAP_SHARED_VALIDATE
	if ((flags & MAP_SHARED_VALIDATE) == MAP_SHARED_VALIDATE)
		hflags |= MAP_SHARED;
#endif
	if (len == 0 || (addr & (RVX_PAGE_SIZE - 1)) || (off & (RVX_PAGE_SIZE - 1)))
		return -EINVAL;
	len = RVX_PAGE_ALIGN(len);
	if (len == 0 || len > s->size)
		return -ENOMEM;
	pthread_mutex_lock(&s->lock);
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (!space_range_ok(s, addr, len) || addr < MIN_ADDR) {
			ret = (flags & MAP_FIXED) ? -EPERM : -ENOMEM;
			goto out;
		}
		if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) && !range_free(s, addr, addr + len)) {
			ret = -EEXIST;
			goto out;
		}
	} else if (!(addr >= MIN_ADDR && space_range_ok(s, addr, len) && range_free(s, addr, addr + len))) {
		addr = space_find_free(s, len, s->mmap_top);
		if (!addr) {
			ret = -ENOMEM;
			goto out;
		}
	}
	watch_range_changed(s, addr, addr + len, prot);
	if (s->anon_only) {
		ret = map_anon_copy(s, addr, len, prot, flags, fd, off);
		if (ret < 0)
			goto out;
		p = g2h(s, addr);
	} else {
		p = mmap(g2h(s, addr), len, space_host_prot(prot), hflags, (flags & MAP_ANONYMOUS) ? -1 : fd,
			 (off_t)off);
	}
	if (p == MAP_FAILED) {
		ret = -errno;
		goto out;
	}
	/* Large private anonymous data (not stacks or reservations) in 2 MiB pages where the host
	 * allows: a TLB miss costs tens of ns under nested paging, and the guest's big arrays would
	 * take one every 4 KiB. */
	if ((flags & (MAP_ANONYMOUS | MAP_SHARED | MAP_NORESERVE | MAP_STACK)) == MAP_ANONYMOUS && prot != PROT_NONE &&
	    len >= HUGE_PAGE_SIZE && !s->anon_only)
		madvise(p, len, MADV_HUGEPAGE);
	memset(&v, 0, sizeof v);
	v.start = addr;
	v.end = addr + len;
	v.prot = prot;
	v.flags = (flags & MAP_SHARED) ? VMA_SHARED : 0;
	if (!(flags & MAP_ANONYMOUS) && fd >= 0) {
		v.flags |= VMA_FILE;
		v.offset = off;
		if (fstat(fd, &st) == 0) {
			v.dev = st.st_dev;
			v.ino = st.st_ino;
		}
	}
	v.name = name ? strdup(name) : NULL;
	ret = vma_cut(s, addr, addr + len);
	if (ret == 0)
		ret = vma_insert(s, &v);
	if (ret == 0) {
		ret = (int64_t)addr;
		seq = ++s->change_seq;
	}
out:
	pthread_mutex_unlock(&s->lock);
	if (ret >= 0 && s->on_change)
		s->on_change(s->on_change_arg, SPACE_CHANGE_MAP, addr, len, prot, seq);
	return ret;
}

int space_unmap(struct rvx_space *s, uint64_t addr, uint64_t len)
{
	uint64_t seq = 0;
	int ret;
	if ((addr & (RVX_PAGE_SIZE - 1)) || len == 0)
		return -EINVAL;
	len = RVX_PAGE_ALIGN(len);
	if (!space_range_ok(s, addr, len))
		return -EINVAL;
	pthread_mutex_lock(&s->lock);
	watch_range_changed(s, addr, addr + len, 0);
	/* Keep the reservation: unmapped guest pages become inaccessible host pages. */
	if (mmap(g2h(s, addr), len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) ==
	    MAP_FAILED)
		ret = -errno;
	else
		ret = vma_cut(s, addr, addr + len);
	if (ret == 0)
		seq = ++s->change_seq;
	pthread_mutex_unlock(&s->lock);
	if (ret == 0 && s->on_change)
		s->on_change(s->on_change_arg, SPACE_CHANGE_UNMAP, addr, len, 0, seq);
	return ret;
}

int space_protect(struct rvx_space *s, uint64_t addr, uint64_t len, int prot)
{
	uint64_t a, end, seq = 0;
	int ret = 0;
	bool widen = true;
	if (addr & (RVX_PAGE_SIZE - 1))
		return -EINVAL;
	len = RVX_PAGE_ALIGN(len);
	if (!space_range_ok(s, addr, len))
		return -ENOMEM;
	end = addr + len;
	pthread_mutex_lock(&s->lock);
	for (a = addr; a < end;) {
		struct rvx_vma *v = vma_find(s, a);
		if (!v) {
			ret = -ENOMEM;
			goto out;
		}
		widen &= !(v->prot & ~prot);
		a = v->end;
	}
	watch_range_changed(s, addr, end, prot);
	if (mprotect(g2h(s, addr), len, space_host_prot(prot)) != 0) {
		ret = -errno;
		goto out;
	}
	for (a = addr; a < end;) {
		struct rvx_vma *v = vma_find(s, a), copy;
		uint64_t e;
		copy = *v;
		e = v->end < end ? v->end : end;
		copy.offset += a - v->start;
		copy.start = a;
		copy.end = e;
		copy.prot = prot;
		copy.name = v->name ? strdup(v->name) : NULL;
		ret = vma_cut(s, a, e);
		if (ret == 0)
			ret = vma_insert(s, &copy);
		if (ret)
			goto out;
		a = e;
	}
out:
	if (ret == 0)
		seq = ++s->change_seq;
	pthread_mutex_unlock(&s->lock);
	if (ret == 0 && s->on_change)
		s->on_change(s->on_change_arg, widen ? SPACE_CHANGE_WIDEN : SPACE_CHANGE_PROTECT, addr, len, prot, seq);
	return ret;
}

int space_discard(struct rvx_space *s, uint64_t addr, uint64_t len, int advice)
{
	bool drops = advice == MADV_DONTNEED || advice == MADV_FREE || advice == MADV_REMOVE;
	uint64_t seq = 0;
	int ret = 0;
	if (!space_range_ok(s, addr, len))
		return -ENOMEM;
	pthread_mutex_lock(&s->lock); /* in order with the changes of the map around it */
	if (madvise(g2h(s, addr), len, advice) != 0)
		ret = -errno;
	else if (drops)
		seq = ++s->change_seq;
	pthread_mutex_unlock(&s->lock);
	if (seq && s->on_change)
		s->on_change(s->on_change_arg, SPACE_CHANGE_DISCARD, addr & ~(RVX_PAGE_SIZE - 1),
			     RVX_PAGE_ALIGN(len + (addr & (RVX_PAGE_SIZE - 1))), 0, seq);
	return ret;
}

int64_t space_remap(struct rvx_space *s, uint64_t old, uint64_t old_len, uint64_t new_len, int flags, uint64_t new_addr)
{
	struct rvx_vma *v, copy;
	uint64_t dest;
	void *p;
	int64_t ret;
	if ((old & (RVX_PAGE_SIZE - 1)) || new_len == 0)
		return -EINVAL;
	old_len = RVX_PAGE_ALIGN(old_len);
	new_len = RVX_PAGE_ALIGN(new_len);
	if (!space_range_ok(s, old, old_len))
		return -EFAULT;
	if (s->anon_only && (new_len > old_len || (flags & MREMAP_FIXED)))
		return -ENOMEM; /* the C library then allocates, copies and frees */
	pthread_mutex_lock(&s->lock);
	v = vma_find(s, old);
	if (!v || v->end < old + old_len) {
		ret = -EFAULT;
		goto out;
	}
	copy = *v;
	if (new_len <= old_len && !(flags & MREMAP_FIXED)) {
		pthread_mutex_unlock(&s->lock);
		if (new_len < old_len)
			space_unmap(s, old + new_len, old_len - new_len);
		return (int64_t)old;
	}
	if (flags & MREMAP_FIXED) {
		dest = new_addr;
		if (!space_range_ok(s, dest, new_len) || (dest & (RVX_PAGE_SIZE - 1))) {
			ret = -EINVAL;
			goto out;
		}
	} else if (old + new_len <= s->size && range_free(s, old + old_len, old + new_len)) {
		dest = old;
	} else if (flags & MREMAP_MAYMOVE) {
		dest = space_find_free(s, new_len, s->mmap_top);
		if (!dest) {
			ret = -ENOMEM;
			goto out;
		}
	} else {
		ret = -ENOMEM;
		goto out;
	}
	/* the pages keep their host protection as they move: armed ones must be writable again */
	watch_range_changed(s, old, old + old_len, dest == old ? copy.prot : 0);
	if (dest != old)
		watch_range_changed(s, dest, dest + new_len, 0);
	if (dest == old) {
		/* Growing in place: the reservation pages above must give way first. */
		munmap(g2h(s, old + old_len), new_len - old_len);
		p = mremap(g2h(s, old), old_len, new_len, 0);
	} else {
		p = mremap(g2h(s, old), old_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(s, dest));
	}
	if (p == MAP_FAILED) {
		ret = -errno;
		mprotect(g2h(s, old), old_len, space_host_prot(copy.prot));
		goto out;
	}
	mprotect(p, new_len, space_host_prot(copy.prot));
	/* The host moved the pages; put the reservation back where they were. */
	if (dest != old)
		mmap(g2h(s, old), old_len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
	copy.name = copy.name ? strdup(copy.name) : NULL;
	vma_cut(s, old, old + old_len);
	vma_cut(s, dest, dest + new_len);
	copy.start = dest;
	copy.end = dest + new_len;
	ret = vma_insert(s, &copy);
	if (ret == 0)
		ret = (int64_t)dest;
out:
	pthread_mutex_unlock(&s->lock);
	return ret;
}

bool space_query(struct rvx_space *s, uint64_t addr, struct rvx_vma *out)
{
	struct rvx_vma *v;
	pthread_mutex_lock(&s->lock);
	v = vma_find(s, addr);
	if (v && out) {
		*out = *v;
		out->name = NULL;
	}
	pthread_mutex_unlock(&s->lock);
	return v != NULL;
}

bool space_query_nowait(struct rvx_space *s, uint64_t addr, struct rvx_vma *out)
{
	struct rvx_vma *v;
	if (pthread_mutex_trylock(&s->lock) != 0)
		return false;
	v = vma_find(s, addr);
	if (v) {
		*out = *v;
		out->name = NULL;
	}
	pthread_mutex_unlock(&s->lock);
	return v != NULL;
}

bool space_query_file(struct rvx_space *s, uint64_t addr, struct rvx_vma *out, char *name, size_t size)
{
	struct rvx_vma *v;
	bool ok;
	pthread_mutex_lock(&s->lock);
	v = vma_find(s, addr);
	ok = v && v->name && v->name[0] == '/' && strlen(v->name) < size;
	if (ok) {
		*out = *v;
		out->name = NULL;
		strcpy(name, v->name);
	}
	pthread_mutex_unlock(&s->lock);
	return ok;
}

bool space_poke(struct rvx_space *s, uint64_t addr, const void *buf, size_t len)
{
	/* through /proc/self/mem, which writes whatever the protection, as ptrace does */
	int fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	bool ok = fd >= 0 && pwrite(fd, buf, len, (off_t)(uintptr_t)g2h(s, addr)) == (ssize_t)len;
	if (fd >= 0)
		close(fd);
	return ok;
}

bool space_exec_vma(struct rvx_space *s, uint64_t addr, struct rvx_vma *out)
{
	if (space_query(s, addr, out) && (out->prot & PROT_EXEC))
		return true;
	out->start = out->end = 0;
	return false;
}

bool space_check(struct rvx_space *s, uint64_t addr, uint64_t len, int prot)
{
	uint64_t a = addr, end = addr + len;
	bool ok = true;
	if (!space_range_ok(s, addr, len))
		return false;
	pthread_mutex_lock(&s->lock);
	while (a < end) {
		struct rvx_vma *v = vma_find(s, a);
		if (!v || (v->prot & prot) != prot) {
			ok = false;
			break;
		}
		a = v->end;
	}
	pthread_mutex_unlock(&s->lock);
	return ok;
}

void space_set_name(struct rvx_space *s, uint64_t start, uint64_t end, const char *name, int flags)
{
	size_t i;
	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->nvmas; i++) {
		struct rvx_vma *v = &s->vmas[i];
		if (v->start >= start && v->end <= end) {
			free(v->name);
			v->name = strdup(name);
			v->flags |= flags;
		}
	}
	pthread_mutex_unlock(&s->lock);
}

void space_set_file(struct rvx_space *s, uint64_t start, uint64_t end, const char *path, uint64_t offset)
{
	space_set_name(s, start, end, path, VMA_FILE);
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->nvmas; i++) {
		struct rvx_vma *v = &s->vmas[i];
		if (v->start >= start && v->end <= end)
			v->offset = offset + (v->start - start);
	}
	pthread_mutex_unlock(&s->lock);
}

int space_write_maps(struct rvx_space *s, int fd)
{
	size_t i;
	char line[512];
	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->nvmas; i++) {
		const struct rvx_vma *v = &s->vmas[i];
		int n = snprintf(
		    line, sizeof line, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu%*s%s\n",
		    (unsigned long long)v->start, (unsigned long long)v->end, (v->prot & PROT_READ) ? 'r' : '-',
		    (v->prot & PROT_WRITE) ? 'w' : '-', (v->prot & PROT_EXEC) ? 'x' : '-',
		    (v->flags & VMA_SHARED) ? 's' : 'p', (unsigned long long)v->offset, (unsigned)(v->dev >> 8) & 0xfff,
		    (unsigned)v->dev & 0xff, (unsigned long long)v->ino, v->name ? 6 : 0, "", v->name ? v->name : "");
		if (write(fd, line, (size_t)n) != n) {
			pthread_mutex_unlock(&s->lock);
			return -EIO;
		}
	}
	pthread_mutex_unlock(&s->lock);
	return 0;
}

/* Whether some mapping in [addr, addr+len) has any of the prot bits or of the VMA_* flags */
static bool overlaps(struct rvx_space *s, uint64_t addr, uint64_t len, int prot, int flags)
{
	size_t i;
	bool hit = false;
	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->nvmas && !hit; i++)
		hit = s->vmas[i].start < addr + len && s->vmas[i].end > addr &&
		      ((s->vmas[i].prot & prot) || (s->vmas[i].flags & flags));
	pthread_mutex_unlock(&s->lock);
	return hit;
}

bool space_overlaps_prot(struct rvx_space *s, uint64_t addr, uint64_t len, int prot)
{
	return overlaps(s, addr, len, prot, 0);
}

bool space_overlaps_flags(struct rvx_space *s, uint64_t addr, uint64_t len, int flags)
{
	return overlaps(s, addr, len, 0, flags);
}
