/* SPDX-License-Identifier: MIT */
/*
 * Entry point of every guest. Works when entered at EL1, EL2 or EL3 with the
 * MMU off: picks SP_ELx, points SP at the stack in .bss, installs rt_vectors
 * in VBAR_ELx of the current EL, zeroes .bss, calls main() and passes its
 * return value to rt_exit() (semihosting SYS_EXIT).
 */
	.section .text.boot, "ax"
	.globl	_start
	.type	_start, %function
_start:
	msr	spsel, #1		// use SP_ELx, as exception entry will
	ldr	x0, =__stack_top
	mov	sp, x0
	mov	x29, #0			// terminate frame-pointer chains
	mov	x30, #0

	adr	x1, rt_vectors
	mrs	x0, CurrentEL
	ubfx	x0, x0, #2, #2		// CurrentEL.EL, bits [3:2]
	cmp	x0, #3
	b.eq	3f
	cmp	x0, #2
	b.eq	2f
	msr	vbar_el1, x1
	b	4f
2:	msr	vbar_el2, x1
	b	4f
3:	msr	vbar_el3, x1
4:	isb

	ldr	x0, =__bss_start	// both 16-byte aligned by guest.ld
	ldr	x1, =__bss_end
5:	cmp	x0, x1
	b.hs	6f
	stp	xzr, xzr, [x0], #16
	b	5b

6:	bl	main
	bl	rt_exit			// x0 = main's return value; does not return
	.size	_start, . - _start
