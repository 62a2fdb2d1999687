/* shared_atomics.c with its MAP_SHARED page mapped read-only and then made writable by mprotect
 * (a read-only shared mapping, like glibc's gconv cache, does not make translated AMOs lock:
 * the mprotect must). */
#define SHARED_BY_MPROTECT
#include "shared_atomics.c"
