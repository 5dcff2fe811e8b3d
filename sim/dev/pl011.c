/*
 * Arm PrimeCell UART (PL011); see pl011.h. Section numbers are those of the
 * PL011 TRM (Arm DDI 0183G).
 */
#include "pl011.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "hostio.h"

/* UARTPeriphID0-3 and UARTPCellID0-3 (TRM 3.3.14-3.3.21); Linux's amba bus
 * matches PeriphID 0x00141011 against 0x00041011/0x000fffff. */
static const uint8_t pl011_id[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

void pl011_reset(struct pl011 *u)
{
	u->rx_head = u->rx_count = 0;
	u->rsr = u->ilpr = u->ibrd = u->fbrd = u->lcr_h = u->imsc = u->ris = u->dmacr = 0;
	u->cr = UARTCR_RXE | UARTCR_TXE; /* 0x0300 */
	u->ifls = 0x12;                  /* both trigger levels at 1/2 */
}

void pl011_init(struct pl011 *u, int in_fd, int out_fd)
{
	u->irq = NULL;
	u->irq_opaque = NULL;
	u->in_fd = in_fd;
	u->out_fd = out_fd;
	u->in_eof = in_fd < 0;
	pl011_reset(u);
}

/* Drive UARTINTR after something that can change it. */
static void pl011_drive_irq(const struct pl011 *u)
{
	if (u->irq)
		u->irq(u->irq_opaque, pl011_irq_level(u));
}

static unsigned rx_depth(const struct pl011 *u)
{
	return (u->lcr_h & UARTLCR_H_FEN) ? PL011_FIFO_DEPTH : 1;
}

/* UARTIFLS.RXIFLSEL (TRM 3.3.9): 1/8, 1/4, 1/2, 3/4, 7/8 of the FIFO. */
static unsigned rx_trigger(const struct pl011 *u)
{
	static const unsigned eighths[8] = {1, 2, 4, 6, 7, 4, 4, 4};
	if (!(u->lcr_h & UARTLCR_H_FEN))
		return 1;
	return PL011_FIFO_DEPTH * eighths[(u->ifls >> 3) & 7] / 8;
}

static bool rx_enabled(const struct pl011 *u)
{
	return (u->cr & (UARTCR_UARTEN | UARTCR_RXE)) == (UARTCR_UARTEN | UARTCR_RXE);
}

static unsigned rx_space(const struct pl011 *u)
{
	unsigned depth = rx_depth(u);
	return u->rx_count < depth ? depth - u->rx_count : 0;
}

/*
 * UARTRXINTR (TRM 2.8.3): set when the FIFO reaches the trigger level,
 * cleared by reading below it or through UARTICR.
 */
static void rx_push(struct pl011 *u, uint8_t c)
{
	u->rx[(u->rx_head + u->rx_count) % PL011_FIFO_DEPTH] = c;
	u->rx_count++;
	if (u->rx_count >= rx_trigger(u))
		u->ris |= UART_INT_RX;
}

size_t pl011_receive(struct pl011 *u, const uint8_t *buf, size_t len)
{
	size_t n = 0;
	if (!rx_enabled(u))
		return 0;
	while (n < len && rx_space(u) > 0)
		rx_push(u, buf[n++]);
	pl011_drive_irq(u);
	return n;
}

void pl011_poll(struct pl011 *u)
{
	uint8_t buf[PL011_FIFO_DEPTH];
	unsigned space = rx_space(u);
	bool arrived = false;

	if (!u->in_eof && rx_enabled(u) && space > 0) {
		struct pollfd p = {.fd = u->in_fd, .events = POLLIN};
		if (poll(&p, 1, 0) == 1) {
			ssize_t n = read(u->in_fd, buf, space);
			if (n > 0) {
				pl011_receive(u, buf, (size_t)n);
				arrived = true;
			} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
				u->in_eof = true;
			}
		}
	}
	/* UARTRTINTR (TRM 2.8.3): data waits and no more came in a while. */
	if (!arrived && u->rx_count > 0)
		u->ris |= UART_INT_RT;
	pl011_drive_irq(u);
}

static uint32_t rx_pop(struct pl011 *u)
{
	uint8_t c;
	if (u->rx_count == 0)
		return 0;
	c = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1) % PL011_FIFO_DEPTH;
	u->rx_count--;
	if (u->rx_count < rx_trigger(u))
		u->ris &= ~UART_INT_RX;
	if (u->rx_count == 0)
		u->ris &= ~UART_INT_RT;
	return c; /* error bits [11:8] are always clear */
}

/*
 * UARTTXINTR (TRM 2.8.3) fires when the transmit FIFO drops through its
 * trigger level; transmission here is instantaneous, so every write does.
 */
static void tx_byte(struct pl011 *u, uint8_t c)
{
	if (u->cr & UARTCR_LBE) {
		if (rx_enabled(u) && rx_space(u) > 0) {
			rx_push(u, c);
		} else {
			u->rsr |= 1u << 3; /* overrun */
			u->ris |= UART_INT_OE;
		}
	} else if (u->out_fd >= 0) {
		hostio_write_all(u->out_fd, &c, 1);
	}
	u->ris |= UART_INT_TX;
}

static uint32_t flags(const struct pl011 *u)
{
	uint32_t fr = UARTFR_TXFE;
	if (u->rx_count == 0)
		fr |= UARTFR_RXFE;
	if (rx_space(u) == 0)
		fr |= UARTFR_RXFF;
	return fr;
}

static uint32_t reg_read(struct pl011 *u, uint64_t reg)
{
	switch (reg) {
	case UARTDR: return rx_pop(u);
	case UARTRSR: return u->rsr;
	case UARTFR: return flags(u);
	case UARTILPR: return u->ilpr;
	case UARTIBRD: return u->ibrd;
	case UARTFBRD: return u->fbrd;
	case UARTLCR_H: return u->lcr_h;
	case UARTCR: return u->cr;
	case UARTIFLS: return u->ifls;
	case UARTIMSC: return u->imsc;
	case UARTRIS: return u->ris;
	case UARTMIS: return u->ris & u->imsc;
	case UARTDMACR: return u->dmacr;
	default:
		if (reg >= UARTPERIPHID0)
			return pl011_id[(reg - UARTPERIPHID0) / 4];
		return 0; /* reserved and write-only registers read as zero */
	}
}

static void reg_write(struct pl011 *u, uint64_t reg, uint32_t v)
{
	switch (reg) {
	case UARTDR: tx_byte(u, (uint8_t)v); break;
	case UARTRSR: u->rsr = 0; break; /* UARTECR: any write clears the errors */
	case UARTILPR: u->ilpr = v & 0xff; break;
	case UARTIBRD: u->ibrd = v & 0xffff; break;
	case UARTFBRD: u->fbrd = v & 0x3f; break;
	case UARTLCR_H: u->lcr_h = v & 0xff; break;
	case UARTCR: u->cr = v & 0xff87; break;
	case UARTIFLS: u->ifls = v & 0x3f; break;
	case UARTIMSC: u->imsc = v & UART_INT_ALL; break;
	case UARTICR: u->ris &= ~(v & UART_INT_ALL); break;
	case UARTDMACR: u->dmacr = v & 0x7; break;
	default: break; /* read-only and reserved: writes ignored */
	}
}

/*
 * The registers are 32 bits wide on a 32-bit APB; a narrower access reads
 * the byte lanes it covers and a write other than to lane 0 is ignored.
 * A 64-bit access is not answered.
 */
int pl011_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
	struct pl011 *u = opaque;
	unsigned shift = 8 * (unsigned)(offset & 3);
	uint32_t v;

	if (size > 4)
		return -1;
	if (shift == 0)
		v = reg_read(u, offset);
	else
		v = offset - (offset & 3) == UARTDR ? 0 : reg_read(u, offset & ~3ull) >> shift;
	*val = size == 4 ? v : v & ((1u << (8 * size)) - 1);
	pl011_drive_irq(u); /* a read of UARTDR can lower RX and RT */
	return 0;
}

int pl011_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
	if (size > 4)
		return -1;
	if ((offset & 3) == 0)
		reg_write(opaque, offset, (uint32_t)val);
	pl011_drive_irq(opaque);
	return 0;
}

bool pl011_irq_level(const struct pl011 *u)
{
	return (u->ris & u->imsc) != 0;
}
