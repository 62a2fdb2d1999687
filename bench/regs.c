/* A loop nest that keeps more than 20 values live: more than the host has registers for. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 20000000;
	uint64_t a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, i = 9, j = 10, k = 11, l = 12;
	uint64_t m = 13, o = 14, p = 15, q = 16, r = 17, s = 18, t = 19, u = 20, v = 21, w = 22;
	for (long x = 0; x < n; x++) {
		a += b ^ x;
		b += c >> 3;
		c += d * 3;
		d ^= e + x;
		e += f >> 1;
		f ^= g << 2;
		g += h ^ a;
		h -= i;
		i += j | x;
		j ^= k + b;
		k += l >> 2;
		l ^= m;
		m += o ^ c;
		o -= p >> 1;
		p += q ^ d;
		q ^= r << 1;
		r += s;
		s ^= t + e;
		t += u >> 3;
		u ^= v + f;
		v += w ^ g;
		w += a >> 5;
	}
	printf("%llx\n", (unsigned long long)(a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ i ^ j ^ k ^ l ^ m ^ o ^ p ^ q ^ r ^ s ^ t ^
					      u ^ v ^ w));
	return 0;
}
