/*
 * The PL011 UART and the board's address decoding. Register offsets, reset
 * values, bit positions and ID values come from the PL011 TRM (Arm DDI 0183G:
 * table 3-1 "UART register summary", 3.3 "Register descriptions", 2.8
 * "Interrupts"); the addresses from QEMU virt's memory map.
 */
#include "harness.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "pl011.h"

static struct pl011 uart;
static int in_w, out_r; /* our ends of the input and output pipes */
static int in_r, out_w;

static int setup(void **state)
{
	int in[2], out[2];
	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(out), 0);
	in_r = in[0], in_w = in[1], out_r = out[0], out_w = out[1];
	fcntl(out_r, F_SETFL, O_NONBLOCK);
	pl011_init(&uart, in_r, out_w);
	return 0;
}

static int teardown(void **state)
{
	close(in_r), close(in_w), close(out_r), close(out_w);
	return 0;
}

static uint32_t rd(uint64_t off)
{
	uint64_t v;
	assert_int_equal(pl011_read(&uart, off, 4, &v), 0);
	return (uint32_t)v;
}

static void wr(uint64_t off, uint32_t v)
{
	assert_int_equal(pl011_write(&uart, off, 4, v), 0);
}

static void host_type(const char *s)
{
	assert_int_equal(write(in_w, s, strlen(s)), (ssize_t)strlen(s));
}

static void enable_rx(uint32_t lcr_h)
{
	wr(UARTLCR_H, lcr_h);
	wr(UARTCR, 0x301); /* RXE | TXE | UARTEN */
}

static void test_reset_values(void **state)
{
	assert_int_equal(rd(0x030), 0x0300); /* UARTCR: TXE, RXE */
	assert_int_equal(rd(0x034), 0x12);   /* UARTIFLS: 1/2 and 1/2 */
	assert_int_equal(rd(0x018), 0x90);   /* UARTFR: TXFE, RXFE */
	assert_int_equal(rd(0x02c), 0);      /* UARTLCR_H */
	assert_int_equal(rd(0x038), 0);      /* UARTIMSC */
	assert_int_equal(rd(0x03c), 0);      /* UARTRIS */
	assert_int_equal(rd(0x040), 0);      /* UARTMIS */
	assert_int_equal(rd(0x048), 0);      /* UARTDMACR */
	assert_int_equal(rd(0x004), 0);      /* UARTRSR */
	assert_false(pl011_irq_level(&uart));
}

static void test_id_registers(void **state)
{
	/* UARTPeriphID0-3 at 0xFE0-0xFEC, UARTPCellID0-3 at 0xFF0-0xFFC */
	static const uint32_t ids[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
	for (unsigned i = 0; i < 8; i++)
		assert_int_equal(rd(0xfe0 + 4 * i), ids[i]);
}

static void test_register_widths(void **state)
{
	wr(0x020, 0xffffffff); /* UARTILPR [7:0] */
	wr(0x024, 0xffffffff); /* UARTIBRD [15:0] */
	wr(0x028, 0xffffffff); /* UARTFBRD [5:0] */
	wr(0x034, 0xffffffff); /* UARTIFLS [5:0] */
	wr(0x038, 0xffffffff); /* UARTIMSC [10:0] */
	wr(0x048, 0xffffffff); /* UARTDMACR [2:0] */
	assert_int_equal(rd(0x020), 0xff);
	assert_int_equal(rd(0x024), 0xffff);
	assert_int_equal(rd(0x028), 0x3f);
	assert_int_equal(rd(0x034), 0x3f);
	assert_int_equal(rd(0x038), 0x7ff);
	assert_int_equal(rd(0x048), 0x7);
	wr(0x018, 0); /* UARTFR is read-only */
	assert_int_equal(rd(0x018), 0x90);
}

static void test_transmit(void **state)
{
	char buf[8];
	wr(0x000, 'h');
	wr(0x000, 0x100 | 'i'); /* only [7:0] is data */
	assert_int_equal(read(out_r, buf, sizeof(buf)), 2);
	assert_memory_equal(buf, "hi", 2);
	assert_int_equal(rd(0x018) & 0xa8, 0x80); /* TXFE, not TXFF or BUSY */
	/* UARTTXINTR: the FIFO drained through the trigger level */
	assert_int_equal(rd(0x03c), 1u << 5);
	assert_false(pl011_irq_level(&uart));
	wr(0x038, 1u << 5); /* TXIM */
	assert_int_equal(rd(0x040), 1u << 5);
	assert_true(pl011_irq_level(&uart));
	wr(0x044, 1u << 5); /* UARTICR.TXIC */
	assert_int_equal(rd(0x03c), 0);
	assert_false(pl011_irq_level(&uart));
}

static void test_receive_needs_enable(void **state)
{
	host_type("x");
	pl011_poll(&uart); /* UARTEN is 0 at reset: nothing is taken */
	assert_int_equal(rd(0x018) & 0x10, 0x10);
	enable_rx(0);
	pl011_poll(&uart);
	assert_int_equal(rd(0x018) & 0x50, 0x40); /* FIFOs off: one byte fills it, RXFF */
	assert_int_equal(rd(0x000), 'x');
	assert_int_equal(rd(0x018) & 0x50, 0x10); /* RXFE */
}

static void test_receive_fifo(void **state)
{
	char s[41];
	memset(s, 'a', 40);
	s[40] = 0;
	s[0] = '0';
	s[32] = '!';
	enable_rx(UARTLCR_H_FEN);
	host_type(s);
	pl011_poll(&uart);
	assert_int_equal(rd(0x018) & 0x50, 0x40); /* 32 entries: RXFF */
	assert_int_equal(rd(0x000), '0');
	pl011_poll(&uart); /* one more fits */
	for (unsigned i = 1; i < 32; i++)
		assert_int_equal(rd(0x000), 'a');
	assert_int_equal(rd(0x000), '!');
	assert_int_equal(rd(0x018) & 0x50, 0x10);
	pl011_poll(&uart);
	for (unsigned i = 33; i < 40; i++)
		assert_int_equal(rd(0x000), 'a');
}

static void test_receive_interrupts(void **state)
{
	enable_rx(UARTLCR_H_FEN);         /* RX trigger 1/2 of 32: 16 */
	wr(0x038, (1u << 4) | (1u << 6)); /* RXIM | RTIM */
	uart.ris = 0;
	host_type("0123456789abcde"); /* 15 */
	pl011_poll(&uart);
	assert_int_equal(rd(0x03c) & 0x50, 0); /* below the trigger, timeout not yet */
	pl011_poll(&uart);                     /* no more data came: receive timeout */
	assert_int_equal(rd(0x03c) & 0x50, 1u << 6);
	assert_true(pl011_irq_level(&uart));
	host_type("f");
	pl011_poll(&uart);
	assert_int_equal(rd(0x03c) & (1u << 4), 1u << 4); /* 16 reached */
	assert_int_equal(rd(0x040) & 0x50, 0x50);
	assert_int_equal(rd(0x000), '0'); /* 15 left: below the trigger */
	assert_int_equal(rd(0x03c) & (1u << 4), 0);
	for (unsigned i = 1; i < 16; i++)
		rd(0x000);
	assert_int_equal(rd(0x03c) & 0x50, 0); /* empty: timeout cleared too */
	assert_false(pl011_irq_level(&uart));
}

static void test_rx_trigger_levels(void **state)
{
	enable_rx(UARTLCR_H_FEN);
	wr(0x034, 0 << 3); /* RXIFLSEL 000: 1/8 full, 4 of 32 */
	assert_int_equal(pl011_receive(&uart, (const uint8_t *)"abc", 3), 3);
	assert_int_equal(rd(0x03c) & (1u << 4), 0);
	assert_int_equal(pl011_receive(&uart, (const uint8_t *)"d", 1), 1);
	assert_int_equal(rd(0x03c) & (1u << 4), 1u << 4);
	for (unsigned i = 0; i < 4; i++)
		rd(0x000);
	wr(0x034, 4 << 3); /* RXIFLSEL 100: 7/8 full, 28 of 32 */
	for (unsigned i = 0; i < 27; i++)
		pl011_receive(&uart, (const uint8_t *)"z", 1);
	assert_int_equal(rd(0x03c) & (1u << 4), 0);
	pl011_receive(&uart, (const uint8_t *)"z", 1);
	assert_int_equal(rd(0x03c) & (1u << 4), 1u << 4);
}

static void test_icr_clears_only_its_bits(void **state)
{
	enable_rx(UARTLCR_H_FEN);
	wr(0x034, 0);
	wr(0x000, 'x');
	pl011_receive(&uart, (const uint8_t *)"abcd", 4);
	assert_int_equal(rd(0x03c) & 0x30, 0x30);
	wr(0x044, 1u << 4); /* RXIC */
	assert_int_equal(rd(0x03c) & 0x30, 0x20);
	wr(0x044, 0x7ff);
	assert_int_equal(rd(0x03c), 0);
}

static void test_loopback(void **state)
{
	char buf[4];
	wr(0x030, 0x381); /* LBE | TXE | RXE | UARTEN */
	wr(0x000, 'L');
	assert_int_equal(read(out_r, buf, sizeof(buf)), -1); /* nothing on the wire */
	assert_int_equal(rd(0x000), 'L');
}

static void test_access_sizes(void **state)
{
	uint64_t v;
	assert_int_equal(pl011_read(&uart, 0x018, 1, &v), 0);
	assert_int_equal(v, 0x90);
	assert_int_equal(pl011_read(&uart, 0x030, 2, &v), 0);
	assert_int_equal(v, 0x300);
	assert_int_equal(pl011_read(&uart, 0x031, 1, &v), 0); /* byte lane 1 of UARTCR */
	assert_int_equal(v, 0x03);
	assert_int_equal(pl011_read(&uart, 0x018, 8, &v), -1);
	assert_int_equal(pl011_write(&uart, 0x000, 8, 'x'), -1);
	assert_int_equal(pl011_read(&uart, 0x800, 4, &v), 0); /* reserved: reads as zero */
	assert_int_equal(v, 0);
}

static void test_input_eof(void **state)
{
	enable_rx(UARTLCR_H_FEN);
	close(in_w);
	in_w = -1;
	pl011_poll(&uart);
	pl011_poll(&uart);
	assert_true(uart.in_eof);
	assert_int_equal(rd(0x018) & 0x10, 0x10);
	in_w = open("/dev/null", O_WRONLY); /* for teardown */
}

static void test_board_dispatch(void **state)
{
	struct board b;
	uint64_t v = 0;
	assert_int_equal(board_init(&b, 1u << 20, -1, -1), 0);
	/* The PL011 at 0x0900_0000: UARTFR and UARTPeriphID0 */
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x09000018, 4, &v), 0);
	assert_int_equal(v, 0x90);
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x09000fe0, 4, &v), 0);
	assert_int_equal(v, 0x11);
	assert_int_equal(b.bus.mmio_write(b.bus.opaque, 0x09000038, 4, 0x10), 0);
	assert_int_equal(b.uart.imsc, 0x10);
	/* Nothing answers next to it or at 0 */
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x09001000, 4, &v), -1);
	assert_int_equal(b.bus.mmio_read(b.bus.opaque, 0x08fffffc, 4, &v), -1);
	assert_int_equal(b.bus.mmio_write(b.bus.opaque, 0, 8, 0), -1);
	assert_int_equal(b.bus.ram_base, 0x40000000);
	assert_int_equal(b.bus.ram_size, 1u << 20);
	/* Windows may not overlap each other or RAM */
	assert_int_equal(
	        board_add_device(&b,
	                         &(struct device){.name = "x", .base = 0x09000800, .size = 0x1000}),
	        -1);
	assert_int_equal(
	        board_add_device(&b,
	                         &(struct device){.name = "x", .base = 0x3ffff000, .size = 0x2000}),
	        -1);
	/* The board's own GICv3 Distributor already holds 0x0800_0000 */
	assert_int_equal(
	        board_add_device(
	                &b, &(struct device){.name = "gicd", .base = 0x08000000, .size = 0x10000}),
	        -1);
	assert_string_equal(board_find_device(&b, 0x0800fffc)->name, "gicd");
	board_free(&b);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	        T(test_reset_values),
	        T(test_id_registers),
	        T(test_register_widths),
	        T(test_transmit),
	        T(test_receive_needs_enable),
	        T(test_receive_fifo),
	        T(test_receive_interrupts),
	        T(test_rx_trigger_levels),
	        T(test_icr_clears_only_its_bits),
	        T(test_loopback),
	        T(test_access_sizes),
	        T(test_input_eof),
	        cmocka_unit_test(test_board_dispatch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
