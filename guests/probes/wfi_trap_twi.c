/* SPDX-License-Identifier: MIT */
/*
 * Probe: with HCR_EL2.TWI 1, WFI at EL1 is trapped to EL2, vector Lower EL
 * using AArch64, Synchronous (VBAR_EL2 + 0x400): ESR.EC 0x01, IL 1, ISS with
 * CV 1 and COND 0b1110 (always so from AArch64), TI 0b00 (WFI); ELR the WFI
 * itself (Arm ARM D19.2 ISS encoding for WFx; "Traps to EL2 of WFI").
 */
#include "probe.h"

#define ISS_WFI (1u << 24 | 0xeu << 20) /* CV, COND; TI 0 */

extern const char el1_wfi_insn[];
PROBE_LOWER_FN(el1_wfi_fn, PROBE_NZCV_SET ".globl el1_wfi_insn\n"
                                          "el1_wfi_insn: wfi");

int rt_exc_hook(struct rt_exc_frame *f)
{
	return probe_record_and_skip(f);
}

int main(void)
{
	probe_lower_call_hcr(HCR_TWI, el1_wfi_fn);
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_LOWER64_SYNC,
	                        .el = 2,
	                        .esr = PROBE_ESR(0x01, 1, ISS_WFI),
	                        .elr = (uint64_t)el1_wfi_insn,
	                        .spsr = PROBE_NZCV | SPSR_DAIF | SPSR_EL1H,
	                });
	return probe_done("wfi_trap_twi", 1);
}
