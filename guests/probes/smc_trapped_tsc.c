/* SPDX-License-Identifier: MIT */
/*
 * Probe: with HCR_EL2.TSC 1, SMC at EL1 is trapped to EL2 (whether or not EL3
 * exists), vector Lower EL using AArch64, Synchronous (VBAR_EL2 + 0x400):
 * ESR.EC 0x17, IL 1, ISS[15:0] = imm; unlike an SMC that executes, the
 * preferred return address is the SMC itself (Arm ARM D1.? "Traps to EL2 of
 * SMC", AArch64.CheckForSMCUndefOrTrap).
 */
#include "probe.h"

extern const char el1_smc_insn[];
PROBE_LOWER_FN(el1_smc_fn, PROBE_NZCV_SET ".globl el1_smc_insn\n"
                                          "el1_smc_insn: smc #0x77");

int rt_exc_hook(struct rt_exc_frame *f)
{
	return probe_record_and_skip(f);
}

int main(void)
{
	probe_lower_call_hcr(HCR_TSC, el1_smc_fn);
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_LOWER64_SYNC,
	                        .el = 2,
	                        .esr = PROBE_ESR(0x17, 1, 0x77),
	                        .elr = (uint64_t)el1_smc_insn,
	                        .spsr = PROBE_NZCV | SPSR_DAIF | SPSR_EL1H,
	                });
	return probe_done("smc_trapped_tsc", 1);
}
