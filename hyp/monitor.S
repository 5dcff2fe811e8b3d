/* SPDX-License-Identifier: MIT */
/*
 * A tiny EL3 monitor: what firmware (TF-A's BL31) does before it runs a
 * Non-secure hypervisor, reduced to the registers that decide where EL2
 * and its guests trap. Entered from _start when the board starts us at EL3;
 * ERETs to hyp_el2_entry at EL2h and is never entered again: SMC is
 * disabled (SCR_EL3.SMD), interrupts and SErrors stay below EL3, so every
 * slot of monitor_vectors is unexpected and reports (panic.c).
 */
#include "hyp_asm_defs.h"
#include "frame.inc"

/*
 * SCR_EL3 (Arm ARM D19.2 "SCR_EL3"):
 *   NS  [0]   1: EL2 and below are Non-secure
 *   IRQ [1], FIQ [2], EA [3]  0: interrupts and SErrors are not taken to EL3
 *   RES1 [5:4]
 *   SMD [7]   1: SMC is UNDEFINED at EL1 and above, except that
 *             HCR_EL2.TSC traps it from EL1 to EL2 first (the guests' PSCI over SMC)
 *   HCE [8]   1: HVC is enabled (the guests' hypercalls)
 *   RW  [10]  1: EL2 is AArch64
 */
#define SCR_EL3_VALUE	(0x1 | 0x30 | 0x80 | 0x100 | 0x400)
/* ICC_SRE_EL3 (IHI 0069H 12.2.17): SRE, DFB, DIB, Enable [3] lets EL2 use ICC_SRE_EL2. */
#define ICC_SRE_EL3_VALUE 0xf
/*
 * GICD_CTLR.DS [6] (IHI 0069H 12.9.4): one Security state, as el2sim's GIC
 * always has. GICD_BASE (hyp.h, gic.c's too) comes through hyp_asm_defs.h.
 */
#define GICD_CTLR_DS	0x40

	.text
	.globl	monitor_entry
	.type	monitor_entry, %function
monitor_entry:
	msr	daifset, #0xf
	msr	spsel, #1
	ldr	x0, =monitor_stack_top
	mov	sp, x0
	adr	x0, monitor_vectors
	msr	vbar_el3, x0
	mov	x0, #SCR_EL3_VALUE
	msr	scr_el3, x0
	msr	cptr_el3, xzr			// no FP/SIMD trap to EL3 (CPTR_EL2 traps it for hyp/)
	msr	mdcr_el3, xzr			// no debug or PMU traps to EL3
	mov	x0, #ICC_SRE_EL3_VALUE
	msr	icc_sre_el3, x0
	isb
	/* A Secure write (EL3 accesses are Secure): the GIC then has one Security state. */
	mov	x0, #GICD_BASE
	mov	w1, #GICD_CTLR_DS
	str	w1, [x0]
	dsb	sy

	/* SPSR_EL3 (C5.2): EL2h (M = 0b1001), D A I F masked; PSR_* of arch.h via hyp_asm_defs.h. */
	mov	x0, #SPSR_EL2h_DAIF
	msr	spsr_el3, x0
	adr	x0, hyp_el2_entry
	msr	elr_el3, x0
	mov	x19, #3				// hyp_main() reports the EL it started at
	isb
	eret
	.size	monitor_entry, . - monitor_entry

	/* EL3 vector table (Arm ARM D1.10.2): nothing is ever routed here. */
	.section .text.vectors, "ax"
	.balign	0x800
monitor_vectors:
	bad_slot 0, monitor_bad		// 0x000 Current EL with SP0, Synchronous
	bad_slot 1, monitor_bad		// 0x080 Current EL with SP0, IRQ
	bad_slot 2, monitor_bad		// 0x100 Current EL with SP0, FIQ
	bad_slot 3, monitor_bad		// 0x180 Current EL with SP0, SError
	bad_slot 4, monitor_bad		// 0x200 Current EL with SPx, Synchronous: the monitor's own bug
	bad_slot 5, monitor_bad		// 0x280 Current EL with SPx, IRQ
	bad_slot 6, monitor_bad		// 0x300 Current EL with SPx, FIQ
	bad_slot 7, monitor_bad		// 0x380 Current EL with SPx, SError
	bad_slot 8, monitor_bad		// 0x400 Lower EL using AArch64, Synchronous: SMC is disabled (SMD)
	bad_slot 9, monitor_bad		// 0x480 Lower EL using AArch64, IRQ: SCR_EL3.IRQ is 0
	bad_slot 10, monitor_bad	// 0x500 Lower EL using AArch64, FIQ: SCR_EL3.FIQ is 0
	bad_slot 11, monitor_bad	// 0x580 Lower EL using AArch64, SError: SCR_EL3.EA is 0
	bad_slot 12, monitor_bad	// 0x600 Lower EL using AArch32, Synchronous: EL2 is AArch64 (RW)
	bad_slot 13, monitor_bad	// 0x680 Lower EL using AArch32, IRQ
	bad_slot 14, monitor_bad	// 0x700 Lower EL using AArch32, FIQ
	bad_slot 15, monitor_bad	// 0x780 Lower EL using AArch32, SError

	.text
monitor_bad:				// X0 = slot, X0/X1 saved in the frame (frame.inc)
	bad_tail monitor_bad_vector	// panic.c: does not return
