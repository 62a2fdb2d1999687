/* The blocks of each guest page: when the guest writes a page that holds code, only the blocks
 * made from it are checked, not every block (a JVM writes data next to its code thousands of
 * times a second). An open-addressed table of pages, each the head of a list of links to
 * blocks (their places in the cache's order); dead blocks leave their lists as the lists are
 * walked, and a flush empties it. Out of memory, it is broken until the flush, and its users
 * look at every block instead. Used under the cache's lock. */
#include <stdlib.h>

#include "internal.h"

#define NO_LINK UINT32_MAX

static size_t slot_of(uint64_t page, size_t cap)
{
	return (size_t)(((page >> 12) * 0x9e3779b97f4a7c15ull) >> 20) & (cap - 1);
}

/* The slot of page, or of the empty slot where it would go. */
static size_t find(const struct page_index *p, uint64_t page)
{
	size_t i = slot_of(page, p->cap);
	while (p->keys[i] && p->keys[i] != page + 1)
		i = (i + 1) & (p->cap - 1);
	return i;
}

static bool grow(struct page_index *p)
{
	size_t cap = p->cap ? p->cap * 2 : 1024, old = p->cap;
	uint64_t *keys = calloc(cap, sizeof *keys), *old_keys = p->keys;
	uint32_t *heads = malloc(cap * sizeof *heads), *old_heads = p->heads;
	if (!keys || !heads) {
		free(keys);
		free(heads);
		return false;
	}
	p->keys = keys;
	p->heads = heads;
	p->cap = cap;
	for (size_t i = 0; i < old; i++)
		if (old_keys[i]) {
			size_t k = find(p, old_keys[i] - 1);
			keys[k] = old_keys[i];
			heads[k] = old_heads[i];
		}
	free(old_keys);
	free(old_heads);
	return true;
}

void page_index_add(struct page_index *p, uint64_t page, uint32_t block)
{
	size_t i;
	if (p->broken || ((p->used + 1) * 2 > p->cap && !grow(p))) {
		p->broken = true;
		return;
	}
	if (p->nlinks == p->links_cap) {
		size_t cap = p->links_cap ? p->links_cap * 2 : 4096;
		struct page_link *links = realloc(p->links, cap * sizeof *links);
		if (!links || cap > NO_LINK) {
			p->broken = true;
			if (links)
				p->links = links;
			return;
		}
		p->links = links;
		p->links_cap = cap;
	}
	i = find(p, page);
	if (!p->keys[i]) {
		p->keys[i] = page + 1;
		p->heads[i] = NO_LINK;
		p->used++;
	}
	p->links[p->nlinks] = (struct page_link){block, p->heads[i]};
	p->heads[i] = (uint32_t)p->nlinks++;
}

struct jit_block **page_index_blocks(struct page_index *p, struct jit_block *const *order, uint64_t page, size_t *n)
{
	size_t i;
	uint32_t *at;
	*n = 0;
	if (p->broken)
		return NULL;
	if (!p->cap || !p->keys[i = find(p, page)])
		return p->found;
	for (at = &p->heads[i]; *at != NO_LINK;) {
		struct page_link *l = &p->links[*at];
		if (order[l->block]->dead) {
			*at = l->next; /* the link stays unused until the next flush */
			continue;
		}
		if (*n == p->found_cap) {
			size_t cap = p->found_cap ? p->found_cap * 2 : 256;
			struct jit_block **found = realloc(p->found, cap * sizeof *found);
			if (!found)
				return NULL;
			p->found = found;
			p->found_cap = cap;
		}
		p->found[(*n)++] = order[l->block];
		at = &l->next;
	}
	return p->found;
}

void page_index_clear(struct page_index *p)
{
	if (p->cap) {
		for (size_t i = 0; i < p->cap; i++)
			p->keys[i] = 0;
	}
	p->used = 0;
	p->nlinks = 0;
	p->broken = false;
}

void page_index_free(struct page_index *p)
{
	free(p->keys);
	free(p->heads);
	free(p->links);
	free(p->found);
	*p = (struct page_index){0};
}
