#include "emit.h"

#include <string.h>

void e_byte(struct emit *e, uint8_t b)
{
	if (e->p >= e->end) {
		e->full = true;
		return;
	}
	*e->p++ = b;
}

void e_u32(struct emit *e, uint32_t v)
{
	int i;
	for (i = 0; i < 4; i++)
		e_byte(e, (uint8_t)(v >> (8 * i)));
}

void e_u64(struct emit *e, uint64_t v)
{
	e_u32(e, (uint32_t)v);
	e_u32(e, (uint32_t)(v >> 32));
}

/* REX prefix when needed (or forced, for byte registers sil/dil). */
static void rex(struct emit *e, bool w, int reg, int index, int base, bool force)
{
	uint8_t r = 0x40 | (w ? 8 : 0) | ((reg & 8) ? 4 : 0) | ((index >= 0 && (index & 8)) ? 2 : 0) |
		    ((base >= 0 && (base & 8)) ? 1 : 0);
	if (r != 0x40 || force)
		e_byte(e, r);
}

static void modrm_rr(struct emit *e, int reg, int rm)
{
	e_byte(e, (uint8_t)(0xc0 | ((reg & 7) << 3) | (rm & 7)));
}

/* n: EVEX's scale of an 8-bit displacement (the operand's size), 1 otherwise */
static void modrm_mem_n(struct emit *e, int reg, struct mem m, int32_t n)
{
	int mod = m.disp == 0 && (m.base & 7) != RBP                           ? 0
		  : m.disp % n == 0 && m.disp / n >= -128 && m.disp / n <= 127 ? 1
									       : 2;
	if (m.base == NOREG) { /* [index * scale + disp32] or [disp32] through a SIB byte with no base */
		int index = m.index == NOREG ? RSP : m.index;
		e_byte(e, (uint8_t)(((reg & 7) << 3) | 4));
		e_byte(e, (uint8_t)((m.scale << 6) | ((index & 7) << 3) | 5));
		e_u32(e, (uint32_t)m.disp);
		return;
	}
	if (m.index == NOREG && (m.base & 7) != RSP) {
		e_byte(e, (uint8_t)((mod << 6) | ((reg & 7) << 3) | (m.base & 7)));
	} else {
		int index = m.index == NOREG ? RSP : m.index; /* 100 = no index */
		e_byte(e, (uint8_t)((mod << 6) | ((reg & 7) << 3) | 4));
		e_byte(e, (uint8_t)((m.scale << 6) | ((index & 7) << 3) | (m.base & 7)));
	}
	if (mod == 1)
		e_byte(e, (uint8_t)(int8_t)(m.disp / n));
	else if (mod == 2)
		e_u32(e, (uint32_t)m.disp);
}

static void modrm_mem(struct emit *e, int reg, struct mem m)
{
	modrm_mem_n(e, reg, m, 1);
}

static void op_rr(struct emit *e, bool w, uint8_t op, int reg, int rm)
{
	rex(e, w, reg, NOREG, rm, false);
	e_byte(e, op);
	modrm_rr(e, reg, rm);
}

static void seg(struct emit *e, struct mem m)
{
	if (m.gs)
		e_byte(e, 0x65);
}

static void op_rm(struct emit *e, bool w, uint8_t op, int reg, struct mem m, bool force_rex)
{
	seg(e, m);
	rex(e, w, reg, m.index, m.base, force_rex);
	e_byte(e, op);
	modrm_mem(e, reg, m);
}

static void op0f_rr(struct emit *e, bool w, uint8_t op, int reg, int rm)
{
	rex(e, w, reg, NOREG, rm, false);
	e_byte(e, 0x0f);
	e_byte(e, op);
	modrm_rr(e, reg, rm);
}

void e_alu_rr(struct emit *e, int op, bool w, int dst, int src)
{
	op_rr(e, w, (uint8_t)(op * 8 + 1), src, dst);
}

void e_alu_ri(struct emit *e, int op, bool w, int dst, int32_t imm)
{
	if (imm >= -128 && imm <= 127) {
		op_rr(e, w, 0x83, op, dst);
		e_byte(e, (uint8_t)(int8_t)imm);
	} else {
		op_rr(e, w, 0x81, op, dst);
		e_u32(e, (uint32_t)imm);
	}
}

void e_alu_rm(struct emit *e, int op, bool w, int dst, struct mem m)
{
	op_rm(e, w, (uint8_t)(op * 8 + 3), dst, m, false);
}

void e_alu_mi(struct emit *e, int op, bool w, struct mem m, int32_t imm)
{
	op_rm(e, w, 0x81, op, m, false);
	e_u32(e, (uint32_t)imm);
}

void e_mov_rr(struct emit *e, bool w, int dst, int src)
{
	if (dst != src || !w)
		op_rr(e, w, 0x89, src, dst);
}

void e_mov_ri(struct emit *e, int dst, uint64_t imm)
{
	if (imm == 0) {
		op_rr(e, false, 0x31, dst, dst); /* xor r32, r32 */
	} else if (imm <= 0xffffffffu) {
		rex(e, false, 0, NOREG, dst, false);
		e_byte(e, (uint8_t)(0xb8 + (dst & 7)));
		e_u32(e, (uint32_t)imm);
	} else if ((int64_t)imm >= INT32_MIN && (int64_t)imm < 0) {
		op_rr(e, true, 0xc7, 0, dst);
		e_u32(e, (uint32_t)imm);
	} else {
		rex(e, true, 0, NOREG, dst, false);
		e_byte(e, (uint8_t)(0xb8 + (dst & 7)));
		e_u64(e, imm);
	}
}

void e_load(struct emit *e, int dst, struct mem m, int size, bool sign)
{
	switch (size) {
	case 1:
	case 2: /* movzx/movsx: 0F B6/BE for bytes, B7/BF for halfwords */
		seg(e, m);
		rex(e, sign, dst, m.index, m.base, false);
		e_byte(e, 0x0f);
		e_byte(e, (uint8_t)((sign ? 0xbe : 0xb6) + (size - 1)));
		modrm_mem(e, dst, m);
		break;
	case 4: op_rm(e, sign, sign ? 0x63 : 0x8b, dst, m, false); break;
	default: op_rm(e, true, 0x8b, dst, m, false);
	}
}

void e_store(struct emit *e, struct mem m, int src, int size)
{
	switch (size) {
	case 1: op_rm(e, false, 0x88, src, m, src >= RSP); break;
	case 2:
		e_byte(e, 0x66);
		op_rm(e, false, 0x89, src, m, false);
		break;
	case 4: op_rm(e, false, 0x89, src, m, false); break;
	default: op_rm(e, true, 0x89, src, m, false);
	}
}

void e_store_i8(struct emit *e, struct mem m, uint8_t imm)
{
	op_rm(e, false, 0xc6, 0, m, false);
	e_byte(e, imm);
}

void e_store_i32(struct emit *e, struct mem m, int32_t imm)
{
	op_rm(e, true, 0xc7, 0, m, false);
	e_u32(e, (uint32_t)imm);
}

void e_lea(struct emit *e, int dst, struct mem m)
{
	op_rm(e, true, 0x8d, dst, m, false);
}

uint8_t *e_lea_rip(struct emit *e, int dst)
{
	rex(e, true, dst, NOREG, NOREG, false);
	e_byte(e, 0x8d);
	e_byte(e, (uint8_t)(((dst & 7) << 3) | 5)); /* mod 00, rm 101: [rip + disp32] */
	e_u32(e, 0);
	return e->p - 4;
}

void e_shift_cl(struct emit *e, int op, bool w, int dst)
{
	op_rr(e, w, 0xd3, op, dst);
}

void e_shift_i(struct emit *e, int op, bool w, int dst, uint8_t n)
{
	op_rr(e, w, 0xc1, op, dst);
	e_byte(e, n);
}

void e_shift_mi(struct emit *e, int op, bool w, struct mem m, uint8_t n)
{
	op_rm(e, w, 0xc1, op, m, false);
	e_byte(e, n);
}

void e_imul_rr(struct emit *e, bool w, int dst, int src)
{
	op0f_rr(e, w, 0xaf, dst, src);
}

void e_imul_rm(struct emit *e, bool w, int dst, struct mem m)
{
	seg(e, m);
	rex(e, w, dst, m.index, m.base, false);
	e_byte(e, 0x0f);
	e_byte(e, 0xaf);
	modrm_mem(e, dst, m);
}

void e_unary(struct emit *e, int digit, bool w, int reg)
{
	op_rr(e, w, 0xf7, digit, reg);
}

void e_cqo(struct emit *e)
{
	e_byte(e, 0x48);
	e_byte(e, 0x99);
}

void e_movsxd(struct emit *e, int dst, int src)
{
	op_rr(e, true, 0x63, dst, src);
}

void e_movzx8(struct emit *e, int dst, int src)
{
	rex(e, false, dst, NOREG, src, src >= RSP); /* spl..dil need a REX prefix */
	e_byte(e, 0x0f);
	e_byte(e, 0xb6);
	modrm_rr(e, dst, src);
}

void e_movzx16(struct emit *e, int dst, int src)
{
	op0f_rr(e, false, 0xb7, dst, src);
}

void e_movsx8(struct emit *e, int dst, int src)
{
	rex(e, true, dst, NOREG, src, false);
	e_byte(e, 0x0f);
	e_byte(e, 0xbe);
	modrm_rr(e, dst, src);
}

void e_movsx16(struct emit *e, int dst, int src)
{
	op0f_rr(e, true, 0xbf, dst, src);
}

void e_setcc8(struct emit *e, int cc, int dst)
{
	rex(e, false, 0, NOREG, dst, dst >= RSP);
	e_byte(e, 0x0f);
	e_byte(e, (uint8_t)(0x90 + cc));
	modrm_rr(e, 0, dst);
}

void e_setcc(struct emit *e, int cc, int dst)
{
	e_setcc8(e, cc, dst);
	rex(e, false, dst, NOREG, dst, dst >= RSP);
	e_byte(e, 0x0f);
	e_byte(e, 0xb6);
	modrm_rr(e, dst, dst);
}

void e_cmov(struct emit *e, int cc, int dst, int src)
{
	op0f_rr(e, true, (uint8_t)(0x40 + cc), dst, src);
}

void e_bitcount(struct emit *e, uint8_t op, bool w, int dst, int src)
{
	e_byte(e, 0xf3);
	op0f_rr(e, w, op, dst, src);
}

void e_bswap(struct emit *e, int reg)
{
	rex(e, true, 0, NOREG, reg, false);
	e_byte(e, 0x0f);
	e_byte(e, (uint8_t)(0xc8 + (reg & 7)));
}

void e_bt_ri(struct emit *e, int digit, int reg, uint8_t bit)
{
	op0f_rr(e, true, 0xba, digit, reg);
	e_byte(e, bit);
}

void e_bt_rr(struct emit *e, uint8_t op, int reg, int bit)
{
	op0f_rr(e, true, op, bit, reg);
}

void e_test_rr(struct emit *e, bool w, int a, int b)
{
	op_rr(e, w, 0x85, b, a);
}

void e_test_ri(struct emit *e, bool w, int reg, uint32_t imm)
{
	op_rr(e, w, 0xf7, 0, reg);
	e_u32(e, imm);
}

void e_test_rm(struct emit *e, bool w, int reg, struct mem m)
{
	op_rm(e, w, 0x85, reg, m, false);
}

uint8_t *e_jcc(struct emit *e, int cc)
{
	e_byte(e, 0x0f);
	e_byte(e, (uint8_t)(0x80 + cc));
	e_u32(e, 0);
	return e->p - 4;
}

uint8_t *e_jmp(struct emit *e)
{
	e_byte(e, 0xe9);
	e_u32(e, 0);
	return e->p - 4;
}

void e_patch(uint8_t *rel32, const void *target)
{
	int32_t rel = (int32_t)((const uint8_t *)target - (rel32 + 4));
	memcpy(rel32, &rel, 4);
}

void e_jmp_to(struct emit *e, const void *target)
{
	uint8_t *r = e_jmp(e);
	if (!e->full)
		e_patch(r, target);
}

void e_jcc_to(struct emit *e, int cc, const void *target)
{
	uint8_t *r = e_jcc(e, cc);
	if (!e->full)
		e_patch(r, target);
}

void e_call(struct emit *e, const void *fn)
{
	e_mov_ri(e, RAX, (uint64_t)(uintptr_t)fn);
	op_rr(e, false, 0xff, 2, RAX);
}

void e_call_to(struct emit *e, const void *target)
{
	uint8_t *r;
	e_byte(e, 0xe8);
	r = e->p;
	e_u32(e, 0);
	if (!e->full)
		e_patch(r, target);
}

void e_jmp_mem(struct emit *e, struct mem m)
{
	op_rm(e, false, 0xff, 4, m, false);
}

void e_ret(struct emit *e)
{
	e_byte(e, 0xc3);
}

/* An SSE instruction's VEX.128 form: its pp, and its vvvv (0 where the form has none; the
 * destination where the legacy form reads it as its first source, so that what it keeps of it
 * is kept), or false where this knows no such form (map: 0x0f or 0x38) */
static bool vex_form(uint8_t prefix, int map, uint8_t op, int reg, int rm, bool mem, int *pp, int *vvvv)
{
	bool scalar = prefix == 0xf2 || prefix == 0xf3, plain = prefix == 0 || prefix == 0x66;
	int v = -1;
	*pp = prefix == 0x66 ? VEX_PP_66 : prefix == 0xf3 ? VEX_PP_F3 : prefix == 0xf2 ? VEX_PP_F2 : VEX_PP_NONE;
	if (map == 0x38) {
		if (prefix != 0x66)
			return false;
		if (op <= 0x0b || op == 0x28 || op == 0x29 || op == 0x2b || (op >= 0x37 && op <= 0x40))
			v = reg;
		else if (op == 0x17 || (op >= 0x1c && op <= 0x1e) || (op >= 0x20 && op <= 0x25) ||
			 (op >= 0x30 && op <= 0x35))
			v = 0;
		*vvvv = v;
		return v >= 0;
	}
	switch (op) {
	case 0x10: v = scalar && !mem ? reg : 0; break; /* movss/movsd between registers merge */
	case 0x11: v = scalar && !mem ? -1 : 0; break;
	case 0x28:
	case 0x29:
	case 0x50:
	case 0x5b:
	case 0xe6: v = 0; break;
	case 0x2a: v = scalar ? reg : -1; break;
	case 0x2c:
	case 0x2d: v = scalar ? 0 : -1; break;
	case 0x2e:
	case 0x2f: v = plain ? 0 : -1; break;
	case 0x51:
	case 0x5a: v = scalar ? reg : 0; break;
	case 0x54:
	case 0x55:
	case 0x56:
	case 0x57:
	case 0xc6: v = plain ? reg : -1; break;
	case 0x58:
	case 0x59:
	case 0x5c:
	case 0x5d:
	case 0x5e:
	case 0x5f:
	case 0xc2: v = reg; break;
	case 0x6e:
	case 0x7e:
	case 0x6f:
	case 0x7f: v = prefix == 0x66 || prefix == 0xf3 ? 0 : -1; break;
	case 0x70: v = prefix ? 0 : -1; break;
	case 0x71:
	case 0x72:
	case 0x73: v = prefix == 0x66 && !mem ? rm : -1; break; /* vvvv: the destination */
	case 0xd6:
	case 0xd7: v = prefix == 0x66 ? 0 : -1; break;
	case 0xe7:
	case 0xf7: break;
	default:
		if (prefix == 0x66 &&
		    ((op >= 0x60 && op <= 0x6d) || (op >= 0x74 && op <= 0x76) || (op >= 0xd1 && op <= 0xfe)))
			v = reg;
	}
	*vvvv = v;
	return v >= 0;
}

void e_sse_rm(struct emit *e, uint8_t prefix, bool w, uint8_t op, int xmm, struct mem m)
{
	int pp, vvvv;
	if (e->vex && vex_form(prefix, 0x0f, op, xmm, NOREG, true, &pp, &vvvv)) {
		e_vex_rm(e, false, pp, VEX_0F, w, op, xmm, vvvv, m);
		return;
	}
	seg(e, m); /* before the mandatory prefix, which must come right before REX and the opcode */
	if (prefix)
		e_byte(e, prefix);
	rex(e, w, xmm, m.index, m.base, false);
	e_byte(e, 0x0f);
	e_byte(e, op);
	modrm_mem(e, xmm, m);
}

void e_sse38_rm(struct emit *e, uint8_t op, int xmm, struct mem m)
{
	int pp, vvvv;
	if (e->vex && vex_form(0x66, 0x38, op, xmm, NOREG, true, &pp, &vvvv)) {
		e_vex_rm(e, false, pp, VEX_0F38, false, op, xmm, vvvv, m);
		return;
	}
	seg(e, m);
	e_byte(e, 0x66);
	rex(e, false, xmm, m.index, m.base, false);
	e_byte(e, 0x0f);
	e_byte(e, 0x38);
	e_byte(e, op);
	modrm_mem(e, xmm, m);
}

void e_sse_rr(struct emit *e, uint8_t prefix, bool w, uint8_t op, int reg, int rm)
{
	int pp, vvvv;
	if (e->vex && vex_form(prefix, 0x0f, op, reg, rm, false, &pp, &vvvv)) {
		e_vex_rr(e, false, pp, VEX_0F, w, op, reg, vvvv, rm);
		return;
	}
	if (prefix)
		e_byte(e, prefix);
	rex(e, w, reg, NOREG, rm, false);
	e_byte(e, 0x0f);
	e_byte(e, op);
	modrm_rr(e, reg, rm);
}

void e_sse38_rr(struct emit *e, uint8_t op, int reg, int rm)
{
	int pp, vvvv;
	if (e->vex && vex_form(0x66, 0x38, op, reg, rm, false, &pp, &vvvv)) {
		e_vex_rr(e, false, pp, VEX_0F38, false, op, reg, vvvv, rm);
		return;
	}
	e_byte(e, 0x66);
	rex(e, false, reg, NOREG, rm, false);
	e_byte(e, 0x0f);
	e_byte(e, 0x38);
	e_byte(e, op);
	modrm_rr(e, reg, rm);
}

/* The three-byte VEX prefix and opcode; vvvv, like R, X and B, is stored inverted (0: unused) */
static void vex(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, int index, int base)
{
	e_byte(e, 0xc4);
	e_byte(e, (uint8_t)((reg & 8 ? 0 : 0x80) | (index >= 0 && (index & 8) ? 0 : 0x40) |
			    (base >= 0 && (base & 8) ? 0 : 0x20) | map));
	e_byte(e, (uint8_t)((w ? 0x80 : 0) | ((~vvvv & 15) << 3) | (l256 ? 4 : 0) | pp));
	e_byte(e, op);
}

void e_vex_rm(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, struct mem m)
{
	seg(e, m);
	vex(e, l256, pp, map, w, op, reg, vvvv, m.index, m.base);
	modrm_mem(e, reg, m);
}

void e_vex_rr(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, int rm)
{
	vex(e, l256, pp, map, w, op, reg, vvvv, NOREG, rm);
	modrm_rr(e, reg, rm);
}

/* EVEX: reg, vvvv and a register rm may be 16-31; ll 0, 1, 2 for 16, 32, 64 bytes; k (1-7) masks
 * the destination's elements, merging or (z) zeroing the others, 0 for none; bcst broadcasts a
 * memory operand's one element */
static void evex(struct emit *e, unsigned ll, int pp, int map, bool w, uint8_t op, int reg, int vvvv, int x, int b,
		 int k, bool z, bool bcst)
{
	e_byte(e, 0x62);
	e_byte(e, (uint8_t)((reg & 8 ? 0 : 0x80) | (x >= 0 && (x & 8) ? 0 : 0x40) | (b >= 0 && (b & 8) ? 0 : 0x20) |
			    (reg & 16 ? 0 : 0x10) | map));
	e_byte(e, (uint8_t)((w ? 0x80 : 0) | ((~vvvv & 15) << 3) | 4 | pp));
	e_byte(e, (uint8_t)((z && k ? 0x80 : 0) | (ll << 5) | (bcst ? 0x10 : 0) | (vvvv & 16 ? 0 : 8) | (k & 7)));
	e_byte(e, op);
}

void e_evex_len_rm(struct emit *e, unsigned bytes, int pp, int map, bool w, uint8_t op, int reg, int vvvv, struct mem m,
		   int k, bool bcst)
{
	seg(e, m);
	evex(e, bytes / 32, pp, map, w, op, reg, vvvv, m.index, m.base, k, false, bcst);
	modrm_mem_n(e, reg, m, bcst ? (w ? 8 : 4) : (int32_t)bytes);
}

void e_evex_len_rr(struct emit *e, unsigned bytes, int pp, int map, bool w, uint8_t op, int reg, int vvvv, int rm,
		   int k)
{
	/* a register rm's fourth bit is EVEX.B, its fifth EVEX.X */
	evex(e, bytes / 32, pp, map, w, op, reg, vvvv, rm & 16 ? 8 : 0, rm, k, false, false);
	modrm_rr(e, reg, rm);
}

void e_evex_rmk(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, struct mem m, int k,
		bool z)
{
	seg(e, m);
	evex(e, l256, pp, map, w, op, reg, vvvv, m.index, m.base, k, z, false);
	modrm_mem_n(e, reg, m, l256 ? 32 : 16);
}

void e_evex_rm(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, struct mem m)
{
	e_evex_rmk(e, l256, pp, map, w, op, reg, vvvv, m, 0, false);
}

void e_evex_rrk(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, int rm, int k,
		bool z)
{
	/* a register rm's fourth bit is EVEX.B, its fifth EVEX.X */
	evex(e, l256, pp, map, w, op, reg, vvvv, rm & 16 ? 8 : 0, rm, k, z, false);
	modrm_rr(e, reg, rm);
}

void e_evex_rr(struct emit *e, bool l256, int pp, int map, bool w, uint8_t op, int reg, int vvvv, int rm)
{
	e_evex_rrk(e, l256, pp, map, w, op, reg, vvvv, rm, 0, false);
}

void e_vzeroupper(struct emit *e)
{
	e_byte(e, 0xc5);
	e_byte(e, 0xf8);
	e_byte(e, 0x77);
}

void e_ldmxcsr(struct emit *e, struct mem m)
{
	rex(e, false, 2, m.index, m.base, false);
	e_byte(e, 0x0f);
	e_byte(e, 0xae);
	modrm_mem(e, 2, m);
}

static void rmw0f(struct emit *e, bool lock, bool w, uint8_t op, struct mem m, int reg)
{
	if (lock)
		e_byte(e, 0xf0);
	seg(e, m);
	rex(e, w, reg, m.index, m.base, false);
	e_byte(e, 0x0f);
	e_byte(e, op);
	modrm_mem(e, reg, m);
}

void e_xadd(struct emit *e, bool lock, bool w, struct mem m, int reg)
{
	rmw0f(e, lock, w, 0xc1, m, reg);
}

void e_cmpxchg(struct emit *e, bool lock, bool w, struct mem m, int reg)
{
	rmw0f(e, lock, w, 0xb1, m, reg);
}

void e_xchg(struct emit *e, bool w, struct mem m, int reg)
{
	op_rm(e, w, 0x87, reg, m, false);
}

void e_alu_mr(struct emit *e, bool lock, int op, bool w, struct mem m, int reg)
{
	if (lock)
		e_byte(e, 0xf0);
	op_rm(e, w, (uint8_t)(op * 8 + 1), reg, m, false);
}
