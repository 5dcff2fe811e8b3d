/* SPDX-License-Identifier: MIT */
/*
 * Probe: with HCR_EL2.AMO 1 and HCR_EL2.VSE 1, a virtual SError is pending
 * for EL1 and is taken there once EL1 unmasks PSTATE.A: vector Current EL
 * with SPx, SError (VBAR_EL1 + 0x380), ESR.EC 0x2F, IL 1, ISS = VSESR_EL2
 * {IDS, ISS} (FEAT_RAS, AArch64.TakeVirtualSErrorException), ELR the ISB
 * after MSR DAIFClr or the instruction after it, SPSR.A 0; taking it clears
 * HCR_EL2.VSE (Arm ARM D19.2 HCR_EL2.VSE).
 */
#include "probe.h"

#define VSESR_ISS (1u << 24 | 0x1234u) /* IDS 1: an IMPLEMENTATION DEFINED syndrome */

PROBE_UNMASK_LABELS(vse);
PROBE_LOWER_FN(el1_vse_fn, PROBE_UNMASK_TAIL(vse, 4));

int rt_exc_hook(struct rt_exc_frame *f)
{
	return probe_record_and_mask(f, SPSR_A);
}

int main(void)
{
	uint64_t hcr_after;

	/* VSESR_EL2 by its encoding (not every assembler knows FEAT_RAS names). */
	WRITE_SYSREG_NOSYNC(S3_4_C5_C2_3, VSESR_ISS); /* probe_lower_call_hcr() has the ISB */
	hcr_after = probe_lower_call_hcr(HCR_AMO | HCR_VSE, el1_vse_fn);
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_CUR_SPX_SERROR,
	                        .el = 1,
	                        .esr = PROBE_ESR(0x2f, 1, VSESR_ISS),
	                        .elr = PROBE_UNMASK_ELR(vse, 0),
	                        .spsr = PROBE_UNMASK_SPSR(SPSR_A, SPSR_EL1H),
	                });
	probe_check("HCR_EL2.VSE after the vSError was taken", hcr_after & HCR_VSE, 0);
	return probe_done("vserror_vse", 1);
}
