/* SPDX-License-Identifier: MIT */
/* PL011 UART transmit (PrimeCell UART TRM, DDI 0183: UARTDR, UARTFR.TXFF). */
#include "rt.h"

static inline volatile uint32_t *pl011_reg(unsigned long offset)
{
	return (volatile uint32_t *)(PL011_BASE + offset);
}

void rt_pl011_putc(char c)
{
	while (*pl011_reg(PL011_FR) & PL011_FR_TXFF)
		;
	*pl011_reg(PL011_DR) = (uint8_t)c;
}
