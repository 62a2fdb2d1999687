/* RISC-V F and D semantics, bit for bit, on the host FPU. Shared by both tiers.
 * Every function takes raw register bits and a resolved rounding mode (0..4) and ORs the
 * RISC-V exception flags it raises into *fl. */
#ifndef RVX_RISCV_FP_H
#define RVX_RISCV_FP_H

#include <stdint.h>

enum { FFLAG_NX = 1, FFLAG_UF = 2, FFLAG_OF = 4, FFLAG_DZ = 8, FFLAG_NV = 16 };
enum { RM_RNE, RM_RTZ, RM_RDN, RM_RUP, RM_RMM };
enum fp_arith { FP_ADD, FP_SUB, FP_MUL, FP_DIV, FP_SQRT, FP_MADD, FP_MSUB, FP_NMSUB, FP_NMADD };
enum fp_cmp { FP_EQ, FP_LT, FP_LE };

#define RV_NAN_S    0x7fc00000u
#define RV_NAN_D    0x7ff8000000000000ull
#define RV_BOX_S(v) (0xffffffff00000000ull | (uint32_t)(v))

/* A single in a 64-bit register must be NaN-boxed; otherwise it reads as the canonical NaN. */
static inline uint32_t rv_unbox_s(uint64_t r)
{
	return (r >> 32) == 0xffffffffu ? (uint32_t)r : RV_NAN_S;
}

uint32_t fp_arith_s(enum fp_arith op, uint32_t a, uint32_t b, uint32_t c, int rm, unsigned *fl);
uint64_t fp_arith_d(enum fp_arith op, uint64_t a, uint64_t b, uint64_t c, int rm, unsigned *fl);
uint32_t fp_minmax_s(uint32_t a, uint32_t b, int max, unsigned *fl);
uint64_t fp_minmax_d(uint64_t a, uint64_t b, int max, unsigned *fl);
int fp_cmp_s(enum fp_cmp op, uint32_t a, uint32_t b, unsigned *fl);
int fp_cmp_d(enum fp_cmp op, uint64_t a, uint64_t b, unsigned *fl);
unsigned fp_class_s(uint32_t a);
unsigned fp_class_d(uint64_t a);
/* Float to integer: width 32 or 64, is_unsigned; result sign-extended to 64 bits. */
uint64_t fp_to_int_s(uint32_t a, int width, int is_unsigned, int rm, unsigned *fl);
uint64_t fp_to_int_d(uint64_t a, int width, int is_unsigned, int rm, unsigned *fl);
/* Integer to float: the source is taken as width bits, signed or not. */
uint32_t fp_from_int_s(uint64_t v, int width, int is_unsigned, int rm, unsigned *fl);
uint64_t fp_from_int_d(uint64_t v, int width, int is_unsigned, int rm, unsigned *fl);
uint32_t fp_d_to_s(uint64_t a, int rm, unsigned *fl);
uint64_t fp_s_to_d(uint32_t a, unsigned *fl);
/* Half precision to and from single (Zfhmin and Zvfhmin's conversions). */
uint32_t fp_h_to_s(uint16_t h, unsigned *fl);
uint16_t fp_s_to_h(uint32_t s, int rm, unsigned *fl);
uint16_t fp_d_to_h(uint64_t d, int rm, unsigned *fl);
/* Zfa's fli constants by index; 1 (the smallest normal) and 31 (the canonical NaN) depend on the
 * format and read 0 here. */
double fp_fli_value(unsigned i);

/* The host's SSE control/status word for guest rounding mode rm (0..3) with no flags raised,
 * and RISC-V fflags from its sticky flags: translated code runs FP with these. */
unsigned fp_host_mode(int rm);
unsigned fp_flags_from_host(unsigned mxcsr);
unsigned fp_host_from_flags(unsigned fflags);

#endif
