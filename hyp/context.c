/* SPDX-License-Identifier: MIT */
/*
 * The world switch, minus what vectors.S does on every exit (X0-X30,
 * SP_EL0, ELR_EL2, SPSR_EL2): when the scheduler changes the running vCPU,
 * vcpu_put() saves the outgoing guest's EL1 system registers
 * (el1_sysregs.def), its virtual timer and its vGIC state, and vcpu_load()
 * installs the incoming guest's, together with the EL2 registers that give
 * it its identity: VTTBR_EL2 (stage 2 tables and VMID), VMPIDR_EL2,
 * VPIDR_EL2, CNTVOFF_EL2. While a guest runs, its EL1 registers live in the
 * CPU, so a trap handler reads and writes them there (inject.c).
 */
#include "hyp.h"

/* MPIDR as the guest reads it (D19.2 "MPIDR_EL1"): RES1 [31], U [30] uniprocessor, Aff0 0. */
#define VMPIDR_UP 0xc0000000ull

void vcpu_reset(struct vcpu *v, uint64_t entry)
{
	struct vm *vm = v->vm;

	*v = (struct vcpu){.vm = vm, .state = VCPU_RUNNABLE};
	v->regs.pc = entry;
	v->regs.pstate = PSR_EL1h | PSR_DAIF; /* as out of reset: EL1h, all masked */
	v->el1[SCTLR_EL1] = SCTLR_EL1_RESET;
	/* The guest's virtual count starts at 0 when it boots, and runs on while it is descheduled.
	 */
	v->vtimer.voff = timer_now();
}

static void el1_save(struct vcpu *v)
{
#define EL1_SYSREG(NAME, name) v->el1[NAME] = read_sysreg(name);
#include "el1_sysregs.def"
#undef EL1_SYSREG
}

static void el1_restore(const struct vcpu *v)
{
#define EL1_SYSREG(NAME, name) write_sysreg(name, v->el1[NAME]);
#include "el1_sysregs.def"
#undef EL1_SYSREG
}

/*
 * The virtual timer (Arm ARM D11, "The virtual counter"): CNTVCT =
 * CNTPCT - CNTVOFF_EL2. Going out, the timer is disabled so the outgoing
 * guest's deadline cannot raise PPI 27 while another guest runs; sched.c
 * keeps the deadline and wakes the guest at it.
 */
static void vtimer_save(struct vcpu *v)
{
	v->vtimer.ctl = read_sysreg(cntv_ctl_el0);
	v->vtimer.cval = read_sysreg(cntv_cval_el0);
	write_sysreg(cntv_ctl_el0, 0);
}

static void vtimer_restore(const struct vcpu *v)
{
	write_sysreg(cntvoff_el2, v->vtimer.voff);
	write_sysreg(cntv_cval_el0, v->vtimer.cval);
	write_sysreg(cntv_ctl_el0, v->vtimer.ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK));
}

void vcpu_put(struct vcpu *v)
{
	el1_save(v);
	vtimer_save(v);
	vgic_save(v);
	isb();
}

void vcpu_load(struct vcpu *v)
{
	el1_restore(v);
	write_sysreg(vttbr_el2, v->vm->vttbr);
	write_sysreg(vmpidr_el2, VMPIDR_UP); /* every VM has one vCPU: the same MPIDR for all */
	write_sysreg(vpidr_el2, read_sysreg(midr_el1)); /* the guest sees the real MIDR */
	vtimer_restore(v);
	vgic_restore(v);
	write_sysreg(tpidr_el2, (uint64_t)v);
	isb();
}
