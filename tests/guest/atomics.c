/* Every AMO in W and D form over edge values (sign extension of W results, signed versus
 * unsigned min/max), aq/rl variants, and LR/SC success and failure. */
#include <stdint.h>
#include <stdio.h>

#include "check.h"

static const uint64_t vals[] = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0x7fffffffffffffff,
				0x8000000000000000, 0xffffffffffffffff, 0x123456789abcdef0, 0xfffffffe80000001};
#define N (sizeof vals / sizeof vals[0])

#define AMO(id, insn)                                                                               \
	static void id(uint64_t mem0, uint64_t src, uint64_t *old, uint64_t *mem1)                      \
	{                                                                                           \
		uint64_t m[2] = {mem0, 0x5555555555555555ull}, o;                                   \
		__asm__ volatile(insn " %0, %2, (%1)" : "=r"(o) : "r"(m), "r"(src) : "memory");       \
		*old = o;                                                                           \
		*mem1 = m[0] ^ (m[1] != 0x5555555555555555ull);                                     \
	}
AMO(swap_w, "amoswap.w") AMO(add_w, "amoadd.w") AMO(xor_w, "amoxor.w") AMO(and_w, "amoand.w")
AMO(or_w, "amoor.w") AMO(min_w, "amomin.w") AMO(max_w, "amomax.w") AMO(minu_w, "amominu.w")
AMO(maxu_w, "amomaxu.w") AMO(swap_d, "amoswap.d") AMO(add_d, "amoadd.d") AMO(xor_d, "amoxor.d")
AMO(and_d, "amoand.d") AMO(or_d, "amoor.d") AMO(min_d, "amomin.d") AMO(max_d, "amomax.d")
AMO(minu_d, "amominu.d") AMO(maxu_d, "amomaxu.d") AMO(add_w_aq, "amoadd.w.aq") AMO(add_d_rl, "amoadd.d.rl")
AMO(swap_d_aqrl, "amoswap.d.aqrl")

typedef void (*amo_fn)(uint64_t, uint64_t, uint64_t *, uint64_t *);
static const struct {
	const char *name;
	amo_fn fn;
} ops[] = {{"amoswap.w", swap_w}, {"amoadd.w", add_w},   {"amoxor.w", xor_w},     {"amoand.w", and_w},
	   {"amoor.w", or_w},     {"amomin.w", min_w},   {"amomax.w", max_w},     {"amominu.w", minu_w},
	   {"amomaxu.w", maxu_w}, {"amoswap.d", swap_d}, {"amoadd.d", add_d},     {"amoxor.d", xor_d},
	   {"amoand.d", and_d},   {"amoor.d", or_d},     {"amomin.d", min_d},     {"amomax.d", max_d},
	   {"amominu.d", minu_d}, {"amomaxu.d", maxu_d}, {"amoadd.w.aq", add_w_aq}, {"amoadd.d.rl", add_d_rl},
	   {"amoswap.d.aqrl", swap_d_aqrl}};

int main(void)
{
	unsigned k, i, j;
	for (k = 0; k < sizeof ops / sizeof ops[0]; k++) {
		uint64_t h = 0xcbf29ce484222325ull;
		for (i = 0; i < N; i++)
			for (j = 0; j < N; j++) {
				uint64_t old, mem;
				ops[k].fn(vals[i], vals[j], &old, &mem);
				h = hash_mix(hash_mix(h, old), mem);
				if (i == 3 && j == 8)
					printf("%-15s old %016llx mem %016llx\n", ops[k].name, (unsigned long long)old,
					       (unsigned long long)mem);
			}
		printf("%-15s hash %016llx\n", ops[k].name, (unsigned long long)h);
	}
	{
		uint64_t word = 10, tmp, fail, pair[2] = {40, 0};
		/* a successful LR/SC pair */
		__asm__ volatile("lr.d %0, (%2)\n\taddi %0, %0, 5\n\tsc.d %1, %0, (%2)"
				 : "=&r"(tmp), "=&r"(fail)
				 : "r"(&word)
				 : "memory");
		printf("lr/sc: fail=%llu word=%llu\n", (unsigned long long)fail, (unsigned long long)word);
		/* an SC to another address than the reservation's fails and writes nothing */
		uint64_t other = 77;
		__asm__ volatile("lr.d %0, (%2)\n\tsc.d %1, %0, (%3)"
				 : "=&r"(tmp), "=&r"(fail)
				 : "r"(&word), "r"(&other)
				 : "memory");
		printf("sc elsewhere: fail=%llu other=%llu\n", (unsigned long long)fail, (unsigned long long)other);
		/* every SC ends the reservation, a failed one too: the next SC to its address fails */
		uint64_t fail2;
		__asm__ volatile("lr.d %0, (%3)\n\tsc.d %1, %0, (%4)\n\tsc.d %2, %0, (%3)"
				 : "=&r"(tmp), "=&r"(fail), "=&r"(fail2)
				 : "r"(&word), "r"(&other)
				 : "memory");
		printf("sc after a failed sc: fail=%llu %llu\n", (unsigned long long)fail, (unsigned long long)fail2);
		/* an SC with no reservation fails */
		__asm__ volatile("sc.w %0, %1, (%2)" : "=&r"(fail) : "r"(1), "r"(&word) : "memory");
		printf("sc without lr: fail=%llu\n", (unsigned long long)fail);
		/* the word changed between LR and SC: the SC fails and the new value stays */
		__asm__ volatile("lr.d %0, (%2)\n\tsd %0, 8(%2)\n\taddi %0, %0, 1\n\tsd %0, 0(%2)\n\tsc.d %1, zero, (%2)"
				 : "=&r"(tmp), "=&r"(fail)
				 : "r"(pair)
				 : "memory");
		printf("sc after a change: fail=%llu word=%llu\n", (unsigned long long)fail, (unsigned long long)pair[0]);
		/* the same with 32-bit words: the reservation compares the low word only, sign-extended loads */
		uint32_t w32 = 0x80000000u;
		__asm__ volatile("lr.w %0, (%1)" : "=&r"(tmp) : "r"(&w32) : "memory");
		printf("lr.w sign-extends: %016llx\n", (unsigned long long)tmp);
		__asm__ volatile("lr.w %0, (%2)\n\tsc.w %1, zero, (%2)" : "=&r"(tmp), "=&r"(fail) : "r"(&w32) : "memory");
		printf("lr.w/sc.w: fail=%llu word=%08x\n", (unsigned long long)fail, w32);
	}
	return 0;
}
