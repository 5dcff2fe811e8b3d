/* SPDX-License-Identifier: MIT */
/*
 * Probe: an exception taken to the current EL uses the vector for the stack
 * pointer in use when it was taken (Arm ARM D1.10.2 "Exception vectors"):
 * with PSTATE.SP 0 (SP_EL0) Current EL with SP0, Synchronous (VBAR + 0x000),
 * SPSR.M = ELxt; with PSTATE.SP 1 Current EL with SPx, Synchronous (VBAR +
 * 0x200), SPSR.M = ELxh. Either way the handler runs with SPSel 1.
 */
#include "probe.h"

extern const char spsel_brk0[], spsel_brk1[];

int rt_exc_hook(struct rt_exc_frame *f)
{
	return probe_record_and_skip(f);
}

int main(void)
{
	unsigned int el = rt_current_el();
	struct probe_want w = {
	        .slot = SLOT_CUR_SP0_SYNC,
	        .el = el,
	        .esr = PROBE_ESR(0x3c, 1, 0),
	        .elr = (uint64_t)spsel_brk0,
	        .spsr = PROBE_NZCV | SPSR_DAIF | el << 2,
	};

	/* SP_EL0 = the current SP, so the C stack is the same while SPSel is 0. */
	__asm__ volatile(PROBE_PSTATE_SET "mov x10, sp\n\t"
	                                  "msr sp_el0, x10\n\t"
	                                  "msr spsel, #0\n"
	                                  ".globl spsel_brk0\n"
	                                  "spsel_brk0: brk #0\n\t"
	                                  "msr spsel, #1\n\t" PROBE_PSTATE_SET ".globl spsel_brk1\n"
	                                  "spsel_brk1: brk #1"
	                 :
	                 :
	                 : "x9", "x10", "cc", "memory");
	probe_expect(0, &w);
	w.slot = SLOT_CUR_SPX_SYNC;
	w.esr = PROBE_ESR(0x3c, 1, 1);
	w.elr = (uint64_t)spsel_brk1;
	w.spsr |= 1;
	probe_expect(1, &w);
	return probe_done("spsel_vectors", 2);
}
