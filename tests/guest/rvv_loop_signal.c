// Vector loops interrupted by a timer signal thousands of times, the handler running vector code
// of its own (another vtype and vl, v8-v31 overwritten): at each return the loop must go on with
// its own vtype, vl and registers (sigreturn restores them from the frame). Each pass's result
// is checked against scalar code: an integer multiply-add (whose loop also reads vtype back),
// a .vf multiply-add whose scalar stays in an f register across the loop (fmaf gives the same
// rounding), and one whose scalar is loaded before the vsetvli at each pass (entered with
// another vtype and with its own; it reads vtype back).
// cflags: -march=rv64gcv
// no-qemu: QEMU 10's linux-user leaves the vector state out of signal frames, so that the
// handler's vector code would clobber the interrupted loop
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include "check.h"

#define N 1000
static int32_t x[N], zi[N], zi_ref[N];
static float xf[N], zf[N], zf_ref[N], zl[N], zl_ref[N];
static volatile long ticks;

static void on_alarm(int sig)
{
	size_t vl;
	(void)sig;
	__asm__ volatile("vsetvli %0, zero, e8, m8, ta, ma\n\tvmv.v.i v8, -1\n\tvmv.v.i v16, 3\n\tvmv.v.i v24, 5"
			 : "=r"(vl)
			 :
			 : "memory");
	ticks++;
}

/* zi += 3 * x, e32 m4, in a loop entered by a branch (a block of its own) that reads vtype back
 * at each pass: true when it was always e32, m4, ta, ma */
static int int_pass(void)
{
	size_t n = N, vl, vtype, wrong = 0;
	int32_t *px = x, *pz = zi;
	__asm__ volatile("beqz %[n], 2f\n"
			 "1:\tvsetvli %[vl], %[n], e32, m4, ta, ma\n\tvle32.v v8, (%[px])\n\tvle32.v v16, (%[pz])\n\t"
			 "vmacc.vx v16, %[k], v8\n\tvse32.v v16, (%[pz])\n\tcsrr %[vt], vtype\n\t"
			 "xor %[vt], %[vt], %[want]\n\tor %[wrong], %[wrong], %[vt]\n\tsub %[n], %[n], %[vl]\n\t"
			 "slli %[vl], %[vl], 2\n\tadd %[px], %[px], %[vl]\n\tadd %[pz], %[pz], %[vl]\n\tbnez %[n], 1b\n"
			 "2:"
			 : [n] "+r"(n), [px] "+r"(px), [pz] "+r"(pz), [vl] "=&r"(vl), [vt] "=&r"(vtype), [wrong] "+r"(wrong)
			 : [k] "r"(3L), [want] "r"(0xd2L)
			 : "memory");
	return !wrong;
}

/* zf = a * xf + zf, e32 m8 */
static void fp_pass(float a)
{
	size_t n = N, vl;
	float *px = xf, *pz = zf;
	while (n) {
		__asm__ volatile("vsetvli %0, %1, e32, m8, ta, ma\n\tvle32.v v8, (%2)\n\tvle32.v v16, (%3)\n\t"
				 "vfmacc.vf v16, %4, v8\n\tvse32.v v16, (%3)"
				 : "=&r"(vl)
				 : "r"(n), "r"(px), "r"(pz), "f"(a)
				 : "memory");
		n -= vl, px += vl, pz += vl;
	}
}

/* zl = *scale * xf + zl, e32 m8, the scale loaded at the top of each pass before the vsetvli,
 * in a loop entered by a branch that reads vtype back: true when it was always e32, m8 */
static int fp_load_pass(const float *scale)
{
	size_t n = N, vl, vtype, wrong = 0;
	float *px = xf, *pz = zl;
	__asm__ volatile("beqz %[n], 2f\n"
			 "1:\tflw fa0, 0(%[s])\n\tvsetvli %[vl], %[n], e32, m8, ta, ma\n\tvle32.v v8, (%[px])\n\t"
			 "vle32.v v16, (%[pz])\n\tvfmacc.vf v16, fa0, v8\n\tvse32.v v16, (%[pz])\n\tcsrr %[vt], vtype\n\t"
			 "xor %[vt], %[vt], %[want]\n\tor %[wrong], %[wrong], %[vt]\n\tsub %[n], %[n], %[vl]\n\t"
			 "slli %[vl], %[vl], 2\n\tadd %[px], %[px], %[vl]\n\tadd %[pz], %[pz], %[vl]\n\tbnez %[n], 1b\n"
			 "2:"
			 : [n] "+r"(n), [px] "+r"(px), [pz] "+r"(pz), [vl] "=&r"(vl), [vt] "=&r"(vtype), [wrong] "+r"(wrong)
			 : [s] "r"(scale), [want] "r"(0xd3L)
			 : "memory", "fa0");
	return !wrong;
}

int main(void)
{
	struct itimerval it = {{0, 100}, {0, 100}};
	long passes = 0;
	CHECK(signal(SIGALRM, on_alarm) != SIG_ERR);
	for (int i = 0; i < N; i++) {
		x[i] = i * 7 - 300, zi[i] = zi_ref[i] = i;
		xf[i] = (float)(i % 13) * 0.25f, zf[i] = zf_ref[i] = zl[i] = zl_ref[i] = (float)i * 0.5f;
	}
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	while (ticks < 2000 || passes < 3000) {
		float a = passes % 2 ? 0.75f : -1.25f;
		float b = -a * 0.5f;
		CHECK(int_pass());
		CHECK(fp_load_pass(&b)); /* entered with int_pass's vtype */
		fp_pass(a);
		CHECK(fp_load_pass(&a)); /* entered with its own */
		for (int i = 0; i < N; i++) {
			zi_ref[i] = (int32_t)((uint32_t)zi_ref[i] + 3u * (uint32_t)x[i]);
			zf_ref[i] = fmaf(a, xf[i], zf_ref[i]);
			zl_ref[i] = fmaf(a, xf[i], fmaf(b, xf[i], zl_ref[i]));
		}
		CHECK(!memcmp(zi, zi_ref, sizeof zi));
		CHECK(!memcmp(zf, zf_ref, sizeof zf));
		CHECK(!memcmp(zl, zl_ref, sizeof zl));
		passes++;
		CHECK(passes < 10000000);
	}
	it.it_value.tv_usec = it.it_interval.tv_usec = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	printf("%s\n", ticks >= 2000 ? "interrupted loops ok" : "too few signals");
	return 0;
}
