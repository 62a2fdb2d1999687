/* A Monte Carlo swaption pricer in the manner of PARSEC's swaptions: each of T threads prices
 * its share of S swaptions by simulating P paths of a one-factor short-rate model (its own
 * random numbers, no data shared but the results). usage: swaptions THREADS SWAPTIONS PATHS */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define STEPS 40

static double *value;
static long swaptions, paths;
static int threads;

static double gauss(uint64_t *s)
{
	double u1, u2;
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	u1 = ((double)(*s >> 11) + 0.5) / 9007199254740992.0;
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	u2 = ((double)(*s >> 11) + 0.5) / 9007199254740992.0;
	return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static double price(long k)
{
	double strike = 0.03 + 0.0005 * (double)(k % 20), sum = 0, dt = 5.0 / STEPS;
	uint64_t s = 0x853c49e6748fea9bull ^ (uint64_t)k * 0x9e3779b97f4a7c15ull;
	for (long p = 0; p < paths; p++) {
		double r = 0.03, disc = 0, annuity = 0;
		for (int i = 0; i < STEPS; i++) {
			r += 0.1 * (0.04 - r) * dt + 0.01 * sqrt(dt) * gauss(&s);
			disc += r * dt;
			if (i % 8 == 7)
				annuity += exp(-disc);
		}
		double swap = r - strike;
		sum += (swap > 0 ? swap : 0) * annuity;
	}
	return sum / (double)paths;
}

static void *worker(void *arg)
{
	long t = (long)arg;
	for (long k = t; k < swaptions; k += threads)
		value[k] = price(k);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t *th;
	double sum = 0;
	threads = argc > 1 ? atoi(argv[1]) : 4;
	swaptions = argc > 2 ? atol(argv[2]) : 64;
	paths = argc > 3 ? atol(argv[3]) : 20000;
	value = calloc((size_t)swaptions, sizeof *value);
	th = malloc((size_t)threads * sizeof *th);
	if (!value || !th)
		return 1;
	for (long t = 0; t < threads; t++)
		pthread_create(&th[t], NULL, worker, (void *)t);
	for (long t = 0; t < threads; t++)
		pthread_join(th[t], NULL);
	for (long k = 0; k < swaptions; k++)
		sum += value[k];
	printf("%ld swaptions, %ld paths: sum of values %.6f\n", swaptions, paths, sum);
	return 0;
}
