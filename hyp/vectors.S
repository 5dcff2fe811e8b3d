/* SPDX-License-Identifier: MIT */
/*
 * The EL2 vector table (Arm ARM D1.10.2 "Exception vectors"; laid out and
 * commented like Xen's xen/arch/arm/arm64/entry.S): 16 slots of 0x80 bytes,
 * 2 KiB aligned, in four groups by where the exception came from: the
 * current EL using SP_EL0, the current EL using SP_ELx, a lower EL using
 * AArch64, a lower EL using AArch32; each Synchronous, IRQ, FIQ, SError.
 *
 * hyp/ itself runs with SP_EL2 and every interrupt masked, and its guests
 * are AArch64 (HCR_EL2.RW), so only two slots are ever taken:
 *   0x400  a guest's synchronous exception (HVC, trapped SMC/WFx/sysreg, stage 2 abort)
 *   0x480  a physical IRQ while a guest runs (HCR_EL2.IMO routes it here)
 * Every other slot is a bug of hyp/ (or of the machine): it saves X0-X30 and
 * reports the slot, ESR_EL2, ELR_EL2, FAR_EL2, SPSR_EL2 (panic.c), then
 * stops with HYP_EXIT_BAD_VECTOR. None is silent.
 *
 * The guest half of the world switch is here: guest_exit saves X0-X30,
 * SP_EL0, ELR_EL2, SPSR_EL2 into the running vCPU (TPIDR_EL2 points at it),
 * C handles the exit and may make another vCPU current (sched.c, which also
 * switches the EL1 system registers, timer and vGIC: context.c), and
 * guest_return loads the same registers of whichever vCPU TPIDR_EL2 names
 * now and ERETs into it.
 */
#include "hyp_asm_defs.h"
#include "frame.inc"

	/* An exception we take from a guest: save its state, call \handler, return to a guest. */
	.macro	guest_slot handler
	.balign	0x80
	b	\handler
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	hyp_vectors
hyp_vectors:
	/* Current EL with SP_EL0: hyp/ never selects SP_EL0 (SPSel is 1 from start.S on). */
	bad_slot 0, hyp_bad	// 0x000 Synchronous
	bad_slot 1, hyp_bad	// 0x080 IRQ
	bad_slot 2, hyp_bad	// 0x100 FIQ
	bad_slot 3, hyp_bad	// 0x180 SError
	/* Current EL with SP_EL2: an exception in hyp/ itself. */
	bad_slot 4, hyp_bad	// 0x200 Synchronous: a fault or UNDEFINED instruction in hyp/
	bad_slot 5, hyp_bad	// 0x280 IRQ: hyp/ keeps PSTATE.I set, it polls IAR when idle
	bad_slot 6, hyp_bad	// 0x300 FIQ: no Group 0 interrupts are used
	bad_slot 7, hyp_bad	// 0x380 SError: hyp/ keeps PSTATE.A set
	/* Lower EL using AArch64: the guests. */
	guest_slot guest_sync	// 0x400 Synchronous: HVC, SMC (TSC), WFx (TWI/TWE), MRS (TID3), stage 2 aborts
	guest_slot guest_irq	// 0x480 IRQ: physical interrupts while a guest runs (IMO)
	bad_slot 10, hyp_bad	// 0x500 FIQ: FMO routes FIQs here, but none is configured
	bad_slot 11, hyp_bad	// 0x580 SError: AMO routes SErrors here; none is expected
	/* Lower EL using AArch32: HCR_EL2.RW makes EL1 AArch64, and the guests run no AArch32 EL0. */
	bad_slot 12, hyp_bad	// 0x600 Synchronous
	bad_slot 13, hyp_bad	// 0x680 IRQ
	bad_slot 14, hyp_bad	// 0x700 FIQ
	bad_slot 15, hyp_bad	// 0x780 SError

	.text
	/*
	 * Save the guest's general registers, SP_EL0, ELR_EL2 and SPSR_EL2 in
	 * the vCPU at TPIDR_EL2. X0 is parked on the stack while it holds the
	 * vCPU pointer.
	 */
	.macro	guest_save
	str	x0, [sp, #-16]!
	mrs	x0, tpidr_el2
	str	x1, [x0, #VCPU_X + 1 * 8]
	regs_2_29 stp, x0, VCPU_X
	str	x30, [x0, #VCPU_X + 30 * 8]
	ldr	x1, [sp], #16
	str	x1, [x0, #VCPU_X]
	mrs	x1, sp_el0
	str	x1, [x0, #VCPU_SP_EL0]
	mrs	x1, elr_el2
	mrs	x2, spsr_el2
	stp	x1, x2, [x0, #VCPU_PC]
	.endm

guest_sync:
	guest_save
	bl	hyp_guest_sync		// traps.c: one handler per exception class
	b	guest_return

guest_irq:
	guest_save
	bl	hyp_guest_irq		// traps.c: acknowledge, handle, EOI
	b	guest_return

	/* void guest_enter(struct vcpu *v): the first entry into a guest, on an empty stack. */
	.globl	guest_enter
	.type	guest_enter, %function
guest_enter:
	msr	tpidr_el2, x0
	ldr	x1, =hyp_stack_top
	mov	sp, x1
	/* fall through */

	/* Load the vCPU at TPIDR_EL2 (maybe not the one that exited) and ERET into it. */
guest_return:
	mrs	x0, tpidr_el2
	ldr	x1, [x0, #VCPU_SP_EL0]
	msr	sp_el0, x1
	ldp	x1, x2, [x0, #VCPU_PC]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	regs_2_29 ldp, x0, VCPU_X
	ldr	x30, [x0, #VCPU_X + 30 * 8]
	ldp	x0, x1, [x0, #VCPU_X]	// X0 last: it held the vCPU pointer
	eret
	.size	guest_enter, . - guest_enter

hyp_bad:				// X0 = slot, X0/X1 saved in the frame (frame.inc)
	bad_tail hyp_bad_vector		// panic.c: does not return
