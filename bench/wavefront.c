/* OpenMP wavefront: Needleman-Wunsch alignment scores, one anti-diagonal at a time, the cells
 * of a diagonal in parallel. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int threads = argc > 1 ? atoi(argv[1]) : 2, n = argc > 2 ? atoi(argv[2]) : 4000, d, i;
	int *s = malloc(sizeof(int) * (size_t)(n + 1) * (size_t)(n + 1));
	char *a = malloc((size_t)n), *b = malloc((size_t)n);
#define S(i, j) s[(size_t)(i) * (size_t)(n + 1) + (size_t)(j)]
	omp_set_num_threads(threads);
	for (i = 0; i < n; i++) {
		a[i] = "ACGT"[(i * 7 + i / 3) % 4];
		b[i] = "ACGT"[(i * 5 + i / 7) % 4];
	}
	for (i = 0; i <= n; i++)
		S(i, 0) = S(0, i) = -i;
	for (d = 2; d <= 2 * n; d++) {
		int lo = d - n > 1 ? d - n : 1, hi = d - 1 < n ? d - 1 : n;
#pragma omp parallel for schedule(static) if (hi - lo > 64)
		for (i = lo; i <= hi; i++) {
			int j = d - i;
			int m = S(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 2 : -1);
			int u = S(i - 1, j) - 1, l = S(i, j - 1) - 1;
			S(i, j) = m > u ? (m > l ? m : l) : (u > l ? u : l);
		}
	}
	printf("score %d\n", S(n, n));
	return 0;
}
