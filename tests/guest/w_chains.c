/* Chains of 32-bit operations as hashes write them (rotates from shift pairs, x * 5 as a shift
 * and an add, multiplies), whose sign extensions the translator leaves out or puts off: each
 * result must still be whole wherever a 64-bit use, a branch, a store or the block's end sees
 * it. Also gcc's byte-by-byte copy of a word whose store faults: the signal handler must see
 * every loaded register, even one the copy's next instruction overwrites. Output is compared
 * with qemu-riscv64. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>

#include "check.h"

static const uint64_t vals[] = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x123456789abcdef0, 0xfedcba9880000001,
				0x00000000deadbeef, 0xffffffff00000005, 0x8000000000000000};
#define N (sizeof vals / sizeof vals[0])

static uint64_t h;
static void mix(uint64_t v)
{
	h = hash_mix(h, v);
}

/* rotate right by 13 from a shift pair, then a W consumer, then a 64-bit use of the rotate */
static void rotate_chain(uint64_t x, uint64_t y, uint64_t z)
{
	register uint64_t a asm("t3"), b asm("t4"), d asm("a5"), e asm("a4"), f asm("t5");
	__asm__ volatile("srliw %[a], %[x], 13\n\t"
			 "slliw %[b], %[x], 19\n\t"
			 "or %[d], %[a], %[b]\n\t"
			 "addw %[e], %[d], %[y]\n\t"
			 "add %[f], %[d], %[z]\n\t"
			 : [a] "=&r"(a), [b] "=&r"(b), [d] "=&r"(d), [e] "=&r"(e), [f] "=&r"(f)
			 : [x] "r"(x), [y] "r"(y), [z] "r"(z));
	mix(a), mix(b), mix(d), mix(e), mix(f);
}

/* the rotate's shifts spread among other work (up to 16 apart), its result leaving the block
 * by a branch right after its W consumer */
static uint64_t rotate_spread(uint64_t x, uint64_t y)
{
	register uint64_t a asm("s2"), b asm("s3"), d asm("s4"), e asm("s5"), u asm("t1"), v asm("t2");
	__asm__ volatile("slliw %[b], %[x], 30\n\t"
			 "xor %[u], %[x], %[y]\n\t"
			 "addi %[v], %[y], 7\n\t"
			 "and %[u], %[u], %[v]\n\t"
			 "srliw %[a], %[x], 2\n\t"
			 "sub %[v], %[v], %[u]\n\t"
			 "or %[u], %[u], %[y]\n\t"
			 "xori %[v], %[v], -1\n\t"
			 "slli %[u], %[u], 3\n\t"
			 "add %[v], %[v], %[u]\n\t"
			 "or %[d], %[a], %[b]\n\t"
			 "mulw %[e], %[d], %[y]\n\t"
			 "bnez %[e], 1f\n\t"
			 "addi %[e], %[e], 1\n"
			 "1:\n\t"
			 : [a] "=&r"(a), [b] "=&r"(b), [d] "=&r"(d), [e] "=&r"(e), [u] "=&r"(u), [v] "=&r"(v)
			 : [x] "r"(x), [y] "r"(y));
	mix(a), mix(b), mix(e), mix(u), mix(v);
	return d;
}

/* the W consumer overwrites the rotate's register; then one that does not but is a sext.w */
static void rotate_overwritten(uint64_t x, uint64_t y)
{
	static uint64_t slot;
	register uint64_t a asm("a2"), b asm("a3"), d asm("a5") = 0, s asm("s1");
	__asm__ volatile("srliw %[a], %[x], 7\n\t"
			 "slliw %[b], %[x], 25\n\t"
			 "or %[d], %[a], %[b]\n\t"
			 "addw %[d], %[d], %[y]\n\t"
			 "srliw %[a], %[d], 11\n\t"
			 "slliw %[b], %[d], 21\n\t"
			 "or %[s], %[b], %[a]\n\t"
			 "sext.w %[a], %[s]\n\t"
			 "sd %[s], 0(%[p])\n\t"
			 "ld %[b], 0(%[p])\n\t"
			 : [a] "=&r"(a), [b] "=&r"(b), [d] "+&r"(d), [s] "=&r"(s)
			 : [x] "r"(x), [y] "r"(y), [p] "r"(&slot)
			 : "memory");
	mix(a), mix(b), mix(d), mix(s);
}

/* x * 5 and a * 8 + b as slliw and addw, with the shifted value kept or not */
static void scaled_chain(uint64_t x, uint64_t y)
{
	register uint64_t t asm("a1"), d asm("a0"), k asm("t0"), e asm("t6"), f asm("a6");
	__asm__ volatile("slliw %[t], %[x], 2\n\t"
			 "addw %[t], %[t], %[x]\n\t"
			 "addw %[e], %[t], %[y]\n\t"
			 "slliw %[k], %[y], 3\n\t"
			 "addw %[d], %[x], %[k]\n\t"
			 "add %[f], %[d], %[k]\n\t"
			 : [t] "=&r"(t), [d] "=&r"(d), [k] "=&r"(k), [e] "=&r"(e), [f] "=&r"(f)
			 : [x] "r"(x), [y] "r"(y));
	mix(t), mix(d), mix(k), mix(e), mix(f);
}

static volatile uint64_t seen[5];
static volatile uintptr_t seen_pc;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	(void)sig, (void)si;
	seen_pc = uc->uc_mcontext.__gregs[0];
	seen[0] = uc->uc_mcontext.__gregs[28]; /* t3 */
	seen[1] = uc->uc_mcontext.__gregs[29]; /* t4 */
	seen[2] = uc->uc_mcontext.__gregs[30]; /* t5 */
	seen[3] = uc->uc_mcontext.__gregs[31]; /* t6 */
	uc->uc_mcontext.__gregs[0] += 16;      /* past the four stores */
}

/* four byte loads, four byte stores of them (one word copy), t4 and t5 overwritten after */
static uintptr_t copy_word(const uint8_t *from, uint8_t *to)
{
	uintptr_t at;
	__asm__ volatile("lbu t3, 0(%[f])\n\t"
			 "lbu t4, 1(%[f])\n\t"
			 "lbu t5, 2(%[f])\n\t"
			 "lbu t6, 3(%[f])\n\t"
			 ".option push\n\t"
			 ".option norvc\n\t"
			 "1: sb t3, 0(%[t])\n\t"
			 "sb t4, 1(%[t])\n\t"
			 "sb t5, 2(%[t])\n\t"
			 "sb t6, 3(%[t])\n\t"
			 ".option pop\n\t"
			 "li t4, 0\n\t"
			 "li t5, 0\n\t"
			 "la %[at], 1b\n\t"
			 : [at] "=&r"(at)
			 : [f] "r"(from), [t] "r"(to)
			 : "t3", "t4", "t5", "t6", "memory");
	return at;
}

int main(void)
{
	static uint8_t src[8] = {0x81, 0x42, 0xc3, 0x04, 5, 6, 7, 8}, dst[8];
	uint8_t *ro;
	uint64_t acc = 0;
	for (int round = 0; round < 50; round++) { /* translated after the first runs */
		for (unsigned i = 0; i < N; i++)
			for (unsigned j = 0; j < N; j++) {
				rotate_chain(vals[i], vals[j], vals[(i + j) % N]);
				acc += rotate_spread(vals[i], vals[j]);
				rotate_overwritten(vals[i], vals[j]);
				scaled_chain(vals[i], vals[j]);
			}
		if (round == 0 || round == 49)
			printf("round %d: hash %016llx acc %016llx\n", round, (unsigned long long)h,
			       (unsigned long long)acc);
	}
	struct sigaction sa = {0};
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(ro != MAP_FAILED);
	for (int round = 0; round < 50; round++) {
		uintptr_t at;
		seen_pc = 0;
		at = copy_word(src, dst);
		CHECK(seen_pc == 0 && dst[0] == 0x81 && dst[3] == 0x04);
		at = copy_word(src + 1, ro);
		CHECK(seen_pc == at);
		CHECK(seen[0] == 0x42 && seen[1] == 0xc3 && seen[2] == 0x04 && seen[3] == 5);
	}
	printf("copy: fault at the first store with t3..t6 = %02llx %02llx %02llx %02llx\n",
	       (unsigned long long)seen[0], (unsigned long long)seen[1], (unsigned long long)seen[2],
	       (unsigned long long)seen[3]);
	return 0;
}
