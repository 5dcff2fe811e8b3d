/*
 * The GICv3 Distributor's registers (GICD_*), IHI 0069 "The GIC Distributor
 * register map" and "The GIC Distributor register descriptions" (12.8 and
 * 12.9 in IHI 0069H).
 *
 * Accesses: 32-bit registers take aligned 32-bit accesses, GICD_IPRIORITYR
 * also 8-bit ones, GICD_IROUTER<n> 64-bit ones and 32-bit halves. Reserved
 * offsets, unimplemented registers and other access sizes read as zero and
 * ignore writes (IHI 0069 makes reserved locations RES0; it allows no
 * external abort for them): nothing here returns -1.
 *
 * With affinity routing on (GICD_CTLR.ARE RAO/WI), the SGIs and PPIs live in
 * the Redistributor: every Distributor register bit or field for INTIDs
 * 0-31 is RAZ/WI, as are GICD_ITARGETSR<n>, GICD_SGIR, GICD_CPENDSGIR<n>
 * and GICD_SPENDSGIR<n>.
 */
#include "gicv3.h"

#define GICD_CTLR      0x0000u
#define GICD_TYPER     0x0004u
#define GICD_IIDR      0x0008u
#define GICD_TYPER2    0x000cu
#define GICD_IROUTER   0x6000u /* + 8n for INTID n */
#define GICD_IROUTER32 (GICD_IROUTER + 8 * 32)

/*
 * GICD_TYPER: ITLinesNumber [4:0] = 2 (32 * (N + 1) = 96 INTIDs), CPUNumber
 * 0 (ARE is on), ESPI 0, NMI 0, SecurityExtn [10] 0 (DS = 1), num_LPIs 0,
 * MBIS 0, LPIS 0, DVIS 0, IDbits [23:19] = 15 (16-bit INTIDs), A3V [24] = 1
 * (IROUTER has Aff3), No1N 0 (IRM = 1 routing is supported), RSS 0.
 */
#define GICD_TYPER_VALUE (((GICV3_NUM_INTID / 32u) - 1u) | 15u << 19 | 1u << 24)

static bool spi_word(unsigned n)
{
	return n >= 1 && n < GICV3_WORDS;
}

static bool spi_intid(unsigned intid)
{
	return intid >= 32 && intid < GICV3_NUM_INTID;
}

/* The SPI whose GICD_IPRIORITYR<n> byte is at off, or 0 for none. */
static unsigned prio_intid(uint64_t off)
{
	if (off < GICV3_IPRIORITYR + 32 || off >= GICV3_IPRIORITYR + GICV3_NUM_INTID)
		return 0;
	return (unsigned)(off - GICV3_IPRIORITYR);
}

/* The SPI whose GICD_IROUTER<n> holds offset, or 0 for none. */
static unsigned irouter_intid(uint64_t off)
{
	if (off < GICD_IROUTER32 || off >= GICD_IROUTER + 8 * GICV3_NUM_INTID)
		return 0;
	return (unsigned)(off - GICD_IROUTER) / 8;
}

/* GICD_CTLR with DS = 1: DS and ARE RAO/WI, RWP 0 (writes take effect at once), E1NWF RAZ/WI. */
static uint32_t ctlr_read(const struct gicv3 *g)
{
	return g->ctlr | GICD_CTLR_ARE | GICD_CTLR_DS;
}

static uint32_t reg_read32(struct gicv3 *g, uint64_t off)
{
	unsigned n;

	switch (off) {
	case GICD_CTLR: return ctlr_read(g);
	case GICD_TYPER: return GICD_TYPER_VALUE;
	case GICD_IIDR: return GICV3_IIDR;
	case GICD_TYPER2: return 0;
	default: break;
	}
	if (off >= GICV3_BITREG_FIRST && off < GICV3_BITREG_END) {
		n = (unsigned)(off & 0x7f) / 4;
		return spi_word(n) ? gicv3_bitreg_read(g, (enum gicv3_bitreg)(off >> 7), n) : 0;
	}
	if (prio_intid(off))
		return gicv3_prio_read(g, prio_intid(off), 4);
	if (off >= GICV3_ICFGR && off < GICV3_ICFGR + GICV3_NUM_INTID / 4) {
		n = (unsigned)(off - GICV3_ICFGR) * 4; /* first INTID */
		return spi_intid(n) ? gicv3_icfgr_read(g, n) : 0;
	}
	if (off >= GICV3_IDREGS)
		return gicv3_idreg(off, 0x92);
	return 0;
}

static void reg_write32(struct gicv3 *g, uint64_t off, uint32_t v)
{
	unsigned n;

	if (off == GICD_CTLR) {
		g->ctlr = v & (GICD_CTLR_EnableGrp0 | GICD_CTLR_EnableGrp1);
		gicv3_update(g);
		return;
	}
	if (off >= GICV3_BITREG_FIRST && off < GICV3_BITREG_END) {
		n = (unsigned)(off & 0x7f) / 4;
		if (spi_word(n))
			gicv3_bitreg_write(g, (enum gicv3_bitreg)(off >> 7), n, v);
		return;
	}
	if (prio_intid(off)) {
		gicv3_prio_write(g, prio_intid(off), 4, v);
		return;
	}
	if (off >= GICV3_ICFGR && off < GICV3_ICFGR + GICV3_NUM_INTID / 4) {
		n = (unsigned)(off - GICV3_ICFGR) * 4;
		if (spi_intid(n))
			gicv3_icfgr_write(g, n, v);
	}
	/* everything else: read-only, RAZ/WI or reserved */
}

static void irouter_write(struct gicv3 *g, unsigned intid, uint64_t v, uint64_t mask)
{
	uint64_t *r = &g->irouter[intid - 32];

	*r = (*r & ~mask) | (v & mask & GICD_IROUTER_MASK);
	gicv3_route_spi(g, intid);
	gicv3_update(g);
}

int gicv3_dist_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
	struct gicv3 *g = opaque;
	unsigned intid = irouter_intid(offset);

	*val = 0;
	if (intid) {
		uint64_t r = g->irouter[intid - 32];
		if (size == 8)
			*val = r;
		else if (size == 4)
			*val = (offset & 4) ? r >> 32 : (uint32_t)r;
	} else if (size == 4) {
		*val = reg_read32(g, offset);
	} else if (size == 1 && prio_intid(offset)) {
		*val = gicv3_prio_read(g, prio_intid(offset), 1);
	}
	return 0;
}

int gicv3_dist_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
	struct gicv3 *g = opaque;
	unsigned intid = irouter_intid(offset);

	if (intid) {
		if (size == 8)
			irouter_write(g, intid, val, ~0ull);
		else if (size == 4)
			irouter_write(g, intid, (offset & 4) ? val << 32 : val,
			              (offset & 4) ? 0xffffffff00000000ull : 0xffffffffull);
	} else if (size == 4) {
		reg_write32(g, offset, (uint32_t)val);
	} else if (size == 1 && prio_intid(offset)) {
		gicv3_prio_write(g, prio_intid(offset), 1, (uint32_t)val);
	}
	return 0;
}
