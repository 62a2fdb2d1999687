/* rdinstret counts exactly the instructions retired before it, under both engines: across a
 * loop with loads and stores (translated blocks count themselves at entry), within one block,
 * across an ecall (which retires), across loops that their translation leaves midway, along
 * straight-line code longer than a translated block, with a counter read every other instruction,
 * inside a loop, in a SIGSEGV handler after a loop that ran into an unmapped page, around
 * faults that the translated code finds itself (an address outside the guest space) or that
 * the interpreter meets for it (an AMO it runs), which retire nothing, and across branches
 * over a few instructions, in a loop, to a loop's head and before a fault. */
// no-qemu: qemu-riscv64's rdinstret is a host tick count
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf back;
volatile uint64_t at_fault;

/* the SIGSEGV handler reads the counter first thing, then leaves by siglongjmp */
void leave_fault(void)
{
	siglongjmp(back, 1);
}
void on_segv(int sig, siginfo_t *si, void *ctx);
__asm__(".globl on_segv\non_segv:\n\trdinstret t0\n\tla t1, at_fault\n\tsd t0, 0(t1)\n\ttail leave_fault");

/* steps over the faulting instruction */
static void skip_insn(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	uint16_t lo = *(const uint16_t *)uc->uc_mcontext.__gregs[0];
	(void)sig;
	(void)si;
	uc->uc_mcontext.__gregs[0] += (lo & 3) == 3 ? 4 : 2;
}

/* the instructions counted from one rdinstret to the next across access, which faults at p;
 * the handler's included */
#define ACROSS(name, access)                                                                                           \
	static uint64_t name(void *p)                                                                                  \
	{                                                                                                              \
		uint64_t a, b;                                                                                         \
		__asm__ volatile("rdinstret %0\n\tli t1, 1\n\t" access "\n\taddi t1, t1, 1\n\t"                        \
				 "addi t1, t1, 1\n\trdinstret %1"                                                      \
				 : "=&r"(a), "=r"(b)                                                                   \
				 : "r"(p)                                                                              \
				 : "t0", "t1", "memory");                                                              \
		return b - a;                                                                                          \
	}
ACROSS(across_load, "ld t0, 0(%2)")
ACROSS(across_amo, "amomax.d t0, t1, (%2)")
/* with a branch over an addi before the access (the translator keeps both ways in the block, the
 * addi counting itself): taken, then not */
ACROSS(across_skipped, "andi t0, t1, 1\n\tbnez t0, 9f\n\taddi t1, t1, 1\n9:\n\tld t0, 0(%2)")
ACROSS(across_not_skipped, "andi t0, t1, 2\n\tbnez t0, 9f\n\taddi t1, t1, 1\n9:\n\tld t0, 0(%2)")

/* The count of the loop of branches over instructions below, from t1 = 1000 down, left where t1
 * reaches stop: each pass 7 instructions, 2 more where t1 is odd, 1 where its bit 1 is clear, and
 * not the last 2 in the pass that leaves */
static uint64_t ifs_count(uint64_t stop)
{
	uint64_t n = 3;
	for (uint64_t v = 1000; v; v--) {
		n += 7 + (v & 1 ? 2 : 0) + (v & 2 ? 0 : 1);
		if (v == stop)
			return n - 2;
	}
	return n;
}

/* A loop counting t1 down from 1000 (code after the count is set up, ending in rdinstret %1)
 * with a second way out where t1 reaches t4: run once left that way after 700 passes (t4 = 300),
 * once to the end; the instructions each run counted are printed and checked. */
#define COUNTDOWN(what, left, code, left_count, end_count)                                                             \
	for (int k = 0; k < 2; k++) {                                                                                  \
		uint64_t stop = k ? (uint64_t)-1 : 300;                                                                \
		__asm__ volatile("rdinstret %0\n\tli t1, 1000\n\tmv t4, %3\n" code                                     \
				 : "=&r"(a), "=&r"(b)                                                                  \
				 : "r"(buf), "r"(stop)                                                                 \
				 : "t1", "t2", "t4", "memory");                                                        \
		printf("%s, %s: %llu\n", what, k ? "to the end" : left, (unsigned long long)(b - a));                  \
		bad |= b - a != (k ? (end_count) : (left_count));                                                      \
	}

int main(void)
{
	static uint64_t buf[2];
	uint64_t a, b, loop, straight, syscall;
	int bad = 0;
	__asm__ volatile("rdinstret %0\n\tli t1, 1000\n1:\n\tld t2, 0(%2)\n\tsd t2, 8(%2)\n\taddi t1, t1, -1\n\t"
			 "bnez t1, 1b\n\trdinstret %1"
			 : "=&r"(a), "=&r"(b)
			 : "r"(buf)
			 : "t1", "t2", "memory");
	loop = b - a;
	__asm__ volatile(
	    "rdinstret %0\n\tld t2, 0(%2)\n\taddi t2, t2, 1\n\tsd t2, 0(%2)\n\trdinstret %1\n\tsd t2, 8(%2)"
	    : "=&r"(a), "=&r"(b)
	    : "r"(buf)
	    : "t2", "memory");
	straight = b - a;
	__asm__ volatile("rdinstret %0\n\tli a7, 172\n\tecall\n\trdinstret %1"
			 : "=&r"(a), "=&r"(b)
			 :
			 : "a0", "a7", "memory");
	syscall = b - a;
	/* a loop whose test comes first, reached by a jump, its body's branch back to the test (the
	 * translator makes them one block, with a side exit where that branch is not taken): left
	 * by the side exit after 700 passes, then by the test after 1000 */
	COUNTDOWN("loop by its test first", "left early",
		  "\tj 2f\n"
		  "1:\tbeqz t1, 3f\n"
		  "2:\tld t2, 0(%2)\n\taddi t1, t1, -1\n\tbne t1, t4, 1b\n"
		  "3:\trdinstret %1",
		  4 + 3 * 700 + 699, 4 + 3 * 1000 + 1000);
	/* a loop with its exit in the middle: left there after 700 passes, then at its end after 1000 */
	COUNTDOWN("loop with its exit in the middle", "left there",
		  "1:\tld t2, 0(%2)\n\tbeq t1, t4, 2f\n\taddi t1, t1, -1\n\tbnez t1, 1b\n"
		  "2:\trdinstret %1",
		  3 + 4 * 700 + 2, 3 + 4 * 1000);
	/* a loop of branches over one and two instructions (both ways in one block) */
	COUNTDOWN("loop with branches over instructions", "left early",
		  "1:\tandi t2, t1, 1\n\tbeqz t2, 2f\n\taddi t2, t2, 5\n\taddi t2, t2, 7\n"
		  "2:\tandi t2, t1, 2\n\tbnez t2, 3f\n\taddi t2, t2, 1\n"
		  "3:\tbeq t1, t4, 4f\n\taddi t1, t1, -1\n\tbnez t1, 1b\n"
		  "4:\trdinstret %1",
		  ifs_count(300), ifs_count(0));
	/* a loop entered at its head by an indirect jump (a block begins there) whose branch over its
	 * last instruction goes to the head, so that the loop closes either way: 5 instructions to
	 * the head, each pass 3, then 2 back to the head but in the last, 1 more where t1 is odd */
	{
		uint64_t want = 5 + 3 * 1000;
		for (uint64_t t1 = 999; t1; t1--)
			want += 2 + (t1 & 1);
		__asm__ volatile("rdinstret %0\n\tli t1, 1000\n\tla t2, 2f\n\tjr t2\n"
				 "1:\tandi t2, t1, 1\n\tbeqz t2, 2f\n\taddi t2, t2, 3\n"
				 "2:\tld t2, 0(%2)\n\taddi t1, t1, -1\n\tbnez t1, 1b\n\trdinstret %1"
				 : "=&r"(a), "=&r"(b)
				 : "r"(buf)
				 : "t1", "t2", "memory");
		printf("loop closed by a branch over its last instruction: %llu\n", (unsigned long long)(b - a));
		bad |= b - a != want;
	}
	/* 200 reads, each stored: every read is two instructions past the one before */
	for (int pass = 0; pass < 10; pass++) {
		static uint64_t reads[200];
		int steps = 0;
		__asm__ volatile(
		    ".set off, 0\n\t.rept 200\n\trdinstret t0\n\tsd t0, off(%0)\n\t.set off, off + 8\n\t.endr"
		    :
		    : "r"(reads)
		    : "t0", "memory");
		for (int i = 1; i < 200; i++)
			steps += reads[i] - reads[i - 1] == 2;
		if (pass == 9)
			printf("200 reads in a row: %d of 199 steps of two\n", steps);
		bad |= steps != 199;
	}
	/* a loop that reads the counter each pass (the translator counts a loop's passes in a host
	 * register: the read must see them), then one that runs into an unmapped page after 300
	 * passes (the fault must see them too) */
	{
		static uint64_t reads[64];
		int steps = 0;
		__asm__ volatile("li t1, 64\n\tmv t3, %0\n1:\n\trdinstret t2\n\tsd t2, 0(t3)\n\taddi t3, t3, 8\n\t"
				 "addi t1, t1, -1\n\tbnez t1, 1b"
				 :
				 : "r"(reads)
				 : "t1", "t2", "t3", "memory");
		for (int i = 1; i < 64; i++)
			steps += reads[i] - reads[i - 1] == 5;
		printf("counter read in a loop: %d of 63 steps of five\n", steps);
		bad |= steps != 63;
	}
	{
		struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
		uint8_t *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		static volatile uint64_t start; /* stored by the loop's code: the asm never completes */
		munmap(page + 4096, 4096);
		sigaction(SIGSEGV, &sa, NULL);
		for (int pass = 0; pass < 8; pass++) { /* translated from the sixth on */
			if (sigsetjmp(back, 1) == 0) {
				__asm__ volatile("mv t3, %1\n\trdinstret t2\n\tsd t2, 0(%0)\n1:\n\tld t2, 0(t3)\n\t"
						 "addi t2, t2, 1\n\tsd t2, 0(t3)\n\taddi t3, t3, 8\n\tbnez t3, 1b"
						 :
						 : "r"(&start), "r"(page + 4096 - 300 * 8)
						 : "t2", "t3", "memory");
			}
			if (pass == 7)
				printf("loop into an unmapped page: %llu instructions before the fault\n",
				       (unsigned long long)(at_fault - start));
			bad |= at_fault - start != 2 + 5 * 300; /* the read, its store, the passes */
		}
	}
	{
		struct sigaction sa = {.sa_sigaction = skip_insn, .sa_flags = SA_SIGINFO};
		void *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		int same = 0, skips = 0;
		sigaction(SIGSEGV, &sa, NULL);
		for (int pass = 0; pass < 8; pass++) { /* a host fault's count is the yardstick */
			uint64_t host = across_load(none);
			same += across_load((void *)(1ull << 62)) == host && across_amo(none) == host;
			skips += across_skipped(none) == host + 2 && across_skipped((void *)(1ull << 62)) == host + 2 &&
				 across_not_skipped(none) == host + 3 &&
				 across_not_skipped((void *)(1ull << 62)) == host + 3;
		}
		printf("faults outside the space and in an AMO counted as a host fault: %d of 8\n", same);
		printf("faults after a branch over an instruction, taken and not: %d of 8\n", skips);
		bad |= same != 8 || skips != 8;
	}
	printf("loop %llu, straight %llu, across a syscall %llu\n", (unsigned long long)loop,
	       (unsigned long long)straight, (unsigned long long)syscall);
	bad |= loop != 4 * 1000 + 2;
	bad |= straight != 4;
	bad |= syscall != 3;
	return bad;
}
