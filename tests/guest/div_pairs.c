/* Quotient and remainder of the same operands in one block (the translator computes both
 * with one x86 division): every order, signedness and width, with a zero divisor, the
 * signed overflow case and instructions in between, including ones that write the result
 * registers and one that writes an operand (which must stop the pairing). */
#include <stdint.h>
#include <stdio.h>

#define PAIR(first, second, a, b, q, r)                                                                          \
	__asm__ volatile(first " %0, %2, %3\n\taddi t0, %2, 1\n\txor t1, %3, t0\n\t" second " %1, %2, %3"       \
			 : "=&r"(q), "=&r"(r)                                                                   \
			 : "r"(a), "r"(b)                                                                       \
			 : "t0", "t1")

/* the operand is rewritten between the two: the second must divide the new value */
#define BROKEN(first, second, a, b, q, r)                                                                        \
	__asm__ volatile("mv t2, %2\n\t" first " %0, t2, %3\n\taddi t2, t2, 3\n\t" second " %1, t2, %3"          \
			 : "=&r"(q), "=&r"(r)                                                                   \
			 : "r"(a), "r"(b)                                                                       \
			 : "t2")

static uint64_t mix(uint64_t sum, int64_t q, int64_t r)
{
	return sum * 31 + (uint64_t)q * 7 + (uint64_t)r;
}

int main(void)
{
	static const int64_t vals[] = {0, 1, -1, 2, -2, 7, -7, 10, 977, INT64_MIN, INT64_MAX, INT32_MIN, INT32_MAX,
				       (int64_t)0xffffffff, 0x123456789, -0x123456789};
	const int n = sizeof vals / sizeof vals[0];
	uint64_t sum = 0;
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < n; j++) {
			int64_t a = vals[i], b = vals[j], q, r;
			PAIR("div", "rem", a, b, q, r);
			printf("div/rem %lld %lld: %lld %lld\n", (long long)a, (long long)b, (long long)q, (long long)r);
			PAIR("rem", "div", a, b, r, q);
			sum = mix(sum, q, r);
			PAIR("divu", "remu", a, b, q, r);
			sum = mix(sum, q, r);
			PAIR("remu", "divu", a, b, r, q);
			sum = mix(sum, q, r);
			PAIR("divw", "remw", a, b, q, r);
			printf("divw/remw %lld %lld: %lld %lld\n", (long long)a, (long long)b, (long long)q, (long long)r);
			PAIR("remw", "divw", a, b, r, q);
			sum = mix(sum, q, r);
			PAIR("divuw", "remuw", a, b, q, r);
			printf("divuw/remuw %lld %lld: %lld %lld\n", (long long)a, (long long)b, (long long)q, (long long)r);
			PAIR("remuw", "divuw", a, b, r, q);
			sum = mix(sum, q, r);
			BROKEN("divu", "remu", a, b, q, r);
			sum = mix(sum, q, r);
			BROKEN("rem", "div", a, b, r, q);
			sum = mix(sum, q, r);
		}
	}
	printf("checksum %llx\n", (unsigned long long)sum);
	return 0;
}
