/* Blocking host syscalls that a guest signal must be able to interrupt. The pending check and
 * the syscall instruction form one range: a host signal landing inside it (after the check,
 * before the kernel entered the call) moves the thread to the "interrupted" exit, so no
 * signal is ever left waiting behind a syscall that started after it arrived: the syscall
 * has then not run at all, and runs again once the signal has been delivered. */
#include "safe_syscall.h"

#include <errno.h>
#include <stdint.h>

/* long rvx_safe_syscall(volatile int *pending, long nr, long a0, long a1, long a2, long a3,
 *                       long a4, long a5) -> result or -errno */
__asm__(".text\n"
	".globl rvx_safe_syscall\n"
	".type rvx_safe_syscall,@function\n"
	"rvx_safe_syscall:\n"
	"\tpush %rbx\n"
	"\tmov %rdi, %rbx\n"
	"\tmov %rsi, %rax\n"
	"\tmov %rdx, %rdi\n"
	"\tmov %rcx, %rsi\n"
	"\tmov %r8, %rdx\n"
	"\tmov %r9, %r10\n"
	"\tmov 16(%rsp), %r8\n"
	"\tmov 24(%rsp), %r9\n"
	".globl rvx_safe_syscall_start\n"
	"rvx_safe_syscall_start:\n"
	"\tcmpl $0, (%rbx)\n"
	"\tjnz rvx_safe_syscall_interrupted\n"
	"\tsyscall\n"
	".globl rvx_safe_syscall_end\n"
	"rvx_safe_syscall_end:\n"
	"\tpop %rbx\n"
	"\tret\n"
	".globl rvx_safe_syscall_interrupted\n"
	"rvx_safe_syscall_interrupted:\n"
	"\tmov $-513, %rax\n" /* -SAFE_SYSCALL_NOT_STARTED */
	"\tpop %rbx\n"
	"\tret\n");

extern const char rvx_safe_syscall_start[], rvx_safe_syscall_end[], rvx_safe_syscall_interrupted[];

void safe_syscall_check(ucontext_t *uc)
{
	uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
	if (pc >= (uintptr_t)rvx_safe_syscall_start && pc < (uintptr_t)rvx_safe_syscall_end)
		uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)rvx_safe_syscall_interrupted;
}
