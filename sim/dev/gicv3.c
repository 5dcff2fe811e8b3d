/*
 * GICv3 core state: the per-INTID bitmaps, the choice of the interrupt the
 * Redistributor forwards to the PE, and the struct gic_port callbacks the
 * CPU interface calls; see gicv3.h. "IHI 0069" is the GIC Architecture
 * Specification (GIC architecture versions 3 and 4); sections are cited by
 * title, registers by name.
 */
#include "gicv3.h"

#include <string.h>

#include "gic_prio.h"

/* The CPU interface (cpu/gic_prio.h) and the Distributor agree on 5 priority bits. */
_Static_assert(GICV3_PRIO_MASK == GIC_PRIO_MASK, "priority bits differ from the CPU interface");

/* ICC_SGI0R_EL1 / ICC_SGI1R_EL1 / ICC_ASGI1R_EL1 fields (IHI 0069, their register descriptions) */
#define SGIR_TARGETLIST(v) ((unsigned)(v)&0xffffu)
#define SGIR_AFF1(v)       (((v) >> 16) & 0xffu)
#define SGIR_INTID(v)      ((unsigned)((v) >> 24) & 0xfu)
#define SGIR_AFF2(v)       (((v) >> 32) & 0xffu)
#define SGIR_IRM           (1ull << 40)
#define SGIR_RS(v)         (((v) >> 44) & 0xfu)
#define SGIR_AFF3(v)       (((v) >> 48) & 0xffu)

void gicv3_route_spi(struct gicv3 *g, unsigned intid)
{
	/*
	 * IHI 0069, "Routing SPIs and SGIs by PE affinity" and GICD_IROUTER<n>:
	 * IRM = 1 sends the SPI to any one participating PE, here always ours;
	 * IRM = 0 to the PE whose affinity is Aff3.Aff2.Aff1.Aff0, ours only
	 * if that is 0.0.0.0. An SPI routed to no PE stays pending in the
	 * Distributor.
	 */
	uint64_t r = g->irouter[intid - 32];
	bool here = (r & GICD_IROUTER_IRM) || (r & ~GICD_IROUTER_IRM) == 0;
	uint32_t bit = 1u << (intid % 32);

	g->routed[intid / 32] = here ? g->routed[intid / 32] | bit : g->routed[intid / 32] & ~bit;
}

/*
 * The interrupt the Redistributor forwards (IHI 0069, "Interrupt
 * prioritization" and "Interrupt grouping"): among the interrupts that are
 * pending and not active, enabled, of a group enabled in GICD_CTLR and
 * routed to this PE, the one with the lowest priority value; equal values
 * go to the lowest INTID (the spec leaves the choice to the implementation).
 * While GICR_WAKER.ProcessorSleep is 1 nothing is forwarded (IHI 0069,
 * GICR_WAKER and "Power management": interrupts are held pending in the
 * Redistributor).
 */
static struct gic_hppi hppi_compute(const struct gicv3 *g)
{
	struct gic_hppi best = GIC_HPPI_NONE;
	unsigned best_prio = 0x100;

	if (g->processor_sleep)
		return best;
	for (unsigned w = 0; w < GICV3_WORDS; w++) {
		uint32_t grp_on = ((g->ctlr & GICD_CTLR_EnableGrp0) ? ~g->group[w] : 0) |
		                  ((g->ctlr & GICD_CTLR_EnableGrp1) ? g->group[w] : 0);
		uint32_t cand =
		        gicv3_pending(g, w) & ~g->active[w] & g->enable[w] & grp_on & g->routed[w];
		while (cand) {
			unsigned intid = 32 * w + (unsigned)__builtin_ctz(cand);
			cand &= cand - 1;
			if (g->prio[intid] < best_prio) {
				best_prio = g->prio[intid];
				best.intid = intid;
			}
		}
	}
	if (best.intid != GIC_INTID_SPURIOUS) {
		best.prio = (uint8_t)best_prio;
		best.group =
		        (g->group[best.intid / 32] >> (best.intid % 32)) & 1 ? GIC_G1NS : GIC_G0;
	}
	return best;
}

void gicv3_update(struct gicv3 *g)
{
	struct gic_hppi h = hppi_compute(g);

	if (h.intid == g->hppi.intid && h.prio == g->hppi.prio && h.group == g->hppi.group)
		return;
	g->hppi = h;
	if (g->notify)
		g->notify(g->notify_opaque);
}

/* The GIC's reset state (see docs/gic.md for the values chosen where the spec says UNKNOWN). */
static void gicv3_reset(struct gicv3 *g)
{
	/*
	 * Where IHI 0069 gives a reset value we use it (pending and active 0,
	 * GICD_CTLR group enables 0, GICR_WAKER.ProcessorSleep and
	 * ChildrenAsleep 1); where it says UNKNOWN we choose 0, as QEMU does:
	 * Group 0, disabled, priority 0, level-sensitive, IROUTER 0.0.0.0.
	 * SGIs are always edge-triggered. The input lines keep their levels:
	 * the devices driving them are not reset here.
	 */
	memset(g->group, 0, sizeof(g->group));
	memset(g->enable, 0, sizeof(g->enable));
	memset(g->latch, 0, sizeof(g->latch));
	memset(g->active, 0, sizeof(g->active));
	memset(g->edge, 0, sizeof(g->edge));
	memset(g->prio, 0, sizeof(g->prio));
	memset(g->irouter, 0, sizeof(g->irouter));
	g->edge[0] = 0x0000ffffu;
	for (unsigned w = 0; w < GICV3_WORDS; w++)
		g->routed[w] = ~0u;
	g->ctlr = 0;
	g->processor_sleep = true;
	gicv3_update(g);
}

void gicv3_init(struct gicv3 *g, void (*notify)(void *opaque), void *opaque)
{
	memset(g, 0, sizeof(*g));
	g->hppi = GIC_HPPI_NONE;
	g->notify = notify;
	g->notify_opaque = opaque;
	gicv3_reset(g);
}

/*
 * An input line changes (IHI 0069, "Interrupt lifecycle"): a rising edge of
 * an edge-triggered interrupt latches it pending; a level-sensitive one is
 * pending while the line is asserted (gicv3_pending).
 */
static void set_line(struct gicv3 *g, unsigned intid, bool level)
{
	unsigned w = intid / 32;
	uint32_t bit = 1u << (intid % 32);

	if (!!(g->level[w] & bit) == level)
		return;
	if (level) {
		g->level[w] |= bit;
		g->latch[w] |= g->edge[w] & bit;
	} else {
		g->level[w] &= ~bit;
	}
	gicv3_update(g);
}

void gicv3_set_spi(struct gicv3 *g, unsigned intid, bool level)
{
	if (intid >= 32 && intid < GICV3_NUM_INTID)
		set_line(g, intid, level);
}

/* The gic_port callbacks (cpu/gic_port.h). */

static void port_hppi(void *opaque, struct gic_hppi *out)
{
	*out = ((struct gicv3 *)opaque)->hppi;
}

/*
 * Activate, on an acknowledge (IHI 0069, "Interrupt lifecycle"): the
 * interrupt becomes active and its pending latch is cleared, so an
 * edge-triggered interrupt goes from pending to active; a level-sensitive
 * one whose line is still asserted is active and pending, and is not
 * forwarded again until it is deactivated.
 */
static void port_activate(void *opaque, uint32_t intid)
{
	struct gicv3 *g = opaque;
	uint32_t bit = 1u << (intid % 32);

	if (intid >= GICV3_NUM_INTID)
		return;
	g->active[intid / 32] |= bit;
	g->latch[intid / 32] &= ~bit;
	gicv3_update(g);
}

static void port_deactivate(void *opaque, uint32_t intid)
{
	struct gicv3 *g = opaque;

	if (intid >= GICV3_NUM_INTID)
		return;
	g->active[intid / 32] &= ~(1u << (intid % 32));
	gicv3_update(g);
}

/*
 * Generate SGI (IHI 0069, "Forwarding an SGI to a target PE" and its table
 * "Use of control registers for SGI forwarding"). Targets: IRM = 1 means
 * every PE but the sender, and there is no other PE; IRM = 0 means the PEs
 * Aff3.Aff2.Aff1.<n> for each TargetList bit n, so ours is bit 0 of cluster
 * 0.0.0 with RS = 0 (GICD_TYPER.RSS = 0: a non-zero RS is the CONSTRAINED
 * UNPREDICTABLE case, and we take the "write ignored" choice).
 *
 * Groups with GICD_CTLR.DS = 1. The request names Group 0 (ICC_SGI0R_EL1)
 * or the Group 1 of a Security state: secure says which (cpu/gic_cpuif.c
 * passes GIC_G1NS with the current state for ICC_SGI1R_EL1, the other state
 * for ICC_ASGI1R_EL1; GIC_G1S always means Secure). Group 0 makes only
 * Group 0 SGIs pending. Non-secure Group 1 makes Group 1 SGIs pending and,
 * the GIC having a single Security state, Group 0 ones too. Secure Group 1
 * does not exist with DS = 1, so such a request (ICC_ASGI1R_EL1 from
 * Non-secure state) reaches only Group 0 SGIs. This is the reading of Linux's
 * KVM vgic-v3 for SGI0R/SGI1R/ASGI1R; docs/gic.md notes where QEMU differs.
 * An SGI of a group the request may not generate is dropped.
 */
static void port_sgi(void *opaque, uint64_t value, enum gic_group group, bool secure)
{
	struct gicv3 *g = opaque;
	unsigned intid = SGIR_INTID(value);
	uint32_t bit = 1u << intid;
	bool ns_group1 = group == GIC_G1NS && !secure;
	bool sgi_is_g1 = g->group[0] & bit;

	if (value & SGIR_IRM)
		return;
	if (SGIR_AFF3(value) | SGIR_AFF2(value) | SGIR_AFF1(value) | SGIR_RS(value))
		return;
	if (!(SGIR_TARGETLIST(value) & 1))
		return;
	if (sgi_is_g1 && !ns_group1)
		return;
	g->latch[0] |= bit;
	gicv3_update(g);
}

/* PPIs the PE drives are level-sensitive outputs (timers, maintenance interrupt). */
static void port_ppi(void *opaque, unsigned intid, bool level)
{
	if (intid >= 16 && intid < 32)
		set_line(opaque, intid, level);
}

struct gic_port gicv3_port(struct gicv3 *g)
{
	return (struct gic_port){
	        .opaque = g,
	        .hppi = port_hppi,
	        .activate = port_activate,
	        .deactivate = port_deactivate,
	        .sgi = port_sgi,
	        .ppi = port_ppi,
	};
}

/* Register-file helpers shared by gicv3_dist.c and gicv3_redist.c. */

uint32_t gicv3_bitreg_read(const struct gicv3 *g, enum gicv3_bitreg r, unsigned w)
{
	switch (r) {
	case GICV3_IGROUPR: return g->group[w];
	case GICV3_ISENABLER:
	case GICV3_ICENABLER: return g->enable[w];
	/* ISPENDR/ICPENDR read the pending state: latch or asserted level input */
	case GICV3_ISPENDR:
	case GICV3_ICPENDR: return gicv3_pending(g, w);
	case GICV3_ISACTIVER:
	case GICV3_ICACTIVER: return g->active[w];
	}
	return 0;
}

/*
 * Writes of 1 set or clear; 0 bits have no effect (IHI 0069, GICD_ISPENDR<n>
 * and friends). ICPENDR clears the latch only: a level-sensitive interrupt
 * whose line is asserted stays pending (GICD_ICPENDR<n>).
 */
void gicv3_bitreg_write(struct gicv3 *g, enum gicv3_bitreg r, unsigned w, uint32_t v)
{
	switch (r) {
	case GICV3_IGROUPR: g->group[w] = v; break;
	case GICV3_ISENABLER: g->enable[w] |= v; break;
	case GICV3_ICENABLER: g->enable[w] &= ~v; break;
	case GICV3_ISPENDR: g->latch[w] |= v; break;
	case GICV3_ICPENDR: g->latch[w] &= ~v; break;
	case GICV3_ISACTIVER: g->active[w] |= v; break;
	case GICV3_ICACTIVER: g->active[w] &= ~v; break;
	}
	gicv3_update(g);
}

uint32_t gicv3_prio_read(const struct gicv3 *g, unsigned intid, unsigned size)
{
	uint32_t v = 0;

	for (unsigned i = size; i-- > 0;)
		v = v << 8 | g->prio[intid + i];
	return v;
}

/* IPRIORITYR: byte-accessible; bits [2:0] of each priority are RAZ/WI. */
void gicv3_prio_write(struct gicv3 *g, unsigned intid, unsigned size, uint32_t v)
{
	for (unsigned i = 0; i < size; i++, v >>= 8)
		g->prio[intid + i] = (uint8_t)(v & GICV3_PRIO_MASK);
	gicv3_update(g);
}

/* Int_config[1] of INTID intid + x at bit 2x + 1; Int_config[0] is RES0. */
uint32_t gicv3_icfgr_read(const struct gicv3 *g, unsigned intid)
{
	uint32_t edge = g->edge[intid / 32] >> (intid % 32);
	uint32_t v = 0;

	for (unsigned x = 0; x < 16; x++)
		v |= ((edge >> x) & 1u) << (2 * x + 1);
	return v;
}

void gicv3_icfgr_write(struct gicv3 *g, unsigned intid, uint32_t v)
{
	uint32_t edge = 0;

	for (unsigned x = 0; x < 16; x++)
		edge |= ((v >> (2 * x + 1)) & 1u) << x;
	g->edge[intid / 32] &= ~(0xffffu << (intid % 32));
	g->edge[intid / 32] |= edge << (intid % 32);
	gicv3_update(g);
}

/*
 * PIDR4-7, PIDR0-3, CIDR0-3 from 0xFFD0. IHI 0069 defines only
 * GICD_PIDR2/GICR_PIDR2.ArchRev [7:4] (3: GICv3); the rest are
 * IMPLEMENTATION DEFINED, and we give QEMU's values (an Arm GIC-500 r0p0,
 * PIDR0 0x92 for the Distributor, 0x93 for a Redistributor).
 */
uint32_t gicv3_idreg(uint64_t offset, uint8_t pidr0)
{
	static const uint8_t ids[12] = {0x44, 0x00, 0x00, 0x00, 0x00, 0xb4,
	                                0x3b, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
	unsigned i = (unsigned)(offset - GICV3_IDREGS) / 4;

	if (offset < GICV3_IDREGS || offset >= GICV3_IDREGS + 0x30 || (offset & 3))
		return 0;
	return i == 4 ? pidr0 : ids[i];
}
