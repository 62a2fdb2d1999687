/* A Black-Scholes kernel in the manner of PARSEC's blackscholes (DQEMU's best case): the main
 * thread makes N European options, T threads price their share of them R times (the
 * Abramowitz-Stegun normal distribution, exp, log, sqrt), the main thread sums the prices.
 * usage: blackscholes THREADS OPTIONS ROUNDS */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct option {
	float spot, strike, rate, vol, time;
	int call;
};

static struct option *opts;
static float *price;
static long n, rounds;
static int threads;

static float cndf(float x)
{
	const float a1 = 0.31938153f, a2 = -0.356563782f, a3 = 1.781477937f, a4 = -1.821255978f,
		    a5 = 1.330274429f;
	float ax = fabsf(x), k = 1.0f / (1.0f + 0.2316419f * ax);
	float w = 1.0f - 0.39894228f * expf(-0.5f * ax * ax) * k * (a1 + k * (a2 + k * (a3 + k * (a4 + k * a5))));
	return x < 0 ? 1.0f - w : w;
}

static float bs(const struct option *o)
{
	float sq = o->vol * sqrtf(o->time);
	float d1 = (logf(o->spot / o->strike) + (o->rate + 0.5f * o->vol * o->vol) * o->time) / sq, d2 = d1 - sq;
	float disc = o->strike * expf(-o->rate * o->time);
	return o->call ? o->spot * cndf(d1) - disc * cndf(d2) : disc * cndf(-d2) - o->spot * cndf(-d1);
}

static void *worker(void *arg)
{
	long t = (long)arg, lo = n * t / threads, hi = n * (t + 1) / threads;
	for (long r = 0; r < rounds; r++)
		for (long i = lo; i < hi; i++)
			price[i] = bs(&opts[i]);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t *th;
	unsigned s = 12345;
	double sum = 0;
	threads = argc > 1 ? atoi(argv[1]) : 4;
	n = argc > 2 ? atol(argv[2]) : 1 << 20;
	rounds = argc > 3 ? atol(argv[3]) : 20;
	opts = malloc((size_t)n * sizeof *opts);
	price = malloc((size_t)n * sizeof *price);
	th = malloc((size_t)threads * sizeof *th);
	if (!opts || !price || !th)
		return 1;
	for (long i = 0; i < n; i++) {
		s = s * 1103515245u + 12345u;
		opts[i] = (struct option){10.0f + (float)(s >> 16 & 1023) / 10.0f, 50.0f + (float)(s >> 8 & 511) / 10.0f,
					  0.01f + (float)(s & 63) / 1000.0f, 0.1f + (float)(s >> 20 & 127) / 300.0f,
					  0.25f + (float)(s >> 4 & 15) / 8.0f, (int)(s >> 30 & 1)};
	}
	for (long t = 0; t < threads; t++)
		pthread_create(&th[t], NULL, worker, (void *)t);
	for (long t = 0; t < threads; t++)
		pthread_join(th[t], NULL);
	for (long i = 0; i < n; i++)
		sum += price[i];
	printf("%ld options, %ld rounds: sum of prices %.2f\n", n, rounds, sum);
	return 0;
}
