/* A small x86-64 encoder: just the instructions the translator emits. */
#ifndef RVX_JIT_EMIT_H
#define RVX_JIT_EMIT_H

#include <stdbool.h>
#include <stdint.h>

enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15, NOREG = -1 };
enum { CC_O, CC_NO, CC_B, CC_AE, CC_E, CC_NE, CC_BE, CC_A, CC_S, CC_NS, CC_P, CC_NP, CC_L, CC_GE, CC_LE, CC_G };
/* Group-1 ALU operations (their /digit in 81 /n and their base opcode >> 3). */
enum { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP };
/* Group-2 shifts and rotates (/digit). */
enum { SH_ROL, SH_ROR, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };

struct emit {
	uint8_t *p, *end;
	bool full; /* ran out of room: the caller flushes the cache and retries */
	/* e_sse_* write the VEX forms: a legacy SSE instruction while an upper half of ymm0-15 is
	 * dirty costs about 180 ns on some hosts (measured on Intel's Emerald Rapids) */
	bool vex;
};

/* A memory operand [base + (index << scale) + disp]; index NOREG for none, base NOREG for an
 * absolute address; gs: relative to the GS segment base. */
struct mem {
	int base, index;
	int32_t disp;
	unsigned scale;
	bool gs;
};

static inline struct mem M(int base, int32_t disp) {
	return (struct mem){base, NOREG, disp, 0, false};
} static inline struct mem MX(int base, int index, int32_t disp) {
	return (struct mem){base, index, disp, 0, false};
} static inline struct mem MXS(int base, int index, unsigned scale, int32_t disp) {
	return (struct mem){base, index, disp, scale, false};
}

void e_byte(struct emit *e, uint8_t b);
void e_u32(struct emit *e, uint32_t v);
void e_u64(struct emit *e, uint64_t v);

/* reg-reg and reg-mem forms; w: 64-bit operand size */
void e_alu_rr(struct emit *e, int op, bool w, int dst, int src);
void e_alu_ri(struct emit *e, int op, bool w, int dst, int32_t imm);
void e_alu_rm(struct emit *e, int op, bool w, int dst, struct mem m);     /* dst op= [m] */
void e_alu_mi(struct emit *e, int op, bool w, struct mem m, int32_t imm); /* [m] op= imm32 */
void e_mov_rr(struct emit *e, bool w, int dst, int src);
void e_mov_ri(struct emit *e, int dst, uint64_t imm);                    /* shortest form that gives imm */
void e_load(struct emit *e, int dst, struct mem m, int size, bool sign); /* into a 64-bit reg */
void e_store(struct emit *e, struct mem m, int src, int size);
void e_store_i32(struct emit *e, struct mem m, int32_t imm); /* 64-bit store of sign-extended imm */
void e_store_i8(struct emit *e, struct mem m, uint8_t imm);
void e_lea(struct emit *e, int dst, struct mem m);
uint8_t *e_lea_rip(struct emit *e, int dst); /* lea dst, [rip + disp32]: patch like a jump */
void e_shift_cl(struct emit *e, int op, bool w, int dst);
void e_shift_i(struct emit *e, int op, bool w, int dst, uint8_t n);
void e_shift_mi(struct emit *e, int op, bool w, struct mem m, uint8_t n); /* [m] shifted by n */
void e_imul_rr(struct emit *e, bool w, int dst, int src);
void e_imul_rm(struct emit *e, bool w, int dst, struct mem m);
void e_unary(struct emit *e, int digit, bool w, int reg); /* F7 /digit: 2 not, 3 neg, 4 mul, 5 imul, 6 div, 7 idiv */
void e_cqo(struct emit *e);
void e_movsxd(struct emit *e, int dst, int src);
void e_movzx8(struct emit *e, int dst, int src);
void e_movzx16(struct emit *e, int dst, int src);
void e_movsx8(struct emit *e, int dst, int src);
void e_movsx16(struct emit *e, int dst, int src);
void e_setcc(struct emit *e, int cc, int dst);  /* dst = cc ? 1 : 0, whole register */
void e_setcc8(struct emit *e, int cc, int dst); /* its low byte only */
void e_cmov(struct emit *e, int cc, int dst, int src);
void e_bitcount(struct emit *e, uint8_t op, bool w, int dst, int src); /* F3 0F op: B8 popcnt, BC tzcnt, BD lzcnt */
void e_bswap(struct emit *e, int reg);
void e_bt_ri(struct emit *e, int digit, int reg, uint8_t bit); /* 0F BA /digit: 4 bt 5 bts 6 btr 7 btc */
void e_bt_rr(struct emit *e, uint8_t op, int reg, int bit);    /* 0F op: A3 bt, AB bts, B3 btr, BB btc */
void e_test_rr(struct emit *e, bool w, int a, int b);
void e_test_ri(struct emit *e, bool w, int reg, uint32_t imm); /* test reg, imm32 (sign-extended when w) */
void e_test_rm(struct emit *e, bool w, int reg, struct mem m);
/* Jumps: return the address of the rel32 field to patch later. */
uint8_t *e_jcc(struct emit *e, int cc);
uint8_t *e_jmp(struct emit *e);
void e_jmp_to(struct emit *e, const void *target);
void e_jcc_to(struct emit *e, int cc, const void *target);
void e_call(struct emit *e, const void *fn); /* via rax */
void e_jmp_mem(struct emit *e, struct mem m);
void e_call_to(struct emit *e, const void *target); /* call rel32 */
void e_ret(struct emit *e);
/* SSE scalar: prefix (0xf2 sd, 0xf3 ss, 0x66, or 0), 0F op, xmm register and an operand. */
void e_sse_rm(struct emit *e, uint8_t prefix, bool w, uint8_t op, int xmm, struct mem m);
void e_sse_rr(struct emit *e, uint8_t prefix, bool w, uint8_t op, int reg, int rm);
/* SSE4.1's 66 0F 38 op (pmulld 0x40, ...) with a memory operand */
void e_sse38_rm(struct emit *e, uint8_t op, int xmm, struct mem m);
void e_sse38_rr(struct emit *e, uint8_t op, int reg, int rm);
/* VEX-encoded (l256: ymm; vvvv the second source, 0 when there is none) */
enum { VEX_PP_NONE, VEX_PP_66, VEX_PP_F3, VEX_PP_F2 };
enum { VEX_0F = 1, VEX_0F38, VEX_0F3A };
void e_vex_rm(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, struct mem m);
void e_vex_rr(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, int rm);
/* EVEX-encoded (AVX-512VL), unmasked, for the registers 16-31 that VEX cannot name; a memory
 * operand is the whole vector (its 8-bit displacement is scaled by 16 or 32) */
void e_evex_rm(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, struct mem m);
void e_evex_rr(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, int rm);
/* with a write mask k (1-7, 0: none), merging or (z) zeroing the elements it leaves out */
void e_evex_rmk(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, struct mem m, int k,
		bool z);
void e_evex_rrk(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, int rm, int k,
		bool z);
/* EVEX of 16, 32 or 64 bytes (a 64-byte form's register is zmm), under mask k (merging), with a
 * memory operand broadcast from one element (bcst) */
void e_evex_len_rm(struct emit *e, unsigned bytes, int pp, int map, bool w, uint8_t op, int reg, int vvvv, struct mem m,
		   int k, bool bcst);
void e_evex_len_rr(struct emit *e, unsigned bytes, int pp, int map, bool w, uint8_t op, int reg, int vvvv, int rm,
		   int k);
void e_vzeroupper(struct emit *e); /* after 256-bit code: legacy SSE runs next */
void e_ldmxcsr(struct emit *e, struct mem m);
/* Read-modify-write on memory, with a lock prefix when asked: xadd, cmpxchg, <alu> [m], reg;
 * xchg (always locked by the CPU). */
void e_xadd(struct emit *e, bool lock, bool w, struct mem m, int reg);
void e_cmpxchg(struct emit *e, bool lock, bool w, struct mem m, int reg); /* with rax; ZF: swapped */
void e_xchg(struct emit *e, bool w, struct mem m, int reg);
void e_alu_mr(struct emit *e, bool lock, int op, bool w, struct mem m, int reg);
/* Points a rel32 field at target. */
void e_patch(uint8_t *rel32, const void *target);

#endif
