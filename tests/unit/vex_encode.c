/* The translator's VEX and EVEX encodings (jit/x86-64/emit.c) against Capstone's decoder: each
 * form the vector translator emits, with low and high registers (16-31 in EVEX), a base of rbp
 * (which needs a displacement byte, scaled in EVEX), r12 (a SIB byte), r13 and r15, an index,
 * the GS segment. */
#include <capstone/capstone.h>
#include <stdio.h>
#include <string.h>

#include "jit/x86-64/emit.h"

enum { VEX256, VEX128, EVEX256, EVEX128, EVEX512 };

/* One instruction: register form (rm a register) or memory form; imm appended when >= 0 */
struct want {
	const char *text;
	int kind;
	int pp, map;
	bool w;
	uint8_t op;
	int reg, vvvv, rm; /* rm NOREG: the memory operand m */
	struct mem m;
	int imm;
	int k;     /* EVEX: the write mask (0: none) */
	bool z;    /* zeroing the elements it leaves out */
	bool bcst; /* the memory operand's one element broadcast */
	bool len;  /* through e_evex_len_rm/rr (16, 32 or 64 bytes) */
};

#define KRR(kind, text, pp, map, w, op, reg, vvvv, rm, imm)                                                            \
	{                                                                                                              \
		text, kind, pp, map, w, op, reg, vvvv, rm, {0}, imm, 0, false, false, false                            \
	}
#define KRM(kind, text, pp, map, w, op, reg, vvvv, ...)                                                                \
	{                                                                                                              \
		text, kind, pp, map, w, op, reg, vvvv, NOREG, __VA_ARGS__, -1, 0, false, false, false                  \
	}
/* masked EVEX (mask k, zeroing z) */
#define MRR(text, pp, map, w, op, reg, vvvv, rm, imm, k, z)                                                            \
	{                                                                                                              \
		text, EVEX256, pp, map, w, op, reg, vvvv, rm, {0}, imm, k, z, false, false                             \
	}
#define MRM(l, text, pp, map, w, op, reg, vvvv, m, k, z)                                                               \
	{                                                                                                              \
		text, l, pp, map, w, op, reg, vvvv, NOREG, m, -1, k, z, false, false                                   \
	}
/* e_evex_len_rm/rr: kind EVEX128, EVEX256 or EVEX512 */
#define LRM(kind, text, pp, map, w, op, reg, vvvv, m, k, bcst)                                                         \
	{                                                                                                              \
		text, kind, pp, map, w, op, reg, vvvv, NOREG, m, -1, k, false, bcst, true                              \
	}
#define LRR(kind, text, pp, map, w, op, reg, vvvv, rm, imm)                                                            \
	{                                                                                                              \
		text, kind, pp, map, w, op, reg, vvvv, rm, {0}, imm, 0, false, false, true                             \
	}
/* e_evex_rrk (kind EVEX128 or EVEX256) with mask k and zeroing z, for the lanes table */
#define LRRK(kind, text, pp, map, w, op, reg, vvvv, rm, imm, k, z)                                                     \
	{                                                                                                              \
		text, kind, pp, map, w, op, reg, vvvv, rm, {0}, imm, k, z, false, false                                \
	}
#define RR(...) KRR(VEX256, __VA_ARGS__)
#define RM(...) KRM(VEX256, __VA_ARGS__)

/* a memory operand [base + index + disp], with GS when gs */
#define MEM(base, index, disp, gs)                                                                                     \
	{                                                                                                              \
		base, index, disp, 0, gs                                                                               \
	}

static const struct want wants[] = {
    RM("vmovdqu ymm0, ymmword ptr [rbp + 0x5960]", VEX_PP_F3, VEX_0F, false, 0x6f, 0, 0,
       MEM(RBP, NOREG, 0x5960, false)),
    RM("vmovdqu ymmword ptr [r15 + 0x20], ymm0", VEX_PP_F3, VEX_0F, false, 0x7f, 0, 0, MEM(R15, NOREG, 0x20, false)),
    RM("vmovdqu ymm2, ymmword ptr [r12]", VEX_PP_F3, VEX_0F, false, 0x6f, 2, 0, MEM(R12, NOREG, 0, false)),
    RM("vmovdqu ymm1, ymmword ptr [r13]", VEX_PP_F3, VEX_0F, false, 0x6f, 1, 0, MEM(R13, NOREG, 0, false)),
    RM("vmovdqu ymm0, ymmword ptr [rbx + r9 + 0x10]", VEX_PP_F3, VEX_0F, false, 0x6f, 0, 0, MEM(RBX, R9, 16, false)),
    RM("vmovdqu ymm0, ymmword ptr gs:[r10 + 0x40]", VEX_PP_F3, VEX_0F, false, 0x6f, 0, 0, MEM(R10, NOREG, 0x40, true)),
    RM("vpaddd ymm0, ymm0, ymmword ptr [rbp + 0x100]", VEX_PP_66, VEX_0F, false, 0xfe, 0, 0,
       MEM(RBP, NOREG, 0x100, false)),
    RR("vpmulld ymm0, ymm0, ymm1", VEX_PP_66, VEX_0F38, false, 0x40, 0, 0, 1, -1),
    RR("vpbroadcastq ymm1, xmm1", VEX_PP_66, VEX_0F38, false, 0x59, 1, 0, 1, -1),
    RR("vpbroadcastd ymm1, xmm1", VEX_PP_66, VEX_0F38, false, 0x58, 1, 0, 1, -1),
    RR("vpbroadcastw ymm1, xmm1", VEX_PP_66, VEX_0F38, false, 0x79, 1, 0, 1, -1),
    RR("vpbroadcastb ymm1, xmm1", VEX_PP_66, VEX_0F38, false, 0x78, 1, 0, 1, -1),
    RR("vpsrld ymm0, ymm0, 0xf", VEX_PP_66, VEX_0F, false, 0x72, 2, 0, 0, 15),
    RR("vpsrlq ymm0, ymm0, xmm1", VEX_PP_66, VEX_0F, false, 0xd3, 0, 0, 1, -1),
    RM("vfmadd231pd ymm0, ymm1, ymmword ptr [r8 + 0x60]", VEX_PP_66, VEX_0F38, true, 0xb8, 0, 1,
       MEM(R8, NOREG, 0x60, false)),
    RR("vfmadd231ps ymm9, ymm14, ymm3", VEX_PP_66, VEX_0F38, false, 0xb8, 9, 14, 3, -1),
    RR("vcmpunordps ymm2, ymm0, ymm0", VEX_PP_NONE, VEX_0F, false, 0xc2, 2, 0, 0, 3),
    RM("vandnpd ymm2, ymm2, ymmword ptr [rbp + 0x5e0]", VEX_PP_66, VEX_0F, false, 0x55, 2, 2,
       MEM(RBP, NOREG, 0x5e0, false)),
    RR("vmovmskps eax, ymm2", VEX_PP_NONE, VEX_0F, false, 0x50, RAX, 0, 2, -1),
    RR("vpmovmskb eax, ymm0", VEX_PP_66, VEX_0F, false, 0xd7, RAX, 0, 0, -1),
    RR("vpacksswb ymm0, ymm0, ymm0", VEX_PP_66, VEX_0F, false, 0x63, 0, 0, 0, -1),
    RM("vpcmpeqq ymm0, ymm0, ymmword ptr [rbp + 8]", VEX_PP_66, VEX_0F38, false, 0x29, 0, 0, MEM(RBP, NOREG, 8, false)),
    RR("vmovdqa ymm0, ymm1", VEX_PP_66, VEX_0F, false, 0x6f, 0, 0, 1, -1),
    KRR(VEX128, "vmovq rax, xmm2", VEX_PP_66, VEX_0F, true, 0x7e, 2, 0, RAX, -1),
    KRR(VEX128, "vpextrq rax, xmm2, 1", VEX_PP_66, VEX_0F3A, true, 0x16, 2, 0, RAX, 1),
    KRR(VEX128, "vpinsrq xmm2, xmm2, rdx, 1", VEX_PP_66, VEX_0F3A, true, 0x22, 2, 2, RDX, 1),
    /* the vector registers' home in ymm16-31 (AVX-512VL) */
    KRR(EVEX256, "vmovdqu64 ymm16, ymm0", VEX_PP_F3, VEX_0F, true, 0x6f, 16, 0, 0, -1),
    KRR(EVEX256, "vmovdqu64 ymm2, ymm31", VEX_PP_F3, VEX_0F, true, 0x6f, 2, 0, 31, -1),
    KRR(EVEX256, "vmovdqu64 ymm24, ymm23", VEX_PP_F3, VEX_0F, true, 0x6f, 24, 0, 23, -1),
    KRR(EVEX128, "vmovdqu64 xmm1, xmm27", VEX_PP_F3, VEX_0F, true, 0x6f, 1, 0, 27, -1),
    KRM(EVEX256, "vmovdqu64 ymmword ptr [rbp + 0x5a20], ymm17", VEX_PP_F3, VEX_0F, true, 0x7f, 17, 0,
	MEM(RBP, NOREG, 0x5a20, false)),
    KRM(EVEX256, "vmovdqu64 ymm31, ymmword ptr [rbp + 0x40]", VEX_PP_F3, VEX_0F, true, 0x6f, 31, 0,
	MEM(RBP, NOREG, 0x40, false)),
    KRM(EVEX256, "vmovdqu64 ymm20, ymmword ptr [rbp + 0x50]", VEX_PP_F3, VEX_0F, true, 0x6f, 20, 0,
	MEM(RBP, NOREG, 0x50, false)),
    KRM(EVEX256, "vmovdqu64 ymm18, ymmword ptr [r12 - 0x20]", VEX_PP_F3, VEX_0F, true, 0x6f, 18, 0,
	MEM(R12, NOREG, -0x20, false)),
    KRM(EVEX256, "vmovdqu64 ymm21, ymmword ptr gs:[r13 + 0x60]", VEX_PP_F3, VEX_0F, true, 0x6f, 21, 0,
	MEM(R13, NOREG, 0x60, true)),
    KRM(EVEX256, "vmovdqu64 ymmword ptr gs:[r15 + 0x30], ymm31", VEX_PP_F3, VEX_0F, true, 0x7f, 31, 0,
	MEM(R15, NOREG, 0x30, true)),
    KRM(EVEX256, "vmovdqu64 ymm16, ymmword ptr gs:[rbx + r9 + 0x40]", VEX_PP_F3, VEX_0F, true, 0x6f, 16, 0,
	MEM(RBX, R9, 0x40, true)),
    /* a NaN test's k1, a broadcast of a v_fscalar slot */
    KRR(VEX128, "kortestw k1, k1", VEX_PP_NONE, VEX_0F, false, 0x98, 1, 0, 1, -1),
    KRR(VEX128, "kmovw eax, k1", VEX_PP_NONE, VEX_0F, false, 0x93, RAX, 0, 1, -1),
    KRR(VEX128, "vmovq xmm2, rcx", VEX_PP_66, VEX_0F, true, 0x6e, 2, 0, RCX, -1),
    RM("vpbroadcastd ymm1, dword ptr [rbp + 0x69d8]", VEX_PP_66, VEX_0F38, false, 0x58, 1, 0,
       MEM(RBP, NOREG, 0x69d8, false)),
};

/* EVEX forms Capstone 4 does not decode (or decodes into text with a stray space): the lane
 * moves, arithmetic on the homes in place, NaN tests and compares into k1. tests/check/encoder.sh assembles
 * the AT&T text with GNU as and compares the bytes */
static const struct want lanes[] = {
    KRR(EVEX256, "vpaddd %ymm1, %ymm20, %ymm24", VEX_PP_66, VEX_0F, false, 0xfe, 24, 20, 1, -1),
    KRR(EVEX256, "vpaddq %ymm31, %ymm17, %ymm16", VEX_PP_66, VEX_0F, true, 0xd4, 16, 17, 31, -1),
    KRR(EVEX256, "vpaddb %ymm27, %ymm26, %ymm25", VEX_PP_66, VEX_0F, false, 0xfc, 25, 26, 27, -1),
    KRR(EVEX256, "vpxord %ymm24, %ymm20, %ymm20", VEX_PP_66, VEX_0F, false, 0xef, 20, 20, 24, -1),
    KRR(EVEX256, "vpsubd %ymm18, %ymm1, %ymm19", VEX_PP_66, VEX_0F, false, 0xfa, 19, 1, 18, -1),
    KRR(EVEX256, "vpsrld $16, %ymm20, %ymm24", VEX_PP_66, VEX_0F, false, 0x72, 2, 24, 20, 16),
    KRR(EVEX256, "vpsllq $31, %ymm22, %ymm18", VEX_PP_66, VEX_0F, true, 0x73, 6, 18, 22, 31),
    KRR(EVEX256, "vpsllq %xmm1, %ymm22, %ymm18", VEX_PP_66, VEX_0F, true, 0xf3, 18, 22, 1, -1),
    KRR(EVEX256, "vpmulld %ymm20, %ymm1, %ymm0", VEX_PP_66, VEX_0F38, false, 0x40, 0, 1, 20, -1),
    KRR(EVEX256, "vfmadd231ps %ymm20, %ymm1, %ymm0", VEX_PP_66, VEX_0F38, false, 0xb8, 0, 1, 20, -1),
    KRR(EVEX256, "vfmadd231pd %ymm27, %ymm26, %ymm0", VEX_PP_66, VEX_0F38, true, 0xb8, 0, 26, 27, -1),
    KRR(EVEX256, "vaddps %ymm22, %ymm20, %ymm0", VEX_PP_NONE, VEX_0F, false, 0x58, 0, 20, 22, -1),
    KRR(EVEX256, "vcmpunordps %ymm0, %ymm0, %k1", VEX_PP_NONE, VEX_0F, false, 0xc2, 1, 0, 0, 3),
    KRR(EVEX256, "vcmpunordpd %ymm0, %ymm0, %k1", VEX_PP_66, VEX_0F, true, 0xc2, 1, 0, 0, 3),
    KRR(VEX128, "kmovd %k1, %eax", VEX_PP_F2, VEX_0F, false, 0x93, RAX, 0, 1, -1),
    KRR(VEX128, "kmovq %k1, %rdx", VEX_PP_F2, VEX_0F, true, 0x93, RDX, 0, 1, -1),
    KRR(VEX256, "kunpckdq %k1, %k2, %k1", VEX_PP_NONE, VEX_0F, true, 0x4b, 1, 2, 1, -1),
    KRR(EVEX256, "vptestnmb %ymm20, %ymm20, %k1", VEX_PP_F3, VEX_0F38, false, 0x26, 1, 20, 20, -1),
    KRR(EVEX256, "vptestnmq %ymm21, %ymm21, %k1", VEX_PP_F3, VEX_0F38, true, 0x27, 1, 21, 21, -1),
    KRR(EVEX256, "vpcmpeqb %ymm1, %ymm20, %k1", VEX_PP_66, VEX_0F, false, 0x74, 1, 20, 1, -1),
    KRR(EVEX256, "vpcmpeqq %ymm22, %ymm24, %k1", VEX_PP_66, VEX_0F38, true, 0x29, 1, 24, 22, -1),
    KRR(EVEX256, "vextracti32x4 $1, %ymm21, %xmm2", VEX_PP_66, VEX_0F3A, false, 0x39, 21, 0, 2, 1),
    KRR(EVEX256, "vextracti32x4 $1, %ymm16, %xmm0", VEX_PP_66, VEX_0F3A, false, 0x39, 16, 0, 0, 1),
    KRR(EVEX256, "vinserti32x4 $1, %xmm0, %ymm30, %ymm30", VEX_PP_66, VEX_0F3A, false, 0x38, 30, 30, 0, 1),
    KRR(EVEX256, "vinserti32x4 $0, %xmm2, %ymm17, %ymm17", VEX_PP_66, VEX_0F3A, false, 0x38, 17, 17, 2, 0),
    /* tails and v0.t: masked loads, stores, merges, arithmetic; the masks themselves */
    MRM(EVEX256, "vmovdqu32 (%r13), %ymm20{%k4}", VEX_PP_F3, VEX_0F, false, 0x6f, 20, 0, MEM(R13, NOREG, 0, false), 4,
	false),
    MRM(EVEX256, "vmovdqu8 %ymm21, %gs:0x20(%r12){%k5}", VEX_PP_F2, VEX_0F, false, 0x7f, 21, 0,
	MEM(R12, NOREG, 0x20, true), 5, false),
    MRM(EVEX128, "vmovdqu16 (%rsi), %xmm0{%k4}{z}", VEX_PP_F2, VEX_0F, true, 0x6f, 0, 0, MEM(RSI, NOREG, 0, false), 4,
	true),
    MRM(EVEX128, "vmovdqu64 %xmm0, 0x30(%rbx,%r9){%k3}", VEX_PP_F3, VEX_0F, true, 0x7f, 0, 0, MEM(RBX, R9, 0x30, false),
	3, false),
    MRR("vmovdqu8 %ymm0, %ymm16{%k3}", VEX_PP_F2, VEX_0F, false, 0x6f, 16, 0, 0, -1, 3, false),
    MRR("vmovdqu16 %ymm1, %ymm31{%k7}", VEX_PP_F2, VEX_0F, true, 0x6f, 31, 0, 1, -1, 7, false),
    MRR("vfmadd231ps %ymm20, %ymm1, %ymm24{%k4}", VEX_PP_66, VEX_0F38, false, 0xb8, 24, 1, 20, -1, 4, false),
    MRR("vcmpunordps %ymm24, %ymm24, %k1{%k4}", VEX_PP_NONE, VEX_0F, false, 0xc2, 1, 24, 24, 3, 4, false),
    MRR("vaddpd %ymm22, %ymm20, %ymm0{%k5}{z}", VEX_PP_66, VEX_0F, true, 0x58, 0, 20, 22, -1, 5, true),
    MRR("vpsrld $13, %ymm20, %ymm24{%k6}", VEX_PP_66, VEX_0F, false, 0x72, 2, 24, 20, 13, 6, false),
    MRR("vpaddw %ymm27, %ymm26, %ymm25{%k3}", VEX_PP_66, VEX_0F, false, 0xfd, 25, 26, 27, -1, 3, false),
    KRR(VEX128, "kmovq %rcx, %k4", VEX_PP_F2, VEX_0F, true, 0x92, 4, 0, RCX, -1),
    KRR(VEX128, "kshiftrq $8, %k4, %k5", VEX_PP_66, VEX_0F3A, true, 0x31, 5, 0, 4, 8),
    KRR(VEX128, "kshiftlq $16, %k4, %k3", VEX_PP_66, VEX_0F3A, true, 0x33, 3, 0, 4, 16),
    KRR(VEX256, "kandq %k4, %k3, %k3", VEX_PP_NONE, VEX_0F, true, 0x41, 3, 3, 4, -1),
    KRM(VEX128, "kmovq %k4, 0x10(%rbp)", VEX_PP_NONE, VEX_0F, true, 0x91, 4, 0, MEM(RBP, NOREG, 0x10, false)),
    KRM(VEX128, "kmovq 0x18(%rbp), %k7", VEX_PP_NONE, VEX_0F, true, 0x90, 7, 0, MEM(RBP, NOREG, 0x18, false)),
    KRR(VEX128, "bzhi %r10, %rcx, %rcx", VEX_PP_NONE, VEX_0F38, true, 0xf5, RCX, R10, RCX, -1),
    KRR(EVEX128, "vmovq %xmm16, %rdx", VEX_PP_66, VEX_0F, true, 0x7e, 16, 0, RDX, -1),
    KRR(EVEX128, "vpextrq $1, %xmm16, %rdx", VEX_PP_66, VEX_0F3A, true, 0x16, 16, 0, RDX, 1),
    KRR(VEX256, "vinserti128 $1, %xmm0, %ymm0, %ymm0", VEX_PP_66, VEX_0F3A, false, 0x38, 0, 0, 0, 1),
    /* indexed accesses: qword addresses (VSIB, no base), their check against addr_mask */
    LRM(EVEX512, "vpgatherqd (,%zmm1,1), %ymm0{%k1}", VEX_PP_66, VEX_0F38, false, 0x91, 0, 0, MEM(NOREG, 1, 0, false),
	1, false),
    LRM(EVEX128, "vpgatherqq %gs:(,%xmm1,1), %xmm0{%k1}", VEX_PP_66, VEX_0F38, true, 0x91, 0, 0, MEM(NOREG, 1, 0, true),
	1, false),
    LRM(EVEX512, "vpscatterqd %ymm0, (,%zmm1,1){%k1}", VEX_PP_66, VEX_0F38, false, 0xa1, 0, 0, MEM(NOREG, 1, 0, false),
	1, false),
    LRM(EVEX256, "vpscatterqq %ymm0, (,%ymm1,1){%k1}", VEX_PP_66, VEX_0F38, true, 0xa1, 0, 0, MEM(NOREG, 1, 0, false),
	1, false),
    LRM(EVEX512, "vptestmq 0x5c0(%rbp){1to8}, %zmm1, %k2{%k1}", VEX_PP_66, VEX_0F38, true, 0x27, 2, 1,
	MEM(RBP, NOREG, 0x5c0, false), 1, true),
    LRM(EVEX256, "vptestmq 0x10(%rbp){1to4}, %ymm1, %k2{%k1}", VEX_PP_66, VEX_0F38, true, 0x27, 2, 1,
	MEM(RBP, NOREG, 0x10, false), 1, true),
    LRR(EVEX512, "vpbroadcastq %rax, %zmm2", VEX_PP_66, VEX_0F38, true, 0x7c, 2, 0, RAX, -1),
    LRR(EVEX512, "vpmovzxdq %ymm1, %zmm1", VEX_PP_66, VEX_0F38, false, 0x35, 1, 0, 1, -1),
    LRR(EVEX256, "vpmovzxbq %xmm17, %ymm1", VEX_PP_66, VEX_0F38, false, 0x32, 1, 0, 17, -1),
    LRR(EVEX512, "vpaddq %zmm2, %zmm1, %zmm1", VEX_PP_66, VEX_0F, true, 0xd4, 1, 1, 2, -1),
    LRR(EVEX512, "vinserti64x4 $1, %ymm0, %zmm1, %zmm1", VEX_PP_66, VEX_0F3A, true, 0x3a, 1, 1, 0, 1),
    KRR(VEX128, "kmovw %k4, %k1", VEX_PP_NONE, VEX_0F, false, 0x90, 1, 0, 4, -1),
    KRR(VEX256, "kxnorw %k1, %k1, %k1", VEX_PP_NONE, VEX_0F, false, 0x46, 1, 1, 1, -1),
    KRR(VEX128, "kortestw %k2, %k2", VEX_PP_NONE, VEX_0F, false, 0x98, 2, 0, 2, -1),
    /* permutes, conversions, sign injection, minimum, unsigned compares (under masks) */
    LRRK(EVEX256, "vpermd %ymm1, %ymm2, %ymm0{%k1}{z}", VEX_PP_66, VEX_0F38, false, 0x36, 0, 2, 1, -1, 1, true),
    LRRK(EVEX256, "vpermb %ymm1, %ymm2, %ymm0{%k1}{z}", VEX_PP_66, VEX_0F38, false, 0x8d, 0, 2, 1, -1, 1, true),
    LRRK(EVEX128, "vpermw %xmm1, %xmm2, %xmm0{%k1}{z}", VEX_PP_66, VEX_0F38, true, 0x8d, 0, 2, 1, -1, 1, true),
    LRRK(EVEX128, "vpcmpltub %xmm0, %xmm2, %k1{%k3}", VEX_PP_66, VEX_0F3A, false, 0x3e, 1, 2, 0, 1, 3, false),
    LRRK(EVEX256, "vpcmpnltuq %ymm1, %ymm2, %k1{%k4}", VEX_PP_66, VEX_0F3A, true, 0x1e, 1, 2, 1, 5, 4, false),
    LRRK(EVEX256, "vpternlogq $0xca, %ymm2, %ymm1, %ymm0", VEX_PP_66, VEX_0F3A, true, 0x25, 0, 1, 2, 0xca, 0, false),
    LRRK(EVEX256, "vcvttps2dq %ymm0, %ymm0{%k3}", VEX_PP_F3, VEX_0F, false, 0x5b, 0, 0, 0, -1, 3, false),
    LRRK(EVEX256, "vcvtudq2pd %xmm0, %ymm0{%k4}{z}", VEX_PP_F3, VEX_0F, false, 0x7a, 0, 0, 0, -1, 4, true),
    LRRK(EVEX256, "vcvtpd2ps %ymm0, %xmm0{%k3}{z}", VEX_PP_66, VEX_0F, true, 0x5a, 0, 0, 0, -1, 3, true),
    LRRK(EVEX128, "vminpd %xmm1, %xmm0, %xmm2{%k3}", VEX_PP_66, VEX_0F, true, 0x5d, 2, 0, 1, -1, 3, false),
};

/* e_sse_rr/e_sse_rm/e_sse38_rr with the emitter's vex set: each SSE form translated code uses,
 * as its VEX.128 form (the destination kept as the first source where the legacy form reads it) */
struct sse_want {
	const char *text;
	bool map38;
	uint8_t prefix;
	bool w;
	uint8_t op;
	int reg, rm; /* rm NOREG: the memory operand m */
	struct mem m;
	int imm;
};
#define SRR(text, prefix, w, op, reg, rm, imm)                                                                         \
	{                                                                                                              \
		text, false, prefix, w, op, reg, rm, {0}, imm                                                          \
	}
#define SRM(text, prefix, w, op, reg, ...)                                                                             \
	{                                                                                                              \
		text, false, prefix, w, op, reg, NOREG, __VA_ARGS__, -1                                                \
	}
static const struct sse_want sse_wants[] = {
    SRR("vmovq xmm1, rax", 0x66, true, 0x6e, 1, RAX, -1),
    SRR("vmovq rax, xmm0", 0x66, true, 0x7e, 0, RAX, -1),
    SRR("vmovd eax, xmm0", 0x66, false, 0x7e, 0, RAX, -1),
    SRR("vmovaps xmm2, xmm0", 0, false, 0x28, 2, 0, -1),
    SRR("vucomisd xmm3, xmm4", 0x66, false, 0x2e, 3, 4, -1),
    SRR("vucomiss xmm0, xmm0", 0, false, 0x2e, 0, 0, -1),
    SRR("vaddsd xmm13, xmm13, xmm15", 0xf2, false, 0x58, 13, 15, -1),
    SRR("vdivss xmm0, xmm0, xmm1", 0xf3, false, 0x5e, 0, 1, -1),
    SRR("vminsd xmm0, xmm0, xmm1", 0xf2, false, 0x5d, 0, 1, -1),
    SRR("vsqrtsd xmm0, xmm0, xmm0", 0xf2, false, 0x51, 0, 0, -1),
    SRR("vcvtsi2sd xmm0, xmm0, rax", 0xf2, true, 0x2a, 0, RAX, -1),
    SRR("vcvtsi2ss xmm0, xmm0, eax", 0xf3, false, 0x2a, 0, RAX, -1),
    SRR("vcvttsd2si rax, xmm3", 0xf2, true, 0x2c, RAX, 3, -1),
    SRR("vcvtsd2ss xmm0, xmm0, xmm5", 0xf2, false, 0x5a, 0, 5, -1),
    SRR("vcvtdq2pd xmm0, xmm1", 0xf3, false, 0xe6, 0, 1, -1),
    SRR("vmovsd xmm0, xmm0, xmm5", 0xf2, false, 0x10, 0, 5, -1),
    SRM("vmovsd xmm0, qword ptr [rbp + 8]", 0xf2, false, 0x10, 0, MEM(RBP, NOREG, 8, false)),
    SRM("vmovsd qword ptr [rbp + 0xd0], xmm3", 0xf2, false, 0x11, 3, MEM(RBP, NOREG, 0xd0, false)),
    SRM("vmovq xmm11, qword ptr [rbp + 0xd0]", 0xf3, false, 0x7e, 11, MEM(RBP, NOREG, 0xd0, false)),
    SRM("vmovdqu xmm0, xmmword ptr [rax]", 0xf3, false, 0x6f, 0, MEM(RAX, NOREG, 0, false)),
    SRM("vmovdqu xmmword ptr gs:[rbp + 0x10], xmm2", 0xf3, false, 0x7f, 2, MEM(RBP, NOREG, 16, true)),
    SRM("vmovq qword ptr [r13], xmm0", 0x66, false, 0xd6, 0, MEM(R13, NOREG, 0, false)),
    SRM("vaddsd xmm3, xmm3, qword ptr [rbp + 0x108]", 0xf2, false, 0x58, 3, MEM(RBP, NOREG, 0x108, false)),
    SRR("vxorps xmm0, xmm0, xmm0", 0, false, 0x57, 0, 0, -1),
    SRR("vandpd xmm0, xmm0, xmm1", 0x66, false, 0x54, 0, 1, -1),
    SRR("vpxor xmm0, xmm0, xmm0", 0x66, false, 0xef, 0, 0, -1),
    SRR("vpaddq xmm0, xmm0, xmm1", 0x66, false, 0xd4, 0, 1, -1),
    SRR("vpcmpeqb xmm0, xmm0, xmm1", 0x66, false, 0x74, 0, 1, -1),
    SRR("vpunpcklqdq xmm1, xmm1, xmm1", 0x66, false, 0x6c, 1, 1, -1),
    SRR("vpsrldq xmm1, xmm1, 8", 0x66, false, 0x73, 3, 1, 8),
    SRR("vpsrlq xmm0, xmm0, 0x20", 0x66, false, 0x73, 2, 0, 32),
    SRR("vpshufd xmm2, xmm1, 0x4e", 0x66, false, 0x70, 2, 1, 0x4e),
    SRR("vpmovmskb eax, xmm0", 0x66, false, 0xd7, RAX, 0, -1),
    SRR("vmovmskpd eax, xmm0", 0x66, false, 0x50, RAX, 0, -1),
    {"vpmovzxbw xmm0, xmm0", true, 0x66, false, 0x30, 0, 0, {0}, -1},
    {"vpminsd xmm0, xmm0, xmm1", true, 0x66, false, 0x39, 0, 1, {0}, -1},
    SRM("stmxcsr dword ptr [rbp + 8]", 0, false, 0xae, 3, MEM(RBP, NOREG, 8, false)), /* no XMM register: as it is */
};

static void emit_want(struct emit *e, const struct want *w)
{
	bool evex = w->kind == EVEX256 || w->kind == EVEX128, l256 = w->kind == VEX256 || w->kind == EVEX256;
	unsigned bytes = w->kind == EVEX512 ? 64 : l256 ? 32 : 16;
	if (w->len && w->rm == NOREG)
		e_evex_len_rm(e, bytes, w->pp, w->map, w->w, w->op, w->reg, w->vvvv, w->m, w->k, w->bcst);
	else if (w->len)
		e_evex_len_rr(e, bytes, w->pp, w->map, w->w, w->op, w->reg, w->vvvv, w->rm, w->k);
	else if (evex && w->rm == NOREG)
		e_evex_rmk(e, l256, w->pp, w->map, w->w, w->op, w->reg, w->vvvv, w->m, w->k, w->z);
	else if (evex)
		e_evex_rrk(e, l256, w->pp, w->map, w->w, w->op, w->reg, w->vvvv, w->rm, w->k, w->z);
	else if (w->rm == NOREG)
		e_vex_rm(e, l256, w->pp, w->map, w->w, w->op, w->reg, w->vvvv, w->m);
	else
		e_vex_rr(e, l256, w->pp, w->map, w->w, w->op, w->reg, w->vvvv, w->rm);
	if (w->imm >= 0)
		e_byte(e, (uint8_t)w->imm);
}

/* The text Capstone gives the first instruction of code (n bytes), or why it gives none */
static void decode(csh cs, const uint8_t *code, size_t n, char *text, size_t size)
{
	cs_insn *insn = NULL;
	size_t count = cs_disasm(cs, code, n, 0, 0, &insn);
	if (count == 1 && insn[0].size == n)
		snprintf(text, size, "%s %s", insn[0].mnemonic, insn[0].op_str);
	else if (count)
		snprintf(text, size, "%zu instructions, the first %s %s", count, insn[0].mnemonic, insn[0].op_str);
	else
		snprintf(text, size, "(nothing)");
	cs_free(insn, count);
}

int main(int argc, char **argv)
{
	size_t n = sizeof wants / sizeof wants[0];
	char text[512];
	uint8_t buf[32];
	struct emit e = {buf, buf + sizeof buf, false, false};
	int bad = 0;
	csh cs;
	if (argc > 1 && !strcmp(argv[1], "--lanes")) { /* the lanes table: text, a tab, the bytes */
		for (size_t i = 0; i < sizeof lanes / sizeof lanes[0]; i++) {
			e.p = buf;
			emit_want(&e, &lanes[i]);
			printf("%s\t", lanes[i].text);
			for (const uint8_t *p = buf; p < e.p; p++)
				printf("%s%02x", p == buf ? "" : " ", *p);
			printf("\n");
		}
		return 0;
	}
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
		printf("FAIL vex-encode: Capstone cannot disassemble x86-64\n");
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		e.p = buf;
		emit_want(&e, &wants[i]);
		decode(cs, buf, (size_t)(e.p - buf), text, sizeof text);
		if (strcmp(text, wants[i].text) != 0) {
			printf("FAIL vex-encode: %s encoded as %s\n", wants[i].text, text);
			bad++;
		}
	}
	e.vex = true;
	for (size_t i = 0; i < sizeof sse_wants / sizeof sse_wants[0]; i++) {
		const struct sse_want *w = &sse_wants[i];
		e.p = buf;
		if (w->map38)
			e_sse38_rr(&e, w->op, w->reg, w->rm);
		else if (w->rm == NOREG)
			e_sse_rm(&e, w->prefix, w->w, w->op, w->reg, w->m);
		else
			e_sse_rr(&e, w->prefix, w->w, w->op, w->reg, w->rm);
		if (w->imm >= 0)
			e_byte(&e, (uint8_t)w->imm);
		decode(cs, buf, (size_t)(e.p - buf), text, sizeof text);
		if (strcmp(text, w->text) != 0) {
			printf("FAIL vex-encode-sse: %s encoded as %s\n", w->text, text);
			bad++;
		}
	}
	e.vex = false;
	n += sizeof sse_wants / sizeof sse_wants[0];
	e.p = buf;
	e_vzeroupper(&e);
	decode(cs, buf, (size_t)(e.p - buf), text, sizeof text);
	if (strcmp(text, "vzeroupper ") != 0) {
		printf("FAIL vex-encode: vzeroupper encoded as %s\n", text);
		bad++;
	}
	cs_close(&cs);
	if (!bad)
		printf("PASS vex-encode: %zu VEX and EVEX forms, SSE ones in VEX form among them, decode as meant\n",
		       n + 1);
	return 0;
}
