// The vector extension's loads and stores (V 1.0): unit-stride, strided (strides of either
// sign and zero), indexed (ordered and not, every index width), segments of 2 to 8 fields,
// whole registers, masks, masked and not, under several vtypes; fault-only-first loads that
// run into an unmapped page (vl trimmed) and loads that fault at an element after the first
// (SIGSEGV at that element's address). The register group and memory are printed as hashes.
// Generated from the list in its table; the oracle is QEMU 10.
// qemu: rva23
// cflags: -march=rv64gcv
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static uint8_t d_init[1024], i_init[1024], m_init[128], out[1024], *mem;
static unsigned group; /* bytes of v8-v15: 8 * VLENB */
static sigjmp_buf trap;
static void *fault_addr;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	fault_addr = sig == SIGSEGV ? si->si_addr : NULL;
	siglongjmp(trap, sig);
}

typedef void (*insn_fn)(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl);
static void t0(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvle8.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t1(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvle8.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t2(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvse8.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t3(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvse8.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t4(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlse8.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t5(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlse8.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t6(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsse8.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t7(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxei8.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t8(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvloxei8.v v8, (%[p]), v24, v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t9(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsuxei8.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t10(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxei8.v v8, (%[p]), v24, v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t11(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvle8ff.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t12(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg2e8.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t13(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg2e8.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t14(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg2e8.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t15(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg2e8.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t16(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg2ei8.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t17(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg2ei8.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t18(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg3e8.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t19(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg3e8.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t20(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg3e8.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t21(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg3e8.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t22(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg3ei8.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t23(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg3ei8.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t24(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg4e8.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t25(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg4e8.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t26(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg4e8.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t27(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg4e8.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t28(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg4ei8.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t29(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg4ei8.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t30(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg8e8.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t31(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg8e8.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t32(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg8e8.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t33(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg8e8.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t34(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg8ei8.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t35(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg8ei8.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t36(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl1re8.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t37(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl2re8.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t38(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl4re8.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t39(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl8re8.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t40(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvle16.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t41(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvle16.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t42(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvse16.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t43(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvse16.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t44(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlse16.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t45(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlse16.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t46(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsse16.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t47(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxei16.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t48(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvloxei16.v v8, (%[p]), v24, v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t49(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsuxei16.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t50(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxei16.v v8, (%[p]), v24, v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t51(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvle16ff.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t52(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg2e16.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t53(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg2e16.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t54(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg2e16.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t55(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg2e16.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t56(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg2ei16.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t57(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg2ei16.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t58(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg3e16.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t59(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg3e16.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t60(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg3e16.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t61(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg3e16.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t62(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg3ei16.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t63(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg3ei16.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t64(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg4e16.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t65(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg4e16.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t66(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg4e16.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t67(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg4e16.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t68(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg4ei16.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t69(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg4ei16.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t70(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg8e16.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t71(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg8e16.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t72(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg8e16.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t73(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg8e16.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t74(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg8ei16.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t75(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg8ei16.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t76(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl1re16.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t77(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl2re16.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t78(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl4re16.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t79(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl8re16.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t80(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvle32.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t81(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvle32.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t82(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvse32.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t83(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvse32.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t84(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlse32.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t85(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlse32.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t86(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsse32.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t87(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxei32.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t88(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvloxei32.v v8, (%[p]), v24, v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t89(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsuxei32.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t90(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxei32.v v8, (%[p]), v24, v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t91(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvle32ff.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t92(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg2e32.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t93(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg2e32.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t94(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg2e32.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t95(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg2e32.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t96(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg2ei32.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t97(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg2ei32.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t98(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg3e32.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t99(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg3e32.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t100(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg3e32.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t101(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg3e32.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t102(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg3ei32.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t103(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg3ei32.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t104(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg4e32.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t105(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg4e32.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t106(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg4e32.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t107(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg4e32.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t108(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg4ei32.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t109(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg4ei32.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t110(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg8e32.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t111(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg8e32.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t112(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg8e32.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t113(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg8e32.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t114(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg8ei32.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t115(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg8ei32.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t116(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl1re32.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t117(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl2re32.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t118(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl4re32.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t119(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl8re32.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t120(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvle64.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t121(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvle64.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t122(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvse64.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t123(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvse64.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t124(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlse64.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t125(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlse64.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t126(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsse64.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t127(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxei64.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t128(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvloxei64.v v8, (%[p]), v24, v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t129(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsuxei64.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t130(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxei64.v v8, (%[p]), v24, v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t131(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvle64ff.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t132(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg2e64.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t133(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg2e64.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t134(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg2e64.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t135(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg2e64.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t136(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg2ei64.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t137(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg2ei64.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t138(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg3e64.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t139(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg3e64.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t140(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg3e64.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t141(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg3e64.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t142(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg3ei64.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t143(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg3ei64.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t144(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg4e64.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t145(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg4e64.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t146(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg4e64.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t147(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg4e64.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t148(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg4ei64.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t149(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg4ei64.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t150(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlseg8e64.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t151(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsseg8e64.v v8, (%[p]), v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t152(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlsseg8e64.v v8, (%[p]), %[s], v0.t\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t153(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvssseg8e64.v v8, (%[p]), %[s]\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t154(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvluxseg8ei64.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t155(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsoxseg8ei64.v v8, (%[p]), v24\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t156(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl1re64.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t157(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl2re64.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t158(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl4re64.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t159(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvl8re64.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t160(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvs1r.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t161(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvs2r.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t162(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvs4r.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t163(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvs8r.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t164(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvlm.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static void t165(uint64_t vtype, uint64_t avl, uint8_t *p, int64_t s, uint64_t *vl)
{
	__asm__ volatile("vl8re8.v v8, (%[d])\n\tvl8re8.v v24, (%[i])\n\tvl1re8.v v0, (%[m])\n\t"
			 "vsetvl %[vl], %[avl], %[vt]\n\tvsm.v v8, (%[p])\n\tcsrr %[vl], vl\n\tvs8r.v v8, (%[o])"
			 : [vl] "=&r"(*vl)
			 : [d] "r"(d_init), [i] "r"(i_init), [m] "r"(m_init), [o] "r"(out), [avl] "r"(avl), [vt] "r"(vtype),
			   [p] "r"(p), [s] "r"(s)
			 : "memory");
}
static const struct { const char *text; insn_fn fn; } insns[] = {
	{"vle8.v v8, (%[p])", t0},
	{"vle8.v v8, (%[p]), v0.t", t1},
	{"vse8.v v8, (%[p])", t2},
	{"vse8.v v8, (%[p]), v0.t", t3},
	{"vlse8.v v8, (%[p]), %[s]", t4},
	{"vlse8.v v8, (%[p]), %[s], v0.t", t5},
	{"vsse8.v v8, (%[p]), %[s]", t6},
	{"vluxei8.v v8, (%[p]), v24", t7},
	{"vloxei8.v v8, (%[p]), v24, v0.t", t8},
	{"vsuxei8.v v8, (%[p]), v24", t9},
	{"vsoxei8.v v8, (%[p]), v24, v0.t", t10},
	{"vle8ff.v v8, (%[p])", t11},
	{"vlseg2e8.v v8, (%[p])", t12},
	{"vsseg2e8.v v8, (%[p]), v0.t", t13},
	{"vlsseg2e8.v v8, (%[p]), %[s], v0.t", t14},
	{"vssseg2e8.v v8, (%[p]), %[s]", t15},
	{"vluxseg2ei8.v v8, (%[p]), v24", t16},
	{"vsoxseg2ei8.v v8, (%[p]), v24", t17},
	{"vlseg3e8.v v8, (%[p])", t18},
	{"vsseg3e8.v v8, (%[p]), v0.t", t19},
	{"vlsseg3e8.v v8, (%[p]), %[s], v0.t", t20},
	{"vssseg3e8.v v8, (%[p]), %[s]", t21},
	{"vluxseg3ei8.v v8, (%[p]), v24", t22},
	{"vsoxseg3ei8.v v8, (%[p]), v24", t23},
	{"vlseg4e8.v v8, (%[p])", t24},
	{"vsseg4e8.v v8, (%[p]), v0.t", t25},
	{"vlsseg4e8.v v8, (%[p]), %[s], v0.t", t26},
	{"vssseg4e8.v v8, (%[p]), %[s]", t27},
	{"vluxseg4ei8.v v8, (%[p]), v24", t28},
	{"vsoxseg4ei8.v v8, (%[p]), v24", t29},
	{"vlseg8e8.v v8, (%[p])", t30},
	{"vsseg8e8.v v8, (%[p]), v0.t", t31},
	{"vlsseg8e8.v v8, (%[p]), %[s], v0.t", t32},
	{"vssseg8e8.v v8, (%[p]), %[s]", t33},
	{"vluxseg8ei8.v v8, (%[p]), v24", t34},
	{"vsoxseg8ei8.v v8, (%[p]), v24", t35},
	{"vl1re8.v v8, (%[p])", t36},
	{"vl2re8.v v8, (%[p])", t37},
	{"vl4re8.v v8, (%[p])", t38},
	{"vl8re8.v v8, (%[p])", t39},
	{"vle16.v v8, (%[p])", t40},
	{"vle16.v v8, (%[p]), v0.t", t41},
	{"vse16.v v8, (%[p])", t42},
	{"vse16.v v8, (%[p]), v0.t", t43},
	{"vlse16.v v8, (%[p]), %[s]", t44},
	{"vlse16.v v8, (%[p]), %[s], v0.t", t45},
	{"vsse16.v v8, (%[p]), %[s]", t46},
	{"vluxei16.v v8, (%[p]), v24", t47},
	{"vloxei16.v v8, (%[p]), v24, v0.t", t48},
	{"vsuxei16.v v8, (%[p]), v24", t49},
	{"vsoxei16.v v8, (%[p]), v24, v0.t", t50},
	{"vle16ff.v v8, (%[p])", t51},
	{"vlseg2e16.v v8, (%[p])", t52},
	{"vsseg2e16.v v8, (%[p]), v0.t", t53},
	{"vlsseg2e16.v v8, (%[p]), %[s], v0.t", t54},
	{"vssseg2e16.v v8, (%[p]), %[s]", t55},
	{"vluxseg2ei16.v v8, (%[p]), v24", t56},
	{"vsoxseg2ei16.v v8, (%[p]), v24", t57},
	{"vlseg3e16.v v8, (%[p])", t58},
	{"vsseg3e16.v v8, (%[p]), v0.t", t59},
	{"vlsseg3e16.v v8, (%[p]), %[s], v0.t", t60},
	{"vssseg3e16.v v8, (%[p]), %[s]", t61},
	{"vluxseg3ei16.v v8, (%[p]), v24", t62},
	{"vsoxseg3ei16.v v8, (%[p]), v24", t63},
	{"vlseg4e16.v v8, (%[p])", t64},
	{"vsseg4e16.v v8, (%[p]), v0.t", t65},
	{"vlsseg4e16.v v8, (%[p]), %[s], v0.t", t66},
	{"vssseg4e16.v v8, (%[p]), %[s]", t67},
	{"vluxseg4ei16.v v8, (%[p]), v24", t68},
	{"vsoxseg4ei16.v v8, (%[p]), v24", t69},
	{"vlseg8e16.v v8, (%[p])", t70},
	{"vsseg8e16.v v8, (%[p]), v0.t", t71},
	{"vlsseg8e16.v v8, (%[p]), %[s], v0.t", t72},
	{"vssseg8e16.v v8, (%[p]), %[s]", t73},
	{"vluxseg8ei16.v v8, (%[p]), v24", t74},
	{"vsoxseg8ei16.v v8, (%[p]), v24", t75},
	{"vl1re16.v v8, (%[p])", t76},
	{"vl2re16.v v8, (%[p])", t77},
	{"vl4re16.v v8, (%[p])", t78},
	{"vl8re16.v v8, (%[p])", t79},
	{"vle32.v v8, (%[p])", t80},
	{"vle32.v v8, (%[p]), v0.t", t81},
	{"vse32.v v8, (%[p])", t82},
	{"vse32.v v8, (%[p]), v0.t", t83},
	{"vlse32.v v8, (%[p]), %[s]", t84},
	{"vlse32.v v8, (%[p]), %[s], v0.t", t85},
	{"vsse32.v v8, (%[p]), %[s]", t86},
	{"vluxei32.v v8, (%[p]), v24", t87},
	{"vloxei32.v v8, (%[p]), v24, v0.t", t88},
	{"vsuxei32.v v8, (%[p]), v24", t89},
	{"vsoxei32.v v8, (%[p]), v24, v0.t", t90},
	{"vle32ff.v v8, (%[p])", t91},
	{"vlseg2e32.v v8, (%[p])", t92},
	{"vsseg2e32.v v8, (%[p]), v0.t", t93},
	{"vlsseg2e32.v v8, (%[p]), %[s], v0.t", t94},
	{"vssseg2e32.v v8, (%[p]), %[s]", t95},
	{"vluxseg2ei32.v v8, (%[p]), v24", t96},
	{"vsoxseg2ei32.v v8, (%[p]), v24", t97},
	{"vlseg3e32.v v8, (%[p])", t98},
	{"vsseg3e32.v v8, (%[p]), v0.t", t99},
	{"vlsseg3e32.v v8, (%[p]), %[s], v0.t", t100},
	{"vssseg3e32.v v8, (%[p]), %[s]", t101},
	{"vluxseg3ei32.v v8, (%[p]), v24", t102},
	{"vsoxseg3ei32.v v8, (%[p]), v24", t103},
	{"vlseg4e32.v v8, (%[p])", t104},
	{"vsseg4e32.v v8, (%[p]), v0.t", t105},
	{"vlsseg4e32.v v8, (%[p]), %[s], v0.t", t106},
	{"vssseg4e32.v v8, (%[p]), %[s]", t107},
	{"vluxseg4ei32.v v8, (%[p]), v24", t108},
	{"vsoxseg4ei32.v v8, (%[p]), v24", t109},
	{"vlseg8e32.v v8, (%[p])", t110},
	{"vsseg8e32.v v8, (%[p]), v0.t", t111},
	{"vlsseg8e32.v v8, (%[p]), %[s], v0.t", t112},
	{"vssseg8e32.v v8, (%[p]), %[s]", t113},
	{"vluxseg8ei32.v v8, (%[p]), v24", t114},
	{"vsoxseg8ei32.v v8, (%[p]), v24", t115},
	{"vl1re32.v v8, (%[p])", t116},
	{"vl2re32.v v8, (%[p])", t117},
	{"vl4re32.v v8, (%[p])", t118},
	{"vl8re32.v v8, (%[p])", t119},
	{"vle64.v v8, (%[p])", t120},
	{"vle64.v v8, (%[p]), v0.t", t121},
	{"vse64.v v8, (%[p])", t122},
	{"vse64.v v8, (%[p]), v0.t", t123},
	{"vlse64.v v8, (%[p]), %[s]", t124},
	{"vlse64.v v8, (%[p]), %[s], v0.t", t125},
	{"vsse64.v v8, (%[p]), %[s]", t126},
	{"vluxei64.v v8, (%[p]), v24", t127},
	{"vloxei64.v v8, (%[p]), v24, v0.t", t128},
	{"vsuxei64.v v8, (%[p]), v24", t129},
	{"vsoxei64.v v8, (%[p]), v24, v0.t", t130},
	{"vle64ff.v v8, (%[p])", t131},
	{"vlseg2e64.v v8, (%[p])", t132},
	{"vsseg2e64.v v8, (%[p]), v0.t", t133},
	{"vlsseg2e64.v v8, (%[p]), %[s], v0.t", t134},
	{"vssseg2e64.v v8, (%[p]), %[s]", t135},
	{"vluxseg2ei64.v v8, (%[p]), v24", t136},
	{"vsoxseg2ei64.v v8, (%[p]), v24", t137},
	{"vlseg3e64.v v8, (%[p])", t138},
	{"vsseg3e64.v v8, (%[p]), v0.t", t139},
	{"vlsseg3e64.v v8, (%[p]), %[s], v0.t", t140},
	{"vssseg3e64.v v8, (%[p]), %[s]", t141},
	{"vluxseg3ei64.v v8, (%[p]), v24", t142},
	{"vsoxseg3ei64.v v8, (%[p]), v24", t143},
	{"vlseg4e64.v v8, (%[p])", t144},
	{"vsseg4e64.v v8, (%[p]), v0.t", t145},
	{"vlsseg4e64.v v8, (%[p]), %[s], v0.t", t146},
	{"vssseg4e64.v v8, (%[p]), %[s]", t147},
	{"vluxseg4ei64.v v8, (%[p]), v24", t148},
	{"vsoxseg4ei64.v v8, (%[p]), v24", t149},
	{"vlseg8e64.v v8, (%[p])", t150},
	{"vsseg8e64.v v8, (%[p]), v0.t", t151},
	{"vlsseg8e64.v v8, (%[p]), %[s], v0.t", t152},
	{"vssseg8e64.v v8, (%[p]), %[s]", t153},
	{"vluxseg8ei64.v v8, (%[p]), v24", t154},
	{"vsoxseg8ei64.v v8, (%[p]), v24", t155},
	{"vl1re64.v v8, (%[p])", t156},
	{"vl2re64.v v8, (%[p])", t157},
	{"vl4re64.v v8, (%[p])", t158},
	{"vl8re64.v v8, (%[p])", t159},
	{"vs1r.v v8, (%[p])", t160},
	{"vs2r.v v8, (%[p])", t161},
	{"vs4r.v v8, (%[p])", t162},
	{"vs8r.v v8, (%[p])", t163},
	{"vlm.v v8, (%[p])", t164},
	{"vsm.v v8, (%[p])", t165},
};

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t fnv(const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

#define ARENA 16384

int main(void)
{
	static const uint64_t vtypes[] = {0x00, 0x09, 0x12, 0x18, 0x0f, 0x1a, 0x01, 0x05};
	long page = sysconf(_SC_PAGESIZE);
	struct sigaction sa;
	__asm__ volatile("csrr %0, vlenb" : "=r"(group));
	group *= 8;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	/* the arena, then an unmapped page */
	mem = mmap(NULL, ARENA + (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(mem + ARENA, (size_t)page);
	for (unsigned k = 0; k < sizeof insns / sizeof insns[0]; k++) {
		for (unsigned v = 0; v < sizeof vtypes / sizeof vtypes[0]; v++) {
			for (unsigned n = 0; n < 3; n++) {
				uint64_t vl = 0, avl = n == 1 ? 3 : 1000;
				int64_t stride = n == 0 ? 24 : n == 1 ? -40 : 0;
				uint8_t *p = mem + 4096;
				int sig;
				for (int i = 0; i < ARENA; i += 8) {
					uint64_t r = next();
					memcpy(mem + i, &r, 8);
				}
				for (unsigned i = 0; i < group; i += 8) {
					uint64_t r = next(), idx = next() % 2048;
					memcpy(d_init + i, &r, 8);
					/* indices that fit every index width: small enough for 8 bits in the first bytes */
					for (int b = 0; b < 8; b++)
						i_init[i + b] = (uint8_t)(b == 0 ? idx & 0xf8 : b == 1 ? (idx >> 8) & 7 : 0);
				}
				for (unsigned i = 0; i < group / 8; i++)
					m_init[i] = (uint8_t)next();
				if (n == 2 && strstr(insns[k].text, "ff.v"))
					p = mem + ARENA - 24; /* runs into the unmapped page */
				else if (n == 2 && strstr(insns[k].text, "vle") && !strstr(insns[k].text, "v0.t"))
					p = mem + ARENA - 40; /* faults at a later element */
				memcpy(out, d_init, group);
				fault_addr = NULL;
				if ((sig = sigsetjmp(trap, 1)) != 0) {
					printf("%s vtype %02llx avl %llu stride %lld: signal %d at offset %lld\n", insns[k].text,
					       (unsigned long long)vtypes[v], (unsigned long long)avl, (long long)stride, sig,
					       fault_addr ? (long long)((uint8_t *)fault_addr - mem) : -1ll);
					continue;
				}
				insns[k].fn(vtypes[v], avl, p, stride, &vl);
				printf("%s vtype %02llx avl %llu stride %lld: vl %llu regs %016llx memory %016llx\n", insns[k].text,
				       (unsigned long long)vtypes[v], (unsigned long long)avl, (long long)stride, (unsigned long long)vl,
				       (unsigned long long)fnv(out, group), (unsigned long long)fnv(mem, ARENA));
			}
		}
	}
	return 0;
}
