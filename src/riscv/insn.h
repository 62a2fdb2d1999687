/* The one decoded-instruction form that every consumer reads. */
#ifndef RVX_RISCV_INSN_H
#define RVX_RISCV_INSN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum rv_op {
#define X(op, name, fmt) RV_##op,
#include "ops.def"
#undef X
	RV_OP_COUNT
};

/* First op of each extension group, for per-extension dispatch. */
#define RV_FIRST_M     RV_MUL
#define RV_FIRST_A     RV_LR_W
#define RV_FIRST_FD    RV_FLW
#define RV_FIRST_ZB    RV_ADD_UW
#define RV_FIRST_RVA23 RV_CZERO_EQZ /* the rest of RVA23U64's scalar instructions */
#define RV_FIRST_V     RV_VSETVLI   /* the vector extension */

enum rv_format {
	F_NONE,
	F_R,
	F_R1,
	F_I,
	F_I_MEM,
	F_SHIFT,
	F_U,
	F_J,
	F_B,
	F_LOAD,
	F_STORE,
	F_FENCE,
	F_CSR,
	F_CSRI,
	F_LR,
	F_AMO,
	F_FLOAD,
	F_FSTORE,
	F_FR4,
	F_FR,
	F_FR_RM,
	F_FR1_RM,
	F_XF,
	F_XF_RM,
	F_XFF,
	F_FX,
	F_FX_RM,
	F_MOP, /* imm: n of mop.r.n, mop.rr.n, c.mop.n */
	F_CBO,
	F_FLI,  /* fli: the constant's index in rs1 */
	F_VSET, /* vsetvli/vsetivli: vtype in imm (vsetivli's AVL in rs1) */
	F_VMEM, /* vd/vs3 in rd, base in rs1, stride or index in rs2, fields in rs3, EEW bits in imm */
	F_V     /* vd in rd, vs1/rs1 in rs1, vs2 in rs2, form in rs3, simm5/uimm5 in imm */
};

/* A vector arithmetic instruction's operands, as its mnemonic's suffix says. */
enum rv_vform {
	VF_VV, /* vs2 with vs1 */
	VF_VX, /* vs2 with x[rs1] */
	VF_VI, /* vs2 with the immediate */
	VF_VF, /* vs2 with f[rs1] */
	VF_WV, /* the four again with a 2*SEW vs2 */
	VF_WX,
	VF_WI,
	VF_WF,
	VF_VVM, /* the four again with v0 as carry or selector */
	VF_VXM,
	VF_VIM,
	VF_VFM,
	VF_MM, /* mask logical */
	VF_VS, /* reductions: vs2's elements into vs1's first */
	VF_V,  /* one vector source or none: the mnemonic says the rest */
	VF_VM, /* vcompress.vm */
	VF_NR  /* vmv<n>r.v: n in imm */
};

/* Rounding-mode field value meaning "use frm". */
#define RV_RM_DYN 7

struct rv_insn {
	uint16_t op; /* enum rv_op */
	uint8_t rd, rs1, rs2, rs3;
	uint8_t rm;  /* FP rounding mode, or aq/rl bits for AMOs, or fence pred/succ */
	uint8_t len; /* 2 or 4 bytes */
	int64_t imm; /* sign-extended immediate, shift amount, or CSR number */
};

/* Decodes the instruction whose first 16 bits are lo (hi is the next 16 bits, read only
 * when lo says the instruction is 32 bits long). Unknown encodings give RV_ILLEGAL. */
void rv_decode(struct rv_insn *out, uint32_t bits);
/* The vector extension's part of it (OP-V, and LOAD-FP/STORE-FP's vector widths): false for an
 * encoding it leaves illegal. */
bool rv_decode_v(struct rv_insn *out, uint32_t bits);
/* A vtype's element size (bytes), LMUL times 8 (1 for mf8 .. 64 for m8) and VLMAX for vector
 * registers of vlenb bytes; false for a reserved one (what vsetvl turns into vill). */
struct rv_vtype {
	unsigned sew;
	int lmul8;
	uint64_t vlmax;
};
bool rv_vtype_decode(uint64_t vtype, unsigned vlenb, struct rv_vtype *t);

/* Length in bytes of the instruction starting with these 16 bits. */
static inline unsigned rv_insn_length(uint16_t lo)
{
	return (lo & 3) == 3 ? 4 : 2;
}

const char *rv_op_name(unsigned op);
enum rv_format rv_op_format(unsigned op);

/* Jumps, branches, ecall, ebreak, fence.i and illegal encodings: where straight-line code ends. */
bool rv_ends_block(const struct rv_insn *in);
/* slti x0, x0, GROUP (GROUP != 0): a no-op on hardware, rvx's hint that this thread belongs
 * to a group of threads that share data (cluster mode keeps a group on one rank). */
bool rv_is_group_hint(const struct rv_insn *in);

/* Memory instructions (loads, stores, LR/SC, AMOs, FP loads and stores): log2 of the bytes
 * they access, and what the instruction accesses given its integer registers x (a mask of
 * RV_ACC_*, 0 for none) and where. */
enum { RV_ACC_LOAD = 1, RV_ACC_STORE = 2 };
/* The cache block of the Zicbo* instructions (riscv_hwprobe's Zicboz block size). */
#define RV_CBO_BLOCK 64
unsigned rv_access_shift(unsigned op);
unsigned rv_access(const struct rv_insn *in, const uint64_t *x, uint64_t *addr);

/* Writes the instruction as text (objdump -M no-aliases style) into buf; returns buf. */
char *rv_disasm(char *buf, size_t size, const struct rv_insn *in, uint64_t pc);
const char *rv_xreg_name(unsigned r);
const char *rv_freg_name(unsigned r);

#endif
