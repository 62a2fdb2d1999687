/* Sorting: qsort with a comparison callback and an inlined quicksort. */
#include <stdio.h>
#include <stdlib.h>
static int cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}
static void quick(int *v, long lo, long hi)
{
	while (lo < hi) {
		int p = v[(lo + hi) / 2];
		long i = lo, j = hi;
		while (i <= j) {
			while (v[i] < p) i++;
			while (v[j] > p) j--;
			if (i <= j) { int t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; }
		}
		if (j - lo < hi - i) { quick(v, lo, j); lo = i; } else { quick(v, i, hi); hi = j; }
	}
}
int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	int *v = malloc(sizeof(int) * n), *w = malloc(sizeof(int) * n);
	unsigned x = 12345;
	for (long i = 0; i < n; i++) { x = x * 1103515245u + 12345u; v[i] = w[i] = (int)(x >> 1); }
	qsort(v, (size_t)n, sizeof(int), cmp);
	quick(w, 0, n - 1);
	printf("%d %d %d\n", v[0], v[n / 2], w[n - 1] == v[n - 1]);
	return 0;
}
