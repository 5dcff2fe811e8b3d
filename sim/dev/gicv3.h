/*
 * The GICv3 Distributor and Redistributor of the virt board, after the GIC
 * Architecture Specification (Arm IHI 0069, GIC architecture versions 3 and
 * 4; register names and section titles are the spec's). docs/gic.md says
 * what is modelled and what is not.
 *
 * One PE (affinity 0.0.0.0, processor number 0), one Security state
 * (GICD_CTLR.DS = 1: two groups, Group 0 and Group 1), affinity routing
 * always on (GICD_CTLR.ARE RAO/WI), 64 SPIs (INTIDs 32-95), no LPIs, no ITS.
 *
 * All per-interrupt state lives in one bitmap per property, 32 INTIDs a
 * word: word 0 is the Redistributor's SGIs (0-15) and PPIs (16-31), words 1
 * and 2 the Distributor's SPIs. The CPU interface sees the Redistributor
 * through struct gic_port (cpu/gic_port.h); the highest-priority pending
 * interrupt is recomputed after every change and cached, and the board is
 * told (the notify callback) whenever it changes.
 */
#ifndef EL2SIM_GICV3_H
#define EL2SIM_GICV3_H

#include <stdbool.h>
#include <stdint.h>

#include "gic_port.h"

#define GICV3_NUM_SPI   64u
#define GICV3_NUM_INTID (32u + GICV3_NUM_SPI) /* INTIDs 0..95 */
#define GICV3_WORDS     (GICV3_NUM_INTID / 32u)

/* Sizes of the MMIO windows: the Distributor's 64 KiB frame; per PE, the
 * Redistributor's RD_base and SGI_base frames of 64 KiB each. */
#define GICV3_DIST_SIZE   0x10000ull
#define GICV3_REDIST_SIZE 0x20000ull
#define GICR_SGI_BASE     0x10000ull /* SGI_base, from RD_base */

/* Implemented priority bits [7:3]: 32 levels; the low bits are RAZ/WI. */
#define GICV3_PRIO_MASK 0xf8u

/* GICD_CTLR with GICD_CTLR.DS == 1 (the single-Security-state layout) */
#define GICD_CTLR_EnableGrp0 (1u << 0)
#define GICD_CTLR_EnableGrp1 (1u << 1)
#define GICD_CTLR_ARE        (1u << 4)
#define GICD_CTLR_DS         (1u << 6)

/* GICR_WAKER */
#define GICR_WAKER_ProcessorSleep (1u << 1)
#define GICR_WAKER_ChildrenAsleep (1u << 2)

/* GICD_IROUTER<n> */
#define GICD_IROUTER_IRM  (1ull << 31)
#define GICD_IROUTER_MASK 0x000000ff80ffffffull /* Aff3, IRM, Aff2, Aff1, Aff0 */

struct gicv3 {
	/* One bit per INTID (see above). */
	uint32_t group[GICV3_WORDS];     /* GICD_IGROUPR<n>, GICR_IGROUPR0: 1 = Group 1 */
	uint32_t enable[GICV3_WORDS];    /* GICD_ISENABLER<n>, GICR_ISENABLER0 */
	uint32_t latch[GICV3_WORDS];     /* pending latch: an edge, ISPENDR, an SGI */
	uint32_t level[GICV3_WORDS];     /* the interrupt input lines (PPIs, SPIs) */
	uint32_t edge[GICV3_WORDS];      /* GICD_ICFGR<n>/GICR_ICFGR<n>: 1 = edge-triggered */
	uint32_t active[GICV3_WORDS];    /* GICD_ISACTIVER<n>, GICR_ISACTIVER0 */
	uint32_t routed[GICV3_WORDS];    /* forwarded to this PE: SGIs, PPIs; SPIs by IROUTER */
	uint8_t prio[GICV3_NUM_INTID];   /* GICD_IPRIORITYR<n>, GICR_IPRIORITYR<n> */
	uint64_t irouter[GICV3_NUM_SPI]; /* GICD_IROUTER<n>, n = 32..95 */
	uint32_t ctlr;                   /* GICD_CTLR: EnableGrp0, EnableGrp1 */
	bool processor_sleep;            /* GICR_WAKER.ProcessorSleep (ChildrenAsleep follows it) */
	struct gic_hppi hppi;            /* what the Redistributor forwards now */
	void (*notify)(void *opaque);    /* hppi changed; may be NULL */
	void *notify_opaque;
};

/* Reset the GIC and register the callback for changes of the forwarded interrupt. */
void gicv3_init(struct gicv3 *g, void (*notify)(void *opaque), void *opaque);

/* The callbacks the CPU interface calls (cpu/gic_port.h); opaque is g. */
struct gic_port gicv3_port(struct gicv3 *g);

/* Drive the input line of SPI intid (32..95; others are ignored). */
void gicv3_set_spi(struct gicv3 *g, unsigned intid, bool level);

/* struct device callbacks for the two windows; opaque is the struct gicv3. */
int gicv3_dist_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
int gicv3_dist_write(void *opaque, uint64_t offset, unsigned size, uint64_t val);
int gicv3_redist_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
int gicv3_redist_write(void *opaque, uint64_t offset, unsigned size, uint64_t val);

/*
 * Shared by the Distributor and Redistributor register files
 * (gicv3_dist.c, gicv3_redist.c).
 */

/* The pending state of 32 INTIDs: the latch, or a level-sensitive input asserted. */
static inline uint32_t gicv3_pending(const struct gicv3 *g, unsigned w)
{
	return g->latch[w] | (g->level[w] & ~g->edge[w]);
}

/* Recompute the forwarded interrupt; notify if it changed. Call after every change. */
void gicv3_update(struct gicv3 *g);

/* Recompute the routed bit of SPI intid from its GICD_IROUTER. */
void gicv3_route_spi(struct gicv3 *g, unsigned intid);

/*
 * The set/clear bitmap registers, at the same offsets in the Distributor
 * and in SGI_base: IGROUPR 0x080, ISENABLER 0x100, ICENABLER 0x180, ISPENDR
 * 0x200, ICPENDR 0x280, ISACTIVER 0x300, ICACTIVER 0x380 (+ 4n each).
 */
enum gicv3_bitreg {
	GICV3_IGROUPR = 1, /* offset >> 7 */
	GICV3_ISENABLER,
	GICV3_ICENABLER,
	GICV3_ISPENDR,
	GICV3_ICPENDR,
	GICV3_ISACTIVER,
	GICV3_ICACTIVER,
};
#define GICV3_BITREG_FIRST 0x080u
#define GICV3_BITREG_END   0x400u
#define GICV3_IPRIORITYR   0x400u
#define GICV3_ICFGR        0xc00u
#define GICV3_IDREGS       0xffd0u /* PIDR4 .. CIDR3 */

/* Word w (INTIDs 32w..32w+31) of a bitmap register: read, and write v. */
uint32_t gicv3_bitreg_read(const struct gicv3 *g, enum gicv3_bitreg r, unsigned w);
void gicv3_bitreg_write(struct gicv3 *g, enum gicv3_bitreg r, unsigned w, uint32_t v);

/* size bytes (1 or 4) of priorities from INTID intid, little-endian, and a write of them. */
uint32_t gicv3_prio_read(const struct gicv3 *g, unsigned intid, unsigned size);
void gicv3_prio_write(struct gicv3 *g, unsigned intid, unsigned size, uint32_t v);

/* ICFGR for the 16 INTIDs from intid (a multiple of 16): Int_config[1] at bit 2x+1. */
uint32_t gicv3_icfgr_read(const struct gicv3 *g, unsigned intid);
void gicv3_icfgr_write(struct gicv3 *g, unsigned intid, uint32_t v);

/* The CoreSight ID registers at 0xFFD0-0xFFFC of both frames; pidr0 tells them apart. */
uint32_t gicv3_idreg(uint64_t offset, uint8_t pidr0);

/* GICD_IIDR and GICR_IIDR */
#define GICV3_IIDR 0x0000043bu

#endif
