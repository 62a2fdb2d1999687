// RVA23U64's scalar additions: Zicond, Zbc, Zbkb, Zbkx, Zimop, Zcmop, Zcb, Zicbom, Zicboz,
// Zawrs (encoded with .insn: Debian 12's binutils knows only some of them). Each instruction on
// edge and random operands; cbo.zero on a buffer and on a read-only page (the fault's address);
// cbo.inval/clean/flush raise SIGILL, as Linux leaves them disabled in user mode.
// qemu: rva23
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define R(name, f7, f3, op)                                                                                            \
	static uint64_t name(uint64_t a, uint64_t b)                                                                   \
	{                                                                                                              \
		uint64_t r;                                                                                            \
		__asm__ volatile(".insn r " #op ", " #f3 ", " #f7 ", %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));          \
		return r;                                                                                              \
	}
R(czero_eqz, 0x07, 5, 0x33)
R(czero_nez, 0x07, 7, 0x33)
R(clmul, 0x05, 1, 0x33)
R(clmulr, 0x05, 2, 0x33)
R(clmulh, 0x05, 3, 0x33)
R(pack, 0x04, 4, 0x33)
R(packh, 0x04, 7, 0x33)
R(packw, 0x04, 4, 0x3b)
R(xperm4, 0x14, 2, 0x33)
R(xperm8, 0x14, 4, 0x33)
R(mop_rr_0, 0x41, 4, 0x73)
R(mop_rr_7, 0x67, 4, 0x73)

static uint64_t brev8(uint64_t a)
{
	uint64_t r;
	__asm__ volatile(".insn i 0x13, 5, %0, %1, 0x687" : "=r"(r) : "r"(a));
	return r;
}

static uint64_t mop_r_0(uint64_t a)
{
	uint64_t r = 0x1234;
	__asm__ volatile(".insn i 0x73, 4, %0, %1, -2020" : "+r"(r) : "r"(a)); /* 0x81c */
	return r;
}

static uint64_t mop_r_31(uint64_t a)
{
	uint64_t r = 0x1234;
	__asm__ volatile(".insn i 0x73, 4, %0, %1, -853" : "+r"(r) : "r"(a)); /* 0xcaf: 1 1 00 11 0111 11 */
	return r;
}

/* Zcb and Zcmop: 16-bit encodings with a0 and a1 */
#define C16(name, enc)                                                                                                 \
	static uint64_t name(uint64_t v, void *p)                                                                      \
	{                                                                                                              \
		register uint64_t a0 __asm__("a0") = v;                                                                \
		register void *a1 __asm__("a1") = p;                                                                   \
		__asm__ volatile(".insn " #enc : "+r"(a0), "+r"(a1) : : "memory");                                     \
		return a0;                                                                                             \
	}
C16(c_lbu1, 0x81c8)
C16(c_lbu2, 0x81a8)
C16(c_lhu2, 0x85a8)
C16(c_lh2, 0x85e8)
C16(c_sb3, 0x89e8)
C16(c_sh2, 0x8da8)
C16(c_zext_b, 0x9d61)
C16(c_sext_b, 0x9d65)
C16(c_zext_h, 0x9d69)
C16(c_sext_h, 0x9d6d)
C16(c_zext_w, 0x9d71)
C16(c_not, 0x9d75)
C16(c_mop_1, 0x6081)
C16(c_mop_15, 0x6781)

static uint64_t c_mul(uint64_t a, uint64_t b)
{
	register uint64_t a0 __asm__("a0") = a;
	register uint64_t a1 __asm__("a1") = b;
	__asm__ volatile(".insn 0x9d4d" : "+r"(a0) : "r"(a1));
	return a0;
}

static sigjmp_buf back;
static volatile uintptr_t fault_addr;
static volatile int fault_sig;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	fault_sig = sig;
	fault_addr = (uintptr_t)si->si_addr;
	siglongjmp(back, 1);
}

static void cbo(void *p, int which)
{
	switch (which) {
	case 0: __asm__ volatile(".insn i 0x0f, 2, x0, %0, 0" : : "r"(p) : "memory"); break;  /* inval */
	case 1: __asm__ volatile(".insn i 0x0f, 2, x0, %0, 1" : : "r"(p) : "memory"); break;  /* clean */
	case 2: __asm__ volatile(".insn i 0x0f, 2, x0, %0, 2" : : "r"(p) : "memory"); break;  /* flush */
	default: __asm__ volatile(".insn i 0x0f, 2, x0, %0, 4" : : "r"(p) : "memory"); break; /* zero */
	}
}

int main(void)
{
	static const uint64_t edge[] = {0,
					1,
					2,
					0x7f,
					0x80,
					0xff,
					0x8000,
					0xffff,
					0x7fffffff,
					0x80000000,
					0xffffffff,
					0x100000000,
					0x8000000000000000,
					0xffffffffffffffff,
					0x0123456789abcdef,
					0xfedcba9876543210};
	uint64_t x = 0x9e3779b97f4a7c15, sum = 0;
	unsigned char mem[16];
	for (unsigned i = 0; i < sizeof edge / sizeof edge[0] + 24; i++) {
		uint64_t a = i < 16 ? edge[i] : (x = x * 6364136223846793005ull + 1442695040888963407ull);
		uint64_t b =
		    i < 16 ? edge[(i * 7 + 3) % 16] : (x = x * 6364136223846793005ull + 1442695040888963407ull);
		if (i >= 16 && i % 3 == 0)
			b &= 0x0f0f0f0f0f0f0f0full; /* indices in range for xperm */
		printf("%016llx %016llx: czero %llx %llx clmul %llx %llx %llx pack %llx %llx %llx\n",
		       (unsigned long long)a, (unsigned long long)b, (unsigned long long)czero_eqz(a, b),
		       (unsigned long long)czero_nez(a, b), (unsigned long long)clmul(a, b),
		       (unsigned long long)clmulh(a, b), (unsigned long long)clmulr(a, b),
		       (unsigned long long)pack(a, b), (unsigned long long)packh(a, b),
		       (unsigned long long)packw(a, b));
		printf("  brev8 %llx xperm %llx %llx mop %llx %llx %llx %llx zcb %llx %llx %llx %llx %llx %llx %llx "
		       "mul %llx mop %llx %llx\n",
		       (unsigned long long)brev8(a), (unsigned long long)xperm4(a, b), (unsigned long long)xperm8(a, b),
		       (unsigned long long)mop_r_0(a), (unsigned long long)mop_r_31(a),
		       (unsigned long long)mop_rr_0(a, b), (unsigned long long)mop_rr_7(a, b),
		       (unsigned long long)c_zext_b(a, 0), (unsigned long long)c_sext_b(a, 0),
		       (unsigned long long)c_zext_h(a, 0), (unsigned long long)c_sext_h(a, 0),
		       (unsigned long long)c_zext_w(a, 0), (unsigned long long)c_not(a, 0), (unsigned long long)a,
		       (unsigned long long)c_mul(a, b), (unsigned long long)c_mop_1(a, 0),
		       (unsigned long long)c_mop_15(a, 0));
		memcpy(mem, &a, 8);
		memcpy(mem + 8, &b, 8);
		printf("  loads %llx %llx %llx %llx", (unsigned long long)c_lbu1(0, mem + 4),
		       (unsigned long long)c_lbu2(0, mem + 4), (unsigned long long)c_lhu2(0, mem + 4),
		       (unsigned long long)c_lh2(0, mem + 4));
		c_sb3(b, mem);
		c_sh2(b >> 8, mem + 8);
		for (int k = 0; k < 16; k++)
			printf("%s%02x", k ? "" : " stores ", mem[k]);
		printf("\n");
		sum += a;
	}

	/* cbo.zero clears the 64-byte block holding the address; the others change nothing */
	unsigned char *page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return 1;
	memset(page, 0xab, 2 * 4096);
	cbo(page + 64 + 13, 3);
	int zeros = 0, first = -1, last = -1;
	for (int k = 0; k < 4096; k++)
		if (page[k] == 0) {
			zeros++;
			last = k;
			if (first < 0)
				first = k;
		}
	printf("cbo.zero: %d bytes zeroed, %d..%d\n", zeros, first, last);

	struct sigaction sa = {0};
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	/* Linux does not let user mode run cbo.inval, cbo.clean or cbo.flush */
	for (int w = 0; w < 3; w++) {
		fault_sig = 0;
		if (!sigsetjmp(back, 1))
			cbo(page + 300, w);
		printf("cbo %d: signal %d\n", w, fault_sig);
	}
	mprotect(page + 4096, 4096, PROT_READ);
	if (!sigsetjmp(back, 1)) {
		cbo(page + 4096 + 200, 3);
		printf("cbo.zero on a read-only page did not fault\n");
	} else {
		printf("cbo.zero on a read-only page: SIGSEGV at page+%ld, block %s\n",
		       (long)(fault_addr - (uintptr_t)page), page[4096 + 192] == 0xab ? "untouched" : "written");
	}
	/* Zawrs: wrs.nto and wrs.sto return (no reservation here) */
	__asm__ volatile(".insn 0x00d00073\n.insn 0x01d00073");
	printf("wrs: returned; sum %llx\n", (unsigned long long)sum);
	return 0;
}
