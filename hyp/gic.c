/* SPDX-License-Identifier: MIT */
/*
 * The physical GICv3 as hyp/ uses it from EL2 (Arm IHI 0069H): the
 * distributor with affinity routing, CPU 0's redistributor awake, three
 * PPIs in Group 1 — the EL2 physical timer (26, the time slice), the EL1
 * virtual timer (27, the running guest's), the maintenance interrupt (25,
 * the guest EOI'd an interrupt we asked to hear about) — and the CPU
 * interface through the ICC_* system registers. With HCR_EL2.IMO set these
 * interrupts reach EL2 while a guest runs (vector 0x480); hyp/ itself keeps
 * PSTATE.I set and reads ICC_IAR1_EL1 when it idles in WFI.
 *
 * PPI numbers: Arm BSA (DEN0094) "PPI assignments", as on QEMU's virt board.
 */
#include "hyp.h"

#define GICD_CTLR          0x0000
#define GICD_CTLR_ENGRP1   (1u << 1) /* with DS 1 (12.9.4) */
#define GICD_CTLR_ARE      (1u << 4)
#define GICD_CTLR_RWP      (1u << 31)
#define GICR_BASE          0x080a0000ul /* CPU 0: RD_base, SGI_base 64 KiB above (12.11) */
#define GICR_CTLR          0x0000
#define GICR_CTLR_RWP      (1u << 3)
#define GICR_WAKER         0x0014
#define GICR_WAKER_PSLEEP  (1u << 1)
#define GICR_WAKER_CASLEEP (1u << 2)
#define GICR_SGI_BASE      (GICR_BASE + 0x10000)
#define GICR_IGROUPR0      0x0080
#define GICR_ISENABLER0    0x0100
#define GICR_ICENABLER0    0x0180
#define GICR_ICPENDR0      0x0280
#define GICR_IPRIORITYR(n) (0x0400 + 4 * (n))

#define ICC_SRE_SRE        1ull
#define ICC_SRE_EL2_ENABLE (1ull << 3) /* EL1 may access ICC_SRE_EL1 (12.2.18) */
#define GIC_PRIO_PPI       0xa0
#define GIC_PMR            0xf0

static uint32_t mmio_read32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static void mmio_write32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static void gic_wait_clear(uintptr_t reg, uint32_t bit, const char *what)
{
	for (long i = 0; i < 1000000; i++)
		if (!(mmio_read32(reg) & bit))
			return;
	hyp_panic("GIC: %s does not clear", what);
}

/* A PPI: Group 1 (GICR_IGROUPR0), priority, not pending. */
static void gic_ppi_config(unsigned int intid)
{
	uintptr_t pr = GICR_SGI_BASE + GICR_IPRIORITYR(intid / 4);
	unsigned int shift = 8 * (intid % 4);

	mmio_write32(GICR_SGI_BASE + GICR_IGROUPR0,
	             mmio_read32(GICR_SGI_BASE + GICR_IGROUPR0) | 1u << intid);
	mmio_write32(pr, (mmio_read32(pr) & ~(0xffu << shift)) | (uint32_t)GIC_PRIO_PPI << shift);
	mmio_write32(GICR_SGI_BASE + GICR_ICPENDR0, 1u << intid);
}

/*
 * Enable or disable a PPI at the redistributor. Disabling is complete once
 * GICR_CTLR.RWP reads 0 (12.11.2: RWP tracks writes to GICR_ICENABLER0).
 */
void gic_ppi_enable(unsigned int intid, int on)
{
	mmio_write32(GICR_SGI_BASE + (on ? GICR_ISENABLER0 : GICR_ICENABLER0), 1u << intid);
	if (!on)
		gic_wait_clear(GICR_BASE + GICR_CTLR, GICR_CTLR_RWP, "GICR_CTLR.RWP");
}

void gic_init(void)
{
	uint64_t vtr;

	mmio_write32(GICD_BASE + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENGRP1);
	gic_wait_clear(GICD_BASE + GICD_CTLR, GICD_CTLR_RWP, "GICD_CTLR.RWP");
	mmio_write32(GICR_BASE + GICR_WAKER,
	             mmio_read32(GICR_BASE + GICR_WAKER) & ~GICR_WAKER_PSLEEP);
	gic_wait_clear(GICR_BASE + GICR_WAKER, GICR_WAKER_CASLEEP, "GICR_WAKER.ChildrenAsleep");

	gic_ppi_config(INTID_MAINT);
	gic_ppi_config(INTID_CNTHP);
	gic_ppi_config(INTID_CNTV);
	gic_ppi_enable(INTID_MAINT, 1);
	gic_ppi_enable(INTID_CNTHP, 1);
	gic_ppi_enable(INTID_CNTV, 1);

	/* The CPU interface (12.2): system registers at EL2 and EL1, EOImode 0, Group 1 on. */
	write_sysreg(icc_sre_el2, ICC_SRE_SRE | ICC_SRE_EL2_ENABLE);
	isb();
	write_sysreg(icc_pmr_el1, GIC_PMR);
	write_sysreg(icc_ctlr_el1, 0); /* EOImode 0: EOIR drops the priority and deactivates */
	write_sysreg(icc_igrpen1_el1, 1);
	isb();

	/* ICH_VTR_EL2 (12.4.8): ListRegs [4:0] is the number of list registers minus one. */
	vtr = read_sysreg(ich_vtr_el2);
	if ((vtr & 0x1f) + 1 < VGIC_NR_LRS)
		hyp_panic("GIC: %u list registers, hyp/ needs %u", (unsigned int)(vtr & 0x1f) + 1,
		          VGIC_NR_LRS);
}

/* ICC_IAR1_EL1 (12.2.11): the INTID, now active; 1023 when nothing is pending. */
uint32_t gic_ack(void)
{
	uint32_t intid = (uint32_t)read_sysreg(icc_iar1_el1) & 0xffffff;

	dsb(sy);
	return intid;
}

/* ICC_EOIR1_EL1 (12.2.7): with EOImode 0, priority drop and deactivation. */
void gic_eoi(uint32_t intid)
{
	write_sysreg(icc_eoir1_el1, intid);
	isb();
}
