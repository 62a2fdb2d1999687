#include "csr.h"

#include <time.h>

#include "../machine.h"

const char *rv_csr_name(unsigned csr)
{
	switch (csr) {
	case RV_CSR_FFLAGS: return "fflags";
	case RV_CSR_FRM: return "frm";
	case RV_CSR_FCSR: return "fcsr";
	case RV_CSR_CYCLE: return "cycle";
	case RV_CSR_TIME: return "time";
	case RV_CSR_INSTRET: return "instret";
	case RV_CSR_VSTART: return "vstart";
	case RV_CSR_VXSAT: return "vxsat";
	case RV_CSR_VXRM: return "vxrm";
	case RV_CSR_VCSR: return "vcsr";
	case RV_CSR_VL: return "vl";
	case RV_CSR_VTYPE: return "vtype";
	case RV_CSR_VLENB: return "vlenb";
	}
	return NULL;
}

/* The time CSR ticks at 10 MHz, the timebase QEMU's virt board and many boards report. */
static uint64_t time_ticks(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100u;
}

bool rv_csr_access(struct rvx_vcpu *cpu, unsigned csr, bool write, uint64_t (*update)(uint64_t old, uint64_t v),
		   uint64_t v, uint64_t *old)
{
	uint64_t cur;
	switch (csr) {
	case RV_CSR_FFLAGS: cur = cpu->fflags; break;
	case RV_CSR_FRM: cur = cpu->frm; break;
	case RV_CSR_FCSR: cur = (uint64_t)cpu->frm << 5 | cpu->fflags; break;
	case RV_CSR_CYCLE:
	case RV_CSR_INSTRET:
		if (write)
			return false;
		cur = cpu->instret;
		break;
	case RV_CSR_TIME:
		if (write)
			return false;
		cur = time_ticks();
		break;
	case RV_CSR_VSTART: cur = cpu->vstart; break;
	case RV_CSR_VXSAT: cur = cpu->vxsat; break;
	case RV_CSR_VXRM: cur = cpu->vxrm; break;
	case RV_CSR_VCSR: cur = (uint64_t)cpu->vxrm << 1 | cpu->vxsat; break;
	case RV_CSR_VL:
	case RV_CSR_VTYPE:
	case RV_CSR_VLENB:
		if (write)
			return false;
		cur = csr == RV_CSR_VL ? cpu->vl : csr == RV_CSR_VTYPE ? cpu->vtype : cpu->vlenb;
		break;
	default: return false;
	}
	if (csr >= RV_CSR_VSTART && csr != RV_CSR_CYCLE && csr != RV_CSR_TIME && csr != RV_CSR_INSTRET) {
		if ((cpu->v_ctrl & 3) == V_CTRL_OFF)
			return false;
		cpu->v_used = true; /* as Linux's first-use trap, which turns the vector state on */
	}
	*old = cur;
	if (!write)
		return true;
	cur = update(cur, v);
	switch (csr) {
	case RV_CSR_FFLAGS: cpu->fflags = cur & 31; break;
	case RV_CSR_FRM: cpu->frm = cur & 7; break;
	case RV_CSR_VSTART: cpu->vstart = cur & (8u * cpu->vlenb - 1); break;
	case RV_CSR_VXSAT: cpu->vxsat = cur & 1; break;
	case RV_CSR_VXRM: cpu->vxrm = cur & 3; break;
	case RV_CSR_VCSR:
		cpu->vxsat = cur & 1;
		cpu->vxrm = (cur >> 1) & 3;
		break;
	default: cpu->fflags = cur & 31; cpu->frm = (cur >> 5) & 7;
	}
	return true;
}
