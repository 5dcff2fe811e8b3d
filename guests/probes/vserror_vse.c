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

#define SPSR_A    0x100ull
#define VSESR_ISS (1u << 24 | 0x1234u) /* IDS 1: an IMPLEMENTATION DEFINED syndrome */
#define VSESR_EL2 S3_4_C5_C2_3

extern const char vse_isb[], vse_after[];
PROBE_LOWER_FN(el1_vse_fn, PROBE_NZCV_SET "msr daifclr, #4\n"
                                          ".globl vse_isb\n"
                                          "vse_isb: isb\n"
                                          ".globl vse_after\n"
                                          "vse_after: nop");

int rt_exc_hook(struct rt_exc_frame *f)
{
	if (!probe_record(f))
		return 0;
	f->spsr |= SPSR_A;
	return 1;
}

#define STR_(x) #x
#define STR(x)  STR_(x)

int main(void)
{
	uint64_t hcr_after, elr;

	__asm__ volatile("msr " STR(VSESR_EL2) ", %0" : : "r"((uint64_t)VSESR_ISS));
	hcr_after = probe_lower_call_hcr(HCR_AMO | HCR_VSE, el1_vse_fn);
	elr = probe_seen[0].f.elr;
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_CUR_SPX_SERROR,
	                        .el = 1,
	                        .esr = PROBE_ESR(0x2f, 1, VSESR_ISS),
	                        .elr = elr == (uint64_t)vse_isb ? elr : (uint64_t)vse_after,
	                        .spsr = PROBE_NZCV | (SPSR_DAIF & ~SPSR_A) | SPSR_EL1H,
	                });
	probe_check("HCR_EL2.VSE after the vSError was taken", hcr_after & HCR_VSE, 0);
	return probe_done("vserror_vse", 1);
}
