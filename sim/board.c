/*
 * The virt board: RAM and a table of device windows, dispatched by address.
 */
#include "board.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "gic_cpuif.h"

/* [a, a + as) and [b, b + bs) share a byte; sizes > 0, no wrap-around. */
static bool ranges_meet(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a <= b + (bs - 1) && b <= a + (as - 1);
}

const struct device *board_device_overlapping(const struct board *b, uint64_t base, uint64_t size)
{
	for (unsigned i = 0; i < b->ndev; i++)
		if (ranges_meet(base, size, b->dev[i].base, b->dev[i].size))
			return &b->dev[i];
	return NULL;
}

const struct device *board_find_device(const struct board *b, uint64_t pa)
{
	return board_device_overlapping(b, pa, 1);
}

bool board_range_in_ram(const struct board *b, uint64_t base, uint64_t size)
{
	return base >= b->bus.ram_base && size <= b->bus.ram_size &&
	       base - b->bus.ram_base <= b->bus.ram_size - size;
}

int board_add_device(struct board *b, const struct device *d)
{
	if (b->ndev == BOARD_MAX_DEVICES || d->size == 0 || d->base + d->size < d->base ||
	    board_device_overlapping(b, d->base, d->size) ||
	    ranges_meet(d->base, d->size, b->bus.ram_base, b->bus.ram_size))
		return -1;
	b->dev[b->ndev++] = *d;
	return 0;
}

/* Unmapped addresses answer -1: the CPU raises a synchronous external abort. */
static int board_mmio_read(void *opaque, uint64_t pa, unsigned size, uint64_t *val)
{
	const struct device *d = board_find_device(opaque, pa);
	if (!d || !d->read)
		return -1;
	return d->read(d->opaque, pa - d->base, size, val);
}

static int board_mmio_write(void *opaque, uint64_t pa, unsigned size, uint64_t val)
{
	const struct device *d = board_find_device(opaque, pa);
	if (!d || !d->write)
		return -1;
	return d->write(d->opaque, pa - d->base, size, val);
}

/* The GIC's forwarded interrupt changed: the CPU interface recomputes IRQ and FIQ. */
static void board_gic_changed(void *opaque)
{
	struct board *b = opaque;
	if (b->cpu)
		gic_cpuif_update(b->cpu);
}

/* The PL011's UARTINTR is SPI 1 (INTID 33), as on QEMU's virt board (hw/arm/virt.c a15irqmap). */
static void board_uart_irq(void *opaque, bool level)
{
	struct board *b = opaque;
	gicv3_set_spi(&b->gic, VIRT_UART_INTID, level);
}

void board_attach_cpu(struct board *b, struct cpu *cpu)
{
	b->cpu = cpu;
	if (cpu)
		gic_cpuif_update(cpu);
}

int board_init(struct board *b, uint64_t ram_size, int in_fd, int out_fd)
{
	void *ram;

	memset(b, 0, sizeof(*b));
	/* Anonymous pages: zeroed, and only touched pages cost host memory. */
	ram = mmap(NULL, ram_size, PROT_READ | PROT_WRITE,
	           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ram == MAP_FAILED)
		return -1;
	b->bus = (struct bus){
	        .opaque = b,
	        .ram_base = VIRT_RAM_BASE,
	        .ram_size = ram_size,
	        .ram = ram,
	        .mmio_read = board_mmio_read,
	        .mmio_write = board_mmio_write,
	};
	gicv3_init(&b->gic, board_gic_changed, b);
	b->bus.gic = gicv3_port(&b->gic); /* before cpu_new(), which copies the bus */
	pl011_init(&b->uart, in_fd, out_fd);
	b->uart.irq = board_uart_irq;
	b->uart.irq_opaque = b;
	board_add_device(b, &(struct device){
	                            .name = "pl011",
	                            .base = VIRT_UART_BASE,
	                            .size = VIRT_UART_SIZE,
	                            .opaque = &b->uart,
	                            .read = pl011_read,
	                            .write = pl011_write,
	                    });
	board_add_device(b, &(struct device){
	                            .name = "gicd",
	                            .base = VIRT_GICD_BASE,
	                            .size = GICV3_DIST_SIZE,
	                            .opaque = &b->gic,
	                            .read = gicv3_dist_read,
	                            .write = gicv3_dist_write,
	                    });
	board_add_device(b, &(struct device){
	                            .name = "gicr",
	                            .base = VIRT_GICR_BASE,
	                            .size = GICV3_REDIST_SIZE,
	                            .opaque = &b->gic,
	                            .read = gicv3_redist_read,
	                            .write = gicv3_redist_write,
	                    });
	return 0;
}

void board_free(struct board *b)
{
	if (b->bus.ram)
		munmap(b->bus.ram, b->bus.ram_size);
	b->bus.ram = NULL;
}

void board_poll(struct board *b)
{
	pl011_poll(&b->uart);
}
