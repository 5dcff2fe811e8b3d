/* SPDX-License-Identifier: MIT */
/*
 * The vGIC: virtual interrupts through the GICv3 list registers (IHI 0069H
 * chapter 6 "Virtual interrupt handling and prioritization"; 12.4 ICH_*).
 *
 * A guest runs with HCR_EL2.IMO set, so its ICC_IAR1_EL1, ICC_EOIR1_EL1,
 * ICC_PMR_EL1 and ICC_IGRPEN1_EL1 are the virtual ICV_* registers, served
 * from the list registers and ICH_VMCR_EL2 without trapping.
 *
 * The only virtual interrupt is the guest's own virtual timer, INTID 27.
 * Its physical PPI 27 reaches EL2 (gic.c) while the guest runs; we put a
 * pending vINTID 27 in a list register and, because the timer's output is
 * a level that stays high until the guest re-arms it, disable the physical
 * PPI until the guest is done with the virtual one: the LR has EOI set
 * (bit 41, with HW 0), so the guest's EOI of vINTID 27 raises the
 * maintenance interrupt (PPI 25; ICH_MISR_EL2.EOI, ICH_EISR_EL2 says which
 * LR), and only then is PPI 27 enabled again. (KVM masks the timer the
 * same way where it cannot link it to the LR with the HW bit.)
 */
#include "hyp.h"

/* ICH_LR<n>_EL2 (12.4.6). */
#define LR_STATE_PENDING (1ull << 62)
#define LR_STATE_MASK    (3ull << 62)
#define LR_GROUP1        (1ull << 60)
#define LR_PRIO_SHIFT    48
#define LR_EOI           (1ull << 41)
#define LR_VINTID(lr)    ((uint32_t)(lr)&0xffff)
#define VTIMER_PRIO      0xa0ull
/* ICH_HCR_EL2.En [0] (12.4.4): the virtual CPU interface works. */
#define ICH_HCR_EN       1ull

static uint64_t lr_read(unsigned int n)
{
	switch (n) {
	case 0: return read_sysreg(ich_lr0_el2);
	case 1: return read_sysreg(ich_lr1_el2);
	case 2: return read_sysreg(ich_lr2_el2);
	default: return read_sysreg(ich_lr3_el2);
	}
}

static void lr_write(unsigned int n, uint64_t v)
{
	switch (n) {
	case 0: write_sysreg(ich_lr0_el2, v); break;
	case 1: write_sysreg(ich_lr1_el2, v); break;
	case 2: write_sysreg(ich_lr2_el2, v); break;
	default: write_sysreg(ich_lr3_el2, v); break;
	}
}

/*
 * Make intid pending in the loaded vCPU's first free list register: one
 * that is Invalid and not waiting for its EOI maintenance. 0 if none is.
 */
static int vgic_inject(uint32_t intid)
{
	for (unsigned int n = 0; n < VGIC_NR_LRS; n++) {
		uint64_t lr = lr_read(n);

		if (lr & (LR_STATE_MASK | LR_EOI))
			continue;
		lr_write(n, LR_STATE_PENDING | LR_GROUP1 | VTIMER_PRIO << LR_PRIO_SHIFT | LR_EOI |
		                    intid);
		isb();
		return 1;
	}
	return 0;
}

/* Physical PPI 27 fired while v ran: make vINTID 27 pending, mask PPI 27 until the guest's EOI. */
void vgic_inject_vtimer(struct vcpu *v)
{
	if (v->vgic.vtimer_masked)
		return; /* raced with the disable: the guest has it already */
	v->vgic.vtimer_masked = 1;
	gic_ppi_enable(INTID_CNTV, 0);
	if (!vgic_inject(GUEST_VTIMER_INTID))
		hyp_panic("vm%u: no free list register for the virtual timer", v->vm->id);
	v->vm->stats.irq_vtimer++;
}

/* The maintenance interrupt: each LR the guest EOI'd is freed; for vINTID 27, PPI 27 comes back. */
void vgic_maintenance(struct vcpu *v)
{
	uint64_t eisr = read_sysreg(ich_eisr_el2);

	for (unsigned int n = 0; n < VGIC_NR_LRS; n++) {
		if (!(eisr & (1ull << n)))
			continue;
		if (LR_VINTID(lr_read(n)) == GUEST_VTIMER_INTID && v->vgic.vtimer_masked) {
			v->vgic.vtimer_masked = 0;
			gic_ppi_enable(INTID_CNTV, 1);
		}
		lr_write(n, 0);
	}
	isb();
}

/*
 * A pending virtual interrupt is a WFI wake-up event (Arm ARM "Wait For
 * Interrupt", WFI wake-up events). The list registers hold it while v is
 * loaded (sched.c's current vCPU), the saved copies otherwise.
 */
int vgic_has_pending(const struct vcpu *v)
{
	int live = v == sched_current();

	for (unsigned int n = 0; n < VGIC_NR_LRS; n++)
		if (((live ? lr_read(n) : v->vgic.lr[n]) & LR_STATE_MASK) == LR_STATE_PENDING)
			return 1;
	return 0;
}

/* World switch out: finish any EOI maintenance first, then save the ICH_* state. */
void vgic_save(struct vcpu *v)
{
	struct vgic *g = &v->vgic;

	vgic_maintenance(v);
	for (unsigned int n = 0; n < VGIC_NR_LRS; n++)
		g->lr[n] = lr_read(n);
	g->vmcr = read_sysreg(ich_vmcr_el2);
	g->ap0r0 = read_sysreg(ich_ap0r0_el2);
	g->ap1r0 = read_sysreg(ich_ap1r0_el2);
	g->hcr = read_sysreg(ich_hcr_el2);
	write_sysreg(ich_hcr_el2,
	             0); /* no virtual interrupts, no maintenance, while no guest runs */
	isb();
}

/* World switch in: the ICH_* state, and PPI 27 as this vCPU left it. */
void vgic_restore(struct vcpu *v)
{
	struct vgic *g = &v->vgic;

	for (unsigned int n = 0; n < VGIC_NR_LRS; n++)
		lr_write(n, g->lr[n]);
	write_sysreg(ich_vmcr_el2, g->vmcr);
	write_sysreg(ich_ap0r0_el2, g->ap0r0);
	write_sysreg(ich_ap1r0_el2, g->ap1r0);
	write_sysreg(ich_hcr_el2, g->hcr | ICH_HCR_EN);
	gic_ppi_enable(INTID_CNTV, !g->vtimer_masked);
	isb();
}
