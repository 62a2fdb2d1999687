#include <string.h>

#include "../riscv/csr.h"
#include "interp.h"

#define X(r) cpu->x[r]

static void store(struct rvx_vcpu *cpu, uint64_t addr, uint64_t v, unsigned n)
{
	void *p = interp_addr(cpu, addr, n);
	switch (n) {
	case 1: *(uint8_t *)p = (uint8_t)v; break;
	case 2: {
		uint16_t w = (uint16_t)v;
		memcpy(p, &w, 2);
		break;
	}
	case 4: {
		uint32_t w = (uint32_t)v;
		memcpy(p, &w, 4);
		break;
	}
	/* one host store: it either faults before writing or writes all eight bytes */
	default: memcpy(p, &v, 8);
	}
}

static uint64_t csr_write(uint64_t old, uint64_t v)
{
	(void)old;
	return v;
}
static uint64_t csr_set(uint64_t old, uint64_t v)
{
	return old | v;
}
static uint64_t csr_clear(uint64_t old, uint64_t v)
{
	return old & ~v;
}

static int csr_op(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	static uint64_t (*const ops[3])(uint64_t, uint64_t) = {csr_write, csr_set, csr_clear};
	int imm_form = in->op >= RV_CSRRWI;
	int kind = (int)(in->op - (imm_form ? RV_CSRRWI : RV_CSRRW));
	uint64_t v = imm_form ? in->rs1 : X(in->rs1), old;
	/* csrrs/csrrc with x0 (or a zero immediate) only read */
	bool write = kind == 0 || in->rs1 != 0;
	if (!rv_csr_access(cpu, (unsigned)in->imm, write, ops[kind], v, &old))
		return EXEC_ILLEGAL;
	X(in->rd) = old;
	return EXEC_NEXT;
}

static int branch(struct rvx_vcpu *cpu, const struct rv_insn *in, int taken)
{
	if (!taken)
		return EXEC_NEXT;
	cpu->pc += (uint64_t)in->imm;
	return EXEC_JUMPED;
}

int interp_rv64i(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	uint64_t a = X(in->rs1), b = X(in->rs2), t;
	int64_t imm = in->imm;
	switch (in->op) {
	case RV_LUI: X(in->rd) = (uint64_t)imm; break;
	case RV_AUIPC: X(in->rd) = cpu->pc + (uint64_t)imm; break;
	case RV_JAL:
		X(in->rd) = cpu->pc + in->len;
		cpu->pc += (uint64_t)imm;
		return EXEC_JUMPED;
	case RV_JALR:
		t = (a + (uint64_t)imm) & ~1ull;
		X(in->rd) = cpu->pc + in->len;
		cpu->pc = t;
		return EXEC_JUMPED;
	case RV_BEQ: return branch(cpu, in, a == b);
	case RV_BNE: return branch(cpu, in, a != b);
	case RV_BLT: return branch(cpu, in, (int64_t)a < (int64_t)b);
	case RV_BGE: return branch(cpu, in, (int64_t)a >= (int64_t)b);
	case RV_BLTU: return branch(cpu, in, a < b);
	case RV_BGEU: return branch(cpu, in, a >= b);
	case RV_LB: X(in->rd) = (uint64_t)(int8_t)interp_load(cpu, a + (uint64_t)imm, 1); break;
	case RV_LH: X(in->rd) = (uint64_t)(int16_t)interp_load(cpu, a + (uint64_t)imm, 2); break;
	case RV_LW: X(in->rd) = (uint64_t)(int32_t)interp_load(cpu, a + (uint64_t)imm, 4); break;
	case RV_LD: X(in->rd) = interp_load(cpu, a + (uint64_t)imm, 8); break;
	case RV_LBU: X(in->rd) = interp_load(cpu, a + (uint64_t)imm, 1); break;
	case RV_LHU: X(in->rd) = interp_load(cpu, a + (uint64_t)imm, 2); break;
	case RV_LWU: X(in->rd) = interp_load(cpu, a + (uint64_t)imm, 4); break;
	case RV_SB: store(cpu, a + (uint64_t)imm, b, 1); break;
	case RV_SH: store(cpu, a + (uint64_t)imm, b, 2); break;
	case RV_SW: store(cpu, a + (uint64_t)imm, b, 4); break;
	case RV_SD: store(cpu, a + (uint64_t)imm, b, 8); break;
	case RV_ADDI: X(in->rd) = a + (uint64_t)imm; break;
	case RV_SLTI:
		if (rv_is_group_hint(in))
			return EXEC_GROUP;
		X(in->rd) = (int64_t)a < imm;
		break;
	case RV_SLTIU: X(in->rd) = a < (uint64_t)imm; break;
	case RV_XORI: X(in->rd) = a ^ (uint64_t)imm; break;
	case RV_ORI: X(in->rd) = a | (uint64_t)imm; break;
	case RV_ANDI: X(in->rd) = a & (uint64_t)imm; break;
	case RV_SLLI: X(in->rd) = a << imm; break;
	case RV_SRLI: X(in->rd) = a >> imm; break;
	case RV_SRAI: X(in->rd) = (uint64_t)((int64_t)a >> imm); break;
	case RV_ADD: X(in->rd) = a + b; break;
	case RV_SUB: X(in->rd) = a - b; break;
	case RV_SLL: X(in->rd) = a << (b & 63); break;
	case RV_SLT: X(in->rd) = (int64_t)a < (int64_t)b; break;
	case RV_SLTU: X(in->rd) = a < b; break;
	case RV_XOR: X(in->rd) = a ^ b; break;
	case RV_SRL: X(in->rd) = a >> (b & 63); break;
	case RV_SRA: X(in->rd) = (uint64_t)((int64_t)a >> (b & 63)); break;
	case RV_OR: X(in->rd) = a | b; break;
	case RV_AND: X(in->rd) = a & b; break;
	case RV_ADDIW: X(in->rd) = (uint64_t)(int32_t)(uint32_t)(a + (uint64_t)imm); break;
	case RV_SLLIW: X(in->rd) = (uint64_t)(int32_t)((uint32_t)a << imm); break;
	case RV_SRLIW: X(in->rd) = (uint64_t)(int32_t)((uint32_t)a >> imm); break;
	case RV_SRAIW: X(in->rd) = (uint64_t)((int32_t)a >> imm); break;
	case RV_ADDW: X(in->rd) = (uint64_t)(int32_t)(uint32_t)(a + b); break;
	case RV_SUBW: X(in->rd) = (uint64_t)(int32_t)(uint32_t)(a - b); break;
	case RV_SLLW: X(in->rd) = (uint64_t)(int32_t)((uint32_t)a << (b & 31)); break;
	case RV_SRLW: X(in->rd) = (uint64_t)(int32_t)((uint32_t)a >> (b & 31)); break;
	case RV_SRAW: X(in->rd) = (uint64_t)((int32_t)a >> (b & 31)); break;
	case RV_FENCE: __atomic_thread_fence(__ATOMIC_SEQ_CST); break;
	case RV_FENCE_I: return EXEC_FENCE_I;
	case RV_ECALL: return EXEC_ECALL;
	case RV_EBREAK: return EXEC_EBREAK;
	case RV_CSRRW:
	case RV_CSRRS:
	case RV_CSRRC:
	case RV_CSRRWI:
	case RV_CSRRSI:
	case RV_CSRRCI: return csr_op(cpu, in);
	default: return EXEC_ILLEGAL;
	}
	return EXEC_NEXT;
}
