/* SPDX-License-Identifier: MIT */
/*
 * Probe: the EL2 physical timer's interrupt (CNTHP, PPI INTID 26) through
 * the GICv3, routed to EL2 by HCR_EL2.IMO 1, in the two cases routing
 * decides differently:
 *
 * 1. taken from EL1: EL2 arms CNTHP (TVAL about 8 ms, ENABLE) and drops to
 *    EL1, which waits in WFI with PSTATE.DAIF all masked. The IRQ targets
 *    EL2, above the current EL, so PSTATE.I does not mask it: it wakes the
 *    WFI and is taken to EL2, vector Lower EL using AArch64, IRQ (VBAR_EL2
 *    + 0x480), ELR the instruction after the WFI (the WFI completed), SPSR
 *    EL1h with DAIF all set.
 * 2. taken at EL2: EL2 arms CNTHP again and waits in WFI with PSTATE.I
 *    masked until CNTHP_CTL_EL2.ISTATUS reads 1, then clears PSTATE.I: the
 *    IRQ, now at its target EL, is taken at vector Current EL with SPx, IRQ
 *    (VBAR_EL2 + 0x280), ELR the ISB after MSR DAIFClr or the instruction
 *    after it, SPSR EL2h with I clear.
 *
 * Both handlers read ICC_IAR1_EL1 (26: EL2 always reaches the physical CPU
 * interface), mask the timer (CNTHP_CTL_EL2.IMASK), write ICC_EOIR1_EL1.
 *
 * Expected, from the Arm ARM (DDI 0487): D1 "Asynchronous exception
 * routing" (with SCR_EL3 absent, HCR_EL2.IMO 1 and TGE 0 route a physical
 * IRQ to EL2) and "Asynchronous exception masking" (taken to a higher EL
 * than the current one, the IRQ is not masked by PSTATE.I; at EL2 it is);
 * "Wait For Interrupt" (an interrupt that is taken wakes WFI; the WFI
 * completes, so ELR is the next instruction); "Exception vectors" (0x480
 * from a lower EL using AArch64, 0x280 at the same EL with SP_ELx); D11
 * "The Generic Timer in AArch64 state", CNTHP_CTL_EL2 / CNTHP_TVAL_EL2
 * (ISTATUS once CNTPCT - CVAL >= 0; the interrupt asserted with ENABLE 1,
 * IMASK 0). From the GICv3 spec (IHI 0069H): ICC_IAR1_EL1, ICC_EOIR1_EL1
 * (EOImode 0), ICC_RPR_EL1; BSA (DEN0094) "PPI assignments": the EL2
 * physical timer is INTID 26.
 */
#include "gic.h"

extern const char cnthp_el1_wake[];
PROBE_UNMASK_LABELS(cnthp);

/* Case 1, at EL1: x0 = 0; wait until the EL2 handler puts the INTID in x0; return it. */
PROBE_LOWER_FN(cnthp_el1_fn, PROBE_NZCV_SET "1: wfi\n"
                                            ".globl cnthp_el1_wake\n"
                                            "cnthp_el1_wake: cbz x0, 1b");

/* Case 2, called at EL2: x0 = TVAL; returns CNTHP_CTL_EL2 as the wait loop last read it. */
PROBE_LOWER_FN(cnthp_el2_fn, "msr daifset, #0xf\n\t"
                             "msr cnthp_tval_el2, x0\n\t"
                             "mov x1, #1\n\t" /* ENABLE 1, IMASK 0 */
                             "msr cnthp_ctl_el2, x1\n\t"
                             "isb\n"
                             "1: mrs x0, cnthp_ctl_el2\n\t"
                             "tbnz x0, #2, 2f\n\t" /* ISTATUS */
                             "wfi\n\t"
                             "b 1b\n"
                             "2: " PROBE_UNMASK_TAIL(cnthp, 2));

static uint64_t irq_iar[PROBE_MAX_EXC], irq_ctl[PROBE_MAX_EXC];

int rt_exc_hook(struct rt_exc_frame *f)
{
	int n = probe_taken;

	if (!probe_record(f))
		return 0;
	if (f->slot == SLOT_LOWER64_IRQ || f->slot == SLOT_CUR_SPX_IRQ) {
		irq_iar[n] = READ_SYSREG(icc_iar1_el1);
		irq_ctl[n] = READ_SYSREG(cnthp_ctl_el2);
		WRITE_SYSREG(cnthp_ctl_el2, CNT_CTL_ENABLE | CNT_CTL_IMASK);
		WRITE_SYSREG(icc_eoir1_el1, irq_iar[n]);
		if (f->slot == SLOT_LOWER64_IRQ)
			f->x[0] = irq_iar[n]; /* ends cnthp_el1_fn's wait */
		f->spsr |= SPSR_I;
	}
	return 1;
}

int main(void)
{
	uint64_t hcr = READ_SYSREG(hcr_el2), tval, got;

	gic_init();
	gic_ppi_enable(INTID_CNTHP, GIC_PRIO_PPI);
	/* ~8 ms: the WFI is reached long before, even under a slow, logging QEMU */
	tval = READ_SYSREG(cntfrq_el0) >> 7;
	WRITE_SYSREG(hcr_el2, (hcr & ~(HCR_TGE | HCR_FMO)) | HCR_IMO);

	/* 1: armed at EL2, fires while EL1 waits with DAIF masked. */
	WRITE_SYSREG(cnthp_tval_el2, tval);
	WRITE_SYSREG(cnthp_ctl_el2, CNT_CTL_ENABLE);
	got = rt_lower_call(cnthp_el1_fn, 0);
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_LOWER64_IRQ,
	                        .el = 2,
	                        .esr_ignore = ~0ull,
	                        .elr = (uint64_t)cnthp_el1_wake,
	                        .spsr = PROBE_NZCV | SPSR_DAIF | SPSR_EL1H,
	                });
	probe_check("ICC_IAR1_EL1 in the handler (from EL1)", irq_iar[0], INTID_CNTHP);
	probe_check("CNTHP_CTL_EL2 in the handler (from EL1; ISTATUS, ENABLE)", irq_ctl[0] & 7,
	            CNT_CTL_ISTATUS | CNT_CTL_ENABLE);
	probe_check("the INTID EL1 saw in x0", got, INTID_CNTHP);

	/* 2: armed and taken at EL2. */
	got = cnthp_el2_fn(tval);
	probe_expect(1, &(struct probe_want){
	                        .slot = SLOT_CUR_SPX_IRQ,
	                        .el = 2,
	                        .esr_ignore = ~0ull,
	                        .elr = PROBE_UNMASK_ELR(cnthp, 1),
	                        .spsr = PROBE_UNMASK_SPSR(SPSR_I, SPSR_EL2H),
	                });
	probe_check("CNTHP_CTL_EL2 when the EL2 wait ended (ISTATUS, ENABLE)", got & 7,
	            CNT_CTL_ISTATUS | CNT_CTL_ENABLE);
	probe_check("ICC_IAR1_EL1 in the handler (at EL2)", irq_iar[1], INTID_CNTHP);
	probe_check("CNTHP_CTL_EL2 in the handler (at EL2; ISTATUS, ENABLE)", irq_ctl[1] & 7,
	            CNT_CTL_ISTATUS | CNT_CTL_ENABLE);

	__asm__ volatile("dsb sy\n\tisb" ::: "memory");
	GIC_CHECK_PPI_IDLE(INTID_CNTHP, "after the EOIs", "with IMASK 1");

	WRITE_SYSREG(cnthp_ctl_el2, 0);
	WRITE_SYSREG(hcr_el2, hcr);
	gic_ppi_disable(INTID_CNTHP);
	return probe_done("timer_el2_cnthp", 2);
}
