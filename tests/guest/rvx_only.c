/* Behaviour qemu-riscv64 7.2 gets wrong or lacks, checked against the ISA manual and the
 * Linux ABI instead: ctzw of a zero low word with high bits set, riscv_hwprobe. */
// no-qemu: qemu-riscv64 7.2 has no riscv_hwprobe and miscounts ctzw (see zb.c)
// cflags: -march=rv64gc_zba_zbb_zbs
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

struct hwprobe {
	int64_t key;
	uint64_t value;
};

int main(void)
{
	uint64_t r, v = 0x8000000000000000ull;
	struct hwprobe p[9] = {{3, 0}, {4, 0}, {5, 0}, {999, 7}, {6, 9}, {7, 0}, {8, 0}, {9, 0}, {10, 0}};
	/* the extensions hwprobe claims, by their bits in Linux's asm/hwprobe.h: each must run (the
	 * newer ones: rva23_scalar.c) */
	const uint64_t claimed = 1ull << 0 /* FD */ | 1ull << 1 /* C */ | 1ull << 2 /* V */ | 1ull << 3 /* Zba */ |
				 1ull << 4 /* Zbb */ | 1ull << 16 /* Zkt */ | 1ull << 17 /* Zvbb */ | 1ull << 19 /* Zvkb */ |
				 1ull << 26 /* Zvkt */ | 1ull << 28 /* Zfhmin */ | 1ull << 31 /* Zvfhmin */ | 1ull << 32 /* Zfa */ |
				 1ull << 5 /* Zbs */ | 1ull << 6 /* Zicboz */ | 1ull << 7 /* Zbc */ | 1ull << 8 /* Zbkb */ |
				 1ull << 10 /* Zbkx */ | 1ull << 29 /* Zihintntl */ | 1ull << 35 /* Zicond */ |
				 1ull << 36 /* Zihintpause */ | 1ull << 42 /* Zimop */ | 1ull << 43 /* Zca */ |
				 1ull << 44 /* Zcb */ | 1ull << 45 /* Zcd */ | 1ull << 47 /* Zcmop */ | 1ull << 48 /* Zawrs */ |
				 1ull << 50 /* Zicntr */;
	uint64_t t0, t1;
	double d = 2.5;
	__asm__("ctzw %0, %1" : "=r"(r) : "r"(v));
	CHECK(r == 32);
	__asm__("clzw %0, %1" : "=r"(r) : "r"(v));
	CHECK(r == 32);
	CHECK(syscall(258 /* riscv_hwprobe */, p, 9, 0, NULL, 0) == 0);
	CHECK(p[0].key == 3 && p[0].value == 1);                                      /* base behaviour: IMA */
	CHECK(p[1].key == 4 && p[1].value == claimed);                                /* no more, no less */
	CHECK(p[2].key == 5 && p[2].value == 3);                                      /* misaligned accesses fast */
	CHECK(p[3].key == -1 && p[3].value == 0);                                     /* unknown key */
	CHECK(p[4].key == 6 && p[4].value == 64);                                     /* Zicboz's block */
	CHECK(p[5].key == 7 && p[5].value == (1ull << 38) - 1);                       /* Sv39 */
	CHECK(p[6].key == 8 && p[6].value == 10000000);                               /* the time CSR's frequency */
	CHECK(p[7].key == 9 && p[7].value == 3 && p[8].key == 10 && p[8].value == 3); /* fast misaligned */
	CHECK(syscall(258, p, 1, 0, NULL, 1) == -1 && errno == EINVAL);               /* no WHICH_CPUS */
	__asm__ volatile(".insn i 0x0f, 0, x0, x0, 0x010" ::: "memory");              /* pause */
	__asm__ volatile("add x0, x0, x2\n\tadd x0, x0, x5" ::: "memory");            /* ntl.p1, ntl.all */
	__asm__ volatile("rdtime %0\n\trdcycle %1" : "=r"(t0), "=r"(t1));
	{
		register double *pd __asm__("a0") = &d; /* c.fld takes x8-x15 */
		__asm__ volatile(".option push\n\t.option arch, +c\n\tc.fld fa5, 0(%0)\n\t.option pop"
				 :
				 : "r"(pd)
				 : "fa5");
	}
	CHECK(t0 > 0 && t1 > 0);
	printf("rvx-only checks ok\n");
	return 0;
}
