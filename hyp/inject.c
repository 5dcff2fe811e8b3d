/* SPDX-License-Identifier: MIT */
/*
 * Exceptions injected into a guest: how a hypervisor reports a guest's
 * mistake back to the guest. We do what the hardware would have done had
 * the exception been taken to EL1 (Arm ARM D1.10 "Exception entry",
 * AArch64.TakeException): ELR_EL1 the preferred return address, SPSR_EL1
 * the guest's PSTATE, ESR_EL1 (and FAR_EL1) the syndrome, then resume the
 * guest at its VBAR_EL1 + the vector offset, in EL1h with D, A, I, F masked.
 * The vCPU is the running one, so its EL1 registers are in the CPU.
 */
#include "hyp.h"

static int from_el0(const struct vcpu *v)
{
	return (v->regs.pstate & PSR_MODE_MASK) == PSR_EL0t;
}

static void inject_sync(struct vcpu *v, uint64_t esr, uint64_t far, uint64_t pc)
{
	uint64_t vbar = read_sysreg(vbar_el1), offset;

	/* D1.10.2 "Exception vectors": from EL0 lower EL (AArch64), from EL1 current EL, SP0 or
	 * SPx. */
	if (from_el0(v))
		offset = VEC_LOWER64_SYNC;
	else if ((v->regs.pstate & PSR_MODE_MASK) == PSR_EL1t)
		offset = VEC_CUR_SP0_SYNC;
	else
		offset = VEC_CUR_SPX_SYNC;
	write_sysreg(elr_el1, pc);
	write_sysreg(spsr_el1, v->regs.pstate);
	write_sysreg(esr_el1, esr);
	write_sysreg(far_el1, far);
	v->regs.pc = vbar + offset;
	/* AArch64.TakeException: NZCV carry over; EL1h with DAIF masked. */
	v->regs.pstate = (v->regs.pstate & 0xf0000000ull) | PSR_EL1h | PSR_DAIF;
	v->vm->stats.injected++;
}

/* An UNDEFINED instruction at pc (EC 0x00, IL 1, ISS 0): unknown hypercalls, untrapped sysregs. */
void inject_undef(struct vcpu *v, uint64_t pc)
{
	inject_sync(v, ESR_MAKE(EC_UNKNOWN, 0), 0, pc);
}

/*
 * A Data Abort at the guest's faulting instruction: EC 0x24 from EL0 or
 * 0x25 from EL1, DFSC Synchronous External abort (what KVM injects for an
 * access to nothing), WnR as the access was; ISV 0: no instruction syndrome.
 */
void inject_dabt(struct vcpu *v, uint64_t far, int write)
{
	uint32_t iss = FSC_EXT_ABORT | (write ? DABT_WNR : 0);

	inject_sync(v, ESR_MAKE(from_el0(v) ? EC_DABT_LOW : EC_DABT_CUR, iss), far, v->regs.pc);
}

/* An Instruction Abort at far (the guest branched outside its memory): EC 0x20 / 0x21. */
void inject_iabt(struct vcpu *v, uint64_t far)
{
	inject_sync(v, ESR_MAKE(from_el0(v) ? EC_IABT_LOW : EC_IABT_CUR, FSC_EXT_ABORT), far,
	            v->regs.pc);
}
