/* SPDX-License-Identifier: MIT */
/*
 * Timer interrupts for bench/: the EL2 physical timer (CNTHP, PPI INTID 26)
 * fires every TIMER_STEP ticks through the GICv3 while EL1 spins, and EL2
 * takes each IRQ (HCR_EL2.IMO 1), acknowledges it, moves the compare value
 * on by TIMER_STEP, ends it and ERETs: a hypervisor's time-slice tick, at a
 * rate high enough that the interrupt path dominates. Started at EL2; after
 * TIMER_IRQS interrupts the handler disables the timer and EL1 returns.
 *
 * From the Arm ARM (DDI 0487):
 * - D11 "The Generic Timer in AArch64 state": the timer condition is met
 *   when CNTPCT - CNTHP_CVAL_EL2 >= 0; with CNTHP_CTL_EL2.ENABLE 1 and
 *   IMASK 0 the timer asserts its interrupt, a level (falls when CVAL moves
 *   past the count or the timer is disabled).
 * - D1 "Asynchronous exception routing": HCR_EL2.IMO 1 routes physical IRQs
 *   to EL2; taken from EL1 whatever EL1's PSTATE.I (rt_lower_call() masks
 *   it), to VBAR_EL2 + 0x480 (lower EL using AArch64, IRQ).
 * and from the GICv3 spec (IHI 0069H): the PPI is set up as in the GIC
 * probes (guests/probes/gic.h: Group 1, priority 0xa0, enabled in the
 * redistributor); ICC_IAR1_EL1 returns its INTID and makes it active;
 * ICC_EOIR1_EL1 with ICC_CTLR_EL1.EOImode 0 drops the priority and
 * deactivates it. A level-sensitive interrupt whose line is still high at
 * that point (CVAL still not ahead of the count: the simulator is behind)
 * becomes pending again and is taken as soon as the ERET unmasks it.
 *
 * TIMER_STEP is small: on el2sim (counter = instruction count, 100 MHz) an
 * interrupt every 32 instructions; on QEMU (counter in real time, 62.5 MHz)
 * one every 0.5 us, faster than it can take them, so both run flat out.
 */
#include "../probes/gic.h"
#include "bench_vectors.h"

#define TIMER_IRQS 500000
#define TIMER_STEP 32
#define XSTR(x)    STR(x)
#define STR(x)     #x

uint64_t timer_irqs;  /* counted by the EL2 handler */
uint64_t timer_other; /* INTIDs other than 26 (spurious 1023 included) */

/* The constants above, as assembler symbols for the handler below. */
__asm__(".equ TIMER_STEP, " XSTR(TIMER_STEP) "\n.equ TIMER_IRQS, " XSTR(TIMER_IRQS));

/*
 * VBAR_EL2 table: slot 0x480 (lower EL, AArch64, IRQ) handles the timer;
 * every other slot goes on to rt_vectors' same slot.
 */
BENCH_VECTORS(timer_vectors, 9,
              "stp x0, x1, [sp, #-16]!\n"
              "mrs x0, icc_iar1_el1\n" /* acknowledge: the INTID, now active */
              "cmp x0, #26\n"
              "b.ne 2f\n"
              "mrs x1, cnthp_cval_el2\n"
              "add x1, x1, #TIMER_STEP\n"
              "msr cnthp_cval_el2, x1\n"
              "isb\n" /* the line falls (if CVAL is ahead) before the EOI */
              "msr icc_eoir1_el1, x0\n"
              "adrp x0, timer_irqs\n"
              "ldr x1, [x0, #:lo12:timer_irqs]\n"
              "add x1, x1, #1\n"
              "str x1, [x0, #:lo12:timer_irqs]\n"
              "movz x0, #(TIMER_IRQS & 0xffff)\n"
              "movk x0, #(TIMER_IRQS >> 16), lsl #16\n"
              "cmp x1, x0\n"
              "b.lo 1f\n"
              "msr cnthp_ctl_el2, xzr\n" /* the last one: timer off, line low */
              "isb\n"
              "1: ldp x0, x1, [sp], #16\n"
              "eret\n"
              /* not the timer: end it (unless spurious, 1023), count it, return */
              "2: cmp x0, #1023\n"
              "b.eq 3f\n"
              "msr icc_eoir1_el1, x0\n"
              "3: adrp x0, timer_other\n"
              "ldr x1, [x0, #:lo12:timer_other]\n"
              "add x1, x1, #1\n"
              "str x1, [x0, #:lo12:timer_other]\n"
              "ldp x0, x1, [sp], #16\n"
              "eret\n");

/* At EL1: spin until EL2 has counted n interrupts. */
static uint64_t el1_spin(uint64_t n)
{
	uint64_t spins = 0;

	while (*(volatile uint64_t *)&timer_irqs < n)
		spins++;
	return spins;
}

int main(void)
{
	uint64_t hcr = READ_SYSREG(hcr_el2);

	if (rt_current_el() != 2) {
		rt_printf("timer_loop: start me at EL2\n");
		return 1;
	}
	gic_init();
	gic_ppi_enable(INTID_CNTHP, GIC_PRIO_PPI);
	if (probe_fails)
		return 1;
	WRITE_SYSREG(vbar_el2, timer_vectors);
	WRITE_SYSREG(hcr_el2, (hcr | HCR_IMO) & ~HCR_TGE);
	WRITE_SYSREG(cnthp_cval_el2, READ_SYSREG(cntpct_el0) + TIMER_STEP);
	WRITE_SYSREG(cnthp_ctl_el2, CNT_CTL_ENABLE);

	rt_lower_call(el1_spin, TIMER_IRQS);

	WRITE_SYSREG(cnthp_ctl_el2, 0);
	WRITE_SYSREG(hcr_el2, hcr);
	gic_ppi_disable(INTID_CNTHP);
	rt_printf("timer_loop: %d CNTHP interrupts (INTID %d) taken from EL1 to EL2\n", TIMER_IRQS,
	          INTID_CNTHP);
	if (timer_irqs != TIMER_IRQS) {
		rt_printf("timer_loop: FAIL: %llu interrupts counted\n",
		          (unsigned long long)timer_irqs);
		return 1;
	}
	return 0;
}
