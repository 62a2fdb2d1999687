#include "random.h"

#include <string.h>
#include <sys/random.h>

uint64_t random_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

bool random_fill(const struct rvx_machine *m, uint64_t *state, void *buf, size_t n)
{
	uint8_t *p = buf;
	if (!m->cfg.seeded) {
		while (n) {
			ssize_t r = getrandom(p, n, 0);
			if (r <= 0)
				return false;
			p += r;
			n -= (size_t)r;
		}
		return true;
	}
	while (n) {
		uint64_t v = random_next(state);
		size_t k = n < sizeof v ? n : sizeof v;
		memcpy(p, &v, k);
		p += k;
		n -= k;
	}
	return true;
}
