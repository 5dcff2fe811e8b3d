/* SPDX-License-Identifier: MIT */
/*
 * The PL011 UART's registers as hyp/ uses them twice: the board's own, which
 * hyp/ writes (console.c), and the virtual one each guest sees (vuart.c).
 * Offsets and bits from the PrimeCell UART (PL011) TRM, DDI 0183, "Summary
 * of registers" and "UARTFR"; all registers are 32 bits wide.
 */
#ifndef HYP_PL011_H
#define HYP_PL011_H

#define UARTDR        0x000
#define UARTRSR       0x004
#define UARTFR        0x018
#define UARTIBRD      0x024
#define UARTFBRD      0x028
#define UARTLCR_H     0x02c
#define UARTCR        0x030
#define UARTIFLS      0x034
#define UARTIMSC      0x038
#define UARTRIS       0x03c
#define UARTMIS       0x040
#define UARTICR       0x044
#define UARTPERIPHID0 0xfe0 /* 0xfe0-0xffc: PeriphID0-3, PCellID0-3 */

/* UARTFR */
#define UARTFR_RXFE (1u << 4) /* receive FIFO empty */
#define UARTFR_TXFF (1u << 5) /* transmit FIFO full */
#define UARTFR_TXFE (1u << 7) /* transmit FIFO empty */

#endif
