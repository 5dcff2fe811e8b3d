/* SPDX-License-Identifier: MIT */
/*
 * vCPU scheduling: round-robin over the runnable vCPUs, preempted by the EL2
 * physical timer (CNTHP, PPI 26) every HYP_SLICE_US; a guest's WFI
 * deschedules it until its virtual timer's deadline or a pending virtual
 * interrupt (traps.c); when no vCPU can run, hyp/ itself waits in WFI for
 * the earliest deadline. Every exit ends in sched_resume(), which makes a
 * runnable vCPU current (switching worlds if it is another one) before
 * vectors.S returns into it.
 *
 * Time is the physical count CNTPCT_EL0 (Arm ARM D11, "The system
 * counter"); under el2sim it counts retired instructions at 100 MHz, so
 * the schedule is the same on every run.
 */
#include "hyp.h"

static struct vcpu *current; /* the vCPU in the CPU; NULL while hyp/ idles */
static int resched;          /* the current vCPU gives way at the end of this exit */
static uint32_t idle_waits;

uint64_t timer_now(void)
{
	isb(); /* CNTPCT_EL0 may be read out of order without it (Arm ARM, CNTPCT_EL0) */
	return read_sysreg(cntpct_el0);
}

uint64_t timer_us_to_ticks(uint64_t us)
{
	return us * read_sysreg(cntfrq_el0) / 1000000u;
}

struct vcpu *sched_current(void)
{
	return current;
}

/* CNTHP_CVAL_EL2, CNTHP_CTL_EL2 (Arm ARM D11, the EL2 physical timer): PPI 26 at deadline. */
static void cnthp_arm(uint64_t deadline)
{
	write_sysreg(cnthp_cval_el2, deadline);
	write_sysreg(cnthp_ctl_el2, CNT_CTL_ENABLE);
	isb();
}

void sched_block(struct vcpu *v, uint64_t wake_at)
{
	v->state = VCPU_BLOCKED;
	v->wake_at = wake_at;
	v->vm->stats.wfi_blocked++;
}

void sched_give_up(struct vcpu *v)
{
	resched = 1;
}

void sched_off(struct vcpu *v)
{
	v->state = VCPU_OFF;
}

/* PPI 26: the running vCPU's slice is over (or a blocked one's deadline came). */
void sched_slice_end(void)
{
	write_sysreg(cnthp_ctl_el2, 0); /* the level drops; sched_resume() arms it again */
	isb();
	resched = 1;
}

/* Blocked vCPUs whose deadline passed, or with a virtual interrupt pending, may run. */
static void sched_wake(uint64_t now)
{
	for (unsigned int i = 0; i < HYP_NR_VMS; i++) {
		struct vcpu *v = &hyp_vms[i].vcpu;

		if (v->state == VCPU_BLOCKED && (now >= v->wake_at || vgic_has_pending(v)))
			v->state = VCPU_RUNNABLE;
	}
}

/* The earliest deadline of a blocked vCPU, ~0 if none has one. */
static uint64_t sched_next_wake(void)
{
	uint64_t t = ~0ull;

	for (unsigned int i = 0; i < HYP_NR_VMS; i++) {
		const struct vcpu *v = &hyp_vms[i].vcpu;

		if (v->state == VCPU_BLOCKED && v->wake_at < t)
			t = v->wake_at;
	}
	return t;
}

/* Round-robin: the first runnable vCPU after the current one, the current one last. */
static struct vcpu *sched_pick(void)
{
	unsigned int start = current ? current->vm->id + 1 : 0;

	sched_wake(timer_now());
	for (unsigned int i = 0; i < HYP_NR_VMS; i++) {
		struct vcpu *v = &hyp_vms[(start + i) % HYP_NR_VMS].vcpu;

		if (v->state == VCPU_RUNNABLE)
			return v;
	}
	return NULL;
}

static int sched_all_off(void)
{
	for (unsigned int i = 0; i < HYP_NR_VMS; i++)
		if (hyp_vms[i].vcpu.state != VCPU_OFF)
			return 0;
	return 1;
}

/*
 * Nothing can run: put the last vCPU away (its timer stops, sched.c holds
 * its deadline), wait for the earliest deadline with PSTATE.I still set
 * (WFI wakes on a pending IRQ whatever PSTATE.I says: Arm ARM "Wait For
 * Interrupt"), acknowledge what woke us.
 */
static void sched_idle(void)
{
	uint64_t wake = sched_next_wake();
	uint32_t intid;

	if (sched_all_off())
		hyp_finish();
	if (wake == ~0ull) {
		hyp_log("every vCPU waits and none has a timer deadline: nothing can wake them");
		hyp_finish();
	}
	if (current) {
		vcpu_put(current);
		current = NULL;
	}
	cnthp_arm(wake);
	idle_waits++;
	__asm__ volatile("dsb sy\n\twfi" ::: "memory");
	while ((intid = gic_ack()) != INTID_SPURIOUS) {
		if (intid == INTID_CNTHP)
			write_sysreg(cnthp_ctl_el2, 0);
		gic_eoi(intid);
	}
}

static void sched_switch(struct vcpu *next)
{
	if (current)
		vcpu_put(current);
	vcpu_load(next);
	current = next;
	next->vm->stats.switches_in++;
}

/* A new slice for the current vCPU; earlier if a blocked vCPU's deadline comes first. */
static void sched_arm_slice(void)
{
	uint64_t end = timer_now() + timer_us_to_ticks(HYP_SLICE_US), wake = sched_next_wake();

	cnthp_arm(wake < end ? wake : end);
}

void sched_resume(void)
{
	struct vcpu *next;

	if (current && current->state == VCPU_RUNNABLE && !resched)
		return; /* the common case: back into the guest that exited */
	resched = 0;
	while (!(next = sched_pick()))
		sched_idle();
	if (next != current)
		sched_switch(next);
	sched_arm_slice();
}

void sched_start(void)
{
	struct vcpu *first = sched_pick();

	sched_switch(first);
	sched_arm_slice();
	guest_enter(first);
}

uint32_t sched_idle_waits(void)
{
	return idle_waits;
}
