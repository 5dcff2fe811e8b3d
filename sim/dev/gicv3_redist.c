/*
 * The GICv3 Redistributor of the one PE (GICR_*), IHI 0069 "The GIC
 * Redistributor register map" and "The GIC Redistributor register
 * descriptions" (12.10 and 12.11 in IHI 0069H): the RD_base frame (control,
 * identification, power) at offset 0 and the SGI_base frame (the SGIs' and
 * PPIs' configuration) at 0x10000.
 *
 * Accesses: 32-bit registers take aligned 32-bit accesses,
 * GICR_IPRIORITYR<n> also 8-bit ones, GICR_TYPER 64-bit ones and 32-bit
 * halves. Reserved offsets, the LPI registers (GICR_TYPER.PLPIS = 0) and
 * other access sizes read as zero and ignore writes; nothing returns -1.
 */
#include "gicv3.h"

/* RD_base */
#define GICR_CTLR  0x0000u
#define GICR_IIDR  0x0004u
#define GICR_TYPER 0x0008u
#define GICR_WAKER 0x0014u

/* SGI_base, from GICR_SGI_BASE */
#define GICR_ICFGR0 (GICV3_ICFGR + 0)
#define GICR_ICFGR1 (GICV3_ICFGR + 4)

/*
 * GICR_TYPER: Affinity_Value [63:32] = 0.0.0.0, Processor_Number [23:8] = 0,
 * Last [4] = 1 (the only Redistributor in the region), PLPIS, VLPIS, Dirty,
 * DirectLPI, DPGS, CommonLPIAff and PPInum 0.
 */
#define GICR_TYPER_VALUE (1ull << 4)

static uint64_t rd_read(const struct gicv3 *g, uint64_t off, unsigned size)
{
	if (size == 8)
		return off == GICR_TYPER ? GICR_TYPER_VALUE : 0;
	if (size != 4)
		return 0;
	switch (off) {
	/* GICR_CTLR: no LPIs, DPGS = 0 and nothing asynchronous: all RAZ/WI */
	case GICR_CTLR: return 0;
	case GICR_IIDR: return GICV3_IIDR;
	case GICR_TYPER: return (uint32_t)GICR_TYPER_VALUE;
	case GICR_TYPER + 4: return (uint32_t)(GICR_TYPER_VALUE >> 32);
	case GICR_WAKER:
		return g->processor_sleep ? GICR_WAKER_ProcessorSleep | GICR_WAKER_ChildrenAsleep
		                          : 0;
	default: return off >= GICV3_IDREGS ? gicv3_idreg(off, 0x93) : 0;
	}
}

/*
 * GICR_WAKER: only ProcessorSleep is writable; ChildrenAsleep follows it at
 * once, as the interface to the CPU quiesces and wakes instantly. The bits
 * marked IMPLEMENTATION DEFINED ([31], [0]) are RAZ/WI.
 */
static void rd_write(struct gicv3 *g, uint64_t off, unsigned size, uint64_t v)
{
	if (size != 4 || off != GICR_WAKER)
		return;
	g->processor_sleep = (v & GICR_WAKER_ProcessorSleep) != 0;
	gicv3_update(g);
}

/* The INTID (0-31) whose GICR_IPRIORITYR<n> byte is at off in SGI_base, or -1. */
static int prio_intid(uint64_t off)
{
	return off >= GICV3_IPRIORITYR && off < GICV3_IPRIORITYR + 32
	               ? (int)(off - GICV3_IPRIORITYR)
	               : -1;
}

/*
 * SGI_base. GICR_ICFGR0 reads 0xAAAAAAAA: SGIs are edge-triggered,
 * Int_config[1] RAO/WI. GICR_ICFGR1 is read-only, all PPIs level-sensitive
 * (0): IHI 0069 lets the implementation choose whether PPI configuration is
 * programmable, and every PPI here is a level output of the PE. GICR_IGRPMODR0
 * and GICR_NSACR are RAZ/WI with GICD_CTLR.DS = 1.
 */
static uint64_t sgi_read(const struct gicv3 *g, uint64_t off, unsigned size)
{
	if (size == 1 && prio_intid(off) >= 0)
		return gicv3_prio_read(g, (unsigned)prio_intid(off), 1);
	if (size != 4)
		return 0;
	if (off >= GICV3_BITREG_FIRST && off < GICV3_BITREG_END)
		return (off & 0x7f) == 0 ? gicv3_bitreg_read(g, (enum gicv3_bitreg)(off >> 7), 0)
		                         : 0;
	if (prio_intid(off) >= 0)
		return gicv3_prio_read(g, (unsigned)prio_intid(off), 4);
	if (off == GICR_ICFGR0)
		return gicv3_icfgr_read(g, 0);
	if (off == GICR_ICFGR1)
		return gicv3_icfgr_read(g, 16);
	return 0;
}

static void sgi_write(struct gicv3 *g, uint64_t off, unsigned size, uint64_t v)
{
	if (size == 1 && prio_intid(off) >= 0)
		gicv3_prio_write(g, (unsigned)prio_intid(off), 1, (uint32_t)v);
	if (size != 4)
		return;
	if (off >= GICV3_BITREG_FIRST && off < GICV3_BITREG_END && (off & 0x7f) == 0)
		gicv3_bitreg_write(g, (enum gicv3_bitreg)(off >> 7), 0, (uint32_t)v);
	else if (prio_intid(off) >= 0)
		gicv3_prio_write(g, (unsigned)prio_intid(off), 4, (uint32_t)v);
}

int gicv3_redist_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
	if (offset < GICR_SGI_BASE)
		*val = rd_read(opaque, offset, size);
	else
		*val = sgi_read(opaque, offset - GICR_SGI_BASE, size);
	return 0;
}

int gicv3_redist_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
	if (offset < GICR_SGI_BASE)
		rd_write(opaque, offset, size, val);
	else
		sgi_write(opaque, offset - GICR_SGI_BASE, size, val);
	return 0;
}
