/* NaN results whose check the translator makes later, two at a time (fd.c's jit_nan_flush):
 * every way of seeing one sees RISC-V's canonical NaN, not x86's default NaN (sign set) or a
 * propagated payload: moves to integer registers, sign injection, stores, a fault's signal
 * frame, a branch out of the block, a system call, a multiply-add and an add that read it,
 * singles and doubles, in pairs with numbers and with other NaNs, a single-precision operation
 * that reads a double's; and the flags are RISC-V's.
 * Many rounds, so that the blocks are translated. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#include "check.h"

#define CANON_D 0x7ff8000000000000ull
#define CANON_S 0xffffffff7fc00000ull /* NaN-boxed */

static const double inf = __builtin_inf(), one = 1.0, zero = 0.0;
static const float inf_s = __builtin_inff(), one_s = 1.0f;
static volatile uint64_t seen_fa0;
static volatile int faults;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig;
	(void)si;
	memcpy((void *)&seen_fa0, &uc->uc_mcontext.__fpregs.__d.__f[10], 8);
	uc->uc_mcontext.__gregs[0] += 4; /* past the load */
	faults++;
}

struct result {
	uint64_t a, b, c, flags;
};

/* a NaN and a number waiting together, then moved out */
static struct result pair_then_move(void)
{
	struct result r;
	__asm__ volatile("fsflags zero\n\t"
			 "fsub.d fa0, %4, %4\n\t"
			 "fadd.d fa1, %5, %5\n\t"
			 "addi t0, zero, 1\n\t"
			 "fadd.d fa2, %5, %5\n\t"
			 "fmv.x.d %0, fa0\n\t"
			 "fmv.x.d %1, fa1\n\t"
			 "fmv.x.d %2, fa2\n\t"
			 "frflags %3"
			 : "=r"(r.a), "=r"(r.b), "=r"(r.c), "=r"(r.flags)
			 : "f"(inf), "f"(one)
			 : "fa0", "fa1", "fa2", "t0");
	return r;
}

/* two NaNs (0 * inf, and one made of it), then sign injection and a store */
static struct result propagate_then_inject(double *out)
{
	struct result r;
	__asm__ volatile("fsflags zero\n\t"
			 "fmul.d fa2, %5, %4\n\t"
			 "fadd.d fa3, fa2, %6\n\t"
			 "fsgnjn.d fa4, fa3, fa3\n\t"
			 "fdiv.d fa5, %5, %5\n\t"
			 "fsd fa5, 0(%7)\n\t"
			 "fmv.x.d %0, fa4\n\t"
			 "fmv.x.d %1, fa2\n\t"
			 "fmv.x.d %2, fa3\n\t"
			 "frflags %3"
			 : "=r"(r.a), "=r"(r.b), "=r"(r.c), "=r"(r.flags)
			 : "f"(inf), "f"(zero), "f"(one), "r"(out)
			 : "fa2", "fa3", "fa4", "fa5", "memory");
	return r;
}

/* singles: inf - inf beside a number, then moved out whole and as a word */
static struct result singles(void)
{
	struct result r;
	__asm__ volatile("fsflags zero\n\t"
			 "fsub.s fa0, %4, %4\n\t"
			 "fadd.s fa1, %5, %5\n\t"
			 "fmv.x.d %0, fa0\n\t"
			 "fmv.x.w %1, fa0\n\t"
			 "fmv.x.d %2, fa1\n\t"
			 "frflags %3"
			 : "=r"(r.a), "=r"(r.b), "=r"(r.c), "=r"(r.flags)
			 : "f"(inf_s), "f"(one_s)
			 : "fa0", "fa1");
	return r;
}

/* a multiply-add that reads a waiting NaN, then a branch out of the block before it is seen */
static struct result fma_then_branch(void)
{
	struct result r;
	__asm__ volatile("fsflags zero\n\t"
			 "fsub.d fa0, %4, %4\n\t"
			 "fmadd.d fa1, fa0, %5, %5\n\t"
			 "fadd.d fa2, fa0, %5\n\t"
			 "beq zero, zero, 1f\n\t"
			 "nop\n"
			 "1:\n\t"
			 "fmv.x.d %0, fa0\n\t"
			 "fmv.x.d %1, fa1\n\t"
			 "fmv.x.d %2, fa2\n\t"
			 "frflags %3"
			 : "=r"(r.a), "=r"(r.b), "=r"(r.c), "=r"(r.flags)
			 : "f"(inf), "f"(one)
			 : "fa0", "fa1", "fa2");
	return r;
}

/* a waiting NaN across a system call (getpid) */
static struct result across_syscall(void)
{
	struct result r;
	__asm__ volatile("fsflags zero\n\t"
			 "fsub.d fa0, %4, %4\n\t"
			 "fadd.d fa1, %5, %5\n\t"
			 "li a7, 172\n\t"
			 "ecall\n\t"
			 "fmv.x.d %0, fa0\n\t"
			 "fmv.x.d %1, fa1\n\t"
			 "mv %2, a0\n\t"
			 "frflags %3"
			 : "=r"(r.a), "=r"(r.b), "=r"(r.c), "=r"(r.flags)
			 : "f"(inf), "f"(one)
			 : "fa0", "fa1", "a0", "a7", "memory");
	r.c = r.c != 0; /* a pid */
	return r;
}

/* a waiting NaN when a load faults: the signal frame has it */
static uint64_t at_fault(const uint8_t *none)
{
	__asm__ volatile("fsub.d fa0, %0, %0\n\t"
			 "fadd.d fa1, %1, %1\n\t"
			 "ld t0, 0(%2)"
			 :
			 : "f"(inf), "f"(one), "r"(none)
			 : "fa0", "fa1", "t0", "memory");
	return seen_fa0;
}

/* a loop whose sum turns NaN on its third pass and stays so, left by its branch */
static struct result loop_sum(void)
{
	struct result r;
	double add[6] = {1, 2, inf, -inf, 5, 6};
	__asm__ volatile("fsflags zero\n\t"
			 "fmv.d.x fa0, zero\n\t"
			 "mv t1, %4\n\t"
			 "addi t2, %4, 48\n"
			 "1:\n\t"
			 "fld fa1, 0(t1)\n\t"
			 "fadd.d fa0, fa0, fa1\n\t"
			 "fmul.d fa2, fa1, fa1\n\t"
			 "addi t1, t1, 8\n\t"
			 "bne t1, t2, 1b\n\t"
			 "fmv.x.d %0, fa0\n\t"
			 "fmv.x.d %1, fa2\n\t"
			 "li %2, 0\n\t"
			 "frflags %3"
			 : "=r"(r.a), "=r"(r.b), "=r"(r.c), "=r"(r.flags)
			 : "r"(add)
			 : "fa0", "fa1", "fa2", "t1", "t2", "memory");
	return r;
}

static void show(const char *what, struct result r)
{
	printf("%s: %016llx %016llx %016llx flags %llx\n", what, (unsigned long long)r.a, (unsigned long long)r.b,
	       (unsigned long long)r.c, (unsigned long long)r.flags);
}

/* a double NaN waiting for its check, read by a single-precision operation: the host's NaN kept
 * the operand's payload, which looks like a boxed single (+inf); RISC-V's canonical NaN does not */
static struct result double_then_single(void)
{
	struct result r;
	const uint64_t boxed_inf = 0xffffffff7f800000ull; /* a quiet NaN as a double */
	double a;
	memcpy(&a, &boxed_inf, 8);
	__asm__ volatile("fsflags zero\n\t"
			 "fsub.d ft0, %[a], %[one]\n\t"
			 "fsqrt.s ft1, ft0\n\t"
			 "fmv.x.d %[x], ft1\n\t"
			 "fmv.x.d %[y], ft0\n\t"
			 "frflags %[f]"
			 : [x] "=r"(r.a), [y] "=r"(r.b), [f] "=r"(r.flags)
			 : [a] "f"(a), [one] "f"(one)
			 : "ft0", "ft1");
	r.c = 0;
	return r;
}

int main(void)
{
	uint8_t *none = fault_page(on_segv);
	struct result r[7];
	double stored = 0;
	uint64_t stored_bits, fault_bits = 0;
	CHECK(none);
	for (int round = 0; round < 2000; round++) {
		r[0] = pair_then_move();
		r[1] = propagate_then_inject(&stored);
		r[2] = singles();
		r[3] = fma_then_branch();
		r[4] = across_syscall();
		r[5] = loop_sum();
		r[6] = double_then_single();
		fault_bits = at_fault(none);
		memcpy(&stored_bits, &stored, 8);
		CHECK(r[0].a == CANON_D && r[0].b == 0x4000000000000000ull && r[0].c == r[0].b && r[0].flags == 0x10);
		CHECK(r[1].a == (CANON_D | 1ull << 63) && r[1].b == CANON_D && r[1].c == CANON_D && r[1].flags == 0x10);
		CHECK(stored_bits == CANON_D);
		CHECK(r[2].a == CANON_S && r[2].b == 0x7fc00000ull && r[2].c == 0xffffffff40000000ull &&
		      r[2].flags == 0x10);
		CHECK(r[3].a == CANON_D && r[3].b == CANON_D && r[3].c == CANON_D && r[3].flags == 0x10);
		CHECK(r[4].a == CANON_D && r[4].b == 0x4000000000000000ull && r[4].c == 1 && r[4].flags == 0x10);
		CHECK(r[5].a == CANON_D && r[5].b == 0x4042000000000000ull && r[5].flags == 0x10);
		CHECK(fault_bits == CANON_D);
		CHECK(r[6].a == CANON_S && r[6].b == CANON_D && r[6].flags == 0);
	}
	CHECK(faults == 2000);
	show("pair then move", r[0]);
	show("propagate then inject", r[1]);
	show("singles", r[2]);
	show("double then single", r[6]);
	show("fma then branch", r[3]);
	show("across a syscall", r[4]);
	show("loop sum", r[5]);
	printf("stored %016llx, at a fault %016llx\n", (unsigned long long)stored_bits, (unsigned long long)fault_bits);
	return 0;
}
