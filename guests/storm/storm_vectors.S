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
	/* x0 = &sym */
	.macro	adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
	.endm

	/* Slots the random code cannot reach: the runtime's same slot reports them. */
	.macro	report_slot n
	.balign	0x80
	b	rt_vectors + \n * 0x80
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
	report_slot 0		// 0x000 Current EL with SP0, Synchronous
	report_slot 1		// 0x080 Current EL with SP0, IRQ
	report_slot 2		// 0x100 Current EL with SP0, FIQ
	report_slot 3		// 0x180 Current EL with SP0, SError
	report_slot 4		// 0x200 Current EL with SPx, Synchronous
	report_slot 5		// 0x280 Current EL with SPx, IRQ
	report_slot 6		// 0x300 Current EL with SPx, FIQ
	report_slot 7		// 0x380 Current EL with SPx, SError
	// 0x400 Lower EL using AArch64, Synchronous
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	b	storm_sync
	eret_slot		// 0x480 Lower EL using AArch64, IRQ
	eret_slot		// 0x500 Lower EL using AArch64, FIQ
	eret_slot		// 0x580 Lower EL using AArch64, SError
	report_slot 12		// 0x600 Lower EL using AArch32, Synchronous
	report_slot 13		// 0x680 Lower EL using AArch32, IRQ
	report_slot 14		// 0x700 Lower EL using AArch32, FIQ
	report_slot 15		// 0x780 Lower EL using AArch32, SError

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
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x29, [x0, #224]
	str	x30, [x0, #240]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0]
	adr_l	x0, storm_ctx		// back into storm_enter()'s caller
	ldp	x19, x20, [x0]
	ldp	x21, x22, [x0, #16]
	ldp	x23, x24, [x0, #32]
	ldp	x25, x26, [x0, #48]
	ldp	x27, x28, [x0, #64]
	ldp	x29, x30, [x0, #80]
	ldr	x1, [x0, #96]
	mov	sp, x1
	ret

	/* void storm_enter(const uint64_t regs[31], uint64_t pc, uint64_t spsr) */
	.globl	storm_enter
	.type	storm_enter, %function
storm_enter:
	adr_l	x9, storm_ctx
	stp	x19, x20, [x9]
	stp	x21, x22, [x9, #16]
	stp	x23, x24, [x9, #32]
	stp	x25, x26, [x9, #48]
	stp	x27, x28, [x9, #64]
	stp	x29, x30, [x9, #80]
	mov	x10, sp
	str	x10, [x9, #96]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldp	x28, x29, [x0, #224]
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
