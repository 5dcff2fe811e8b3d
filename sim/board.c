/*
 * The virt board: RAM and a table of device windows, dispatched by address.
 */
#include "board.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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
	pl011_init(&b->uart, in_fd, out_fd);
	board_add_device(b, &(struct device){
	                            .name = "pl011",
	                            .base = VIRT_UART_BASE,
	                            .size = VIRT_UART_SIZE,
	                            .opaque = &b->uart,
	                            .read = pl011_read,
	                            .write = pl011_write,
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
