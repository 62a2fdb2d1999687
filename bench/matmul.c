/* Dense matrix multiply, doubles. */
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 200;
	double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = calloc((size_t)n * n, sizeof(double));
	for (int i = 0; i < n * n; i++) {
		a[i] = (i % 7) * 0.5;
		b[i] = (i % 5) * 0.25;
	}
	for (int i = 0; i < n; i++)
		for (int k = 0; k < n; k++) {
			double t = a[i * n + k];
			for (int j = 0; j < n; j++)
				c[i * n + j] += t * b[k * n + j];
		}
	double s = 0;
	for (int i = 0; i < n * n; i++)
		s += c[i];
	printf("%.3f\n", s);
	return 0;
}
