/* SPDX-License-Identifier: MIT */
/*
 * Probe: SVC #imm at EL0 is a Supervisor Call taken to EL1 (HCR_EL2.TGE 0 or
 * no EL2), vector Lower EL using AArch64, Synchronous (VBAR_EL1 + 0x400):
 * ESR.EC 0x15, IL 1, ISS[15:0] = imm; ELR the instruction after the SVC;
 * SPSR.M = EL0t (Arm ARM D1.10, C6.2 "SVC").
 */
#include "probe.h"

extern const char el0_svc_insn[];
PROBE_LOWER_FN(el0_svc_fn, PROBE_NZCV_SET ".globl el0_svc_insn\n"
                                          "el0_svc_insn: svc #0x123");

int rt_exc_hook(struct rt_exc_frame *f)
{
	return probe_record(f) != NULL;
}

int main(void)
{
	rt_lower_call(el0_svc_fn, 0);
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_LOWER64_SYNC,
	                        .el = 1,
	                        .esr = PROBE_ESR(0x15, 1, 0x123),
	                        .elr = (uint64_t)el0_svc_insn + 4,
	                        .spsr = PROBE_NZCV | SPSR_DAIF | SPSR_EL0T,
	                });
	return probe_done("svc_from_el0", 1);
}
