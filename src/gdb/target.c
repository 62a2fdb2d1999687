/* The RISC-V target as gdb sees it: the target description, registers and signal numbers. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../riscv/csr.h"
#include "../riscv/insn.h"
#include "internal.h"

/* Registers 65 on: fflags, frm, fcsr (in the FP feature, as gdb wants them), the counters and
 * the vector CSRs (in the CSR feature). */
static const unsigned csrs[] = {RV_CSR_FFLAGS,  RV_CSR_FRM,    RV_CSR_FCSR,  RV_CSR_CYCLE, RV_CSR_TIME,
				RV_CSR_INSTRET, RV_CSR_VSTART, RV_CSR_VXSAT, RV_CSR_VXRM,  RV_CSR_VCSR,
				RV_CSR_VL,      RV_CSR_VTYPE,  RV_CSR_VLENB};
#define NCSRS (int)(sizeof csrs / sizeof csrs[0])

static int reg_bytes(int n)
{
	return n < 65 || n > 67 ? 8 : 4;
}

int gdb_reg_size(const struct rvx_vcpu *cpu, int n)
{
	return n >= GDB_FIRST_VREG ? (int)cpu->vlenb : reg_bytes(n);
}

char *gdb_target_xml(unsigned vlenb)
{
	size_t size = 16384, n = 0;
	char *x = malloc(size);
	if (!x)
		return NULL;
#define ADD(...) (n += (size_t)snprintf(x + (n < size ? n : size), n < size ? size - n : 0, __VA_ARGS__))
	ADD("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n"
	    "<architecture>riscv:rv64</architecture>\n<osabi>GNU/Linux</osabi>\n"
	    "<feature name=\"org.gnu.gdb.riscv.cpu\">\n");
	for (int i = 0; i < 32; i++)
		ADD("<reg name=\"%s\" bitsize=\"64\" type=\"%s\" regnum=\"%d\"/>\n", rv_xreg_name(i),
		    i == 1             ? "code_ptr"
		    : i == 2 || i == 8 ? "data_ptr"
				       : "int",
		    i);
	ADD("<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"32\"/>\n</feature>\n"
	    "<feature name=\"org.gnu.gdb.riscv.fpu\">\n<union id=\"riscv_double\">\n"
	    "<field name=\"float\" type=\"ieee_single\"/>\n<field name=\"double\" type=\"ieee_double\"/>\n"
	    "</union>\n");
	for (int i = 0; i < 32; i++)
		ADD("<reg name=\"%s\" bitsize=\"64\" type=\"riscv_double\" regnum=\"%d\"/>\n", rv_freg_name(i), 33 + i);
	for (int i = 0; i < NCSRS; i++)
		ADD("%s<reg name=\"%s\" bitsize=\"%d\" type=\"int\" regnum=\"%d\"/>\n",
		    i == 3 ? "</feature>\n<feature name=\"org.gnu.gdb.riscv.csr\">\n" : "", rv_csr_name(csrs[i]),
		    8 * reg_bytes(65 + i), 65 + i);
	/* the vector registers: a union of their views by element width, as gdb's RISC-V code wants */
	ADD("</feature>\n<feature name=\"org.gnu.gdb.riscv.vector\">\n"
	    "<vector id=\"bytes\" type=\"uint8\" count=\"%u\"/>\n<vector id=\"shorts\" type=\"uint16\" count=\"%u\"/>\n"
	    "<vector id=\"words\" type=\"uint32\" count=\"%u\"/>\n<vector id=\"longs\" type=\"uint64\" count=\"%u\"/>\n"
	    "<vector id=\"quads\" type=\"uint128\" count=\"%u\"/>\n<union id=\"riscv_vector\">\n"
	    "<field name=\"b\" type=\"bytes\"/>\n<field name=\"s\" type=\"shorts\"/>\n<field name=\"w\" "
	    "type=\"words\"/>\n"
	    "<field name=\"l\" type=\"longs\"/>\n<field name=\"q\" type=\"quads\"/>\n</union>\n",
	    vlenb, vlenb / 2, vlenb / 4, vlenb / 8, vlenb / 16);
	for (int i = 0; i < 32; i++)
		ADD("<reg name=\"v%d\" bitsize=\"%u\" type=\"riscv_vector\" regnum=\"%d\"/>\n", i, 8 * vlenb,
		    GDB_FIRST_VREG + i);
	ADD("</feature>\n</target>\n");
#undef ADD
	if (n >= size) { /* cannot happen with these names, but never a cut description */
		free(x);
		return NULL;
	}
	return x;
}

/* Registers go over the wire as their little-endian bytes (this host's order too). */
static size_t put_le(char *out, uint64_t v, int bytes)
{
	uint8_t b[8];
	memcpy(b, &v, sizeof b);
	return gdb_put_hex(out, b, (size_t)bytes);
}

static bool get_le(const char *hex, int bytes, uint64_t *v)
{
	uint8_t b[8] = {0};
	if (!gdb_get_hex(hex, b, (size_t)bytes))
		return false;
	memcpy(v, b, sizeof b);
	return true;
}

size_t gdb_reg_hex(const struct rvx_vcpu *cpu, int n, char *out)
{
	uint64_t v = 0;
	if (n < 0 || n >= GDB_NREGS)
		return 0;
	if (n >= GDB_FIRST_VREG)
		return gdb_put_hex(out, cpu->v + (size_t)(n - GDB_FIRST_VREG) * cpu->vlenb, cpu->vlenb);
	if (n < 32)
		v = cpu->x[n];
	else if (n == 32)
		v = cpu->pc;
	else if (n < 65)
		v = cpu->f[n - 33];
	else if (n >= GDB_FIRST_VCSR) /* read as they are (an access would turn vectors on) */
		v = n == 71   ? cpu->vstart
		    : n == 72 ? cpu->vxsat
		    : n == 73 ? cpu->vxrm
		    : n == 74 ? (uint64_t)cpu->vxrm << 1 | cpu->vxsat
		    : n == 75 ? cpu->vl
		    : n == 76 ? cpu->vtype
			      : cpu->vlenb;
	else
		rv_csr_access((struct rvx_vcpu *)cpu, csrs[n - 65], false, NULL, 0, &v);
	return put_le(out, v, reg_bytes(n));
}

static uint64_t replace(uint64_t old, uint64_t v)
{
	(void)old;
	return v;
}

size_t gdb_reg_set(struct rvx_vcpu *cpu, int n, const char *hex)
{
	uint64_t v, old;
	if (n >= GDB_FIRST_VREG && n < GDB_NREGS) {
		if (strlen(hex) < 2 * (size_t)cpu->vlenb ||
		    !gdb_get_hex(hex, cpu->v + (size_t)(n - GDB_FIRST_VREG) * cpu->vlenb, cpu->vlenb))
			return 0;
		return 2 * (size_t)cpu->vlenb;
	}
	if (n < 0 || n >= GDB_NREGS || !get_le(hex, reg_bytes(n), &v))
		return 0;
	if (n < 32) {
		if (n)
			cpu->x[n] = v;
	} else if (n == 32) {
		cpu->pc = v;
	} else if (n < 65) {
		cpu->f[n - 33] = v;
	} else if (n >= GDB_FIRST_VCSR && n < GDB_FIRST_VCSR + 4) { /* vstart, vxsat, vxrm, vcsr */
		if (n == 71)
			cpu->vstart = v & (8u * cpu->vlenb - 1);
		else if (n == 72 || n == 74)
			cpu->vxsat = v & 1;
		if (n == 73 || n == 74)
			cpu->vxrm = (n == 74 ? v >> 1 : v) & 3;
	} else if (n >= GDB_FIRST_VCSR) {
		return 0; /* vl, vtype, vlenb: read-only */
	} else if (!rv_csr_access(cpu, csrs[n - 65], true, replace, v, &old)) {
		return 0; /* a counter: read-only */
	}
	return 2 * (size_t)reg_bytes(n);
}

/* gdb's own signal numbers (include/gdb/signals.def) for Linux's 1-31. */
static const unsigned char linux_to_gdb[32] = {0,
					       1,
					       2,
					       3,
					       4,
					       5,
					       6,
					       10 /* BUS */,
					       8,
					       9,
					       30 /* USR1 */,
					       11,
					       31 /* USR2 */,
					       13,
					       14,
					       15,
					       0 /* STKFLT: none */,
					       20 /* CHLD */,
					       19 /* CONT */,
					       17 /* STOP */,
					       18 /* TSTP */,
					       21,
					       22,
					       16 /* URG */,
					       24,
					       25,
					       26,
					       27,
					       28,
					       23 /* IO */,
					       32 /* PWR */,
					       12 /* SYS */};

int gdb_signal_to_gdb(int sig)
{
	if (sig > 0 && sig < 32)
		return linux_to_gdb[sig];
	if (sig == 32)
		return 77; /* GDB_SIGNAL_REALTIME_32 */
	if (sig >= 33 && sig <= 63)
		return 45 + (sig - 33); /* REALTIME_33 ... REALTIME_63 */
	if (sig == 64)
		return 78;
	return 0;
}

int gdb_signal_from_gdb(int gsig)
{
	if (gsig <= 0)
		return 0;
	for (int sig = 1; sig <= 64; sig++)
		if (gdb_signal_to_gdb(sig) == gsig)
			return sig;
	return 0;
}
