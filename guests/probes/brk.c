/* SPDX-License-Identifier: MIT */
/*
 * Probe: BRK #imm at the current EL is a Breakpoint Instruction exception
 * taken to the same EL (Current EL with SPx, Synchronous, VBAR + 0x200):
 * ESR.EC 0x3C, IL 1, ISS[15:0] = the immediate; the preferred return address
 * is the BRK itself (Arm ARM D2.9? "Breakpoint instruction exceptions").
 */
#include "probe.h"

extern const char brk_insn[];

int rt_exc_hook(struct rt_exc_frame *f)
{
	return probe_record_and_skip(f);
}

int main(void)
{
	unsigned int el = rt_current_el();

	__asm__ volatile(PROBE_PSTATE_SET ".globl brk_insn\n"
	                                  "brk_insn: brk #0x3c5"
	                 :
	                 :
	                 : "x9", "cc", "memory");
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_CUR_SPX_SYNC,
	                        .el = el,
	                        .esr = PROBE_ESR(0x3c, 1, 0x3c5),
	                        .elr = (uint64_t)brk_insn,
	                        .spsr = PROBE_NZCV | SPSR_DAIF | (el << 2 | 1),
	                });
	return probe_done("brk", 1);
}
