/*
 * A memory-mapped device on the board: a window of physical addresses and
 * the callbacks that answer accesses to it. The board (board.c) finds the
 * device for an address and calls it with the offset into the window.
 */
#ifndef EL2SIM_DEVICE_H
#define EL2SIM_DEVICE_H

#include <stdint.h>

struct device {
	const char *name;
	uint64_t base; /* physical address of the window */
	uint64_t size; /* bytes */
	void *opaque;
	/*
	 * A naturally aligned access of 1, 2, 4 or 8 bytes at offset (from
	 * base). Return 0, or -1 for an access the device does not answer:
	 * the CPU turns that into a synchronous external abort.
	 */
	int (*read)(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
	int (*write)(void *opaque, uint64_t offset, unsigned size, uint64_t val);
};

#endif
