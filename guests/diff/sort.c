/* SPDX-License-Identifier: MIT */
/*
 * Six sorting algorithms over four kinds of PRNG-generated input; each result
 * must be sorted and have the same checksum as the input.
 */
#include "diff.h"

#define N 1500

static uint32_t input[N], work[N], scratch[N];

static void sort_insertion(uint32_t *a, int n)
{
	for (int i = 1; i < n; i++) {
		uint32_t v = a[i];
		int j = i;

		for (; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

static void sort_shell(uint32_t *a, int n)
{
	static const int gaps[] = {701, 301, 132, 57, 23, 10, 4, 1}; /* Ciura */

	for (unsigned int g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
		int gap = gaps[g];

		for (int i = gap; i < n; i++) {
			uint32_t v = a[i];
			int j = i;

			for (; j >= gap && a[j - gap] > v; j -= gap)
				a[j] = a[j - gap];
			a[j] = v;
		}
	}
}

static void heap_sift(uint32_t *a, int root, int n)
{
	for (int child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && a[child + 1] > a[child])
			child++;
		if (a[root] >= a[child])
			return;
		uint32_t t = a[root];
		a[root] = a[child];
		a[child] = t;
	}
}

static void sort_heap(uint32_t *a, int n)
{
	for (int i = n / 2 - 1; i >= 0; i--)
		heap_sift(a, i, n);
	for (int end = n - 1; end > 0; end--) {
		uint32_t t = a[0];
		a[0] = a[end];
		a[end] = t;
		heap_sift(a, 0, end);
	}
}

static void sort_merge(uint32_t *a, int n)
{
	if (n < 2)
		return;
	int mid = n / 2, i = 0, j = mid, k = 0;

	sort_merge(a, mid);
	sort_merge(a + mid, n - mid);
	while (i < mid && j < n)
		scratch[k++] = a[j] < a[i] ? a[j++] : a[i++];
	while (i < mid)
		scratch[k++] = a[i++];
	while (j < n)
		scratch[k++] = a[j++];
	for (k = 0; k < n; k++)
		a[k] = scratch[k];
}

static void sort_quick(uint32_t *a, int lo, int hi)
{
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2, i = lo, j = hi;
		uint32_t x = a[lo], y = a[mid], z = a[hi];
		uint32_t pivot =
		        x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));

		while (i <= j) { /* Hoare partition around the median of three */
			while (a[i] < pivot)
				i++;
			while (a[j] > pivot)
				j--;
			if (i <= j) {
				uint32_t t = a[i];
				a[i++] = a[j];
				a[j--] = t;
			}
		}
		if (j - lo < hi - i) { /* recurse into the smaller half */
			sort_quick(a, lo, j);
			lo = i;
		} else {
			sort_quick(a, i, hi);
			hi = j;
		}
	}
}

static void sort_quick_all(uint32_t *a, int n)
{
	sort_quick(a, 0, n - 1);
}

static void sort_radix(uint32_t *a, int n)
{
	for (int shift = 0; shift < 32; shift += 8) {
		unsigned int count[257] = {0};

		for (int i = 0; i < n; i++)
			count[((a[i] >> shift) & 0xff) + 1]++;
		for (int b = 0; b < 256; b++)
			count[b + 1] += count[b];
		for (int i = 0; i < n; i++)
			scratch[count[(a[i] >> shift) & 0xff]++] = a[i];
		for (int i = 0; i < n; i++)
			a[i] = scratch[i];
	}
}

static const struct {
	const char *name;
	void (*sort)(uint32_t *a, int n);
} algorithms[] = {
        {"insertion", sort_insertion}, {"shell", sort_shell},     {"heap", sort_heap},
        {"merge", sort_merge},         {"quick", sort_quick_all}, {"radix", sort_radix},
};

/* Order-independent sum and order-dependent FNV-1a over the words. */
static uint32_t sum_of(const uint32_t *a, int n)
{
	uint32_t s = 0;

	for (int i = 0; i < n; i++)
		s += a[i] ^ (a[i] >> 7);
	return s;
}

static uint32_t fnv_of(const uint32_t *a, int n)
{
	uint32_t h = 2166136261u;

	for (int i = 0; i < n; i++)
		for (int b = 0; b < 32; b += 8) {
			h ^= (a[i] >> b) & 0xff;
			h *= 16777619u;
		}
	return h;
}

static void make_input(int kind, uint32_t seed)
{
	for (int i = 0; i < N; i++) {
		uint32_t r = diff_rand(&seed);

		switch (kind) {
		case 0: input[i] = r; break;
		case 1: input[i] = (uint32_t)i * 3; break;
		case 2: input[i] = (uint32_t)(N - i) * 7; break;
		default: input[i] = r % 16; break;
		}
	}
}

int main(void)
{
	static const char *const kinds[] = {"random", "sorted", "reversed", "few-uniq"};
	int failures = 0;

	for (int kind = 0; kind < 4; kind++) {
		uint32_t want_fnv = 0;

		make_input(kind, 0x2545f491u + (uint32_t)kind);
		rt_printf("%-9s n=%d sum=%08x\n", kinds[kind], N, sum_of(input, N));
		for (unsigned int a = 0; a < sizeof(algorithms) / sizeof(algorithms[0]); a++) {
			int sorted = 1;

			for (int i = 0; i < N; i++)
				work[i] = input[i];
			algorithms[a].sort(work, N);
			for (int i = 1; i < N; i++)
				sorted &= work[i - 1] <= work[i];
			if (a == 0)
				want_fnv = fnv_of(work, N);
			int ok = sorted && sum_of(work, N) == sum_of(input, N) &&
			         fnv_of(work, N) == want_fnv;
			failures += !ok;
			rt_printf("  %-9s min=%08x med=%08x max=%08x fnv=%08x %s\n",
			          algorithms[a].name, work[0], work[N / 2], work[N - 1],
			          fnv_of(work, N), ok ? "ok" : "FAIL");
		}
	}
	rt_printf("sort: %d failure(s)\n", failures);
	return failures != 0;
}
