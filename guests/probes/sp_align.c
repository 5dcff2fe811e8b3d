/* SPDX-License-Identifier: MIT */
/*
 * Probe: at EL2 with SCTLR_EL2.SA set, a load whose base register is a SP that is
 * not 16-byte aligned takes an SP alignment fault: ESR.EC 0x26, IL 1, ISS 0,
 * ELR the load; FAR is not defined for it (Arm ARM D1.3.? "SP alignment
 * checking"). The misaligned SP is SP_EL0 (SPSel 0), so the exception, taken
 * on SP_ELx, lands in Current EL with SP0, Synchronous (VBAR + 0x000) with
 * SPSR.M = EL2t. The same load with SP aligned does not fault.
 * QEMU does not implement SP alignment checking (no qemu-suite run).
 */
#include "probe.h"

#define SCTLR_SA (1ull << 3)

extern const char sp_align_ldr[];
static uint64_t sp_buf[4] __attribute__((aligned(16)));

int rt_exc_hook(struct rt_exc_frame *f)
{
	return probe_record_and_skip(f);
}

/* One SP-based load with SP_EL0 = sp; the label marks the load. */
#define SP_LOAD(label, sp)                                                            \
	__asm__ volatile(PROBE_PSTATE_SET "msr sp_el0, %0\n\t"                        \
	                                  "msr spsel, #0\n" label "ldr x10, [sp]\n\t" \
	                                  "msr spsel, #1"                             \
	                 :                                                            \
	                 : "r"(sp)                                                    \
	                 : "x9", "x10", "cc", "memory")

int main(void)
{
	unsigned int el = rt_current_el(); /* EL2: the probe writes SCTLR_EL2 */

	WRITE_SYSREG(sctlr_el2, READ_SYSREG(sctlr_el2) | SCTLR_SA);
	SP_LOAD("", &sp_buf[0]);
	SP_LOAD(".globl sp_align_ldr\nsp_align_ldr: ", &sp_buf[1]);
	probe_expect(0, &(struct probe_want){
	                        .slot = SLOT_CUR_SP0_SYNC,
	                        .el = el,
	                        .esr = PROBE_ESR(0x26, 1, 0),
	                        .elr = (uint64_t)sp_align_ldr,
	                        .spsr = PROBE_NZCV | SPSR_DAIF | (el << 2),
	                });
	return probe_done("sp_align", 1);
}
