/* SPDX-License-Identifier: MIT */
/*
 * Probe: with HCR_EL2.IMO 1 and HCR_EL2.VI 1, a virtual IRQ is pending for
 * EL1 and is taken there as soon as EL1 unmasks PSTATE.I: vector Current EL
 * with SPx, IRQ (VBAR_EL1 + 0x280), ELR the next instruction not executed,
 * SPSR.I 0 as at the time (Arm ARM D1.4.? "Virtual interrupts"). The ISB
 * after MSR DAIFClr makes it taken at the latest before the instruction
 * after the ISB, so ELR is the ISB or that instruction. ESR is UNKNOWN for
 * an IRQ. The EL1 handler returns with PSTATE.I set, as it cannot clear VI.
 */
#include "probe.h"

PROBE_UNMASK_LABELS(virq);
PROBE_LOWER_FN(el1_virq_fn, PROBE_UNMASK_TAIL(virq, 2));

int rt_exc_hook(struct rt_exc_frame *f)
{
	return probe_record_and_mask(f, SPSR_I);
}

int main(void)
{
	probe_lower_call_hcr(HCR_IMO | HCR_VI, el1_virq_fn);
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_CUR_SPX_IRQ,
	                        .el = 1,
	                        .esr_ignore = ~0ull,
	                        .elr = PROBE_UNMASK_ELR(virq, 0),
	                        .spsr = PROBE_UNMASK_SPSR(SPSR_I, SPSR_EL1H),
	                });
	return probe_done("virq_hcr_vi", 1);
}
