/* n-body simulation: double-precision FP with sqrt. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#define N 5
static double x[N][3], v[N][3], m[N];
int main(int argc, char **argv)
{
	long steps = argc > 1 ? atol(argv[1]) : 1000000;
	for (int i = 0; i < N; i++) {
		m[i] = 1.0 + i * 0.1;
		for (int k = 0; k < 3; k++) {
			x[i][k] = i * 1.3 + k * 0.7;
			v[i][k] = (i - k) * 0.01;
		}
	}
	for (long s = 0; s < steps; s++) {
		for (int i = 0; i < N; i++)
			for (int j = i + 1; j < N; j++) {
				double d[3], r2 = 0;
				for (int k = 0; k < 3; k++) {
					d[k] = x[i][k] - x[j][k];
					r2 += d[k] * d[k];
				}
				double mag = 0.001 / (r2 * sqrt(r2));
				for (int k = 0; k < 3; k++) {
					v[i][k] -= d[k] * m[j] * mag;
					v[j][k] += d[k] * m[i] * mag;
				}
			}
		for (int i = 0; i < N; i++)
			for (int k = 0; k < 3; k++)
				x[i][k] += 0.001 * v[i][k];
	}
	printf("%.9f %.9f\n", x[0][0], v[4][2]);
	return 0;
}
