/* RVV code written with the C intrinsics (riscv_vector.h, gcc-14 -O2 -march=rv64gcv): strip-mined
 * loops with tail-undisturbed and masked variants, widening, reductions, segment and strided
 * loads, gathers, compress and slides; each kernel checks itself against plain C and prints
 * whether they agree. Compiled and run under rvx (and QEMU 10) by
 * tests/distro/cases/gcc_intrinsics.sh. */
#include <riscv_vector.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 517
static float fx[N], fy[N], fref[N];
static int32_t a[N], b[N], c[N], ref[N];
static int16_t h[N];
static uint8_t bytes[N];
static struct {
	int32_t re, im;
} pairs[N];

#define CHECK(name, ok) printf("%-10s %s\n", name, (ok) ? "ok" : "DIFFERS")

static void saxpy(float k)
{
	for (size_t n = N, vl, i = 0; n > 0; n -= vl, i += vl) {
		vl = __riscv_vsetvl_e32m2(n);
		vfloat32m2_t x = __riscv_vle32_v_f32m2(fx + i, vl), y = __riscv_vle32_v_f32m2(fy + i, vl);
		__riscv_vse32_v_f32m2(fy + i, __riscv_vfmacc_vf_f32m2(y, k, x, vl), vl);
	}
}

/* c = a > t ? a - b : c, the else keeping c (masked, mask undisturbed) */
static void select(int32_t t)
{
	for (size_t n = N, vl, i = 0; n > 0; n -= vl, i += vl) {
		vl = __riscv_vsetvl_e32m1(n);
		vint32m1_t va = __riscv_vle32_v_i32m1(a + i, vl), vc = __riscv_vle32_v_i32m1(c + i, vl);
		vbool32_t m = __riscv_vmsgt_vx_i32m1_b32(va, t, vl);
		vc = __riscv_vsub_vv_i32m1_mu(m, vc, va, __riscv_vle32_v_i32m1(b + i, vl), vl);
		__riscv_vse32_v_i32m1(c + i, vc, vl);
	}
}

/* a sum with a vector accumulator kept tail-undisturbed, reduced once */
static int64_t sum(void)
{
	size_t vlmax = __riscv_vsetvlmax_e32m4();
	vint32m4_t acc = __riscv_vmv_v_x_i32m4(0, vlmax);
	for (size_t n = N, vl, i = 0; n > 0; n -= vl, i += vl) {
		vl = __riscv_vsetvl_e32m4(n);
		acc = __riscv_vadd_vv_i32m4_tu(acc, acc, __riscv_vle32_v_i32m4(a + i, vl), vl);
	}
	return __riscv_vmv_x_s_i32m1_i32(
	    __riscv_vredsum_vs_i32m4_i32m1(acc, __riscv_vmv_s_x_i32m1(0, 1), vlmax));
}

/* a widening dot product of int16s into int32s */
static int32_t dot16(void)
{
	vint32m1_t s = __riscv_vmv_s_x_i32m1(0, 1);
	for (size_t n = N, vl, i = 0; n > 0; n -= vl, i += vl) {
		vl = __riscv_vsetvl_e16m1(n);
		vint16m1_t v = __riscv_vle16_v_i16m1(h + i, vl);
		s = __riscv_vredsum_vs_i32m2_i32m1(__riscv_vwmul_vv_i32m2(v, v, vl), s, vl);
	}
	return __riscv_vmv_x_s_i32m1_i32(s);
}

/* complex pairs: re * re - im * im through a segment load, and the imaginary parts by a strided one */
static void pairs_kernel(void)
{
	for (size_t n = N, vl, i = 0; n > 0; n -= vl, i += vl) {
		vl = __riscv_vsetvl_e32m1(n);
		vint32m1x2_t v = __riscv_vlseg2e32_v_i32m1x2(&pairs[i].re, vl);
		vint32m1_t re = __riscv_vget_v_i32m1x2_i32m1(v, 0), im = __riscv_vget_v_i32m1x2_i32m1(v, 1);
		vint32m1_t im2 = __riscv_vlse32_v_i32m1(&pairs[i].im, sizeof pairs[0], vl);
		vint32m1_t r = __riscv_vsub_vv_i32m1(__riscv_vmul_vv_i32m1(re, re, vl), __riscv_vmul_vv_i32m1(im, im2, vl), vl);
		__riscv_vse32_v_i32m1(c + i, r, vl);
	}
}

/* reverse each block of up to VLMAX elements by a gather, then the largest by vredmax */
static int32_t reverse_max(void)
{
	vint32m1_t best = __riscv_vmv_s_x_i32m1(INT32_MIN, 1);
	for (size_t n = N, vl, i = 0; n > 0; n -= vl, i += vl) {
		vl = __riscv_vsetvl_e32m1(n);
		vuint32m1_t idx = __riscv_vrsub_vx_u32m1(__riscv_vid_v_u32m1(vl), (uint32_t)vl - 1, vl);
		vint32m1_t v = __riscv_vrgather_vv_i32m1(__riscv_vle32_v_i32m1(a + i, vl), idx, vl);
		__riscv_vse32_v_i32m1(c + i, v, vl);
		best = __riscv_vredmax_vs_i32m1_i32m1(v, best, vl);
	}
	return __riscv_vmv_x_s_i32m1_i32(best);
}

/* the odd bytes, packed (vcompress), and a slide down by one of each pass */
static size_t odd_bytes(uint8_t *out, uint8_t *slid)
{
	size_t k = 0;
	for (size_t n = N, vl, i = 0; n > 0; n -= vl, i += vl) {
		vl = __riscv_vsetvl_e8m2(n);
		vuint8m2_t v = __riscv_vle8_v_u8m2(bytes + i, vl);
		vbool4_t odd = __riscv_vmsne_vx_u8m2_b4(__riscv_vand_vx_u8m2(v, 1, vl), 0, vl);
		__riscv_vse8_v_u8m2(out + k, __riscv_vcompress_vm_u8m2(v, odd, vl), __riscv_vcpop_m_b4(odd, vl));
		k += __riscv_vcpop_m_b4(odd, vl);
		__riscv_vse8_v_u8m2(slid + i, __riscv_vslide1down_vx_u8m2(v, 0xee, vl), vl);
	}
	return k;
}

int main(void)
{
	for (int i = 0; i < N; i++) {
		fx[i] = (float)(i % 37) * 0.25f, fy[i] = fref[i] = 1.0f / (float)(i + 1);
		a[i] = (i * 7919) % 1000 - 500, b[i] = (i * 104729) % 333, c[i] = ref[i] = i;
		h[i] = (int16_t)((i * 31) % 401 - 200), bytes[i] = (uint8_t)(i * 37 + 11);
		pairs[i].re = i % 91 - 45, pairs[i].im = i % 53 - 26;
	}
	saxpy(1.5f);
	for (int i = 0; i < N; i++)
		fref[i] = 1.5f * fx[i] + fref[i];
	CHECK("saxpy", !memcmp(fy, fref, sizeof fy));

	select(100);
	for (int i = 0; i < N; i++)
		ref[i] = a[i] > 100 ? a[i] - b[i] : ref[i];
	CHECK("select", !memcmp(c, ref, sizeof c));

	int64_t s = 0;
	for (int i = 0; i < N; i++)
		s += a[i];
	CHECK("sum", sum() == s);

	int32_t d = 0;
	for (int i = 0; i < N; i++)
		d += h[i] * h[i];
	CHECK("dot16", dot16() == d);

	pairs_kernel();
	int ok = 1;
	for (int i = 0; i < N; i++)
		ok &= c[i] == pairs[i].re * pairs[i].re - pairs[i].im * pairs[i].im;
	CHECK("pairs", ok);

	int32_t best = INT32_MIN, got = reverse_max();
	size_t vlmax = __riscv_vsetvlmax_e32m1();
	ok = 1;
	for (size_t i = 0; i < N; i++) {
		size_t base = i / vlmax * vlmax, len = N - base < vlmax ? N - base : vlmax;
		ok &= c[i] == a[base + (len - 1 - (i - base))];
		best = a[i] > best ? a[i] : best;
	}
	CHECK("reverse", ok && got == best);

	uint8_t out[N], slid[N], want[N];
	size_t k = odd_bytes(out, slid), m = 0;
	size_t vlb = __riscv_vsetvlmax_e8m2();
	for (int i = 0; i < N; i++)
		if (bytes[i] & 1)
			want[m++] = bytes[i];
	ok = k == m && !memcmp(out, want, m);
	for (size_t i = 0; i < N; i++) {
		size_t end = (i / vlb + 1) * vlb < N ? (i / vlb + 1) * vlb : N;
		ok &= slid[i] == (i + 1 < end ? bytes[i + 1] : 0xee);
	}
	CHECK("compress", ok);
	return 0;
}
