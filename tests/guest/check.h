/* CHECK(cond): a guest test's own assertion; prints the line and fails the program. */
#ifndef RVX_TEST_CHECK_H
#define RVX_TEST_CHECK_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#define CHECK(c)                                                                                \
	do {                                                                                    \
		if (!(c)) {                                                                     \
			printf("check failed line %d: %s (errno %d)\n", __LINE__, #c, errno);   \
			return 1;                                                               \
		}                                                                               \
	} while (0)

/* Folds v into a running hash so that a difference in any bit of any value shows (a plain
 * multiply only carries bits upward: two wrong sign bits would cancel). */
static inline uint64_t hash_mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 29);
}

#endif
