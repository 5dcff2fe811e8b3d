/*
 * Exception-generating and system instructions: SVC/HVC/SMC/BRK/HLT, hints,
 * barriers, PSTATE writes, SYS (cache and TLB maintenance) and MRS/MSR.
 */
#include "cpu.h"
#include "fields.h"
#include "decode.h"
#include "exec_branch_sys.h"
#include "irq.h"
#include "syndrome.h"
#include "sysreg_access.h"

/* imm16 [20:5] */
bool fill_exc_gen(struct insn *in, uint32_t raw)
{
	in->imm = bits32(raw, 20, 5);
	return true;
}

bool fill_hint_barrier(struct insn *in, uint32_t raw)
{
	in->opt = (uint8_t)bits32(raw, 18, 16); /* op1 */
	in->amt = (uint8_t)bits32(raw, 11, 8);  /* CRm */
	in->flags = (uint8_t)bits32(raw, 7, 5); /* op2 */
	return true;
}

/* ---- exception generation (Arm ARM C6.2: SVC, HVC, SMC, BRK, HLT) ---- */

static int call_exception(struct cpu *cpu, unsigned el, uint64_t esr, const char *cause)
{
	exc_raise_sync(cpu, el, esr, cause);
	cpu->exc.elr = cpu->pc + 4; /* preferred return: the next instruction */
	return EXEC_CALL;
}

/* AArch64.CallSupervisor(): to EL1, or EL2 from EL0 with TGE, or the current EL if higher. */
int exec_svc(struct cpu *cpu, const struct insn *in)
{
	return call_exception(cpu, exc_sync_default_el(cpu), syn_svc((uint16_t)in->imm), "SVC");
}

/*
 * HVC (Arm ARM C6.2 "HVC"): UNDEFINED at EL0, without EL2, when SCR_EL3.HCE
 * is 0 (EL3 implemented) or HCR_EL2.HCD is 1 (EL3 not implemented). Taken to
 * EL2, or to EL3 when executed at EL3.
 */
int exec_hvc(struct cpu *cpu, const struct insn *in)
{
	bool undef;
	if (cpu->el == 0 || cpu->highest_el < 2)
		undef = true;
	else if (cpu->highest_el == 3)
		undef = !(cpu->sr[SR_SCR_EL3] & SCR_EL3_HCE);
	else
		undef = (cpu->sr[SR_HCR_EL2] & HCR_EL2_HCD) != 0;
	if (undef || (cpu->el == 1 && !cpu_el2_enabled(cpu)))
		return exc_raise_undef(cpu);
	unsigned el = cpu->el == 3 ? 3 : 2;
	return call_exception(cpu, el, syn_hvc((uint16_t)in->imm), "HVC");
}

/*
 * AArch64.CheckForSMCUndefOrTrap() and SMC: UNDEFINED at EL0. HCR_EL2.TSC
 * traps it from EL1 to EL2 with the SMC itself as the preferred return,
 * before SCR_EL3.SMD is looked at. Without EL3 (and with HCR_EL2.NV 0,
 * FEAT_NV being absent) the Arm ARM's HCR_EL2.TSC text makes it
 * IMPLEMENTATION DEFINED whether TSC traps or SMC is UNDEFINED: el2sim
 * traps, as QEMU's virt board does, so a hypervisor can emulate firmware
 * calls. Otherwise SMC is UNDEFINED without EL3 or with SCR_EL3.SMD set,
 * and is taken to EL3.
 */
int exec_smc(struct cpu *cpu, const struct insn *in)
{
	uint64_t esr = syn_smc((uint16_t)in->imm);
	if (cpu->el == 0)
		return exc_raise_undef(cpu);
	if (cpu->el == 1 && cpu_el2_enabled(cpu) && (cpu->sr[SR_HCR_EL2] & HCR_EL2_TSC))
		return exc_raise_sync(cpu, 2, esr, "HCR_EL2.TSC");
	if (cpu->highest_el < 3 || (cpu->sr[SR_SCR_EL3] & SCR_EL3_SMD))
		return exc_raise_undef(cpu);
	return call_exception(cpu, 3, esr, "SMC");
}

/* BRK: a Breakpoint Instruction exception; the preferred return is the BRK itself. */
int exec_brk(struct cpu *cpu, const struct insn *in)
{
	return exc_raise_sync(cpu, exc_sync_default_el(cpu), syn_brk((uint16_t)in->imm), "BRK");
}

/* HLT: with halting debug disabled it is UNDEFINED; HLT #0xF000 is the
 * semihosting call when the host enables it. */
int exec_hlt(struct cpu *cpu, const struct insn *in)
{
	if (in->imm == 0xf000 && cpu->hooks.semihost)
		return cpu->hooks.semihost(cpu->hooks.opaque, cpu);
	return exc_raise_undef(cpu);
}

/* ---- hints and barriers ---- */

int exec_nop(struct cpu *cpu, const struct insn *in)
{
	(void)cpu;
	(void)in;
	return EXEC_NEXT;
}

/*
 * AArch64.CheckForWFxTrap(): the first control that traps wins, in the
 * pseudocode's order: SCTLR_EL1.nTWx (from EL0), HCR_EL2.TWx (from EL0/EL1,
 * EL2 enabled), SCR_EL3.TWx (below EL3). A trap to EL1 goes to EL2 when
 * HCR_EL2.TGE is 1 (AArch64.WFxTrap). Returns the target EL, or 0.
 */
static unsigned wfx_trap_target(const struct cpu *cpu, bool is_wfe, const char **cause)
{
	if (cpu->el == 0 && !(cpu->sr[SR_SCTLR_EL1] & (is_wfe ? SCTLR_NTWE : SCTLR_NTWI))) {
		*cause = is_wfe ? "SCTLR_EL1.nTWE" : "SCTLR_EL1.nTWI";
		return exc_sync_default_el(cpu); /* EL1, or EL2 under HCR_EL2.TGE */
	}
	if (cpu->el <= 1 && cpu_el2_enabled(cpu) &&
	    (cpu->sr[SR_HCR_EL2] & (is_wfe ? HCR_EL2_TWE : HCR_EL2_TWI))) {
		*cause = is_wfe ? "HCR_EL2.TWE" : "HCR_EL2.TWI";
		return 2;
	}
	if (cpu->highest_el == 3 && cpu->el < 3 &&
	    (cpu->sr[SR_SCR_EL3] & (is_wfe ? SCR_EL3_TWE : SCR_EL3_TWI))) {
		*cause = is_wfe ? "SCR_EL3.TWE" : "SCR_EL3.TWI";
		return 3;
	}
	return 0;
}

/*
 * EC 0x01: ISS CV [24] = 1 and COND [23:20] = 0b1110 from AArch64
 * (ConditionSyndrome()), TI [1:0] = 0 WFI, 1 WFE.
 */
static uint64_t syn_wfx(bool is_wfe)
{
	return syn_make(EC_WFX, true, (1u << 24) | (0xeu << 20) | (is_wfe ? 1u : 0u));
}

/*
 * WFI, WFE: complete at once when a wake-up event is already there (any
 * interrupt that could be taken here for WFI; the Event Register, cleared,
 * or an unmasked interrupt for WFE); otherwise the traps are checked, and
 * only then does the PE wait.
 */
static int exec_wfx(struct cpu *cpu, bool is_wfe)
{
	if (irq_wfx_wakes(cpu, is_wfe))
		return EXEC_NEXT;
	const char *cause;
	unsigned el = wfx_trap_target(cpu, is_wfe, &cause);
	if (el)
		return exc_raise_sync(cpu, el, syn_wfx(is_wfe), cause);
	cpu->wait = is_wfe ? WAIT_WFE : WAIT_WFI;
	return EXEC_WAIT;
}

int exec_wfi(struct cpu *cpu, const struct insn *in)
{
	(void)in;
	return exec_wfx(cpu, false);
}

int exec_wfe(struct cpu *cpu, const struct insn *in)
{
	(void)in;
	return exec_wfx(cpu, true);
}

/* SEV signals an event to every PE, this one included; SEVL only to this one. */
int exec_sev(struct cpu *cpu, const struct insn *in)
{
	(void)in;
	cpu->event_register = true;
	return EXEC_NEXT;
}

/* ESB (FEAT_RAS): defer masked SErrors into DISR_EL1 / VDISR_EL2. */
int exec_esb(struct cpu *cpu, const struct insn *in)
{
	(void)in;
	irq_esb(cpu);
	return EXEC_NEXT;
}

int exec_clrex(struct cpu *cpu, const struct insn *in)
{
	(void)in;
	cpu->excl_valid = false;
	return EXEC_NEXT;
}

/*
 * MSR (immediate) to PSTATE fields (Arm ARM C5.1.3? "MSR (immediate)"): SPSel,
 * DAIFSet, DAIFClr. The fields of features el2sim does not implement (PAN,
 * UAO, DIT, SSBS, TCO, ALLINT, SVCR) are UNDEFINED. DAIFSet/DAIFClr at EL0
 * trap unless SCTLR_EL1.UMA is 1.
 */
int exec_msr_imm(struct cpu *cpu, const struct insn *in)
{
	unsigned op1 = in->opt, crm = in->amt, op2 = in->flags;
	if (op1 == 0 && op2 == 5) { /* SPSel */
		if (cpu->el == 0)
			return exc_raise_undef(cpu);
		cpu_set_el_spsel(cpu, cpu->el, crm & 1);
		return EXEC_NEXT;
	}
	if (op1 == 3 && (op2 == 6 || op2 == 7)) { /* DAIFSet, DAIFClr */
		int st = sysreg_trap(cpu, in, sysreg_table[SR_DAIF].traps, false);
		if (st)
			return st;
		if (op2 == 6) {
			cpu->daif |= crm << 6;
		} else {
			cpu->daif &= ~(crm << 6);
			irq_recheck(cpu);
		}
		return EXEC_NEXT;
	}
	return exc_raise_undef(cpu);
}
