/*
 * Asynchronous exception routing and masking (Arm ARM D1.4.6.4, tables D1-12
 * and D1-21 for IRQ/FIQ, the SError tables, the virtual masking table; the
 * pseudocode AArch64.TakePhysicalIRQException and friends). FEAT_VHE and
 * FEAT_NMI are not implemented: HCR_EL2.E2H is 0 and there is no
 * superpriority.
 */
#include "irq.h"

#include "cpu.h"
#include "fields.h"
#include "gic_cpuif.h"
#include "gic_port.h"
#include "gic_vcpuif.h"
#include "syndrome.h"

/* One kind of asynchronous exception and the controls that route and mask it. */
struct async_kind {
	const char *name;
	uint8_t type;      /* enum exc_type */
	uint32_t line;     /* physical input line */
	uint64_t scr_bit;  /* SCR_EL3.{IRQ,FIQ,EA}: route to EL3 */
	uint64_t hcr_mo;   /* HCR_EL2.{IMO,FMO,AMO}: route to EL2, enable the virtual one */
	uint64_t hcr_v;    /* HCR_EL2.{VI,VF,VSE}: virtual pending */
	uint32_t virq;     /* virtual input line, if any */
	uint32_t daif_bit; /* PSTATE.{I,F,A} */
	const char *scr_cause, *hcr_cause, *vcause;
};

/*
 * Priority between simultaneous asynchronous exceptions is IMPLEMENTATION
 * DEFINED (Arm ARM D1.4.6.5). el2sim takes SError before FIQ before IRQ,
 * and the physical ones before the virtual ones.
 */
static const struct async_kind async_kinds[] = {
        {"SError", EXC_SERROR, IRQ_LINE_SERROR, SCR_EL3_EA, HCR_EL2_AMO, HCR_EL2_VSE, 0, DAIF_A,
         "SCR_EL3.EA", "HCR_EL2.AMO", "HCR_EL2.VSE"},
        {"FIQ", EXC_FIQ, IRQ_LINE_FIQ, SCR_EL3_FIQ, HCR_EL2_FMO, HCR_EL2_VF, VIRQ_LINE_FIQ, DAIF_F,
         "SCR_EL3.FIQ", "HCR_EL2.FMO", "HCR_EL2.VF"},
        {"IRQ", EXC_IRQ, IRQ_LINE_IRQ, SCR_EL3_IRQ, HCR_EL2_IMO, HCR_EL2_VI, VIRQ_LINE_IRQ, DAIF_I,
         "SCR_EL3.IRQ", "HCR_EL2.IMO", "HCR_EL2.VI"},
};

enum async_verdict {
	ASYNC_NOT_TAKEN, /* Arm's "C": routed below the current EL, stays pending */
	ASYNC_MASKABLE,  /* Arm's "B": taken unless PSTATE masks it */
	ASYNC_ALWAYS,    /* Arm's "A": taken whatever PSTATE says */
};

/*
 * Target EL and masking class of a physical interrupt of kind k at the
 * current EL: SCR_EL3 routes to EL3; with EL2 enabled, TGE or xMO route to
 * EL2; else EL1. Below the current EL it is not taken; above it, it cannot be
 * masked unless the target is EL1 (from EL0); at the current EL PSTATE masks.
 */
static enum async_verdict async_route(const struct cpu *cpu, const struct async_kind *k,
                                      unsigned *target, const char **cause)
{
	uint64_t hcr = cpu->sr[SR_HCR_EL2];
	if (cpu->highest_el == 3 && (cpu->sr[SR_SCR_EL3] & k->scr_bit)) {
		*target = 3;
		*cause = k->scr_cause;
	} else if (cpu_el2_enabled(cpu) && (hcr & (HCR_EL2_TGE | k->hcr_mo))) {
		*target = 2;
		*cause = (hcr & HCR_EL2_TGE) ? "HCR_EL2.TGE" : k->hcr_cause;
	} else {
		*target = 1;
		*cause = k->name;
	}
	if (*target < cpu->el)
		return ASYNC_NOT_TAKEN;
	if (*target > cpu->el && *target != 1)
		return ASYNC_ALWAYS;
	return ASYNC_MASKABLE;
}

/* Virtual interrupts: enabled by xMO with TGE 0, only from EL0/EL1, to EL1, masked by PSTATE. */
static bool async_virtual_pending(const struct cpu *cpu, const struct async_kind *k)
{
	uint64_t hcr = cpu->sr[SR_HCR_EL2];
	if (cpu->el > 1 || !cpu_el2_enabled(cpu) || (hcr & HCR_EL2_TGE) || !(hcr & k->hcr_mo))
		return false;
	return (hcr & k->hcr_v) || (cpu->virq_in & k->virq);
}

static bool async_masked(const struct cpu *cpu, const struct async_kind *k)
{
	return (cpu->daif & k->daif_bit) != 0;
}

void irq_recheck(struct cpu *cpu)
{
	if (cpu->irq_in || cpu->virq_in ||
	    (cpu->sr[SR_HCR_EL2] & (HCR_EL2_VI | HCR_EL2_VF | HCR_EL2_VSE)))
		cpu->slice_end = 0;
}

void irq_set_line(struct cpu *cpu, enum irq_line line, bool level)
{
	uint32_t old = cpu->irq_in;
	cpu->irq_in = level ? old | line : old & ~(uint32_t)line;
	if (cpu->irq_in != old)
		cpu->slice_end = 0;
}

void irq_set_virtual_line(struct cpu *cpu, enum virq_line line, bool level)
{
	uint32_t old = cpu->virq_in;
	cpu->virq_in = level ? old | line : old & ~(uint32_t)line;
	if (cpu->virq_in != old)
		cpu->slice_end = 0;
}

/*
 * SError syndromes with FEAT_RAS. A physical SError (from a device line) is
 * reported as IDS 0, AET 0b000 (uncontainable), EA 0, DFSC 0b010001
 * "asynchronous SError interrupt"; a virtual one carries VSESR_EL2.{IDS,ISS}
 * (AArch64.TakeVirtualSErrorException).
 */
#define SERROR_ISS_PHYSICAL 0x11u
#define DISR_A              (1ull << 31)

static uint32_t async_serror_iss(const struct cpu *cpu, bool is_virtual)
{
	return is_virtual ? (uint32_t)(cpu->sr[SR_VSESR_EL2] & 0x1ffffff) : SERROR_ISS_PHYSICAL;
}

/*
 * The INTID behind an IRQ or FIQ, for the trace: what the GIC's CPU
 * interface (physical) or list registers (virtual) signal now. A virtual
 * interrupt pending by HCR_EL2.VI/VF has none.
 */
static uint32_t async_intid(const struct cpu *cpu, const struct async_kind *k, bool is_virtual)
{
	uint32_t intid;
	if (k->type == EXC_SERROR || (is_virtual && (cpu->sr[SR_HCR_EL2] & k->hcr_v)))
		return EXC_NO_INTID;
	intid = is_virtual ? vgic_pending_intid(cpu) : gic_cpuif_pending_intid(cpu);
	return intid == GIC_INTID_SPURIOUS ? EXC_NO_INTID : intid;
}

static void async_take(struct cpu *cpu, const struct async_kind *k, unsigned target,
                       const char *cause, bool is_virtual)
{
	uint64_t esr = 0;
	if (k->type == EXC_SERROR)
		esr = syn_make(EC_SERROR, true, async_serror_iss(cpu, is_virtual));
	struct exc e = {
	        .type = k->type,
	        .target_el = (uint8_t)target,
	        .esr = esr,
	        .elr = cpu->pc, /* the instruction that has not executed yet */
	        .insn_pc = EXC_NO_INSN,
	        .cause = cause,
	        /* Only the trace and the statistics look at it. */
	        .intid = cpu->hooks.on_exception ? async_intid(cpu, k, is_virtual) : EXC_NO_INTID,
	};
	exc_take(cpu, &e);
}

bool irq_take_pending(struct cpu *cpu)
{
	for (unsigned i = 0; i < sizeof(async_kinds) / sizeof(async_kinds[0]); i++) {
		const struct async_kind *k = &async_kinds[i];
		unsigned target;
		const char *cause;
		if (!(cpu->irq_in & k->line))
			continue;
		enum async_verdict v = async_route(cpu, k, &target, &cause);
		if (v == ASYNC_ALWAYS || (v == ASYNC_MASKABLE && !async_masked(cpu, k))) {
			async_take(cpu, k, target, cause, false);
			return true;
		}
	}
	for (unsigned i = 0; i < sizeof(async_kinds) / sizeof(async_kinds[0]); i++) {
		const struct async_kind *k = &async_kinds[i];
		if (async_virtual_pending(cpu, k) && !async_masked(cpu, k)) {
			/* Pending by HCR_EL2.VI/VF/VSE, or from the GIC's virtual CPU
			 * interface, which HCR_EL2.IMO/FMO enabled. */
			bool by_hcr = (cpu->sr[SR_HCR_EL2] & k->hcr_v) != 0;
			async_take(cpu, k, 1, by_hcr ? k->vcause : k->hcr_cause, true);
			/* Taking a vSError clears HCR_EL2.VSE; VI and VF stay set. */
			if (k->type == EXC_SERROR)
				cpu->sr[SR_HCR_EL2] &= ~HCR_EL2_VSE;
			return true;
		}
	}
	return false;
}

/* Is any interrupt pending that wakes WFx? mask_matters: WFE wants it unmasked too. */
static bool irq_wakeup(const struct cpu *cpu, bool mask_matters)
{
	for (unsigned i = 0; i < sizeof(async_kinds) / sizeof(async_kinds[0]); i++) {
		const struct async_kind *k = &async_kinds[i];
		unsigned target;
		const char *cause;
		if (cpu->irq_in & k->line) {
			enum async_verdict v = async_route(cpu, k, &target, &cause);
			if (v == ASYNC_ALWAYS ||
			    (v == ASYNC_MASKABLE && !(mask_matters && async_masked(cpu, k))))
				return true;
		}
		if (async_virtual_pending(cpu, k) && !(mask_matters && async_masked(cpu, k)))
			return true;
	}
	return false;
}

bool irq_wfx_wakes(struct cpu *cpu, bool is_wfe)
{
	if (is_wfe && cpu->event_register) {
		cpu->event_register = false;
		return true;
	}
	return irq_wakeup(cpu, is_wfe);
}

/*
 * AArch64.ESBOperation: a physical SError pending and masked at its target
 * (target EL1: masked at EL0/EL1; otherwise at the target EL itself) is
 * deferred: DISR_EL1 = A | syndrome, and it is no longer pending.
 * AArch64.vESBOperation, at EL0/EL1 with EL2 enabled: a pending virtual
 * SError masked by PSTATE.A goes to VDISR_EL2 and HCR_EL2.VSE is cleared.
 */
void irq_esb(struct cpu *cpu)
{
	const struct async_kind *k = &async_kinds[0]; /* SError */
	unsigned target;
	const char *cause;
	if (cpu->irq_in & IRQ_LINE_SERROR) {
		async_route(cpu, k, &target, &cause);
		bool mask_active = target == 1 ? cpu->el <= 1 : cpu->el == target;
		if (mask_active && async_masked(cpu, k)) {
			cpu->sr[SR_DISR_EL1] = DISR_A | async_serror_iss(cpu, false);
			cpu->irq_in &= ~(uint32_t)IRQ_LINE_SERROR;
		}
	}
	if (async_virtual_pending(cpu, k) && async_masked(cpu, k)) {
		cpu->sr[SR_VDISR_EL2] = DISR_A | async_serror_iss(cpu, true);
		cpu->sr[SR_HCR_EL2] &= ~HCR_EL2_VSE;
	}
}

uint64_t irq_isr_el1(const struct cpu *cpu)
{
	uint64_t isr = 0;
	uint64_t hcr = cpu->sr[SR_HCR_EL2];
	bool virt_ok = cpu->el <= 1 && cpu_el2_enabled(cpu) && !(hcr & HCR_EL2_TGE);
	for (unsigned i = 0; i < sizeof(async_kinds) / sizeof(async_kinds[0]); i++) {
		const struct async_kind *k = &async_kinds[i];
		bool pending = virt_ok && (hcr & k->hcr_mo) ? async_virtual_pending(cpu, k)
		                                            : (cpu->irq_in & k->line) != 0;
		if (pending)
			isr |= k->daif_bit;
	}
	return isr;
}

uint64_t *irq_disr(struct cpu *cpu)
{
	uint64_t hcr = cpu->sr[SR_HCR_EL2];
	if (cpu->el == 1 && cpu_el2_enabled(cpu) && !(hcr & HCR_EL2_TGE) && (hcr & HCR_EL2_AMO))
		return &cpu->sr[SR_VDISR_EL2];
	return &cpu->sr[SR_DISR_EL1];
}
