// Masked (v0.t) and tail forms as compilers write them: strip-mined loops whose element-wise
// instructions (unit-stride loads and stores, integer and F/D arithmetic, multiply-adds, shifts,
// moves, minimum and maximum, widening add, subtract, multiply and multiply-add, narrowing
// shifts, merges, integer and FP compares, mask logic, vfirst.m, integer reductions, extensions,
// vid, vcpop, vfmv, slides, FP sums, minimum and maximum reductions, conversions (widening and narrowing ones too), FP
// min/max, sign injection, vfmv.s.f, vrgather, averaging adds, byte shifts, Zvbb, vcompress, widening FP arithmetic,
// saturating adds, byte multiplies, widening sums, shifts by vectors, vmsbf/vmsif/vmsof, byte and halfword stores under
// the masks these make) run under v0, with mask-undisturbed and mask-agnostic policies, over every SEW and LMUL 1 to 8
// and the fractional ones, counts that leave a short last pass, a vsetivli with a short fixed vl, FP inputs whose
// inactive elements are signaling NaNs (no flag may come from them), a loop whose last pass ends at an unmapped page, a
// masked load and store whose inactive elements lie in it, and a loop whose vsetvli is hoisted out of it (run under
// several vtypes). The translator runs these inline with AVX-512 write masks; the oracle is
// QEMU 10.
// qemu: rva23
// cflags: -march=rv64gcv
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t fnv(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

#define N 157
static uint8_t a[N * 8], b[N * 8], c[N * 8], mask[128]; /* v0: up to VLEN 1024 */

/* c = body(a, b) for n elements, v0 loaded from mask at each pass (the same bits each time) */
#define MLOOP(name, vset, ld, st, body, eew)                                                                           \
	static void name(size_t n, uint64_t x)                                                                         \
	{                                                                                                              \
		uint8_t *pa = a, *pb = b, *pc = c;                                                                     \
		size_t vl;                                                                                             \
		while (n > 0) {                                                                                        \
			__asm__ volatile(                                                                              \
			    vset "\n\tvlm.v v0, (%[m])\n\t" ld " v8, (%[pa])\n\t" ld " v16, (%[pb])\n\t" ld            \
				 " v24, (%[pc])\n\t" body "\n\t" st " v24, (%[pc])"                                    \
			    : [vl] "=&r"(vl)                                                                           \
			    : [n] "r"(n), [pa] "r"(pa), [pb] "r"(pb), [pc] "r"(pc), [x] "r"(x), [m] "r"(mask)          \
			    : "memory", "t0", "ft0");                                                                  \
			n -= vl < n ? vl : n;                                                                          \
			pa += vl * eew;                                                                                \
			pb += vl * eew;                                                                                \
			pc += vl * eew;                                                                                \
		}                                                                                                      \
	}

MLOOP(add8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vse8.v", "vadd.vv v24, v8, v16, v0.t", 1)
MLOOP(xor8m8, "vsetvli %[vl], %[n], e8, m8, tu, ma", "vle8.v", "vse8.v", "vxor.vx v24, v8, %[x], v0.t", 1)
MLOOP(and8mf2, "vsetvli %[vl], %[n], e8, mf2, ta, ma", "vle8.v", "vse8.v", "vand.vv v24, v8, v16, v0.t", 1)
MLOOP(or8mf8, "vsetvli %[vl], %[n], e8, mf8, tu, mu", "vle8.v", "vse8.v", "vor.vi v24, v8, 5", 1)
MLOOP(ld8m4, "vsetvli %[vl], %[n], e8, m4, ta, mu", "vle8.v", "vse8.v", "vle8.v v24, (%[pb]), v0.t", 1)
MLOOP(sub16m2, "vsetvli %[vl], %[n], e16, m2, ta, mu", "vle16.v", "vse16.v", "vsub.vv v24, v8, v16, v0.t", 2)
MLOOP(mul16mf2, "vsetvli %[vl], %[n], e16, mf2, tu, mu", "vle16.v", "vse16.v", "vmul.vv v24, v8, v16, v0.t", 2)
MLOOP(and16m4, "vsetvli %[vl], %[n], e16, m4, tu, mu", "vle16.v", "vse16.v", "vand.vx v24, v8, %[x], v0.t", 2)
MLOOP(macc16m1, "vsetvli %[vl], %[n], e16, m1, ta, ma", "vle16.v", "vse16.v", "vmacc.vv v24, v8, v16, v0.t", 2)
MLOOP(sll16m8, "vsetvli %[vl], %[n], e16, m8, ta, mu", "vle16.v", "vse16.v", "vsll.vi v24, v8, 3, v0.t", 2)
MLOOP(st16m2, "vsetvli %[vl], %[n], e16, m2, ta, mu", "vle16.v", "vse16.v", "vse16.v v8, (%[pc]), v0.t", 2)
MLOOP(add32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v", "vadd.vi v24, v8, -7, v0.t", 4)
MLOOP(rsub32m2, "vsetvli %[vl], %[n], e32, m2, tu, mu", "vle32.v", "vse32.v", "vrsub.vx v24, v8, %[x], v0.t", 4)
MLOOP(mul32m8, "vsetvli %[vl], %[n], e32, m8, ta, mu", "vle32.v", "vse32.v", "vmul.vx v24, v8, %[x], v0.t", 4)
MLOOP(nmsac32m4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse32.v", "vnmsac.vx v24, %[x], v8, v0.t", 4)
MLOOP(sra32mf2, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle32.v", "vse32.v", "vsra.vx v24, v8, %[x], v0.t", 4)
MLOOP(srl32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v", "vsrl.vi v24, v8, 9, v0.t", 4)
MLOOP(fadd32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v", "vfadd.vv v24, v8, v16, v0.t", 4)
MLOOP(fmul32m4, "vsetvli %[vl], %[n], e32, m4, tu, mu", "vle32.v", "vse32.v", "vfmul.vv v24, v8, v16, v0.t", 4)
MLOOP(fdiv32mf2, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle32.v", "vse32.v", "vfdiv.vv v24, v8, v16, v0.t", 4)
MLOOP(fmacc32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v", "vfmacc.vv v24, v8, v16, v0.t", 4)
MLOOP(fnmsub32m8, "vsetvli %[vl], %[n], e32, m8, ta, mu", "vle32.v", "vse32.v", "vfnmsub.vv v24, v8, v16, v0.t", 4)
MLOOP(fmv32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v", "vfsub.vv v24, v16, v8", 4)
MLOOP(add64m2, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vse64.v", "vadd.vv v24, v8, v16, v0.t", 8)
MLOOP(sll64m8, "vsetvli %[vl], %[n], e64, m8, tu, mu", "vle64.v", "vse64.v", "vsll.vx v24, v8, %[x], v0.t", 8)
MLOOP(mv64m4, "vsetvli %[vl], %[n], e64, m4, ta, ma", "vle64.v", "vse64.v", "vmv.v.x v24, %[x]", 8)
MLOOP(fsub64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", "vfsub.vv v24, v8, v16, v0.t", 8)
MLOOP(fmsac64m4, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vse64.v", "vfmsac.vv v24, v8, v16, v0.t", 8)
MLOOP(fmadd64m8, "vsetvli %[vl], %[n], e64, m8, tu, mu", "vle64.v", "vse64.v", "vfmadd.vv v24, v8, v16, v0.t", 8)
MLOOP(ld64m2, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vse64.v", "vle64.v v24, (%[pa]), v0.t", 8)
MLOOP(min8m2, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vse8.v", "vmin.vx v24, v8, %[x], v0.t", 1)
MLOOP(maxu16m1, "vsetvli %[vl], %[n], e16, m1, ta, mu", "vle16.v", "vse16.v", "vmaxu.vv v24, v8, v16, v0.t", 2)
MLOOP(max32mf2, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle32.v", "vse32.v", "vmax.vv v24, v8, v16", 4)
MLOOP(minu32m4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse32.v", "vminu.vx v24, v8, %[x]", 4)
MLOOP(min64m4, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vse64.v", "vmin.vv v24, v8, v16, v0.t", 8)
MLOOP(maxu64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", "vmaxu.vx v24, v8, %[x]", 8)
/* widening: vd is 2 * SEW, stored at that width after a vsetvli in the pass */
MLOOP(waddu8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vsetvli zero, zero, e16, m2, ta, mu\n\tvse16.v",
      "vwaddu.vx v24, v8, %[x], v0.t", 1)
MLOOP(wmul8m2, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vsetvli zero, zero, e16, m4, ta, mu\n\tvse16.v",
      "vwmul.vv v24, v8, v16", 1)
MLOOP(wmacc8m4, "vsetvli %[vl], %[n], e8, m4, ta, mu", "vle8.v", "vsetvli zero, zero, e16, m8, ta, mu\n\tvse16.v",
      "vwmacc.vx v24, %[x], v8, v0.t", 1)
MLOOP(wadd16m2, "vsetvli %[vl], %[n], e16, m2, ta, mu", "vle16.v", "vsetvli zero, zero, e32, m4, ta, mu\n\tvse32.v",
      "vwadd.vv v24, v8, v16, v0.t", 2)
MLOOP(wsubu16m4, "vsetvli %[vl], %[n], e16, m4, ta, mu", "vle16.v", "vsetvli zero, zero, e32, m8, ta, mu\n\tvse32.v",
      "vwsubu.wv v24, v24, v8", 2)
MLOOP(wmacc16m1, "vsetvli %[vl], %[n], e16, m1, ta, mu", "vle16.v", "vsetvli zero, zero, e32, m2, ta, mu\n\tvse32.v",
      "vwmacc.vv v24, v8, v16, v0.t", 2)
MLOOP(wsub32mf2, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle32.v", "vsetvli zero, zero, e64, m1, ta, mu\n\tvse64.v",
      "vwsub.vv v24, v8, v16, v0.t", 4)
MLOOP(wmulu32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vsetvli zero, zero, e64, m2, ta, mu\n\tvse64.v",
      "vwmulu.vx v24, v8, %[x]", 4)
MLOOP(wmul32m4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vsetvli zero, zero, e64, m8, ta, mu\n\tvse64.v",
      "vwmul.vv v24, v8, v16, v0.t", 4)
MLOOP(wmaccu32mf2, "vsetvli %[vl], %[n], e32, mf2, tu, mu", "vle32.v", "vsetvli zero, zero, e64, m1, ta, mu\n\tvse64.v",
      "vwmaccu.vx v24, %[x], v8", 4)
MLOOP(wadd32m2w, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vsetvli zero, zero, e64, m4, ta, mu\n\tvse64.v",
      "vwadd.wx v24, v24, %[x], v0.t", 4)
/* narrowing: vs2 is 2 * SEW, loaded at that width after a vsetvli in the pass */
MLOOP(nsrl8m1, "vsetvli %[vl], %[n], e16, m2, ta, mu", "vle16.v", "vsetvli zero, zero, e8, m1, ta, mu\n\tvse8.v",
      "vsetvli zero, zero, e8, m1, ta, mu\n\tvnsrl.wi v24, v8, 3, v0.t", 1)
MLOOP(nsra16m2, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vsetvli zero, zero, e16, m2, ta, mu\n\tvse16.v",
      "vsetvli zero, zero, e16, m2, ta, mu\n\tvnsra.wx v24, v8, %[x]", 2)
MLOOP(nsrl32mf2, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vsetvli zero, zero, e32, mf2, ta, mu\n\tvse32.v",
      "vsetvli zero, zero, e32, mf2, tu, mu\n\tvnsrl.wx v24, v8, %[x], v0.t", 4)
MLOOP(nsra32m4, "vsetvli %[vl], %[n], e64, m8, ta, mu", "vle64.v", "vsetvli zero, zero, e32, m4, ta, mu\n\tvse32.v",
      "vsetvli zero, zero, e32, m4, ta, mu\n\tvnsra.wi v8, v8, 29", 4)
/* unmasked narrowing (AVX2 hosts pack it): every SEW, in place, a vnsra of 64-bit elements by an
 * immediate and by a register; with tu, vd stored whole (vs1r/vs2r), so that its elements past vl
 * (and past VLMAX, for a fractional LMUL) are seen */
MLOOP(nsra8mf2, "vsetvli %[vl], %[n], e16, m1, ta, mu", "vle16.v", "vs1r.v",
      "vsetvli zero, zero, e8, mf2, tu, mu\n\tvnsra.wi v24, v8, 5", 1)
MLOOP(nsrl8m4, "vsetvli %[vl], %[n], e16, m8, ta, mu", "vle16.v", "vsetvli zero, zero, e8, m4, ta, mu\n\tvse8.v",
      "vsetvli zero, zero, e8, m4, ta, mu\n\tvnsrl.wx v24, v8, %[x]", 1)
MLOOP(nsrl16mf4, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle32.v", "vs1r.v",
      "vsetvli zero, zero, e16, mf4, tu, mu\n\tvnsrl.wi v24, v8, 9", 2)
MLOOP(nsra16m1, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vs1r.v",
      "vsetvli zero, zero, e16, m1, tu, mu\n\tvnsra.wx v24, v8, %[x]", 2)
MLOOP(nsrl32m2, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vs2r.v",
      "vsetvli zero, zero, e32, m2, tu, mu\n\tvnsrl.wx v24, v8, %[x]", 4)
MLOOP(nsra32mf2, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vs1r.v",
      "vsetvli zero, zero, e32, mf2, tu, mu\n\tvnsra.wi v24, v8, 31", 4)
MLOOP(nsra32m1x, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vsetvli zero, zero, e32, m1, ta, mu\n\tvse32.v",
      "vsetvli zero, zero, e32, m1, tu, mu\n\tvnsra.wx v24, v8, %[x]", 4)
MLOOP(nsrl16m2in, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vsetvli zero, zero, e16, m2, ta, mu\n\tvse16.v",
      "vsetvli zero, zero, e16, m2, ta, mu\n\tvnsrl.wi v8, v8, 15\n\tvmv2r.v v24, v8", 2)
MLOOP(ncvt16m1, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vsetvli zero, zero, e16, m1, ta, mu\n\tvse16.v",
      "vsetvli zero, zero, e16, m1, ta, mu\n\tvnsrl.wx v24, v16, zero, v0.t", 2)
MLOOP(merge8m2, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vse8.v", "vmerge.vvm v24, v8, v16, v0", 1)
MLOOP(merge16mf2, "vsetvli %[vl], %[n], e16, mf2, tu, mu", "vle16.v", "vse16.v", "vmerge.vxm v24, v8, %[x], v0", 2)
MLOOP(merge32m1, "vsetvli %[vl], %[n], e32, m1, ta, ma", "vle32.v", "vse32.v", "vmerge.vvm v24, v16, v8, v0", 4)
MLOOP(merge64m4, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vse64.v", "vmerge.vim v24, v8, -5, v0", 8)
/* merges with tu, vd stored whole: its elements past vl stay (v0 picks vs1 or vs2, never vd) */
MLOOP(merge8m1tu, "vsetvli %[vl], %[n], e8, m1, tu, mu", "vle8.v", "vs1r.v", "vmerge.vvm v24, v8, v16, v0", 1)
MLOOP(merge32mf2tu, "vsetvli %[vl], %[n], e32, mf2, tu, mu", "vle32.v", "vs1r.v", "vmerge.vxm v24, v8, %[x], v0", 4)
MLOOP(merge16m2tu, "vsetvli %[vl], %[n], e16, m2, tu, mu", "vle16.v", "vs2r.v", "vmerge.vim v24, v8, 7, v0", 2)
/* compares into a mask (stored with vsm.v), and a compare feeding a masked add (if-conversion) */
MLOOP(cmplt8m4, "vsetvli %[vl], %[n], e8, m4, ta, mu", "vle8.v", "vsm.v", "vmslt.vx v24, v8, %[x], v0.t", 1)
MLOOP(cmpeq8m8, "vsetvli %[vl], %[n], e8, m8, ta, mu", "vle8.v", "vsm.v", "vmseq.vv v24, v8, v16, v0.t", 1)
MLOOP(cmpleu16m1, "vsetvli %[vl], %[n], e16, m1, ta, mu", "vle16.v", "vsm.v", "vmsleu.vv v24, v8, v16", 2)
MLOOP(cmpne16mf2, "vsetvli %[vl], %[n], e16, mf2, ta, mu", "vle16.v", "vsm.v", "vmsne.vx v24, v8, %[x]", 2)
MLOOP(cmpgt32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vsm.v", "vmsgt.vi v24, v8, -3, v0.t", 4)
MLOOP(cmple32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vsm.v", "vmsle.vi v24, v8, 5", 4)
MLOOP(cmpgtu64m8, "vsetvli %[vl], %[n], e64, m8, ta, mu", "vle64.v", "vsm.v", "vmsgtu.vx v24, v8, %[x]", 8)
MLOOP(cmpltu64m2, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vsm.v", "vmsltu.vv v24, v8, v16, v0.t", 8)
MLOOP(ifconv32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v",
      "vmslt.vx v0, v8, %[x]\n\tvadd.vv v24, v8, v16, v0.t", 4)
/* vfirst.m and vredsum under masks and short passes (the results into v24's first element) */
MLOOP(first8m2, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vse8.v",
      "vmseq.vx v4, v8, %[x]\n\tvfirst.m t0, v4, v0.t\n\tvmv.s.x v24, t0", 1)
MLOOP(first32mf2, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle32.v", "vse32.v",
      "vmsltu.vv v4, v8, v16\n\tvfirst.m t0, v4\n\tvmv.s.x v24, t0", 4)
MLOOP(redsum16m4, "vsetvli %[vl], %[n], e16, m4, ta, mu", "vle16.v", "vse16.v", "vredsum.vs v24, v8, v16, v0.t", 2)
MLOOP(redsum32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v", "vredsum.vs v24, v8, v24", 4)
MLOOP(redsum8mf4, "vsetvli %[vl], %[n], e8, mf4, ta, mu", "vle8.v", "vse8.v", "vredsum.vs v24, v8, v16, v0.t", 1)
MLOOP(redsum64m8, "vsetvli %[vl], %[n], e64, m8, ta, mu", "vle64.v", "vse64.v", "vredsum.vs v24, v8, v16", 8)
MLOOP(redmax8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vse8.v", "vredmax.vs v24, v8, v16, v0.t", 1)
MLOOP(redminu16m2, "vsetvli %[vl], %[n], e16, m2, ta, mu", "vle16.v", "vse16.v", "vredminu.vs v24, v8, v16", 2)
MLOOP(redand32m4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse32.v", "vredand.vs v24, v8, v16, v0.t", 4)
MLOOP(redor64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", "vredor.vs v24, v8, v16, v0.t", 8)
MLOOP(redxor8m8, "vsetvli %[vl], %[n], e8, m8, ta, mu", "vle8.v", "vse8.v", "vredxor.vs v24, v8, v16", 1)
MLOOP(redmin64m2, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vse64.v", "vredmin.vs v24, v8, v16, v0.t", 8)
MLOOP(redmaxu32mf2, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle32.v", "vse32.v", "vredmaxu.vs v24, v8, v16", 4)
/* extensions (vs2 loaded at the narrower width after a vsetvli in the pass), vid, vcpop */
MLOOP(zext16vf2, "vsetvli %[vl], %[n], e16, m2, ta, mu", "vle16.v", "vse16.v",
      "vsetvli zero, zero, e8, m1, ta, mu\n\tvle8.v v4, (%[pb])\n\tvsetvli zero, zero, e16, m2, ta, mu\n\t"
      "vzext.vf2 v24, v4, v0.t",
      2)
MLOOP(sext32vf4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse32.v",
      "vsetvli zero, zero, e8, m1, ta, mu\n\tvle8.v v4, (%[pb])\n\tvsetvli zero, zero, e32, m4, ta, mu\n\t"
      "vsext.vf4 v24, v4",
      4)
MLOOP(sext64vf2, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v",
      "vsetvli zero, zero, e32, mf2, ta, mu\n\tvle32.v v4, (%[pb])\n\tvsetvli zero, zero, e64, m1, ta, mu\n\t"
      "vsext.vf2 v24, v4, v0.t",
      8)
MLOOP(zext64vf8, "vsetvli %[vl], %[n], e64, m8, ta, mu", "vle64.v", "vse64.v",
      "vsetvli zero, zero, e8, m1, ta, mu\n\tvle8.v v4, (%[pb])\n\tvsetvli zero, zero, e64, m8, ta, mu\n\t"
      "vzext.vf8 v24, v4",
      8)
MLOOP(id8m2, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vse8.v", "vid.v v24, v0.t", 1)
MLOOP(id16m8, "vsetvli %[vl], %[n], e16, m8, ta, mu", "vle16.v", "vse16.v", "vid.v v24\n\tvadd.vv v24, v24, v8", 2)
MLOOP(id64mf1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", "vid.v v24, v0.t", 8)
MLOOP(cpop8m8, "vsetvli %[vl], %[n], e8, m8, ta, mu", "vle8.v", "vse8.v",
      "vmsltu.vx v4, v8, %[x]\n\tvcpop.m t0, v4, v0.t\n\tvmv.s.x v24, t0", 1)
MLOOP(cpop32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v",
      "vmsne.vv v4, v8, v16\n\tvcpop.m t0, v4\n\tvmv.s.x v24, t0", 4)
/* FP compares into a mask: NV from NaNs in active elements only */
MLOOP(fcmplt32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vsm.v", "vmflt.vv v24, v8, v16, v0.t", 4)
MLOOP(fcmpeq64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vsm.v",
      "fmv.d.x ft0, %[x]\n\tvmfeq.vf v24, v8, ft0", 8)
MLOOP(fcmpne32mf2, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle32.v", "vsm.v", "vmfne.vv v24, v8, v16, v0.t", 4)
MLOOP(fcmpgt64m4, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vsm.v",
      "fmv.d.x ft0, %[x]\n\tvmfgt.vf v24, v8, ft0, v0.t", 8)
MLOOP(fcmple32m8, "vsetvli %[vl], %[n], e32, m8, ta, mu", "vle32.v", "vsm.v", "vmfle.vv v24, v8, v16", 4)
MLOOP(fcmpge32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vsm.v",
      "fmv.w.x ft0, %[x]\n\tvmfge.vf v24, v8, ft0, v0.t", 4)
MLOOP(fmvvf32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v", "fmv.w.x ft0, %[x]\n\tvfmv.v.f v24, ft0",
      4)
MLOOP(fmvvf64mf1, "vsetvli %[vl], %[n], e64, m1, tu, mu", "vle64.v", "vse64.v",
      "fmv.d.x ft0, %[x]\n\tvfmv.v.f v24, ft0", 8)
MLOOP(fmvfs32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v",
      "vfmv.f.s ft0, v8\n\tfmv.x.d t0, ft0\n\tsrli t0, t0, 16\n\tvmv.s.x v24, t0", 4)
MLOOP(fmvfs64m4, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vse64.v",
      "vfmv.f.s ft0, v16\n\tfmv.x.d t0, ft0\n\tvmv.s.x v24, t0", 8)
/* mask logic on two compares' masks (and v24's own bits past vl, stored with vsm.v) */
#define TWO_MASKS "vmslt.vx v4, v8, %[x]\n\tvmsne.vv v5, v8, v16\n\t"
MLOOP(mand8m8, "vsetvli %[vl], %[n], e8, m8, ta, mu", "vle8.v", "vsm.v", TWO_MASKS "vmand.mm v24, v4, v5", 1)
MLOOP(mandn16m1, "vsetvli %[vl], %[n], e16, m1, ta, mu", "vle16.v", "vsm.v", TWO_MASKS "vmandn.mm v24, v4, v5", 2)
MLOOP(mor32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vsm.v", TWO_MASKS "vmor.mm v24, v4, v5", 4)
MLOOP(morn64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vsm.v", TWO_MASKS "vmorn.mm v24, v5, v4", 8)
MLOOP(mxor8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vsm.v", TWO_MASKS "vmxor.mm v24, v4, v5", 1)
MLOOP(mnand16m4, "vsetvli %[vl], %[n], e16, m4, ta, mu", "vle16.v", "vsm.v", TWO_MASKS "vmnand.mm v24, v4, v5", 2)
MLOOP(mnor32mf2, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle32.v", "vsm.v", TWO_MASKS "vmnor.mm v24, v4, v5", 4)
MLOOP(mxnor8m2, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vsm.v", TWO_MASKS "vmxnor.mm v24, v4, v24", 1)
/* slides by a scalar, an immediate and one element (offsets past VLMAX included) */
MLOOP(sdown8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vse8.v", "vslidedown.vx v24, v8, %[x], v0.t", 1)
MLOOP(sdown16m4i, "vsetvli %[vl], %[n], e16, m4, ta, mu", "vle16.v", "vse16.v", "vslidedown.vi v24, v8, 5", 2)
MLOOP(sdown32mf2, "vsetvli %[vl], %[n], e32, mf2, tu, mu", "vle32.v", "vse32.v", "vslidedown.vi v24, v8, 1, v0.t", 4)
MLOOP(sup32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v",
      "andi t0, %[x], 7\n\tvslideup.vx v24, v8, t0, v0.t", 4)
MLOOP(sup64m8i, "vsetvli %[vl], %[n], e64, m8, ta, mu", "vle64.v", "vse64.v", "vslideup.vi v24, v8, 3", 8)
MLOOP(sup8m8x, "vsetvli %[vl], %[n], e8, m8, ta, mu", "vle8.v", "vse8.v",
      "andi t0, %[x], 127\n\tvslideup.vx v24, v8, t0", 1)
MLOOP(s1down16m1, "vsetvli %[vl], %[n], e16, m1, ta, mu", "vle16.v", "vse16.v", "vslide1down.vx v24, v8, %[x], v0.t", 2)
MLOOP(s1up32m4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse32.v", "vslide1up.vx v24, v8, %[x]", 4)
MLOOP(fs1down64m2, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vse64.v",
      "fmv.d.x ft0, %[x]\n\tvfslide1down.vf v24, v8, ft0", 8)
MLOOP(fs1up32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v",
      "fmv.w.x ft0, %[x]\n\tvfslide1up.vf v24, v8, ft0, v0.t", 4)
/* 64-bit multiplies (vpmullq where the host has AVX-512DQ, else from vpmuludq's products) */
MLOOP(mul64m2, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vse64.v", "vmul.vv v24, v8, v16, v0.t", 8)
MLOOP(mul64m4x, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vse64.v", "vmul.vx v24, v8, %[x]", 8)
MLOOP(mul64m1, "vsetvli %[vl], %[n], e64, m1, tu, mu", "vle64.v", "vse64.v", "vmul.vv v24, v8, v16", 8)
MLOOP(macc64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", "vmacc.vx v24, %[x], v8", 8)
MLOOP(madd64m4, "vsetvli %[vl], %[n], e64, m4, tu, mu", "vle64.v", "vse64.v", "vmadd.vv v24, v8, v16, v0.t", 8)
MLOOP(nmsub64m8, "vsetvli %[vl], %[n], e64, m8, ta, ma", "vle64.v", "vse64.v", "vnmsub.vx v24, %[x], v16", 8)
/* conversions between F/D and integers (squares and fourth powers saturate some; NaNs too) */
MLOOP(fcvtxf32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v", "vfcvt.x.f.v v24, v8, v0.t", 4)
MLOOP(fcvtxf32big, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v",
      "vfmul.vv v4, v8, v8\n\tvfmul.vv v4, v4, v4\n\tvfcvt.x.f.v v24, v4, v0.t", 4)
MLOOP(fcvtrtzxuf32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v", "vfcvt.rtz.xu.f.v v24, v8", 4)
MLOOP(fcvtxuf32m4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse32.v",
      "vfmul.vv v8, v8, v8\n\tvfcvt.xu.f.v v24, v8, v0.t", 4)
MLOOP(fcvtfx32m4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse32.v", "vfcvt.f.x.v v24, v8, v0.t", 4)
MLOOP(fcvtfxu32mf2, "vsetvli %[vl], %[n], e32, mf2, tu, mu", "vle32.v", "vse32.v", "vfcvt.f.xu.v v24, v8", 4)
MLOOP(fcvtfxu64m2, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vse64.v", "vfcvt.f.xu.v v24, v8", 8)
MLOOP(fcvtfx64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", "vfcvt.f.x.v v24, v8, v0.t", 8)
MLOOP(fcvtxf64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", "vfcvt.x.f.v v24, v8, v0.t", 8)
MLOOP(fcvtrtzxf64m4, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vse64.v",
      "vfmul.vv v8, v8, v8\n\tvfmul.vv v8, v8, v8\n\tvfmul.vv v8, v8, v8\n\tvfcvt.rtz.x.f.v v24, v8", 8)
MLOOP(fcvtrtzxuf64m2, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vse64.v", "vfcvt.rtz.xu.f.v v24, v8, v0.t", 8)
/* FP minimum and maximum (NaNs, and zeros of both signs from x - x and its negation), sign injection */
MLOOP(fmin32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v", "vfmin.vv v24, v8, v16, v0.t", 4)
MLOOP(fmax64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v",
      "fmv.d.x ft0, %[x]\n\tvfmax.vf v24, v8, ft0", 8)
MLOOP(fmaxz32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v",
      "vfsub.vv v4, v8, v8\n\tvfsgnjn.vv v12, v4, v4\n\tvfmax.vv v24, v12, v4, v0.t", 4)
MLOOP(fminz64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v",
      "vfsub.vv v4, v8, v8\n\tvfsgnjn.vv v12, v4, v4\n\tvfmin.vv v24, v4, v12", 8)
MLOOP(sgnj32m4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse32.v", "vfsgnj.vv v24, v8, v16, v0.t", 4)
MLOOP(sgnjn64m2, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vse64.v", "vfsgnjn.vv v24, v8, v16", 8)
MLOOP(sgnjx32mf2, "vsetvli %[vl], %[n], e32, mf2, tu, mu", "vle32.v", "vse32.v",
      "fmv.w.x ft0, %[x]\n\tvfsgnjx.vf v24, v8, ft0, v0.t", 4)
MLOOP(fabs64m8, "vsetvli %[vl], %[n], e64, m8, ta, ma", "vle64.v", "vse64.v", "vfsgnjx.vv v24, v8, v8", 8)
/* FP maximum and minimum reductions (NaNs, zeros of both signs), vfmv.s.f */
MLOOP(fredmax32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v", "vfredmax.vs v24, v8, v16, v0.t", 4)
MLOOP(fredmin64m4, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vse64.v", "vfredmin.vs v24, v8, v16", 8)
MLOOP(fredmax32mf2, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle32.v", "vse32.v", "vfredmax.vs v24, v8, v16, v0.t", 4)
MLOOP(fredminz32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v",
      "vfsub.vv v4, v8, v8\n\tvfsgnjn.vv v12, v4, v4\n\tvmerge.vvm v12, v12, v4, v0\n\tvfredmin.vs v24, v12, v4", 4)
MLOOP(fredmaxz64m2, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vse64.v",
      "vfsub.vv v4, v8, v8\n\tvfsgnjn.vv v12, v4, v4\n\tvfredmax.vs v24, v12, v12, v0.t", 8)
MLOOP(fmvsf32m1, "vsetvli %[vl], %[n], e32, m1, tu, mu", "vle32.v", "vse32.v", "fmv.w.x ft0, %[x]\n\tvfmv.s.f v24, ft0",
      4)
MLOOP(fmvsf64m2, "vsetvli %[vl], %[n], e64, m2, tu, mu", "vle64.v", "vse64.v", "fmv.d.x ft0, %[x]\n\tvfmv.s.f v24, ft0",
      8)
/* widening and narrowing FP conversions (NaNs, the D to F rounding under two rounding modes) */
MLOOP(fwcvtff32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse64.v", "vfwcvt.f.f.v v24, v8, v0.t", 4)
MLOOP(fwcvtff32m4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse64.v", "vfwcvt.f.f.v v24, v8", 4)
MLOOP(fwcvtfx32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse64.v", "vfwcvt.f.x.v v24, v8, v0.t", 4)
MLOOP(fwcvtfxu32mf2, "vsetvli %[vl], %[n], e32, mf2, tu, mu", "vle32.v", "vse64.v", "vfwcvt.f.xu.v v24, v8", 4)
MLOOP(fwcvtfx16m1, "vsetvli %[vl], %[n], e16, m1, ta, mu", "vle16.v", "vse32.v", "vfwcvt.f.x.v v24, v8, v0.t", 2)
MLOOP(fwcvtfxu16m4, "vsetvli %[vl], %[n], e16, m4, ta, mu", "vle16.v", "vse32.v", "vfwcvt.f.xu.v v24, v8", 2)
/* unsigned zeros to FP (run under every rounding mode: +0 in each, where x - 2^31 + 2^31 would be -0
 * rounding down) */
MLOOP(fwcvtfxuz32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse64.v",
      "vsrl.vi v8, v8, 31\n\tvfwcvt.f.xu.v v24, v8, v0.t", 4)
MLOOP(fcvtfxuz32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v",
      "vsrl.vi v8, v8, 31\n\tvfcvt.f.xu.v v24, v8", 4)
MLOOP(fncvtff32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle64.v", "vse32.v",
      "vsetvli zero, zero, e64, m2, ta, mu\n\tvle64.v v8, (%[pa])\n\tvfmul.vv v8, v8, v8\n\t"
      "vsetvli zero, zero, e32, m1, ta, mu\n\tvfncvt.f.f.w v24, v8, v0.t",
      4)
MLOOP(fncvtff32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle64.v", "vse32.v",
      "vsetvli zero, zero, e64, m4, ta, mu\n\tvle64.v v8, (%[pa])\n\tvsetvli zero, zero, e32, m2, ta, mu\n\t"
      "vfncvt.f.f.w v8, v8\n\tvmv.v.v v24, v8",
      4)
/* gathers within registers: indexes in and out of range, a scalar and an immediate one, a reversal */
MLOOP(gather32m1vv, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v",
      "vand.vi v16, v16, 7\n\tvrgather.vv v24, v8, v16, v0.t", 4)
MLOOP(gather8m2vv, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vse8.v",
      "li t0, 63\n\tvand.vx v16, v16, t0\n\tvrgather.vv v24, v8, v16, v0.t", 1)
MLOOP(gather16mf2vx, "vsetvli %[vl], %[n], e16, mf2, tu, mu", "vle16.v", "vse16.v",
      "andi t0, %[x], 7\n\tvrgather.vx v24, v8, t0", 2)
MLOOP(gather64m2vi, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vse64.v", "vrgather.vi v24, v8, 3, v0.t", 8)
MLOOP(gather32m2vi, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v", "vrgather.vi v24, v8, 9", 4)
MLOOP(gather16m1vxbig, "vsetvli %[vl], %[n], e16, m1, ta, mu", "vle16.v", "vse16.v", "vrgather.vx v24, v8, %[x]", 2)
MLOOP(gather32m4vv, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse32.v",
      "li t0, 31\n\tvand.vx v16, v16, t0\n\tvrgather.vv v24, v8, v16, v0.t", 4)
MLOOP(gather8m4vx, "vsetvli %[vl], %[n], e8, m4, ta, mu", "vle8.v", "vse8.v",
      "andi t0, %[x], 63\n\tvrgather.vx v24, v8, t0", 1)
MLOOP(gather16m4vv, "vsetvli %[vl], %[n], e16, m4, ta, mu", "vle16.v", "vse16.v",
      "li t0, 63\n\tvand.vx v16, v16, t0\n\tvrgather.vv v24, v8, v16", 2)
MLOOP(gather64m4vi, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vse64.v", "vrgather.vi v24, v8, 5, v0.t", 8)
MLOOP(reverse32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v",
      "vid.v v16\n\tvrsub.vi v16, v16, 3\n\tvrgather.vv v24, v8, v16", 4)
/* averaging adds (vxrm rnu, and rdn: the interpreter's) */
MLOOP(aaddu8m2, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vse8.v", "vaaddu.vv v24, v8, v16, v0.t", 1)
MLOOP(aadd8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vse8.v", "vaadd.vv v24, v8, v16", 1)
MLOOP(aaddu16m1x, "vsetvli %[vl], %[n], e16, m1, ta, mu", "vle16.v", "vse16.v", "vaaddu.vx v24, v8, %[x], v0.t", 2)
MLOOP(aadd16mf2x, "vsetvli %[vl], %[n], e16, mf2, tu, mu", "vle16.v", "vse16.v", "vaadd.vx v24, v8, %[x]", 2)
MLOOP(aadd16rdn, "vsetvli %[vl], %[n], e16, m2, ta, mu", "vle16.v", "vse16.v",
      "csrwi vxrm, 2\n\tvaadd.vv v24, v8, v16\n\tcsrwi vxrm, 0", 2)
/* byte shifts */
MLOOP(sll8m1vi, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vse8.v", "vsll.vi v24, v8, 3, v0.t", 1)
MLOOP(srl8m4vx, "vsetvli %[vl], %[n], e8, m4, ta, mu", "vle8.v", "vse8.v", "vsrl.vx v24, v8, %[x]", 1)
MLOOP(sll8mf2vx, "vsetvli %[vl], %[n], e8, mf2, tu, mu", "vle8.v", "vse8.v", "vsll.vx v24, v8, %[x], v0.t", 1)
MLOOP(srl8m8vi, "vsetvli %[vl], %[n], e8, m8, ta, ma", "vle8.v", "vse8.v", "vsrl.vi v24, v8, 7", 1)
/* Zvbb, as .insn (binutils 2.40 does not know it): vandn, vrol/vror, vrev8, vbrev8, vbrev, vclz,
 * vctz, vcpop.v */
MLOOP(andn8m2, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vse8.v", ".insn r 0x57, 0, 0x02, x24, x16, x8", 1)
MLOOP(andn64m1x, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", ".insn r 0x57, 4, 0x03, x24, %[x], x8",
      8)
MLOOP(rol32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v", ".insn r 0x57, 0, 0x2b, x24, x16, x8", 4)
MLOOP(ror64m1x, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", ".insn r 0x57, 4, 0x28, x24, %[x], x8", 8)
MLOOP(ror32m4i, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse32.v", ".insn r 0x57, 3, 0x29, x24, x13, x8", 4)
MLOOP(rev8e32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v", ".insn r 0x57, 2, 0x25, x24, x9, x8", 4)
MLOOP(rev8e8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vse8.v", ".insn r 0x57, 2, 0x24, x24, x9, x8", 1)
MLOOP(brev8e16m2, "vsetvli %[vl], %[n], e16, m2, ta, mu", "vle16.v", "vse16.v", ".insn r 0x57, 2, 0x24, x24, x8, x8", 2)
MLOOP(brev64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", ".insn r 0x57, 2, 0x25, x24, x10, x8", 8)
MLOOP(brev16mf2, "vsetvli %[vl], %[n], e16, mf2, tu, mu", "vle16.v", "vse16.v", ".insn r 0x57, 2, 0x24, x24, x10, x8",
      2)
MLOOP(clz32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v",
      "vsrl.vx v8, v8, %[x]\n\t.insn r 0x57, 2, 0x24, x24, x12, x8", 4)
MLOOP(ctz8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vse8.v",
      "vsll.vi v8, v8, 3\n\t.insn r 0x57, 2, 0x25, x24, x13, x8", 1)
MLOOP(ctz64m4, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vse64.v",
      "vsll.vx v8, v8, %[x]\n\t.insn r 0x57, 2, 0x24, x24, x13, x8", 8)
MLOOP(cpop16mf2, "vsetvli %[vl], %[n], e16, mf2, tu, mu", "vle16.v", "vse16.v", ".insn r 0x57, 2, 0x24, x24, x14, x8",
      2)
MLOOP(cpop64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", ".insn r 0x57, 2, 0x25, x24, x14, x8", 8)
MLOOP(brev8e8m4, "vsetvli %[vl], %[n], e8, m4, tu, mu", "vle8.v", "vse8.v", ".insn r 0x57, 2, 0x24, x24, x8, x8", 1)
MLOOP(brev32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v", ".insn r 0x57, 2, 0x24, x24, x10, x8", 4)
MLOOP(clz8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vse8.v",
      "vsrl.vx v8, v8, %[x]\n\t.insn r 0x57, 2, 0x24, x24, x12, x8", 1)
MLOOP(clz16m4, "vsetvli %[vl], %[n], e16, m4, tu, mu", "vle16.v", "vse16.v",
      "vsrl.vx v8, v8, %[x]\n\t.insn r 0x57, 2, 0x25, x24, x12, x8", 2)
MLOOP(clz64m2, "vsetvli %[vl], %[n], e64, m2, ta, mu", "vle64.v", "vse64.v",
      "vsrl.vx v8, v8, %[x]\n\t.insn r 0x57, 2, 0x24, x24, x12, x8", 8)
/* shifts by each element's own amount (masked to SEW's bits), arithmetic ones of negatives */
MLOOP(sllvv32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v", "vsll.vv v24, v8, v16, v0.t", 4)
MLOOP(srlvv64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", "vsrl.vv v24, v8, v16", 8)
MLOOP(sravv64m4, "vsetvli %[vl], %[n], e64, m4, tu, mu", "vle64.v", "vse64.v", "vsra.vv v24, v8, v16, v0.t", 8)
MLOOP(sravv32mf2, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle32.v", "vse32.v", "vsra.vv v24, v8, v16", 4)
MLOOP(srlvv32m8, "vsetvli %[vl], %[n], e32, m8, ta, ma", "vle32.v", "vse32.v", "vsrl.vv v24, v8, v16, v0.t", 4)
/* leading zeros of single set bits: each shift of the smearing needed */
#define ONE_BIT "vmv.v.i v8, 1\n\tvsll.vv v8, v8, v12\n\t"
MLOOP(clzbit16m4, "vsetvli %[vl], %[n], e16, m4, ta, mu", "vle16.v", "vse16.v",
      "vsrl.vi v12, v8, 12\n\t" ONE_BIT ".insn r 0x57, 2, 0x24, x24, x12, x8", 2)
MLOOP(clzbit32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v",
      "vsrl.vi v12, v8, 27\n\t" ONE_BIT ".insn r 0x57, 2, 0x25, x24, x12, x8", 4)
MLOOP(clzbit64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v",
      "vsrl.vi v12, v8, 31\n\tvsrl.vi v12, v12, 27\n\t" ONE_BIT ".insn r 0x57, 2, 0x24, x24, x12, x8", 8)
MLOOP(ctz16m8, "vsetvli %[vl], %[n], e16, m8, ta, mu", "vle16.v", "vse16.v",
      "vsll.vx v8, v8, %[x]\n\t.insn r 0x57, 2, 0x24, x24, x13, x8", 2)
MLOOP(ctz32mf2, "vsetvli %[vl], %[n], e32, mf2, tu, mu", "vle32.v", "vse32.v",
      "vsll.vx v8, v8, %[x]\n\t.insn r 0x57, 2, 0x25, x24, x13, x8", 4)
MLOOP(cpop8m2, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vse8.v", ".insn r 0x57, 2, 0x24, x24, x14, x8", 1)
MLOOP(cpop32m4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse32.v", ".insn r 0x57, 2, 0x25, x24, x14, x8", 4)
/* vcompress by a compare's mask and by v0's */
MLOOP(compress32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse32.v",
      "vmslt.vx v4, v8, %[x]\n\tvcompress.vm v24, v8, v4", 4)
MLOOP(compress8m2, "vsetvli %[vl], %[n], e8, m2, tu, mu", "vle8.v", "vse8.v",
      "vmsltu.vx v4, v8, %[x]\n\tvcompress.vm v24, v8, v4", 1)
MLOOP(compress64m4, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vse64.v", "vcompress.vm v24, v8, v0", 8)
MLOOP(compress16mf2, "vsetvli %[vl], %[n], e16, mf2, tu, mu", "vle16.v", "vse16.v", "vcompress.vm v24, v8, v0", 2)
MLOOP(compress8m8, "vsetvli %[vl], %[n], e8, m8, tu, mu", "vle8.v", "vse8.v", "vcompress.vm v24, v8, v0", 1)
MLOOP(compress16m8, "vsetvli %[vl], %[n], e16, m8, ta, mu", "vle16.v", "vse16.v",
      "vmsgtu.vx v4, v8, %[x]\n\tvcompress.vm v24, v8, v4", 2)
/* widening FP arithmetic (F to D) */
MLOOP(fwadd32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse64.v", "vfwadd.vv v24, v8, v16, v0.t", 4)
MLOOP(fwsub32m2f, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse64.v",
      "fmv.w.x ft0, %[x]\n\tvfwsub.vf v24, v8, ft0", 4)
MLOOP(fwmul32mf2, "vsetvli %[vl], %[n], e32, mf2, tu, mu", "vle32.v", "vse64.v", "vfwmul.vv v24, v8, v16, v0.t", 4)
MLOOP(fwaddw32m1, "vsetvli %[vl], %[n], e32, m1, ta, mu", "vle32.v", "vse64.v",
      "vsetvli zero, zero, e64, m2, ta, mu\n\tvle64.v v24, (%[pc])\n\tvsetvli zero, zero, e32, m1, ta, mu\n\t"
      "vfwadd.wv v24, v24, v8, v0.t",
      4)
MLOOP(fwsubw32m2f, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse64.v",
      "vsetvli zero, zero, e64, m4, ta, mu\n\tvle64.v v24, (%[pc])\n\tvsetvli zero, zero, e32, m2, ta, mu\n\t"
      "fmv.w.x ft0, %[x]\n\tvfwsub.wf v24, v24, ft0",
      4)
/* saturating adds and subtracts, vxsat added into each pass's result */
#define SAT(op) "csrwi vxsat, 0\n\t" op "\n\tcsrr t0, vxsat\n\tvadd.vx v24, v24, t0"
MLOOP(saddu8m2, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vse8.v", SAT("vsaddu.vv v24, v8, v16, v0.t"), 1)
MLOOP(sadd8m1x, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vse8.v", SAT("vsadd.vx v24, v8, %[x]"), 1)
MLOOP(ssubu16m4, "vsetvli %[vl], %[n], e16, m4, ta, mu", "vle16.v", "vse16.v", SAT("vssubu.vv v24, v8, v16"), 2)
MLOOP(ssub16mf2x, "vsetvli %[vl], %[n], e16, mf2, tu, mu", "vle16.v", "vse16.v", SAT("vssub.vx v24, v8, %[x], v0.t"), 2)
MLOOP(saddu16m1i, "vsetvli %[vl], %[n], e16, m1, ta, mu", "vle16.v", "vse16.v", SAT("vsaddu.vi v24, v8, -3"), 2)
MLOOP(sadd8m8i, "vsetvli %[vl], %[n], e8, m8, ta, ma", "vle8.v", "vse8.v", SAT("vsadd.vi v24, v8, 15"), 1)
/* byte multiplies */
MLOOP(mul8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vse8.v", "vmul.vv v24, v8, v16, v0.t", 1)
MLOOP(mul8m4x, "vsetvli %[vl], %[n], e8, m4, ta, mu", "vle8.v", "vse8.v", "vmul.vx v24, v8, %[x]", 1)
MLOOP(mul8mf2, "vsetvli %[vl], %[n], e8, mf2, tu, mu", "vle8.v", "vse8.v", "vmul.vv v24, v8, v16", 1)
MLOOP(macc8m2, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vse8.v", "vmacc.vv v24, v8, v16, v0.t", 1)
MLOOP(nmsac8m1x, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vse8.v", "vnmsac.vx v24, %[x], v8", 1)
MLOOP(madd8m4, "vsetvli %[vl], %[n], e8, m4, ta, mu", "vle8.v", "vse8.v", "vmadd.vv v24, v8, v16", 1)
MLOOP(nmsub8mf2x, "vsetvli %[vl], %[n], e8, mf2, tu, mu", "vle8.v", "vse8.v", "vnmsub.vx v24, %[x], v16, v0.t", 1)
/* widening integer sums */
MLOOP(wredsum8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vse8.v", "vwredsum.vs v24, v8, v16, v0.t", 1)
MLOOP(wredsumu16m2, "vsetvli %[vl], %[n], e16, m2, ta, mu", "vle16.v", "vse16.v", "vwredsumu.vs v24, v8, v16", 2)
MLOOP(wredsum32m4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vse32.v", "vwredsum.vs v24, v8, v16, v0.t", 4)
MLOOP(wredsumu8mf2, "vsetvli %[vl], %[n], e8, mf2, ta, mu", "vle8.v", "vse8.v", "vwredsumu.vs v24, v8, v16", 1)
/* set-before/including/only-first on a compare's mask (vd's bits past vl kept: stored with vsm.v) */
MLOOP(msbf8m1, "vsetvli %[vl], %[n], e8, m1, ta, mu", "vle8.v", "vsm.v", TWO_MASKS "vmsbf.m v24, v4, v0.t", 1)
MLOOP(msif32m4, "vsetvli %[vl], %[n], e32, m4, ta, mu", "vle32.v", "vsm.v", TWO_MASKS "vmsif.m v24, v5", 4)
MLOOP(msof16m8, "vsetvli %[vl], %[n], e16, m8, ta, mu", "vle16.v", "vsm.v", TWO_MASKS "vmsof.m v24, v4, v0.t", 2)
MLOOP(msbf8m8, "vsetvli %[vl], %[n], e8, m8, ta, mu", "vle8.v", "vsm.v", TWO_MASKS "vmsbf.m v24, v5", 1)
MLOOP(msif64m1, "vsetvli %[vl], %[n], e64, m1, tu, mu", "vle64.v", "vsm.v", TWO_MASKS "vmsif.m v24, v4, v0.t", 8)
/* unmasked at e8 m8 on a sparse mask (bytes equal to zero: often none in the first 64 elements, or
 * none at all) */
MLOOP(msif8m8z, "vsetvli %[vl], %[n], e8, m8, ta, mu", "vle8.v", "vsm.v", "vmseq.vi v5, v8, 0\n\tvmsif.m v24, v5", 1)
MLOOP(msbf8m8z, "vsetvli %[vl], %[n], e8, m8, ta, mu", "vle8.v", "vsm.v", "vmseq.vi v5, v8, 0\n\tvmsbf.m v24, v5", 1)
MLOOP(msof8m8z, "vsetvli %[vl], %[n], e8, m8, ta, mu", "vle8.v", "vsm.v", "vmseq.vi v5, v8, 0\n\tvmsof.m v24, v5", 1)
/* a vector strcpy's last store: under a mask that vmsif, vmsbf or vmsof made (a prefix, or not) */
#define PREFIX_STORE(set, st, ld)                                                                                      \
	"vmsltu.vx v4, v8, %[x]\n\t" set " v0, v4\n\t" st " v16, (%[pc]), v0.t\n\t" ld " v24, (%[pc])"
MLOOP(sifst8m8, "vsetvli %[vl], %[n], e8, m8, ta, mu", "vle8.v", "vse8.v", PREFIX_STORE("vmsif.m", "vse8.v", "vle8.v"),
      1)
MLOOP(sbfst8m1, "vsetvli %[vl], %[n], e8, m1, ta, ma", "vle8.v", "vse8.v", PREFIX_STORE("vmsbf.m", "vse8.v", "vle8.v"),
      1)
MLOOP(sifst16m4, "vsetvli %[vl], %[n], e16, m4, tu, mu", "vle16.v", "vse16.v",
      PREFIX_STORE("vmsif.m", "vse16.v", "vle16.v"), 2)
MLOOP(sofst8m2, "vsetvli %[vl], %[n], e8, m2, ta, mu", "vle8.v", "vse8.v", PREFIX_STORE("vmsof.m", "vse8.v", "vle8.v"),
      1)
/* each word of v0 a prefix of its own 64 elements, the group's not (word 1 has some, word 0 not all) */
MLOOP(wordsst8m8, "vsetvli %[vl], %[n], e8, m8, ta, mu", "vle8.v", "vse8.v",
      "vid.v v24\n\tvsll.vi v24, v24, 2\n\tvmsleu.vi v0, v24, 15\n\tvse8.v v16, (%[pc]), v0.t\n\tvle8.v v24, (%[pc])",
      1)
MLOOP(st8mf2, "vsetvli %[vl], %[n], e8, mf2, ta, mu", "vle8.v", "vse8.v",
      "vse8.v v8, (%[pc]), v0.t\n\tvle8.v v24, (%[pc])", 1)
/* FP sums in element order (ordered and unordered), with sNaNs in inactive elements */
MLOOP(fredosum32m2, "vsetvli %[vl], %[n], e32, m2, ta, mu", "vle32.v", "vse32.v", "vfredosum.vs v24, v8, v16, v0.t", 4)
MLOOP(fredusum64m4, "vsetvli %[vl], %[n], e64, m4, ta, mu", "vle64.v", "vse64.v", "vfredusum.vs v24, v8, v16", 8)
MLOOP(fredosum32mf2, "vsetvli %[vl], %[n], e32, mf2, ta, mu", "vle32.v", "vse32.v", "vfredosum.vs v24, v8, v16, v0.t",
      4)
MLOOP(fredusum64m1, "vsetvli %[vl], %[n], e64, m1, ta, mu", "vle64.v", "vse64.v", "vfredusum.vs v24, v8, v16, v0.t", 8)
MLOOP(fixed32, "vsetivli %[vl], 3, e32, m1, ta, mu", "vle32.v", "vse32.v", "vadd.vv v24, v8, v16, v0.t", 4)
MLOOP(fixed16, "vsetivli %[vl], 13, e16, m2, ta, mu", "vle16.v", "vse16.v", "vsub.vv v24, v8, v16", 2)

static const struct {
	const char *name;
	void (*fn)(size_t, uint64_t);
	int fp; /* element bytes of a float operation, 0 for integers (1: integers under each rounding mode) */
} loops[] = {
    {"add8m1", add8m1, 0},
    {"xor8m8", xor8m8, 0},
    {"and8mf2", and8mf2, 0},
    {"or8mf8", or8mf8, 0},
    {"ld8m4", ld8m4, 0},
    {"sub16m2", sub16m2, 0},
    {"mul16mf2", mul16mf2, 0},
    {"and16m4", and16m4, 0},
    {"macc16m1", macc16m1, 0},
    {"sll16m8", sll16m8, 0},
    {"st16m2", st16m2, 0},
    {"add32m1", add32m1, 0},
    {"rsub32m2", rsub32m2, 0},
    {"mul32m8", mul32m8, 0},
    {"nmsac32m4", nmsac32m4, 0},
    {"sra32mf2", sra32mf2, 0},
    {"srl32m2", srl32m2, 0},
    {"fadd32m1", fadd32m1, 4},
    {"fmul32m4", fmul32m4, 4},
    {"fdiv32mf2", fdiv32mf2, 4},
    {"fmacc32m2", fmacc32m2, 4},
    {"fnmsub32m8", fnmsub32m8, 4},
    {"fmv32m1", fmv32m1, 4},
    {"add64m2", add64m2, 0},
    {"sll64m8", sll64m8, 0},
    {"mv64m4", mv64m4, 0},
    {"fsub64m1", fsub64m1, 8},
    {"fmsac64m4", fmsac64m4, 8},
    {"fmadd64m8", fmadd64m8, 8},
    {"ld64m2", ld64m2, 0},
    {"min8m2", min8m2, 0},
    {"maxu16m1", maxu16m1, 0},
    {"max32mf2", max32mf2, 0},
    {"minu32m4", minu32m4, 0},
    {"min64m4", min64m4, 0},
    {"maxu64m1", maxu64m1, 0},
    {"waddu8m1", waddu8m1, 0},
    {"wmul8m2", wmul8m2, 0},
    {"wmacc8m4", wmacc8m4, 0},
    {"wadd16m2", wadd16m2, 0},
    {"wsubu16m4", wsubu16m4, 0},
    {"wmacc16m1", wmacc16m1, 0},
    {"wsub32mf2", wsub32mf2, 0},
    {"wmulu32m1", wmulu32m1, 0},
    {"wmul32m4", wmul32m4, 0},
    {"wmaccu32mf2", wmaccu32mf2, 0},
    {"wadd32m2w", wadd32m2w, 0},
    {"nsrl8m1", nsrl8m1, 0},
    {"nsra16m2", nsra16m2, 0},
    {"nsrl32mf2", nsrl32mf2, 0},
    {"nsra32m4", nsra32m4, 0},
    {"nsra8mf2", nsra8mf2, 0},
    {"nsrl8m4", nsrl8m4, 0},
    {"nsrl16mf4", nsrl16mf4, 0},
    {"nsra16m1", nsra16m1, 0},
    {"nsrl32m2", nsrl32m2, 0},
    {"nsra32mf2", nsra32mf2, 0},
    {"nsra32m1x", nsra32m1x, 0},
    {"nsrl16m2in", nsrl16m2in, 0},
    {"ncvt16m1", ncvt16m1, 0},
    {"merge8m2", merge8m2, 0},
    {"merge16mf2", merge16mf2, 0},
    {"merge32m1", merge32m1, 0},
    {"merge8m1tu", merge8m1tu, 0},
    {"merge32mf2tu", merge32mf2tu, 0},
    {"merge16m2tu", merge16m2tu, 0},
    {"merge64m4", merge64m4, 0},
    {"cmplt8m4", cmplt8m4, 0},
    {"cmpeq8m8", cmpeq8m8, 0},
    {"cmpleu16m1", cmpleu16m1, 0},
    {"cmpne16mf2", cmpne16mf2, 0},
    {"cmpgt32m2", cmpgt32m2, 0},
    {"cmple32m1", cmple32m1, 0},
    {"cmpgtu64m8", cmpgtu64m8, 0},
    {"cmpltu64m2", cmpltu64m2, 0},
    {"ifconv32m2", ifconv32m2, 0},
    {"first8m2", first8m2, 0},
    {"first32mf2", first32mf2, 0},
    {"redsum16m4", redsum16m4, 0},
    {"redsum32m1", redsum32m1, 0},
    {"redsum8mf4", redsum8mf4, 0},
    {"redsum64m8", redsum64m8, 0},
    {"redmax8m1", redmax8m1, 0},
    {"redminu16m2", redminu16m2, 0},
    {"redand32m4", redand32m4, 0},
    {"redor64m1", redor64m1, 0},
    {"redxor8m8", redxor8m8, 0},
    {"redmin64m2", redmin64m2, 0},
    {"redmaxu32mf2", redmaxu32mf2, 0},
    {"zext16vf2", zext16vf2, 0},
    {"sext32vf4", sext32vf4, 0},
    {"sext64vf2", sext64vf2, 0},
    {"zext64vf8", zext64vf8, 0},
    {"id8m2", id8m2, 0},
    {"id16m8", id16m8, 0},
    {"id64mf1", id64mf1, 0},
    {"cpop8m8", cpop8m8, 0},
    {"cpop32m1", cpop32m1, 0},
    {"fcmplt32m2", fcmplt32m2, 4},
    {"fcmpeq64m1", fcmpeq64m1, 8},
    {"fcmpne32mf2", fcmpne32mf2, 4},
    {"fcmpgt64m4", fcmpgt64m4, 8},
    {"fcmple32m8", fcmple32m8, 4},
    {"fcmpge32m1", fcmpge32m1, 4},
    {"fmvvf32m2", fmvvf32m2, 0},
    {"fmvvf64mf1", fmvvf64mf1, 0},
    {"fmvfs32m1", fmvfs32m1, 0},
    {"fmvfs64m4", fmvfs64m4, 0},
    {"mand8m8", mand8m8, 0},
    {"mandn16m1", mandn16m1, 0},
    {"mor32m2", mor32m2, 0},
    {"morn64m1", morn64m1, 0},
    {"mxor8m1", mxor8m1, 0},
    {"mnand16m4", mnand16m4, 0},
    {"mnor32mf2", mnor32mf2, 0},
    {"mxnor8m2", mxnor8m2, 0},
    {"sdown8m1", sdown8m1, 0},
    {"sdown16m4i", sdown16m4i, 0},
    {"sdown32mf2", sdown32mf2, 0},
    {"sup32m2", sup32m2, 0},
    {"sup64m8i", sup64m8i, 0},
    {"sup8m8x", sup8m8x, 0},
    {"s1down16m1", s1down16m1, 0},
    {"s1up32m4", s1up32m4, 0},
    {"fs1down64m2", fs1down64m2, 0},
    {"fs1up32m1", fs1up32m1, 0},
    {"mul64m2", mul64m2, 0},
    {"mul64m4x", mul64m4x, 0},
    {"mul64m1", mul64m1, 0},
    {"macc64m1", macc64m1, 0},
    {"madd64m4", madd64m4, 0},
    {"nmsub64m8", nmsub64m8, 0},
    {"fcvtxf32m2", fcvtxf32m2, 4},
    {"fcvtxf32big", fcvtxf32big, 4},
    {"fcvtrtzxuf32m1", fcvtrtzxuf32m1, 4},
    {"fcvtxuf32m4", fcvtxuf32m4, 4},
    {"fcvtfx32m4", fcvtfx32m4, 4},
    {"fcvtfxu32mf2", fcvtfxu32mf2, 4},
    {"fcvtfxu64m2", fcvtfxu64m2, 8},
    {"fcvtfx64m1", fcvtfx64m1, 8},
    {"fcvtxf64m1", fcvtxf64m1, 8},
    {"fcvtrtzxf64m4", fcvtrtzxf64m4, 8},
    {"fcvtrtzxuf64m2", fcvtrtzxuf64m2, 8},
    {"fmin32m2", fmin32m2, 4},
    {"fmax64m1", fmax64m1, 8},
    {"fmaxz32m1", fmaxz32m1, 4},
    {"fminz64m1", fminz64m1, 8},
    {"sgnj32m4", sgnj32m4, 4},
    {"sgnjn64m2", sgnjn64m2, 8},
    {"sgnjx32mf2", sgnjx32mf2, 4},
    {"fabs64m8", fabs64m8, 8},
    {"fredmax32m2", fredmax32m2, 4},
    {"fredmin64m4", fredmin64m4, 8},
    {"fredmax32mf2", fredmax32mf2, 4},
    {"fredminz32m1", fredminz32m1, 4},
    {"fredmaxz64m2", fredmaxz64m2, 8},
    {"fmvsf32m1", fmvsf32m1, 4},
    {"fmvsf64m2", fmvsf64m2, 8},
    {"fwcvtff32m1", fwcvtff32m1, 4},
    {"fwcvtff32m4", fwcvtff32m4, 4},
    {"fwcvtfx32m2", fwcvtfx32m2, 0},
    {"fwcvtfxu32mf2", fwcvtfxu32mf2, 0},
    {"fwcvtfx16m1", fwcvtfx16m1, 0},
    {"fwcvtfxu16m4", fwcvtfxu16m4, 0},
    {"fwcvtfxuz32m1", fwcvtfxuz32m1, 1},
    {"fcvtfxuz32m2", fcvtfxuz32m2, 1},
    {"fncvtff32m1", fncvtff32m1, 8},
    {"fncvtff32m2", fncvtff32m2, 8},
    {"gather32m1vv", gather32m1vv, 0},
    {"gather8m2vv", gather8m2vv, 0},
    {"gather16mf2vx", gather16mf2vx, 0},
    {"gather64m2vi", gather64m2vi, 0},
    {"gather32m2vi", gather32m2vi, 0},
    {"gather16m1vxbig", gather16m1vxbig, 0},
    {"gather32m4vv", gather32m4vv, 0},
    {"gather8m4vx", gather8m4vx, 0},
    {"gather16m4vv", gather16m4vv, 0},
    {"gather64m4vi", gather64m4vi, 0},
    {"reverse32m1", reverse32m1, 0},
    {"aaddu8m2", aaddu8m2, 0},
    {"aadd8m1", aadd8m1, 0},
    {"aaddu16m1x", aaddu16m1x, 0},
    {"aadd16mf2x", aadd16mf2x, 0},
    {"aadd16rdn", aadd16rdn, 0},
    {"sll8m1vi", sll8m1vi, 0},
    {"srl8m4vx", srl8m4vx, 0},
    {"sll8mf2vx", sll8mf2vx, 0},
    {"srl8m8vi", srl8m8vi, 0},
    {"andn8m2", andn8m2, 0},
    {"andn64m1x", andn64m1x, 0},
    {"rol32m2", rol32m2, 0},
    {"ror64m1x", ror64m1x, 0},
    {"ror32m4i", ror32m4i, 0},
    {"rev8e32m1", rev8e32m1, 0},
    {"rev8e8m1", rev8e8m1, 0},
    {"brev8e16m2", brev8e16m2, 0},
    {"brev64m1", brev64m1, 0},
    {"brev16mf2", brev16mf2, 0},
    {"clz32m2", clz32m2, 0},
    {"ctz8m1", ctz8m1, 0},
    {"ctz64m4", ctz64m4, 0},
    {"cpop16mf2", cpop16mf2, 0},
    {"cpop64m1", cpop64m1, 0},
    {"brev8e8m4", brev8e8m4, 0},
    {"brev32m2", brev32m2, 0},
    {"clz8m1", clz8m1, 0},
    {"clz16m4", clz16m4, 0},
    {"clz64m2", clz64m2, 0},
    {"clzbit16m4", clzbit16m4, 0},
    {"clzbit32m2", clzbit32m2, 0},
    {"clzbit64m1", clzbit64m1, 0},
    {"sllvv32m2", sllvv32m2, 0},
    {"srlvv64m1", srlvv64m1, 0},
    {"sravv64m4", sravv64m4, 0},
    {"sravv32mf2", sravv32mf2, 0},
    {"srlvv32m8", srlvv32m8, 0},
    {"ctz16m8", ctz16m8, 0},
    {"ctz32mf2", ctz32mf2, 0},
    {"cpop8m2", cpop8m2, 0},
    {"cpop32m4", cpop32m4, 0},
    {"compress32m1", compress32m1, 0},
    {"compress8m2", compress8m2, 0},
    {"compress64m4", compress64m4, 0},
    {"compress8m8", compress8m8, 0},
    {"compress16m8", compress16m8, 0},
    {"compress16mf2", compress16mf2, 0},
    {"fwadd32m1", fwadd32m1, 4},
    {"fwsub32m2f", fwsub32m2f, 4},
    {"fwmul32mf2", fwmul32mf2, 4},
    {"fwaddw32m1", fwaddw32m1, 4},
    {"fwaddw32m1-snan", fwaddw32m1, 8},
    {"fwsubw32m2f", fwsubw32m2f, 4},
    {"saddu8m2", saddu8m2, 0},
    {"sadd8m1x", sadd8m1x, 0},
    {"ssubu16m4", ssubu16m4, 0},
    {"ssub16mf2x", ssub16mf2x, 0},
    {"saddu16m1i", saddu16m1i, 0},
    {"sadd8m8i", sadd8m8i, 0},
    {"mul8m1", mul8m1, 0},
    {"mul8m4x", mul8m4x, 0},
    {"mul8mf2", mul8mf2, 0},
    {"macc8m2", macc8m2, 0},
    {"nmsac8m1x", nmsac8m1x, 0},
    {"madd8m4", madd8m4, 0},
    {"nmsub8mf2x", nmsub8mf2x, 0},
    {"wredsum8m1", wredsum8m1, 0},
    {"wredsumu16m2", wredsumu16m2, 0},
    {"wredsum32m4", wredsum32m4, 0},
    {"wredsumu8mf2", wredsumu8mf2, 0},
    {"msbf8m1", msbf8m1, 0},
    {"msif32m4", msif32m4, 0},
    {"msof16m8", msof16m8, 0},
    {"msbf8m8", msbf8m8, 0},
    {"msif64m1", msif64m1, 0},
    {"msif8m8z", msif8m8z, 0},
    {"msbf8m8z", msbf8m8z, 0},
    {"msof8m8z", msof8m8z, 0},
    {"sifst8m8", sifst8m8, 0},
    {"sbfst8m1", sbfst8m1, 0},
    {"sifst16m4", sifst16m4, 0},
    {"sofst8m2", sofst8m2, 0},
    {"wordsst8m8", wordsst8m8, 0},
    {"st8mf2", st8mf2, 0},
    {"fredosum32m2", fredosum32m2, 4},
    {"fredusum64m4", fredusum64m4, 8},
    {"fredosum32mf2", fredosum32mf2, 4},
    {"fredusum64m1", fredusum64m1, 8},
    {"fixed32", fixed32, 0},
    {"fixed16", fixed16, 0},
};

/* FP elements: ordinary numbers, some NaNs and infinities; signaling NaNs where even bytes of the
 * mask are clear (so mostly in inactive elements) */
static void fill(uint8_t *p, int fp)
{
	for (int i = 0; i < N * 8; i += 8) {
		uint64_t v = next();
		if (fp == 4)
			v = (v & 0x807fffff807fffffull) | ((0x70ull + (v >> 56) % 32) << 23) |
			    ((0x70ull + (v >> 48) % 32) << 55);
		else if (fp == 8)
			v = (v & 0x800fffffffffffffull) | ((0x3f0ull + (v >> 52) % 32) << 52);
		if (fp && (v & 15) == 0)
			v = fp == 4 ? 0x7fa000017f800001ull : 0x7ff4000000000001ull; /* signaling NaNs */
		memcpy(p + i, &v, 8);
	}
}

static sigjmp_buf trap;
static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	printf("signal %d at page offset %ld\n", sig, sig == SIGSEGV ? (long)((uintptr_t)si->si_addr & 4095) : 0);
	siglongjmp(trap, 1);
}

/* Loads and stores near an unmapped page: a loop whose last pass ends at it, and single masked
 * accesses whose inactive elements lie in it */
static void page_end(void)
{
	long page = sysconf(_SC_PAGESIZE);
	uint8_t *m = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint8_t *end = m + page;
	struct sigaction sa;
	size_t vl, n = 37, sum = 0;
	munmap(end, (size_t)page);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	for (size_t i = 0; i < (size_t)page; i++)
		m[i] = (uint8_t)(i * 7);
	if (!sigsetjmp(trap, 1)) { /* 37 words up to the page's end, 16 at a time: the last 5 */
		uint8_t *p = end - 4 * n;
		while (n > 0) {
			__asm__ volatile("vsetvli %0, %1, e32, m4, ta, ma\n\tvle32.v v8, (%2)\n\tvadd.vi v8, v8, 1\n\t"
					 "vse32.v v8, (%2)"
					 : "=&r"(vl)
					 : "r"(n), "r"(p)
					 : "memory");
			n -= vl;
			p += 4 * vl;
		}
		for (size_t i = 0; i < 4 * 37; i++)
			sum = sum * 31 + end[-1 - (long)i];
		printf("loop to the page's end: %zx\n", sum);
	}
	if (!sigsetjmp(trap, 1)) { /* 16 words from 8 before the end, v0 = the first 8 */
		uint8_t bits[16] = {0xff};
		uint64_t lo;
		__asm__ volatile("vsetivli zero, 16, e32, m4, ta, mu\n\tvlm.v v0, (%1)\n\tvmv.v.i v8, 0\n\t"
				 "vle32.v v8, (%2), v0.t\n\tvadd.vi v8, v8, 3, v0.t\n\tvse32.v v8, (%2), v0.t\n\t"
				 "vmv.x.s %0, v8"
				 : "=&r"(lo)
				 : "r"(bits), "r"(end - 32)
				 : "memory");
		printf("masked at the page's end: %llx %08x\n", (unsigned long long)lo, *(uint32_t *)(end - 4));
	}
}

/* A loop with no vsetvli of its own (hoisted out of it, as compilers do where vl stays the same):
 * it runs under the vtype and vl its caller set, a short vl included, and under another vtype
 * the next time */
static __attribute__((noinline)) void hoisted_body(uint8_t *p, size_t passes, uint64_t x)
{
	for (size_t i = 0; i < passes; i++, p += 16)
		__asm__ volatile("vle8.v v8, (%0)\n\tvadd.vx v8, v8, %1\n\tvse8.v v8, (%0)"
				 :
				 : "r"(p), "r"(x)
				 : "memory");
}

static void hoisted(void)
{
	static const char *names[] = {"e8 m1 vl 16", "e8 m1 vl 5", "e8 mf2 vl 3", "e16 m1 vl 8"};
	for (int k = 0; k < 4; k++) {
		memset(c, 0x11, sizeof c);
		for (int r = 0; r < 3; r++) {
			if (k == 0)
				__asm__ volatile("vsetivli zero, 16, e8, m1, ta, ma");
			else if (k == 1)
				__asm__ volatile("vsetivli zero, 5, e8, m1, tu, mu");
			else if (k == 2)
				__asm__ volatile("vsetivli zero, 3, e8, mf2, tu, mu");
			else
				__asm__ volatile("vsetivli zero, 8, e16, m1, tu, mu");
			hoisted_body(c, 40, 3 + (uint64_t)r);
		}
		printf("hoisted vsetvli, %s: %016llx\n", names[k], (unsigned long long)fnv(c, sizeof c));
	}
}

/* Reserved encodings the translator must leave to the interpreter (which raises SIGILL as QEMU
 * does): a masked form reading v0 as a vector source, a widening form reading one register
 * with two element sizes; and one that is not: a widening form whose source is its destination
 * group's highest register */
static void reserved(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, NULL);
	if (!sigsetjmp(trap, 1)) {
		__asm__ volatile("vsetivli zero, 4, e32, m1, ta, mu\n\tvadd.vv v8, v0, v16, v0.t" ::: "memory");
		printf("masked with v0 as a source: no SIGILL\n");
	}
	if (!sigsetjmp(trap, 1)) {
		__asm__ volatile("vsetivli zero, 4, e16, m1, ta, mu\n\tvwadd.wv v8, v10, v11" ::: "memory");
		printf("widening with v11 as two sizes: no SIGILL\n");
	}
	if (!sigsetjmp(trap, 1)) {
		__asm__ volatile("vsetivli zero, 4, e16, m1, ta, mu\n\tvwadd.vv v8, v9, v10" ::: "memory");
		printf("widening into its highest register: no SIGILL\n");
	}
}

int main(void)
{
	for (unsigned k = 0; k < sizeof loops / sizeof loops[0]; k++) {
		for (int rm = 0; rm < (loops[k].fp ? 3 : 1); rm++) { /* RNE, RTZ, RDN */
			size_t counts[] = {N, 1, 19, 64};
			for (unsigned j = 0; j < 4; j++) {
				unsigned fflags;
				uint64_t x = next();
				for (unsigned i = 0; i < sizeof mask; i++)
					mask[i] = (uint8_t)(j == 3 ? 0xff : next());
				fill(a, loops[k].fp);
				fill(b, loops[k].fp);
				fill(c, loops[k].fp);
				if (loops[k].fp == 4)
					x = (x & 0x807fffff) | 0x3f000000;
				else if (loops[k].fp == 8)
					x = (x & 0x800fffffffffffffull) | 0x3ff0000000000000ull;
				__asm__ volatile("csrw frm, %0\n\tcsrw fflags, zero" : : "r"(rm));
				loops[k].fn(counts[j], x);
				__asm__ volatile("csrr %0, fflags" : "=r"(fflags));
				printf("%s rm %d n %zu: %016llx fflags %u\n", loops[k].name, rm, counts[j],
				       (unsigned long long)fnv(c, sizeof c), fflags);
			}
		}
	}
	page_end();
	hoisted();
	reserved();
	return 0;
}
