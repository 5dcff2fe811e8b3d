/*
 * The CPU interface's view of the GIC's redistributor and distributor
 * (GICv3/v4 architecture specification, IHI 0069, "The GIC Stream
 * Protocol" interface, chapter A/appendix: the redistributor forwards the
 * highest-priority pending interrupt for this PE ("Set"), the CPU interface
 * answers with Activate, Deactivate and Generate SGI).
 *
 * The board (sim/dev/gicv3*.c) implements these callbacks; the CPU side
 * (cpu/gic_cpuif.c, cpu/gic_vcpuif.c, cpu/timer.c) calls them. When what the
 * redistributor forwards may have changed, the board calls
 * gic_cpuif_update() (cpu/gic_cpuif.h).
 */
#ifndef EL2SIM_GIC_PORT_H
#define EL2SIM_GIC_PORT_H

#include <stdbool.h>
#include <stdint.h>

/* Interrupt groups as the CPU interface sees them. */
enum gic_group {
	GIC_G0 = 0,   /* Group 0 */
	GIC_G1NS = 1, /* Non-secure Group 1 */
	GIC_G1S = 2,  /* Secure Group 1 (only with EL3, GICD_CTLR.DS = 0) */
};

/* INTID 1023: "no pending interrupt" (IHI 0069, 2.2.1 "Special INTIDs"). */
#define GIC_INTID_SPURIOUS      1023u
/* INTIDs 1020-1023 are special: EOI and deactivation of them do nothing. */
#define GIC_INTID_SPECIAL_FIRST 1020u
/* The INTID field of IAR, EOIR, DIR, HPPIR and ICH_LR.vINTID: 16 bits implemented. */
#define GIC_INTID_MASK          0xffffu

static inline bool gic_intid_special(uint32_t intid)
{
	return intid >= GIC_INTID_SPECIAL_FIRST && intid <= GIC_INTID_SPURIOUS;
}

/* PPIs the PE itself drives (IHI 0069 / Arm BSA recommended INTIDs). */
#define GIC_PPI_MAINT 25u /* GIC virtual CPU interface maintenance interrupt */
#define GIC_PPI_CNTHP 26u /* EL2 physical timer */
#define GIC_PPI_CNTV  27u /* EL1 virtual timer */
#define GIC_PPI_CNTPS 29u /* EL3 (Secure) physical timer */
#define GIC_PPI_CNTP  30u /* EL1 physical timer */

/* The highest-priority pending interrupt forwarded to this PE. */
struct gic_hppi {
	uint32_t intid; /* GIC_INTID_SPURIOUS: none */
	uint8_t prio;   /* 0 highest .. 255 */
	uint8_t group;  /* enum gic_group */
};

/* No interrupt forwarded (the priority and group mean nothing then). */
#define GIC_HPPI_NONE \
	((struct gic_hppi){.intid = GIC_INTID_SPURIOUS, .prio = 0xff, .group = GIC_G0})

struct gic_port {
	void *opaque; /* NULL: no GIC on this board; the callbacks are not called */
	/*
	 * The highest-priority interrupt that is pending (and not active),
	 * enabled, and whose group is enabled in GICD_CTLR, among the SGIs,
	 * PPIs and the SPIs routed to this PE. Ties go to the lowest INTID.
	 */
	void (*hppi)(void *opaque, struct gic_hppi *out);
	/* Acknowledge: intid becomes active (and no longer pending if edge). */
	void (*activate)(void *opaque, uint32_t intid);
	/* Deactivate: intid is no longer active. */
	void (*deactivate)(void *opaque, uint32_t intid);
	/*
	 * A write to ICC_SGI0R_EL1 (group GIC_G0), ICC_SGI1R_EL1 (the
	 * current Security state's Group 1) or ICC_ASGI1R_EL1 (the other
	 * one's): value is the register's layout (TargetList, Aff1-3, INTID,
	 * IRM). The redistributor decides which targets accept it.
	 */
	void (*sgi)(void *opaque, uint64_t value, enum gic_group group, bool secure);
	/* A PPI the PE drives (timers, maintenance interrupt): level-sensitive. */
	void (*ppi)(void *opaque, unsigned intid, bool level);
};

/*
 * The calls the CPU makes of the GIC, doing nothing on a board without one
 * (port->opaque NULL). Deactivation of a special INTID (1020-1023) has no
 * state to change (IHI 0069, 2.2.1).
 */
static inline void gic_port_ppi(const struct gic_port *p, unsigned intid, bool level)
{
	if (p->opaque)
		p->ppi(p->opaque, intid, level);
}

static inline void gic_port_deactivate(const struct gic_port *p, uint32_t intid)
{
	if (p->opaque && intid < GIC_INTID_SPECIAL_FIRST)
		p->deactivate(p->opaque, intid);
}

#endif
