/* SPDX-License-Identifier: MIT */
/*
 * Probe: HVC #imm at EL1 (HCR_EL2.HCD 0, no EL3) is a Hypervisor Call taken
 * to EL2, vector Lower EL using AArch64, Synchronous (VBAR_EL2 + 0x400):
 * ESR.EC 0x16, IL 1, ISS[15:0] = imm; ELR the instruction after the HVC;
 * SPSR.M = EL1h (Arm ARM C6.2 "HVC").
 */
#include "probe.h"

extern const char el1_hvc_insn[];
PROBE_LOWER_FN(el1_hvc_fn, PROBE_NZCV_SET ".globl el1_hvc_insn\n"
                                          "el1_hvc_insn: hvc #0x4a2");

int rt_exc_hook(struct rt_exc_frame *f)
{
	return probe_record(f) != NULL;
}

int main(void)
{
	rt_lower_call(el1_hvc_fn, 0);
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_LOWER64_SYNC,
	                        .el = 2,
	                        .esr = PROBE_ESR(0x16, 1, 0x4a2),
	                        .elr = (uint64_t)el1_hvc_insn + 4,
	                        .spsr = PROBE_NZCV | SPSR_DAIF | SPSR_EL1H,
	                });
	return probe_done("hvc_to_el2", 1);
}
