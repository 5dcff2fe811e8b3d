/* SPDX-License-Identifier: MIT */
/*
 * A small integer-only vsnprintf for hyp/'s messages: %d %i %u %x %p %c %s %%,
 * the flags '-' and '0', a field width, and the length modifiers l, ll, z.
 */
#include "hyp.h"

struct out {
	char *buf;
	size_t size, len;
};

static void out_c(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_field(struct out *o, const char *s, size_t n, int width, int left, char pad)
{
	int fill = width - (int)n;

	if (!left)
		while (fill-- > 0)
			out_c(o, pad);
	while (n--)
		out_c(o, *s++);
	if (left)
		while (fill-- > 0)
			out_c(o, ' ');
}

static void out_num(struct out *o, unsigned long long v, unsigned int base, int neg, int width,
                    int left, char pad)
{
	char tmp[24], *p = tmp + sizeof(tmp);

	do {
		*--p = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg) {
		if (pad == '0') {
			out_c(o, '-');
			width--;
		} else {
			*--p = '-';
		}
	}
	out_field(o, p, (size_t)(tmp + sizeof(tmp) - p), width, left, pad);
}

int hyp_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {.buf = buf, .size = size};

	for (; *fmt; fmt++) {
		int left = 0, width = 0, lng = 0;
		char pad = ' ';
		long long sv;
		const char *s;

		if (*fmt != '%') {
			out_c(&o, *fmt);
			continue;
		}
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++)
			*fmt == '-' ? (left = 1) : (pad = '0');
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z')
			lng++, fmt++;
		switch (*fmt) {
		case 'd':
		case 'i':
			sv = lng ? va_arg(ap, long long) : va_arg(ap, int);
			out_num(&o, sv < 0 ? 0ull - (unsigned long long)sv : (unsigned long long)sv,
			        10, sv < 0, width, left, pad);
			break;
		case 'u':
		case 'x':
			out_num(&o, lng ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned int),
			        *fmt == 'u' ? 10 : 16, 0, width, left, pad);
			break;
		case 'p':
			out_c(&o, '0');
			out_c(&o, 'x');
			out_num(&o, (uintptr_t)va_arg(ap, void *), 16, 0, width, left, pad);
			break;
		case 'c': out_c(&o, (char)va_arg(ap, int)); break;
		case 's':
			s = va_arg(ap, const char *);
			s = s ? s : "(null)";
			out_field(&o, s, strlen(s), width, left, ' ');
			break;
		case '\0': fmt--; break;
		default: out_c(&o, *fmt); break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int hyp_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = hyp_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
