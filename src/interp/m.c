#include "interp.h"

#define X(r) cpu->x[r]

int interp_m(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	uint64_t a = X(in->rs1), b = X(in->rs2), r;
	int32_t aw = (int32_t)a, bw = (int32_t)b;
	switch (in->op) {
	case RV_MUL: r = a * b; break;
	case RV_MULH: r = (uint64_t)(((__int128)(int64_t)a * (int64_t)b) >> 64); break;
	case RV_MULHSU: r = (uint64_t)(((__int128)(int64_t)a * (unsigned __int128)b) >> 64); break;
	case RV_MULHU: r = (uint64_t)(((unsigned __int128)a * b) >> 64); break;
	case RV_DIV:
		if (b == 0)
			r = ~0ull;
		else if ((int64_t)a == INT64_MIN && (int64_t)b == -1)
			r = a;
		else
			r = (uint64_t)((int64_t)a / (int64_t)b);
		break;
	case RV_DIVU: r = b == 0 ? ~0ull : a / b; break;
	case RV_REM:
		if (b == 0)
			r = a;
		else if ((int64_t)a == INT64_MIN && (int64_t)b == -1)
			r = 0;
		else
			r = (uint64_t)((int64_t)a % (int64_t)b);
		break;
	case RV_REMU: r = b == 0 ? a : a % b; break;
	case RV_MULW: r = (uint64_t)(int32_t)(uint32_t)(a * b); break;
	case RV_DIVW:
		if (bw == 0)
			r = ~0ull;
		else if (aw == INT32_MIN && bw == -1)
			r = (uint64_t)(int64_t)aw;
		else
			r = (uint64_t)(int64_t)(aw / bw);
		break;
	case RV_DIVUW: r = (uint32_t)b == 0 ? ~0ull : (uint64_t)(int32_t)((uint32_t)a / (uint32_t)b); break;
	case RV_REMW:
		if (bw == 0)
			r = (uint64_t)(int64_t)aw;
		else if (aw == INT32_MIN && bw == -1)
			r = 0;
		else
			r = (uint64_t)(int64_t)(aw % bw);
		break;
	case RV_REMUW:
		r = (uint32_t)b == 0 ? (uint64_t)(int64_t)aw : (uint64_t)(int32_t)((uint32_t)a % (uint32_t)b);
		break;
	default: return EXEC_ILLEGAL;
	}
	X(in->rd) = r;
	return EXEC_NEXT;
}
