/* CHECK(cond): a guest test's own assertion; prints the line and fails the program. */
#ifndef RVX_TEST_CHECK_H
#define RVX_TEST_CHECK_H

#include <errno.h>
#include <stdio.h>

#define CHECK(c)                                                                                \
	do {                                                                                    \
		if (!(c)) {                                                                     \
			printf("check failed line %d: %s (errno %d)\n", __LINE__, #c, errno);   \
			return 1;                                                               \
		}                                                                               \
	} while (0)

#endif
