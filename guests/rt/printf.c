/* SPDX-License-Identifier: MIT */
/*
 * A small integer-only printf, and the console it prints to.
 *
 * Conversions: d i u x X o c s p %. Flags: - 0 + space #. Width and precision,
 * both also as '*'. Length modifiers: hh h l ll z j t. Output matches C11
 * 7.21.6.1 (and glibc's "(nil)" for a null %p, "(null)" for a null %s), so
 * the differential tests can compare it with the host's printf byte for byte.
 */
#include "rt.h"

/* --- console --------------------------------------------------------------- */

static enum rt_console console_sink = RT_CONSOLE_SEMIHOST;
static char console_line[256];
static size_t console_len;

void rt_console_flush(void)
{
	if (console_len == 0)
		return;
	console_line[console_len] = '\0';
	rt_sh_write0(console_line);
	console_len = 0;
}

void rt_console_use(enum rt_console sink)
{
	rt_console_flush();
	console_sink = sink;
}

int rt_putc(int c)
{
	if (console_sink == RT_CONSOLE_PL011) {
		rt_pl011_putc((char)c);
		return (unsigned char)c;
	}
	if (c == '\0') { /* SYS_WRITE0 cannot carry a NUL */
		rt_console_flush();
		rt_sh_writec('\0');
		return 0;
	}
	console_line[console_len++] = (char)c;
	if (c == '\n' || console_len == sizeof(console_line) - 1)
		rt_console_flush();
	return (unsigned char)c;
}

int rt_puts(const char *s)
{
	while (*s)
		rt_putc(*s++);
	rt_putc('\n');
	return 0;
}

void rt_exit(int code)
{
	rt_console_flush();
	rt_sh_exit(code);
}

/* --- formatting ------------------------------------------------------------ */

struct fmt_out {
	void (*emit)(struct fmt_out *out, char c);
	char *buf; /* rt_vsnprintf only */
	size_t size;
	size_t count; /* characters produced so far */
};

struct fmt_spec {
	int left;  /* '-' */
	int zero;  /* '0' */
	int plus;  /* '+' */
	int space; /* ' ' */
	int alt;   /* '#' */
	int width; /* 0: none */
	int prec;  /* -1: none */
	char len;  /* 'H' hh, 'h', 'l', 'L' ll, 'z', 'j', 't', 0 */
	char conv;
};

static void fmt_putc(struct fmt_out *out, char c)
{
	out->emit(out, c);
	out->count++;
}

static void fmt_pad(struct fmt_out *out, char c, int n)
{
	while (n-- > 0)
		fmt_putc(out, c);
}

/* Pads str (len chars, after prefix) to the field width. */
static void fmt_field(struct fmt_out *out, const struct fmt_spec *spec, const char *prefix,
                      int zeros, const char *str, int len)
{
	int plen = (int)strlen(prefix);
	int fill = spec->width - plen - zeros - len;

	if (!spec->left && !spec->zero)
		fmt_pad(out, ' ', fill);
	while (*prefix)
		fmt_putc(out, *prefix++);
	if (!spec->left && spec->zero)
		fmt_pad(out, '0', fill);
	fmt_pad(out, '0', zeros);
	while (len-- > 0)
		fmt_putc(out, *str++);
	if (spec->left)
		fmt_pad(out, ' ', fill);
}

static int fmt_digits(char *end, unsigned long long v, unsigned int base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	while (v) {
		*--p = digits[v % base];
		v /= base;
	}
	return (int)(end - p);
}

static void fmt_integer(struct fmt_out *out, struct fmt_spec *spec, unsigned long long mag,
                        int negative)
{
	char buf[24], prefix[3] = "";
	unsigned int base = 10;
	int len, zeros;

	if (spec->conv == 'x' || spec->conv == 'X' || spec->conv == 'p')
		base = 16;
	else if (spec->conv == 'o')
		base = 8;
	len = fmt_digits(buf + sizeof(buf), mag, base, spec->conv == 'X');

	if (negative)
		prefix[0] = '-';
	else if (spec->plus && (spec->conv == 'd' || spec->conv == 'i'))
		prefix[0] = '+';
	else if (spec->space && (spec->conv == 'd' || spec->conv == 'i'))
		prefix[0] = ' ';
	else if (spec->alt && mag && base == 16) {
		prefix[0] = '0';
		prefix[1] = spec->conv == 'X' ? 'X' : 'x';
	}

	zeros = spec->prec > len ? spec->prec - len : 0;
	if (spec->prec < 0 && len == 0)
		zeros = 1; /* the value 0 without a precision prints "0" */
	if (spec->alt && base == 8 && zeros == 0 && (len == 0 || mag))
		zeros = 1; /* '#' with 'o': the first digit is a zero */
	if (spec->prec >= 0)
		spec->zero = 0; /* C11: '0' is ignored when a precision is given */
	fmt_field(out, spec, prefix, zeros, buf + sizeof(buf) - len, len);
}

static long long fmt_arg_signed(const struct fmt_spec *spec, va_list *ap)
{
	switch (spec->len) {
	case 'H': return (signed char)va_arg(*ap, int);
	case 'h': return (short)va_arg(*ap, int);
	case 'l': return va_arg(*ap, long);
	case 'L': return va_arg(*ap, long long);
	case 'z': return va_arg(*ap, long); /* signed size_t: ssize_t is long here */
	case 'j': return va_arg(*ap, intmax_t);
	case 't': return va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, int);
	}
}

static unsigned long long fmt_arg_unsigned(const struct fmt_spec *spec, va_list *ap)
{
	switch (spec->len) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned int);
	case 'h': return (unsigned short)va_arg(*ap, unsigned int);
	case 'l': return va_arg(*ap, unsigned long);
	case 'L': return va_arg(*ap, unsigned long long);
	case 'z': return va_arg(*ap, size_t);
	case 'j': return va_arg(*ap, uintmax_t);
	case 't': return (unsigned long long)va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, unsigned int);
	}
}

static void fmt_string(struct fmt_out *out, struct fmt_spec *spec, const char *s)
{
	int len = 0;

	if (!s)
		s = "(null)";
	while (s[len] && (spec->prec < 0 || len < spec->prec))
		len++;
	spec->zero = 0;
	fmt_field(out, spec, "", 0, s, len);
}

static void fmt_convert(struct fmt_out *out, struct fmt_spec *spec, va_list *ap)
{
	long long sv;
	void *ptr;
	char c;

	switch (spec->conv) {
	case 'd':
	case 'i':
		sv = fmt_arg_signed(spec, ap);
		fmt_integer(out, spec,
		            sv < 0 ? 0ull - (unsigned long long)sv : (unsigned long long)sv,
		            sv < 0);
		break;
	case 'u':
	case 'x':
	case 'X':
	case 'o': fmt_integer(out, spec, fmt_arg_unsigned(spec, ap), 0); break;
	case 'p':
		ptr = va_arg(*ap, void *);
		if (!ptr) {
			spec->prec = -1;
			fmt_string(out, spec, "(nil)");
			break;
		}
		spec->alt = 1; /* glibc prints %p as %#lx */
		fmt_integer(out, spec, (uintptr_t)ptr, 0);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		spec->zero = 0;
		fmt_field(out, spec, "", 0, &c, 1);
		break;
	case 's': fmt_string(out, spec, va_arg(*ap, const char *)); break;
	default: /* '%' and anything unknown: print it as it stands */
		fmt_putc(out, spec->conv);
		break;
	}
}

/* Reads a decimal number or '*' at *fmt into *n; returns 0 if there is neither. */
static int fmt_number(const char **fmt, va_list *ap, int *n)
{
	if (**fmt == '*') {
		(*fmt)++;
		*n = va_arg(*ap, int);
		return 1;
	}
	if (**fmt < '0' || **fmt > '9')
		return 0;
	for (*n = 0; **fmt >= '0' && **fmt <= '9'; (*fmt)++)
		*n = *n * 10 + (**fmt - '0');
	return 1;
}

static const char *fmt_parse(const char *fmt, struct fmt_spec *spec, va_list *ap)
{
	*spec = (struct fmt_spec){.prec = -1};
	for (;; fmt++) {
		if (*fmt == '-')
			spec->left = 1;
		else if (*fmt == '0')
			spec->zero = 1;
		else if (*fmt == '+')
			spec->plus = 1;
		else if (*fmt == ' ')
			spec->space = 1;
		else if (*fmt == '#')
			spec->alt = 1;
		else
			break;
	}
	if (fmt_number(&fmt, ap, &spec->width) && spec->width < 0) {
		spec->left = 1; /* a negative '*' width is a '-' flag */
		spec->width = -spec->width;
	}
	if (*fmt == '.') {
		fmt++;
		if (!fmt_number(&fmt, ap, &spec->prec))
			spec->prec = 0; /* "%.d": precision zero */
		else if (spec->prec < 0)
			spec->prec = -1; /* a negative '*' precision is as if omitted */
	}
	if (spec->left)
		spec->zero = 0;
	if (*fmt == 'h' || *fmt == 'l') {
		spec->len = *fmt++;
		if (*fmt == spec->len) {
			spec->len = spec->len == 'h' ? 'H' : 'L';
			fmt++;
		}
	} else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't') {
		spec->len = *fmt++;
	}
	spec->conv = *fmt;
	return *fmt ? fmt + 1 : fmt;
}

static int fmt_run(struct fmt_out *out, const char *fmt, va_list ap)
{
	struct fmt_spec spec;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			fmt_putc(out, *fmt++);
			continue;
		}
		fmt = fmt_parse(fmt + 1, &spec, &args);
		if (spec.conv)
			fmt_convert(out, &spec, &args);
	}
	va_end(args);
	return (int)out->count;
}

static void emit_console(struct fmt_out *out, char c)
{
	rt_putc(c);
}

static void emit_buffer(struct fmt_out *out, char c)
{
	if (out->count + 1 < out->size)
		out->buf[out->count] = c;
}

int rt_vprintf(const char *fmt, va_list ap)
{
	struct fmt_out out = {.emit = emit_console};

	return fmt_run(&out, fmt, ap);
}

int rt_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = rt_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out out = {.emit = emit_buffer, .buf = buf, .size = size};
	int n = fmt_run(&out, fmt, ap);

	if (size)
		buf[out.count < size ? out.count : size - 1] = '\0';
	return n;
}

int rt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = rt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
