/* SPDX-License-Identifier: MIT */
/*
 * Probe: from EL3, with SCR_EL3.NS 1, RW 1 and HCE 1, an ERET with SPSR.M
 * EL2h enters Non-secure EL2 (CurrentEL.EL 2). There HVC #imm is taken to
 * EL2 itself, Current EL with SPx, Synchronous (VBAR_EL2 + 0x200), ESR.EC
 * 0x16, ELR after the HVC; SMC #imm (SCR_EL3.SMD 0) goes back up to EL3,
 * Lower EL using AArch64, Synchronous (VBAR_EL3 + 0x400), ESR.EC 0x17, ELR
 * after the SMC, SPSR.M EL2h (Arm ARM C6.2 "HVC", "SMC"; D1.11 "Exception
 * return").
 */
#include "probe.h"

extern const char el2_hvc_insn[], el2_smc_insn[];
PROBE_LOWER_FN(el2_fn, PROBE_NZCV_SET ".globl el2_hvc_insn\n"
                                      "el2_hvc_insn: hvc #0x11\n"
                                      ".globl el2_smc_insn\n"
                                      "el2_smc_insn: smc #0x22\n\t"
                                      "mrs x0, CurrentEL");

int rt_exc_hook(struct rt_exc_frame *f)
{
	return probe_record(f) != NULL;
}

int main(void)
{
	uint64_t current_el;
	struct probe_want w = {
	        .slot = SLOT_CUR_SPX_SYNC,
	        .el = 2,
	        .esr = PROBE_ESR(0x16, 1, 0x11),
	        .elr = (uint64_t)el2_hvc_insn + 4,
	        .spsr = PROBE_NZCV | SPSR_DAIF | SPSR_EL2H,
	};

	WRITE_SYSREG(scr_el3, SCR_NS | SCR_RES1 | SCR_HCE | SCR_RW);
	current_el = rt_lower_call(el2_fn, 0);
	probe_check("CurrentEL after the ERET", current_el, 2 << 2);
	probe_expect(0, &w);
	w.slot = SLOT_LOWER64_SYNC;
	w.el = 3;
	w.esr = PROBE_ESR(0x17, 1, 0x22);
	w.elr = (uint64_t)el2_smc_insn + 4;
	probe_expect(1, &w);
	return probe_done("el3_to_el2_drop", 2);
}
