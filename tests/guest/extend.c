/* Zero and sign extension written as two shifts (slli then srli or srai by 32, 48 or 56: RV64GC
 * code without Zba/Zbb spells zext.w, zext.h and casts so), also of a W result, on values at the
 * edges of each width; the translator makes each pair one mov, movzx or movsx. */
#include <stdio.h>
#include <stdint.h>
int main(void){
	uint64_t v[6] = {0x8123456789abcdefull, 0x7fffffff80000000ull, 0xffff, 0x80, 0x7f7f, 0xffffffffffffff80ull};
	uint64_t h = 0;
	for (int r = 0; r < 100; r++)
	for (int i = 0; i < 6; i++) {
		uint64_t x = v[i] + r, a, b, c, d, e, f;
		__asm__("slli %0, %6, 32\n\tsrli %0, %0, 32\n\t"
			"slli %1, %6, 32\n\tsrai %1, %1, 32\n\t"
			"slli %2, %6, 48\n\tsrli %2, %2, 48\n\t"
			"slli %3, %6, 48\n\tsrai %3, %3, 48\n\t"
			"slli %4, %6, 56\n\tsrli %4, %4, 56\n\t"
			"slli %5, %6, 56\n\tsrai %5, %5, 56\n\t"
			: "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d), "=&r"(e), "=&r"(f) : "r"(x));
		uint32_t w = (uint32_t)x * 3 + (uint32_t)r;
		uint64_t z = w; /* addw then zext */
		h = h * 31 + (a ^ b ^ c ^ d ^ e ^ f ^ z);
		if (r == 0) printf("%016llx %016llx %016llx %016llx %016llx %016llx\n", (unsigned long long)a, (unsigned long long)b, (unsigned long long)c, (unsigned long long)d, (unsigned long long)e, (unsigned long long)f);
	}
	printf("%016llx\n", (unsigned long long)h);
	return 0;
}
