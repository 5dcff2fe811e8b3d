/* SPDX-License-Identifier: MIT */
/*
 * The runtime's exception vector table (Arm ARM D1.10.2, "Exception
 * vectors"): 16 slots of 0x80 bytes, 2 KiB aligned, shared by EL1, EL2 and
 * EL3. No slot is silent: each saves X0-X30 in a struct rt_exc_frame on the
 * stack and calls rt_exc_dispatch(slot, frame), which either lets the guest's
 * rt_exc_hook() handle it (then we return here and ERET) or reports the slot,
 * ESR, ELR and FAR and exits with RT_EXIT_UNEXPECTED_EXC.
 */
#include "rt_asm_defs.h"

	.include "regs.inc"		// xreg_pairs

	.macro	vector_slot n
	.balign	0x80
	sub	sp, sp, #RT_FRAME_SIZE
	stp	x0, x1, [sp, #RT_FRAME_X]
	mov	x0, #\n
	b	rt_exc_common
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	rt_vectors
rt_vectors:
	// 0x000 Current EL with SP0, Synchronous
	vector_slot 0
	// 0x080 Current EL with SP0, IRQ
	vector_slot 1
	// 0x100 Current EL with SP0, FIQ
	vector_slot 2
	// 0x180 Current EL with SP0, SError
	vector_slot 3
	// 0x200 Current EL with SPx, Synchronous
	vector_slot 4
	// 0x280 Current EL with SPx, IRQ
	vector_slot 5
	// 0x300 Current EL with SPx, FIQ
	vector_slot 6
	// 0x380 Current EL with SPx, SError
	vector_slot 7
	// 0x400 Lower EL using AArch64, Synchronous
	vector_slot 8
	// 0x480 Lower EL using AArch64, IRQ
	vector_slot 9
	// 0x500 Lower EL using AArch64, FIQ
	vector_slot 10
	// 0x580 Lower EL using AArch64, SError
	vector_slot 11
	// 0x600 Lower EL using AArch32, Synchronous
	vector_slot 12
	// 0x680 Lower EL using AArch32, IRQ
	vector_slot 13
	// 0x700 Lower EL using AArch32, FIQ
	vector_slot 14
	// 0x780 Lower EL using AArch32, SError
	vector_slot 15

	.text
	.type	rt_exc_common, %function
rt_exc_common:				// x0 = slot, X0/X1 already saved
	xreg_pairs stp, sp, 2, 29, RT_FRAME_X	// X2-X29 in frame->x[]
	str	x30, [sp, #RT_FRAME_X + 30 * 8]
	mov	x1, sp
	bl	rt_exc_dispatch		// returns only if the hook handled it
	xreg_pairs ldp, sp, 0, 29, RT_FRAME_X
	ldr	x30, [sp, #RT_FRAME_X + 30 * 8]
	add	sp, sp, #RT_FRAME_SIZE
	eret
	.size	rt_exc_common, . - rt_exc_common
