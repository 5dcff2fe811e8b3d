/* SPDX-License-Identifier: MIT */
/*
 * Output. hyp/ owns the board's PL011 (PrimeCell UART TRM, DDI 0183: poll
 * UARTFR.TXFF, write UARTDR); the guests only see virtual ones (vuart.c)
 * and HC_CONSOLE_WRITE. Each guest's bytes collect in a line buffer of its
 * VM and go out one whole line at a time with the VM's prefix,
 * "[vm0 rr-os] ", so the two consoles interleave by lines, never inside
 * one; hyp/'s own lines start with "[hyp] ".
 */
#include "hyp.h"
#include "pl011.h"

#define PL011_BASE 0x09000000ul /* the virt board's UART */

void console_putc(char c)
{
	volatile uint32_t *fr = (volatile uint32_t *)(PL011_BASE + UARTFR);
	volatile uint32_t *dr = (volatile uint32_t *)(PL011_BASE + UARTDR);

	while (*fr & UARTFR_TXFF)
		;
	*dr = (uint8_t)c;
}

static void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}

/*
 * The one place hyp/ formats a message (hyp_printf, hyp_log, hyp_panic):
 * prefix, then fmt with ap, cut to 255 bytes. Returns the formatted length.
 */
int hyp_vlog(const char *prefix, const char *fmt, va_list ap)
{
	char buf[256];
	int n = hyp_vsnprintf(buf, sizeof(buf), fmt, ap);

	console_puts(prefix);
	console_puts(buf);
	return n;
}

int hyp_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = hyp_vlog("", fmt, ap);
	va_end(ap);
	return n;
}

/* One line of hyp/'s own, with its prefix and a newline. */
void hyp_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hyp_vlog("[hyp] ", fmt, ap);
	va_end(ap);
	console_putc('\n');
}

void vm_console_flush(struct vm *vm)
{
	struct console *c = &vm->con;

	if (!c->len)
		return;
	hyp_printf("[vm%u %s] ", vm->id, vm->name);
	for (unsigned int i = 0; i < c->len; i++)
		console_putc(c->line[i]);
	console_putc('\n');
	c->len = 0;
}

/* A byte from a guest: '\n' ends the line, '\r' is dropped, other controls become '.'. */
void vm_console_putc(struct vm *vm, char c)
{
	struct console *con = &vm->con;

	if (c == '\n') {
		if (!con->len) /* an empty line still shows, with its prefix */
			con->line[con->len++] = ' ';
		vm_console_flush(vm);
		return;
	}
	if (c == '\r')
		return;
	if ((unsigned char)c < 0x20 && c != '\t')
		c = '.';
	con->line[con->len++] = c;
	if (con->len == CONSOLE_LINE)
		vm_console_flush(vm);
}
