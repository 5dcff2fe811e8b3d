/*
 * The board: QEMU's "virt" memory map (hw/arm/virt.c, base_memmap), so images
 * built for it run unchanged. RAM at 0x4000_0000, the PL011 at 0x0900_0000,
 * the GICv3 Distributor at 0x0800_0000 and the one PE's Redistributor at
 * 0x080A_0000; other devices join the table as they are written.
 */
#ifndef EL2SIM_BOARD_H
#define EL2SIM_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"
#include "device.h"
#include "gicv3.h"
#include "pl011.h"

#define VIRT_RAM_BASE   0x40000000ull
#define VIRT_UART_BASE  0x09000000ull
#define VIRT_UART_SIZE  0x1000ull
#define VIRT_UART_INTID 33u /* SPI 1 */
#define VIRT_GICD_BASE  0x08000000ull
#define VIRT_GICR_BASE  0x080a0000ull

/* RAM must end at or below 4 GiB: at most 3 GiB. */
#define BOARD_RAM_MIN (1ull << 20)
#define BOARD_RAM_MAX (0x100000000ull - VIRT_RAM_BASE)

#define BOARD_MAX_DEVICES 16

struct cpu;

struct board {
	struct bus bus; /* what the CPU sees; bus.opaque is the board */
	struct device dev[BOARD_MAX_DEVICES];
	unsigned ndev;
	struct pl011 uart;
	struct gicv3 gic;
	struct cpu *cpu; /* told of GIC changes (gic_cpuif_update); NULL: none yet */
};

/*
 * Allocate ram_size bytes of zeroed RAM (a page multiple within
 * [BOARD_RAM_MIN, BOARD_RAM_MAX]) and attach the PL011 to the file
 * descriptors in_fd (receive; -1 for none) and out_fd (transmit).
 * Returns 0, or -1 if memory is short.
 */
int board_init(struct board *b, uint64_t ram_size, int in_fd, int out_fd);
void board_free(struct board *b);

/*
 * The CPU created over b->bus: from now on every change of what the GIC's
 * Redistributor forwards calls gic_cpuif_update(cpu). NULL detaches.
 */
void board_attach_cpu(struct board *b, struct cpu *cpu);

/* Add a device window; returns -1 if the table is full or the window overlaps another. */
int board_add_device(struct board *b, const struct device *d);

/* The device whose window holds pa, or NULL. */
const struct device *board_find_device(const struct board *b, uint64_t pa);

/* The first device whose window meets [base, base + size), or NULL; size > 0. */
const struct device *board_device_overlapping(const struct board *b, uint64_t base, uint64_t size);

/* Whether [base, base + size) lies wholly in RAM; size > 0, no wrap-around. */
bool board_range_in_ram(const struct board *b, uint64_t base, uint64_t size);

/* Poll the devices for host input (hooks.poll). */
void board_poll(struct board *b);

#endif
