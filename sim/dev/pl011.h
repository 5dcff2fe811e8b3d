/*
 * Arm PrimeCell UART (PL011), after the PL011 Technical Reference Manual
 * (Arm DDI 0183G, r1p5), as far as Linux's amba-pl011 driver uses it.
 *
 * Transmission is instantaneous: a byte written to UARTDR goes straight to
 * the output file descriptor, so the transmit FIFO is always empty. The
 * receive FIFO (32 entries, 1 with LCR_H.FEN = 0) is filled from the input
 * file descriptor by pl011_poll(), without blocking, and only while the
 * UART and its receiver are enabled (CR.UARTEN and CR.RXE): the host keeps
 * what the guest cannot take yet, so no byte is ever overrun.
 */
#ifndef EL2SIM_PL011_H
#define EL2SIM_PL011_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Register offsets (TRM 3.2, "Summary of registers") */
#define UARTDR        0x000
#define UARTRSR       0x004 /* read: UARTRSR; write: UARTECR */
#define UARTFR        0x018
#define UARTILPR      0x020
#define UARTIBRD      0x024
#define UARTFBRD      0x028
#define UARTLCR_H     0x02c
#define UARTCR        0x030
#define UARTIFLS      0x034
#define UARTIMSC      0x038
#define UARTRIS       0x03c
#define UARTMIS       0x040
#define UARTICR       0x044
#define UARTDMACR     0x048
#define UARTPERIPHID0 0xfe0
#define UARTPCELLID0  0xff0

/* UARTFR (TRM 3.3.3) */
#define UARTFR_CTS  (1u << 0)
#define UARTFR_DSR  (1u << 1)
#define UARTFR_DCD  (1u << 2)
#define UARTFR_BUSY (1u << 3)
#define UARTFR_RXFE (1u << 4)
#define UARTFR_TXFF (1u << 5)
#define UARTFR_RXFF (1u << 6)
#define UARTFR_TXFE (1u << 7)
#define UARTFR_RI   (1u << 8)

/* UARTLCR_H (TRM 3.3.7) */
#define UARTLCR_H_FEN (1u << 4)

/* UARTCR (TRM 3.3.8) */
#define UARTCR_UARTEN (1u << 0)
#define UARTCR_LBE    (1u << 7)
#define UARTCR_TXE    (1u << 8)
#define UARTCR_RXE    (1u << 9)

/* Interrupt bits of UARTIMSC, UARTRIS, UARTMIS, UARTICR (TRM 3.3.10-3.3.13) */
#define UART_INT_RI  (1u << 0)
#define UART_INT_CTS (1u << 1)
#define UART_INT_DCD (1u << 2)
#define UART_INT_DSR (1u << 3)
#define UART_INT_RX  (1u << 4)
#define UART_INT_TX  (1u << 5)
#define UART_INT_RT  (1u << 6)
#define UART_INT_FE  (1u << 7)
#define UART_INT_PE  (1u << 8)
#define UART_INT_BE  (1u << 9)
#define UART_INT_OE  (1u << 10)
#define UART_INT_ALL 0x7ffu

#define PL011_FIFO_DEPTH 32

struct pl011 {
	int in_fd, out_fd; /* -1: none */
	bool in_eof;       /* the input hit end of file */
	uint8_t rx[PL011_FIFO_DEPTH];
	unsigned rx_head, rx_count;
	uint32_t rsr, ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr;
	/*
	 * UARTINTR's wire (pl011_irq_level): called with the level after every
	 * access, poll and receive, which are what can change it; NULL: not
	 * connected. The board wires it to its GIC SPI.
	 */
	void (*irq)(void *opaque, bool level);
	void *irq_opaque;
};

/* Attach to host file descriptors (either may be -1) and reset; irq unconnected. */
void pl011_init(struct pl011 *u, int in_fd, int out_fd);
/* The register values at reset (TRM table 3-1). */
void pl011_reset(struct pl011 *u);

/* struct device callbacks; opaque is the struct pl011. */
int pl011_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
int pl011_write(void *opaque, uint64_t offset, unsigned size, uint64_t val);

/* Move what input is available, without blocking, into the receive FIFO. */
void pl011_poll(struct pl011 *u);

/* Put bytes into the receive FIFO as if received; returns how many fitted. */
size_t pl011_receive(struct pl011 *u, const uint8_t *buf, size_t len);

/* The combined interrupt output UARTINTR: UARTMIS != 0. */
bool pl011_irq_level(const struct pl011 *u);

#endif
