/*
 * Exception-generating and system instructions: SVC/HVC/SMC/BRK/HLT, hints,
 * barriers, PSTATE writes, SYS (cache and TLB maintenance) and MRS/MSR.
 */
#include "cpu.h"
#include "decode.h"
#include "exec_branch_sys.h"
#include "irq.h"
#include "mem.h"
#include "syndrome.h"

#define HCR_HCD        (1ull << 29)
#define HCR_TSC        (1ull << 19)
#define SCR_NS         (1ull << 0)
#define SCR_SMD        (1ull << 7)
#define SCR_HCE        (1ull << 8)
#define HCR_TWI        (1ull << 13)
#define HCR_TWE        (1ull << 14)
#define HCR_TGE        (1ull << 27)
#define SCR_TWI        (1ull << 12)
#define SCR_TWE        (1ull << 13)
#define SCTLR_EL1_NTWI (1ull << 16)
#define SCTLR_EL1_NTWE (1ull << 18)
#define SCTLR_EL1_UMA  (1ull << 9)
#define SCTLR_EL1_DZE  (1ull << 14)
#define SCTLR_EL1_UCT  (1ull << 15)
#define SCTLR_EL1_UCI  (1ull << 26)

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

/* MRS, MSR (register), SYS: imm = the 16-bit sysreg encoding, imm2 = its id. */
bool fill_sys(struct insn *in, uint32_t raw)
{
	uint16_t enc = sysreg_encode(2 + bit32(raw, 19), bits32(raw, 18, 16), bits32(raw, 15, 12),
	                             bits32(raw, 11, 8), bits32(raw, 7, 5));
	if (!bit32(raw, 20)) /* SYS: op0 = 0b01 */
		enc = (uint16_t)((enc & 0x3fff) | (1u << 14));
	in->imm = enc;
	in->imm2 = sysreg_lookup(enc);
	in->rd = (uint8_t)bits32(raw, 4, 0);
	return true;
}

/* The syndrome of a trapped MRS/MSR/SYS, from the instruction itself. */
static uint64_t sys_syndrome(const struct insn *in)
{
	uint32_t raw = in->raw;
	return syn_sysreg(bits32(raw, 20, 19), bits32(raw, 18, 16), bits32(raw, 15, 12),
	                  bits32(raw, 11, 8), bits32(raw, 7, 5), bits32(raw, 4, 0), bit32(raw, 21));
}

/* An EL0 access disabled by an SCTLR_EL1 bit traps to EL1 (EL2 with TGE), EC 0x18. */
static int sys_trap_el0(struct cpu *cpu, const struct insn *in, const char *cause)
{
	return exc_raise_sync(cpu, exc_sync_default_el(cpu), sys_syndrome(in), cause);
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
		undef = !(cpu->sr[SR_SCR_EL3] & SCR_HCE);
	else
		undef = (cpu->sr[SR_HCR_EL2] & HCR_HCD) != 0;
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
	if (cpu->el == 1 && cpu_el2_enabled(cpu) && (cpu->sr[SR_HCR_EL2] & HCR_TSC))
		return exc_raise_sync(cpu, 2, esr, "HCR_EL2.TSC");
	if (cpu->highest_el < 3 || (cpu->sr[SR_SCR_EL3] & SCR_SMD))
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
	if (cpu->el == 0 && !(cpu->sr[SR_SCTLR_EL1] & (is_wfe ? SCTLR_EL1_NTWE : SCTLR_EL1_NTWI))) {
		*cause = is_wfe ? "SCTLR_EL1.nTWE" : "SCTLR_EL1.nTWI";
		return cpu_el2_enabled(cpu) && (cpu->sr[SR_HCR_EL2] & HCR_TGE) ? 2 : 1;
	}
	if (cpu->el <= 1 && cpu_el2_enabled(cpu) &&
	    (cpu->sr[SR_HCR_EL2] & (is_wfe ? HCR_TWE : HCR_TWI))) {
		*cause = is_wfe ? "HCR_EL2.TWE" : "HCR_EL2.TWI";
		return 2;
	}
	if (cpu->highest_el == 3 && cpu->el < 3 &&
	    (cpu->sr[SR_SCR_EL3] & (is_wfe ? SCR_TWE : SCR_TWI))) {
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
	if (is_wfe && cpu->event_register) {
		cpu->event_register = false;
		return EXEC_NEXT;
	}
	if (is_wfe ? irq_wfe_wakeup(cpu) : irq_wfi_wakeup(cpu))
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

int exec_sevl(struct cpu *cpu, const struct insn *in)
{
	return exec_sev(cpu, in);
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
		if (cpu->el == 0 && !(cpu->sr[SR_SCTLR_EL1] & SCTLR_EL1_UMA))
			return sys_trap_el0(cpu, in, "SCTLR_EL1.UMA");
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

/* ---- SYS: cache maintenance, TLB maintenance, address translation ---- */

#define SYS_OP(op1, crn, crm, op2) (((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))

/*
 * DC ZVA (Arm ARM C5.3? "DC ZVA"): zero the DCZID_EL0-sized block holding Xt.
 * Stage 1 is not implemented, so memory is Device-nGnRnE, and DC ZVA to
 * Device memory is an Alignment fault whatever the address.
 */
static int sys_dc_zva(struct cpu *cpu, const struct insn *in)
{
	return mem_fault_alignment(cpu, x_read(cpu, in->rd), true);
}

int exec_sys(struct cpu *cpu, const struct insn *in)
{
	uint16_t enc = (uint16_t)in->imm;
	unsigned op1 = (enc >> 11) & 7, crn = (enc >> 7) & 15;
	unsigned min_el = sysreg_min_el(enc);
	bool el0_ok = false;
	if (min_el > cpu->highest_el)
		return exc_raise_undef(cpu);

	switch (enc & 0x3fff) {
	case SYS_OP(0, 7, 1, 0): /* IC IALLUIS */
	case SYS_OP(0, 7, 5, 0): /* IC IALLU */
		/* Stores to code already drop the decoded instructions: nothing stale. */
		break;
	case SYS_OP(3, 7, 5, 1):  /* IC IVAU */
	case SYS_OP(3, 7, 11, 1): /* DC CVAU */
	case SYS_OP(3, 7, 10, 1): /* DC CVAC */
	case SYS_OP(3, 7, 14, 1): /* DC CIVAC */
	case SYS_OP(3, 7, 12, 1): /* DC CVAP */
		if (cpu->el == 0 && !(cpu->sr[SR_SCTLR_EL1] & SCTLR_EL1_UCI))
			return sys_trap_el0(cpu, in, "SCTLR_EL1.UCI");
		el0_ok = true;
		break;
	case SYS_OP(3, 7, 4, 1): /* DC ZVA */
		if (cpu->el == 0 && !(cpu->sr[SR_SCTLR_EL1] & SCTLR_EL1_DZE))
			return sys_trap_el0(cpu, in, "SCTLR_EL1.DZE");
		return sys_dc_zva(cpu, in);
	case SYS_OP(0, 7, 6, 1):  /* DC IVAC */
	case SYS_OP(0, 7, 6, 2):  /* DC ISW */
	case SYS_OP(0, 7, 10, 2): /* DC CSW */
	case SYS_OP(0, 7, 14, 2): /* DC CISW */
		/* No data cache is modelled: memory is always coherent. */
		break;
	default:
		if (crn == 8 && (op1 == 0 || op1 == 4 || op1 == 6)) {
			/* TLBI, every variant: drop the whole soft TLB (over-invalidation is
			 * allowed). */
			if (cpu->el < min_el)
				return exc_raise_undef(cpu);
			cpu_tlb_flush(cpu);
			return EXEC_NEXT;
		}
		if (crn == 7 && (op1 == 0 || op1 == 4 || op1 == 6) && ((enc >> 3) & 15) >= 8)
			return exec_unimplemented(cpu, in); /* AT: the MMU issue */
		return exc_raise_undef(cpu);
	}
	if (cpu->el < min_el && !el0_ok)
		return exc_raise_undef(cpu);
	return EXEC_NEXT;
}

/* ---- MRS / MSR (register) ---- */

/* The register behind the encoding, if the current EL may access it this way. */
static int sysreg_check(struct cpu *cpu, const struct insn *in, bool is_read)
{
	enum sysreg_id id = (enum sysreg_id)in->imm2;
	const struct sysreg_info *r = &sysreg_table[id];
	unsigned min_el = sysreg_min_el((uint16_t)in->imm);
	if (id == SR_NONE || min_el > cpu->highest_el)
		return exc_raise_undef(cpu);
	if (cpu->el < min_el && !(cpu->el == 0 && (r->access & SRA_U)))
		return exc_raise_undef(cpu);
	if (!(r->access & (is_read ? SRA_R : SRA_W)))
		return exc_raise_undef(cpu);
	if (cpu->el == 0 && !is_read && (r->access & SRA_U_RO))
		return exc_raise_undef(cpu);
	/* MRS/MSR SP_EL0 while SP_EL0 is the current SP is UNDEFINED. */
	if (id == SR_SP_EL0 && cpu->spsel == 0)
		return exc_raise_undef(cpu);
	if (cpu->el == 0) {
		if (id == SR_DAIF && !(cpu->sr[SR_SCTLR_EL1] & SCTLR_EL1_UMA))
			return sys_trap_el0(cpu, in, "SCTLR_EL1.UMA");
		if (id == SR_CTR_EL0 && !(cpu->sr[SR_SCTLR_EL1] & SCTLR_EL1_UCT))
			return sys_trap_el0(cpu, in, "SCTLR_EL1.UCT");
	}
	return 0;
}

static uint64_t sysreg_read(const struct cpu *cpu, enum sysreg_id id)
{
	switch (id) {
	case SR_NZCV: return cpu->nzcv;
	case SR_DAIF: return cpu->daif;
	case SR_SPSel: return cpu->spsel;
	case SR_CurrentEL: return (uint64_t)cpu->el << 2;
	case SR_SP_EL0: return cpu->sp_el[0];
	case SR_SP_EL1: return cpu->sp_el[1];
	case SR_SP_EL2: return cpu->sp_el[2];
	case SR_ISR_EL1: return irq_isr_el1(cpu);
	case SR_DISR_EL1: return *irq_disr((struct cpu *)cpu);
	default: return cpu->sr[id];
	}
}

static void sysreg_write(struct cpu *cpu, enum sysreg_id id, uint64_t v)
{
	switch (id) {
	case SR_NZCV: cpu->nzcv = (uint32_t)v & 0xf0000000u; return;
	case SR_DAIF:
		cpu->daif = (uint32_t)v & 0x3c0u;
		irq_recheck(cpu);
		return;
	case SR_SPSel: cpu_set_el_spsel(cpu, cpu->el, v & 1); return;
	case SR_SP_EL0: cpu->sp_el[0] = v; return;
	case SR_SP_EL1: cpu->sp_el[1] = v; return;
	case SR_SP_EL2: cpu->sp_el[2] = v; return;
	/* DISR_EL1: A [31], IDS [24], ISS [23:0]; the rest RES0. */
	case SR_DISR_EL1: *irq_disr(cpu) = v & 0x81ffffffull; return;
	default: break;
	}
	/* Only the writable bits change: RES0/RES1, read-only and RAO/WI fields keep their value.
	 */
	uint64_t wmask = sysreg_table[id].wmask;
	cpu->sr[id] = (v & wmask) | (cpu->sr[id] & ~wmask);
	if (sysreg_table[id].flags & SRF_TLB)
		cpu_tlb_flush(cpu);
	if (sysreg_table[id].flags & SRF_IRQ)
		irq_recheck(cpu);
}

int exec_mrs(struct cpu *cpu, const struct insn *in)
{
	int st = sysreg_check(cpu, in, true);
	if (st)
		return st;
	x_write(cpu, in->rd, sysreg_read(cpu, (enum sysreg_id)in->imm2));
	return EXEC_NEXT;
}

int exec_msr(struct cpu *cpu, const struct insn *in)
{
	int st = sysreg_check(cpu, in, false);
	if (st)
		return st;
	sysreg_write(cpu, (enum sysreg_id)in->imm2, x_read(cpu, in->rd));
	return EXEC_NEXT;
}
