// Runs of vector integer forms with no memory access between them (adds, subtracts, logic,
// minimum and maximum, multiplies, shifts by an immediate or a scalar, moves; .vv, .vx and .vi),
// which the translator runs a chunk at a time where the vector registers live in the vCPU (a host
// without AVX-512, tests/check/vlen.sh): every SEW and LMUL 1 to 8, passes of VLMAX and a short
// last pass, scalars with bits above SEW, negative immediates, a destination that is a source or
// both sources, a move onto itself, runs of four register groups (taken as two), and forms that
// end a run (vrsub, an e8 shift, an e64 vmul or arithmetic shift) in the middle. Each result's
// bytes are hashed.
// qemu: rva23
// cflags: -march=rv64gcv
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"

#define MAXN 700
static uint8_t in0[8 * MAXN], in1[8 * MAXN], in2[8 * MAXN], out0[8 * MAXN], out1[8 * MAXN], out2[8 * MAXN];

/* hash-like: shifts, xors and a multiply by the scalar */
#define BODY_HASH                                                                                                      \
	"vsrl.vi v16, v8, 3\n\tvxor.vv v8, v8, v16\n\tvmul.vx v8, v8, %[x]\n\tvsrl.vi v16, v8, 7\n\tvxor.vv v8, v8, "  \
	"v16\n\t"
/* adds, subtracts (of two groups too) and logic with scalars and immediates */
#define BODY_ALU                                                                                                       \
	"vadd.vv v24, v8, v16\n\tvsub.vv v16, v24, v8\n\tvsub.vx v8, v24, %[x]\n\tvand.vi v16, v16, -3\n\tvor.vv "     \
	"v16, v16, v8\n\t"                                                                                             \
	"vminu.vv v24, v24, v8\n\tvmax.vx v8, v8, %[x]\n\tvxor.vi v24, v24, 11\n\t"
/* a destination that is a source, both sources, and a group read after it is written */
#define BODY_ALIAS                                                                                                     \
	"vadd.vv v8, v8, v8\n\tvxor.vv v16, v8, v16\n\tvsub.vv v24, v16, v16\n\tvadd.vi v24, v24, -16\n\t"             \
	"vsll.vi v16, v16, 31\n\tvor.vx v8, v8, %[x]\n\tvand.vv v24, v24, v8\n\t"
/* four groups: the run stops at three */
#define BODY_FOUR                                                                                                      \
	"vadd.vv v0, v8, v16\n\tvsub.vv v24, v0, v8\n\tvxor.vv v16, v24, v16\n\tvadd.vv v8, v8, v0\n\t"                \
	"vxor.vv v24, v24, v0\n\t"
/* signed and unsigned minimum and maximum against negative elements */
#define BODY_MINMAX                                                                                                    \
	"vmin.vv v24, v8, v16\n\tvmaxu.vx v16, v16, %[x]\n\tvminu.vv v8, v8, v24\n\tvmax.vx v24, v24, %[x]\n\t"
/* multiplies, an arithmetic shift, and vrsub in the middle (not a run's form) */
#define BODY_MUL                                                                                                       \
	"vmul.vv v24, v8, v16\n\tvsra.vi v24, v24, 5\n\tvmul.vx v16, v24, %[x]\n\tvrsub.vx v8, v8, %[x]\n\t"           \
	"vadd.vv v8, v8, v24\n\tvsrl.vi v16, v16, 1\n\t"

/* shifts by the scalar (its bits above log2(SEW) ignored) and moves from a group, the scalar and an
 * immediate, one onto itself */
#define BODY_SHIFT_MOVE                                                                                                \
	"vsrl.vx v16, v8, %[x]\n\tvmv.v.v v24, v16\n\tvsll.vx v24, v24, %[x]\n\tvsra.vx v8, v8, %[x]\n\t"              \
	"vmv.v.x v16, %[x]\n\tvadd.vv v16, v16, v24\n\tvmv.v.i v24, -5\n\tvxor.vv v24, v24, v8\n\tvmv.v.v v8, v8\n\t"

#define RUN(name, vtype, ld, st, bytes, body)                                                                          \
	static void name(size_t n, uint64_t x)                                                                         \
	{                                                                                                              \
		size_t vl, off = 0;                                                                                    \
		while (n) {                                                                                            \
			__asm__ volatile("vsetvli %[vl], %[n], " vtype ", ta, ma\n\t" ld " v8, (%[a])\n\t" ld          \
					 " v16, (%[b])\n\t" ld " v24, (%[c])\n\t" body st " v8, (%[d])\n\t" st         \
					 " v16, (%[e])\n\t" st " v24, (%[f])"                                          \
					 : [vl] "=&r"(vl)                                                              \
					 : [n] "r"(n), [a] "r"(in0 + off), [b] "r"(in1 + off), [c] "r"(in2 + off),     \
					   [d] "r"(out0 + off), [e] "r"(out1 + off), [f] "r"(out2 + off), [x] "r"(x)   \
					 : "memory");                                                                  \
			n -= vl;                                                                                       \
			off += vl * (bytes);                                                                           \
		}                                                                                                      \
	}

#define SEWS(body, tag)                                                                                                \
	LMULS(body, tag, e8, "vle8.v", "vse8.v", 1)                                                                    \
	LMULS(body, tag, e16, "vle16.v", "vse16.v", 2)                                                                 \
	LMULS(body, tag, e32, "vle32.v", "vse32.v", 4)                                                                 \
	LMULS(body, tag, e64, "vle64.v", "vse64.v", 8)
#define LMULS(body, tag, e, ld, st, bytes)                                                                             \
	ONE(body, tag, e, m1, ld, st, bytes)                                                                           \
	ONE(body, tag, e, m2, ld, st, bytes)                                                                           \
	ONE(body, tag, e, m4, ld, st, bytes)                                                                           \
	ONE(body, tag, e, m8, ld, st, bytes)
#define ONE(body, tag, e, m, ld, st, bytes) RUN(tag##_##e##_##m, #e ", " #m, ld, st, bytes, body)

SEWS(BODY_HASH, hash)
SEWS(BODY_ALU, alu)
SEWS(BODY_ALIAS, alias)
SEWS(BODY_FOUR, four)
SEWS(BODY_MINMAX, minmax)
SEWS(BODY_MUL, mul)
SEWS(BODY_SHIFT_MOVE, shiftmove)

#define ENTRY(tag, e, m, bytes)                                                                                        \
	{                                                                                                              \
#tag " " #e " " #m, tag##_##e##_##m, bytes                                                             \
	}
#define ENTRIES(tag)                                                                                                   \
	ENTRY(tag, e8, m1, 1), ENTRY(tag, e8, m2, 1), ENTRY(tag, e8, m4, 1), ENTRY(tag, e8, m8, 1),                    \
	    ENTRY(tag, e16, m1, 2), ENTRY(tag, e16, m2, 2), ENTRY(tag, e16, m4, 2), ENTRY(tag, e16, m8, 2),            \
	    ENTRY(tag, e32, m1, 4), ENTRY(tag, e32, m2, 4), ENTRY(tag, e32, m4, 4), ENTRY(tag, e32, m8, 4),            \
	    ENTRY(tag, e64, m1, 8), ENTRY(tag, e64, m2, 8), ENTRY(tag, e64, m4, 8), ENTRY(tag, e64, m8, 8)

static const struct {
	const char *name;
	void (*run)(size_t, uint64_t);
	unsigned bytes;
} runs[] = {ENTRIES(hash),   ENTRIES(alu), ENTRIES(alias),    ENTRIES(four),
	    ENTRIES(minmax), ENTRIES(mul), ENTRIES(shiftmove)};

int main(void)
{
	static const size_t lengths[] = {1, 15, 16, 64, 129, 300, MAXN};
	static const uint64_t scalars[] = {0x2c1b3c6d, 0x8000000000000081ull, 0xffffffffffffff85ull,
					   0x123456789abcdef1ull};
	uint64_t s = 88172645463325252ull;
	for (size_t i = 0; i < sizeof in0; i++) {
		s ^= s << 13, s ^= s >> 7, s ^= s << 17;
		in0[i] = (uint8_t)s, in1[i] = (uint8_t)(s >> 8), in2[i] = (uint8_t)(s >> 16);
	}
	for (unsigned r = 0; r < sizeof runs / sizeof runs[0]; r++) {
		for (unsigned l = 0; l < sizeof lengths / sizeof lengths[0]; l++) {
			for (unsigned k = 0; k < sizeof scalars / sizeof scalars[0]; k++) {
				uint64_t h = 1469598103934665603ull;
				size_t bytes = lengths[l] * runs[r].bytes;
				for (int round = 0; round < 3; round++) /* translated after its first runs */
					runs[r].run(lengths[l], scalars[k]);
				for (size_t i = 0; i < bytes; i++)
					h = hash_mix(h, (uint64_t)out0[i] | (uint64_t)out1[i] << 8 |
							    (uint64_t)out2[i] << 16);
				printf("%s n=%zu x=%llx: %016llx\n", runs[r].name, lengths[l],
				       (unsigned long long)scalars[k], (unsigned long long)h);
			}
		}
	}
	return 0;
}
