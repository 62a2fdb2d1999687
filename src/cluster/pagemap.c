/* Page-keyed hash map: linear probing, deletion by backward shift, grows at 1/2 full. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "internal.h"

static size_t slot_of(const struct pagemap *pm, uint64_t key)
{
	return (size_t)((key >> 12) * 0x9e3779b97f4a7c15ull >> 20) & (pm->cap - 1);
}

uint64_t *pagemap_get(struct pagemap *pm, uint64_t key)
{
	size_t i;
	if (!pm->cap)
		return NULL;
	for (i = slot_of(pm, key); pm->keys[i]; i = (i + 1) & (pm->cap - 1))
		if (pm->keys[i] == key)
			return &pm->vals[i];
	return NULL;
}

/* A large table is fresh zero pages, which its probes would read in (the shared zero page)
 * and its stores then fault again one by one; populated writable at once, in the kernel: about
 * 1 us a page against two faults of 10 us on the machines measured (a 256 MiB stream's maps
 * grew through 12 MiB). */
static void populate(void *p, size_t bytes)
{
	uintptr_t lo = ((uintptr_t)p + 4095) & ~(uintptr_t)4095, hi = ((uintptr_t)p + bytes) & ~(uintptr_t)4095;
	if (bytes >= 64 * 1024 && hi > lo)
		madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE); /* an older kernel: faults as before */
}

static bool grow(struct pagemap *pm)
{
	struct pagemap n = {0};
	size_t i;
	n.cap = pm->cap ? pm->cap * 2 : 1024;
	n.keys = calloc(n.cap, sizeof *n.keys);
	n.vals = calloc(n.cap, sizeof *n.vals);
	if (n.keys && n.vals) {
		populate(n.keys, n.cap * sizeof *n.keys);
		populate(n.vals, n.cap * sizeof *n.vals);
	}
	if (!n.keys || !n.vals) {
		free(n.keys);
		free(n.vals);
		return false;
	}
	for (i = 0; i < pm->cap; i++)
		if (pm->keys[i])
			*pagemap_put(&n, pm->keys[i], 0) = pm->vals[i];
	free(pm->keys);
	free(pm->vals);
	*pm = n;
	return true;
}

uint64_t *pagemap_put(struct pagemap *pm, uint64_t key, uint64_t init)
{
	uint64_t *v = pagemap_get(pm, key);
	size_t i;
	if (v)
		return v;
	if ((pm->n + 1) * 2 > pm->cap && !grow(pm))
		return NULL;
	for (i = slot_of(pm, key); pm->keys[i]; i = (i + 1) & (pm->cap - 1))
		;
	pm->keys[i] = key;
	pm->vals[i] = init;
	pm->n++;
	return &pm->vals[i];
}

static void del_slot(struct pagemap *pm, size_t i)
{
	size_t j = i, mask = pm->cap - 1;
	pm->keys[i] = 0;
	pm->n--;
	/* move back each following entry whose home slot is not between the hole and it */
	for (;;) {
		size_t home;
		j = (j + 1) & mask;
		if (!pm->keys[j])
			return;
		home = slot_of(pm, pm->keys[j]);
		if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
			pm->keys[i] = pm->keys[j];
			pm->vals[i] = pm->vals[j];
			pm->keys[j] = 0;
			i = j;
		}
	}
}

void pagemap_del(struct pagemap *pm, uint64_t key)
{
	uint64_t *v = pagemap_get(pm, key);
	if (v)
		del_slot(pm, (size_t)(v - pm->vals));
}

void pagemap_del_range(struct pagemap *pm, uint64_t lo, uint64_t hi, void (*fn)(void *arg, uint64_t key, uint64_t val),
		       void *arg)
{
	size_t i = 0;
	if (hi - lo <= 64 * 4096ull) { /* a few pages: look them up */
		for (uint64_t p = lo; p < hi; p += 4096) {
			uint64_t *v = pagemap_get(pm, p);
			if (v) {
				if (fn)
					fn(arg, p, *v);
				del_slot(pm, (size_t)(v - pm->vals));
			}
		}
		return;
	}
	while (i < pm->cap) {
		if (pm->keys[i] && pm->keys[i] >= lo && pm->keys[i] < hi) { /* key 0: an empty slot */
			if (fn)
				fn(arg, pm->keys[i], pm->vals[i]);
			del_slot(pm, i); /* an entry may have moved into slot i: look again */
			continue;
		}
		i++;
	}
}

void pagemap_free(struct pagemap *pm)
{
	free(pm->keys);
	free(pm->vals);
	pm->keys = pm->vals = NULL;
	pm->cap = pm->n = 0;
}
