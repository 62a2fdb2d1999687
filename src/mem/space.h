/* The guest address space: one reserved host range; guest address = host address - base. */
#ifndef RVX_MEM_SPACE_H
#define RVX_MEM_SPACE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RVX_PAGE_SIZE     4096ull
#define RVX_PAGE_ALIGN(x) (((x) + RVX_PAGE_SIZE - 1) & ~(RVX_PAGE_SIZE - 1))

/* Guest-visible flags of a mapping, besides PROT_*. */
enum { VMA_SHARED = 1, VMA_FILE = 2, VMA_STACK = 4, VMA_HEAP = 8 };

struct rvx_vma {
	uint64_t start, end; /* guest addresses, page aligned, end exclusive */
	int prot;            /* guest PROT_* bits */
	int flags;           /* VMA_* */
	uint64_t offset;     /* file offset of start, for /proc/self/maps */
	uint64_t dev, ino;
	char *name; /* file path or [heap]/[stack], may be NULL */
};

struct rvx_space {
	uint8_t *base;     /* host address of guest address 0 */
	uint64_t size;     /* guest addresses are below this */
	uint64_t mmap_top; /* top-down search for mmap(NULL) starts here */
	struct rvx_vma *vmas;
	size_t nvmas, cap;
	pthread_mutex_t lock;
};

int space_init(struct rvx_space *s, uint64_t size);
void space_destroy(struct rvx_space *s);

static inline void *g2h(const struct rvx_space *s, uint64_t addr)
{
	return s->base + addr;
}

static inline bool space_range_ok(const struct rvx_space *s, uint64_t addr, uint64_t len)
{
	return addr < s->size && len <= s->size - addr;
}

/* mmap in guest terms: returns the guest address or a negative errno. */
int64_t space_map(struct rvx_space *s, uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off,
		  const char *name);
int space_unmap(struct rvx_space *s, uint64_t addr, uint64_t len);
int space_protect(struct rvx_space *s, uint64_t addr, uint64_t len, int prot);
int64_t space_remap(struct rvx_space *s, uint64_t old, uint64_t old_len, uint64_t new_len, int flags,
		    uint64_t new_addr);
/* Copies the mapping at addr (false when unmapped). */
bool space_query(struct rvx_space *s, uint64_t addr, struct rvx_vma *out);
/* True when every page of [addr, addr+len) is mapped with at least prot. */
bool space_check(struct rvx_space *s, uint64_t addr, uint64_t len, int prot);
/* Finds a free gap of len bytes at or below top; 0 when there is none. */
uint64_t space_find_free(struct rvx_space *s, uint64_t len, uint64_t top);
/* True when some mapping in [addr, addr+len) has any of the prot bits. */
bool space_overlaps_prot(struct rvx_space *s, uint64_t addr, uint64_t len, int prot);
/* Writes /proc/self/maps text for the guest into fd. */
int space_write_maps(struct rvx_space *s, int fd);
/* Renames/marks the mapping covering [start,end), e.g. [heap] or [stack]. */
void space_set_name(struct rvx_space *s, uint64_t start, uint64_t end, const char *name, int flags);

#endif
