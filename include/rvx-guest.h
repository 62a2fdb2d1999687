/* For RISC-V programs that run under rvx: hints that are no-ops on hardware and under other
 * emulators (no dependency on rvx at run time). */
#ifndef RVX_GUEST_H
#define RVX_GUEST_H

/* This thread belongs to group G (-2048..2047, not 0), a set of threads that share data:
 * `slti zero, zero, G`. In cluster mode (rvx --cluster) the threads of a group run on one rank
 * (each new group gets a rank, round-robin); a thread elsewhere moves there. */
#if defined(__riscv)
#define RVX_GROUP(g) __asm__ volatile("slti zero, zero, %0" : : "i"(g))
#else
#define RVX_GROUP(g) ((void)(g)) /* the same source built for another machine */
#endif

#endif
