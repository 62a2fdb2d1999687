/* Integer instructions at their edges: division by zero and overflow, shifts, W-forms,
 * M extension high products, comparisons. Output is compared with qemu-riscv64. */
#include <stdint.h>
#include <stdio.h>

#include "check.h"

#define R(op, a, b)                                                                            \
	({                                                                                     \
		uint64_t r_;                                                                   \
		__asm__ volatile(op " %0, %1, %2" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); \
		r_;                                                                            \
	})
#define I(op, a, imm)                                                                          \
	({                                                                                     \
		uint64_t r_;                                                                   \
		__asm__ volatile(op " %0, %1, %2" : "=r"(r_) : "r"((uint64_t)(a)), "i"(imm));     \
		r_;                                                                            \
	})

static const uint64_t vals[] = {0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
				0xffffffff, 0x100000000, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff,
				0xfffffffffffffffe, 0x123456789abcdef0, 0xfedcba9876543210, 63, 64, 31, 32, 33};
#define N (sizeof vals / sizeof vals[0])

static uint64_t h;
static void mix(uint64_t v)
{
	h = hash_mix(h, v);
}

int main(void)
{
	unsigned i, j;
	for (i = 0; i < N; i++) {
		for (j = 0; j < N; j++) {
			uint64_t a = vals[i], b = vals[j];
			uint64_t r[] = {
				R("add", a, b),   R("sub", a, b),    R("sll", a, b),    R("slt", a, b),
				R("sltu", a, b),  R("xor", a, b),    R("srl", a, b),    R("sra", a, b),
				R("or", a, b),    R("and", a, b),    R("addw", a, b),   R("subw", a, b),
				R("sllw", a, b),  R("srlw", a, b),   R("sraw", a, b),   R("mul", a, b),
				R("mulh", a, b),  R("mulhsu", a, b), R("mulhu", a, b),  R("div", a, b),
				R("divu", a, b),  R("rem", a, b),    R("remu", a, b),   R("mulw", a, b),
				R("divw", a, b),  R("divuw", a, b),  R("remw", a, b),   R("remuw", a, b),
			};
			unsigned k;
			for (k = 0; k < sizeof r / sizeof r[0]; k++)
				mix(r[k]);
			if (i == j || j == 0 || j == N - 1)
				printf("%016llx %016llx: div %016llx rem %016llx divw %016llx remuw %016llx mulh %016llx\n",
				       (unsigned long long)a, (unsigned long long)b, (unsigned long long)r[19],
				       (unsigned long long)r[21], (unsigned long long)r[24], (unsigned long long)r[27],
				       (unsigned long long)r[16]);
		}
		{
			uint64_t a = vals[i];
			uint64_t r[] = {I("addi", a, -1),  I("slti", a, -1),  I("sltiu", a, -1), I("xori", a, -1),
					I("ori", a, 0x555), I("andi", a, -16), I("slli", a, 63),  I("srli", a, 63),
					I("srai", a, 63),  I("slli", a, 1),   I("srai", a, 1),   I("addiw", a, 2047),
					I("slliw", a, 31), I("srliw", a, 31), I("sraiw", a, 31), I("sraiw", a, 0),
					I("addiw", a, 0)};
			unsigned k;
			for (k = 0; k < sizeof r / sizeof r[0]; k++) {
				mix(r[k]);
				printf("%llx ", (unsigned long long)r[k]);
			}
			printf("\n");
		}
	}
	printf("hash %016llx\n", (unsigned long long)h);
	return 0;
}
