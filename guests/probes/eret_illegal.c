/* SPDX-License-Identifier: MIT */
/*
 * Probe: an ERET whose SPSR.M names a higher EL than the current one is an
 * illegal exception return (Arm ARM D1.11.? "Illegal exception returns"):
 * PC = ELR, PSTATE.{EL, nRW, SPSel} unchanged, PSTATE.IL = 1, the other
 * PSTATE fields from SPSR. The next instruction then takes an Illegal
 * Execution state exception to the current EL: ESR.EC 0x0E, IL 1, ISS 0,
 * ELR that instruction, SPSR.IL 1, SPSR.NZCV/DAIF as the ERET restored them.
 */
#include "probe.h"

extern const char eret_target[];

/* N and V set, DAIF all masked, M = EL3h, above EL1. */
#define ERET_SPSR (0x90000000ull | SPSR_DAIF | SPSR_EL3H)

int rt_exc_hook(struct rt_exc_frame *f)
{
	if (!probe_record(f))
		return 0;
	f->spsr &= ~SPSR_IL; /* resume at the same instruction, now legal */
	return 1;
}

int main(void)
{
	unsigned int el = rt_current_el(); /* EL1: the probe writes ELR_EL1, SPSR_EL1 */

	__asm__ volatile("adr x10, eret_target\n\t"
	                 "msr elr_el1, x10\n\t"
	                 "msr spsr_el1, %0\n\t"
	                 "eret\n"
	                 ".globl eret_target\n"
	                 "eret_target: nop"
	                 :
	                 : "r"(ERET_SPSR)
	                 : "x10", "cc", "memory");
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_CUR_SPX_SYNC,
	                        .el = el,
	                        .esr = PROBE_ESR(0x0e, 1, 0),
	                        .elr = (uint64_t)eret_target,
	                        .spsr = 0x90000000ull | SPSR_IL | SPSR_DAIF | (el << 2 | 1),
	                });
	return probe_done("eret_illegal", 1);
}
