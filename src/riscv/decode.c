#include "insn.h"

static const char *const op_names[] = {
#define X(op, name, fmt) name,
#include "ops.def"
#undef X
};

static const unsigned char op_formats[] = {
#define X(op, name, fmt) fmt,
#include "ops.def"
#undef X
};

const char *rv_op_name(unsigned op)
{
	return op < RV_OP_COUNT ? op_names[op] : "?";
}

enum rv_format rv_op_format(unsigned op)
{
	return op < RV_OP_COUNT ? (enum rv_format)op_formats[op] : F_NONE;
}

bool rv_is_group_hint(const struct rv_insn *in)
{
	return in->op == RV_SLTI && !in->rd && !in->rs1 && in->imm;
}

bool rv_ends_block(const struct rv_insn *in)
{
	return rv_op_format(in->op) == F_B || in->op == RV_JAL || in->op == RV_JALR || in->op == RV_ECALL ||
	       in->op == RV_EBREAK || in->op == RV_FENCE_I || in->op == RV_ILLEGAL || rv_is_group_hint(in);
}

unsigned rv_access_shift(unsigned op)
{
	switch (op) {
	case RV_LB:
	case RV_LBU:
	case RV_SB: return 0;
	case RV_LH:
	case RV_LHU:
	case RV_SH:
	case RV_FLH:
	case RV_FSH: return 1;
	case RV_LD:
	case RV_SD:
	case RV_FLD:
	case RV_FSD: return 3;
	case RV_CBO_ZERO: return 6;
	default: return op >= RV_LR_D && op <= RV_AMOMAXU_D ? 3 : 2;
	}
}

unsigned rv_access(const struct rv_insn *in, const uint64_t *x, uint64_t *addr)
{
	switch (rv_op_format(in->op)) {
	case F_LOAD:
	case F_FLOAD: *addr = x[in->rs1] + (uint64_t)in->imm; return RV_ACC_LOAD;
	case F_STORE:
	case F_FSTORE: *addr = x[in->rs1] + (uint64_t)in->imm; return RV_ACC_STORE;
	case F_LR: *addr = x[in->rs1]; return RV_ACC_LOAD;
	case F_AMO:
		*addr = x[in->rs1];
		return in->op == RV_SC_W || in->op == RV_SC_D ? RV_ACC_STORE : RV_ACC_LOAD | RV_ACC_STORE;
	case F_CBO: *addr = x[in->rs1] & ~(uint64_t)(RV_CBO_BLOCK - 1); return in->op == RV_CBO_ZERO ? RV_ACC_STORE : 0;
	default: return 0;
	}
}

static inline uint32_t bits(uint32_t v, int hi, int lo)
{
	return (v >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static inline int64_t sext(uint64_t v, int width)
{
	return (int64_t)(v << (64 - width)) >> (64 - width);
}

static void set(struct rv_insn *d, enum rv_op op, int rd, int rs1, int rs2, int64_t imm)
{
	d->op = (uint16_t)op;
	d->rd = (uint8_t)rd;
	d->rs1 = (uint8_t)rs1;
	d->rs2 = (uint8_t)rs2;
	d->imm = imm;
}

static int valid_rm(unsigned rm)
{
	return rm <= 4 || rm == RV_RM_DYN;
}

static enum rv_op decode_op_imm(uint32_t w)
{
	unsigned f3 = bits(w, 14, 12), hi6 = bits(w, 31, 26), imm12 = bits(w, 31, 20);
	switch (f3) {
	case 0: return RV_ADDI;
	case 2: return RV_SLTI;
	case 3: return RV_SLTIU;
	case 4: return RV_XORI;
	case 6: return RV_ORI;
	case 7: return RV_ANDI;
	case 1:
		switch (hi6) {
		case 0x00: return RV_SLLI;
		case 0x12: return RV_BCLRI;
		case 0x1a: return RV_BINVI;
		case 0x0a: return RV_BSETI;
		case 0x18:
			switch (imm12) {
			case 0x600: return RV_CLZ;
			case 0x601: return RV_CTZ;
			case 0x602: return RV_CPOP;
			case 0x604: return RV_SEXT_B;
			case 0x605: return RV_SEXT_H;
			}
		}
		return RV_ILLEGAL;
	default: /* 5 */
		if (imm12 == 0x287)
			return RV_ORC_B;
		if (imm12 == 0x6b8)
			return RV_REV8;
		if (imm12 == 0x687)
			return RV_BREV8;
		switch (hi6) {
		case 0x00: return RV_SRLI;
		case 0x10: return RV_SRAI;
		case 0x18: return RV_RORI;
		case 0x12: return RV_BEXTI;
		}
		return RV_ILLEGAL;
	}
}

static enum rv_op decode_op_imm32(uint32_t w)
{
	unsigned f3 = bits(w, 14, 12), f7 = bits(w, 31, 25), rs2 = bits(w, 24, 20);
	switch (f3) {
	case 0: return RV_ADDIW;
	case 1:
		if (f7 == 0)
			return RV_SLLIW;
		if (f7 == 0x30)
			return rs2 == 0 ? RV_CLZW : rs2 == 1 ? RV_CTZW : rs2 == 2 ? RV_CPOPW : RV_ILLEGAL;
		if ((f7 >> 1) == 0x02)
			return RV_SLLI_UW;
		return RV_ILLEGAL;
	case 5: return f7 == 0 ? RV_SRLIW : f7 == 0x20 ? RV_SRAIW : f7 == 0x30 ? RV_RORIW : RV_ILLEGAL;
	}
	return RV_ILLEGAL;
}

static enum rv_op decode_op(uint32_t w)
{
	unsigned f3 = bits(w, 14, 12), f7 = bits(w, 31, 25);
	static const enum rv_op base[8] = {RV_ADD, RV_SLL, RV_SLT, RV_SLTU, RV_XOR, RV_SRL, RV_OR, RV_AND};
	static const enum rv_op mext[8] = {RV_MUL, RV_MULH, RV_MULHSU, RV_MULHU, RV_DIV, RV_DIVU, RV_REM, RV_REMU};
	switch (f7) {
	case 0x00: return base[f3];
	case 0x01: return mext[f3];
	case 0x20:
		return f3 == 0   ? RV_SUB
		       : f3 == 5 ? RV_SRA
		       : f3 == 7 ? RV_ANDN
		       : f3 == 6 ? RV_ORN
		       : f3 == 4 ? RV_XNOR
				 : RV_ILLEGAL;
	case 0x10: return f3 == 2 ? RV_SH1ADD : f3 == 4 ? RV_SH2ADD : f3 == 6 ? RV_SH3ADD : RV_ILLEGAL;
	case 0x05: {
		static const enum rv_op mm[8] = {RV_ILLEGAL, RV_CLMUL, RV_CLMULR, RV_CLMULH,
						 RV_MIN,     RV_MINU,  RV_MAX,    RV_MAXU};
		return mm[f3];
	}
	case 0x30: return f3 == 1 ? RV_ROL : f3 == 5 ? RV_ROR : RV_ILLEGAL;
	case 0x24: return f3 == 1 ? RV_BCLR : f3 == 5 ? RV_BEXT : RV_ILLEGAL;
	case 0x34: return f3 == 1 ? RV_BINV : RV_ILLEGAL;
	case 0x14: return f3 == 1 ? RV_BSET : f3 == 2 ? RV_XPERM4 : f3 == 4 ? RV_XPERM8 : RV_ILLEGAL;
	case 0x04: return f3 == 4 ? RV_PACK : f3 == 7 ? RV_PACKH : RV_ILLEGAL;
	case 0x07: return f3 == 5 ? RV_CZERO_EQZ : f3 == 7 ? RV_CZERO_NEZ : RV_ILLEGAL;
	}
	return RV_ILLEGAL;
}

static enum rv_op decode_op32(uint32_t w)
{
	unsigned f3 = bits(w, 14, 12), f7 = bits(w, 31, 25), rs2 = bits(w, 24, 20);
	switch (f7) {
	case 0x00: return f3 == 0 ? RV_ADDW : f3 == 1 ? RV_SLLW : f3 == 5 ? RV_SRLW : RV_ILLEGAL;
	case 0x20: return f3 == 0 ? RV_SUBW : f3 == 5 ? RV_SRAW : RV_ILLEGAL;
	case 0x01: {
		static const enum rv_op mw[8] = {RV_MULW, RV_ILLEGAL, RV_ILLEGAL, RV_ILLEGAL,
						 RV_DIVW, RV_DIVUW,   RV_REMW,    RV_REMUW};
		return mw[f3];
	}
	case 0x04:
		if (f3 == 0)
			return RV_ADD_UW;
		if (f3 == 4)
			return rs2 == 0 ? RV_ZEXT_H : RV_PACKW;
		return RV_ILLEGAL;
	case 0x10: return f3 == 2 ? RV_SH1ADD_UW : f3 == 4 ? RV_SH2ADD_UW : f3 == 6 ? RV_SH3ADD_UW : RV_ILLEGAL;
	case 0x30: return f3 == 1 ? RV_ROLW : f3 == 5 ? RV_RORW : RV_ILLEGAL;
	}
	return RV_ILLEGAL;
}

static enum rv_op decode_amo(uint32_t w)
{
	unsigned f3 = bits(w, 14, 12), f5 = bits(w, 31, 27);
	int dbl;
	enum rv_op op;
	if (f3 != 2 && f3 != 3)
		return RV_ILLEGAL;
	dbl = f3 == 3;
	switch (f5) {
	case 0x02:
		if (bits(w, 24, 20) != 0)
			return RV_ILLEGAL;
		op = RV_LR_W;
		break;
	case 0x03: op = RV_SC_W; break;
	case 0x01: op = RV_AMOSWAP_W; break;
	case 0x00: op = RV_AMOADD_W; break;
	case 0x04: op = RV_AMOXOR_W; break;
	case 0x0c: op = RV_AMOAND_W; break;
	case 0x08: op = RV_AMOOR_W; break;
	case 0x10: op = RV_AMOMIN_W; break;
	case 0x14: op = RV_AMOMAX_W; break;
	case 0x18: op = RV_AMOMINU_W; break;
	case 0x1c: op = RV_AMOMAXU_W; break;
	default: return RV_ILLEGAL;
	}
	return dbl ? (enum rv_op)(op + (RV_LR_D - RV_LR_W)) : op;
}

/* OP-FP: the S and D tables line up, so decode for S and add the distance for D. */
/* Zfhmin's and Zfa's OP-FP encodings (H moves and conversions; fli, fminm/fmaxm, fround(nx),
 * fcvtmod.w.d, fleq/fltq for F and D), else RV_ILLEGAL. */
static enum rv_op decode_fp_newer(uint32_t w)
{
	unsigned fmt = bits(w, 26, 25), f5 = bits(w, 31, 27), rm = bits(w, 14, 12), rs2 = bits(w, 24, 20);
	unsigned rs1 = bits(w, 19, 15);
	int d = fmt == 1;
	switch (f5) {
	case 0x08: /* fcvt between H and S or D */
		if (!valid_rm(rm))
			return RV_ILLEGAL;
		if (fmt == 0 && rs2 == 2)
			return RV_FCVT_S_H;
		if (fmt == 1 && rs2 == 2)
			return RV_FCVT_D_H;
		if (fmt == 2 && rs2 == 0)
			return RV_FCVT_H_S;
		if (fmt == 2 && rs2 == 1)
			return RV_FCVT_H_D;
		if (fmt <= 1 && (rs2 == 4 || rs2 == 5))
			return (enum rv_op)((d ? RV_FROUND_D : RV_FROUND_S) + (rs2 == 5));
		return RV_ILLEGAL;
	case 0x1c: return fmt == 2 && rs2 == 0 && rm == 0 ? RV_FMV_X_H : RV_ILLEGAL;
	case 0x1e:
		if (fmt == 2 && rs2 == 0 && rm == 0)
			return RV_FMV_H_X;
		if (fmt <= 1 && rs2 == 1 && rm == 0)
			return d ? RV_FLI_D : RV_FLI_S;
		return RV_ILLEGAL;
	case 0x05:
		if (fmt > 1 || (rm != 2 && rm != 3))
			return RV_ILLEGAL;
		return (enum rv_op)((d ? RV_FMINM_D : RV_FMINM_S) + (rm == 3));
	case 0x14:
		if (fmt > 1 || (rm != 4 && rm != 5))
			return RV_ILLEGAL;
		return (enum rv_op)((d ? RV_FLEQ_D : RV_FLEQ_S) + (rm == 5));
	case 0x18: return fmt == 1 && rs2 == 8 && rm == 1 ? RV_FCVTMOD_W_D : RV_ILLEGAL;
	default: (void)rs1; return RV_ILLEGAL;
	}
}

static enum rv_op decode_fp(uint32_t w)
{
	unsigned fmt = bits(w, 26, 25), f5 = bits(w, 31, 27), rm = bits(w, 14, 12);
	unsigned rs2 = bits(w, 24, 20);
	int d = fmt == 1;
	enum rv_op op;
	const int dist = RV_FMADD_D - RV_FMADD_S;
	op = decode_fp_newer(w);
	if (op != RV_ILLEGAL)
		return op;
	if (fmt > 1)
		return RV_ILLEGAL;
	switch (f5) {
	case 0x00: op = RV_FADD_S; goto rounded;
	case 0x01: op = RV_FSUB_S; goto rounded;
	case 0x02: op = RV_FMUL_S; goto rounded;
	case 0x03: op = RV_FDIV_S; goto rounded;
	case 0x0b:
		if (rs2 != 0)
			return RV_ILLEGAL;
		op = RV_FSQRT_S;
		goto rounded;
	case 0x04: op = rm == 0 ? RV_FSGNJ_S : rm == 1 ? RV_FSGNJN_S : rm == 2 ? RV_FSGNJX_S : RV_ILLEGAL; break;
	case 0x05: op = rm == 0 ? RV_FMIN_S : rm == 1 ? RV_FMAX_S : RV_ILLEGAL; break;
	case 0x08:
		if (!valid_rm(rm))
			return RV_ILLEGAL;
		if (d && rs2 == 0)
			return RV_FCVT_D_S;
		if (!d && rs2 == 1)
			return RV_FCVT_S_D;
		return RV_ILLEGAL;
	case 0x14: op = rm == 2 ? RV_FEQ_S : rm == 1 ? RV_FLT_S : rm == 0 ? RV_FLE_S : RV_ILLEGAL; break;
	case 0x18:
		if (rs2 > 3)
			return RV_ILLEGAL;
		op = (enum rv_op)(RV_FCVT_W_S + rs2);
		goto rounded;
	case 0x1a:
		if (rs2 > 3)
			return RV_ILLEGAL;
		op = (enum rv_op)(RV_FCVT_S_W + rs2);
		goto rounded;
	case 0x1c:
		if (rs2 != 0)
			return RV_ILLEGAL;
		op = rm == 0 ? RV_FMV_X_W : rm == 1 ? RV_FCLASS_S : RV_ILLEGAL;
		break;
	case 0x1e:
		if (rs2 != 0 || rm != 0)
			return RV_ILLEGAL;
		op = RV_FMV_W_X;
		break;
	default: return RV_ILLEGAL;
	}
	if (op == RV_ILLEGAL)
		return op;
	return d ? (enum rv_op)(op + dist) : op;
rounded:
	if (!valid_rm(rm))
		return RV_ILLEGAL;
	return d ? (enum rv_op)(op + dist) : op;
}

static void decode32(struct rv_insn *d, uint32_t w)
{
	unsigned rd = bits(w, 11, 7), rs1 = bits(w, 19, 15), rs2 = bits(w, 24, 20);
	unsigned f3 = bits(w, 14, 12);
	int64_t imm_i = sext(bits(w, 31, 20), 12);
	int64_t imm_s = sext((bits(w, 31, 25) << 5) | bits(w, 11, 7), 12);
	int64_t imm_b =
	    sext((bits(w, 31, 31) << 12) | (bits(w, 7, 7) << 11) | (bits(w, 30, 25) << 5) | (bits(w, 11, 8) << 1), 13);
	int64_t imm_u = sext(w & 0xfffff000u, 32);
	int64_t imm_j = sext(
	    (bits(w, 31, 31) << 20) | (bits(w, 19, 12) << 12) | (bits(w, 20, 20) << 11) | (bits(w, 30, 21) << 1), 21);
	enum rv_op op = RV_ILLEGAL;

	d->len = 4;
	d->rm = 0;
	d->rs3 = 0;
	switch (bits(w, 6, 0)) {
	case 0x37: set(d, RV_LUI, rd, 0, 0, imm_u); return;
	case 0x17: set(d, RV_AUIPC, rd, 0, 0, imm_u); return;
	case 0x6f: set(d, RV_JAL, rd, 0, 0, imm_j); return;
	case 0x67:
		if (f3 != 0)
			break;
		set(d, RV_JALR, rd, rs1, 0, imm_i);
		return;
	case 0x63: {
		static const enum rv_op br[8] = {RV_BEQ, RV_BNE, RV_ILLEGAL, RV_ILLEGAL,
						 RV_BLT, RV_BGE, RV_BLTU,    RV_BGEU};
		set(d, br[f3], 0, rs1, rs2, imm_b);
		if (d->op == RV_ILLEGAL)
			break;
		return;
	}
	case 0x03: {
		static const enum rv_op ld[8] = {RV_LB, RV_LH, RV_LW, RV_LD, RV_LBU, RV_LHU, RV_LWU, RV_ILLEGAL};
		if (ld[f3] == RV_ILLEGAL)
			break;
		set(d, ld[f3], rd, rs1, 0, imm_i);
		return;
	}
	case 0x23: {
		static const enum rv_op st[4] = {RV_SB, RV_SH, RV_SW, RV_SD};
		if (f3 > 3)
			break;
		set(d, st[f3], 0, rs1, rs2, imm_s);
		return;
	}
	case 0x13:
		op = decode_op_imm(w);
		if (op == RV_ILLEGAL)
			break;
		if (rv_op_format(op) == F_SHIFT)
			set(d, op, rd, rs1, 0, bits(w, 25, 20));
		else if (rv_op_format(op) == F_R1)
			set(d, op, rd, rs1, 0, 0);
		else
			set(d, op, rd, rs1, 0, imm_i);
		return;
	case 0x1b:
		op = decode_op_imm32(w);
		if (op == RV_ILLEGAL)
			break;
		if (op == RV_ADDIW)
			set(d, op, rd, rs1, 0, imm_i);
		else if (rv_op_format(op) == F_R1)
			set(d, op, rd, rs1, 0, 0);
		else
			set(d, op, rd, rs1, 0, op == RV_SLLI_UW ? bits(w, 25, 20) : bits(w, 24, 20));
		return;
	case 0x33:
		op = decode_op(w);
		if (op == RV_ILLEGAL)
			break;
		set(d, op, rd, rs1, rs2, 0);
		return;
	case 0x3b:
		op = decode_op32(w);
		if (op == RV_ILLEGAL)
			break;
		set(d, op, rd, rs1, op == RV_ZEXT_H ? 0 : rs2, 0);
		return;
	case 0x0f:
		if (f3 == 0) {
			set(d, RV_FENCE, rd, rs1, 0, bits(w, 31, 20));
			return;
		}
		if (f3 == 1) {
			set(d, RV_FENCE_I, rd, rs1, 0, imm_i);
			return;
		}
		if (f3 == 2 && rd == 0) { /* Zicbom, Zicboz */
			static const enum rv_op cbo[5] = {RV_CBO_INVAL, RV_CBO_CLEAN, RV_CBO_FLUSH, RV_ILLEGAL,
							  RV_CBO_ZERO};
			if (bits(w, 31, 20) > 4 || cbo[bits(w, 31, 20)] == RV_ILLEGAL)
				break;
			set(d, cbo[bits(w, 31, 20)], 0, rs1, 0, 0);
			return;
		}
		break;
	case 0x73:
		if (f3 == 0) {
			if (rd != 0 || rs1 != 0)
				break;
			if (bits(w, 31, 20) == 0) {
				set(d, RV_ECALL, 0, 0, 0, 0);
				return;
			}
			if (bits(w, 31, 20) == 1) {
				set(d, RV_EBREAK, 0, 0, 0, 0);
				return;
			}
			if (bits(w, 31, 20) == 0x00d || bits(w, 31, 20) == 0x01d) { /* Zawrs */
				set(d, bits(w, 31, 20) == 0x00d ? RV_WRS_NTO : RV_WRS_STO, 0, 0, 0, 0);
				return;
			}
			break;
		} else if (f3 == 4) { /* Zimop: may-be-operations, which write 0 to rd */
			if (bits(w, 31, 31) != 1 || bits(w, 29, 28) != 0)
				break;
			if (bits(w, 25, 25)) {
				set(d, RV_MOP_RR, rd, rs1, rs2, (bits(w, 30, 30) << 2) | bits(w, 27, 26));
				return;
			}
			if (bits(w, 25, 22) != 7)
				break;
			set(d, RV_MOP_R, rd, rs1, 0, (bits(w, 30, 30) << 4) | (bits(w, 27, 26) << 2) | bits(w, 21, 20));
			return;
		} else {
			static const enum rv_op csr[8] = {RV_ILLEGAL, RV_CSRRW,  RV_CSRRS,  RV_CSRRC,
							  RV_ILLEGAL, RV_CSRRWI, RV_CSRRSI, RV_CSRRCI};
			if (csr[f3] == RV_ILLEGAL)
				break;
			set(d, csr[f3], rd, rs1, 0, bits(w, 31, 20));
			return;
		}
	case 0x2f:
		op = decode_amo(w);
		if (op == RV_ILLEGAL)
			break;
		set(d, op, rd, rs1, rs2, 0);
		d->rm = (uint8_t)bits(w, 26, 25);
		return;
	case 0x07:
		if (f3 < 1 || f3 > 3) {
			if (rv_decode_v(d, w))
				return;
			break;
		}
		set(d, f3 == 1 ? RV_FLH : f3 == 2 ? RV_FLW : RV_FLD, rd, rs1, 0, imm_i);
		return;
	case 0x27:
		if (f3 < 1 || f3 > 3) {
			if (rv_decode_v(d, w))
				return;
			break;
		}
		set(d, f3 == 1 ? RV_FSH : f3 == 2 ? RV_FSW : RV_FSD, 0, rs1, rs2, imm_s);
		return;
	case 0x57:
		if (rv_decode_v(d, w))
			return;
		break;
	case 0x43:
	case 0x47:
	case 0x4b:
	case 0x4f: {
		unsigned fmt = bits(w, 26, 25);
		if (fmt > 1 || !valid_rm(f3))
			break;
		op = (enum rv_op)(RV_FMADD_S + ((bits(w, 6, 0) - 0x43) >> 2));
		if (fmt == 1)
			op = (enum rv_op)(op + (RV_FMADD_D - RV_FMADD_S));
		set(d, op, rd, rs1, rs2, 0);
		d->rs3 = (uint8_t)bits(w, 31, 27);
		d->rm = (uint8_t)f3;
		return;
	}
	case 0x53:
		op = decode_fp(w);
		if (op == RV_ILLEGAL)
			break;
		set(d, op, rd, rs1, rs2, 0);
		d->rm = (uint8_t)f3;
		return;
	}
	set(d, RV_ILLEGAL, 0, 0, 0, 0);
}

/* Compressed instructions expand to their 32-bit equivalents' decoded form. */
static void decode16(struct rv_insn *d, uint32_t h)
{
	unsigned rd = bits(h, 11, 7), rs2 = bits(h, 6, 2);
	unsigned rdp = bits(h, 4, 2) + 8, rs1p = bits(h, 9, 7) + 8;
	unsigned f3 = bits(h, 15, 13);
	int64_t imm6 = sext((bits(h, 12, 12) << 5) | bits(h, 6, 2), 6);
	uint32_t u;

	d->len = 2;
	d->rm = 0;
	d->rs3 = 0;
	switch ((h & 3) << 3 | f3) {
	case 000: /* c.addi4spn */
		u = (bits(h, 12, 11) << 4) | (bits(h, 10, 7) << 6) | (bits(h, 6, 6) << 2) | (bits(h, 5, 5) << 3);
		if (u == 0)
			break;
		set(d, RV_ADDI, rdp, 2, 0, u);
		return;
	case 001: set(d, RV_FLD, rdp, rs1p, 0, (bits(h, 12, 10) << 3) | (bits(h, 6, 5) << 6)); return;
	case 002:
		set(d, RV_LW, rdp, rs1p, 0, (bits(h, 12, 10) << 3) | (bits(h, 6, 6) << 2) | (bits(h, 5, 5) << 6));
		return;
	case 003: set(d, RV_LD, rdp, rs1p, 0, (bits(h, 12, 10) << 3) | (bits(h, 6, 5) << 6)); return;
	case 004: /* Zcb: c.lbu, c.lhu, c.lh, c.sb, c.sh */
		switch (bits(h, 12, 10)) {
		case 0: set(d, RV_LBU, rdp, rs1p, 0, (bits(h, 5, 5) << 1) | bits(h, 6, 6)); return;
		case 1: set(d, bits(h, 6, 6) ? RV_LH : RV_LHU, rdp, rs1p, 0, bits(h, 5, 5) << 1); return;
		case 2: set(d, RV_SB, 0, rs1p, rdp, (bits(h, 5, 5) << 1) | bits(h, 6, 6)); return;
		case 3:
			if (bits(h, 6, 6))
				break;
			set(d, RV_SH, 0, rs1p, rdp, bits(h, 5, 5) << 1);
			return;
		}
		break;
	case 005: set(d, RV_FSD, 0, rs1p, rdp, (bits(h, 12, 10) << 3) | (bits(h, 6, 5) << 6)); return;
	case 006:
		set(d, RV_SW, 0, rs1p, rdp, (bits(h, 12, 10) << 3) | (bits(h, 6, 6) << 2) | (bits(h, 5, 5) << 6));
		return;
	case 007: set(d, RV_SD, 0, rs1p, rdp, (bits(h, 12, 10) << 3) | (bits(h, 6, 5) << 6)); return;
	case 010: /* c.addi, c.nop */ set(d, RV_ADDI, rd, rd, 0, imm6); return;
	case 011:
		if (rd == 0)
			break;
		set(d, RV_ADDIW, rd, rd, 0, imm6);
		return;
	case 012: set(d, RV_ADDI, rd, 0, 0, imm6); return;
	case 013:
		if (rd == 2) {
			int64_t imm = sext((bits(h, 12, 12) << 9) | (bits(h, 6, 6) << 4) | (bits(h, 5, 5) << 6) |
					       (bits(h, 4, 3) << 7) | (bits(h, 2, 2) << 5),
					   10);
			if (imm == 0)
				break;
			set(d, RV_ADDI, 2, 2, 0, imm);
			return;
		}
		if (imm6 == 0) {
			if (bits(h, 12, 12) || (rd & 0x11) != 1) /* Zcmop: c.mop.n, n odd below 16 */
				break;
			set(d, RV_C_MOP, 0, 0, 0, rd);
			return;
		}
		set(d, RV_LUI, rd, 0, 0, (int64_t)((uint64_t)imm6 << 12));
		return;
	case 014: {
		unsigned shamt = (bits(h, 12, 12) << 5) | bits(h, 6, 2);
		switch (bits(h, 11, 10)) {
		case 0: set(d, RV_SRLI, rs1p, rs1p, 0, shamt); return;
		case 1: set(d, RV_SRAI, rs1p, rs1p, 0, shamt); return;
		case 2: set(d, RV_ANDI, rs1p, rs1p, 0, imm6); return;
		}
		if (bits(h, 12, 12) == 0) {
			static const enum rv_op a[4] = {RV_SUB, RV_XOR, RV_OR, RV_AND};
			set(d, a[bits(h, 6, 5)], rs1p, rs1p, rdp, 0);
			return;
		}
		if (bits(h, 6, 5) == 2) { /* Zcb: c.mul */
			set(d, RV_MUL, rs1p, rs1p, rdp, 0);
			return;
		}
		if (bits(h, 6, 5) == 3) { /* Zcb: c.zext.b, c.sext.b, c.zext.h, c.sext.h, c.zext.w, c.not */
			switch (bits(h, 4, 2)) {
			case 0: set(d, RV_ANDI, rs1p, rs1p, 0, 0xff); return;
			case 1: set(d, RV_SEXT_B, rs1p, rs1p, 0, 0); return;
			case 2: set(d, RV_ZEXT_H, rs1p, rs1p, 0, 0); return;
			case 3: set(d, RV_SEXT_H, rs1p, rs1p, 0, 0); return;
			case 4: set(d, RV_ADD_UW, rs1p, rs1p, 0, 0); return;
			case 5: set(d, RV_XORI, rs1p, rs1p, 0, -1); return;
			}
			break;
		}
		set(d, bits(h, 6, 5) ? RV_ADDW : RV_SUBW, rs1p, rs1p, rdp, 0);
		return;
	}
	case 015:
		set(d, RV_JAL, 0, 0, 0,
		    sext((bits(h, 12, 12) << 11) | (bits(h, 11, 11) << 4) | (bits(h, 10, 9) << 8) |
			     (bits(h, 8, 8) << 10) | (bits(h, 7, 7) << 6) | (bits(h, 6, 6) << 7) |
			     (bits(h, 5, 3) << 1) | (bits(h, 2, 2) << 5),
			 12));
		return;
	case 016:
	case 017:
		set(d, f3 == 6 ? RV_BEQ : RV_BNE, 0, rs1p, 0,
		    sext((bits(h, 12, 12) << 8) | (bits(h, 11, 10) << 3) | (bits(h, 6, 5) << 6) | (bits(h, 4, 3) << 1) |
			     (bits(h, 2, 2) << 5),
			 9));
		return;
	case 020: set(d, RV_SLLI, rd, rd, 0, (bits(h, 12, 12) << 5) | bits(h, 6, 2)); return;
	case 021:
		set(d, RV_FLD, rd, 2, 0, (bits(h, 12, 12) << 5) | (bits(h, 6, 5) << 3) | (bits(h, 4, 2) << 6));
		return;
	case 022:
		if (rd == 0)
			break;
		set(d, RV_LW, rd, 2, 0, (bits(h, 12, 12) << 5) | (bits(h, 6, 4) << 2) | (bits(h, 3, 2) << 6));
		return;
	case 023:
		if (rd == 0)
			break;
		set(d, RV_LD, rd, 2, 0, (bits(h, 12, 12) << 5) | (bits(h, 6, 5) << 3) | (bits(h, 4, 2) << 6));
		return;
	case 024:
		if (bits(h, 12, 12) == 0) {
			if (rs2 == 0) {
				if (rd == 0)
					break;
				set(d, RV_JALR, 0, rd, 0, 0);
			} else {
				set(d, RV_ADD, rd, 0, rs2, 0);
			}
			return;
		}
		if (rs2 == 0) {
			if (rd == 0)
				set(d, RV_EBREAK, 0, 0, 0, 0);
			else
				set(d, RV_JALR, 1, rd, 0, 0);
			return;
		}
		set(d, RV_ADD, rd, rd, rs2, 0);
		return;
	case 025: set(d, RV_FSD, 0, 2, rs2, (bits(h, 12, 10) << 3) | (bits(h, 9, 7) << 6)); return;
	case 026: set(d, RV_SW, 0, 2, rs2, (bits(h, 12, 9) << 2) | (bits(h, 8, 7) << 6)); return;
	case 027: set(d, RV_SD, 0, 2, rs2, (bits(h, 12, 10) << 3) | (bits(h, 9, 7) << 6)); return;
	}
	set(d, RV_ILLEGAL, 0, 0, 0, 0);
}

void rv_decode(struct rv_insn *out, uint32_t w)
{
	if ((w & 3) == 3)
		decode32(out, w);
	else
		decode16(out, w & 0xffff);
}
