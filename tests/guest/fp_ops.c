/* Every F and D operation in every static rounding mode and in dynamic mode (frm), over
 * special and ordinary values, with the fflags each raises; results are hashed per
 * operation and mode so a mismatch with qemu-riscv64 names the operation. Multiply-adds also
 * with their destination one of their sources. */
#include <stdint.h>
#include <stdio.h>

#include "check.h"

typedef uint64_t (*fn2)(uint64_t, uint64_t, uint64_t, unsigned *);

#define BODY(insn, mv_in, mv_out, ops)                                                             \
	{                                                                                          \
		uint64_t r;                                                                        \
		unsigned f;                                                                        \
		__asm__ volatile(mv_in " ft0, %2\n\t" mv_in " ft1, %3\n\t" mv_in " ft2, %4\n\t"        \
				 "csrw fflags, zero\n\t" insn " " ops "\n\t" mv_out "\n\t"             \
				 "frflags %1"                                                       \
				 : "=r"(r), "=r"(f)                                                 \
				 : "r"(a), "r"(b), "r"(c)                                           \
				 : "ft0", "ft1", "ft2", "ft3");                                     \
		*fl = f;                                                                           \
		return r;                                                                          \
	}

/* F-to-F with rounding mode. */
#define FF(name, insn, mv, rm, ops)                                                                  \
	static uint64_t name##_##rm(uint64_t a, uint64_t b, uint64_t c, unsigned *fl)                  \
		BODY(insn, mv, "fmv.x.d %0, ft3", ops "," #rm)
#define FFNR(name, insn, mv, ops)                                                                    \
	static uint64_t name(uint64_t a, uint64_t b, uint64_t c, unsigned *fl) BODY(insn, mv, "fmv.x.d %0, ft3", ops)
#define XF(name, insn, mv, rm)                                                                       \
	static uint64_t name##_##rm(uint64_t a, uint64_t b, uint64_t c, unsigned *fl)                  \
		BODY(insn, mv, "mv %0, t0", "t0, ft0," #rm)
#define XFNR(name, insn, mv, ops)                                                                    \
	static uint64_t name(uint64_t a, uint64_t b, uint64_t c, unsigned *fl) BODY(insn, mv, "mv %0, t0", ops)
#define FX(name, insn, rm)                                                                           \
	static uint64_t name##_##rm(uint64_t a, uint64_t b, uint64_t c, unsigned *fl)                  \
		BODY(insn, "fmv.d.x", "fmv.x.d %0, ft3", "ft3, %2," #rm)

#define ALLRM(M, ...) M(__VA_ARGS__, rne) M(__VA_ARGS__, rtz) M(__VA_ARGS__, rdn) M(__VA_ARGS__, rup) M(__VA_ARGS__, rmm) M(__VA_ARGS__, dyn)
#define FF2(name, insn, mv, rm) FF(name, insn, mv, rm, "ft3, ft0, ft1")
#define FF1(name, insn, mv, rm) FF(name, insn, mv, rm, "ft3, ft0")
#define FF3(name, insn, mv, rm) FF(name, insn, mv, rm, "ft3, ft0, ft1, ft2")

/* A multiply-add whose destination is one of its sources (the translator computes it in place,
 * the overwritten source kept for the NaN path): out names that register. */
#define FFIN(name, insn, mv, rm, ops, out)                                                           \
	static uint64_t name##_##rm(uint64_t a, uint64_t b, uint64_t c, unsigned *fl)                  \
		BODY(insn, mv, "fmv.x.d %0, " out, ops "," #rm)
#define FF3_RS1(name, insn, mv, rm) FFIN(name, insn, mv, rm, "ft0, ft0, ft1, ft2", "ft0")
#define FF3_RS2(name, insn, mv, rm) FFIN(name, insn, mv, rm, "ft1, ft0, ft1, ft2", "ft1")
#define FF3_RS3(name, insn, mv, rm) FFIN(name, insn, mv, rm, "ft2, ft0, ft1, ft2", "ft2")
#define FF3_SQ(name, insn, mv, rm)  FFIN(name, insn, mv, rm, "ft0, ft0, ft0, ft2", "ft0")

/* Singles go in NaN-boxed through fmv.d.x so that bad boxes can be tested too. */
#define MD "fmv.d.x"
ALLRM(FF2, fadd_s, "fadd.s", MD) ALLRM(FF2, fsub_s, "fsub.s", MD) ALLRM(FF2, fmul_s, "fmul.s", MD)
ALLRM(FF2, fdiv_s, "fdiv.s", MD) ALLRM(FF1, fsqrt_s, "fsqrt.s", MD) ALLRM(FF3, fmadd_s, "fmadd.s", MD)
ALLRM(FF3, fmsub_s, "fmsub.s", MD) ALLRM(FF3, fnmsub_s, "fnmsub.s", MD) ALLRM(FF3, fnmadd_s, "fnmadd.s", MD)
ALLRM(FF2, fadd_d, "fadd.d", MD) ALLRM(FF2, fsub_d, "fsub.d", MD) ALLRM(FF2, fmul_d, "fmul.d", MD)
ALLRM(FF2, fdiv_d, "fdiv.d", MD) ALLRM(FF1, fsqrt_d, "fsqrt.d", MD) ALLRM(FF3, fmadd_d, "fmadd.d", MD)
ALLRM(FF3, fmsub_d, "fmsub.d", MD) ALLRM(FF3, fnmsub_d, "fnmsub.d", MD) ALLRM(FF3, fnmadd_d, "fnmadd.d", MD)
ALLRM(FF3_RS1, fmadd_d_rs1, "fmadd.d", MD) ALLRM(FF3_RS2, fmsub_d_rs2, "fmsub.d", MD)
ALLRM(FF3_RS3, fnmsub_d_rs3, "fnmsub.d", MD) ALLRM(FF3_SQ, fnmadd_d_sq, "fnmadd.d", MD)
ALLRM(FF3_RS1, fnmsub_s_rs1, "fnmsub.s", MD) ALLRM(FF3_RS2, fnmadd_s_rs2, "fnmadd.s", MD)
ALLRM(FF3_RS3, fmadd_s_rs3, "fmadd.s", MD) ALLRM(FF3_SQ, fmsub_s_sq, "fmsub.s", MD)
ALLRM(FF1, fcvt_s_d, "fcvt.s.d", MD)
ALLRM(XF, fcvt_w_s, "fcvt.w.s", MD) ALLRM(XF, fcvt_wu_s, "fcvt.wu.s", MD) ALLRM(XF, fcvt_l_s, "fcvt.l.s", MD)
ALLRM(XF, fcvt_lu_s, "fcvt.lu.s", MD) ALLRM(XF, fcvt_w_d, "fcvt.w.d", MD) ALLRM(XF, fcvt_wu_d, "fcvt.wu.d", MD)
ALLRM(XF, fcvt_l_d, "fcvt.l.d", MD) ALLRM(XF, fcvt_lu_d, "fcvt.lu.d", MD)
ALLRM(FX, fcvt_s_w, "fcvt.s.w") ALLRM(FX, fcvt_s_wu, "fcvt.s.wu") ALLRM(FX, fcvt_s_l, "fcvt.s.l")
ALLRM(FX, fcvt_s_lu, "fcvt.s.lu") ALLRM(FX, fcvt_d_l, "fcvt.d.l") ALLRM(FX, fcvt_d_lu, "fcvt.d.lu")
FFNR(fcvt_d_w, "fcvt.d.w", MD, "ft3, %2")
FFNR(fcvt_d_wu, "fcvt.d.wu", MD, "ft3, %2")
FFNR(fcvt_d_s, "fcvt.d.s", MD, "ft3, ft0")
FFNR(fmin_s, "fmin.s", MD, "ft3, ft0, ft1") FFNR(fmax_s, "fmax.s", MD, "ft3, ft0, ft1")
FFNR(fmin_d, "fmin.d", MD, "ft3, ft0, ft1") FFNR(fmax_d, "fmax.d", MD, "ft3, ft0, ft1")
FFNR(fsgnj_s, "fsgnj.s", MD, "ft3, ft0, ft1") FFNR(fsgnjn_s, "fsgnjn.s", MD, "ft3, ft0, ft1")
FFNR(fsgnjx_s, "fsgnjx.s", MD, "ft3, ft0, ft1") FFNR(fsgnj_d, "fsgnj.d", MD, "ft3, ft0, ft1")
FFNR(fsgnjn_d, "fsgnjn.d", MD, "ft3, ft0, ft1") FFNR(fsgnjx_d, "fsgnjx.d", MD, "ft3, ft0, ft1")
/* one source register: fmv, fneg, fabs (translated as moves and sign-bit operations) */
FFNR(fmv_d, "fsgnj.d", MD, "ft3, ft0, ft0") FFNR(fneg_d, "fsgnjn.d", MD, "ft3, ft0, ft0")
FFNR(fabs_d, "fsgnjx.d", MD, "ft3, ft0, ft0")
XFNR(feq_s, "feq.s", MD, "t0, ft0, ft1") XFNR(flt_s, "flt.s", MD, "t0, ft0, ft1") XFNR(fle_s, "fle.s", MD, "t0, ft0, ft1")
XFNR(feq_d, "feq.d", MD, "t0, ft0, ft1") XFNR(flt_d, "flt.d", MD, "t0, ft0, ft1") XFNR(fle_d, "fle.d", MD, "t0, ft0, ft1")
XFNR(fclass_s, "fclass.s", MD, "t0, ft0") XFNR(fclass_d, "fclass.d", MD, "t0, ft0")
XFNR(fmv_x_w, "fmv.x.w", MD, "t0, ft0") XFNR(fmv_x_d, "fmv.x.d", MD, "t0, ft0")

#define B(x) (0xffffffff00000000ull | (x))
static const uint64_t svals[] = {
	B(0), B(0x80000000), B(0x3f800000), B(0xbf800000), B(0x3fc00000), B(0x7f800000), B(0xff800000),
	B(0x7fc00000), B(0x7fa00000) /* sNaN */, B(0xffc00001), B(1), B(0x80000001), B(0x007fffff), B(0x00800000),
	B(0x7f7fffff), B(0xff7fffff), B(0x3eaaaaab), B(0x40490fdb), B(0x4b000001), B(0x4f000000), B(0xcf000000),
	B(0x5f000000), B(0xdf000000), B(0x3f000000), B(0x3fc00001), B(0x40200000), B(0xc0200000), B(0x4effffff),
	B(0x00000003), B(0x33800000), B(0x0c000000), 0x000000003f800000ull /* bad box */, B(0x3dcccccd),
	B(0x4f800000), B(0x5f800000), B(0x40400000)};
static const uint64_t dvals[] = {
	0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0x3ff8000000000000, 0x7ff0000000000000,
	0xfff0000000000000, 0x7ff8000000000000, 0x7ff4000000000000 /* sNaN */, 0xfff8000000000001, 1,
	0x8000000000000001, 0x000fffffffffffff, 0x0010000000000000, 0x7fefffffffffffff, 0xffefffffffffffff,
	0x3fd5555555555555, 0x400921fb54442d18, 0x4330000000000001, 0x41e0000000000000, 0xc1e0000000000000,
	0x43e0000000000000, 0xc3e0000000000000, 0x3fe0000000000000, 0x3ff8000000000001, 0x4004000000000000,
	0xc004000000000000, 0x41dfffffffc00000, 0x3ca0000000000000, 0x36a0000000000000, 0x3fb999999999999a,
	0x41f0000000000000, 0x43f0000000000000, 0x47efffffe0000000, 0x47efffffffffffff, 0x3810000000000000,
	0x36a0000010000000, 0x4008000000000000, 0x3ff0000010000000};
static const uint64_t ivals[] = {0, 1, 2, 3, 0xffffffffffffffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x1000001,
				 0x1000003, 0x7fffffffffffffff, 0x8000000000000000, 0x20000000000001,
				 0x20000000000003, 0xfffffffffffff800, 0xffffff7fffffffff, 0x123456789abcdef,
				 0xfedcba9876543210, 0xffffffff80000000, 0x80000001, 0xfffffe01};
#define NS (sizeof svals / sizeof svals[0])
#define ND (sizeof dvals / sizeof dvals[0])
#define NI (sizeof ivals / sizeof ivals[0])

static unsigned frm_of(const char *rm)
{
	static const char *const names[] = {"rne", "rtz", "rdn", "rup", "rmm"};
	unsigned i;
	for (i = 0; i < 5; i++)
		if (names[i][1] == rm[1] && names[i][2] == rm[2])
			return i;
	return 0;
}

static uint64_t hash, nflags;
static void mix(uint64_t v)
{
	hash = hash_mix(hash, v);
}

/* Runs fn over inputs of arity args; dynamic mode runs once per frm value. */
static void run(const char *name, const char *rm, fn2 fn, const uint64_t *v, unsigned n, int arity)
{
	unsigned i, j, k, fl, m, modes = rm[0] == 'd' ? 5 : 1;
	uint64_t r;
	hash = 0xcbf29ce484222325ull;
	for (m = 0; m < modes; m++) {
		if (rm[0] == 'd')
			__asm__ volatile("fsrm %0" : : "r"(m));
		for (i = 0; i < n; i++)
			for (j = 0; j < (arity > 1 ? n : 1); j++)
				for (k = 0; k < (arity > 2 ? n : 1); k += arity > 2 ? 3 : 1) {
					r = fn(v[i], v[j], v[k], &fl);
					mix(r);
					mix(fl);
					nflags |= fl;
				}
	}
	__asm__ volatile("fsrm zero");
	printf("%-10s %s %016llx\n", name, rm, (unsigned long long)hash);
	(void)frm_of;
}

#define RUNRM(name, vals, n, arity)                                                            \
	run(#name, "rne", name##_rne, vals, n, arity);                                        \
	run(#name, "rtz", name##_rtz, vals, n, arity);                                        \
	run(#name, "rdn", name##_rdn, vals, n, arity);                                        \
	run(#name, "rup", name##_rup, vals, n, arity);                                        \
	run(#name, "rmm", name##_rmm, vals, n, arity);                                        \
	run(#name, "dyn", name##_dyn, vals, n, arity)
#define RUN(name, vals, n, arity) run(#name, "---", name, vals, n, arity)

/* Several dynamic-mode operations in one block under each frm (ties, which RNE and RMM round
 * apart): the translator checks frm at the first only, and must not run the rest inline when
 * frm is RMM. */
static void dynamic_block(void)
{
	for (unsigned long m = 0; m < 5; m++) {
		double one = 1.0, tie = 0x1p-53, a, b, c;
		__asm__ volatile("fsrm %4\n fadd.d %0, %3, %5\n fadd.d %1, %3, %5\n fsub.d %2, %3, %5\n fsrm zero"
				 : "=&f"(a), "=&f"(b), "=&f"(c)
				 : "f"(one), "r"(m), "f"(tie));
		printf("dynamic block, frm %lu: %a %a %a\n", m, a, b, c);
	}
}

int main(void)
{
	dynamic_block();
	RUNRM(fadd_s, svals, NS, 2); RUNRM(fsub_s, svals, NS, 2); RUNRM(fmul_s, svals, NS, 2);
	RUNRM(fdiv_s, svals, NS, 2); RUNRM(fsqrt_s, svals, NS, 1); RUNRM(fmadd_s, svals, NS, 3);
	RUNRM(fmsub_s, svals, NS, 3); RUNRM(fnmsub_s, svals, NS, 3); RUNRM(fnmadd_s, svals, NS, 3);
	RUNRM(fadd_d, dvals, ND, 2); RUNRM(fsub_d, dvals, ND, 2); RUNRM(fmul_d, dvals, ND, 2);
	RUNRM(fdiv_d, dvals, ND, 2); RUNRM(fsqrt_d, dvals, ND, 1); RUNRM(fmadd_d, dvals, ND, 3);
	RUNRM(fmsub_d, dvals, ND, 3); RUNRM(fnmsub_d, dvals, ND, 3); RUNRM(fnmadd_d, dvals, ND, 3);
	RUNRM(fmadd_d_rs1, dvals, ND, 3); RUNRM(fmsub_d_rs2, dvals, ND, 3); RUNRM(fnmsub_d_rs3, dvals, ND, 3);
	RUNRM(fnmadd_d_sq, dvals, ND, 3); RUNRM(fnmsub_s_rs1, svals, NS, 3); RUNRM(fnmadd_s_rs2, svals, NS, 3);
	RUNRM(fmadd_s_rs3, svals, NS, 3); RUNRM(fmsub_s_sq, svals, NS, 3);
	RUNRM(fcvt_s_d, dvals, ND, 1);
	RUNRM(fcvt_w_s, svals, NS, 1); RUNRM(fcvt_wu_s, svals, NS, 1); RUNRM(fcvt_l_s, svals, NS, 1);
	RUNRM(fcvt_lu_s, svals, NS, 1); RUNRM(fcvt_w_d, dvals, ND, 1); RUNRM(fcvt_wu_d, dvals, ND, 1);
	RUNRM(fcvt_l_d, dvals, ND, 1); RUNRM(fcvt_lu_d, dvals, ND, 1);
	RUNRM(fcvt_s_w, ivals, NI, 1); RUNRM(fcvt_s_wu, ivals, NI, 1); RUNRM(fcvt_s_l, ivals, NI, 1);
	RUNRM(fcvt_s_lu, ivals, NI, 1); RUNRM(fcvt_d_l, ivals, NI, 1); RUNRM(fcvt_d_lu, ivals, NI, 1);
	RUN(fcvt_d_w, ivals, NI, 1); RUN(fcvt_d_wu, ivals, NI, 1); RUN(fcvt_d_s, svals, NS, 1);
	RUN(fmin_s, svals, NS, 2); RUN(fmax_s, svals, NS, 2); RUN(fmin_d, dvals, ND, 2); RUN(fmax_d, dvals, ND, 2);
	RUN(fsgnj_s, svals, NS, 2); RUN(fsgnjn_s, svals, NS, 2); RUN(fsgnjx_s, svals, NS, 2);
	RUN(fsgnj_d, dvals, ND, 2); RUN(fsgnjn_d, dvals, ND, 2); RUN(fsgnjx_d, dvals, ND, 2);
	RUN(fmv_d, dvals, ND, 1); RUN(fneg_d, dvals, ND, 1); RUN(fabs_d, dvals, ND, 1);
	RUN(feq_s, svals, NS, 2); RUN(flt_s, svals, NS, 2); RUN(fle_s, svals, NS, 2);
	RUN(feq_d, dvals, ND, 2); RUN(flt_d, dvals, ND, 2); RUN(fle_d, dvals, ND, 2);
	RUN(fclass_s, svals, NS, 1); RUN(fclass_d, dvals, ND, 1); RUN(fmv_x_w, svals, NS, 1);
	RUN(fmv_x_d, dvals, ND, 1);
	printf("flags seen %llx\n", (unsigned long long)nflags);
	return nflags == 31 ? 0 : 1;
}
