/* SPDX-License-Identifier: MIT */
/*
 * The virtual PL011 each guest finds at GUEST_UART_IPA (PrimeCell UART
 * PL011 TRM, DDI 0183, "Summary of registers"). Transmit only: a byte
 * written to UARTDR goes to the VM's console line (console.c); UARTFR says
 * the transmit FIFO is empty and the receive FIFO too, so a guest's polling
 * loop never waits; the control registers keep what is written; the
 * identification registers read as a PL011's. 32-bit registers, accessed
 * with 8-, 16- or 32-bit loads and stores at their own offset.
 */
#include "hyp.h"
#include "pl011.h"

static const uint8_t pl011_id[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

static uint32_t *vuart_reg(struct vuart *u, uint64_t offset)
{
	switch (offset) {
	case UARTIBRD: return &u->ibrd;
	case UARTFBRD: return &u->fbrd;
	case UARTLCR_H: return &u->lcr_h;
	case UARTCR: return &u->cr;
	case UARTIFLS: return &u->ifls;
	case UARTIMSC: return &u->imsc;
	default: return NULL;
	}
}

int vuart_access(struct vm *vm, uint64_t offset, struct mmio_access *a)
{
	uint32_t *reg;

	if (a->size > 4 || (offset & 3))
		return 0;
	if (offset == UARTDR) {
		if (a->write)
			vm_console_putc(vm, (char)a->value);
		else
			a->value = 0; /* nothing is ever received */
		return 1;
	}
	if (offset == UARTFR) {
		a->value = UARTFR_TXFE | UARTFR_RXFE;
		return 1; /* a write is ignored: read-only */
	}
	if (offset >= UARTPERIPHID0) {
		a->value = pl011_id[(offset - UARTPERIPHID0) / 4];
		return 1;
	}
	reg = vuart_reg(&vm->uart, offset);
	if (a->write) {
		if (reg)
			*reg = (uint32_t)a->value;
	} else {
		a->value = reg ? *reg : 0; /* RSR, RIS, MIS, ICR, ...: RAZ/WI */
	}
	return 1;
}
