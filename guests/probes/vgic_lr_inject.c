/* SPDX-License-Identifier: MIT */
/*
 * Probe: a virtual interrupt injected by EL2 through a GICv3 List register
 * and taken at EL1, its List register's state through acknowledge and EOI,
 * and a maintenance interrupt.
 *
 * EL2 enables the virtual CPU interface (ICH_HCR_EL2.En), sets
 * ICH_VMCR_EL2.VENG1 1 and VPMR 0xf8, HCR_EL2.{IMO,FMO} 1 (as KVM does), and
 * writes ICH_LR0_EL2 = State pending (0b01, [63:62]) | Group 1 [60] |
 * Priority 0xa0 [55:48] | vINTID 27. EL1 clears PSTATE.I:
 *
 * 1. the vIRQ is taken at EL1, vector Current EL with SPx, IRQ (VBAR_EL1 +
 *    0x280), ELR the ISB after MSR DAIFClr or the instruction after it,
 *    SPSR EL1h with I clear. The EL1 handler reads ICC_IAR1_EL1 (ICV_IAR1_EL1
 *    with IMO 1): 27.
 * 2. it calls EL2 (HVC #1): LR0.State is now active (0b10), ICH_ELRSR_EL2
 *    bit 0 is 0, ICH_AP1R<n>_EL2 has the bit of priority 0xa0 set.
 * 3. it writes ICC_EOIR1_EL1 (ICV_EOIR1_EL1, VEOIM 0: drop and deactivate)
 *    and calls EL2 (HVC #2): LR0.State is 0b00 with every other field kept,
 *    ICH_ELRSR_EL2 bit 0 is 1, ICH_EISR_EL2 is 0 (LR0.EOI is 0), the active
 *    priorities are clear. EL2 then sets ICH_HCR_EL2.NPIE: with no List
 *    register pending, ICH_MISR_EL2.NP is 1 and the maintenance interrupt
 *    (PPI INTID 25) is asserted; EL2 waits until the physical
 *    ICC_HPPIR1_EL1 shows it and returns.
 * 4. the maintenance interrupt, a physical IRQ routed to EL2 by IMO, is
 *    taken as soon as EL1 resumes, though EL1's PSTATE.I is 1 (in its
 *    handler): vector Lower EL using AArch64, IRQ (VBAR_EL2 + 0x480), ELR the
 *    instruction after HVC #2. EL2 acknowledges it (ICC_IAR1_EL1 = 25),
 *    clears NPIE (ICH_MISR_EL2 0 again), EOIs it and returns.
 *
 * Expected, from the GICv3 spec (IHI 0069H), chapter 6 "Virtual Interrupt
 * Handling and Prioritization" ("List registers", "Maintenance
 * interrupts") and the register descriptions: ICH_LR<n>_EL2 (State, HW,
 * Group, Priority, vINTID; acknowledge makes a pending LR active, a
 * deactivation with HW 0 makes it 0b00 with the other fields kept);
 * ICH_HCR_EL2 (En, NPIE); ICH_VMCR_EL2; ICH_ELRSR_EL2 (bit n 1 when LR n
 * has State 0b00 and not HW 0 with EOI 1); ICH_EISR_EL2; ICH_MISR_EL2 (NP);
 * ICH_AP1R<n>_EL2 (the bit of the group priority, priority >> (8 -
 * PRIbits), PRIbits = ICH_VTR_EL2.PRIbits + 1); ICC_IAR1_EL1,
 * ICC_EOIR1_EL1, and the ICV_* registers they reach from EL1 when
 * HCR_EL2.IMO is 1.
 * From the Arm ARM (DDI 0487): D1 "Virtual interrupts" (a vIRQ is enabled by
 * HCR_EL2.IMO with TGE 0, taken to EL1, masked by PSTATE.I) and
 * "Asynchronous exception routing/masking" (a physical IRQ routed to EL2 is
 * taken from EL1 whatever PSTATE.I); "Exception vectors".
 */
#include "gic.h"

/* ICH_LR<n>_EL2 fields (IHI 0069H, ICH_LR<n>_EL2). */
#define LR_STATE_SHIFT 62
#define LR_STATE_MASK  (3ull << LR_STATE_SHIFT)
#define LR_PENDING     (1ull << LR_STATE_SHIFT)
#define LR_ACTIVE      (2ull << LR_STATE_SHIFT)
#define LR_GROUP1      (1ull << 60)
#define LR_PRIO(p)     ((uint64_t)(p) << 48)
#define VIRQ_PRIO      0xa0
#define LR0_VALUE      (LR_PENDING | LR_GROUP1 | LR_PRIO(VIRQ_PRIO) | INTID_CNTV)
#define ICH_HCR_EN     (1ull << 0)
#define ICH_HCR_NPIE   (1ull << 3)
#define ICH_MISR_NP    (1ull << 3)
#define VMCR_VENG1     (1ull << 1)
#define VMCR_VPMR(p)   ((uint64_t)(p) << 24)
#define VMCR_VPMR_MASK (0xffull << 24)

extern const char vgic_hvc_ack_ret[], vgic_hvc_eoi_ret[];
PROBE_UNMASK_LABELS(vgic);
PROBE_LOWER_FN(vgic_el1_fn, PROBE_UNMASK_TAIL(vgic, 2));
/* The EL1 handler's calls to EL2, with NZCV 0110 (clobber x9). */
PROBE_LOWER_FN(vgic_hvc_ack, PROBE_NZCV_SET "hvc #1\n"
                                            ".globl vgic_hvc_ack_ret\n"
                                            "vgic_hvc_ack_ret: nop");
PROBE_LOWER_FN(vgic_hvc_eoi, PROBE_NZCV_SET "hvc #2\n"
                                            ".globl vgic_hvc_eoi_ret\n"
                                            "vgic_hvc_eoi_ret: nop");

/* What EL2 saw of the virtual CPU interface at each step. */
struct vgic_snap {
	uint64_t lr0, elrsr, eisr, misr, ap1r;
};
static struct vgic_snap snap_before, snap_ack, snap_eoi, snap_end;
static unsigned int pribits;
static uint64_t virq_iar, np_misr, np_hppir, maint_misr, maint_iar, maint_misr_after;

/* ICH_AP1R<n>_EL2 holding the active-priority bit of VIRQ_PRIO, and that bit. */
static unsigned int ap1r_bit(void)
{
	return (VIRQ_PRIO >> (8 - pribits)) % 32;
}

static uint64_t ap1r_read(void)
{
	switch ((VIRQ_PRIO >> (8 - pribits)) / 32) {
	case 0: return READ_SYSREG(ich_ap1r0_el2);
	case 1: return READ_SYSREG(ich_ap1r1_el2);
	case 2: return READ_SYSREG(ich_ap1r2_el2);
	default: return READ_SYSREG(ich_ap1r3_el2);
	}
}

static void snap(struct vgic_snap *s)
{
	s->lr0 = READ_SYSREG(ich_lr0_el2);
	s->elrsr = READ_SYSREG(ich_elrsr_el2);
	s->eisr = READ_SYSREG(ich_eisr_el2);
	s->misr = READ_SYSREG(ich_misr_el2);
	s->ap1r = ap1r_read();
}

/* At EL2: HVC #1/#2 from the EL1 handler; then the maintenance interrupt. */
static void el2_hook(struct rt_exc_frame *f)
{
	if (f->slot == SLOT_LOWER64_SYNC && (f->esr & 0xffff) == 1) {
		snap(&snap_ack);
	} else if (f->slot == SLOT_LOWER64_SYNC && (f->esr & 0xffff) == 2) {
		snap(&snap_eoi);
		WRITE_SYSREG(ich_hcr_el2, ICH_HCR_EN | ICH_HCR_NPIE);
		np_misr = READ_SYSREG(ich_misr_el2);
		for (int i = 0; i < 1000; i++) {
			np_hppir = READ_SYSREG(icc_hppir1_el1);
			if (np_hppir == INTID_MAINT)
				break;
		}
	} else if (f->slot == SLOT_LOWER64_IRQ) {
		maint_misr = READ_SYSREG(ich_misr_el2);
		maint_iar = READ_SYSREG(icc_iar1_el1);
		WRITE_SYSREG(ich_hcr_el2, ICH_HCR_EN);
		maint_misr_after = READ_SYSREG(ich_misr_el2);
		WRITE_SYSREG(icc_eoir1_el1, maint_iar);
	}
}

int rt_exc_hook(struct rt_exc_frame *f)
{
	if (!probe_record(f))
		return 0;
	if (rt_current_el() == 2) {
		el2_hook(f);
		return 1;
	}
	/* EL1: the vIRQ. */
	virq_iar = READ_SYSREG(icc_iar1_el1);
	vgic_hvc_ack(0);
	WRITE_SYSREG(icc_eoir1_el1, virq_iar);
	vgic_hvc_eoi(0);
	f->spsr |= SPSR_I;
	return 1;
}

int main(void)
{
	uint64_t hcr = READ_SYSREG(hcr_el2);
	const uint64_t lr0_idle = LR0_VALUE & ~LR_STATE_MASK;

	gic_init();
	gic_ppi_enable(INTID_MAINT, GIC_PRIO_PPI);
	pribits = (unsigned int)(READ_SYSREG(ich_vtr_el2) >> 29 & 7) + 1;
	WRITE_SYSREG(ich_vmcr_el2, VMCR_VPMR(0xf8) | VMCR_VENG1);
	WRITE_SYSREG(ich_lr0_el2, LR0_VALUE);
	WRITE_SYSREG(ich_hcr_el2, ICH_HCR_EN);
	probe_check("ICH_VMCR_EL2.{VPMR,VENG1}",
	            READ_SYSREG(ich_vmcr_el2) & (VMCR_VPMR_MASK | VMCR_VENG1),
	            VMCR_VPMR(0xf8) | VMCR_VENG1);
	snap(&snap_before);
	WRITE_SYSREG(hcr_el2, (hcr & ~HCR_TGE) | HCR_IMO | HCR_FMO);

	rt_lower_call(vgic_el1_fn, 0);

	snap(&snap_end);
	WRITE_SYSREG(ich_hcr_el2, 0);
	WRITE_SYSREG(hcr_el2, hcr);

	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_CUR_SPX_IRQ,
	                        .el = 1,
	                        .esr_ignore = ~0ull,
	                        .elr = PROBE_UNMASK_ELR(vgic, 0),
	                        .spsr = PROBE_UNMASK_SPSR(SPSR_I, SPSR_EL1H),
	                });
	probe_expect(1, &(struct probe_want){
	                        .slot = SLOT_LOWER64_SYNC,
	                        .el = 2,
	                        .esr = PROBE_ESR(0x16, 1, 1),
	                        .elr = (uint64_t)vgic_hvc_ack_ret,
	                        .spsr = PROBE_NZCV | SPSR_DAIF | SPSR_EL1H,
	                });
	probe_expect(2, &(struct probe_want){
	                        .slot = SLOT_LOWER64_SYNC,
	                        .el = 2,
	                        .esr = PROBE_ESR(0x16, 1, 2),
	                        .elr = (uint64_t)vgic_hvc_eoi_ret,
	                        .spsr = PROBE_NZCV | SPSR_DAIF | SPSR_EL1H,
	                });
	probe_expect(3, &(struct probe_want){
	                        .slot = SLOT_LOWER64_IRQ,
	                        .el = 2,
	                        .esr_ignore = ~0ull,
	                        .elr = (uint64_t)vgic_hvc_eoi_ret,
	                        .spsr = PROBE_NZCV | SPSR_DAIF | SPSR_EL1H,
	                });

	rt_printf("ICH_VTR_EL2.PRIbits: %u bits; active priority bit %u of ICH_AP1R%u_EL2\n",
	          pribits, ap1r_bit(), (VIRQ_PRIO >> (8 - pribits)) / 32);
	probe_check("ICH_LR0_EL2 as written", snap_before.lr0, LR0_VALUE);
	probe_check("ICH_ELRSR_EL2 bit 0 with LR0 pending", snap_before.elrsr & 1, 0);
	probe_check("ICH_MISR_EL2 with LR0 pending", snap_before.misr, 0);

	probe_check("ICC_IAR1_EL1 (ICV) at EL1", virq_iar, INTID_CNTV);
	probe_check("ICH_LR0_EL2 after the acknowledge (State 0b10)", snap_ack.lr0,
	            lr0_idle | LR_ACTIVE);
	probe_check("ICH_ELRSR_EL2 bit 0 with LR0 active", snap_ack.elrsr & 1, 0);
	probe_check("ICH_AP1R<n>_EL2 after the acknowledge", snap_ack.ap1r, 1ull << ap1r_bit());

	probe_check("ICH_LR0_EL2 after the EOI (State 0b00)", snap_eoi.lr0, lr0_idle);
	probe_check("ICH_ELRSR_EL2 bit 0 after the EOI", snap_eoi.elrsr & 1, 1);
	probe_check("ICH_EISR_EL2 after the EOI", snap_eoi.eisr, 0);
	probe_check("ICH_AP1R<n>_EL2 after the EOI", snap_eoi.ap1r, 0);
	probe_check("ICH_MISR_EL2 after the EOI, NPIE 0", snap_eoi.misr, 0);

	probe_check("ICH_MISR_EL2 with NPIE 1 (NP)", np_misr, ICH_MISR_NP);
	probe_check("ICC_HPPIR1_EL1 at EL2 with NPIE 1", np_hppir, INTID_MAINT);
	probe_check("ICH_MISR_EL2 in the maintenance handler", maint_misr, ICH_MISR_NP);
	probe_check("ICC_IAR1_EL1 at EL2 (maintenance interrupt)", maint_iar, INTID_MAINT);
	probe_check("ICH_MISR_EL2 with NPIE 0 again", maint_misr_after, 0);

	probe_check("ICH_LR0_EL2 at the end", snap_end.lr0, lr0_idle);
	probe_check("ICH_ELRSR_EL2 bit 0 at the end", snap_end.elrsr & 1, 1);
	__asm__ volatile("dsb sy\n\tisb" ::: "memory");
	GIC_CHECK_PPI_IDLE(INTID_MAINT, "at the end", "with NPIE 0");

	gic_ppi_disable(INTID_MAINT);
	return probe_done("vgic_lr_inject", 4);
}
