/* SPDX-License-Identifier: MIT */
/*
 * A torture of the runtime's integer printf: every conversion, flag, width,
 * precision and length modifier it claims, printed between brackets, plus
 * snprintf truncation. The host's printf is the reference.
 */
#include "diff.h"

#include <limits.h>

/* The torture means it: '0' with a precision is ignored (C11 7.21.6.1p6), and
 * snprintf is asked to truncate. */
#pragma GCC diagnostic ignored "-Wformat"
#ifndef __clang__ /* clang has no -Wformat-truncation (the host build may use clang) */
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

#define T(...)                                \
	do {                                  \
		rt_printf("%3d [", __LINE__); \
		rt_printf(__VA_ARGS__);       \
		rt_printf("]\n");             \
	} while (0)

static void fmt_signed(void)
{
	static const int values[] = {0, 1, -1, 7, -42, 1000, -99999, INT_MAX, INT_MIN};

	for (unsigned int i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		int v = values[i];

		T("%d|%i|%5d|%-5d|%05d|%+d|% d|%.3d|%8.3d|%-8.3d|%08.3d|%+.0d", v, v, v, v, v, v, v,
		  v, v, v, v, v);
		T("%*d|%-*d|%.*d|%*.*d", 7, v, 7, v, 4, v, 9, 6, v);
	}
	T("%.0d|%.0i|%5.0d|%-5.0d|%+.0d|% .0d", 0, 0, 0, 0, 0, 0);
	T("%*d|%.*d", -6, 12, -3, 12); /* negative '*': '-' flag; no precision */
}

static void fmt_unsigned(void)
{
	static const unsigned int values[] = {0, 1, 8, 15, 16, 255, 0xdeadbeef, UINT_MAX};

	for (unsigned int i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		unsigned int v = values[i];

		T("%u|%x|%X|%o|%#x|%#X|%#o|%08x|%-8X|%#010x|%.6o|%#.3x", v, v, v, v, v, v, v, v, v,
		  v, v, v);
		T("%12u|%-12u|%012u|%.10u|%#.0o|%#.0x|%#5o", v, v, v, v, v, v, v);
	}
}

static void fmt_lengths(void)
{
	long long ll = -1234567890123456789ll;
	unsigned long long ull = 0xfedcba9876543210ull;

	T("%hhd|%hhu|%hhx|%hhi", -129, 511, 0x1ff, 200);
	T("%hd|%hu|%hx|%ho", 70000, 70000, -1, -1);
	T("%ld|%lu|%lx|%lX|%lo", LONG_MIN, ULONG_MAX, 0x123456789abcdefUL, ULONG_MAX, 01234567UL);
	T("%lld|%llu|%llx|%llX|%llo", ll, ull, ull, ull, ull);
	T("%lld|%llu|%20lld|%-22lld|%+lld", LLONG_MIN, 0ull, LLONG_MAX, LLONG_MIN, 5ll);
	T("%zu|%zx|%zd|%5zu", (size_t)12345, (size_t)0xabcdef, (size_t)77, sizeof(long long));
	T("%jd|%ju|%td", (intmax_t)-5, (uintmax_t)5, (ptrdiff_t)-9);
	T("%.20llu|%025llx|%-25llo|", ull, ull, ull);
}

static void fmt_chars_strings(void)
{
	static const char *const words[] = {"", "a", "hello", "el2sim differential"};

	T("%c|%3c|%-3c|%c%c%c", 'x', 'y', 'z', 'a', 'b', 'c');
	for (unsigned int i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *s = words[i];

		T("%s|%10s|%-10s|%.3s|%8.2s|%-8.0s|%.*s|%*s", s, s, s, s, s, s, 4, s, -7, s);
	}
	T("100%%|%5s%%|%%d|%-3c|", "x", 'q');
}

static void fmt_pointers(void)
{
	T("%p|%p|%20p|%-20p|", (void *)0x1234, (void *)0xffff000012345678ul, (void *)0x40000000,
	  (void *)0xbeef);
}

static void fmt_snprintf(void)
{
	char buf[16];
	int n;

	for (unsigned int size = 0; size <= 12; size += 3) {
		buf[0] = '#';
		buf[1] = '\0';
		n = rt_snprintf(buf, size, "%s-%d-%x", "trunc", -77, 0xabcu);
		T("size=%u ret=%d buf=\"%s\"", size, n, buf);
	}
	n = rt_snprintf(buf, sizeof(buf), "%08.3lld|%c", -5ll, 'w');
	T("ret=%d buf=\"%s\"", n, buf);
}

/* A table of widths and values, to catch off-by-ones in padding. */
static void fmt_grid(void)
{
	long long v = 1;

	for (int w = 0; w <= 20; w += 4) {
		T("%*lld|%-*lld|%0*lld|%*llx|%0*llo|%.*lld", w, v, w, -v, w, v * 3, w, v, w, v, w,
		  -v);
		v = v * 1000 + 7;
	}
}

int main(void)
{
	fmt_signed();
	fmt_unsigned();
	fmt_lengths();
	fmt_chars_strings();
	fmt_pointers();
	fmt_snprintf();
	fmt_grid();
	return 0;
}
