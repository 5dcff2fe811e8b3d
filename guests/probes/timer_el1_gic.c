/* SPDX-License-Identifier: MIT */
/*
 * Probe: the EL1 physical timer's interrupt (CNTP, PPI INTID 30) through the
 * GICv3 to EL1. EL2 sets up the GIC (gic.h), leaves HCR_EL2.{IMO,FMO,TGE} 0
 * so a physical IRQ targets EL1, and lets EL1 use the timer
 * (CNTHCTL_EL2.{EL1PCTEN,EL1PCEN}). EL1 programs CNTP_TVAL_EL0 (about 8 ms)
 * and CNTP_CTL_EL0.ENABLE, and waits in WFI with PSTATE.I masked until
 * CNTP_CTL_EL0.ISTATUS reads 1; then it clears PSTATE.I and the IRQ is
 * taken at EL1, vector Current EL with SPx, IRQ (VBAR_EL1 + 0x280). The
 * handler reads ICC_IAR1_EL1 (30), masks the timer (CNTP_CTL_EL0.IMASK),
 * writes ICC_EOIR1_EL1 and returns with PSTATE.I set.
 *
 * Expected, from the Arm ARM (DDI 0487):
 * - D11 "The Generic Timer in AArch64 state", "Operation of the
 *   CompareValue views of the timers": TVAL sets CVAL = CNTPCT + TVAL; the
 *   timer condition is CNTPCT - CVAL >= 0; ISTATUS shows it, and the
 *   interrupt is asserted when ENABLE 1 and IMASK 0 (CNTP_CTL_EL0).
 * - D1 "Asynchronous exception routing" (the IRQ routing table): with
 *   SCR_EL3 absent and HCR_EL2.{IMO,TGE} 0, a physical IRQ is taken to EL1;
 *   at EL1 PSTATE.I masks it. WFI wakes on it even while PSTATE.I masks it
 *   ("Wait For Interrupt": wake-up events include any physical IRQ).
 * - "Exception vectors": same EL, SP_ELx, IRQ -> offset 0x280. ELR is the
 *   first instruction not executed; the ISB after MSR DAIFClr is a context
 *   synchronization event, so the IRQ (already pending) is taken at the
 *   latest before the instruction after it: ELR is the ISB or the NOP. ESR
 *   is not written for an IRQ. SPSR is PSTATE before: NZCV 0110, D A F
 *   masked, I clear, EL1h.
 * and from the GICv3 spec (IHI 0069H), chapter 4 "Physical Interrupt
 * Handling and Prioritization" ("Interrupt types": PPIs are INTIDs 16-31;
 * level-sensitive interrupts: pending follows the timer's output, clear
 * once IMASK is 1; "Interrupt lifecycle") and the register descriptions:
 * ICC_IAR1_EL1 (the INTID of the highest priority pending Group 1
 * interrupt, which becomes active; ICC_RPR_EL1 becomes its priority),
 * ICC_EOIR1_EL1 with ICC_CTLR_EL1.EOImode 0 (priority drop and
 * deactivation: ICC_RPR_EL1 back to idle 0xff, GICR_ISACTIVER0 bit 30
 * clear), ICC_HPPIR1_EL1 (1023 with nothing pending).
 */
#include "gic.h"

PROBE_UNMASK_LABELS(timer);
/* x0 = TVAL; returns CNTP_CTL_EL0 as the wait loop last read it. */
PROBE_LOWER_FN(timer_el1_fn, "msr cntp_tval_el0, x0\n\t"
                             "mov x1, #1\n\t" /* ENABLE 1, IMASK 0 */
                             "msr cntp_ctl_el0, x1\n\t"
                             "isb\n"
                             "1: mrs x0, cntp_ctl_el0\n\t"
                             "tbnz x0, #2, 2f\n\t" /* ISTATUS */
                             "wfi\n\t"
                             "b 1b\n"
                             "2: " PROBE_UNMASK_TAIL(timer, 2));

static uint64_t irq_iar, irq_ctl, irq_rpr;

int rt_exc_hook(struct rt_exc_frame *f)
{
	if (!probe_record(f))
		return 0;
	if (f->slot == SLOT_CUR_SPX_IRQ) {
		irq_iar = READ_SYSREG(icc_iar1_el1);
		irq_rpr = READ_SYSREG(icc_rpr_el1);
		irq_ctl = READ_SYSREG(cntp_ctl_el0);
		WRITE_SYSREG(cntp_ctl_el0, CNT_CTL_ENABLE | CNT_CTL_IMASK);
		WRITE_SYSREG(icc_eoir1_el1, irq_iar);
		f->spsr |= SPSR_I;
	}
	return 1;
}

int main(void)
{
	uint64_t hcr = READ_SYSREG(hcr_el2), tval, ctl;

	gic_init();
	gic_ppi_enable(INTID_CNTP, GIC_PRIO_PPI);
	WRITE_SYSREG(cnthctl_el2, READ_SYSREG(cnthctl_el2) | CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
	WRITE_SYSREG(hcr_el2, hcr & ~(HCR_IMO | HCR_FMO | HCR_TGE));
	/* ~8 ms: EL1 reaches its WFI long before, even under a slow, logging QEMU */
	tval = READ_SYSREG(cntfrq_el0) >> 7;

	ctl = rt_lower_call(timer_el1_fn, tval);

	WRITE_SYSREG(hcr_el2, hcr);
	__asm__ volatile("dsb sy\n\tisb" ::: "memory");
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_CUR_SPX_IRQ,
	                        .el = 1,
	                        .esr_ignore = ~0ull,
	                        .elr = PROBE_UNMASK_ELR(timer, 0),
	                        .spsr = PROBE_UNMASK_SPSR(SPSR_I, SPSR_EL1H),
	                });
	probe_check("CNTP_CTL_EL0 when the wait ended (ISTATUS, ENABLE)", ctl & 7,
	            CNT_CTL_ISTATUS | CNT_CTL_ENABLE);
	probe_check("ICC_IAR1_EL1 in the handler", irq_iar, INTID_CNTP);
	probe_check("ICC_RPR_EL1 after the acknowledge", irq_rpr, GIC_PRIO_PPI);
	probe_check("CNTP_CTL_EL0 in the handler (ISTATUS, ENABLE)", irq_ctl & 7,
	            CNT_CTL_ISTATUS | CNT_CTL_ENABLE);
	GIC_CHECK_PPI_IDLE(INTID_CNTP, "after the EOI", "with IMASK 1");
	probe_check("ICC_HPPIR1_EL1 at the end", READ_SYSREG(icc_hppir1_el1), INTID_SPURIOUS);

	WRITE_SYSREG(cntp_ctl_el0, 0);
	gic_ppi_disable(INTID_CNTP);
	return probe_done("timer_el1_gic", 1);
}
