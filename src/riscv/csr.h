/* User-level CSRs shared by both tiers. */
#ifndef RVX_RISCV_CSR_H
#define RVX_RISCV_CSR_H

#include <stdbool.h>
#include <stdint.h>

enum {
	RV_CSR_FFLAGS = 0x001,
	RV_CSR_FRM = 0x002,
	RV_CSR_FCSR = 0x003,
	RV_CSR_VSTART = 0x008,
	RV_CSR_VXSAT = 0x009,
	RV_CSR_VXRM = 0x00a,
	RV_CSR_VCSR = 0x00f,
	RV_CSR_VL = 0xc20,
	RV_CSR_VTYPE = 0xc21,
	RV_CSR_VLENB = 0xc22,
	RV_CSR_CYCLE = 0xc00,
	RV_CSR_TIME = 0xc01,
	RV_CSR_INSTRET = 0xc02,
};

struct rvx_vcpu;

const char *rv_csr_name(unsigned csr);

/* Reads and/or writes a CSR for csrrw/csrrs/csrrc semantics. Returns false when the access is
 * illegal (unknown CSR, or a write to a read-only one): the guest then gets SIGILL. */
bool rv_csr_access(struct rvx_vcpu *cpu, unsigned csr, bool write, uint64_t (*update)(uint64_t old, uint64_t v),
		   uint64_t v, uint64_t *old);

#endif
