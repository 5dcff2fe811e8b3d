/*
 * Taking exceptions and returning from them: AArch64.TakeException and
 * AArch64.ExceptionReturn (Arm ARM J1, aarch64/exceptions/takeexception and
 * aarch64/functions/eret), in the one place the CPU does it.
 */
#include "exc.h"

#include <stddef.h>

#include "cpu.h"
#include "fields.h"
#include "irq.h"
#include "syndrome.h"

/* Exceptions in a row with no instruction retired before el2sim gives up. */
#define EXC_STUCK_LIMIT 64

static const enum sysreg_id spsr_of[4] = {SR_NONE, SR_SPSR_EL1, SR_SPSR_EL2, SR_SPSR_EL3};
static const enum sysreg_id elr_of[4] = {SR_NONE, SR_ELR_EL1, SR_ELR_EL2, SR_ELR_EL3};
static const enum sysreg_id esr_of[4] = {SR_NONE, SR_ESR_EL1, SR_ESR_EL2, SR_ESR_EL3};
static const enum sysreg_id far_of[4] = {SR_NONE, SR_FAR_EL1, SR_FAR_EL2, SR_FAR_EL3};
static const enum sysreg_id vbar_of[4] = {SR_NONE, SR_VBAR_EL1, SR_VBAR_EL2, SR_VBAR_EL3};

const char *ec_name(unsigned ec)
{
	switch (ec) {
#define EC(id, val, name) \
	case val:         \
		return name;
#include "ec.def"
#undef EC
	default: return NULL;
	}
}

unsigned exc_sync_default_el(const struct cpu *cpu)
{
	if (cpu->el != 0)
		return cpu->el;
	/* HCR_EL2.TGE [27]: EL0 exceptions that would go to EL1 go to EL2. */
	if (cpu_el2_enabled(cpu) && (cpu->sr[SR_HCR_EL2] & HCR_EL2_TGE))
		return 2;
	return 1;
}

unsigned exc_external_abort_el(const struct cpu *cpu, const char **cause)
{
	if (cpu->highest_el == 3 && (cpu->sr[SR_SCR_EL3] & SCR_EL3_EA)) {
		*cause = "SCR_EL3.EA";
		return 3;
	}
	if (cpu->el <= 1 && cpu_el2_enabled(cpu) && (cpu->sr[SR_HCR_EL2] & HCR_EL2_TEA)) {
		*cause = "HCR_EL2.TEA";
		return 2;
	}
	*cause = "external abort";
	return exc_sync_default_el(cpu);
}

int exc_raise_sync_far(struct cpu *cpu, unsigned target_el, uint64_t esr, uint64_t far,
                       const char *cause)
{
	cpu->exc = (struct exc){
	        .type = EXC_SYNC,
	        .target_el = (uint8_t)target_el,
	        .far_valid = true,
	        .esr = esr,
	        .far = far,
	        .elr = cpu->pc,
	        .insn_pc = cpu->pc,
	        .cause = cause,
	        .intid = EXC_NO_INTID,
	};
	return EXEC_EXC;
}

int exc_raise_sync(struct cpu *cpu, unsigned target_el, uint64_t esr, const char *cause)
{
	exc_raise_sync_far(cpu, target_el, esr, 0, cause);
	cpu->exc.far_valid = false;
	return EXEC_EXC;
}

int exc_raise_undef(struct cpu *cpu)
{
	return exc_raise_sync(cpu, exc_sync_default_el(cpu), syn_uncategorized(), "UNDEFINED");
}

/*
 * The vector offset (Arm ARM D1.10.2? "Exception vectors"): 0x000 current EL
 * with SP_EL0, 0x200 current EL with SP_ELx, 0x400 lower EL using AArch64,
 * 0x600 lower EL using AArch32 (never: AArch32 is not implemented), plus
 * 0x80 per type (sync, IRQ, FIQ, SError).
 */
static uint64_t exc_vector_offset(const struct cpu *cpu, unsigned target_el, unsigned type)
{
	uint64_t base;
	if (target_el > cpu->el)
		base = 0x400;
	else
		base = cpu->spsel ? 0x200 : 0x000;
	return base + 0x80 * (uint64_t)type;
}

/*
 * Is the guest stuck? Either pattern, EXC_STUCK_LIMIT times in a row, stops
 * the run with a diagnostic instead of spinning:
 * - no instruction retired between two exceptions (a vector table in
 *   nowhere);
 * - the same synchronous exception (same ESR) taken from inside the EL's
 *   own vector table: its handler faults on its first accesses, say a stack
 *   that is not mapped; the SUB moving SP retires each time, so the first
 *   test never fires while SP descends.
 */
static void exc_check_progress(struct cpu *cpu, const struct exc *e, unsigned from_el)
{
	uint64_t vbar = cpu->sr[vbar_of[e->target_el]] & ~0x7ffull;
	bool in_vectors = e->type == EXC_SYNC && from_el == e->target_el && e->elr - vbar < 0x800;
	bool repeat =
	        cpu->icount == cpu->last_exc_icount || (in_vectors && e->esr == cpu->last_exc_esr);
	cpu->stuck_count = repeat ? cpu->stuck_count + 1 : 0;
	if (cpu->stuck_count >= EXC_STUCK_LIMIT) {
		cpu->stop = STOP_STUCK;
		cpu->slice_end = 0;
	}
	cpu->last_exc_icount = cpu->icount;
	cpu->last_exc_esr = e->esr;
}

void exc_take(struct cpu *cpu, const struct exc *e)
{
	unsigned from_el = cpu->el, to = e->target_el;
	uint64_t offset = exc_vector_offset(cpu, to, e->type);
	if (e != &cpu->exc)
		cpu->exc = *e; /* cpu->exc is always the last exception taken */

	cpu->sr[spsr_of[to]] = cpu_pstate_get(cpu);
	cpu->sr[elr_of[to]] = e->elr;
	/* ESR is UNKNOWN for IRQ and FIQ; el2sim leaves it unchanged. */
	if (exc_has_esr(e))
		cpu->sr[esr_of[to]] = e->esr;
	/* FAR is UNKNOWN where the class defines none; el2sim leaves it unchanged. */
	if (e->far_valid)
		cpu->sr[far_of[to]] = e->far;

	/* PSTATE on entry: target EL, SP_ELx, all of DAIF masked, IL and SS clear. */
	cpu_set_el_spsel(cpu, to, 1);
	cpu->daif = DAIF_D | DAIF_A | DAIF_I | DAIF_F;
	cpu->il = 0;
	cpu->ss = 0;
	cpu->excl_valid = false; /* ClearExclusiveLocal() */
	cpu->pc = (cpu->sr[vbar_of[to]] & ~0x7ffull) + offset;

	exc_check_progress(cpu, e, from_el);
	if (cpu->hooks.on_exception)
		cpu->hooks.on_exception(cpu->hooks.opaque, cpu, e, from_el);
}

/* ELFromSPSR() for an AArch64-only PE: is spsr.M a mode el2sim can return to? */
static bool exc_spsr_target_valid(const struct cpu *cpu, uint64_t spsr, unsigned *el)
{
	unsigned m = spsr & 0x1f;
	*el = (m >> 2) & 3;
	if (m & 0x10)
		return false; /* AArch32: not implemented */
	if (*el > cpu->highest_el)
		return false; /* EL not implemented */
	if (m & 2)
		return false; /* M[1] is reserved */
	if (*el == 0 && (m & 1))
		return false; /* EL0 has only SP_EL0 */
	if (*el == 2 && cpu->highest_el == 3 && !(cpu->sr[SR_SCR_EL3] & SCR_EL3_NS))
		return false; /* EL2 in Secure state: Secure EL2 not implemented */
	return true;
}

/* IllegalExceptionReturn() (Arm ARM J1 shared/functions/system). */
static bool exc_return_is_illegal(const struct cpu *cpu, uint64_t spsr)
{
	unsigned target;
	if (!exc_spsr_target_valid(cpu, spsr, &target))
		return true;
	if (target > cpu->el)
		return true;
	/* To EL1 with HCR_EL2.TGE set (Non-secure: no Secure EL2 here). */
	if (target == 1 && cpu_el2_enabled(cpu) && (cpu->sr[SR_HCR_EL2] & HCR_EL2_TGE))
		return true;
	return false;
}

/*
 * AArch64.ExceptionReturn(): restore PSTATE from SPSR_ELx and PC from
 * ELR_ELx. An illegal return keeps EL and SPSel, restores the rest, and
 * sets PSTATE.IL so the next instruction takes an Illegal Execution state
 * exception. A misaligned ELR faults at the next fetch (PC alignment).
 */
void exc_return(struct cpu *cpu)
{
	unsigned from_el = cpu->el;
	uint64_t spsr = cpu->sr[spsr_of[from_el]];
	uint64_t elr = cpu->sr[elr_of[from_el]];
	bool illegal = exc_return_is_illegal(cpu, spsr);

	if (illegal) {
		cpu_pstate_set(cpu, (spsr & ~0x1full) | (cpu_pstate_get(cpu) & 0x1f));
		cpu->il = 1;
	} else {
		cpu_pstate_set(cpu, spsr);
	}
	cpu->excl_valid = false;    /* ClearExclusiveLocal() */
	cpu->event_register = true; /* SendEventLocal() */
	cpu->pc = elr;
	irq_recheck(cpu); /* PSTATE.DAIF and EL changed */
	if (cpu->hooks.on_eret)
		cpu->hooks.on_eret(cpu->hooks.opaque, cpu, from_el, illegal);
}
