/* A quiet compare (frflags x; flt.d; fsflags x) followed by a branch whose other way writes x
 * before reading it: the translator leaves x unwritten there, and every way out before that
 * write must still show x = fflags as frflags read them, although an FP operation raised more
 * flags since: a host fault on a PROT_NONE page, an address outside the guest space, an AMO
 * the interpreter runs, and the branch taken; and with a quiet or signaling NaN compared, which
 * must raise nothing. Many rounds, so that the blocks are translated. */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>

#include "check.h"

static volatile uint64_t seen;
static volatile int faults;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	uint16_t lo = *(const uint16_t *)uc->uc_mcontext.__gregs[0];
	(void)sig;
	(void)si;
	seen = uc->uc_mcontext.__gregs[14]; /* a4 */
	uc->uc_mcontext.__gregs[0] += (lo & 3) == 3 ? 4 : 2;
	faults++;
}

/* fflags = fl; then the quiet compare of x and y into a4 and a5, a multiply that raises NX, the
 * access, and a4 = 0: returns a4 after (fl when the branch is taken) */
#define QUIET(name, access)                                                                             \
	static uint64_t name(uint64_t fl, double x, double y, void *p)                                  \
	{                                                                                               \
		uint64_t out;                                                                           \
		double third = 1.0 / 3.0;                                                               \
		__asm__ volatile("fsflags %[fl]\n\t"                                                    \
				 "frflags a4\n\t"                                                       \
				 "flt.d a5, %[x], %[y]\n\t"                                             \
				 "fsflags a4\n\t"                                                       \
				 "bnez a5, 1f\n\t"                                                      \
				 "fmul.d ft0, %[t], %[t]\n\t" access "\n\t"                             \
				 "li a4, 0\n"                                                           \
				 "1:\n\t"                                                               \
				 "mv %[out], a4\n\t"                                                    \
				 "fsflags zero"                                                         \
				 : [out] "=r"(out)                                                      \
				 : [fl] "r"(fl), [x] "f"(x), [y] "f"(y), [t] "f"(third), [p] "r"(p)     \
				 : "a4", "a5", "t0", "t1", "ft0", "memory");                            \
		return out;                                                                     \
	}

QUIET(host_fault, "ld t0, 0(%[p])")
QUIET(amo_fault, "li t1, 1\n\tamomax.d t0, t1, (%[p])")

int main(void)
{
	uint8_t *none = fault_page(on_segv);
	void *outside = (void *)(1ull << 62);
	uint64_t h = 0;
	CHECK(none);
	for (int round = 0; round < 200; round++) {
		uint64_t fl = (uint64_t)round % 32;
		int before = faults;
		seen = ~0ull;
		CHECK(host_fault(fl, 2.0, 1.0, none) == 0 && faults == before + 1 && seen == fl);
		seen = ~0ull;
		CHECK(host_fault(fl, 2.0, 1.0, outside) == 0 && faults == before + 2 && seen == fl);
		seen = ~0ull;
		CHECK(amo_fault(fl, 2.0, 1.0, none) == 0 && faults == before + 3 && seen == fl);
		CHECK(host_fault(fl, 1.0, 2.0, none) == fl && faults == before + 3);
		CHECK(amo_fault(fl, 1.0, 2.0, none) == fl && faults == before + 3);
		for (int k = 0; k < 2; k++) {
			uint64_t bits = k ? 0x7ff4000000000000ull : 0x7ff8000000000000ull; /* sNaN, qNaN */
			double nan;
			memcpy(&nan, &bits, sizeof nan);
			seen = ~0ull;
			CHECK(host_fault(fl, nan, 1.0, none) == 0 && faults == before + 4 + 2 * k && seen == fl);
			seen = ~0ull;
			CHECK(host_fault(fl, 1.0, nan, outside) == 0 && faults == before + 5 + 2 * k && seen == fl);
		}
		h = hash_mix(h, seen);
	}
	printf("%d faults, frflags exact at each: %016llx\n", faults, (unsigned long long)h);
	return 0;
}
