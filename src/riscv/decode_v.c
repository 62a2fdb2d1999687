/* The vector extension's encodings (V 1.0): OP-V (configuration and arithmetic) and the vector
 * forms of LOAD-FP and STORE-FP. Register overlaps the ISA reserves are left to execution, which
 * knows vtype (binutils' disassembler accepts them too). */
#include "insn.h"

static inline unsigned bits(uint32_t v, int hi, int lo)
{
	return (v >> lo) & ((1u << (hi - lo + 1)) - 1);
}

enum { OPIVV, OPFVV, OPMVV, OPIVI, OPIVX, OPFVF, OPMVX };

/* funct6 -> op for each category; 0 (RV_ILLEGAL) where the category has no such instruction */
static const uint16_t opi[3][64] = {
    [0] = /* OPIVV */
    {[0x00] = RV_VADD,         [0x02] = RV_VSUB,      [0x04] = RV_VMINU,   [0x05] = RV_VMIN,   [0x06] = RV_VMAXU,
     [0x07] = RV_VMAX,         [0x09] = RV_VAND,      [0x0a] = RV_VOR,     [0x0b] = RV_VXOR,   [0x0c] = RV_VRGATHER,
     [0x0e] = RV_VRGATHEREI16, [0x10] = RV_VADC,      [0x11] = RV_VMADC,   [0x12] = RV_VSBC,   [0x13] = RV_VMSBC,
     [0x17] = RV_VMERGE,       [0x18] = RV_VMSEQ,     [0x19] = RV_VMSNE,   [0x1a] = RV_VMSLTU, [0x1b] = RV_VMSLT,
     [0x1c] = RV_VMSLEU,       [0x1d] = RV_VMSLE,     [0x20] = RV_VSADDU,  [0x21] = RV_VSADD,  [0x22] = RV_VSSUBU,
     [0x23] = RV_VSSUB,        [0x25] = RV_VSLL,      [0x27] = RV_VSMUL,   [0x28] = RV_VSRL,   [0x29] = RV_VSRA,
     [0x2a] = RV_VSSRL,        [0x2b] = RV_VSSRA,     [0x2c] = RV_VNSRL,   [0x2d] = RV_VNSRA,  [0x2e] = RV_VNCLIPU,
     [0x2f] = RV_VNCLIP,       [0x30] = RV_VWREDSUMU, [0x31] = RV_VWREDSUM},
    [1] = /* OPIVX */
    {[0x00] = RV_VADD,     [0x02] = RV_VSUB,     [0x03] = RV_VRSUB,      [0x04] = RV_VMINU,   [0x05] = RV_VMIN,
     [0x06] = RV_VMAXU,    [0x07] = RV_VMAX,     [0x09] = RV_VAND,       [0x0a] = RV_VOR,     [0x0b] = RV_VXOR,
     [0x0c] = RV_VRGATHER, [0x0e] = RV_VSLIDEUP, [0x0f] = RV_VSLIDEDOWN, [0x10] = RV_VADC,    [0x11] = RV_VMADC,
     [0x12] = RV_VSBC,     [0x13] = RV_VMSBC,    [0x17] = RV_VMERGE,     [0x18] = RV_VMSEQ,   [0x19] = RV_VMSNE,
     [0x1a] = RV_VMSLTU,   [0x1b] = RV_VMSLT,    [0x1c] = RV_VMSLEU,     [0x1d] = RV_VMSLE,   [0x1e] = RV_VMSGTU,
     [0x1f] = RV_VMSGT,    [0x20] = RV_VSADDU,   [0x21] = RV_VSADD,      [0x22] = RV_VSSUBU,  [0x23] = RV_VSSUB,
     [0x25] = RV_VSLL,     [0x27] = RV_VSMUL,    [0x28] = RV_VSRL,       [0x29] = RV_VSRA,    [0x2a] = RV_VSSRL,
     [0x2b] = RV_VSSRA,    [0x2c] = RV_VNSRL,    [0x2d] = RV_VNSRA,      [0x2e] = RV_VNCLIPU, [0x2f] = RV_VNCLIP},
    [2] = /* OPIVI */
    {[0x00] = RV_VADD,     [0x03] = RV_VRSUB,    [0x09] = RV_VAND,       [0x0a] = RV_VOR,    [0x0b] = RV_VXOR,
     [0x0c] = RV_VRGATHER, [0x0e] = RV_VSLIDEUP, [0x0f] = RV_VSLIDEDOWN, [0x10] = RV_VADC,   [0x11] = RV_VMADC,
     [0x17] = RV_VMERGE,   [0x18] = RV_VMSEQ,    [0x19] = RV_VMSNE,      [0x1c] = RV_VMSLEU, [0x1d] = RV_VMSLE,
     [0x1e] = RV_VMSGTU,   [0x1f] = RV_VMSGT,    [0x20] = RV_VSADDU,     [0x21] = RV_VSADD,  [0x25] = RV_VSLL,
     [0x27] = RV_VMVR,     [0x28] = RV_VSRL,     [0x29] = RV_VSRA,       [0x2a] = RV_VSSRL,  [0x2b] = RV_VSSRA,
     [0x2c] = RV_VNSRL,    [0x2d] = RV_VNSRA,    [0x2e] = RV_VNCLIPU,    [0x2f] = RV_VNCLIP},
};

static const uint16_t opm[64] = {
    [0x00] = RV_VREDSUM, [0x01] = RV_VREDAND,  [0x02] = RV_VREDOR,    [0x03] = RV_VREDXOR,     [0x04] = RV_VREDMINU,
    [0x05] = RV_VREDMIN, [0x06] = RV_VREDMAXU, [0x07] = RV_VREDMAX,   [0x08] = RV_VAADDU,      [0x09] = RV_VAADD,
    [0x0a] = RV_VASUBU,  [0x0b] = RV_VASUB,    [0x0e] = RV_VSLIDE1UP, [0x0f] = RV_VSLIDE1DOWN, [0x17] = RV_VCOMPRESS,
    [0x18] = RV_VMANDN,  [0x19] = RV_VMAND,    [0x1a] = RV_VMOR,      [0x1b] = RV_VMXOR,       [0x1c] = RV_VMORN,
    [0x1d] = RV_VMNAND,  [0x1e] = RV_VMNOR,    [0x1f] = RV_VMXNOR,    [0x20] = RV_VDIVU,       [0x21] = RV_VDIV,
    [0x22] = RV_VREMU,   [0x23] = RV_VREM,     [0x24] = RV_VMULHU,    [0x25] = RV_VMUL,        [0x26] = RV_VMULHSU,
    [0x27] = RV_VMULH,   [0x29] = RV_VMADD,    [0x2b] = RV_VNMSUB,    [0x2d] = RV_VMACC,       [0x2f] = RV_VNMSAC,
    [0x30] = RV_VWADDU,  [0x31] = RV_VWADD,    [0x32] = RV_VWSUBU,    [0x33] = RV_VWSUB,       [0x34] = RV_VWADDU_W,
    [0x35] = RV_VWADD_W, [0x36] = RV_VWSUBU_W, [0x37] = RV_VWSUB_W,   [0x38] = RV_VWMULU,      [0x3a] = RV_VWMULSU,
    [0x3b] = RV_VWMUL,   [0x3c] = RV_VWMACCU,  [0x3d] = RV_VWMACC,    [0x3e] = RV_VWMACCUS,    [0x3f] = RV_VWMACCSU,
};

static const uint16_t opf[64] = {
    [0x00] = RV_VFADD,        [0x01] = RV_VFREDUSUM,  [0x02] = RV_VFSUB,    [0x03] = RV_VFREDOSUM,
    [0x04] = RV_VFMIN,        [0x05] = RV_VFREDMIN,   [0x06] = RV_VFMAX,    [0x07] = RV_VFREDMAX,
    [0x08] = RV_VFSGNJ,       [0x09] = RV_VFSGNJN,    [0x0a] = RV_VFSGNJX,  [0x0e] = RV_VFSLIDE1UP,
    [0x0f] = RV_VFSLIDE1DOWN, [0x17] = RV_VFMERGE,    [0x18] = RV_VMFEQ,    [0x19] = RV_VMFLE,
    [0x1b] = RV_VMFLT,        [0x1c] = RV_VMFNE,      [0x1d] = RV_VMFGT,    [0x1f] = RV_VMFGE,
    [0x20] = RV_VFDIV,        [0x21] = RV_VFRDIV,     [0x24] = RV_VFMUL,    [0x27] = RV_VFRSUB,
    [0x28] = RV_VFMADD,       [0x29] = RV_VFNMADD,    [0x2a] = RV_VFMSUB,   [0x2b] = RV_VFNMSUB,
    [0x2c] = RV_VFMACC,       [0x2d] = RV_VFNMACC,    [0x2e] = RV_VFMSAC,   [0x2f] = RV_VFNMSAC,
    [0x30] = RV_VFWADD,       [0x31] = RV_VFWREDUSUM, [0x32] = RV_VFWSUB,   [0x33] = RV_VFWREDOSUM,
    [0x34] = RV_VFWADD_W,     [0x36] = RV_VFWSUB_W,   [0x38] = RV_VFWMUL,   [0x3c] = RV_VFWMACC,
    [0x3d] = RV_VFWNMACC,     [0x3e] = RV_VFWMSAC,    [0x3f] = RV_VFWNMSAC,
};

/* VFUNARY0's conversions by their vs1 field */
static const uint16_t vfunary0[32] = {
    [0x00] = RV_VFCVT_XU_F,     [0x01] = RV_VFCVT_X_F,     [0x02] = RV_VFCVT_F_XU,     [0x03] = RV_VFCVT_F_X,
    [0x06] = RV_VFCVT_RTZ_XU_F, [0x07] = RV_VFCVT_RTZ_X_F, [0x08] = RV_VFWCVT_XU_F,    [0x09] = RV_VFWCVT_X_F,
    [0x0a] = RV_VFWCVT_F_XU,    [0x0b] = RV_VFWCVT_F_X,    [0x0c] = RV_VFWCVT_F_F,     [0x0e] = RV_VFWCVT_RTZ_XU_F,
    [0x0f] = RV_VFWCVT_RTZ_X_F, [0x10] = RV_VFNCVT_XU_F,   [0x11] = RV_VFNCVT_X_F,     [0x12] = RV_VFNCVT_F_XU,
    [0x13] = RV_VFNCVT_F_X,     [0x14] = RV_VFNCVT_F_F,    [0x15] = RV_VFNCVT_ROD_F_F, [0x16] = RV_VFNCVT_RTZ_XU_F,
    [0x17] = RV_VFNCVT_RTZ_X_F,
};

static bool is_narrowing(unsigned op)
{
	return (op >= RV_VNSRL && op <= RV_VNCLIP) || (op >= RV_VFNCVT_XU_F && op <= RV_VFNCVT_RTZ_X_F);
}

static bool arith(struct rv_insn *d, uint32_t w)
{
	unsigned cat = bits(w, 14, 12), f6 = bits(w, 31, 26), vm = bits(w, 25, 25);
	unsigned vs2 = bits(w, 24, 20), vs1 = bits(w, 19, 15), vd = bits(w, 11, 7);
	static const uint8_t form_of[7] = {VF_VV, VF_VV, VF_VV, VF_VI, VF_VX, VF_VF, VF_VX};
	unsigned op = RV_ILLEGAL, form = form_of[cat];
	int64_t imm = (int64_t)(vs1 ^ 16) - 16; /* simm5 */

	switch (cat) {
	case OPIVV:
	case OPIVX:
		op = opi[cat == OPIVX][f6];
		if (f6 == 0x01) /* Zvbb */
			op = RV_VANDN;
		else if (f6 == 0x14 || f6 == 0x15)
			op = f6 == 0x14 ? RV_VROR : RV_VROL;
		else if (f6 == 0x35)
			op = RV_VWSLL;
		break;
	case OPIVI:
		op = opi[2][f6];
		if (f6 == 0x14 || f6 == 0x15) { /* vror.vi: a 6-bit amount, its top bit in funct6 */
			op = RV_VROR;
			imm = (int64_t)((f6 & 1) << 5 | vs1);
		} else if (f6 == 0x35) {
			op = RV_VWSLL;
		}
		break;
	case OPMVV:
	case OPMVX:
		op = opm[f6];
		if (cat == OPMVV && ((f6 >= 0x0e && f6 <= 0x0f) || f6 == 0x3e))
			op = RV_ILLEGAL;
		if (cat == OPMVX && (f6 <= 0x07 || f6 == 0x17 || (f6 >= 0x18 && f6 <= 0x1f)))
			op = RV_ILLEGAL;
		if (f6 == 0x10 && cat == OPMVV) {
			op = vs1 == 0 ? RV_VMV_X_S : vs1 == 0x10 ? RV_VCPOP_M : vs1 == 0x11 ? RV_VFIRST_M : RV_ILLEGAL;
			if (op == RV_VMV_X_S && !vm)
				op = RV_ILLEGAL;
		} else if (f6 == 0x10) {
			op = vs2 == 0 && vm ? RV_VMV_S_X : RV_ILLEGAL;
		} else if (f6 == 0x12 && cat == OPMVV) {
			static const uint16_t zvbb[16] = {[8] = RV_VBREV8, [9] = RV_VREV8, [10] = RV_VBREV,
							  [12] = RV_VCLZ,  [13] = RV_VCTZ, [14] = RV_VCPOP_V};
			op = vs1 >= 2 && vs1 <= 7 ? RV_VZEXT_VF8 + vs1 - 2 : vs1 < 16 ? zvbb[vs1] : RV_ILLEGAL;
		} else if (f6 == 0x14 && cat == OPMVV) {
			op = vs1 == 1                  ? RV_VMSBF
			     : vs1 == 2                ? RV_VMSOF
			     : vs1 == 3                ? RV_VMSIF
			     : vs1 == 0x10             ? RV_VIOTA
			     : vs1 == 0x11 && vs2 == 0 ? RV_VID
						       : RV_ILLEGAL;
		}
		break;
	case OPFVV:
	case OPFVF:
		op = opf[f6];
		if (cat == OPFVV &&
		    (f6 == 0x0e || f6 == 0x0f || f6 == 0x17 || f6 == 0x1d || f6 == 0x1f || f6 == 0x21 || f6 == 0x27))
			op = RV_ILLEGAL;
		if (cat == OPFVF && (f6 & 1) && f6 <= 0x07)
			op = RV_ILLEGAL; /* reductions */
		if (cat == OPFVF && (f6 == 0x31 || f6 == 0x33))
			op = RV_ILLEGAL;
		if (f6 == 0x10)
			op = cat == OPFVV ? (vs1 == 0 && vm ? RV_VFMV_F_S : RV_ILLEGAL)
					  : (vs2 == 0 && vm ? RV_VFMV_S_F : RV_ILLEGAL);
		else if (f6 == 0x12 && cat == OPFVV)
			op = vfunary0[vs1];
		else if (f6 == 0x13 && cat == OPFVV)
			op = vs1 == 0      ? RV_VFSQRT
			     : vs1 == 4    ? RV_VFRSQRT7
			     : vs1 == 5    ? RV_VFREC7
			     : vs1 == 0x10 ? RV_VFCLASS
					   : RV_ILLEGAL;
		break;
	default: return false;
	}
	if (op == RV_ILLEGAL)
		return false;

	/* forms and the encodings each form reserves */
	switch (op) {
	case RV_VADC:
	case RV_VSBC:
		if (vm)
			return false;
		form += VF_VVM - VF_VV;
		break;
	case RV_VMADC:
	case RV_VMSBC:
		if (!vm)
			form += VF_VVM - VF_VV;
		break;
	case RV_VMERGE:
	case RV_VFMERGE:
		if (vm) { /* vmv.v.v/x/i, vfmv.v.f */
			if (vs2 != 0)
				return false;
			op = op == RV_VMERGE ? RV_VMV_V : RV_VFMV_V;
		} else {
			form += VF_VVM - VF_VV;
		}
		break;
	case RV_VMVR:
		if (!vm || (vs1 != 0 && vs1 != 1 && vs1 != 3 && vs1 != 7))
			return false;
		form = VF_NR;
		imm = vs1 + 1;
		break;
	case RV_VCOMPRESS:
		if (!vm)
			return false;
		form = VF_VM;
		break;
	case RV_VWADDU_W:
	case RV_VWADD_W:
	case RV_VWSUBU_W:
	case RV_VWSUB_W:
	case RV_VFWADD_W:
	case RV_VFWSUB_W: form += VF_WV - VF_VV; break;
	default:
		if (is_narrowing(op) && op < RV_VFNCVT_XU_F)
			form += VF_WV - VF_VV;
		else if ((op >= RV_VMANDN && op <= RV_VMXNOR))
			form = vm ? VF_MM : 255;
		else if ((op >= RV_VREDSUM && op <= RV_VREDMAX) || op == RV_VWREDSUMU || op == RV_VWREDSUM ||
			 op == RV_VFREDUSUM || op == RV_VFREDOSUM || op == RV_VFREDMIN || op == RV_VFREDMAX ||
			 op == RV_VFWREDUSUM || op == RV_VFWREDOSUM)
			form = VF_VS;
		else if (op >= RV_VMV_X_S && op <= RV_VID)
			form = VF_V;
		else if ((op >= RV_VFCVT_XU_F && op <= RV_VFCLASS) || op == RV_VFMV_F_S || op == RV_VFMV_S_F ||
			 op >= RV_VBREV)
			form = VF_V;
		break;
	}
	if (form == 255)
		return false;
	/* shifts, slides and gathers take the immediate unsigned */
	if (cat == OPIVI && (op == RV_VSLL || op == RV_VSRL || op == RV_VSRA || op == RV_VSSRL || op == RV_VSSRA ||
			     op == RV_VNSRL || op == RV_VNSRA || op == RV_VNCLIPU || op == RV_VNCLIP ||
			     op == RV_VSLIDEUP || op == RV_VSLIDEDOWN || op == RV_VRGATHER || op == RV_VWSLL))
		imm = vs1;
	d->op = (uint16_t)op;
	d->rd = (uint8_t)vd;
	d->rs1 = (uint8_t)vs1;
	d->rs2 = (uint8_t)vs2;
	d->rs3 = (uint8_t)form;
	d->rm = (uint8_t)vm;
	d->imm = imm;
	return true;
}

/* vle/vse and their kin: width 0, 5, 6, 7 of LOAD-FP/STORE-FP (EEW 8, 16, 32, 64) */
static bool memory(struct rv_insn *d, uint32_t w, bool store)
{
	static const uint8_t eew_of[8] = {8, 0, 0, 0, 0, 16, 32, 64};
	unsigned nf = bits(w, 31, 29) + 1, mew = bits(w, 28, 28), mop = bits(w, 27, 26), vm = bits(w, 25, 25);
	unsigned rs2 = bits(w, 24, 20), vd = bits(w, 11, 7), eew = eew_of[bits(w, 14, 12)];
	unsigned op;
	if (!eew || mew)
		return false;
	switch (mop) {
	case 0:
		switch (rs2) {
		case 0x00: op = store ? RV_VSE : RV_VLE; break;
		case 0x10:
			if (store)
				return false;
			op = RV_VLEFF;
			break;
		case 0x08: /* whole registers: 1, 2, 4 or 8 */
			if (!vm || (nf != 1 && nf != 2 && nf != 4 && nf != 8) || (store && eew != 8))
				return false;
			op = store ? RV_VSR : RV_VLRE;
			break;
		case 0x0b:
			if (!vm || nf != 1 || eew != 8)
				return false;
			op = store ? RV_VSM : RV_VLM;
			break;
		default: return false;
		}
		break;
	case 1: op = store ? RV_VSUXEI : RV_VLUXEI; break;
	case 2: op = store ? RV_VSSE : RV_VLSE; break;
	default: op = store ? RV_VSOXEI : RV_VLOXEI; break;
	}
	d->op = (uint16_t)op;
	d->rd = (uint8_t)vd;
	d->rs1 = (uint8_t)bits(w, 19, 15);
	d->rs2 = (uint8_t)rs2;
	d->rs3 = (uint8_t)nf;
	d->rm = (uint8_t)vm;
	d->imm = eew;
	return true;
}

static bool config(struct rv_insn *d, uint32_t w)
{
	d->rd = (uint8_t)bits(w, 11, 7);
	d->rs1 = (uint8_t)bits(w, 19, 15);
	d->rs2 = 0;
	d->rs3 = 0;
	d->rm = 0;
	if (!bits(w, 31, 31)) {
		d->op = RV_VSETVLI;
		d->imm = bits(w, 30, 20);
	} else if (bits(w, 31, 30) == 3) {
		d->op = RV_VSETIVLI;
		d->imm = bits(w, 29, 20);
	} else if (bits(w, 31, 25) == 0x40) {
		d->op = RV_VSETVL;
		d->rs2 = (uint8_t)bits(w, 24, 20);
		d->imm = 0;
	} else {
		return false;
	}
	return true;
}

bool rv_decode_v(struct rv_insn *d, uint32_t w)
{
	unsigned opcode = bits(w, 6, 0), f3 = bits(w, 14, 12);
	d->len = 4;
	if (opcode == 0x57)
		return f3 == 7 ? config(d, w) : arith(d, w);
	if (f3 != 0 && f3 < 5)
		return false;
	return memory(d, w, opcode == 0x27);
}

bool rv_vtype_decode(uint64_t vtype, unsigned vlenb, struct rv_vtype *t)
{
	static const int lmul8[8] = {8, 16, 32, 64, 0, 1, 2, 4};
	unsigned sew = 1u << ((vtype >> 3) & 7);
	if ((vtype >> 8) != 0 || ((vtype >> 3) & 7) > 3 || !lmul8[vtype & 7])
		return false;
	if (lmul8[vtype & 7] < 8 && sew > (unsigned)lmul8[vtype & 7]) /* SEW <= LMUL * ELEN */
		return false;
	t->sew = sew;
	t->lmul8 = lmul8[vtype & 7];
	t->vlmax = (uint64_t)vlenb * (unsigned)t->lmul8 / 8 / sew;
	return true;
}
