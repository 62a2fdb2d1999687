/* The write-watch set of src/mem/watch.c on a real guest address space: armed pages fault on a
 * write and no longer after a hit; unmapping half of thousands of pages (deletions inside probe
 * runs) loses none of the others; a page made read-only is no longer one the handler may let
 * through; a page taken to be checked is armed again first, and disarmed when no code relies on
 * it; shared pages are not ones whose every write is seen. Prints PASS/FAIL lines; exits
 * non-zero on a failure. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "mem/space.h"

#define NPAGES 6000

static sigjmp_buf caught;

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(caught, 1);
}

static bool write_faults(struct rvx_space *s, uint64_t addr)
{
	volatile uint8_t *p = g2h(s, addr);
	if (sigsetjmp(caught, 1))
		return true;
	*p = 1;
	return false;
}

static int failures;

static void check(bool ok, const char *what)
{
	printf("%s watch-table: %s\n", ok ? "PASS" : "FAIL", what);
	failures += !ok;
}

int main(void)
{
	struct rvx_space s;
	uint64_t base = 0x100000, pages[64];
	unsigned alarms[64];
	size_t i, n, taken = 0;
	bool ok;
	signal(SIGSEGV, on_segv);
	if (space_init(&s, 1ull << 34) != 0 ||
	    space_map(&s, base, NPAGES * RVX_PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0, NULL) != (int64_t)base) {
		printf("FAIL watch-table: cannot set up a guest space\n");
		return 1;
	}
	for (ok = true, i = 0; i < NPAGES; i++)
		ok &= space_watch(&s, base + i * RVX_PAGE_SIZE) == WATCH_SEEN;
	check(ok && s.narmed == NPAGES, "every writable page is armed, its writes seen");
	check(write_faults(&s, base + 5 * RVX_PAGE_SIZE + 100), "a write to an armed page faults");
	check(space_watch_hit(&s, base + 5 * RVX_PAGE_SIZE + 100) && !write_faults(&s, base + 5 * RVX_PAGE_SIZE),
	      "after the hit the page takes the write");
	for (i = 1; i < NPAGES; i += 2)
		space_unmap(&s, base + i * RVX_PAGE_SIZE, RVX_PAGE_SIZE);
	for (ok = true, i = 0; i < NPAGES; i++) {
		uint64_t a = base + i * RVX_PAGE_SIZE;
		/* odd pages are gone; each even one is still known (hit: it was armed or page 5's hit) */
		ok &= (i & 1) ? !space_watch_hit(&s, a) : space_watch_hit(&s, a);
	}
	check(ok, "unmapping half the pages loses none of the others");
	check(s.narmed == 0, "no page stays armed after its hit");
	while ((n = space_watch_take_hits(&s, pages, alarms, 64)) > 0)
		taken += n;
	check(taken == NPAGES / 2, "every hit page is taken once");
	space_watch(&s, base);
	space_protect(&s, base, RVX_PAGE_SIZE, PROT_READ | PROT_EXEC);
	check(!space_watch_hit(&s, base) && write_faults(&s, base), "a read-only page's write is the guest's fault");
	space_protect(&s, base, RVX_PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC);
	check(space_watch_take_hits(&s, pages, alarms, 64) == 1 && pages[0] == base,
	      "making a watched page writable again asks for its code to be checked");
	check(space_watch_rearm(&s, base, 0) && s.narmed == 1 && write_faults(&s, base),
	      "a page taken to be checked is armed again before the check");
	space_watch_settle(&s, base, 0, true);
	check(s.narmed == 1 && write_faults(&s, base), "settling a page whose code lives keeps it armed");
	space_watch_hit(&s, base);
	space_watch_take_hits(&s, pages, alarms, 64);
	space_watch_rearm(&s, base, 0);
	space_watch_settle(&s, base, 1, false);
	check(s.narmed == 0 && !write_faults(&s, base), "settling a page no code relies on disarms it");
	space_map(&s, base + RVX_PAGE_SIZE, RVX_PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
		  MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0, NULL);
	check(space_watch(&s, base + RVX_PAGE_SIZE) == WATCH_UNSEEN, "a shared page's writes may go unseen");
	space_protect(&s, base + 2 * RVX_PAGE_SIZE, RVX_PAGE_SIZE, PROT_READ | PROT_EXEC);
	n = s.narmed;
	check(space_watch(&s, base + 2 * RVX_PAGE_SIZE) == WATCH_SEEN && s.narmed == n,
	      "a private read-only page is not armed, and changes only by a map change");
	space_destroy(&s);
	return failures != 0;
}
