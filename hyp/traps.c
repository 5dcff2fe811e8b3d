/* SPDX-License-Identifier: MIT */
/*
 * Exits from a guest, one handler per exception class (KVM's
 * arm_exit_handlers[]), each naming the HCR_EL2 control (main.c sets them)
 * or the instruction that brought the guest here. A class without a
 * handler is hyp/'s bug — we asked for a trap we cannot handle — and
 * stops everything; the guest's own mistakes are injected back into it
 * (inject.c). Physical interrupts while a guest runs come to
 * hyp_guest_irq(). Both end in sched_resume(), which may switch worlds.
 */
#include "hyp.h"

typedef void (*exit_handler_fn)(struct vcpu *v, uint64_t esr);

/*
 * WFI / WFE trapped by HCR_EL2.TWI / TWE (EC 0x01; ISS.TI [0]: 1 = WFE;
 * ELR_EL2 is the instruction). WFI: the guest has nothing to do until an
 * interrupt, and its only one is its virtual timer, so it sleeps until the
 * timer's deadline unless a virtual interrupt is already pending. WFE: a
 * spin-wait hint; let the other guest run.
 */
static uint64_t vtimer_deadline(const struct vcpu *v)
{
	uint64_t ctl = read_sysreg(cntv_ctl_el0), cval = read_sysreg(cntv_cval_el0);

	if (!(ctl & CNT_CTL_ENABLE) || (ctl & CNT_CTL_IMASK) || v->vgic.vtimer_masked)
		return ~0ull;
	/* CNTVCT = CNTPCT - CNTVOFF: the physical count at which CNTVCT reaches CVAL. */
	return cval > ~0ull - v->vtimer.voff ? ~0ull : cval + v->vtimer.voff;
}

static void handle_wfx(struct vcpu *v, uint64_t esr)
{
	uint64_t wake;

	v->regs.pc += 4;
	if (ESR_ISS(esr) & 1) {
		sched_give_up(v);
		return;
	}
	wake = vtimer_deadline(v);
	if (vgic_has_pending(v) || wake <= timer_now())
		return; /* a wake-up event is already there: WFI completes at once */
	sched_block(v, wake);
}

/* HVC #imm from EL1 (EC 0x16): ELR_EL2 is the next instruction. */
static void handle_hvc(struct vcpu *v, uint64_t esr)
{
	hypercall(v, v->regs.pc - 4);
}

/*
 * SMC from EL1 trapped by HCR_EL2.TSC (EC 0x17; ahead of SCR_EL3.SMD, and
 * with or without EL3): the preferred return address is the SMC itself
 * (Arm ARM, HCR_EL2.TSC), so the guest resumes after it.
 */
static void handle_smc(struct vcpu *v, uint64_t esr)
{
	v->regs.pc += 4;
	hypercall(v, v->regs.pc - 4);
}

/* MRS/MSR trapped by HCR_EL2.TID3 (EC 0x18): sysreg.c. */
static void handle_sys64(struct vcpu *v, uint64_t esr)
{
	sysreg_trap(v, esr);
}

/* The IPA of a stage 2 abort: HPFAR_EL2.FIPA [43:4] = IPA[51:12], the page offset from FAR_EL2. */
static uint64_t fault_ipa(void)
{
	return (read_sysreg(hpfar_el2) >> 4 & 0xffffffffffull) << 12 |
	       (read_sysreg(far_el2) & 0xfff);
}

/*
 * A stage 2 Data Abort (EC 0x24, HCR_EL2.VM): an emulated device's MMIO
 * (mmio.c), or an access outside the guest's memory, which the guest gets
 * back as a Data Abort (the other guest never notices).
 */
static void handle_dabt_low(struct vcpu *v, uint64_t esr)
{
	uint64_t ipa = fault_ipa();

	if (mmio_emulate(v, esr, ipa))
		return;
	vm_log(v->vm, "%s IPA 0x%llx outside its memory (DFSC 0x%02x): Data Abort injected",
	       (ESR_ISS(esr) & DABT_WNR) ? "write to" : "read from", (unsigned long long)ipa,
	       DABT_DFSC(ESR_ISS(esr)));
	inject_dabt(v, read_sysreg(far_el2), !!(ESR_ISS(esr) & DABT_WNR));
}

/* A stage 2 Instruction Abort (EC 0x20): the guest jumped outside its memory. */
static void handle_iabt_low(struct vcpu *v, uint64_t esr)
{
	vm_log(v->vm,
	       "instruction fetch from IPA 0x%llx outside its memory: Prefetch Abort injected",
	       (unsigned long long)fault_ipa());
	inject_iabt(v, read_sysreg(far_el2));
}

/* FP/SIMD trapped by CPTR_EL2.TFP (EC 0x07): these VMs have none (hyp/ does not switch it). */
static void handle_fp(struct vcpu *v, uint64_t esr)
{
	inject_undef(v, v->regs.pc);
}

static const struct {
	exit_handler_fn fn;
	const char *name;
} exit_handlers[64] = {
        [EC_WFX] = {handle_wfx, "WFx"},
        [EC_FP] = {handle_fp, "FP/SIMD"},
        [EC_HVC64] = {handle_hvc, "HVC64"},
        [EC_SMC64] = {handle_smc, "SMC64"},
        [EC_SYS64] = {handle_sys64, "SYS64"},
        [EC_IABT_LOW] = {handle_iabt_low, "IABT_LOW"},
        [EC_DABT_LOW] = {handle_dabt_low, "DABT_LOW"},
};

const char *trap_ec_name(unsigned int ec)
{
	return ec < 64 && exit_handlers[ec].name ? exit_handlers[ec].name : "?";
}

/*
 * What each control of HYP_HCR and HYP_CPTR (hyp.h) sends to EL2 (Arm ARM
 * D19.2 "HCR_EL2", "CPTR_EL2"). HVC needs no control: with HCR_EL2.HCD 0 it
 * is taken to EL2. IMO, FMO and AMO route interrupts and SErrors (vectors
 * 0x480-0x580, not a class), SWIO and RW change no routing: they send none.
 */
#define HCR_NO_CLASS (HCR_SWIO | HCR_IMO | HCR_FMO | HCR_AMO | HCR_RW)
static const struct {
	uint64_t hcr, cptr; /* the control; both 0: always */
	unsigned int ec;
} trap_sources[] = {
        {0, 0, EC_HVC64},         {HCR_TWI | HCR_TWE, 0, EC_WFX}, {HCR_TID3, 0, EC_SYS64},
        {HCR_TSC, 0, EC_SMC64},   {HCR_VM, 0, EC_IABT_LOW},       {HCR_VM, 0, EC_DABT_LOW},
        {0, CPTR_EL2_TFP, EC_FP},
};

/*
 * At boot, before any trap is set: every class that HYP_HCR and HYP_CPTR
 * can send has a handler (KVM checks its table too), and no bit of them is
 * one this file does not know.
 */
void traps_self_check(void)
{
	uint64_t hcr_known = HCR_NO_CLASS, cptr_known = CPTR_EL2_RES1;

	for (size_t i = 0; i < sizeof(trap_sources) / sizeof(trap_sources[0]); i++) {
		uint64_t hcr = trap_sources[i].hcr, cptr = trap_sources[i].cptr;
		unsigned int ec = trap_sources[i].ec;

		hcr_known |= hcr;
		cptr_known |= cptr;
		if (((!hcr && !cptr) || (HYP_HCR & hcr) || (HYP_CPTR & cptr)) &&
		    !exit_handlers[ec].fn)
			hyp_panic("no handler for exception class 0x%02x", ec);
	}
	if ((HYP_HCR & ~hcr_known) || (HYP_CPTR & ~cptr_known))
		hyp_panic("HCR_EL2 0x%llx, CPTR_EL2 0x%llx: traps.c does not know what bits "
		          "0x%llx, 0x%llx send",
		          (unsigned long long)HYP_HCR, (unsigned long long)HYP_CPTR,
		          (unsigned long long)(HYP_HCR & ~hcr_known),
		          (unsigned long long)(HYP_CPTR & ~cptr_known));
}

void hyp_guest_sync(void)
{
	struct vcpu *v = sched_current();
	uint64_t esr = read_sysreg(esr_el2);
	unsigned int ec = ESR_EC(esr);

	v->vm->stats.exits[ec]++;
	if (!exit_handlers[ec].fn)
		hyp_panic(
		        "vm%u %s: exception class 0x%02x that hyp/ never asked for: ESR_EL2 0x%llx "
		        "ELR_EL2 0x%llx FAR_EL2 0x%llx",
		        v->vm->id, v->vm->name, ec, (unsigned long long)esr,
		        (unsigned long long)v->regs.pc, (unsigned long long)read_sysreg(far_el2));
	exit_handlers[ec].fn(v, esr);
	sched_resume();
}

/*
 * A physical IRQ while a guest ran (HCR_EL2.IMO): acknowledge each pending
 * one (ICC_IAR1_EL1), act on it, EOI it.
 */
void hyp_guest_irq(void)
{
	struct vcpu *v = sched_current();
	uint32_t intid;

	while ((intid = gic_ack()) != INTID_SPURIOUS) {
		switch (intid) {
		case INTID_CNTHP:
			v->vm->stats.irq_slice++;
			sched_slice_end();
			break;
		case INTID_CNTV: vgic_inject_vtimer(v); break;
		case INTID_MAINT:
			v->vm->stats.irq_maint++;
			vgic_maintenance(v);
			break;
		default: hyp_log("unexpected interrupt %u, ignored", intid); break;
		}
		gic_eoi(intid);
	}
	sched_resume();
}
