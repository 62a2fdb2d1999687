/* Blocks that go on past forward branches. After a block's first runs (interpreted, under the
 * default tiers of the dynamic build), the translator continues it at each forward branch along
 * the way those runs took, the not-taken way or the taken one, the other way a side exit. Each
 * function here is trained one way for many calls, then called where its branches go the other
 * way: with sixteen values live (the block's registers reallocated), with a load that faults
 * right after a trained branch (every value must survive the fault: each goes into the result),
 * and in a loop whose exit and inner if were trained never to be taken. A timer signal arrives
 * throughout. Results are printed for qemu-riscv64 to check. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/time.h>

#include "check.h"

static volatile uint64_t faults, ticks;
static uint8_t *none;

/* the access runs again once the page can be read (it reads 0) */
static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	faults++;
	mprotect(none, 4096, PROT_READ);
	(void)sig;
	(void)si;
	(void)ucv;
}

static void on_tick(int sig)
{
	ticks++;
	(void)sig;
}

static uint64_t __attribute__((noinline)) twist(uint64_t v)
{
	return (v ^ (v >> 31)) * 0x9e3779b97f4a7c15ull;
}

/* sixteen values live across branches that training never takes; the load by p faults when p
 * is the inaccessible page */
static uint64_t __attribute__((noinline)) hungry(const uint64_t *v, unsigned flags, const volatile uint64_t *p)
{
	uint64_t a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
	uint64_t i = v[8], j = v[9], k = v[10], l = v[11], m = v[12], n = v[13], o = v[14], q = v[15];
	a += b * c;
	d ^= e + f;
	if (flags & 1) {
		a = twist(a + q);
		b ^= a;
	}
	g += h * i;
	j -= k ^ l;
	if (flags & 2) {
		m = twist(m) + n;
		c += m;
	}
	o += *p; /* may fault: every value above is live here */
	n ^= o + q;
	if (flags & 4) {
		i = twist(i ^ j);
		e -= i;
	}
	q += a ^ b ^ c ^ d;
	return a + b * 3 + c * 5 + d * 7 + e * 11 + f * 13 + g * 17 + h * 19 + i * 23 + j * 29 + k * 31 + l * 37 +
	       m * 41 + n * 43 + o * 47 + q * 53;
}

/* a loop whose exit and inner if were trained never to be taken */
static uint64_t __attribute__((noinline)) scan(const uint64_t *a, int n, uint64_t marker, uint64_t odd)
{
	uint64_t s = 0;
	for (int i = 0; i < n; i++) {
		s += a[i] * 0x100000001b3ull;
		if (a[i] == marker)
			break;
		if (a[i] == odd)
			s = twist(s);
		s ^= s >> 7;
	}
	return s;
}

int main(void)
{
	uint64_t v[16], arr[64], h = 0;
	static const volatile uint64_t one = 1;
	struct itimerval every = {{0, 100}, {0, 100}};
	none = fault_page(on_segv);
	CHECK(none != NULL);
	signal(SIGALRM, on_tick);
	setitimer(ITIMER_REAL, &every, NULL);
	for (int i = 0; i < 16; i++)
		v[i] = twist((uint64_t)i + 1);
	for (int i = 0; i < 64; i++)
		arr[i] = twist((uint64_t)i * 7 + 3);
	for (int r = 0; r < 60; r++) { /* training: the branches fall through */
		v[r & 15] += (uint64_t)r;
		h = hash_mix(h, hungry(v, 0, &one));
		h = hash_mix(h, scan(arr, 64, 0, 1));
	}
	printf("trained %016llx\n", (unsigned long long)h);
	for (unsigned flags = 0; flags < 8; flags++) {
		uint64_t a = hungry(v, flags, &one), b;
		CHECK(mprotect(none, 4096, PROT_NONE) == 0);
		b = hungry(v, flags, (const volatile uint64_t *)(void *)none);
		printf("flags %u: %016llx faulting %016llx\n", flags, (unsigned long long)a, (unsigned long long)b);
	}
	CHECK(faults == 8);
	for (int at = 0; at < 64; at += 9) /* the exit taken at each place, the if at another */
		printf("exit at %d: %016llx %016llx\n", at, (unsigned long long)scan(arr, 64, arr[at], 0),
		       (unsigned long long)scan(arr, 64, 0, arr[63 - at]));
	return 0;
}
