/* SPDX-License-Identifier: MIT */
/*
 * Probe: with the MMU off, a load and a store to a physical address where
 * nothing is mapped (0x0900_8000, a hole between the virt board's PL011 and
 * its RTC) are synchronous External aborts: Data Abort from the current EL,
 * ESR.EC 0x25, IL 1, DFSC 0b010000, WnR 0 for the load and 1 for the store,
 * ISV 0 (not a stage 2 abort), FnV 0 and FAR the address; ELR is the access
 * (Arm ARM D19.2 ESR_ELx ISS encoding for a Data Abort). EA [9] is
 * IMPLEMENTATION DEFINED and SET [12:11] classifies the error, so neither is
 * compared.
 */
#include "probe.h"

#define HOLE       0x09008000ull
#define DFSC_SEA   0x10u
#define ISS_WNR    (1u << 6)
#define ISS_IGNORE (1ull << 9 | 3ull << 11) /* EA, SET */

extern const char dabt_ldr[], dabt_str[];

int rt_exc_hook(struct rt_exc_frame *f)
{
	return probe_record_and_skip(f);
}

int main(void)
{
	unsigned int el = rt_current_el();
	struct probe_want w = {
	        .slot = SLOT_CUR_SPX_SYNC,
	        .el = el,
	        .esr = PROBE_ESR(0x25, 1, DFSC_SEA),
	        .esr_ignore = ISS_IGNORE,
	        .elr = (uint64_t)dabt_ldr,
	        .spsr = PROBE_NZCV | SPSR_DAIF | (el << 2 | 1),
	        .far_valid = 1,
	        .far = HOLE,
	};

	__asm__ volatile(PROBE_PSTATE_SET ".globl dabt_ldr\n"
	                                  "dabt_ldr: ldr w10, [%0]\n\t" PROBE_PSTATE_SET
	                                  ".globl dabt_str\n"
	                                  "dabt_str: str w10, [%0]"
	                 :
	                 : "r"(HOLE)
	                 : "x9", "x10", "cc", "memory");
	probe_expect(0, &w);
	w.esr |= ISS_WNR;
	w.elr = (uint64_t)dabt_str;
	probe_expect(1, &w);
	return probe_done("data_abort_unmapped", 2);
}
