// Whole unit-stride stores of register groups (e8 m8, e32 m4, e64 m2: 128, 64 and 32 bytes at
// VLEN 128) that run into an unmapped page: the elements before the page's end are stored,
// SIGSEGV names the first byte past it and the bytes before the store stay as they were. The
// translator stores such groups 64 bytes at a time, which the host does wholly or not at all;
// many rounds, so that the blocks are translated.
// qemu: rva23
// cflags: -march=rv64gcv
#include "check.h"

static void store_e8m8(const uint8_t *s, uint8_t *d)
{
	__asm__ volatile("vsetvli t0, zero, e8, m8, ta, ma\n\tvle8.v v8, (%0)\n\tvse8.v v8, (%1)"
			 :
			 : "r"(s), "r"(d)
			 : "t0", "memory");
}

static void store_e32m4(const uint8_t *s, uint8_t *d)
{
	__asm__ volatile("vsetvli t0, zero, e32, m4, ta, ma\n\tvle32.v v8, (%0)\n\tvse32.v v8, (%1)"
			 :
			 : "r"(s), "r"(d)
			 : "t0", "memory");
}

static void store_e64m2(const uint8_t *s, uint8_t *d)
{
	__asm__ volatile("vsetvli t0, zero, e64, m2, ta, ma\n\tvle64.v v8, (%0)\n\tvse64.v v8, (%1)"
			 :
			 : "r"(s), "r"(d)
			 : "t0", "memory");
}

int main(void)
{
	static const struct {
		const char *name;
		void (*fn)(const uint8_t *, uint8_t *);
		int bytes, elem;
	} forms[] = {{"e8 m8", store_e8m8, 128, 1}, {"e32 m4", store_e32m4, 64, 4}, {"e64 m2", store_e64m2, 32, 8}};
	uint8_t *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static uint8_t src[128] __attribute__((aligned(8)));
	volatile long errors = 0; /* kept across the siglongjmp */
	if (page == MAP_FAILED || munmap(page + 4096, 4096))
		return 1;
	for (int i = 0; i < 128; i++)
		src[i] = (uint8_t)(i * 7 + 1);
	catch_faults();
	for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
		for (int room = forms[f].elem; room < forms[f].bytes; room += forms[f].elem * 3) {
			for (int rep = 0; rep < 8; rep++) {
				uint8_t *d = page + 4096 - room;
				int stored = 0, outside = 0;
				memset(page, 'y', 4096);
				fault_addr = 0;
				if (!sigsetjmp(fault_back, 1)) {
					forms[f].fn(src, d);
					printf("%s, room %d: no fault\n", forms[f].name, room);
					errors++;
					break;
				}
				for (int i = 0; i < room; i++)
					stored += d[i] == src[i];
				for (uint8_t *p = page; p < d; p++)
					outside += *p != 'y';
				if (rep == 0)
					printf("%s, room %d: %d bytes stored, fault at end%+ld\n", forms[f].name, room,
					       stored, (long)(fault_addr - (uintptr_t)(page + 4096)));
				if (stored != room || outside || fault_addr != (uintptr_t)(page + 4096)) {
					printf("%s, room %d, run %d: %d bytes stored, %d outside, fault at end%+ld\n",
					       forms[f].name, room, rep, stored, outside,
					       (long)(fault_addr - (uintptr_t)(page + 4096)));
					errors++;
				}
			}
		}
		/* and whole, at every 8-byte offset from a line (a store that crosses one) */
		for (int off = 0; off < 64; off += 8) {
			uint8_t *d = page + 1024 + off;
			memset(page, 'y', 4096);
			for (int rep = 0; rep < 8; rep++)
				forms[f].fn(src, d);
			if (memcmp(d, src, (size_t)forms[f].bytes) || d[-1] != 'y' || d[forms[f].bytes] != 'y') {
				printf("%s at offset %d: stored wrong\n", forms[f].name, off);
				errors++;
			}
		}
	}
	printf("%ld errors\n", errors);
	return errors != 0;
}
