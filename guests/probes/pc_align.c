/* SPDX-License-Identifier: MIT */
/*
 * Probe: BR to an address with bits [1:0] != 0 takes a PC alignment fault
 * when the misaligned PC is fetched: ESR.EC 0x22, IL 1, ISS 0, and both
 * ELR_ELx and FAR_ELx hold the misaligned PC (Arm ARM D1.3.? "PC alignment
 * checking"), to the same EL, Current EL with SPx, Synchronous.
 */
#include "probe.h"

extern const char pc_align_target[];

int rt_exc_hook(struct rt_exc_frame *f)
{
	if (!probe_record(f))
		return 0;
	f->elr &= ~3ull; /* resume at the aligned target */
	return 1;
}

int main(void)
{
	unsigned int el = rt_current_el();
	uint64_t bad = (uint64_t)pc_align_target + 2;

	__asm__ volatile(PROBE_PSTATE_SET "adr x10, pc_align_target\n\t"
	                                  "add x10, x10, #2\n\t"
	                                  "br x10\n"
	                                  ".globl pc_align_target\n"
	                                  "pc_align_target: nop"
	                 :
	                 :
	                 : "x9", "x10", "cc", "memory");
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_CUR_SPX_SYNC,
	                        .el = el,
	                        .esr = PROBE_ESR(0x22, 1, 0),
	                        .elr = bad,
	                        .spsr = PROBE_NZCV | SPSR_DAIF | (el << 2 | 1),
	                        .far_valid = 1,
	                        .far = bad,
	                });
	return probe_done("pc_align", 1);
}
