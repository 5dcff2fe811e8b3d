/*
 * The GICv3 virtual CPU interface (IHI 0069, chapter 6 "Virtual interrupt
 * handling and prioritization"; 12.4 the ICH_* and 12.3 the ICV_* register
 * descriptions; the pseudocode functions named at each function below).
 *
 * All of its state is in ICH_* rows of cpu->sr: the list registers, the
 * active priorities (ICH_AP0R0/AP1R0_EL2, bit n for group priority n << 3,
 * gic_prio.h), ICH_HCR_EL2 and ICH_VMCR_EL2 (which holds every ICV_* control:
 * VPMR, VBPR0/1, VCBPR, VEOIM, VENG0/1). ICH_MISR/EISR/ELRSR_EL2 are derived
 * from it when read. Interrupts are acknowledged, priority-dropped and
 * deactivated in the list registers only; the physical distributor hears of
 * a virtual interrupt only when an LR with HW = 1 is deactivated.
 *
 * Where the architecture leaves a choice, el2sim follows QEMU
 * (hw/intc/arm_gicv3_cpuif.c) except at two points where QEMU departs from
 * the spec text; both are marked "QEMU differs" below.
 */
#include "gic_vcpuif.h"

#include "cpu.h"
#include "gic_port.h"
#include "gic_prio.h"
#include "irq.h"
#include "sysreg_access.h"

/* ICH_LR<n>_EL2 (12.4 "ICH_LR<n>_EL2"): State [63:62], HW [61], Group [60],
 * Priority [55:48], pINTID [44:32] with HW = 1, else EOI [41]; vINTID. */
#define LR_ACTIVE       (1ull << 63)
#define LR_PENDING      (1ull << 62)
#define LR_STATE        (LR_ACTIVE | LR_PENDING)
#define LR_HW           (1ull << 61)
#define LR_GROUP        (1ull << 60)
#define LR_PRIO_SHIFT   48
#define LR_PINTID_SHIFT 32
#define LR_PINTID_MASK  0x1fffu
#define LR_EOI          (1ull << 41)

/* ICH_HCR_EL2 (12.4 "ICH_HCR_EL2"). */
#define HCR_EN             (1ull << 0)
#define HCR_UIE            (1ull << 1)
#define HCR_LRENPIE        (1ull << 2)
#define HCR_NPIE           (1ull << 3)
#define HCR_VGRP0EIE       (1ull << 4)
#define HCR_VGRP0DIE       (1ull << 5)
#define HCR_VGRP1EIE       (1ull << 6)
#define HCR_VGRP1DIE       (1ull << 7)
#define HCR_EOICOUNT_SHIFT 27
#define HCR_EOICOUNT       (0x1full << HCR_EOICOUNT_SHIFT)

/* ICH_VMCR_EL2 (12.4 "ICH_VMCR_EL2"). */
#define VMCR_VENG0       (1ull << 0)
#define VMCR_VENG1       (1ull << 1)
#define VMCR_VCBPR       (1ull << 4)
#define VMCR_VEOIM       (1ull << 9)
#define VMCR_VBPR1_SHIFT 18
#define VMCR_VBPR0_SHIFT 21
#define VMCR_VPMR_SHIFT  24
#define VMCR_VPMR        (0xffull << VMCR_VPMR_SHIFT)

/* ICH_MISR_EL2 (12.4 "ICH_MISR_EL2"). */
#define MISR_EOI    (1u << 0)
#define MISR_U      (1u << 1)
#define MISR_LRENP  (1u << 2)
#define MISR_NP     (1u << 3)
#define MISR_VGRP0E (1u << 4)
#define MISR_VGRP0D (1u << 5)
#define MISR_VGRP1E (1u << 6)
#define MISR_VGRP1D (1u << 7)

/* ICV_CTLR_EL1: CBPR [0], EOImode [1] (CTLR_*, gic_prio.h); PRIbits [10:8], IDbits [13:11], SEIS
 * [14], A3V [15] read ICH_VTR_EL2's PRIbits [31:29], IDbits [25:23], SEIS
 * [22], A3V [21] (12.3 "ICV_CTLR_EL1"). */

/* INTIDs 8192 and up are LPIs (2.2.1). */
#define INTID_LPI 8192u

static const enum sysreg_id lr_ids[VGIC_NUM_LRS] = {
        SR_ICH_LR0_EL2,
        SR_ICH_LR1_EL2,
        SR_ICH_LR2_EL2,
        SR_ICH_LR3_EL2,
};

static uint64_t lr_get(const struct cpu *cpu, int n)
{
	return cpu->sr[lr_ids[n]];
}

static void lr_set(struct cpu *cpu, int n, uint64_t v)
{
	cpu->sr[lr_ids[n]] = v;
}

static unsigned lr_group(uint64_t lr)
{
	return (lr & LR_GROUP) ? 1 : 0;
}

static uint32_t lr_prio(uint64_t lr)
{
	return (uint32_t)(lr >> LR_PRIO_SHIFT) & 0xffu;
}

static uint32_t lr_vintid(uint64_t lr)
{
	return (uint32_t)lr & GIC_INTID_MASK; /* ICH_VTR_EL2.IDbits 0: 16-bit INTIDs */
}

/* The active-priority register of a group: ICH_AP0R0_EL2 or ICH_AP1R0_EL2. */
static enum sysreg_id apr_id(unsigned group)
{
	return group ? SR_ICH_AP1R0_EL2 : SR_ICH_AP0R0_EL2;
}

static unsigned vbpr0(uint64_t vmcr)
{
	return (unsigned)(vmcr >> VMCR_VBPR0_SHIFT) & 7;
}

static unsigned vbpr1(uint64_t vmcr)
{
	return (unsigned)(vmcr >> VMCR_VBPR1_SHIFT) & 7;
}

static uint32_t vpmr(uint64_t vmcr)
{
	return (uint32_t)(vmcr >> VMCR_VPMR_SHIFT) & 0xffu;
}

/*
 * VGroupBits: the group-priority mask of a virtual interrupt of this group.
 * Group 1 uses VBPR1, or VBPR0 as for Group 0 when VCBPR is 1
 * (ICH_VMCR_EL2.VCBPR; 4.8.1 for the binary point arithmetic).
 */
static uint32_t vgroup_mask(uint64_t vmcr, unsigned group)
{
	return gic_group_mask(group, vmcr & VMCR_VCBPR, vbpr0(vmcr), vbpr1(vmcr));
}

/* The virtual running priority (ICV_RPR_EL1): the highest active priority of both groups. */
static uint32_t vrpr(const struct cpu *cpu)
{
	return gic_apr_highest((uint32_t)(cpu->sr[SR_ICH_AP0R0_EL2] | cpu->sr[SR_ICH_AP1R0_EL2]));
}

/*
 * HighestPriorityVirtualInterrupt: the pending (State 0b01, not pending and
 * active) LR of highest priority whose group ICH_VMCR_EL2.VENG0/VENG1
 * enables, or -1. Ties go to the lowest-numbered LR; priority 0xff is never
 * chosen.
 */
static int vgic_hppvi(const struct cpu *cpu)
{
	uint64_t vmcr = cpu->sr[SR_ICH_VMCR_EL2];
	uint32_t best = GIC_PRIO_IDLE;
	int idx = -1;
	for (int n = 0; n < VGIC_NUM_LRS; n++) {
		uint64_t lr = lr_get(cpu, n);
		if ((lr & LR_STATE) != LR_PENDING)
			continue;
		if (!(vmcr & (lr_group(lr) ? VMCR_VENG1 : VMCR_VENG0)))
			continue;
		if (lr_prio(lr) < best) {
			best = lr_prio(lr);
			idx = n;
		}
	}
	return idx;
}

/*
 * CanSignalVirtualInterrupt: the interface is enabled (ICH_HCR_EL2.En), the
 * priority is higher than VPMR, and its group priority is higher than the
 * virtual running priority (chapter 6; preemption as in 4.8.3).
 */
static bool vgic_can_signal(const struct cpu *cpu, uint64_t lr)
{
	uint64_t vmcr = cpu->sr[SR_ICH_VMCR_EL2];
	if (!(cpu->sr[SR_ICH_HCR_EL2] & HCR_EN))
		return false;
	return gic_can_signal(lr_prio(lr), vgroup_mask(vmcr, lr_group(lr)), vpmr(vmcr), vrpr(cpu));
}

uint32_t vgic_pending_intid(const struct cpu *cpu)
{
	int n = vgic_hppvi(cpu);
	if (n < 0 || !vgic_can_signal(cpu, lr_get(cpu, n)))
		return GIC_INTID_SPURIOUS;
	return lr_vintid(lr_get(cpu, n));
}

/*
 * ICV_IAR0/1_EL1 (VirtualReadIAR0/1): acknowledge the highest-priority
 * pending LR if it is of this group and can be signalled: State Pending ->
 * Active, and its group priority's bit set in ICH_AP<group>R0_EL2. Otherwise
 * 1023. ICH_HCR_EL2.En = 0 also gives 1023 (ICH_HCR_EL2.En text).
 */
static uint64_t vgic_iar(struct cpu *cpu, unsigned group)
{
	int n = vgic_hppvi(cpu);
	if (n < 0)
		return GIC_INTID_SPURIOUS;
	uint64_t lr = lr_get(cpu, n);
	if (lr_group(lr) != group || !vgic_can_signal(cpu, lr))
		return GIC_INTID_SPURIOUS;
	uint32_t intid = lr_vintid(lr);
	if (gic_intid_special(intid)) {
		/* A special vINTID in a valid LR is UNPREDICTABLE (ICH_LR<n>_EL2.vINTID);
		 * as QEMU reads the pseudocode: the LR becomes Invalid, the ID is returned. */
		lr_set(cpu, n, lr & ~LR_STATE);
	} else {
		uint32_t gprio = lr_prio(lr) & vgroup_mask(cpu->sr[SR_ICH_VMCR_EL2], group);
		lr_set(cpu, n, (lr & ~LR_STATE) | LR_ACTIVE);
		cpu->sr[apr_id(group)] |= gic_apr_bit(gprio);
	}
	vgic_update(cpu);
	return intid;
}

/* ICV_HPPIR0/1_EL1: the highest-priority pending LR's vINTID if it is of
 * this group, else 1023; VPMR and the running priority do not matter. */
static uint64_t vgic_hppir(const struct cpu *cpu, unsigned group)
{
	int n = vgic_hppvi(cpu);
	if (n < 0 || lr_group(lr_get(cpu, n)) != group)
		return GIC_INTID_SPURIOUS;
	return lr_vintid(lr_get(cpu, n));
}

/* FindActiveVirtualInterrupt: the LR holding intid in state Active or
 * Pending and active, or -1. */
static int vgic_find_active(const struct cpu *cpu, uint32_t intid)
{
	for (int n = 0; n < VGIC_NUM_LRS; n++) {
		uint64_t lr = lr_get(cpu, n);
		if ((lr & LR_ACTIVE) && lr_vintid(lr) == intid)
			return n;
	}
	return -1;
}

/*
 * Deactivate LR n: Active -> Invalid, Pending and active -> Pending; with
 * HW = 1 the physical pINTID is deactivated too (ICH_LR<n>_EL2.HW). A
 * pINTID of 1020-1023 is UNPREDICTABLE; like QEMU, nothing physical happens.
 * The LR is updated first: the board may call back into vgic_update.
 */
static void vgic_deactivate(struct cpu *cpu, int n)
{
	uint64_t lr = lr_get(cpu, n);
	lr_set(cpu, n, lr & ~LR_ACTIVE);
	if (!(lr & LR_HW))
		return;
	gic_port_deactivate(&cpu->bus.gic, (uint32_t)(lr >> LR_PINTID_SHIFT) & LR_PINTID_MASK);
}

/* ICH_HCR_EL2.EOIcount += 1; the 5-bit field wraps. */
static void vgic_count_eoi(struct cpu *cpu)
{
	uint64_t hcr = cpu->sr[SR_ICH_HCR_EL2];
	uint64_t count = ((hcr >> HCR_EOICOUNT_SHIFT) + 1) << HCR_EOICOUNT_SHIFT;
	cpu->sr[SR_ICH_HCR_EL2] = (hcr & ~HCR_EOICOUNT) | (count & HCR_EOICOUNT);
}

/*
 * Priority drop: clear the highest active priority, the lowest set bit of
 * ICH_AP0R0|AP1R0 (Group 0's when both hold it). Returns the bit cleared and
 * its group, or 0 when nothing was active.
 */
static uint32_t vgic_drop_priority(struct cpu *cpu, unsigned *group)
{
	uint32_t bit = gic_apr_lowest((uint32_t)cpu->sr[SR_ICH_AP0R0_EL2],
	                              (uint32_t)cpu->sr[SR_ICH_AP1R0_EL2], group);
	cpu->sr[apr_id(*group)] &= ~(uint64_t)bit;
	return bit;
}

/*
 * ICV_EOIR0/1_EL1 (VirtualWriteEOIR0/1). Special INTIDs are ignored. The
 * highest active priority is dropped. With VEOIM = 0, or for an LPI (which
 * has no separate deactivation), the LR holding the INTID is deactivated if
 * it is of this group and its group priority is the one dropped. No LR
 * holding it: the write "would have resulted in a virtual interrupt
 * deactivation" that software must do, so EOIcount counts it
 * (ICH_HCR_EL2.EOIcount); not for an LPI.
 * QEMU differs: it counts an unmatched EOIR with VEOIM = 1 too.
 * With no active priority the LRs are not looked at (CONSTRAINED
 * UNPREDICTABLE whether such an EOIR counts; EOIcount is left alone).
 */
static void vgic_eoir(struct cpu *cpu, unsigned group, uint64_t v)
{
	uint32_t intid = (uint32_t)v & GIC_INTID_MASK;
	if (gic_intid_special(intid))
		return;
	unsigned dropped_group = 0;
	uint32_t dropped = vgic_drop_priority(cpu, &dropped_group);
	if (dropped) {
		bool lpi = intid >= INTID_LPI;
		bool deactivate = !(cpu->sr[SR_ICH_VMCR_EL2] & VMCR_VEOIM) || lpi;
		int n = vgic_find_active(cpu, intid);
		if (n < 0) {
			if (deactivate && !lpi)
				vgic_count_eoi(cpu);
		} else if (deactivate) {
			uint64_t lr = lr_get(cpu, n);
			uint32_t gprio = lr_prio(lr) & vgroup_mask(cpu->sr[SR_ICH_VMCR_EL2], group);
			if (lr_group(lr) == group && gic_apr_bit(gprio) == dropped)
				vgic_deactivate(cpu, n);
		}
	}
	vgic_update(cpu);
}

/*
 * ICV_DIR_EL1 (VirtualWriteDIR): with VEOIM = 1, deactivate the LR holding
 * the INTID, or count it in EOIcount when no LR does. Special INTIDs and
 * LPIs are ignored (VirtualIdentifierValid(data, FALSE)); with VEOIM = 0 the
 * write is UNPREDICTABLE and ignored, as QEMU does.
 */
static void vgic_dir(struct cpu *cpu, uint64_t v)
{
	uint32_t intid = (uint32_t)v & GIC_INTID_MASK;
	if (intid >= GIC_INTID_SPECIAL_FIRST || !(cpu->sr[SR_ICH_VMCR_EL2] & VMCR_VEOIM))
		return;
	int n = vgic_find_active(cpu, intid);
	if (n < 0)
		vgic_count_eoi(cpu);
	else
		vgic_deactivate(cpu, n);
	vgic_update(cpu);
}

/* Replace the bits of mask in ICH_VMCR_EL2 by those of v. */
static void vmcr_set(struct cpu *cpu, uint64_t mask, uint64_t v)
{
	cpu->sr[SR_ICH_VMCR_EL2] = (cpu->sr[SR_ICH_VMCR_EL2] & ~mask) | (v & mask);
}

/* ICV_BPR0/1_EL1 writes: a value below the minimum sets the minimum; with
 * VCBPR = 1 ICV_BPR1_EL1 writes are ignored (ICV_BPR1_EL1 text). */
static void vgic_bpr_write(struct cpu *cpu, unsigned group, uint64_t v)
{
	unsigned shift = group ? VMCR_VBPR1_SHIFT : VMCR_VBPR0_SHIFT;
	if (group && (cpu->sr[SR_ICH_VMCR_EL2] & VMCR_VCBPR))
		return;
	vmcr_set(cpu, 7ull << shift, (uint64_t)gic_bpr_clamp(v, group) << shift);
}

/* ICV_BPR1_EL1 with VCBPR = 1 reads ICV_BPR0_EL1 + 1, saturated to 7. */
static uint64_t vgic_bpr1_read(const struct cpu *cpu)
{
	uint64_t vmcr = cpu->sr[SR_ICH_VMCR_EL2];
	return gic_bpr1_view(vmcr & VMCR_VCBPR, vbpr0(vmcr), vbpr1(vmcr));
}

/* ICV_CTLR_EL1: EOImode = VEOIM, CBPR = VCBPR; the RO fields from ICH_VTR_EL2. */
static uint64_t vgic_ctlr_read(const struct cpu *cpu)
{
	uint64_t vmcr = cpu->sr[SR_ICH_VMCR_EL2];
	uint64_t vtr = cpu->sr[SR_ICH_VTR_EL2];
	uint64_t v = ((vtr >> 29) & 7) << 8     /* PRIbits */
	             | ((vtr >> 23) & 7) << 11  /* IDbits */
	             | ((vtr >> 22) & 1) << 14  /* SEIS */
	             | ((vtr >> 21) & 1) << 15; /* A3V */
	if (vmcr & VMCR_VEOIM)
		v |= CTLR_EOIMODE;
	if (vmcr & VMCR_VCBPR)
		v |= CTLR_CBPR;
	return v;
}

uint64_t vgic_icv_read(struct cpu *cpu, enum sysreg_id id)
{
	uint64_t vmcr = cpu->sr[SR_ICH_VMCR_EL2];
	switch (id) {
	case SR_ICC_IAR0_EL1: return vgic_iar(cpu, 0);
	case SR_ICC_IAR1_EL1: return vgic_iar(cpu, 1);
	case SR_ICC_HPPIR0_EL1: return vgic_hppir(cpu, 0);
	case SR_ICC_HPPIR1_EL1: return vgic_hppir(cpu, 1);
	case SR_ICC_RPR_EL1: return vrpr(cpu);
	case SR_ICC_PMR_EL1: return vpmr(vmcr);
	case SR_ICC_BPR0_EL1: return vbpr0(vmcr);
	case SR_ICC_BPR1_EL1: return vgic_bpr1_read(cpu);
	case SR_ICC_CTLR_EL1: return vgic_ctlr_read(cpu);
	case SR_ICC_IGRPEN0_EL1: return (vmcr & VMCR_VENG0) ? 1 : 0;
	case SR_ICC_IGRPEN1_EL1: return (vmcr & VMCR_VENG1) ? 1 : 0;
	case SR_ICC_AP0R0_EL1: return cpu->sr[SR_ICH_AP0R0_EL2];
	case SR_ICC_AP1R0_EL1: return cpu->sr[SR_ICH_AP1R0_EL2];
	default: return 0; /* no ICV_ twin: the caller does not redirect it */
	}
}

void vgic_icv_write(struct cpu *cpu, enum sysreg_id id, uint64_t v)
{
	switch (id) {
	case SR_ICC_EOIR0_EL1: vgic_eoir(cpu, 0, v); return;
	case SR_ICC_EOIR1_EL1: vgic_eoir(cpu, 1, v); return;
	case SR_ICC_DIR_EL1: vgic_dir(cpu, v); return;
	/* ICV_PMR_EL1: the 5 implemented priority bits. */
	case SR_ICC_PMR_EL1:
		vmcr_set(cpu, (uint64_t)GIC_PRIO_MASK << VMCR_VPMR_SHIFT, v << VMCR_VPMR_SHIFT);
		break;
	case SR_ICC_BPR0_EL1: vgic_bpr_write(cpu, 0, v); break;
	case SR_ICC_BPR1_EL1: vgic_bpr_write(cpu, 1, v); break;
	case SR_ICC_CTLR_EL1:
		vmcr_set(cpu, VMCR_VCBPR, (v & CTLR_CBPR) ? VMCR_VCBPR : 0);
		vmcr_set(cpu, VMCR_VEOIM, (v & CTLR_EOIMODE) ? VMCR_VEOIM : 0);
		break;
	case SR_ICC_IGRPEN0_EL1: vmcr_set(cpu, VMCR_VENG0, (v & 1) ? VMCR_VENG0 : 0); break;
	case SR_ICC_IGRPEN1_EL1: vmcr_set(cpu, VMCR_VENG1, (v & 1) ? VMCR_VENG1 : 0); break;
	case SR_ICC_AP0R0_EL1: cpu->sr[SR_ICH_AP0R0_EL2] = (uint32_t)v; break;
	case SR_ICC_AP1R0_EL1: cpu->sr[SR_ICH_AP1R0_EL2] = (uint32_t)v; break;
	default: return;
	}
	vgic_update(cpu);
}

/* ICH_EISR_EL2: bit n for an LR that is Invalid, HW 0 and EOI 1 (an EOI
 * maintenance interrupt not yet handled). */
static uint32_t vgic_eisr(const struct cpu *cpu)
{
	uint32_t v = 0;
	for (int n = 0; n < VGIC_NUM_LRS; n++)
		if ((lr_get(cpu, n) & (LR_STATE | LR_HW | LR_EOI)) == LR_EOI)
			v |= 1u << n;
	return v;
}

/* ICH_ELRSR_EL2: bit n for an LR that is Invalid and either HW 1 or EOI 0
 * (free, with no EOI maintenance interrupt to lose). */
static uint32_t vgic_elrsr(const struct cpu *cpu)
{
	uint32_t v = 0;
	for (int n = 0; n < VGIC_NUM_LRS; n++) {
		uint64_t lr = lr_get(cpu, n);
		if (!(lr & LR_STATE) && ((lr & LR_HW) || !(lr & LR_EOI)))
			v |= 1u << n;
	}
	return v;
}

/*
 * ICH_MISR_EL2, each condition from its field description:
 * EOI: ICH_EISR_EL2 != 0. U: UIE and at most one LR valid (State != 0).
 * LRENP: LRENPIE and EOIcount != 0. NP: NPIE and no LR in the Pending
 * state (0b01: as QEMU, an LR Pending and active does not count).
 * VGrp0E/D: VGrp0EIE and VENG0 / VGrp0DIE and not VENG0; VGrp1E/D alike
 * with VENG1. QEMU differs: its VGrp0D tests VENG1.
 */
static uint32_t vgic_misr(const struct cpu *cpu)
{
	uint64_t hcr = cpu->sr[SR_ICH_HCR_EL2];
	uint64_t vmcr = cpu->sr[SR_ICH_VMCR_EL2];
	unsigned valid = 0;
	bool pending = false;
	for (int n = 0; n < VGIC_NUM_LRS; n++) {
		uint64_t state = lr_get(cpu, n) & LR_STATE;
		valid += state != 0;
		pending |= state == LR_PENDING;
	}
	uint32_t misr = 0;
	if (vgic_eisr(cpu))
		misr |= MISR_EOI;
	if ((hcr & HCR_UIE) && valid <= 1)
		misr |= MISR_U;
	if ((hcr & HCR_LRENPIE) && (hcr & HCR_EOICOUNT))
		misr |= MISR_LRENP;
	if ((hcr & HCR_NPIE) && !pending)
		misr |= MISR_NP;
	if ((hcr & HCR_VGRP0EIE) && (vmcr & VMCR_VENG0))
		misr |= MISR_VGRP0E;
	if ((hcr & HCR_VGRP0DIE) && !(vmcr & VMCR_VENG0))
		misr |= MISR_VGRP0D;
	if ((hcr & HCR_VGRP1EIE) && (vmcr & VMCR_VENG1))
		misr |= MISR_VGRP1E;
	if ((hcr & HCR_VGRP1DIE) && !(vmcr & VMCR_VENG1))
		misr |= MISR_VGRP1D;
	return misr;
}

uint64_t vgic_ich_read(const struct cpu *cpu, enum sysreg_id id)
{
	switch (id) {
	case SR_ICH_MISR_EL2: return vgic_misr(cpu);
	case SR_ICH_EISR_EL2: return vgic_eisr(cpu);
	case SR_ICH_ELRSR_EL2: return vgic_elrsr(cpu);
	default: return cpu->sr[id];
	}
}

/*
 * An MSR to an ICH_* register. VBPR0/VBPR1 are ICV_BPR0/1_EL1's aliases: a
 * binary point below the minimum written through ICH_VMCR_EL2 reads as the
 * minimum, as written through ICV_BPR0/1_EL1.
 */
void vgic_ich_write(struct cpu *cpu, enum sysreg_id id, uint64_t v)
{
	sysreg_store(cpu->sr, id, v);
	if (id == SR_ICH_VMCR_EL2) {
		uint64_t vmcr = cpu->sr[id];
		vmcr_set(cpu, 7ull << VMCR_VBPR0_SHIFT,
		         (uint64_t)gic_bpr_clamp(vbpr0(vmcr), false) << VMCR_VBPR0_SHIFT);
		vmcr_set(cpu, 7ull << VMCR_VBPR1_SHIFT,
		         (uint64_t)gic_bpr_clamp(vbpr1(vmcr), true) << VMCR_VBPR1_SHIFT);
	}
	vgic_update(cpu);
}

/*
 * The outputs: the virtual FIQ (Group 0) or IRQ (Group 1) when the
 * highest-priority pending LR can be signalled (chapter 6; ICH_VMCR_EL2.VFIQEn
 * is RES1), and the maintenance interrupt, asserted while ICH_HCR_EL2.En = 1
 * and ICH_MISR_EL2 != 0. The maintenance level is recorded before the port
 * hears of it, since the board may call back into vgic_update.
 */
void vgic_update(struct cpu *cpu)
{
	bool virq = false, vfiq = false;
	int n = vgic_hppvi(cpu);
	if (n >= 0 && vgic_can_signal(cpu, lr_get(cpu, n))) {
		virq = lr_group(lr_get(cpu, n)) == 1;
		vfiq = !virq;
	}
	irq_set_virtual_line(cpu, VIRQ_LINE_IRQ, virq);
	irq_set_virtual_line(cpu, VIRQ_LINE_FIQ, vfiq);

	bool maint = (cpu->sr[SR_ICH_HCR_EL2] & HCR_EN) && vgic_misr(cpu) != 0;
	if (maint != cpu->vgic_maint_level) {
		cpu->vgic_maint_level = maint;
		gic_port_ppi(&cpu->bus.gic, GIC_PPI_MAINT, maint);
	}
}
