/*
 * The GICv3 physical CPU interface (IHI 0069: 4.1 "Interrupt lifecycle",
 * 4.8 "Interrupt prioritization", 12.2 the ICC_* register descriptions and
 * their pseudocode). Its state is the ICC_* rows of cpu->sr; the pending
 * interrupts live in the redistributor, reached through bus.gic
 * (gic_port.h).
 *
 * The GIC supports one Security state (GICD_CTLR.DS = 1, docs/gic.md):
 * Group 0 and Group 1, Group 0 signalled as FIQ and Group 1 as IRQ
 * (IHI 0069 4.6.2, "Interrupt assignment to IRQ and FIQ signals", the
 * DS = 1 rows). ICC_CTLR_EL1, ICC_BPR1_EL1 and ICC_IGRPEN1_EL1 are not
 * banked by Security state; with EL3, ICC_CTLR_EL3 and ICC_IGRPEN1_EL3
 * alias their Non-secure fields.
 */
#include "gic_cpuif.h"

#include "cpu.h"
#include "fields.h"
#include "gic_prio.h"
#include "gic_vcpuif.h"
#include "irq.h"
#include "sysreg_access.h"

/* ICC_CTLR_EL3 */
#define CTLR3_CBPR_EL1NS    (1ull << 1)
#define CTLR3_EOIMODE_EL3   (1ull << 2)
#define CTLR3_EOIMODE_EL1NS (1ull << 4)
/* ICC_IGRPEN1_EL3.EnableGrp1NS: ICC_IGRPEN1_EL1.Enable */
#define IGRPEN_ENABLE       (1ull << 0)

static const struct gic_port *gic_port(const struct cpu *cpu)
{
	return cpu->bus.gic.opaque ? &cpu->bus.gic : NULL;
}

/*
 * Does HCR_EL2 send this EL1 access to the virtual interface (ICV_*)? The
 * Group 0 registers follow FMO, the Group 1 registers IMO, the common ones
 * (PMR, RPR, CTLR, DIR) either (IHI 0069 chapter 12, each ICC register's
 * accessibility pseudocode; EL2Enabled(), E2H 0, TGE 0 at EL1). Which is
 * which, the row's trap groups say already: the same registers SCR_EL3.FIQ,
 * SCR_EL3.IRQ or both trap at EL3 (traps.def GIC_FIQ3, GIC_IRQ3,
 * GIC_IRQFIQ3); the SGI registers, which HCR_EL2 traps instead
 * (GIC_SGI_FMO/IMO), are not redirected.
 */
static uint64_t gic_redirect_bits(enum sysreg_id id)
{
	uint64_t t = sysreg_table[id].traps;
	if (t & ((1ull << TG_GIC_SGI_FMO) | (1ull << TG_GIC_SGI_IMO)))
		return 0;
	return ((t & ((1ull << TG_GIC_FIQ3) | (1ull << TG_GIC_IRQFIQ3))) ? HCR_EL2_FMO : 0) |
	       ((t & ((1ull << TG_GIC_IRQ3) | (1ull << TG_GIC_IRQFIQ3))) ? HCR_EL2_IMO : 0);
}

static bool gic_redirected(const struct cpu *cpu, enum sysreg_id id)
{
	return cpu->el == 1 && cpu_el2_enabled(cpu) &&
	       (cpu->sr[SR_HCR_EL2] & gic_redirect_bits(id)) != 0;
}

/* ICC_CTLR_EL1.CBPR: Group 1 uses ICC_BPR0_EL1's binary point. */
static bool gic_cbpr(const struct cpu *cpu)
{
	return (cpu->sr[SR_ICC_CTLR_EL1] & CTLR_CBPR) != 0;
}

/* The EOImode in force at the current EL: EOImode_EL3 at EL3, else ICC_CTLR_EL1's. */
static bool gic_eoimode(const struct cpu *cpu)
{
	if (cpu->el == 3)
		return (cpu->sr[SR_ICC_CTLR_EL3] & CTLR3_EOIMODE_EL3) != 0;
	return (cpu->sr[SR_ICC_CTLR_EL1] & CTLR_EOIMODE) != 0;
}

/* The group-priority mask of a group (GroupBits() with the binary point it uses). */
static uint32_t gic_gmask(const struct cpu *cpu, unsigned group)
{
	return gic_group_mask(group, gic_cbpr(cpu), (unsigned)cpu->sr[SR_ICC_BPR0_EL1],
	                      (unsigned)cpu->sr[SR_ICC_BPR1_EL1]);
}

/* ICC_RPR_EL1: the highest active group priority, or idle (0xff). */
static uint32_t gic_rpr(const struct cpu *cpu)
{
	return gic_apr_highest((uint32_t)(cpu->sr[SR_ICC_AP0R0_EL1] | cpu->sr[SR_ICC_AP1R0_EL1]));
}

static bool gic_group_enabled(const struct cpu *cpu, unsigned group)
{
	return group == GIC_G0 ? (cpu->sr[SR_ICC_IGRPEN0_EL1] & 1)
	                       : (cpu->sr[SR_ICC_IGRPEN1_EL1] & 1);
}

static struct gic_hppi gic_hppi(const struct cpu *cpu)
{
	struct gic_hppi h = GIC_HPPI_NONE;
	const struct gic_port *p = gic_port(cpu);
	if (p)
		p->hppi(p->opaque, &h);
	return h;
}

/*
 * Can the CPU interface signal (and acknowledge) h: its group enabled here,
 * its priority above ICC_PMR_EL1 and its group priority above the running
 * priority (IHI 0069 4.8.3 "Preemption", 4.7.? "the CPU interface signals
 * the highest priority pending interrupt if ...").
 */
static bool gic_signalable(const struct cpu *cpu, const struct gic_hppi *h)
{
	return h->intid != GIC_INTID_SPURIOUS && gic_group_enabled(cpu, h->group) &&
	       gic_can_signal(h->prio, gic_gmask(cpu, h->group), (uint32_t)cpu->sr[SR_ICC_PMR_EL1],
	                      gic_rpr(cpu));
}

uint32_t gic_cpuif_pending_intid(const struct cpu *cpu)
{
	struct gic_hppi h = gic_hppi(cpu);
	return gic_signalable(cpu, &h) ? h.intid : GIC_INTID_SPURIOUS;
}

void gic_cpuif_update(struct cpu *cpu)
{
	struct gic_hppi h = gic_hppi(cpu);
	bool sig = gic_signalable(cpu, &h);
	irq_set_line(cpu, IRQ_LINE_FIQ, sig && h.group == GIC_G0);
	irq_set_line(cpu, IRQ_LINE_IRQ, sig && h.group != GIC_G0);
}

/*
 * ICC_IAR0/1_EL1 (pseudocode ICC_IAR1_EL1 read, "AcknowledgeInterrupt"):
 * the highest-priority pending interrupt of this register's group, if it
 * can be signalled, becomes active and its group priority joins the active
 * priorities; otherwise 1023 (spurious). With DS = 1 an interrupt of the
 * other group reads as 1023 as well.
 */
static uint64_t gic_acknowledge(struct cpu *cpu, unsigned group)
{
	struct gic_hppi h = gic_hppi(cpu);
	if (h.group != group || !gic_signalable(cpu, &h))
		return GIC_INTID_SPURIOUS;
	enum sysreg_id apr = group == GIC_G0 ? SR_ICC_AP0R0_EL1 : SR_ICC_AP1R0_EL1;
	cpu->sr[apr] |= gic_apr_bit(h.prio & gic_gmask(cpu, group));
	gic_port(cpu)->activate(gic_port(cpu)->opaque, h.intid);
	gic_cpuif_update(cpu);
	return h.intid;
}

static uint64_t gic_hppir(const struct cpu *cpu, unsigned group)
{
	struct gic_hppi h = gic_hppi(cpu);
	return h.intid != GIC_INTID_SPURIOUS && h.group == group ? h.intid : GIC_INTID_SPURIOUS;
}

/*
 * Priority drop (ICC_EOIR0/1_EL1): clear the highest active priority bit.
 * It must belong to the EOIR's group; otherwise the write is UNPREDICTABLE
 * and el2sim ignores it (docs/unpredictable.md). Returns whether it dropped.
 */
static bool gic_priority_drop(struct cpu *cpu, unsigned group)
{
	unsigned holder;
	uint32_t bit = gic_apr_lowest((uint32_t)cpu->sr[SR_ICC_AP0R0_EL1],
	                              (uint32_t)cpu->sr[SR_ICC_AP1R0_EL1], &holder);
	if (!bit || holder != group)
		return false;
	cpu->sr[holder == GIC_G0 ? SR_ICC_AP0R0_EL1 : SR_ICC_AP1R0_EL1] &= ~(uint64_t)bit;
	return true;
}

static void gic_deactivate(struct cpu *cpu, uint32_t intid)
{
	gic_port_deactivate(&cpu->bus.gic, intid);
}

/* ICC_EOIR0/1_EL1: priority drop, and deactivation too unless EOImode is 1. */
static void gic_eoi(struct cpu *cpu, unsigned group, uint64_t v)
{
	uint32_t intid = (uint32_t)v & GIC_INTID_MASK;
	if (!gic_intid_special(intid) && gic_priority_drop(cpu, group) && !gic_eoimode(cpu))
		gic_deactivate(cpu, intid);
}

/* ICC_DIR_EL1: deactivation when EOImode is 1; with EOImode 0 it is
 * UNPREDICTABLE and el2sim ignores it (docs/unpredictable.md). */
static void gic_dir(struct cpu *cpu, uint64_t v)
{
	if (gic_eoimode(cpu))
		gic_deactivate(cpu, (uint32_t)v & GIC_INTID_MASK);
}

static void gic_sgi(struct cpu *cpu, enum sysreg_id id, uint64_t v)
{
	const struct gic_port *p = gic_port(cpu);
	if (!p)
		return;
	/* SGI0R: Group 0; SGI1R: the current Security state's Group 1; ASGI1R: the other's. */
	enum gic_group g = id == SR_ICC_SGI0R_EL1 ? GIC_G0 : GIC_G1NS;
	p->sgi(p->opaque, v, g, id == SR_ICC_ASGI1R_EL1 ? !cpu_secure(cpu) : cpu_secure(cpu));
}

uint64_t gic_sysreg_read(struct cpu *cpu, enum sysreg_id id)
{
	if (gic_redirected(cpu, id))
		return vgic_icv_read(cpu, id);
	switch (id) {
	case SR_ICC_IAR0_EL1: return gic_acknowledge(cpu, GIC_G0);
	case SR_ICC_IAR1_EL1: return gic_acknowledge(cpu, GIC_G1NS);
	case SR_ICC_HPPIR0_EL1: return gic_hppir(cpu, GIC_G0);
	case SR_ICC_HPPIR1_EL1: return gic_hppir(cpu, GIC_G1NS);
	case SR_ICC_RPR_EL1: return gic_rpr(cpu);
	case SR_ICC_BPR1_EL1:
		return gic_bpr1_view(gic_cbpr(cpu), (unsigned)cpu->sr[SR_ICC_BPR0_EL1],
		                     (unsigned)cpu->sr[SR_ICC_BPR1_EL1]);
	/* ICC_CTLR_EL3's EL1NS fields and ICC_IGRPEN1_EL3.EnableGrp1NS are the
	 * EL1 registers' bits, not copies of them. */
	case SR_ICC_CTLR_EL3:
		return cpu->sr[id] |
		       ((cpu->sr[SR_ICC_CTLR_EL1] & CTLR_CBPR) ? CTLR3_CBPR_EL1NS : 0) |
		       ((cpu->sr[SR_ICC_CTLR_EL1] & CTLR_EOIMODE) ? CTLR3_EOIMODE_EL1NS : 0);
	case SR_ICC_IGRPEN1_EL3: return cpu->sr[id] | (cpu->sr[SR_ICC_IGRPEN1_EL1] & IGRPEN_ENABLE);
	case SR_ICH_MISR_EL2:
	case SR_ICH_EISR_EL2:
	case SR_ICH_ELRSR_EL2: return vgic_ich_read(cpu, id);
	default: return cpu->sr[id];
	}
}

/* Set or clear the bits `bits` of register id as `on` says. */
static void gic_set_bits(struct cpu *cpu, enum sysreg_id id, uint64_t bits, bool on)
{
	cpu->sr[id] = on ? cpu->sr[id] | bits : cpu->sr[id] & ~bits;
}

void gic_sysreg_write(struct cpu *cpu, enum sysreg_id id, uint64_t v)
{
	if (gic_redirected(cpu, id)) {
		vgic_icv_write(cpu, id, v);
		return;
	}
	if (id >= SR_ICH_AP0R0_EL2 && id <= SR_ICH_LR3_EL2) { /* the ICH_* rows, in a block */
		vgic_ich_write(cpu, id, v);
		return;
	}
	switch (id) {
	case SR_ICC_EOIR0_EL1: gic_eoi(cpu, GIC_G0, v); break;
	case SR_ICC_EOIR1_EL1: gic_eoi(cpu, GIC_G1NS, v); break;
	case SR_ICC_DIR_EL1: gic_dir(cpu, v); break;
	case SR_ICC_SGI0R_EL1:
	case SR_ICC_SGI1R_EL1:
	case SR_ICC_ASGI1R_EL1: gic_sgi(cpu, id, v); break;
	case SR_ICC_BPR0_EL1: cpu->sr[id] = gic_bpr_clamp(v, false); break;
	/* With CBPR, ICC_BPR1_EL1 writes are ignored. */
	case SR_ICC_BPR1_EL1:
		if (!gic_cbpr(cpu))
			cpu->sr[id] = gic_bpr_clamp(v, true);
		break;
	case SR_ICC_CTLR_EL3: /* the EL1NS fields live in ICC_CTLR_EL1 */
		sysreg_store(cpu->sr, id, v);
		gic_set_bits(cpu, SR_ICC_CTLR_EL1, CTLR_CBPR, v & CTLR3_CBPR_EL1NS);
		gic_set_bits(cpu, SR_ICC_CTLR_EL1, CTLR_EOIMODE, v & CTLR3_EOIMODE_EL1NS);
		break;
	case SR_ICC_IGRPEN1_EL3: /* EnableGrp1NS lives in ICC_IGRPEN1_EL1 */
		sysreg_store(cpu->sr, id, v);
		gic_set_bits(cpu, SR_ICC_IGRPEN1_EL1, IGRPEN_ENABLE, v & IGRPEN_ENABLE);
		break;
	default: sysreg_store(cpu->sr, id, v); break;
	}
	gic_cpuif_update(cpu);
}
