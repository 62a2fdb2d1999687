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

/* The same divisor many times in a row at one division (the translator then multiplies by a
 * reciprocal it keeps per site): every kind of divisor, against dividends around its multiples
 * and at the ends of the range; the divisor changes back and forth too. */
static uint64_t repeated_divisors(void)
{
	static const uint64_t divs[] = {1, 2, 3, 7, 10, 977, 0xffffffff, 0x100000001, 0x7fffffffffffffff,
					0x8000000000000000, 0x8000000000000001, UINT64_MAX, 0, 12345678901234567,
					0x5555555555555555, 641, 1ull << 32, 6700417};
	uint64_t sum = 0, x = 0x9e3779b97f4a7c15;
	for (unsigned i = 0; i < sizeof divs / sizeof divs[0]; i++) {
		uint64_t d = divs[i];
		for (int k = 0; k < 200; k++) {
			uint64_t n, q, r, q2, r2;
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			switch (k % 8) {
			case 0: n = x; break;
			case 1: n = d * (uint64_t)(k / 8) - 1; break;
			case 2: n = d * (uint64_t)(k / 8); break;
			case 3: n = d * (uint64_t)(k / 8) + 1; break;
			case 4: n = UINT64_MAX - (uint64_t)k; break;
			case 5: n = (1ull << 63) + (uint64_t)k - 100; break;
			case 6: n = x >> (k % 64); break;
			default: n = (uint64_t)k; break;
			}
			__asm__ volatile("divu %0, %1, %2" : "=r"(q) : "r"(n), "r"(d));
			__asm__ volatile("remu %0, %1, %2" : "=r"(r) : "r"(n), "r"(d));
			PAIR("divu", "remu", n, d, q2, r2);
			if (q != q2 || r != r2)
				printf("pair differs: %llu %llu\n", (unsigned long long)n, (unsigned long long)d);
			sum = mix(sum, (int64_t)q, (int64_t)r);
			/* another divisor between two uses of this one, at one site */
			__asm__ volatile("divu %0, %1, %2" : "=r"(q2) : "r"(n), "r"(k & 1 ? d : (uint64_t)k + 3));
			sum = mix(sum, (int64_t)q2, 0);
		}
		printf("divisor %llu: checksum %llx\n", (unsigned long long)d, (unsigned long long)sum);
	}
	return sum;
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
	printf("repeated divisors: %llx\n", (unsigned long long)repeated_divisors());
	return 0;
}
