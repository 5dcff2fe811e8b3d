/* SPDX-License-Identifier: MIT */
/*
 * Arbitrary-precision decimal arithmetic in base 10^9 limbs: 100!, 2^1000,
 * Fibonacci(1000), and a square-and-multiply 3^2023 mod a 16-limb modulus.
 */
#include "diff.h"

#define LIMBS 128 /* up to 1152 decimal digits */
#define BASE  1000000000u

struct big {
	int n; /* limbs in use, least significant first; 0 is {n = 1, d[0] = 0} */
	uint32_t d[LIMBS];
};

static void big_set(struct big *a, uint32_t v)
{
	a->n = 1;
	a->d[0] = v % BASE;
	if (v >= BASE) {
		a->d[1] = v / BASE;
		a->n = 2;
	}
}

static void big_mul_small(struct big *a, uint32_t m)
{
	uint64_t carry = 0;

	for (int i = 0; i < a->n; i++) {
		uint64_t t = (uint64_t)a->d[i] * m + carry;

		a->d[i] = (uint32_t)(t % BASE);
		carry = t / BASE;
	}
	while (carry) {
		a->d[a->n++] = (uint32_t)(carry % BASE);
		carry /= BASE;
	}
}

static void big_add(struct big *r, const struct big *a, const struct big *b)
{
	uint32_t carry = 0;
	int n = a->n > b->n ? a->n : b->n;

	for (int i = 0; i < n; i++) {
		uint32_t t = (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + carry;

		carry = t >= BASE;
		r->d[i] = carry ? t - BASE : t;
	}
	r->n = n;
	if (carry)
		r->d[r->n++] = 1;
}

static void big_mul(struct big *r, const struct big *a, const struct big *b)
{
	uint64_t acc[2 * LIMBS] = {0};

	for (int i = 0; i < a->n; i++) {
		uint64_t carry = 0;

		for (int j = 0; j < b->n; j++) {
			uint64_t t = acc[i + j] + (uint64_t)a->d[i] * b->d[j] + carry;

			acc[i + j] = t % BASE;
			carry = t / BASE;
		}
		acc[i + b->n] += carry;
	}
	r->n = a->n + b->n;
	for (int i = 0; i < r->n; i++)
		r->d[i] = (uint32_t)acc[i];
	while (r->n > 1 && r->d[r->n - 1] == 0)
		r->n--;
}

/* Remainder of a by a small modulus, and the sum of a's decimal digits. */
static uint32_t big_mod_small(const struct big *a, uint32_t m)
{
	uint64_t r = 0;

	for (int i = a->n - 1; i >= 0; i--)
		r = (r * BASE + a->d[i]) % m;
	return (uint32_t)r;
}

static unsigned int big_digit_sum(const struct big *a)
{
	unsigned int s = 0;

	for (int i = 0; i < a->n; i++)
		for (uint32_t v = a->d[i]; v; v /= 10)
			s += v % 10;
	return s;
}

static int big_digits(const struct big *a)
{
	int n = 9 * (a->n - 1);

	for (uint32_t v = a->d[a->n - 1]; v; v /= 10)
		n++;
	return n ? n : 1;
}

static void big_print(const char *name, const struct big *a)
{
	rt_printf("%s = %u", name, a->d[a->n - 1]);
	for (int i = a->n - 2; i >= 0; i--)
		rt_printf("%09u", a->d[i]);
	rt_printf("\n  (%d digits, digit sum %u, mod 1000003 = %u)\n", big_digits(a),
	          big_digit_sum(a), big_mod_small(a, 1000003));
}

static struct big x, y, z;

int main(void)
{
	big_set(&x, 1);
	for (uint32_t i = 2; i <= 100; i++)
		big_mul_small(&x, i);
	big_print("100!", &x);
	int failures = big_digit_sum(&x) != 648 || big_digits(&x) != 158;

	big_set(&x, 1);
	for (int i = 0; i < 1000; i++)
		big_mul_small(&x, 2);
	big_print("2^1000", &x);
	failures += big_digit_sum(&x) != 1366; /* Project Euler 16 */

	big_set(&x, 0);
	big_set(&y, 1);
	for (int i = 0; i < 1000; i++) {
		big_add(&z, &x, &y);
		x = y;
		y = z;
	}
	big_print("fib(1000)", &x);
	failures += big_digits(&x) != 209;

	/* 3^2023 by square-and-multiply, and 7^333 * 11^222 by repeated big_mul */
	big_set(&x, 1);
	big_set(&y, 3);
	for (unsigned int e = 2023; e; e >>= 1) {
		if (e & 1) {
			big_mul(&z, &x, &y);
			x = z;
		}
		if (e > 1) { /* skip the last squaring: 3^4096 would not fit */
			big_mul(&z, &y, &y);
			y = z;
		}
	}
	big_print("3^2023", &x);
	big_set(&y, 1);
	for (int i = 0; i < 333; i++)
		big_mul_small(&y, 7);
	big_set(&z, 1);
	for (int i = 0; i < 222; i++)
		big_mul_small(&z, 11);
	big_mul(&x, &y, &z);
	big_print("7^333*11^222", &x);

	rt_printf("bignum: %d failure(s)\n", failures);
	return failures != 0;
}
