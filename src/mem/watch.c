/* Write detection on guest pages that hold translated code and that the guest may write (a
 * guest JIT, code on an executable stack). Such a page is kept read-only on the host; the
 * guest's first write faults, the fault handler makes the page writable again and marks it
 * hit, and the translator then drops the translations whose code changed. The set is a
 * fixed open-addressed table shared with the fault handler, so a spinlock guards it (and the
 * host protection of its pages, which must change together with it). */
#include <errno.h>
#include <sys/mman.h>

#include "space.h"

#define WATCH_BITS  15
#define WATCH_SLOTS (1u << WATCH_BITS)
#define WATCH_MAX   (WATCH_SLOTS / 2) /* also bounds the host mappings that arming splits */

/* A slot: guest page | false-alarm count << 5 | guest prot << 2 | state; 0 when free. */
#define SLOT_PAGE(v)   ((v) & ~(RVX_PAGE_SIZE - 1))
#define SLOT_ALARMS(v) ((unsigned)((v) >> 5) & 15)
#define SLOT_PROT(v)   ((int)((v) >> 2) & 7)
#define SLOT_STATE(v)  ((int)(v)&3)

static uint64_t slot_make(uint64_t page, unsigned alarms, int prot, int state)
{
	return page | (uint64_t)(alarms > 15 ? 15 : alarms) << 5 | (uint64_t)(prot & 7) << 2 | (uint64_t)state;
}

static void spin_lock(int *l)
{
	while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
}

static void spin_unlock(int *l)
{
	__atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

static uint32_t home(uint64_t page)
{
	return (uint32_t)(((page >> 12) * 0x9e3779b97f4a7c15ull) >> (64 - WATCH_BITS));
}

static int64_t find(const struct rvx_space *s, uint64_t page)
{
	uint32_t i;
	for (i = home(page); s->watch[i]; i = (i + 1) & (WATCH_SLOTS - 1))
		if (SLOT_PAGE(s->watch[i]) == page)
			return i;
	return -1;
}

/* Deletes slot i, moving later entries of its probe run back so that no lookup stops early. */
static void erase(struct rvx_space *s, uint32_t i)
{
	uint32_t j = i;
	s->watch[i] = 0;
	for (;;) {
		uint32_t k;
		j = (j + 1) & (WATCH_SLOTS - 1);
		if (!s->watch[j])
			break;
		k = home(SLOT_PAGE(s->watch[j]));
		/* j's entry may move to i unless its home lies cyclically in (i, j] */
		if ((i <= j) ? (i < k && k <= j) : (i < k || k <= j))
			continue;
		s->watch[i] = s->watch[j];
		s->watch[j] = 0;
		i = j;
	}
	s->watch_len--;
}

static bool insert(struct rvx_space *s, uint64_t v)
{
	uint32_t i;
	if (s->watch_len >= WATCH_MAX) { /* full: forget a page nothing relies on */
		for (i = 0; i < WATCH_SLOTS && !(s->watch[i] && SLOT_STATE(s->watch[i]) == WATCH_IDLE); i++)
			;
		if (i == WATCH_SLOTS)
			return false;
		erase(s, i);
	}
	for (i = home(SLOT_PAGE(v)); s->watch[i]; i = (i + 1) & (WATCH_SLOTS - 1))
		;
	s->watch[i] = v;
	s->watch_len++;
	return true;
}

static bool arm(struct rvx_space *s, uint64_t page, int prot)
{
	if (mprotect(g2h(s, page), RVX_PAGE_SIZE, space_host_prot(prot & ~PROT_WRITE)) != 0)
		return false;
	__atomic_add_fetch(&s->narmed, 1, __ATOMIC_SEQ_CST);
	return true;
}

static void disarm(struct rvx_space *s, uint64_t page, int prot)
{
	mprotect(g2h(s, page), RVX_PAGE_SIZE, space_host_prot(prot));
	__atomic_sub_fetch(&s->narmed, 1, __ATOMIC_SEQ_CST);
}

int watch_init(struct rvx_space *s)
{
	void *t = mmap(NULL, WATCH_SLOTS * sizeof *s->watch, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (t == MAP_FAILED)
		return -ENOMEM;
	s->watch = t;
	return 0;
}

void watch_destroy(struct rvx_space *s)
{
	if (s->watch)
		munmap(s->watch, WATCH_SLOTS * sizeof *s->watch);
	s->watch = NULL;
}

int space_watch(struct rvx_space *s, uint64_t page)
{
	const struct rvx_vma *v;
	int r = WATCH_SEEN;
	pthread_mutex_lock(&s->lock);
	v = space_vma_locked(s, page);
	if (v && (v->prot & PROT_WRITE)) {
		int64_t i;
		spin_lock(&s->watch_lock);
		i = find(s, page);
		if (i < 0) {
			if (!insert(s, slot_make(page, 0, v->prot, WATCH_ARMED))) {
				r = WATCH_FULL;
			} else if (!arm(s, page, v->prot)) {
				erase(s, (uint32_t)find(s, page));
				r = WATCH_FULL;
			}
		} else if (SLOT_STATE(s->watch[i]) == WATCH_IDLE) {
			if (arm(s, page, v->prot))
				s->watch[i] = slot_make(page, SLOT_ALARMS(s->watch[i]), v->prot, WATCH_ARMED);
			else
				r = WATCH_FULL;
		}
		spin_unlock(&s->watch_lock);
	}
	if (r == WATCH_SEEN && (!v || (v->flags & VMA_SHARED)))
		r = WATCH_UNSEEN;
	pthread_mutex_unlock(&s->lock);
	return r;
}

bool space_watch_hit(struct rvx_space *s, uint64_t addr)
{
	uint64_t page = addr & ~(RVX_PAGE_SIZE - 1);
	bool retry = false;
	int64_t i;
	if (!s->watch)
		return false;
	spin_lock(&s->watch_lock);
	i = find(s, page);
	if (i >= 0 && (SLOT_PROT(s->watch[i]) & PROT_WRITE)) {
		uint64_t v = s->watch[i];
		if (SLOT_STATE(v) == WATCH_ARMED) {
			disarm(s, page, SLOT_PROT(v));
			s->watch[i] = slot_make(page, SLOT_ALARMS(v), SLOT_PROT(v), WATCH_HIT);
			s->hits = true;
		}
		retry = true; /* otherwise another thread disarmed it after this write faulted */
	}
	spin_unlock(&s->watch_lock);
	return retry;
}

/* Calls fn on each slot of a page in [a, b): page by page for a short range, else the table. */
static size_t each_in_range(struct rvx_space *s, uint64_t a, uint64_t b,
			    size_t (*fn)(struct rvx_space *, uint32_t, int), int arg)
{
	size_t n = 0;
	a &= ~(RVX_PAGE_SIZE - 1);
	if ((b - a) / RVX_PAGE_SIZE <= 256) {
		for (; a < b; a += RVX_PAGE_SIZE) {
			int64_t i = find(s, a);
			if (i >= 0)
				n += fn(s, (uint32_t)i, arg);
		}
	} else {
		uint32_t i = 0;
		while (i < WATCH_SLOTS) {
			uint64_t v = s->watch[i], p = SLOT_PAGE(v);
			if (v && p >= a && p < b) {
				n += fn(s, i, arg);
				if (SLOT_PAGE(s->watch[i]) != p)
					continue; /* erased: a later entry may have moved into i */
			}
			i++;
		}
	}
	return n;
}

static size_t release_one(struct rvx_space *s, uint32_t i, int unused)
{
	uint64_t v = s->watch[i];
	(void)unused;
	if (SLOT_STATE(v) != WATCH_ARMED)
		return 0;
	disarm(s, SLOT_PAGE(v), SLOT_PROT(v));
	s->watch[i] = slot_make(SLOT_PAGE(v), SLOT_ALARMS(v), SLOT_PROT(v), WATCH_HIT);
	s->hits = true;
	return 1;
}

size_t space_watch_release(struct rvx_space *s, uint64_t addr, uint64_t len)
{
	size_t n;
	if (!__atomic_load_n(&s->narmed, __ATOMIC_SEQ_CST) || !space_range_ok(s, addr, len))
		return 0;
	spin_lock(&s->watch_lock);
	n = each_in_range(s, addr, addr + len, release_one, 0);
	spin_unlock(&s->watch_lock);
	return n;
}

static size_t range_one(struct rvx_space *s, uint32_t i, int prot)
{
	uint64_t v = s->watch[i];
	if (SLOT_STATE(v) == WATCH_ARMED)
		__atomic_sub_fetch(&s->narmed, 1, __ATOMIC_SEQ_CST);
	if (!prot) {
		erase(s, i);
		return 1;
	}
	/* the caller's host mmap or mprotect makes the page what prot says; its translations are
	 * checked again (and the page re-armed if they live and it is writable) */
	s->watch[i] = slot_make(SLOT_PAGE(v), SLOT_ALARMS(v), prot, WATCH_HIT);
	s->hits = true;
	return 1;
}

void watch_range_changed(struct rvx_space *s, uint64_t a, uint64_t b, int prot)
{
	if (!s->watch || !s->watch_len)
		return;
	spin_lock(&s->watch_lock);
	each_in_range(s, a, b, range_one, prot);
	spin_unlock(&s->watch_lock);
}

size_t space_watch_take_hits(struct rvx_space *s, uint64_t *pages, unsigned *alarms, size_t max)
{
	size_t n = 0;
	uint32_t i;
	if (!s->watch_len)
		return 0;
	spin_lock(&s->watch_lock);
	for (i = 0; s->hits && i < WATCH_SLOTS && n < max; i++) {
		uint64_t v = s->watch[i];
		if (v && SLOT_STATE(v) == WATCH_HIT) {
			pages[n] = SLOT_PAGE(v);
			alarms[n++] = SLOT_ALARMS(v);
			s->watch[i] = slot_make(SLOT_PAGE(v), SLOT_ALARMS(v), SLOT_PROT(v), WATCH_IDLE);
		}
	}
	if (i == WATCH_SLOTS) /* all taken (a hit after it is in a slot it looked at, or sets hits again) */
		s->hits = false;
	spin_unlock(&s->watch_lock);
	return n;
}

bool space_watch_rearm(struct rvx_space *s, uint64_t page, unsigned alarms)
{
	const struct rvx_vma *v;
	bool seen = true;
	int64_t i;
	pthread_mutex_lock(&s->lock);
	v = space_vma_locked(s, page);
	spin_lock(&s->watch_lock);
	i = find(s, page);
	if (i >= 0 && SLOT_STATE(s->watch[i]) == WATCH_IDLE) { /* hit again meanwhile: the next round */
		int prot = SLOT_PROT(s->watch[i]);
		int state = WATCH_IDLE;
		if (v && (v->prot & PROT_WRITE)) {
			seen = arm(s, page, v->prot);
			if (seen)
				state = WATCH_ARMED;
			prot = v->prot;
		}
		s->watch[i] = slot_make(page, alarms, prot, state);
	}
	seen = seen && v && !(v->flags & VMA_SHARED);
	spin_unlock(&s->watch_lock);
	pthread_mutex_unlock(&s->lock);
	return seen;
}

void space_watch_settle(struct rvx_space *s, uint64_t page, unsigned alarms, bool keep)
{
	int64_t i;
	spin_lock(&s->watch_lock);
	i = find(s, page);
	if (i >= 0) {
		uint64_t v = s->watch[i];
		int state = SLOT_STATE(v);
		if (state == WATCH_ARMED && !keep) {
			disarm(s, page, SLOT_PROT(v));
			state = WATCH_IDLE;
		}
		s->watch[i] = slot_make(page, alarms, SLOT_PROT(v), state);
	}
	spin_unlock(&s->watch_lock);
}
