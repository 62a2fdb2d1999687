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
	struct hwprobe p[4] = {{3, 0}, {4, 0}, {5, 0}, {999, 7}};
	__asm__("ctzw %0, %1" : "=r"(r) : "r"(v));
	CHECK(r == 32);
	__asm__("clzw %0, %1" : "=r"(r) : "r"(v));
	CHECK(r == 32);
	CHECK(syscall(258 /* riscv_hwprobe */, p, 4, 0, NULL, 0) == 0);
	CHECK(p[0].key == 3 && p[0].value == 1);                             /* base behaviour: IMA */
	CHECK(p[1].key == 4 && (p[1].value & 0x3b) == 0x3b);                 /* FD, C, Zba, Zbb, Zbs */
	CHECK(p[2].key == 5);
	CHECK(p[3].key == -1 && p[3].value == 0);                            /* unknown key */
	printf("rvx-only checks ok\n");
	return 0;
}
