/* The guest address space: one reserved host range; guest address = host address - base. */
#ifndef RVX_MEM_SPACE_H
#define RVX_MEM_SPACE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

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
	/* Writable pages that hold translated code, kept read-only on the host so that a guest
	 * write faults and is seen (watch.c): an open-addressed set of page | prot | state. */
	uint64_t *watch;
	int watch_lock;     /* spinlock: taken in the fault handler too */
	uint32_t watch_len; /* slots in use */
	uint32_t narmed;    /* pages read-only on the host now (atomic) */
	bool hits;          /* a slot may be hit (under watch_lock): space_watch_take_hits looks */
	/* Cluster mode: every mapping is anonymous memory (file contents are read in), so that
	 * pages can move between ranks; mremap cannot move or grow one. */
	bool anon_only;
	/* Called after a mapping changes (SPACE_CHANGE_* op), outside the lock: the cluster
	 * makes every rank follow. seq numbers the changes in the order they were made (1, 2, ...;
	 * 0: a change of nothing in the map, riscv_flush_icache's), which two threads may reach
	 * the call in reverse. */
	void (*on_change)(void *arg, int op, uint64_t addr, uint64_t len, int prot, uint64_t seq);
	void *on_change_arg;
	uint64_t change_seq; /* the last seq given, under the lock */
};

/* SPACE_CHANGE_WIDEN: a protection change that only adds rights; SPACE_CHANGE_CODE: guest code
 * in the range may have changed (riscv_flush_icache). */
enum {
	SPACE_CHANGE_MAP = 1,
	SPACE_CHANGE_UNMAP,
	SPACE_CHANGE_PROTECT,
	SPACE_CHANGE_WIDEN,
	SPACE_CHANGE_DISCARD,
	SPACE_CHANGE_CODE
};

int space_init(struct rvx_space *s, uint64_t size);
void space_destroy(struct rvx_space *s);

/* Reserved host pages on either side of the guest space: an access at most this far outside it
 * faults instead of reaching the host's own memory (the translator relies on it to check a
 * base register once for several accesses at small offsets from it). */
#define RVX_SPACE_GUARD (64ull << 10)

/* True when a host fault at guest address addr (wrapped) lies in the space or its guards. */
static inline bool space_fault_addr_ok(const struct rvx_space *s, uint64_t addr)
{
	return addr + RVX_SPACE_GUARD < s->size + 2 * RVX_SPACE_GUARD;
}

static inline void *g2h(const struct rvx_space *s, uint64_t addr)
{
	return s->base + addr;
}

static inline bool space_range_ok(const struct rvx_space *s, uint64_t addr, uint64_t len)
{
	return addr < s->size && len <= s->size - addr;
}

/* The host protection of a guest mapping: guest code is read by the tiers, never executed. */
static inline int space_host_prot(int prot)
{
	return (prot & (PROT_READ | PROT_WRITE)) | ((prot & PROT_EXEC) ? PROT_READ : 0);
}

/* mmap in guest terms: returns the guest address or a negative errno. */
int64_t space_map(struct rvx_space *s, uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off,
		  const char *name);
int space_unmap(struct rvx_space *s, uint64_t addr, uint64_t len);
int space_protect(struct rvx_space *s, uint64_t addr, uint64_t len, int prot);
/* madvise(MADV_DONTNEED) on private memory: the pages read as zero or the file again. */
int space_discard(struct rvx_space *s, uint64_t addr, uint64_t len, int advice);
int64_t space_remap(struct rvx_space *s, uint64_t old, uint64_t old_len, uint64_t new_len, int flags,
		    uint64_t new_addr);
/* Copies the mapping at addr (false when unmapped). */
bool space_query(struct rvx_space *s, uint64_t addr, struct rvx_vma *out);
/* The same, or false at once when another thread holds the space (for a thread that some holder
 * may wait for). */
bool space_query_nowait(struct rvx_space *s, uint64_t addr, struct rvx_vma *out);
/* The mapping at addr when it maps a file (by absolute path), with its path copied to name. */
bool space_query_file(struct rvx_space *s, uint64_t addr, struct rvx_vma *out, char *name, size_t size);
/* Writes guest memory whatever its protection (a debugger's or a plugin's write). */
bool space_poke(struct rvx_space *s, uint64_t addr, const void *buf, size_t len);
/* The same for an executable mapping only (else an empty one in *out): the window the tiers fetch a block from without
 * asking again (taking the lock) for every instruction. */
bool space_exec_vma(struct rvx_space *s, uint64_t addr, struct rvx_vma *out);
/* True when every page of [addr, addr+len) is mapped with at least prot. */
bool space_check(struct rvx_space *s, uint64_t addr, uint64_t len, int prot);
/* Finds a free gap of len bytes at or below top; 0 when there is none. */
uint64_t space_find_free(struct rvx_space *s, uint64_t len, uint64_t top);
/* True when some mapping in [addr, addr+len) has any of the prot bits. */
bool space_overlaps_prot(struct rvx_space *s, uint64_t addr, uint64_t len, int prot);
/* True when some mapping in [addr, addr+len) has any of the VMA_* flags. */
bool space_overlaps_flags(struct rvx_space *s, uint64_t addr, uint64_t len, int flags);
/* Writes /proc/self/maps text for the guest into fd. */
int space_write_maps(struct rvx_space *s, int fd);
/* Write detection on pages holding translated code. A page is armed (read-only on the host
 * while the guest may write it), hit (written since: its translations must be checked; the
 * host page is writable again) or idle (nothing relies on it). */
enum { WATCH_ARMED = 1, WATCH_HIT = 2, WATCH_IDLE = 3 };
/* Arms the page (guest address, page aligned) when the guest may write it; a hit page stays
 * hit. WATCH_SEEN when every change of the page's bytes is seen from now on (a guest write
 * faults, or the page is private and not writable, so that changing it takes a map change),
 * WATCH_UNSEEN when another mapping or process may write it (shared memory), WATCH_FULL when
 * the table is full. */
enum { WATCH_SEEN = 1, WATCH_UNSEEN = 0, WATCH_FULL = -1 };
int space_watch(struct rvx_space *s, uint64_t page);
/* From the SIGSEGV handler, for a write fault at addr: true when addr is in a watched page,
 * which is writable again (the write can be retried). Async-signal-safe. */
bool space_watch_hit(struct rvx_space *s, uint64_t addr);
/* Before the kernel writes guest memory (it would fail with EFAULT on an armed page): marks
 * the armed pages of [addr, addr+len) hit. Returns how many. */
size_t space_watch_release(struct rvx_space *s, uint64_t addr, uint64_t len);
/* Takes up to max hit pages, which become idle, with the count of hits that changed no code
 * each page had (kept for space_watch_settle). */
size_t space_watch_take_hits(struct rvx_space *s, uint64_t *pages, unsigned *alarms, size_t max);
/* Re-arms a page space_watch_take_hits took, before its translations are checked (a write
 * from then on is a hit again); false when a write to it could go unseen after all. */
bool space_watch_rearm(struct rvx_space *s, uint64_t page, unsigned alarms);
/* After the check: records the page's false-alarm count, and disarms it when no translation
 * relies on it any more. */
void space_watch_settle(struct rvx_space *s, uint64_t page, unsigned alarms, bool keep);
/* Internal to space.c: a mapping change over [a,b) with new guest prot (0: unmapped) makes
 * armed pages there hit (the caller sets the host protection). */
const struct rvx_vma *space_vma_locked(struct rvx_space *s, uint64_t addr);
void watch_range_changed(struct rvx_space *s, uint64_t a, uint64_t b, int prot);
int watch_init(struct rvx_space *s);
void watch_destroy(struct rvx_space *s);

/* Renames/marks the mapping covering [start,end), e.g. [heap] or [stack]. */
void space_set_name(struct rvx_space *s, uint64_t start, uint64_t end, const char *name, int flags);
/* Records that the mapping covering [start,end) shows the file at path from offset on (a
 * cluster rank's copy of the master's mapping, whose pages come from the master). */
void space_set_file(struct rvx_space *s, uint64_t start, uint64_t end, const char *path, uint64_t offset);

#endif
