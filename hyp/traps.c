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
	if (vgic_has_pending(v, 1) || wake <= timer_now())
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
	hyp_log("vm%u %s: %s IPA 0x%llx outside its memory (DFSC 0x%02x): Data Abort injected",
	        v->vm->id, v->vm->name, (ESR_ISS(esr) & DABT_WNR) ? "write to" : "read from",
	        (unsigned long long)ipa, DABT_DFSC(ESR_ISS(esr)));
	inject_dabt(v, read_sysreg(far_el2), !!(ESR_ISS(esr) & DABT_WNR));
}

/* A stage 2 Instruction Abort (EC 0x20): the guest jumped outside its memory. */
static void handle_iabt_low(struct vcpu *v, uint64_t esr)
{
	hyp_log("vm%u %s: instruction fetch from IPA 0x%llx outside its memory: Prefetch Abort "
	        "injected",
	        v->vm->id, v->vm->name, (unsigned long long)fault_ipa());
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

/* The classes main.c's HCR_EL2 and CPTR_EL2 can send us: each must have a handler (KVM checks its
 * table too). */
void traps_self_check(void)
{
	static const unsigned int expected[] = {EC_WFX,   EC_FP,       EC_HVC64,   EC_SMC64,
	                                        EC_SYS64, EC_IABT_LOW, EC_DABT_LOW};

	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		if (!exit_handlers[expected[i]].fn)
			hyp_panic("no handler for exception class 0x%02x", expected[i]);
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
