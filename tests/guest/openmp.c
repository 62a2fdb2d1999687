// OpenMP (libgomp): parallel for with reductions, critical sections, atomics, barriers, tasks
// and a wavefront over a dynamic-programming table.
// cflags: -fopenmp
// repeat: 2
#include <omp.h>
#include <stdio.h>
#include <string.h>

#define N 600

static int score[N + 1][N + 1];

static int nw(const char *a, const char *b, int n)
{
	int d, i;
	for (i = 0; i <= n; i++)
		score[i][0] = score[0][i] = -i;
	/* anti-diagonals in order; the cells of one diagonal in parallel */
	for (d = 2; d <= 2 * n; d++) {
		int lo = d - n > 1 ? d - n : 1, hi = d - 1 < n ? d - 1 : n;
#pragma omp parallel for schedule(static)
		for (i = lo; i <= hi; i++) {
			int j = d - i;
			int m = score[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 2 : -1);
			int u = score[i - 1][j] - 1, l = score[i][j - 1] - 1;
			score[i][j] = m > u ? (m > l ? m : l) : (u > l ? u : l);
		}
	}
	return score[n][n];
}

static long fib(int n)
{
	long x, y;
	if (n < 2)
		return n;
	if (n < 15)
		return fib(n - 1) + fib(n - 2);
#pragma omp task shared(x)
	x = fib(n - 1);
#pragma omp task shared(y)
	y = fib(n - 2);
#pragma omp taskwait
	return x + y;
}

int main(void)
{
	static char a[N + 1], b[N + 1];
	long sum = 0, crit = 0, atom = 0, f = 0;
	double dot = 0;
	int i, threads = 0;
	omp_set_num_threads(4);
#pragma omp parallel for reduction(+ : sum, dot)
	for (i = 0; i < 1000000; i++) {
		sum += i % 7;
		dot += (double)(i % 13) * 0.5;
	}
#pragma omp parallel
	{
#pragma omp atomic
		threads++;
#pragma omp for
		for (i = 0; i < 10000; i++) {
#pragma omp critical
			crit += i;
#pragma omp atomic
			atom += 2;
		}
#pragma omp barrier
#pragma omp single
		f = fib(27);
	}
	for (i = 0; i < N; i++) {
		a[i] = "ACGT"[(i * 7 + i / 3) % 4];
		b[i] = "ACGT"[(i * 5 + i / 7) % 4];
	}
	printf("threads %d\nreduction %ld %.1f\ncritical %ld atomic %ld\ntasks fib(27) = %ld\n", threads, sum, dot, crit,
	       atom, f);
	printf("wavefront alignment score %d\n", nw(a, b, N));
	return 0;
}
