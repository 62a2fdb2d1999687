/* The floor under bench/vector.c's histogram on this kind of host: its RVV loop (16 bytes widened to
 * 32-bit indexes, a gather, an add, a scatter) written by hand in AVX-512, as well as a translator
 * could emit it, beside the native scalar loop, in ns per 16 bytes. Modes: 2x8 gathers and
 * scatters with 64-bit addresses (what rvx emits), 16 with 32-bit indexes, scalar accesses, native.
 * Build: cc -O2 -mavx512f -mavx512vl -mavx512bw bench/gather_floor.c; run on an AVX-512 host. */
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define BYTES 16384
#define REPS  20000
static uint32_t lanes_count[16 * 256] __attribute__((aligned(64)));
static uint32_t histo[256];
static uint8_t src[BYTES];

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void pass(int mode, const __m512i lanes)
{
	for (int i = 0; i < BYTES; i += 16) {
		__m512i b = _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(src + i)));
		__m512i idx = _mm512_add_epi32(_mm512_slli_epi32(b, 2), lanes);
		if (mode == 0) {
			__m512i q0 = _mm512_cvtepu32_epi64(_mm512_castsi512_si256(idx));
			__m512i q1 = _mm512_cvtepu32_epi64(_mm512_extracti64x4_epi64(idx, 1));
			__m256i v0 = _mm512_i64gather_epi32(q0, lanes_count, 1),
				v1 = _mm512_i64gather_epi32(q1, lanes_count, 1);
			v0 = _mm256_add_epi32(v0, _mm256_set1_epi32(1));
			v1 = _mm256_add_epi32(v1, _mm256_set1_epi32(1));
			_mm512_i64scatter_epi32(lanes_count, q0, v0, 1);
			_mm512_i64scatter_epi32(lanes_count, q1, v1, 1);
		} else if (mode == 1) {
			__m512i v = _mm512_i32gather_epi32(idx, lanes_count, 1);
			_mm512_i32scatter_epi32(lanes_count, idx, _mm512_add_epi32(v, _mm512_set1_epi32(1)), 1);
		} else {
			uint32_t at[16] __attribute__((aligned(64))), v[16] __attribute__((aligned(64)));
			_mm512_store_si512(at, idx);
			for (int k = 0; k < 16; k++)
				v[k] = *(uint32_t *)((char *)lanes_count + at[k]);
			_mm512_store_si512(v, _mm512_add_epi32(_mm512_load_si512(v), _mm512_set1_epi32(1)));
			for (int k = 0; k < 16; k++)
				*(uint32_t *)((char *)lanes_count + at[k]) = v[k];
		}
	}
}

int main(void)
{
	static const char *names[] = {"AVX-512 2x8 gathers/scatters, 64-bit addresses",
				      "AVX-512 16 gathers/scatters, 32-bit indexes", "scalar accesses",
				      "native scalar loop"};
	const __m512i lanes =
	    _mm512_slli_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 10);
	for (int i = 0; i < BYTES / 4; i++) { /* bench/vector.c's bytes */
		src[i] = (uint8_t)(i * 13), src[BYTES / 4 + i] = (uint8_t)i;
		src[BYTES / 2 + i] = (uint8_t)(i * i + 7 * i), src[3 * BYTES / 4 + i] = (uint8_t)((i >> 3) ^ (i * 29));
	}
	for (int mode = 0; mode < 4; mode++) {
		double t = now();
		for (int r = 0; r < REPS; r++) {
			if (mode == 3) {
				memset(histo, 0, sizeof histo);
				for (int i = 0; i < BYTES; i++)
					histo[src[i]]++;
				__asm__ volatile("" : : "r"(histo) : "memory");
			} else {
				pass(mode, lanes);
			}
		}
		printf("%-50s %6.2f ns per 16 bytes\n", names[mode], (now() - t) / (REPS * (BYTES / 16.0)) * 1e9);
	}
	return (int)(histo[0] + lanes_count[0]) == -1;
}
