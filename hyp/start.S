/* SPDX-License-Identifier: MIT */
/*
 * Entry point of hyp.elf. The board starts us at EL2 (el2sim --el 2, QEMU
 * -M virt,virtualization=on) or at EL3 (el2sim --el 3, QEMU ...,secure=on);
 * at EL3 the monitor (monitor.S) sets up the Secure side and ERETs to
 * hyp_el2_entry, so from there on both paths are the same. X19 carries the
 * EL we were started at into hyp_main().
 */
#include "hyp_asm_defs.h"

	.section .text.boot, "ax"
	.globl	_start
	.type	_start, %function
_start:
	mrs	x0, CurrentEL
	ubfx	x0, x0, #2, #2			// CurrentEL.EL, bits [3:2]
	cmp	x0, #3
	b.eq	monitor_entry			// EL3: monitor.S, which comes back at EL2
	cmp	x0, #2
	b.ne	wrong_el
	mov	x19, #2
	/* fall through */

	/* At EL2, from reset or from the monitor (X19 = the EL we started at). */
	.globl	hyp_el2_entry
hyp_el2_entry:
	msr	daifset, #0xf			// hyp/ runs with every interrupt masked
	msr	spsel, #1			// SP_EL2, as exception entry uses
	ldr	x0, =hyp_stack_top
	mov	sp, x0
	mov	x29, #0
	mov	x30, #0
	/*
	 * SCTLR_EL2 (Arm ARM D19.2, HCR_EL2.E2H 0): the Armv8.0 RES1 bits
	 * 0x30c50830, MMU and caches off, SA 1 (SP alignment checked), EE 0;
	 * arch.h's SCTLR_EL2_RESET, through hyp_asm_defs.h.
	 * hyp/ runs with its MMU off: all its data accesses are Device-nGnRnE,
	 * so it makes only aligned accesses (-mstrict-align).
	 */
	ldr	x0, =SCTLR_EL2_RESET
	msr	sctlr_el2, x0
	adr	x0, hyp_vectors
	msr	vbar_el2, x0
	isb

	ldr	x0, =__bss_start		// 16-byte aligned by hyp.ld
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b

2:	mov	x0, x19
	bl	hyp_main			// does not return
	b	.
	.size	_start, . - _start

	/* Started at EL1 (or EL0): there is no EL2 to run in. Semihosting SYS_EXIT(2). */
wrong_el:
	adr	x1, wrong_el_block
	mov	x0, #0x18
	hlt	#0xf000
	b	wrong_el

	.section .rodata
	.balign	8
wrong_el_block:
	.quad	0x20026, 2			// ADP_Stopped_ApplicationExit, status 2
