/*
 * The CPU's only view of the board: one contiguous RAM window it may reach
 * through host pointers, and MMIO callbacks for every other physical address.
 * The board (sim/) fills this in; cpu/ never includes anything from sim/.
 */
#ifndef EL2SIM_BUS_H
#define EL2SIM_BUS_H

#include <stdint.h>

#include "gic_port.h"

struct bus {
	void *opaque;
	uint64_t ram_base; /* physical address of RAM, page aligned */
	uint64_t ram_size; /* bytes, a multiple of 4 KiB */
	/*
	 * Host memory backing [ram_base, ram_base+ram_size). Anything but the
	 * CPU's own stores that writes it while the CPU runs (a loader, a
	 * debugger, a future DMA device) must call cpu_code_written() for each
	 * page it changes, or cpu_dcache_flush(): decoded pages keep copies of
	 * the words.
	 */
	uint8_t *ram;
	/*
	 * A naturally aligned access of 1, 2, 4 or 8 bytes to a non-RAM
	 * address. Return 0 on success, -1 when nothing answers at pa: the
	 * CPU turns that into a synchronous external abort.
	 */
	int (*mmio_read)(void *opaque, uint64_t pa, unsigned size, uint64_t *val);
	int (*mmio_write)(void *opaque, uint64_t pa, unsigned size, uint64_t val);
	/* The GIC's redistributor as the CPU interface sees it; gic.opaque NULL: none. */
	struct gic_port gic;
};

#endif
