/* Mandelbrot set: FP multiply-add and compares. */
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 400;
	long inside = 0;
	for (int y = 0; y < n; y++)
		for (int x = 0; x < n; x++) {
			double cr = 2.0 * x / n - 1.5, ci = 2.0 * y / n - 1.0, zr = 0, zi = 0;
			int i;
			for (i = 0; i < 100 && zr * zr + zi * zi < 4.0; i++) {
				double t = zr * zr - zi * zi + cr;
				zi = 2 * zr * zi + ci;
				zr = t;
			}
			inside += i == 100;
		}
	printf("%ld\n", inside);
	return 0;
}
