/*
 * MRS, MSR (register) and SYS (Arm ARM C5.2, C5.3; pseudocode
 * AArch64.SysRegRead/Write, AArch64.SysInstr): every access goes through one
 * row of sysregs/sysregs.def and one check, in the Arm ARM's priority order
 * (D1.4.5.6): traps of the IMPLEMENTATION DEFINED space to EL2 (HCR_EL2.TIDCP,
 * priority 18), UNDEFINED (19), then the trap controls the row names, EL1
 * controls before EL2 before EL3 (21-33).
 */
#include "cpu.h"
#include "fields.h"
#include "decode.h"
#include "exec_branch_sys.h"
#include "gic_cpuif.h"
#include "irq.h"
#include "mem.h"
#include "mmu.h"
#include "syndrome.h"
#include "timer.h"
#include "sysreg_access.h"
#include "tlb.h"
#include "traps.h"

/* in->flags of MRS/MSR/SYS: only the trap controls can stop it at or above its lowest EL. */
#define SYS_PLAIN 1u

/*
 * Does sysreg_check() reduce to "EL >= the lowest EL, then the traps" for
 * this access? Not for an unknown encoding, a direction the register does
 * not allow, EL0's read-only view, or a row with rules of its own (the
 * RULES and SECURE flags of sysregs.def).
 */
static bool sys_plain(enum sysreg_id id, bool is_read)
{
	const struct sysreg_info *r = &sysreg_table[id];
	if (id == SR_NONE || (r->flags & (SRF_RULES | SRF_SECURE)))
		return false;
	if (!(r->access & (is_read ? SRA_R : SRA_W)))
		return false;
	return is_read || !(r->access & SRA_U_RO);
}

/*
 * MRS, MSR (register), SYS: imm = the 16-bit encoding op0:op1:CRn:CRm:op2,
 * imm2 = its id, amt = the lowest EL that may access it (sysreg_min_el),
 * flags = SYS_PLAIN (sys_plain).
 */
bool fill_sys(struct insn *in, uint32_t raw)
{
	unsigned op0 = bit32(raw, 20) ? 2 + bit32(raw, 19) : 1;
	uint16_t enc = sysreg_encode(op0, bits32(raw, 18, 16), bits32(raw, 15, 12),
	                             bits32(raw, 11, 8), bits32(raw, 7, 5));
	in->imm = enc;
	in->imm2 = sysreg_lookup(enc);
	in->amt = (uint8_t)sysreg_min_el(enc);
	in->flags = sys_plain((enum sysreg_id)in->imm2, bit32(raw, 21)) ? SYS_PLAIN : 0;
	in->rd = (uint8_t)bits32(raw, 4, 0);
	return true;
}

/*
 * The ISS of a trapped MSR, MRS or SYS is the instruction's own fields:
 * Op0 [21:20], Op2, Op1, CRn, Rt, CRm, Direction (bit 21 of the word).
 */
static uint64_t sys_syndrome(const struct insn *in)
{
	uint32_t raw = in->raw;
	return syn_sysreg(bits32(raw, 20, 19), bits32(raw, 18, 16), bits32(raw, 15, 12),
	                  bits32(raw, 11, 8), bits32(raw, 7, 5), bits32(raw, 4, 0), bit32(raw, 21));
}

static struct trap_ctx sys_trap_ctx(const struct cpu *cpu, bool is_read)
{
	return (struct trap_ctx){
	        .sr = cpu->sr,
	        .el = cpu->el,
	        .highest_el = cpu->highest_el,
	        .el2_enabled = cpu_el2_enabled(cpu),
	        .is_read = is_read,
	};
}

int sysreg_trap_route(struct cpu *cpu, const struct insn *in, uint64_t groups, bool is_read)
{
	struct trap_ctx c = sys_trap_ctx(cpu, is_read);
	struct trap_verdict v;
	if (!sysreg_route(&c, groups, &v))
		return 0;
	uint64_t esr = v.ec == EC_SYS64      ? sys_syndrome(in)
	               : v.ec == EC_FP_ASIMD ? syn_fp_access()
	                                     : syn_uncategorized();
	return exc_raise_sync(cpu, v.target_el, esr, v.cause);
}

/*
 * HCR_EL2.TIDCP: EL1 accesses to the IMPLEMENTATION DEFINED encodings
 * (op0 3, CRn 11 or 15) trap to EL2, with priority over their being
 * UNDEFINED. el2sim implements no such register.
 */
static bool sys_tidcp(const struct cpu *cpu, uint16_t enc)
{
	unsigned op0 = enc >> 14, crn = (enc >> 7) & 15;
	return op0 == 3 && (crn == 11 || crn == 15) && cpu->el == 1 && cpu_el2_enabled(cpu) &&
	       (cpu->sr[SR_HCR_EL2] & HCR_EL2_TIDCP);
}

/* The rules of the rows flagged RULES in sysregs.def. */
static bool sysreg_rules_allow(const struct cpu *cpu, enum sysreg_id id, bool is_read)
{
	switch (id) {
	/* MRS/MSR SP_EL0 while SP_EL0 is the current SP is UNDEFINED. */
	case SR_SP_EL0: return cpu->spsel != 0;
	/* CNTFRQ_EL0 is writable only at the highest implemented EL. */
	case SR_CNTFRQ_EL0: return is_read || cpu->el == cpu->highest_el;
	default: return true;
	}
}

/*
 * May the current EL access register id this way at all? UNDEFINED when no
 * register has the encoding, its EL is not implemented, the current EL is
 * below its minimum (bar the EL0-accessible ones), or the direction is not
 * allowed; then the row's trap controls.
 */
static int sysreg_check(struct cpu *cpu, const struct insn *in, bool is_read)
{
	enum sysreg_id id = (enum sysreg_id)in->imm2;
	/* At or above the lowest EL (so it is implemented), nothing but traps is left. */
	if (likely((in->flags & SYS_PLAIN) && cpu->el >= in->amt))
		return sysreg_trap(cpu, in, sysreg_table[id].traps, is_read);
	const struct sysreg_info *r = &sysreg_table[id];
	uint16_t enc = (uint16_t)in->imm;
	unsigned min_el = in->amt;
	if (id == SR_NONE) {
		if (sys_tidcp(cpu, enc))
			return exc_raise_sync(cpu, 2, sys_syndrome(in), "HCR_EL2.TIDCP");
		return exc_raise_undef(cpu);
	}
	if (min_el > cpu->highest_el)
		return exc_raise_undef(cpu);
	if (cpu->el < min_el && !(cpu->el == 0 && (r->access & SRA_U)))
		return exc_raise_undef(cpu);
	if (!(r->access & (is_read ? SRA_R : SRA_W)))
		return exc_raise_undef(cpu);
	if (cpu->el == 0 && !is_read && (r->access & SRA_U_RO))
		return exc_raise_undef(cpu);
	if ((r->flags & SRF_RULES) && !sysreg_rules_allow(cpu, id, is_read))
		return exc_raise_undef(cpu);
	/* Secure-only registers (CNTPS_*_EL1) are UNDEFINED at Non-secure EL1. */
	if ((r->flags & SRF_SECURE) && cpu->el == 1 && !cpu_secure(cpu))
		return exc_raise_undef(cpu);
	return sysreg_trap(cpu, in, r->traps, is_read);
}

uint64_t sysreg_read(const struct cpu *cpu, unsigned id)
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
	/* EL1 reads of MIDR_EL1/MPIDR_EL1 return VPIDR_EL2/VMPIDR_EL2 when EL2 is enabled. */
	case SR_MIDR_EL1:
		return cpu->el == 1 && cpu_el2_enabled(cpu) ? cpu->sr[SR_VPIDR_EL2] : cpu->sr[id];
	case SR_MPIDR_EL1:
		return cpu->el == 1 && cpu_el2_enabled(cpu) ? cpu->sr[SR_VMPIDR_EL2] : cpu->sr[id];
	/* The PMU's CLR registers read the state their SET twins hold. */
	case SR_PMCNTENCLR_EL0: return cpu->sr[SR_PMCNTENSET_EL0];
	case SR_PMOVSCLR_EL0: return cpu->sr[SR_PMOVSSET_EL0];
	case SR_PMINTENCLR_EL1: return cpu->sr[SR_PMINTENSET_EL1];
	default:
		if (sysreg_table[id].flags & SRF_TIMER)
			return timer_read(cpu, (enum sysreg_id)id);
		return cpu->sr[id];
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
	/* PMU SET/CLR pairs: one state; writing 1s sets or clears those bits. */
	case SR_PMCNTENSET_EL0:
	case SR_PMOVSSET_EL0:
	case SR_PMINTENSET_EL1: cpu->sr[id] |= v & sysreg_table[id].wmask; return;
	case SR_PMCNTENCLR_EL0: cpu->sr[SR_PMCNTENSET_EL0] &= ~(v & sysreg_table[id].wmask); return;
	case SR_PMOVSCLR_EL0: cpu->sr[SR_PMOVSSET_EL0] &= ~(v & sysreg_table[id].wmask); return;
	case SR_PMINTENCLR_EL1: cpu->sr[SR_PMINTENSET_EL1] &= ~(v & sysreg_table[id].wmask); return;
	/* OSLAR_EL1.OSLK [0] sets or clears the OS lock, seen in OSLSR_EL1.OSLK [1]. */
	case SR_OSLAR_EL1:
		cpu->sr[SR_OSLSR_EL1] = (cpu->sr[SR_OSLSR_EL1] & ~2ull) | ((v & 1) << 1);
		return;
	/* HCR_EL2.HCD [29] is RES0 when EL3 is implemented. */
	case SR_HCR_EL2:
		if (cpu->highest_el == 3)
			v &= ~HCR_EL2_HCD;
		break;
	default:
		if (sysreg_table[id].flags & SRF_GIC) {
			gic_sysreg_write(cpu, id, v);
			return;
		}
		if (sysreg_table[id].flags & SRF_TIMER) {
			timer_write(cpu, id, v);
			return;
		}
		break;
	}
	uint64_t old = cpu->sr[id];
	sysreg_store(cpu->sr, id, v);
	if (sysreg_table[id].flags & SRF_TLB)
		tlb_sysreg_written(cpu, id, old);
	if (sysreg_table[id].flags & SRF_IRQ)
		irq_recheck(cpu);
}

int exec_mrs(struct cpu *cpu, const struct insn *in)
{
	int st = sysreg_check(cpu, in, true);
	if (st)
		return st;
	unsigned id = (unsigned)in->imm2;
	/* GIC registers have read side effects (acknowledge): not a const read. */
	uint64_t v = (sysreg_table[id].flags & SRF_GIC) ? gic_sysreg_read(cpu, (enum sysreg_id)id)
	                                                : sysreg_read(cpu, id);
	x_write(cpu, in->rd, v);
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

/*
 * The AT operations: the regime (by EL) and the kind of access each
 * translates as. S1E0* check EL0 permissions; S1E0* and S1E1* stop at
 * stage 1 (their output is the IPA); S12E* go through both stages.
 */
static int sys_at(struct cpu *cpu, enum sysreg_id id, uint64_t va)
{
	static const struct {
		enum sysreg_id id;
		uint8_t el;
		uint8_t access;
	} ops[] = {
	        {SR_AT_S1E1R, 1, MMU_READ | MMU_S1ONLY},
	        {SR_AT_S1E1W, 1, MMU_WRITE | MMU_S1ONLY},
	        {SR_AT_S1E0R, 1, MMU_READ | MMU_UNPRIV | MMU_S1ONLY},
	        {SR_AT_S1E0W, 1, MMU_WRITE | MMU_UNPRIV | MMU_S1ONLY},
	        {SR_AT_S12E1R, 1, MMU_READ},
	        {SR_AT_S12E1W, 1, MMU_WRITE},
	        {SR_AT_S12E0R, 1, MMU_READ | MMU_UNPRIV},
	        {SR_AT_S12E0W, 1, MMU_WRITE | MMU_UNPRIV},
	        {SR_AT_S1E2R, 2, MMU_READ},
	        {SR_AT_S1E2W, 2, MMU_WRITE},
	        {SR_AT_S1E3R, 3, MMU_READ},
	        {SR_AT_S1E3W, 3, MMU_WRITE},
	};
	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (ops[i].id == id)
			return mem_at(cpu, ops[i].el, va, ops[i].access);
	return exc_raise_undef(cpu);
}

/*
 * SYS: DC, IC, TLBI, AT. No cache is modelled (memory is coherent and a
 * store to code drops its decoded instructions), so cache maintenance has
 * no effect beyond its traps; TLBI drops the soft-TLB entries its form
 * names (cpu/tlb.c); AT translates and writes PAR_EL1.
 */
int exec_sys(struct cpu *cpu, const struct insn *in)
{
	int st = sysreg_check(cpu, in, false);
	if (st)
		return st;
	uint16_t flags = sysreg_table[in->imm2].flags;
	if (flags & SRF_ZVA)
		return mem_dc_zva(cpu, x_read(cpu, in->rd));
	if (flags & SRF_AT)
		return sys_at(cpu, (enum sysreg_id)in->imm2, x_read(cpu, in->rd));
	if (flags & SRF_TLB)
		tlb_tlbi(cpu, (unsigned)in->imm2, x_read(cpu, in->rd));
	return EXEC_NEXT;
}
