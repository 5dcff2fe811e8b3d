/*
 * Soft-TLB sets and their maintenance (cpu/tlb.h). What a TLBI must
 * invalidate follows Arm ARM D8.13 ("TLB maintenance instructions"): by VA
 * (with or without an ASID: every entry that translates the VA in the
 * current VMID; a block mapping's whole span), by ASID, by VMID (VMALLE1,
 * VMALLS12E1, and the by-IPA forms, whose IPA el2sim's combined entries do
 * not record), every EL1&0 entry (ALLE1), the EL2 or EL3 regime's. The
 * range forms invalidate their regime's whole context. Invalidating more
 * than asked is permitted; less never happens.
 */
#include "tlb.h"

#include <string.h>

#include "cpu.h"
#include "fields.h"

#define TCR_EL1_A1 (1ull << 22)
#define TCR_EL1_AS (1ull << 36)

static void tlb_set_clear(struct tlb_set *s)
{
	for (unsigned k = 0; k < TLB_KINDS; k++)
		for (unsigned i = 0; i < TLB_SIZE; i++)
			s->e[k][i].tag = ~0ull;
}

static void tlb_point(struct cpu *cpu)
{
	cpu_fetch_forget(cpu, FETCH_EL10); /* EL0 and EL1 may now use another context */
	cpu->tlb[0] = &cpu->tlb_ctx[cpu->tlb_cur].el[0];
	cpu->tlb[1] = &cpu->tlb_ctx[cpu->tlb_cur].el[1];
	cpu->tlb[2] = &cpu->tlb_el2;
	cpu->tlb[3] = &cpu->tlb_el3;
}

static void tlb_context_clear(struct tlb_context *c)
{
	tlb_set_clear(&c->el[0]);
	tlb_set_clear(&c->el[1]);
}

void tlb_flush_el10(struct cpu *cpu)
{
	cpu_fetch_forget(cpu, FETCH_EL10);
	for (unsigned i = 0; i < TLB_CONTEXTS; i++)
		tlb_context_clear(&cpu->tlb_ctx[i]);
}

void tlb_flush_el2(struct cpu *cpu)
{
	cpu_fetch_forget(cpu, FETCH_EL2);
	tlb_set_clear(&cpu->tlb_el2);
}

void tlb_flush_el3(struct cpu *cpu)
{
	cpu_fetch_forget(cpu, FETCH_EL3);
	tlb_set_clear(&cpu->tlb_el3);
}

void cpu_tlb_flush(struct cpu *cpu)
{
	tlb_flush_el10(cpu);
	tlb_flush_el2(cpu);
	tlb_flush_el3(cpu);
	tlb_point(cpu);
}

void cpu_tlb_drop_writes(struct cpu *cpu)
{
	for (unsigned c = 0; c < TLB_CONTEXTS; c++)
		for (unsigned el = 0; el < 2; el++)
			for (unsigned i = 0; i < TLB_SIZE; i++)
				cpu->tlb_ctx[c].el[el].e[TLB_WRITE][i].tag = ~0ull;
	for (unsigned i = 0; i < TLB_SIZE; i++) {
		cpu->tlb_el2.e[TLB_WRITE][i].tag = ~0ull;
		cpu->tlb_el3.e[TLB_WRITE][i].tag = ~0ull;
	}
}

/* The current ASID: TTBR0_EL1 or TTBR1_EL1 (TCR_EL1.A1) [63:48], 8 bits unless TCR_EL1.AS. */
static uint32_t tlb_asid(const struct cpu *cpu)
{
	uint64_t tcr = cpu->sr[SR_TCR_EL1];
	uint64_t ttbr = cpu->sr[(tcr & TCR_EL1_A1) ? SR_TTBR1_EL1 : SR_TTBR0_EL1];
	return (uint32_t)(ttbr >> 48) & ((tcr & TCR_EL1_AS) ? 0xffffu : 0xffu);
}

/* The current VMID, VTTBR_EL2 [55:48] (8-bit VMIDs), when stage 2 applies. */
static uint32_t tlb_vmid(const struct cpu *cpu)
{
	if (!cpu_el2_enabled(cpu) || !(cpu->sr[SR_HCR_EL2] & (HCR_EL2_VM | HCR_EL2_DC)))
		return TLB_NO_VMID;
	return (uint32_t)(cpu->sr[SR_VTTBR_EL2] >> 48) & 0xffu;
}

void tlb_select_context(struct cpu *cpu)
{
	uint32_t asid = tlb_asid(cpu), vmid = tlb_vmid(cpu);
	unsigned pick = 0;
	for (unsigned i = 0; i < TLB_CONTEXTS; i++) {
		struct tlb_context *c = &cpu->tlb_ctx[i];
		if (c->stamp && c->asid == asid && c->vmid == vmid) {
			pick = i;
			goto found;
		}
		if (c->stamp < cpu->tlb_ctx[pick].stamp)
			pick = i;
	}
	/* A new context takes the least recently selected set. */
	tlb_context_clear(&cpu->tlb_ctx[pick]);
	cpu->tlb_ctx[pick].asid = asid;
	cpu->tlb_ctx[pick].vmid = vmid;
found:
	cpu->tlb_ctx[pick].stamp = ++cpu->tlb_stamp;
	cpu->tlb_cur = pick;
	tlb_point(cpu);
}

/* Invalidate the entries of s that translate va, a block mapping's whole span included. */
static void tlb_set_invalidate_va(struct tlb_set *s, uint64_t va)
{
	for (unsigned k = 0; k < TLB_KINDS; k++)
		for (unsigned i = 0; i < TLB_SIZE; i++) {
			struct tlb_entry *e = &s->e[k][i];
			if (e->tag != ~0ull && !((e->tag ^ va) & ~s->span[k][i] & PAGE_MASK))
				e->tag = ~0ull;
		}
}

enum tlbi_scope { BY_VA, BY_ASID, BY_VMID, ALL };

/* The EL1&0 contexts a TLBI of this scope reaches, in the current VMID. */
static void tlb_el10_invalidate(struct cpu *cpu, enum tlbi_scope scope, uint64_t va, uint32_t asid)
{
	uint32_t vmid = tlb_vmid(cpu);
	for (unsigned i = 0; i < TLB_CONTEXTS; i++) {
		struct tlb_context *c = &cpu->tlb_ctx[i];
		if (scope != ALL && c->vmid != vmid)
			continue;
		if (scope == BY_ASID && c->asid != asid)
			continue;
		if (scope == BY_VA) {
			tlb_set_invalidate_va(&c->el[0], va);
			tlb_set_invalidate_va(&c->el[1], va);
		} else {
			tlb_context_clear(c);
		}
	}
}

/*
 * The operand of the by-VA forms: VA[55:12] in Xt[43:0], sign-extended from
 * bit 55 as the VA was; the ASID in Xt[63:48].
 */
static uint64_t tlbi_va(uint64_t xt)
{
	return (uint64_t)((int64_t)((xt & ((1ull << 44) - 1)) << 20) >> 8);
}

/* What each TLBI row invalidates: its regime (1: EL1&0, 2, 3) and scope. */
struct tlbi_op {
	uint8_t regime;
	uint8_t scope; /* enum tlbi_scope */
};

static struct tlbi_op tlbi_ops[SR_COUNT];

/*
 * Classify the TLBI rows once, by their Arm ARM names (D8.13, "TLB
 * maintenance instructions"): the regime is the E1/E2/E3 they name (E1:
 * the EL1&0 regime, VMALLS12E1, IPAS2E1 and ALLE1 included); VA* and VAL*
 * reach one VA; ASIDE1 one ASID; ALLE1 every VMID; the rest (VMALLE1,
 * VMALLS12E1, IPAS2*, the range forms R*, which el2sim widens) the current
 * VMID's whole EL1&0 regime, or the whole EL2/EL3 set.
 */
void tlb_init(void)
{
	for (unsigned id = 1; id < SR_COUNT; id++) {
		const char *name = sysreg_table[id].name;
		if (strncmp(name, "TLBI_", 5))
			continue;
		const char *op = name + 5;
		struct tlbi_op *t = &tlbi_ops[id];
		t->regime = strstr(op, "E3") ? 3 : strstr(op, "E2") ? 2 : 1;
		t->scope = !strncmp(op, "VA", 2)       ? BY_VA
		           : !strncmp(op, "ASIDE1", 6) ? BY_ASID
		           : !strncmp(op, "ALLE1", 5)  ? ALL
		                                       : BY_VMID;
	}
}

/*
 * The run loop follows branches within a page without a fetch: when the
 * translation may have changed (TLBI, a translation register written), it
 * must come out and fetch again (cpu/run.c). The Arm ARM lets a change reach
 * instruction fetch as late as the next context synchronization event; this
 * is earlier, which is permitted. Only the regime the PE fetches through
 * matters (1: EL1&0, 2, 3; 0: all): a hypervisor writing an EL1 register
 * at EL2 fetches again anyway when its ERET changes the EL.
 */
static void tlb_refetch(struct cpu *cpu, unsigned regime)
{
	unsigned current = cpu->el <= 1 ? 1 : cpu->el;
	if (regime == 0 || regime == current)
		cpu->slice_end = 0;
}

void tlb_tlbi(struct cpu *cpu, unsigned id, uint64_t xt)
{
	const struct tlbi_op *t = &tlbi_ops[id];
	tlb_refetch(cpu, t->regime);
	cpu_fetch_forget(cpu, t->regime == 1 ? FETCH_EL10 : t->regime == 2 ? FETCH_EL2 : FETCH_EL3);
	if (t->regime != 1) {
		struct tlb_set *s = t->regime == 3 ? &cpu->tlb_el3 : &cpu->tlb_el2;
		if (t->scope == BY_VA)
			tlb_set_invalidate_va(s, tlbi_va(xt));
		else
			tlb_set_clear(s);
		return;
	}
	tlb_el10_invalidate(cpu, (enum tlbi_scope)t->scope, tlbi_va(xt),
	                    (uint32_t)(xt >> 48) & 0xffff);
}

/*
 * A write to a register that shapes translation. A new ASID or VMID is a
 * context switch: another set, nothing flushed (entries are tagged). Other
 * changes invalidate the regime they belong to (the Arm ARM would also let
 * stale entries live until a TLBI; el2sim does not keep them).
 */
void tlb_sysreg_written(struct cpu *cpu, unsigned id, uint64_t old)
{
	uint64_t now = cpu->sr[id];
	if (now == old)
		return;
	switch (id) {
	case SR_TTBR0_EL1:
	case SR_TTBR1_EL1:
	case SR_VTTBR_EL2: tlb_refetch(cpu, 1); break;
	case SR_SCTLR_EL1:
	case SR_TCR_EL1:
	case SR_MAIR_EL1:
	case SR_VTCR_EL2:
		tlb_refetch(cpu, 1);
		tlb_flush_el10(cpu);
		break;
	case SR_SCTLR_EL2:
	case SR_TCR_EL2:
	case SR_TTBR0_EL2:
	case SR_MAIR_EL2:
		tlb_refetch(cpu, 2);
		tlb_flush_el2(cpu);
		return;
	case SR_SCTLR_EL3:
	case SR_TCR_EL3:
	case SR_TTBR0_EL3:
	case SR_MAIR_EL3:
		tlb_refetch(cpu, 3);
		tlb_flush_el3(cpu);
		return;
	case SR_HCR_EL2:
		tlb_refetch(cpu, 1);
		if ((old ^ now) & (HCR_EL2_VM | HCR_EL2_DC | HCR_EL2_TGE))
			tlb_flush_el10(cpu);
		break;
	default:
		tlb_refetch(cpu, 0);
		cpu_tlb_flush(cpu);
		break;
	}
	tlb_select_context(cpu);
}
