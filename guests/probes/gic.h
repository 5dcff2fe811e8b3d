/* SPDX-License-Identifier: MIT */
/*
 * What the GIC probes share (timer_el1_gic, timer_el2_cnthp, vgic_lr_inject):
 * the GICv3 of the virt board (distributor at 0x0800_0000, CPU 0's
 * redistributor at 0x080A_0000; QEMU's -M virt,gic-version=3 and el2sim's
 * board), its setup from EL2 for one PPI, the CPU interface's system
 * registers, and the timer and interrupt numbers.
 *
 * References: GICv3/v4 Architecture Specification (Arm IHI 0069H), the
 * register descriptions of its programmers' model, by register name: the
 * distributor's GICD_CTLR; the redistributor's GICR_WAKER, GICR_IGROUPR0,
 * GICR_ISENABLER0, GICR_IPRIORITYR<n>, ...; the AArch64 GIC System registers
 * ICC_*; the virtualization control System registers ICH_*. The board's
 * PPIs: Arm Base System Architecture (DEN0094) "PPI assignments": EL1
 * physical timer 30, EL1 virtual timer 27, EL2 physical timer 26, GIC
 * maintenance interrupt 25 (as QEMU's hw/arm/virt.h).
 *
 * The probes start at EL2 with EL3 absent (QEMU's virtualization=on without
 * secure=on), so the GIC has a single Security state: GICD_CTLR.DS reads 1
 * and Group 1 interrupts are signalled as IRQs (IHI 0069H, "Interrupt
 * grouping and security").
 */
#ifndef GIC_H
#define GIC_H

#include "probe.h"

/* INTIDs (BSA "PPI assignments", QEMU hw/arm/virt.h ARCH_TIMER_*_IRQ + 16). */
#define INTID_MAINT    25
#define INTID_CNTHP    26
#define INTID_CNTV     27
#define INTID_CNTP     30
#define INTID_SPURIOUS 1023
#define GIC_PRIO_PPI   0xa0 /* the PPIs' priority: above (numerically below) PMR */
#define GIC_PMR        0xf0
#define GIC_PRIO_IDLE  0xff /* ICC_RPR_EL1 with no active priority */

/* Distributor (IHI 0069H, GICD_CTLR, with DS 1). */
#define GICD_BASE        0x08000000ul
#define GICD_CTLR        0x0000
#define GICD_CTLR_ENGRP1 (1u << 1)
#define GICD_CTLR_ARE    (1u << 4)
#define GICD_CTLR_DS     (1u << 6)
#define GICD_CTLR_RWP    (1u << 31)

/* CPU 0's redistributor: RD_base, then SGI_base 64 KiB above it (IHI 0069H, GICR_*). */
#define GICR_BASE          0x080a0000ul
#define GICR_CTLR          0x0000
#define GICR_CTLR_RWP      (1u << 3)
#define GICR_WAKER         0x0014
#define GICR_WAKER_PSLEEP  (1u << 1) /* ProcessorSleep */
#define GICR_WAKER_CASLEEP (1u << 2) /* ChildrenAsleep */
#define GICR_SGI_BASE      (GICR_BASE + 0x10000)
#define GICR_IGROUPR0      0x0080
#define GICR_ISENABLER0    0x0100
#define GICR_ICENABLER0    0x0180
#define GICR_ISPENDR0      0x0200
#define GICR_ICPENDR0      0x0280
#define GICR_ISACTIVER0    0x0300
#define GICR_IPRIORITYR(n) (0x0400 + 4 * (n))

/* ICC_SRE_EL2: SRE [0], Enable [3]; ICC_SRE_EL1.SRE [0]. */
#define ICC_SRE_SRE        1ull
#define ICC_SRE_EL2_ENABLE (1ull << 3)

/* CNTHCTL_EL2 with HCR_EL2.E2H 0 (Arm ARM, CNTHCTL_EL2): EL1 access to CNTPCT_EL0, CNTP_*. */
#define CNTHCTL_EL1PCTEN (1ull << 0)
#define CNTHCTL_EL1PCEN  (1ull << 1)

static inline uint32_t gic_read(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void gic_write(uintptr_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

/* Poll until (reg & mask) == want, at most ~1M reads; 0 on timeout. */
static inline int gic_wait(uintptr_t addr, uint32_t mask, uint32_t want)
{
	for (long i = 0; i < 1000000; i++)
		if ((gic_read(addr) & mask) == want)
			return 1;
	return 0;
}

/*
 * From EL2: the distributor (affinity routing, Group 1 enabled), CPU 0's
 * redistributor awake, the CPU interface's system registers on for EL2 and
 * EL1 (ICC_SRE_EL2.{SRE,Enable}, ICC_SRE_EL1.SRE), PMR 0xf0, EOImode 0,
 * Group 1 enabled (the physical ICC_* registers: EL2 always accesses those).
 */
static inline void gic_init(void)
{
	gic_write(GICD_BASE + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENGRP1);
	probe_check("GICD_CTLR.RWP clears", gic_wait(GICD_BASE + GICD_CTLR, GICD_CTLR_RWP, 0), 1);
	probe_check("GICD_CTLR.{ARE,DS,EnableGrp1}",
	            gic_read(GICD_BASE + GICD_CTLR) &
	                    (GICD_CTLR_ARE | GICD_CTLR_DS | GICD_CTLR_ENGRP1),
	            GICD_CTLR_ARE | GICD_CTLR_DS | GICD_CTLR_ENGRP1);

	gic_write(GICR_BASE + GICR_WAKER, gic_read(GICR_BASE + GICR_WAKER) & ~GICR_WAKER_PSLEEP);
	probe_check("GICR_WAKER.ChildrenAsleep clears",
	            gic_wait(GICR_BASE + GICR_WAKER, GICR_WAKER_CASLEEP, 0), 1);

	WRITE_SYSREG(icc_sre_el2, ICC_SRE_SRE | ICC_SRE_EL2_ENABLE);
	WRITE_SYSREG(icc_sre_el1, ICC_SRE_SRE);
	probe_check("ICC_SRE_EL1.SRE", READ_SYSREG(icc_sre_el1) & ICC_SRE_SRE, 1);
	WRITE_SYSREG(icc_pmr_el1, GIC_PMR);
	WRITE_SYSREG(icc_ctlr_el1, 0); /* EOImode 0: EOIR drops priority and deactivates */
	WRITE_SYSREG(icc_igrpen1_el1, 1);
	probe_check("ICC_PMR_EL1", READ_SYSREG(icc_pmr_el1), GIC_PMR);
}

/* From EL2: PPI intid (16-31) in Group 1 at priority prio, pending state cleared, enabled. */
static inline void gic_ppi_enable(unsigned int intid, uint8_t prio)
{
	uintptr_t sgi = GICR_SGI_BASE;
	uint32_t bit = 1u << intid;
	uintptr_t pr = sgi + GICR_IPRIORITYR(intid / 4);
	unsigned int shift = 8 * (intid % 4);

	gic_write(sgi + GICR_IGROUPR0, gic_read(sgi + GICR_IGROUPR0) | bit);
	gic_write(pr, (gic_read(pr) & ~(0xffu << shift)) | (uint32_t)prio << shift);
	gic_write(sgi + GICR_ICPENDR0, bit);
	gic_write(sgi + GICR_ISENABLER0, bit);
	probe_check("GICR_IPRIORITYR of the PPI", gic_read(pr) >> shift & 0xff, prio);
	probe_check("GICR_ISENABLER0 bit of the PPI", gic_read(sgi + GICR_ISENABLER0) & bit, bit);
}

/* From EL2: disable the PPI again (GICR_ICENABLER0, then wait for GICR_CTLR.RWP). */
static inline void gic_ppi_disable(unsigned int intid)
{
	gic_write(GICR_SGI_BASE + GICR_ICENABLER0, 1u << intid);
	gic_wait(GICR_BASE + GICR_CTLR, GICR_CTLR_RWP, 0);
}

/* The PPI's pending and active bits in the redistributor (after DSB: see the probes). */
static inline uint32_t gic_ppi_pending(unsigned int intid)
{
	return gic_read(GICR_SGI_BASE + GICR_ISPENDR0) >> intid & 1;
}

static inline uint32_t gic_ppi_active(unsigned int intid)
{
	return gic_read(GICR_SGI_BASE + GICR_ISACTIVER0) >> intid & 1;
}

/*
 * A probe's closing checks, after its DSB: the CPU interface has no active
 * priority left (ICC_RPR_EL1 idle: every acknowledged interrupt was EOId),
 * and the PPI is neither active nor pending in the redistributor (IHI 0069H,
 * ICC_RPR_EL1, GICR_ISACTIVER0, GICR_ISPENDR0). A macro so the check names
 * are built at compile time: when ("after the EOI") ends the first two,
 * pending_when ("with IMASK 1") the third.
 */
#define GIC_STR_(x) #x
#define GIC_STR(x)  GIC_STR_(x)
#define GIC_CHECK_PPI_IDLE(intid, when, pending_when)                                              \
	do {                                                                                       \
		probe_check("ICC_RPR_EL1 " when, READ_SYSREG(icc_rpr_el1), GIC_PRIO_IDLE);         \
		probe_check("GICR_ISACTIVER0 bit " GIC_STR(intid) " " when, gic_ppi_active(intid), \
		            0);                                                                    \
		probe_check("GICR_ISPENDR0 bit " GIC_STR(intid) " " pending_when,                  \
		            gic_ppi_pending(intid), 0);                                            \
	} while (0)

#endif
