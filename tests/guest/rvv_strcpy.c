// A vector strcpy's pass (vsetvli e8 m8, vle8ff.v, csrr vl, vmseq.vi, vfirst.m, vmsif.m or vmsbf.m
// into v0, vse8.v under v0.t), which the translator runs as one: a pass with no NUL (v0 all
// ones, the whole group stored) and passes with one at 0, 1, 63, 64, 65, 127 or at random, each
// checked for vfirst's result, the bytes stored (those past the mask untouched) and the masks
// left in v0 and v1; then passes whose store runs into an unmapped page, where the bytes before
// the page's end are stored and SIGSEGV names the first byte past it.
// qemu: rva23
// cflags: -march=rv64gcv
#include "check.h"

static long errors;

/* One pass from s to d: vfirst's result; v0 and v1 afterwards stored in masks[0] and masks[1] */
#define PASS(NAME, SET)                                                                                                \
	static long NAME(const uint8_t *s, uint8_t *d, uint8_t masks[2][16])                                           \
	{                                                                                                              \
		long first;                                                                                            \
		size_t vl;                                                                                             \
		__asm__ volatile("vsetvli %1, zero, e8, m8, ta, ma\n\tvle8ff.v v8, (%2)\n\tcsrr %1, vl\n\t"            \
				 "vmseq.vi v1, v8, 0\n\tvfirst.m %0, v1\n\t" SET " v0, v1\n\t"                         \
				 "vse8.v v8, (%3), v0.t\n\tvsm.v v0, (%4)\n\tvsm.v v1, (%5)"                           \
				 : "=&r"(first), "=&r"(vl)                                                             \
				 : "r"(s), "r"(d), "r"(masks[0]), "r"(masks[1])                                        \
				 : "memory");                                                                          \
		return first;                                                                                          \
	}
PASS(pass_sif, "vmsif.m")
PASS(pass_sbf, "vmsbf.m")

static void check(const char *what, int pos, long got, long want)
{
	if (got != want) {
		printf("%s, NUL at %d: %ld, expected %ld\n", what, pos, got, want);
		errors++;
	}
}

/* One pass over 128 bytes with a NUL at pos (-1: none), both forms */
static void one_pass(int pos, uint64_t *sum)
{
	uint8_t src[128], dst[160], masks[2][16], want[2][16];
	for (int i = 0; i < 128; i++)
		src[i] = (uint8_t)(1 + (unsigned)(i * 13 + pos + 1000) % 251);
	if (pos >= 0)
		src[pos] = 0;
	for (int form = 0; form < 2; form++) {
		int last = pos < 0 ? 127 : form ? pos - 1 : pos; /* the last byte stored */
		long first;
		memset(dst, 'y', sizeof dst);
		memset(masks, 0x5a, sizeof masks);
		memset(want, 0, sizeof want);
		for (int i = 0; i <= last; i++)
			want[0][i / 8] |= (uint8_t)(1u << (i % 8));
		if (pos >= 0)
			want[1][pos / 8] = (uint8_t)(1u << (pos % 8));
		first = form ? pass_sbf(src, dst, masks) : pass_sif(src, dst, masks);
		check("vfirst.m", pos, first, pos);
		check(form ? "bytes stored (vmsbf)" : "bytes stored (vmsif)", pos, memcmp(dst, src, (size_t)last + 1) != 0,
		      0);
		for (int i = last + 1; i < (int)sizeof dst; i++)
			if (dst[i] != 'y') {
				check("a byte past the mask stored", pos, i, -1);
				break;
			}
		check(form ? "v0 (vmsbf.m)" : "v0 (vmsif.m)", pos, memcmp(masks[0], want[0], 16) != 0, 0);
		check("v1 (vmseq.vi)", pos, memcmp(masks[1], want[1], 16) != 0, 0);
		*sum = *sum * 31 + (uint64_t)first + masks[0][pos < 0 ? 15 : pos / 8] + dst[last];
	}
}

int main(void)
{
	static const int places[] = {-1, 0, 1, 2, 31, 32, 63, 64, 65, 100, 126, 127};
	uint64_t sum = 0, x = 0x9e3779b97f4a7c15ull;
	uint8_t *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static uint8_t src[300];
	struct sigaction sa;
	if (page == MAP_FAILED || munmap(page + 4096, 4096))
		return 1;
	for (int round = 0; round < 20; round++)
		for (size_t k = 0; k < sizeof places / sizeof places[0]; k++)
			one_pass(places[k], &sum);
	for (int r = 0; r < 300; r++) { /* NULs at random, a third of the passes without one */
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		one_pass(x % 3 ? (int)((x >> 20) % 128) : -1, &sum);
	}
	printf("passes: %ld errors, sum %llx\n", errors, (unsigned long long)sum);

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fault_return;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	memset(src, 'a', sizeof src - 1);
	for (int room = 1; room <= 200; room += 33) { /* the store meets the page's end after room bytes */
		for (int rep = 0; rep < 8; rep++) {
			uint8_t *d = page + 4096 - room, masks[2][16];
			int stored = 0;
			fault_addr = 0;
			memset(page, 'y', 4096);
			if (!sigsetjmp(fault_back, 1)) {
				const uint8_t *s = src;
				while (pass_sif(s, d, masks) < 0)
					s += 128, d += 128;
				printf("room %d: no fault\n", room);
				errors++;
				break;
			}
			for (uint8_t *p = page + 4096 - room; p < page + 4096; p++)
				stored += *p == 'a';
			if (rep == 0)
				printf("room %d: %d bytes stored before the page's end, fault at end%+ld\n", room, stored,
				       (long)(fault_addr - (uintptr_t)(page + 4096)));
			if (stored != room || fault_addr != (uintptr_t)(page + 4096)) {
				printf("room %d, run %d: %d bytes stored, fault at end%+ld\n", room, rep, stored,
				       (long)(fault_addr - (uintptr_t)(page + 4096)));
				errors++;
			}
		}
	}
	printf("%ld errors\n", errors);
	return errors != 0;
}
