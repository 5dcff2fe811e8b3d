/* SPDX-License-Identifier: MIT */
/*
 * Offsets the assembly needs, generated from the C structs (Bao's asm_defs.c,
 * Linux's asm-offsets), and the constants it shares with C: compiled with -S
 * only, gen-asm-defs.sh turns every "->NAME value" line into "#define NAME
 * value". Never type an offset or a shared constant by hand.
 */
#include <stddef.h>

#include "hyp.h"
#include "panic.h"

#define DEFINE(sym, val) __asm__ volatile("\n->" #sym " %0" : : "i"(val))

void hyp_asm_defs(void);

void hyp_asm_defs(void)
{
	DEFINE(VCPU_X, offsetof(struct vcpu, regs.x));
	DEFINE(VCPU_SP_EL0, offsetof(struct vcpu, regs.sp_el0));
	DEFINE(VCPU_PC, offsetof(struct vcpu, regs.pc));
	DEFINE(VCPU_PSTATE, offsetof(struct vcpu, regs.pstate));
	DEFINE(HYP_FRAME_SIZE, sizeof(struct hyp_frame));
	DEFINE(HYP_FRAME_X, offsetof(struct hyp_frame, x));

	/* Values the assembly writes to registers, from the one place C defines them too. */
	DEFINE(SCTLR_EL2_RESET, SCTLR_EL2_RESET);    /* start.S */
	DEFINE(SPSR_EL2h_DAIF, PSR_EL2h | PSR_DAIF); /* monitor.S: its ERET to hyp_el2_entry */
	DEFINE(GICD_BASE, GICD_BASE);                /* monitor.S: GICD_CTLR.DS */
}

/* vectors.S loads and stores ELR/SPSR as one pair. */
_Static_assert(offsetof(struct vcpu, regs.pstate) == offsetof(struct vcpu, regs.pc) + 8,
               "pc and pstate must be adjacent");
_Static_assert(sizeof(struct hyp_frame) % 16 == 0, "the frame keeps SP 16-byte aligned");
