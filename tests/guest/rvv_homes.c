// Vector loops whose registers the translator keeps in host registers where it would keep them in
// the vCPU (a host with AVX2 and no AVX-512, tests/check/vlen.sh; v.c's choose_homes): the f
// registers whose host registers such a loop borrows, kept through it, and one that a form reads
// other than as .vf not borrowed; a fault in the middle of the loop (the registers at the fault,
// from the signal frame); a NaN that sends one pass's multiply-add to the interpreter; single
// registers (LMUL 1, odd and even, under a short last pass that keeps its tail); a widening
// multiply-add whose last pass blends; scalar FP in the loop beside the vectors; mask words
// written a word at a time after a helper call; a loop nest whose inner loop is a vector loop
// (the outer loop's block ends at its head); a loop of indexed accesses (a per-lane histogram),
// and its gather faulting on an unmapped page and from a base past the space; vector strlen and
// strcpy loops (a pass without a NUL tested on the homed group at once) over strings of several
// lengths, and a strcpy whose whole-group store runs into a page it may not write. Each loop is
// entered by an indirect jump, so that its first instruction begins a block. Each result's bytes
// are hashed.
// qemu: rva23
// cflags: -march=rv64gcv
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "check.h"

static uint32_t src[4096], acc[4][32];

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		h = hash_mix(h, b[i]);
	return h;
}

/* f0-f31 set, a loop over all 32 vector registers (e32 m8: every pair) that reads f2 by
 * vfmv.s.f (a .vf operand of another form), f0-f31 read back */
static uint64_t f_registers_kept(void)
{
	uint64_t fin[32], fout[32];
	for (int i = 0; i < 32; i++)
		fin[i] = 0x4000000000000000ull + (uint64_t)i * 0x0123456789abull;
	fin[2] = 0xffffffff3fc00000ull; /* 1.5f NaN-boxed, which vfmv.s.f takes */
	__asm__ volatile("fld f0, 0(%[fi])\n\tfld f1, 8(%[fi])\n\tfld f2, 16(%[fi])\n\tfld f3, 24(%[fi])\n\t"
			 "fld f4, 32(%[fi])\n\tfld f5, 40(%[fi])\n\tfld f6, 48(%[fi])\n\tfld f7, 56(%[fi])\n\t"
			 "fld f8, 64(%[fi])\n\tfld f9, 72(%[fi])\n\tfld f10, 80(%[fi])\n\tfld f11, 88(%[fi])\n\t"
			 "fld f12, 96(%[fi])\n\tfld f13, 104(%[fi])\n\tfld f14, 112(%[fi])\n\tfld f15, 120(%[fi])\n\t"
			 "fld f16, 128(%[fi])\n\tfld f17, 136(%[fi])\n\tfld f18, 144(%[fi])\n\tfld f19, 152(%[fi])\n\t"
			 "fld f20, 160(%[fi])\n\tfld f21, 168(%[fi])\n\tfld f22, 176(%[fi])\n\tfld f23, 184(%[fi])\n\t"
			 "fld f24, 192(%[fi])\n\tfld f25, 200(%[fi])\n\tfld f26, 208(%[fi])\n\tfld f27, 216(%[fi])\n\t"
			 "fld f28, 224(%[fi])\n\tfld f29, 232(%[fi])\n\tfld f30, 240(%[fi])\n\tfld f31, 248(%[fi])\n\t"
			 "vsetvli t0, zero, e32, m8, ta, ma\n\tvmv.v.i v0, 1\n\tvmv.v.i v16, 2\n\tvmv.v.i v24, 3\n\t"
			 "li t1, 300\n\t"
			 "lla t6, 1f\n\tjr t6\n\t1: vsetvli t0, %[n], e32, m8, ta, ma\n\t"
			 "vle32.v v8, (%[s])\n\tvfmv.s.f v8, f2\n\tvadd.vv v0, v0, v8\n\tvxor.vv v16, v16, "
			 "v0\n\tvsub.vv v24, v24, v16\n\t"
			 "addi t1, t1, -1\n\tbnez t1, 1b\n\t"
			 "fsd f0, 0(%[fo])\n\tfsd f1, 8(%[fo])\n\tfsd f2, 16(%[fo])\n\tfsd f3, 24(%[fo])\n\t"
			 "fsd f4, 32(%[fo])\n\tfsd f5, 40(%[fo])\n\tfsd f6, 48(%[fo])\n\tfsd f7, 56(%[fo])\n\t"
			 "fsd f8, 64(%[fo])\n\tfsd f9, 72(%[fo])\n\tfsd f10, 80(%[fo])\n\tfsd f11, 88(%[fo])\n\t"
			 "fsd f12, 96(%[fo])\n\tfsd f13, 104(%[fo])\n\tfsd f14, 112(%[fo])\n\tfsd f15, 120(%[fo])\n\t"
			 "fsd f16, 128(%[fo])\n\tfsd f17, 136(%[fo])\n\tfsd f18, 144(%[fo])\n\tfsd f19, 152(%[fo])\n\t"
			 "fsd f20, 160(%[fo])\n\tfsd f21, 168(%[fo])\n\tfsd f22, 176(%[fo])\n\tfsd f23, 184(%[fo])\n\t"
			 "fsd f24, 192(%[fo])\n\tfsd f25, 200(%[fo])\n\tfsd f26, 208(%[fo])\n\tfsd f27, 216(%[fo])\n\t"
			 "fsd f28, 224(%[fo])\n\tfsd f29, 232(%[fo])\n\tfsd f30, 240(%[fo])\n\tfsd f31, 248(%[fo])\n\t"
			 "vsetvli t0, zero, e32, m8, ta, ma\n\tvse32.v v0, (%[a0])\n\tvse32.v v16, (%[a1])\n\t"
			 "vse32.v v24, (%[a2])\n\t"
			 :
			 : [fi] "r"(fin), [fo] "r"(fout), [n] "r"((size_t)32), [s] "r"(src), [a0] "r"(acc[0]),
			   [a1] "r"(acc[1]), [a2] "r"(acc[2])
			 : "t0", "t6", "t1", "memory", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9",
			   "f10", "f11", "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21", "f22",
			   "f23", "f24", "f25", "f26", "f27", "f28", "f29", "f30", "f31");
	for (int i = 0; i < 32; i++)
		if (fout[i] != fin[i])
			printf("f%d changed: %016llx\n", i, (unsigned long long)fout[i]);
	return hash_bytes(0, acc, 3 * sizeof acc[0]);
}

/* vfmv.s.f (a form that reads its f register other than as .vf) into a register the loop keeps in
 * the vCPU, beside thirteen pairs (e32 m1) that it keeps in host registers: f2's host register is
 * not one of theirs */
static uint64_t fp_operand_kept(void)
{
	static uint32_t out[32][4];
	__asm__ volatile("vsetvli t0, zero, e32, m1, ta, ma\n\tvle32.v v0, (%[s])\n\tvle32.v v1, (%[s])\n\t"
			 "li t1, 0x3fc00000\n\tfmv.w.x f2, t1\n\tli t1, 5\n\tlla t6, 1f\n\tjr t6\n\t"
			 "1: vsetvli t0, zero, e32, m1, ta, ma\n\t"
			 "vadd.vv v0, v0, v1\n\tvadd.vv v2, v2, v3\n\tvadd.vv v4, v4, v5\n\tvadd.vv v6, v6, v7\n\t"
			 "vadd.vv v8, v8, v9\n\tvadd.vv v10, v10, v11\n\tvadd.vv v12, v12, v13\n\t"
			 "vadd.vv v14, v14, v15\n\tvadd.vv v16, v16, v17\n\tvadd.vv v18, v18, v19\n\t"
			 "vadd.vv v20, v20, v21\n\tvadd.vv v22, v22, v23\n\tvadd.vv v24, v24, v25\n\t"
			 "vfmv.s.f v30, f2\n\taddi t1, t1, -1\n\tbnez t1, 1b\n\t"
			 "vsetvli t0, zero, e32, m8, ta, ma\n\tvse32.v v0, (%[o])\n\taddi t1, %[o], 128\n\t"
			 "vse32.v v8, (t1)\n\taddi t1, t1, 128\n\tvse32.v v16, (t1)\n\taddi t1, t1, 128\n\t"
			 "vse32.v v24, (t1)"
			 :
			 : [s] "r"(src), [o] "r"(out)
			 : "t0", "t1", "t6", "f2", "memory");
	return hash_bytes(0, out, sizeof out);
}

/* Unsigned compares into masks (their words written through the homes) after a helper call
 * (fsqrt.d with a static rounding mode), which leaves vl unknown to the code after it: the
 * compares take the tail's path, a word at a time, with the sign flip's constants in xmm1-2 */
static uint64_t mask_words_after_helper(void)
{
	static uint8_t out[32][16];
	__asm__ volatile("vsetvli t0, zero, e8, m8, ta, ma\n\tvle8.v v0, (%[s])\n\taddi t1, %[s], 128\n\t"
			 "vle8.v v8, (t1)\n\taddi t1, t1, 128\n\tvle8.v v24, (t1)\n\tli t2, 100\n\tli t1, 3\n\t"
			 "lla t6, 1f\n\tjr t6\n\t"
			 "1: vsetvli t4, zero, e8, m8, tu, ma\n\tfsqrt.d fa7, fs11, rtz\n\t"
			 "vmsgtu.vx v31, v0, t2\n\tvmsltu.vv v5, v8, v24\n\taddi t1, t1, -1\n\tbnez t1, 1b\n\t"
			 "vsetvli t0, zero, e8, m8, ta, ma\n\tvse8.v v0, (%[o])\n\taddi t1, %[o], 128\n\t"
			 "vse8.v v8, (t1)\n\taddi t1, t1, 128\n\tvse8.v v16, (t1)\n\taddi t1, t1, 128\n\t"
			 "vse8.v v24, (t1)"
			 :
			 : [s] "r"(src), [o] "r"(out)
			 : "t0", "t1", "t2", "t4", "t6", "fa7", "memory");
	return hash_bytes(0, out, sizeof out);
}

static sigjmp_buf recover;
static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	siglongjmp(recover, 1);
}

/* An accumulating loop that runs into a page it may not read: v16 and v8 as the fault left them
 * (the passes before it done), and the pointer the faulting pass had */
static int fault_in_loop(uint64_t *h)
{
	uint8_t *pages = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct sigaction sa;
	static uint32_t v16[32], v8[32];
	static uint8_t *volatile at;
	CHECK(pages != MAP_FAILED);
	for (int i = 0; i < 2 * 1024; i++)
		((uint32_t *)pages)[i] = (uint32_t)i * 2654435761u;
	CHECK(mprotect(pages + 2 * 4096, 4096, PROT_NONE) == 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
	at = pages;
	if (!sigsetjmp(recover, 1)) {
		uint8_t *p = pages;
		__asm__ volatile("vsetvli t0, zero, e32, m4, ta, ma\n\tvmv.v.i v16, 5\n\t"
				 "lla t6, 1f\n\tjr t6\n\t1: vsetvli t0, %[n], e32, m4, tu, ma\n\t"
				 "vle32.v v8, (%[p])\n\tvmacc.vv v16, v8, v8\n\tvadd.vv v16, v16, v8\n\t"
				 "slli t1, t0, 2\n\tadd %[p], %[p], t1\n\tsd %[p], 0(%[at])\n\tbnez t0, 1b\n\t"
				 : [p] "+r"(p)
				 : [n] "r"((size_t)1000000), [at] "r"(&at)
				 : "t0", "t6", "t1", "memory");
	}
	__asm__ volatile("vsetvli t0, zero, e32, m4, ta, ma\n\tvse32.v v16, (%0)\n\tvse32.v v8, (%1)"
			 :
			 : "r"(v16), "r"(v8)
			 : "t0", "memory");
	*h = hash_bytes(hash_bytes((uint64_t)(at - pages), v16, 64), v8, 64);
	signal(SIGSEGV, SIG_DFL);
	return 0;
}

/* vfmacc whose pass 3 makes a NaN of inf * 0 (the interpreter's, from that chunk on), then fflags */
static uint64_t nan_in_loop(void)
{
	static float a[64], b[64], d[16];
	uint64_t flags;
	for (int i = 0; i < 64; i++)
		a[i] = (float)i * 0.5f, b[i] = (float)(64 - i) * 0.25f;
	a[45] = __builtin_inff();
	b[45] = 0.0f;
	__asm__ volatile("fsflags zero\n\tvsetvli t0, zero, e32, m4, ta, ma\n\tvmv.v.i v16, 0\n\t"
			 "mv t2, %[a]\n\tmv t3, %[b]\n\tli t1, 4\n\t"
			 "lla t6, 1f\n\tjr t6\n\t1: vsetvli t0, %[n], e32, m4, ta, ma\n\t"
			 "vle32.v v8, (t2)\n\tvle32.v v24, (t3)\n\tvfmacc.vv v16, v8, v24\n\t"
			 "addi t2, t2, 64\n\taddi t3, t3, 64\n\taddi t1, t1, -1\n\tbnez t1, 1b\n\t"
			 "vse32.v v16, (%[d])\n\tfrflags %[f]"
			 : [f] "=r"(flags)
			 : [n] "r"((size_t)16), [a] "r"(a), [b] "r"(b), [d] "r"(d)
			 : "t0", "t6", "t1", "t2", "t3", "memory");
	return hash_bytes(flags, d, sizeof d);
}

/* e32 m1 (each register a half of its host register) over 4 * k + 3 elements, tail undisturbed:
 * the last pass keeps the tails of v1, v2, v3 */
static uint64_t single_registers(void)
{
	static uint32_t out[3][4];
	__asm__ volatile("vsetvli t0, zero, e32, m1, ta, ma\n\tvmv.v.i v1, 7\n\tvmv.v.i v2, -3\n\tvmv.v.i v3, 9\n\t"
			 "mv t2, %[s]\n\tli t3, 4003\n\t"
			 "lla t6, 1f\n\tjr t6\n\t1: vsetvli t0, t3, e32, m1, tu, ma\n\t"
			 "vle32.v v1, (t2)\n\tvadd.vv v2, v2, v1\n\tvxor.vv v3, v3, v2\n\tvsub.vv v2, v2, v3\n\t"
			 "slli t1, t0, 2\n\tadd t2, t2, t1\n\tsub t3, t3, t0\n\tbnez t3, 1b\n\t"
			 "vsetvli t0, zero, e32, m1, ta, ma\n\tvse32.v v1, (%[o])\n\tvse32.v v2, (%[o1])\n\t"
			 "vse32.v v3, (%[o2])"
			 :
			 : [s] "r"(src), [o] "r"(out[0]), [o1] "r"(out[1]), [o2] "r"(out[2])
			 : "t0", "t6", "t1", "t2", "t3", "memory");
	return hash_bytes(0, out, sizeof out);
}

/* vwmacc at e16 m4 into e32 m8 over an odd count, tail undisturbed: the last pass blends */
static uint64_t widening_tail(void)
{
	static int16_t x[999], y[999];
	static uint32_t out[32];
	for (int i = 0; i < 999; i++)
		x[i] = (int16_t)(i * 37 - 9000), y[i] = (int16_t)(12000 - i * 23);
	__asm__ volatile("vsetvli t0, zero, e32, m8, ta, ma\n\tvmv.v.i v16, 1\n\t"
			 "mv t2, %[x]\n\tmv t3, %[y]\n\tli t4, 999\n\t"
			 "lla t6, 1f\n\tjr t6\n\t1: vsetvli t0, t4, e16, m4, tu, ma\n\t"
			 "vle16.v v8, (t2)\n\tvle16.v v12, (t3)\n\tvwmacc.vv v16, v8, v12\n\t"
			 "slli t1, t0, 1\n\tadd t2, t2, t1\n\tadd t3, t3, t1\n\tsub t4, t4, t0\n\tbnez t4, 1b\n\t"
			 "vsetvli t0, zero, e32, m8, ta, ma\n\tvse32.v v16, (%[o])"
			 :
			 : [x] "r"(x), [y] "r"(y), [o] "r"(out)
			 : "t0", "t6", "t1", "t2", "t3", "t4", "memory");
	return hash_bytes(0, out, sizeof out);
}

/* scalar FP in the loop (a running sum in fa0, a scale in ft1) beside vfmacc.vf by fa1 */
static uint64_t scalar_fp_beside(void)
{
	static float z[256];
	static float xs[256];
	double sum;
	for (int i = 0; i < 256; i++)
		xs[i] = (float)i * 0.125f, z[i] = 1.0f;
	__asm__ volatile("fmv.d.x fa0, zero\n\tli t1, 0x3ff8000000000000\n\tfmv.d.x ft1, t1\n\t"
			 "li t1, 0x40400000\n\tfmv.w.x fa1, t1\n\tmv t2, %[x]\n\tmv t3, %[z]\n\tli t4, 256\n\t"
			 "lla t6, 1f\n\tjr t6\n\t1: vsetvli t0, t4, e32, m4, ta, ma\n\t"
			 "flw ft0, 0(t2)\n\tfcvt.d.s ft0, ft0\n\tfmadd.d fa0, ft0, ft1, fa0\n\t"
			 "vle32.v v8, (t2)\n\tvle32.v v16, (t3)\n\tvfmacc.vf v16, fa1, v8\n\tvse32.v v16, (t3)\n\t"
			 "slli t1, t0, 2\n\tadd t2, t2, t1\n\tadd t3, t3, t1\n\tsub t4, t4, t0\n\tbnez t4, 1b\n\t"
			 "fmv.d %[s], fa0"
			 : [s] "=f"(sum)
			 : [x] "r"(xs), [z] "r"(z)
			 : "t0", "t6", "t1", "t2", "t3", "t4", "ft0", "ft1", "fa0", "fa1", "memory");
	return hash_bytes((uint64_t)(sum * 1024), z, sizeof z);
}

/* A loop nest whose inner loop is a vector loop (i-k-j products, 48 columns: three passes at
 * VLEN 128, with a scalar load before its vsetvli): the outer loop's block ends at the inner
 * loop's head, so that every pass runs homed */
static uint64_t loop_nest(void)
{
	static int32_t ma[12][12], mb[12][48], mc[12][48];
	for (int i = 0; i < 12; i++)
		for (int j = 0; j < 48; j++)
			mb[i][j] = (int32_t)((i * 7 + j * 3) % 23) - 11, ma[i][j % 12] = (int32_t)((i + j) % 5) - 2;
	memset(mc, 0, sizeof mc);
	for (int i = 0; i < 12; i++)
		for (int k = 0; k < 12; k++) {
			size_t n = 48, vl;
			int32_t *pb = mb[k], *pc = mc[i];
			const int32_t *pa = &ma[i][k];
			__asm__ volatile(
			    "1: lw t1, 0(%[a])\n\tvsetvli %[vl], %[n], e32, m4, ta, ma\n\tvle32.v v8, (%[b])\n\t"
			    "vle32.v v16, (%[c])\n\tvmacc.vx v16, t1, v8\n\tvse32.v v16, (%[c])\n\t"
			    "slli t2, %[vl], 2\n\tsub %[n], %[n], %[vl]\n\tadd %[b], %[b], t2\n\t"
			    "add %[c], %[c], t2\n\tbnez %[n], 1b"
			    : [vl] "=&r"(vl), [n] "+r"(n), [b] "+r"(pb), [c] "+r"(pc)
			    : [a] "r"(pa)
			    : "t1", "t2", "memory");
		}
	return hash_bytes(0, mc, sizeof mc);
}

/* A per-lane byte histogram (vzext, shift, add, gather, add one, scatter: indexed accesses of
 * every element in a loop with homes) over a count that leaves a short last pass */
static uint64_t indexed_loop(void)
{
	static uint32_t counts[128 * 256]; /* a lane's 256 counters, up to 128 lanes (VLEN 1024) */
	static uint8_t bytes[1003];
	const uint8_t *p = bytes;
	size_t n = sizeof bytes, vl;
	for (size_t i = 0; i < sizeof bytes; i++)
		bytes[i] = (uint8_t)(i * i * 7 + i / 3);
	__asm__ volatile("vsetvli t0, zero, e32, m4, ta, ma\n\tvid.v v12\n\tvsll.vi v12, v12, 10\n\t"
			 "lla t6, 1f\n\tjr t6\n\t1: vsetvli %[vl], %[n], e8, m1, ta, ma\n\tvle8.v v1, (%[p])\n\t"
			 "vsetvli zero, %[vl], e32, m4, ta, ma\n\tvzext.vf4 v4, v1\n\tvsll.vi v4, v4, 2\n\t"
			 "vadd.vv v4, v4, v12\n\tvluxei32.v v8, (%[c]), v4\n\tvadd.vi v8, v8, 1\n\t"
			 "vsuxei32.v v8, (%[c]), v4\n\tsub %[n], %[n], %[vl]\n\tadd %[p], %[p], %[vl]\n\tbnez %[n], 1b"
			 : [vl] "=&r"(vl), [n] "+r"(n), [p] "+r"(p)
			 : [c] "r"(counts)
			 : "t0", "t6", "memory");
	return hash_bytes(0, counts, sizeof counts);
}

/* That loop's gather where an index of its third pass leads into a page it may not read, and
 * from a base past the guest space: the passes before done, v4 and v8 as the fault left them */
static int indexed_faults(uint64_t *h)
{
	uint8_t *pages = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static uint32_t idx[64], regs[2][32];
	static volatile int passes;
	struct sigaction sa;
	CHECK(pages != MAP_FAILED);
	CHECK(mprotect(pages + 4096, 4096, PROT_NONE) == 0);
	for (int i = 0; i < 1024; i++)
		((uint32_t *)pages)[i] = (uint32_t)i * 2654435761u;
	for (int i = 0; i < 64; i++)
		idx[i] = (uint32_t)(i * 52 % 4096) & ~3u;
	idx[37] = 4096 + 64; /* pass 3 at VLEN 128 (16 a pass) */
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
	*h = 0;
	for (int k = 0; k < 2; k++) {
		const uint32_t *q = idx;
		size_t n = 64, vl;
		passes = 0;
		if (!sigsetjmp(recover, 1))
			__asm__ volatile(
			    "lla t6, 1f\n\tjr t6\n\t1: vsetvli %[vl], %[n], e32, m4, ta, ma\n\t"
			    "vle32.v v4, (%[q])\n\tvluxei32.v v8, (%[b]), v4\n\tvadd.vi v8, v8, 3\n\t"
			    "vsuxei32.v v8, (%[b]), v4\n\tslli t1, %[vl], 2\n\tsub %[n], %[n], %[vl]\n\t"
			    "add %[q], %[q], t1\n\tlw t1, 0(%[ps])\n\taddi t1, t1, 1\n\tsw t1, 0(%[ps])\n\t"
			    "bnez %[n], 1b"
			    : [vl] "=&r"(vl), [n] "+r"(n), [q] "+r"(q)
			    : [b] "r"(k ? (uint8_t *)(1ull << 46) : pages), [ps] "r"(&passes)
			    : "t1", "t6", "memory");
		__asm__ volatile("vsetvli t0, zero, e32, m4, ta, ma\n\tvse32.v v4, (%0)\n\tvse32.v v8, (%1)"
				 :
				 : "r"(regs[0]), "r"(regs[1])
				 : "t0", "memory");
		*h = hash_bytes(hash_bytes(*h + (uint64_t)passes, regs, 64), pages, 4096);
	}
	signal(SIGSEGV, SIG_DFL);
	return 0;
}

static char text[2048];

/* A vector strlen's loop (vle8ff.v, vmseq.vi, vfirst.m: passes without a NUL take a test of the
 * homed group) over a string with its NUL at pos: the length, and v0 as the last pass left it */
static uint64_t string_length(int pos)
{
	uint8_t mask[128]; /* vsm.v stores VLMAX / 8 bytes: 128 at VLEN 1024 */
	const char *p = text;
	long first;
	memset(mask, 0, sizeof mask);
	memset(text, 'a', sizeof text);
	text[pos] = 0;
	__asm__ volatile("li t0, 0\n\tlla t6, 1f\n\tjr t6\n\t1: add %[p], %[p], t0\n\t"
			 "vsetvli t0, zero, e8, m8, ta, ma\n\tvle8ff.v v8, (%[p])\n\tcsrr t0, vl\n\t"
			 "vmseq.vi v0, v8, 0\n\tvfirst.m %[f], v0\n\tblt %[f], zero, 1b\n\t"
			 "add %[p], %[p], %[f]\n\tvsm.v v0, (%[m])"
			 : [p] "+r"(p), [f] "=&r"(first)
			 : [m] "r"(mask)
			 : "t0", "t6", "memory");
	return hash_bytes((uint64_t)(p - text) << 8 | (uint64_t)(first & 0xff), mask, sizeof mask);
}

/* A vector strcpy's loop (vmseq.vi into v1, vfirst.m, vmsif.m, vmsbf.m or vmsof.m into v0, vse8.v
 * under v0.t: a pass without a NUL stores the whole group) of a string with its NUL at pos: vfirst's
 * last result, the masks left in v0 and v1 and the bytes stored (those past the mask untouched) */
#define COPY_LOOP(NAME, SET)                                                                                           \
	static uint64_t NAME(int pos)                                                                                  \
	{                                                                                                              \
		static uint8_t dst[2048 + 128];                                                                        \
		uint8_t masks[2][128];                                                                                 \
		const char *s = text;                                                                                  \
		uint8_t *d = dst;                                                                                      \
		long first;                                                                                            \
		memset(masks, 0, sizeof masks);                                                                        \
		memset(text, 'b', sizeof text);                                                                        \
		for (int i = 0; i < pos; i++)                                                                          \
			text[i] = (char)(1 + (i * 7) % 200);                                                           \
		text[pos] = 0;                                                                                         \
		memset(dst, 'y', sizeof dst);                                                                          \
		__asm__ volatile(                                                                                      \
		    "lla t6, 1f\n\tjr t6\n\t1: vsetvli t0, zero, e8, m8, ta, ma\n\t"                                   \
		    "vle8ff.v v8, (%[s])\n\tcsrr t0, vl\n\tvmseq.vi v1, v8, 0\n\tvfirst.m %[f], v1\n\t" SET            \
		    " v0, v1\n\tvse8.v v8, (%[d]), v0.t\n\tadd %[s], %[s], t0\n\t"                                     \
		    "add %[d], %[d], t0\n\tblt %[f], zero, 1b\n\tvsm.v v0, (%[m0])\n\tvsm.v v1, (%[m1])"               \
		    : [s] "+r"(s), [d] "+r"(d), [f] "=&r"(first)                                                       \
		    : [m0] "r"(masks[0]), [m1] "r"(masks[1])                                                           \
		    : "t0", "t6", "memory");                                                                           \
		return hash_bytes(hash_bytes((uint64_t)first << 16 | (uint64_t)(s - text), masks, sizeof masks), dst,  \
				  sizeof dst);                                                                         \
	}
COPY_LOOP(copy_sif, "vmsif.m")
COPY_LOOP(copy_sbf, "vmsbf.m")
COPY_LOOP(copy_sof, "vmsof.m")

/* That strcpy loop with no NUL before its store runs into a page it may not write: the bytes
 * stored before the page, the pointers of the faulting pass and v0 and v1 at the fault */
static int copy_into_fault(uint64_t *h)
{
	uint8_t *pages = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct sigaction sa;
	static uint8_t masks[2][128];
	static uint8_t *volatile at;
	CHECK(pages != MAP_FAILED);
	CHECK(mprotect(pages + 4096, 4096, PROT_NONE) == 0);
	memset(pages, 'y', 4096);
	for (int i = 0; i < (int)sizeof text; i++)
		text[i] = (char)(1 + (i * 11) % 250);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
	at = pages + 4096 - 300;
	if (!sigsetjmp(recover, 1)) {
		const char *s = text;
		uint8_t *d = pages + 4096 - 300;
		__asm__ volatile("lla t6, 1f\n\tjr t6\n\t1: vsetvli t0, zero, e8, m8, ta, ma\n\t"
				 "vle8ff.v v8, (%[s])\n\tcsrr t0, vl\n\tvmseq.vi v1, v8, 0\n\tvfirst.m t1, v1\n\t"
				 "vmsif.m v0, v1\n\tvse8.v v8, (%[d]), v0.t\n\tadd %[s], %[s], t0\n\t"
				 "add %[d], %[d], t0\n\tsd %[d], 0(%[at])\n\tblt t1, zero, 1b"
				 : [s] "+r"(s), [d] "+r"(d)
				 : [at] "r"(&at)
				 : "t0", "t1", "t6", "memory");
	}
	__asm__ volatile("vsetvli t0, zero, e8, m8, ta, ma\n\tvsm.v v0, (%0)\n\tvsm.v v1, (%1)"
			 :
			 : "r"(masks[0]), "r"(masks[1])
			 : "t0", "memory");
	*h = hash_bytes(hash_bytes((uint64_t)(at - pages), masks, sizeof masks), pages, 4096);
	signal(SIGSEGV, SIG_DFL);
	return 0;
}

int main(void)
{
	static const int nul_at[] = {0, 1, 63, 64, 127, 128, 129, 255, 256, 300, 1000, 2047};
	uint64_t h;
	for (int i = 0; i < 4096; i++)
		src[i] = (uint32_t)i * 0x9e3779b9u;
	printf("f registers kept: %016llx\n", (unsigned long long)f_registers_kept());
	printf("f operand kept: %016llx\n", (unsigned long long)fp_operand_kept());
	printf("mask words after a helper: %016llx\n", (unsigned long long)mask_words_after_helper());
	if (fault_in_loop(&h))
		return 1;
	printf("fault in a loop: %016llx\n", (unsigned long long)h);
	printf("NaN in a loop: %016llx\n", (unsigned long long)nan_in_loop());
	printf("single registers: %016llx\n", (unsigned long long)single_registers());
	printf("widening tail: %016llx\n", (unsigned long long)widening_tail());
	printf("scalar FP beside: %016llx\n", (unsigned long long)scalar_fp_beside());
	printf("loop nest: %016llx\n", (unsigned long long)loop_nest());
	printf("indexed loop: %016llx\n", (unsigned long long)indexed_loop());
	if (indexed_faults(&h))
		return 1;
	printf("indexed faults: %016llx\n", (unsigned long long)h);
	for (size_t i = 0; i < sizeof nul_at / sizeof nul_at[0]; i++)
		printf("strings, NUL at %d: %016llx %016llx %016llx %016llx\n", nul_at[i],
		       (unsigned long long)string_length(nul_at[i]), (unsigned long long)copy_sif(nul_at[i]),
		       (unsigned long long)copy_sbf(nul_at[i]), (unsigned long long)copy_sof(nul_at[i]));
	if (copy_into_fault(&h))
		return 1;
	printf("string copy into a fault: %016llx\n", (unsigned long long)h);
	return 0;
}
