/* SPDX-License-Identifier: MIT */
/*
 * The storm's EL2 side (storm.c): storm_enter() drops to EL1 into the random
 * code, and storm_vectors, installed in VBAR_EL2 for the duration, takes
 * every exception from it and moves on (Arm ARM D1.10.2, "Exception
 * vectors"). Only X0 and X1 are used, saved on SP_EL2, which EL1 cannot
 * reach; the random code's NZCV lives in SPSR_EL2 meanwhile.
 *
 * The random code only ever moves forward (storm.c rewrites every branch),
 * so each exception resumes after the instruction that took it:
 *
 * - ELR_EL2 in the code buffer: the instruction trapped or faulted to EL2
 *   (ELR_EL2 += 4);
 * - ELR_EL2 below it: EL1 took an exception of its own and the fetch from
 *   its vector table (VBAR_EL1 = 0, not mapped at stage 2) faulted to EL2;
 *   resume where EL1's exception would have returned to, plus 4, with EL1's
 *   PSTATE (ELR_EL1, SPSR_EL1);
 * - ELR_EL2 at or past the end, or ELR_EL1 outside the buffer (a virtual
 *   interrupt is taken before the fetch at the end that would fault): the
 *   round is over. The random code's X0-X30 go to storm_final[] and storm_enter()
 *   returns to its caller.
 */
	.include "regs.inc"		// fwd_slots, xreg_pairs, callee_saved

	/* x0 = &sym */
	.macro	adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
	.endm

	/* Lower EL, asynchronous: nothing to skip (no interrupt line stays raised). */
	.macro	eret_slot
	.balign	0x80
	eret
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	storm_vectors
storm_vectors:
	// 0x000-0x380 Current EL with SP0, SPx: the random code cannot reach
	// them, so the runtime's same slots report them
	fwd_slots 0, 8
	// 0x400 Lower EL using AArch64, Synchronous
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	b	storm_sync
	eret_slot		// 0x480 Lower EL using AArch64, IRQ
	eret_slot		// 0x500 Lower EL using AArch64, FIQ
	eret_slot		// 0x580 Lower EL using AArch64, SError
	fwd_slots 12, 16	// 0x600-0x780 Lower EL using AArch32: reported

	.text
storm_sync:
	adr_l	x1, storm_nexc
	ldr	x0, [x1]
	add	x0, x0, #1
	str	x0, [x1]
	mrs	x0, elr_el2
	adr_l	x1, storm_code_end
	ldr	x1, [x1]
	cmp	x0, x1
	b.hs	storm_done
	adr_l	x1, storm_code
	cmp	x0, x1
	b.lo	1f
	add	x0, x0, #4		// trapped to EL2: skip it
	msr	elr_el2, x0
	ldp	x0, x1, [sp], #16
	eret

1:	mrs	x0, elr_el1		// EL1's own exception: skip what took it
	adr_l	x1, storm_code
	cmp	x0, x1
	b.lo	storm_done
	adr_l	x1, storm_code_end	// an interrupt can come before the fetch
	ldr	x1, [x1]		// that would have faulted at the end
	cmp	x0, x1
	b.hs	storm_done
	add	x0, x0, #4
	msr	elr_el2, x0
	mrs	x0, spsr_el1
	msr	spsr_el2, x0
	ldp	x0, x1, [sp], #16
	eret

storm_done:
	adr_l	x0, storm_final
	xreg_pairs stp, x0, 2, 29	// X2-X29 in storm_final[2..29]
	str	x30, [x0, #240]
	ldp	x2, x3, [sp], #16	// X0, X1 as the slot saved them
	stp	x2, x3, [x0]
	adr_l	x0, storm_ctx		// back into storm_enter()'s caller
	callee_saved ldp, x0
	ldr	x1, [x0, #96]
	mov	sp, x1
	ret

	/* void storm_enter(const uint64_t regs[31], uint64_t pc, uint64_t spsr) */
	.globl	storm_enter
	.type	storm_enter, %function
storm_enter:
	adr_l	x9, storm_ctx		// X19-X30 and SP, for storm_done
	callee_saved stp, x9
	mov	x10, sp
	str	x10, [x9, #96]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	xreg_pairs ldp, x0, 2, 29	// X2-X29 from regs[2..29]
	ldr	x30, [x0, #240]
	ldr	x1, [x0, #8]
	ldr	x0, [x0]
	isb
	eret
	.size	storm_enter, . - storm_enter

	.bss
	.balign	16
storm_ctx:
	.skip	13 * 8
