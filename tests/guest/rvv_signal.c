// The vector state in signal frames, as Linux lays it out: after the FP state, a context header
// (RISCV_V_MAGIC, its size), vstart, vl, vtype, vcsr, vlenb and datap, then the 32 registers at
// datap; an end header after them. The handler reads the interrupted vector state from the
// frame, runs vector code of its own, and edits the frame; sigreturn must restore the edited
// state (vl, vtype, vxrm and a register). The program checks the layout itself.
// cflags: -march=rv64gcv
// no-qemu: QEMU 10's linux-user leaves the vector state out of signal frames (its header reads 0)
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

struct v_state {
	uint64_t vstart, vl, vtype, vcsr, vlenb, datap;
};

static int bad;
#define CHECK(c)                                                                                                       \
	do {                                                                                                           \
		if (!(c)) {                                                                                            \
			printf("FAILED: %s\n", #c);                                                                    \
			bad = 1;                                                                                       \
		}                                                                                                      \
	} while (0)

static void handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	uint8_t *fp = (uint8_t *)&uc->uc_mcontext.__fpregs;
	uint32_t *hdr = (uint32_t *)(fp + 520), reserved;
	struct v_state *vs = (struct v_state *)(hdr + 2);
	uint32_t in_v1[4], mine[4] = {7, 7, 7, 7};
	uint64_t vl;
	(void)sig;
	(void)si;
	memcpy(&reserved, fp + 516, 4);
	printf("reserved %u magic %08x size %u\n", reserved, hdr[0], hdr[1]);
	CHECK(reserved == 0);
	CHECK(hdr[0] == 0x53465457);
	if (hdr[0] != 0x53465457)
		return;
	CHECK(hdr[1] == 56 + 32 * vs->vlenb);
	CHECK(vs->vstart == 0 && vs->vl == 3 && vs->vtype == 0x10 && vs->vcsr == 1 << 1);
	CHECK(vs->datap == (uintptr_t)hdr + 56 && vs->datap % 16 == 0);
	printf("vstart %llu vl %llu vtype %llx vcsr %llx vlenb %llu datap at +%lld (16-aligned %d)\n",
	       (unsigned long long)vs->vstart, (unsigned long long)vs->vl, (unsigned long long)vs->vtype,
	       (unsigned long long)vs->vcsr, (unsigned long long)vs->vlenb,
	       (long long)((uint8_t *)(uintptr_t)vs->datap - (uint8_t *)hdr), (int)(vs->datap % 16 == 0));
	memcpy(in_v1, (uint8_t *)(uintptr_t)vs->datap + 1 * vs->vlenb, 16);
	printf("v1 in the frame: %u %u %u %u\n", in_v1[0], in_v1[1], in_v1[2], in_v1[3]);
	CHECK(in_v1[0] == 1 && in_v1[1] == 2 && in_v1[2] == 3);
	uint32_t *end = (uint32_t *)((uint8_t *)hdr + hdr[1]);
	printf("end header %u %u\n", end[0], end[1]);
	CHECK(end[0] == 0 && end[1] == 0);
	/* the handler's own vector work clobbers the live state */
	__asm__ volatile("vsetivli %0, 4, e32, m1, ta, ma\n\tvle32.v v1, (%1)\n\tcsrwi vxrm, 3" : "=&r"(vl) : "r"(mine) : "memory");
	/* and the frame is edited: what sigreturn must bring back */
	in_v1[0] = 100;
	memcpy((uint8_t *)(uintptr_t)vs->datap + 1 * vs->vlenb, in_v1, 16);
	vs->vl = 2;
	vs->vcsr = 2 << 1; /* vxrm rdn */
}

int main(void)
{
	uint32_t a[4] = {1, 2, 3, 4}, b[4] = {0, 0, 0, 0};
	uint64_t vl, vtype, vxrm;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	__asm__ volatile("vsetivli %0, 3, e32, m1, tu, mu\n\tvle32.v v1, (%1)\n\tcsrwi vxrm, 1" : "=&r"(vl) : "r"(a) : "memory");
	raise(SIGUSR1);
	__asm__ volatile("csrr %0, vl\n\tcsrr %1, vtype\n\tcsrr %2, vxrm\n\tvsetivli zero, 4, e32, m1, tu, mu\n\tvse32.v v1, (%3)"
			 : "=&r"(vl), "=&r"(vtype), "=&r"(vxrm) : "r"(b) : "memory");
	printf("after: vl %llu vtype %llx vxrm %llu v1 %u %u %u %u\n", (unsigned long long)vl, (unsigned long long)vtype,
	       (unsigned long long)vxrm, b[0], b[1], b[2], b[3]);
	CHECK(vl == 2 && vtype == 0x10 && vxrm == 2);
	CHECK(b[0] == 100 && b[1] == 2 && b[2] == 3);
	return bad;
}
