/*
 * The slow path of memory access: translation (cpu/mmu.c), the alignment
 * rules, RAM vs MMIO, the faults and their syndromes, and the soft-TLB
 * refill.
 */
#include "mem.h"
#include "fields.h"

#include <stdio.h>

#include "mmu.h"
#include "syndrome.h"

#define DC_ZVA_BLOCK 64

static uint64_t mem_sctlr(const struct cpu *cpu)
{
	static const enum sysreg_id sctlr_of[4] = {SR_SCTLR_EL1, SR_SCTLR_EL1, SR_SCTLR_EL2,
	                                           SR_SCTLR_EL3};
	return cpu->sr[sctlr_of[cpu->el]];
}

static int mem_data_abort_to(struct cpu *cpu, unsigned el, uint64_t va, unsigned fsc, bool is_write,
                             const char *cause)
{
	uint32_t iss = fsc | (is_write ? DABT_ISS_WNR : 0);
	return exc_raise_sync_far(cpu, el, syn_data_abort(el == cpu->el, iss), va, cause);
}

static int mem_data_abort(struct cpu *cpu, uint64_t va, unsigned fsc, bool is_write,
                          const char *cause)
{
	return mem_data_abort_to(cpu, exc_sync_default_el(cpu), va, fsc, is_write, cause);
}

/* A synchronous External abort: nothing answered at the PA. */
static int mem_external_abort(struct cpu *cpu, uint64_t va, bool is_write)
{
	const char *cause;
	unsigned el = exc_external_abort_el(cpu, &cause);
	return mem_data_abort_to(cpu, el, va, FSC_SEA, is_write, cause);
}

int mem_fault_alignment(struct cpu *cpu, uint64_t va, bool is_write)
{
	return mem_data_abort(cpu, va, FSC_ALIGNMENT, is_write, "alignment");
}

int mem_check_align(struct cpu *cpu, uint64_t va, unsigned align, bool is_write)
{
	if (likely((va & (align - 1)) == 0))
		return 0;
	return mem_fault_alignment(cpu, va, is_write);
}

int mem_check_sp_slow(struct cpu *cpu, uint64_t sp)
{
	uint64_t enable = cpu->el == 0 ? SCTLR_SA0 : SCTLR_SA;
	if ((sp & 15) == 0 || !(mem_sctlr(cpu) & enable))
		return 0;
	return exc_raise_sync(cpu, exc_sync_default_el(cpu), syn_sp_align(),
	                      cpu->el == 0 ? "SCTLR_EL1.SA0" : "SCTLR_ELx.SA");
}

/* ---- translation and its faults ---- */

/* Descriptors come from RAM only: anything else is an External abort on the walk. */
static int mem_read_desc(void *opaque, uint64_t pa, uint64_t *desc)
{
	struct cpu *cpu = opaque;
	uint64_t off = pa - cpu->bus.ram_base;
	if (off >= cpu->bus.ram_size || (pa & 7))
		return -1;
	memcpy(desc, cpu->bus.ram + off, 8);
	return 0;
}

static void mem_mmu_ctx(struct cpu *cpu, struct mmu_ctx *ctx)
{
	*ctx = (struct mmu_ctx){
	        .sr = cpu->sr,
	        .el = cpu->el,
	        .el2_enabled = cpu_el2_enabled(cpu),
	        .read_desc = mem_read_desc,
	        .opaque = cpu,
	};
}

static bool mem_fsc_is_walk_sea(unsigned fsc)
{
	return (fsc & 0x3c) == FSC_SEA_WALK_L0;
}

/*
 * The ISV syndrome of a single general-purpose load or store without
 * writeback, reported only for stage-2 aborts (Arm ARM D19.2, ESR_ELx ISS
 * for a Data Abort: ISV [24], SAS [23:22], SSE [21], SRT [20:16], SF [15],
 * AR [14]); what a hypervisor needs to emulate the access.
 */
static uint32_t mem_isv_syndrome(unsigned size, unsigned flags)
{
	if (!(flags & MEMF_ISV))
		return 0;
	unsigned sas = size == 8 ? 3 : size == 4 ? 2 : size == 2 ? 1 : 0;
	return (1u << 24) | (sas << 22) | ((flags & MEMF_SSE) ? 1u << 21 : 0) |
	       (((flags >> MEMF_SRT_SHIFT) & 31) << 16) | ((flags & MEMF_SF) ? 1u << 15 : 0) |
	       ((flags & MEMF_AR) ? 1u << 14 : 0);
}

/*
 * Where a translation fault goes (AArch64.DataAbort, AArch64.InstructionAbort):
 * an External abort on a walk to EL3 under SCR_EL3.EA; otherwise any fault of
 * stage 2, External aborts on its own walk included (S2Translate marks them
 * secondstage), to EL2; the rest as External aborts or stage-1 faults are.
 */
static unsigned mem_translation_abort_el(struct cpu *cpu, const struct mmu_result *r,
                                         const char **cause)
{
	unsigned el = 0;
	if (mem_fsc_is_walk_sea(r->fsc))
		el = exc_external_abort_el(cpu, cause);
	if (el == 3 || (el && !r->stage2))
		return el;
	if (r->stage2) {
		*cause = "stage 2 (HCR_EL2.VM)";
		return 2;
	}
	*cause = "stage 1";
	return exc_sync_default_el(cpu);
}

/*
 * Raise the abort for a failed translation: a stage-2 fault goes to EL2
 * with HPFAR_EL2 = the faulting IPA [47:12] in bits [39:4]. S1PTW reports a
 * stage-2 fault on a stage-1 walk, whose accesses are reads (WnR 0).
 */
static int mem_translation_abort(struct cpu *cpu, uint64_t va, unsigned access, unsigned size,
                                 unsigned flags, const struct mmu_result *r)
{
	bool fetch = (access & 3) == MMU_FETCH, write = (access & 3) == MMU_WRITE;
	const char *cause;
	unsigned el = mem_translation_abort_el(cpu, r, &cause);
	if (r->stage2)
		cpu->sr[SR_HPFAR_EL2] = (r->ipa >> 12) << 4;
	uint32_t iss = r->fsc | (r->s1ptw ? 1u << 7 : 0);
	if (fetch)
		return exc_raise_sync_far(cpu, el, syn_insn_abort(el == cpu->el, iss), va, cause);
	if (write && !r->s1ptw)
		iss |= DABT_ISS_WNR;
	if (r->stage2 && !r->s1ptw)
		iss |= mem_isv_syndrome(size, flags);
	return exc_raise_sync_far(cpu, el, syn_data_abort(el == cpu->el, iss), va, cause);
}

/* Translate va; 0 with *r filled, or EXEC_EXC with the abort raised. */
static int mem_translate(struct cpu *cpu, uint64_t va, unsigned access, unsigned size,
                         unsigned flags, struct mmu_result *r)
{
	struct mmu_ctx ctx;
	mem_mmu_ctx(cpu, &ctx);
	if (flags & MEMF_UNPRIV)
		access |= MMU_UNPRIV;
	mmu_translate(&ctx, va, access, r);
	if (unlikely(r->fault))
		return mem_translation_abort(cpu, va, access, size, flags, r);
	return 0;
}

static uint8_t *mem_ram_host(const struct cpu *cpu, uint64_t pa)
{
	uint64_t off = pa - cpu->bus.ram_base;
	return off < cpu->bus.ram_size ? cpu->bus.ram + off : NULL;
}

/* Cache the page of va; span is the translating mapping's size - 1 (for TLBI by VA). */
static void mem_tlb_fill(struct cpu *cpu, enum tlb_kind kind, uint64_t va, uint8_t *host,
                         uint64_t span)
{
	unsigned i = (va >> PAGE_SHIFT) & (TLB_SIZE - 1);
	struct tlb_entry *e = &cpu->tlb[cpu->el]->e[kind][i];
	cpu->tlb[cpu->el]->span[kind][i] = span;
	e->tag = va & PAGE_MASK;
	e->addend = (uintptr_t)host - (uintptr_t)(va & PAGE_MASK);
}

static bool mem_page_has_code(const struct cpu *cpu, uint64_t pa)
{
	return cpu->dcache[(pa - cpu->bus.ram_base) >> PAGE_SHIFT] != NULL;
}

/* A device access on the board; -1 when nothing answers at pa. */
static int mem_mmio(struct cpu *cpu, uint64_t pa, unsigned size, uint64_t *val, bool write)
{
	if (write)
		return cpu->bus.mmio_write ? cpu->bus.mmio_write(cpu->bus.opaque, pa, size, *val)
		                           : -1;
	return cpu->bus.mmio_read ? cpu->bus.mmio_read(cpu->bus.opaque, pa, size, val) : -1;
}

/*
 * One data access on the slow path. The order of the checks follows the
 * Arm ARM's priorities: the alignment checks that need no translation
 * (SCTLR_ELx.A, exclusives and atomics) first, then translation faults,
 * then the Alignment fault of an unaligned access to Device memory. A
 * misaligned access to Normal memory within one RAM page is one host
 * access; otherwise (crossing a page, or MMIO) it is done byte by byte.
 */
static int mem_access_slow(struct cpu *cpu, uint64_t va, unsigned size, uint64_t *val,
                           unsigned flags, bool write)
{
	bool misaligned = (va & (size - 1)) != 0;
	if (misaligned && ((flags & MEMF_ALIGNED) || (mem_sctlr(cpu) & SCTLR_A)))
		return mem_fault_alignment(cpu, va, write);
	struct mmu_result r;
	int st = mem_translate(cpu, va, write ? MMU_WRITE : MMU_READ, size, flags, &r);
	if (st)
		return st;
	uint8_t *host = mem_ram_host(cpu, r.pa);
	bool one_page = (va & ~PAGE_MASK) + size <= PAGE_SIZE;
	if (misaligned && (r.device || !host || !one_page)) {
		if (r.device)
			return mem_fault_alignment(cpu, va, write);
		uint64_t v = write ? *val : 0, b;
		for (unsigned i = 0; i < size; i++) {
			b = (v >> (8 * i)) & 0xff;
			st = mem_access_slow(cpu, va + i, 1, &b, flags & ~MEMF_ISV, write);
			if (st)
				return st;
			if (!write)
				v |= b << (8 * i);
		}
		if (!write)
			*val = v;
		return 0;
	}
	if (host) {
		if (write && mem_page_has_code(cpu, r.pa))
			cpu_code_written(cpu, r.pa);
		else if (!(flags & MEMF_UNPRIV) && !misaligned)
			mem_tlb_fill(cpu, write ? TLB_WRITE : TLB_READ, va,
			             host - (r.pa & ~PAGE_MASK), r.block_size - 1);
		if (write)
			mem_store_host(host, size, *val);
		else
			*val = mem_load_host(host, size);
		return 0;
	}
	if (mem_mmio(cpu, r.pa, size, val, write) == 0)
		return 0;
	return mem_external_abort(cpu, va, write);
}

int mem_read_slow(struct cpu *cpu, uint64_t va, unsigned size, uint64_t *val, unsigned flags)
{
	return mem_access_slow(cpu, va, size, val, flags, false);
}

int mem_write_slow(struct cpu *cpu, uint64_t va, unsigned size, uint64_t val, unsigned flags)
{
	return mem_access_slow(cpu, va, size, &val, flags, true);
}

int mem_fetch_slow(struct cpu *cpu, uint64_t pc, const uint8_t **host)
{
	struct mmu_result r;
	int st = mem_translate(cpu, pc, MMU_FETCH, 4, 0, &r);
	if (st)
		return st;
	uint8_t *h = mem_ram_host(cpu, r.pa);
	if (!h) {
		const char *cause;
		unsigned el = exc_external_abort_el(cpu, &cause);
		return exc_raise_sync_far(cpu, el, syn_insn_abort(el == cpu->el, FSC_SEA), pc,
		                          cause);
	}
	mem_tlb_fill(cpu, TLB_FETCH, pc, h - (r.pa & ~PAGE_MASK), r.block_size - 1);
	*host = h;
	return 0;
}

int mem_dc_zva(struct cpu *cpu, uint64_t va)
{
	uint64_t block = va & ~(uint64_t)(DC_ZVA_BLOCK - 1);
	struct mmu_result r;
	int st = mem_translate(cpu, block, MMU_WRITE, DC_ZVA_BLOCK, 0, &r);
	if (st)
		return st;
	/* DC ZVA to Device memory is an Alignment fault. */
	if (r.device)
		return mem_fault_alignment(cpu, va, true);
	for (unsigned off = 0; off < DC_ZVA_BLOCK; off += 8) {
		st = mem_write(cpu, block + off, 8, 0, 0);
		if (st)
			return st;
	}
	return 0;
}

/*
 * AT (Arm ARM C5.5 "A64 system instructions for address translation";
 * PAR_EL1 in D19.2): translate va as an access of kind `access` by EL el's
 * regime and write the result to PAR_EL1: on success ATTR [63:56], PA
 * [47:12], NS [9] (el2sim's PE is Non-secure below EL3), SH [8:7] (Normal
 * inner shareable, Device outer shareable), RES1 [11]; on a fault F [0],
 * FST [6:1], PTW [8], S [9]. A stage-2 fault on a stage-1 walk of an AT
 * executed at EL1 is taken to EL2 instead, as the Arm ARM requires.
 */
int mem_at(struct cpu *cpu, unsigned el, uint64_t va, unsigned access)
{
	struct mmu_ctx ctx;
	struct mmu_result r;
	mem_mmu_ctx(cpu, &ctx);
	ctx.el = (uint8_t)el;
	mmu_translate(&ctx, va, access | MMU_AT, &r);
	uint64_t par = 1ull << 11;
	if (r.fault) {
		if (r.stage2 && r.s1ptw && cpu->el == 1)
			return mem_translation_abort(cpu, va, MMU_READ, 8, 0, &r);
		par |= 1 | ((uint64_t)r.fsc << 1) | (r.s1ptw ? 1ull << 8 : 0) |
		       (r.stage2 ? 1ull << 9 : 0);
	} else {
		bool ns = !(cpu->highest_el == 3 && el < 3 && !(cpu->sr[SR_SCR_EL3] & SCR_EL3_NS));
		par |= ((uint64_t)r.mair_attr << 56) | (r.pa & 0x0000fffffffff000ull) |
		       (ns ? 1ull << 9 : 0) | ((r.device ? 2ull : 3ull) << 7);
	}
	cpu->sr[SR_PAR_EL1] = par;
	return 0;
}

/* One pass over [va, va + len): -1 at the first byte that is not RAM; copy or only check. */
static int mem_debug_pass(struct cpu *cpu, unsigned el, uint64_t va, uint8_t *p, uint64_t len,
                          bool is_write, bool copy)
{
	struct mmu_ctx ctx;
	mem_mmu_ctx(cpu, &ctx);
	ctx.el = (uint8_t)el;
	while (len) {
		uint64_t chunk = PAGE_SIZE - (va & ~PAGE_MASK);
		if (chunk > len)
			chunk = len;
		struct mmu_result r;
		mmu_translate(&ctx, va, MMU_READ | MMU_AT, &r);
		uint8_t *host = r.fault ? NULL : mem_ram_host(cpu, r.pa);
		if (!host || !mem_ram_host(cpu, r.pa + chunk - 1))
			return -1;
		if (copy && is_write) {
			memcpy(host, p, chunk);
			cpu_code_written(cpu, r.pa);
		} else if (copy) {
			memcpy(p, host, chunk);
		}
		va += chunk;
		p += chunk;
		len -= chunk;
	}
	return 0;
}

/*
 * Debugger access by VA in EL el's translation regime: translated, no fault
 * raised, all or nothing: the first pass checks that every byte is RAM, the
 * second copies.
 */
static int mem_debug_copy(struct cpu *cpu, unsigned el, uint64_t va, void *buf, uint64_t len,
                          bool is_write)
{
	for (int pass = 0; pass < 2; pass++)
		if (mem_debug_pass(cpu, el, va, buf, len, is_write, pass == 1))
			return -1;
	return 0;
}

int mem_debug_read(struct cpu *cpu, uint64_t va, void *buf, uint64_t len)
{
	return mem_debug_copy(cpu, cpu->el, va, buf, len, false);
}

int mem_debug_read_el(struct cpu *cpu, unsigned el, uint64_t va, void *buf, uint64_t len)
{
	return mem_debug_copy(cpu, el, va, buf, len, false);
}

int mem_debug_write(struct cpu *cpu, uint64_t va, const void *buf, uint64_t len)
{
	return mem_debug_copy(cpu, cpu->el, va, (void *)buf, len, true);
}
