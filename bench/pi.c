/* Embarrassingly parallel: T threads share the terms of the Leibniz series for pi. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct part {
	long lo, hi;
	double sum;
};

static void *work(void *arg)
{
	struct part *p = arg;
	double s = 0;
	long k;
	for (k = p->lo; k < p->hi; k++)
		s += (k & 1 ? -4.0 : 4.0) / (double)(2 * k + 1);
	p->sum = s;
	return NULL;
}

int main(int argc, char **argv)
{
	int t, threads = argc > 1 ? atoi(argv[1]) : 2;
	long n = argc > 2 ? atol(argv[2]) : 200000000;
	pthread_t *th = calloc((size_t)threads, sizeof *th);
	struct part *p = calloc((size_t)threads, sizeof *p);
	double pi = 0;
	for (t = 0; t < threads; t++) {
		p[t].lo = n / threads * t;
		p[t].hi = t == threads - 1 ? n : n / threads * (t + 1);
		pthread_create(&th[t], NULL, work, &p[t]);
	}
	for (t = 0; t < threads; t++) {
		pthread_join(th[t], NULL);
		pi += p[t].sum;
	}
	printf("pi ~ %.9f with %d threads\n", pi, threads);
	return 0;
}
