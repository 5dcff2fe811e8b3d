/* SPDX-License-Identifier: MIT */
/*
 * Running a function at a lower EL (lower.c): rt_lower_enter() saves the
 * caller's callee-saved registers, SP and DAIF, and ERETs to the function
 * (ELR/SPSR already set) with X30 pointing at a return stub; the stub's
 * SVC/HVC/SMC comes back through the vectors, and rt_exc_dispatch() calls
 * rt_lower_resume(), which restores the caller's state and returns from
 * rt_lower_enter() with the function's X0.
 */
#define RT_LOWER_RETURN_IMM 0xfe7e	/* also in lower.c */

	.include "regs.inc"		// callee_saved: X19-X30 at ctx[0..11]

	.text
	/* uint64_t rt_lower_enter(uint64_t ctx[14], uint64_t arg, uint64_t stub) */
	.globl	rt_lower_enter
	.type	rt_lower_enter, %function
rt_lower_enter:
	callee_saved stp, x0
	mov	x9, sp
	mrs	x10, daif
	stp	x9, x10, [x0, #96]
	mov	x0, x1
	mov	x30, x2
	isb
	eret
	.size	rt_lower_enter, . - rt_lower_enter

	/* void rt_lower_resume(const uint64_t ctx[14], uint64_t ret): noreturn */
	.globl	rt_lower_resume
	.type	rt_lower_resume, %function
rt_lower_resume:
	callee_saved ldp, x0
	ldp	x9, x10, [x0, #96]
	mov	sp, x9
	msr	daif, x10
	mov	x0, x1
	ret
	.size	rt_lower_resume, . - rt_lower_resume

	/* The lower function returns here: one stub per caller EL. */
	.macro	lower_stub name, insn
	.globl	\name
	.type	\name, %function
\name:
	\insn	#RT_LOWER_RETURN_IMM
	b	.			// never resumed
	.size	\name, . - \name
	.endm

	lower_stub rt_lower_ret_svc, svc	// EL0 -> EL1
	lower_stub rt_lower_ret_hvc, hvc	// EL1 -> EL2
	lower_stub rt_lower_ret_smc, smc	// EL2 -> EL3
