/*
 * The slow path of data memory access: translation (identity until the MMU
 * lands), alignment rules, RAM vs MMIO, faults, and the soft-TLB refill.
 */
#include "mem.h"

#include <stdio.h>

#include "syndrome.h"

/* ID_AA64MMFR0_EL1.PARange = 0b0010: 40-bit physical addresses. */
#define PA_BITS 40

#define SCTLR_M      (1ull << 0)
#define SCTLR_A      (1ull << 1)
#define SCTLR_SA     (1ull << 3)
#define SCTLR_SA0    (1ull << 4)
#define HCR_DC       (1ull << 12)
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

int mem_check_sp(struct cpu *cpu, uint64_t sp)
{
	uint64_t enable = cpu->el == 0 ? SCTLR_SA0 : SCTLR_SA;
	if (likely((sp & 15) == 0 || !(mem_sctlr(cpu) & enable)))
		return 0;
	return exc_raise_sync(cpu, exc_sync_default_el(cpu), syn_sp_align(),
	                      cpu->el == 0 ? "SCTLR_EL1.SA0" : "SCTLR_ELx.SA");
}

/*
 * Are data accesses to Device memory? Stage 1 is not implemented yet, so
 * translation is always off, and then data accesses are Device-nGnRnE
 * (Arm ARM D8.2.10? "Behavior when stage 1 address translation is
 * disabled") -- except in the EL1&0 regime with HCR_EL2.DC set, where they
 * are Normal, Write-Back.
 */
static bool mem_is_device(const struct cpu *cpu)
{
	return !(cpu->el <= 1 && cpu_el2_enabled(cpu) && (cpu->sr[SR_HCR_EL2] & HCR_DC));
}

/*
 * Must a misaligned access fault? Yes when SCTLR_ELx.A is set, and for any
 * access to Device memory.
 */
static bool mem_misaligned_faults(const struct cpu *cpu)
{
	return (mem_sctlr(cpu) & SCTLR_A) || mem_is_device(cpu);
}

/*
 * Translate va for a data access. Stage 1 is not implemented yet: with it
 * off the PA is the VA, and a VA beyond the implemented PA size is an
 * Address size fault at level 0 (Arm ARM D8.2.10?).
 */
static int mem_translate(struct cpu *cpu, uint64_t va, bool is_write, uint64_t *pa)
{
	static bool warned;
	if (unlikely((mem_sctlr(cpu) & SCTLR_M) && !warned)) {
		warned = true;
		fprintf(stderr, "el2sim: note: SCTLR_ELx.M is set but stage 1 translation is not "
		                "implemented yet; addresses are used untranslated\n");
	}
	if (unlikely(va >> PA_BITS))
		return mem_data_abort(cpu, va, FSC_ADDR_SIZE_L0, is_write, "address size");
	*pa = va;
	return 0;
}

static uint8_t *mem_ram_host(const struct cpu *cpu, uint64_t pa)
{
	uint64_t off = pa - cpu->bus.ram_base;
	return off < cpu->bus.ram_size ? cpu->bus.ram + off : NULL;
}

static void mem_tlb_fill(struct cpu *cpu, enum tlb_kind kind, uint64_t va, uint8_t *host)
{
	struct tlb_entry *e = &cpu->tlb[cpu->el][kind][(va >> PAGE_SHIFT) & (TLB_SIZE - 1)];
	e->tag = va & PAGE_MASK;
	e->addend = (uintptr_t)host - (uintptr_t)(va & PAGE_MASK);
}

static bool mem_page_has_code(const struct cpu *cpu, uint64_t pa)
{
	return cpu->dcache[(pa - cpu->bus.ram_base) >> PAGE_SHIFT] != NULL;
}

int mem_read_slow(struct cpu *cpu, uint64_t va, unsigned size, uint64_t *val, unsigned flags)
{
	if (va & (size - 1)) {
		if ((flags & MEMF_ALIGNED) || mem_misaligned_faults(cpu))
			return mem_fault_alignment(cpu, va, false);
		uint64_t v = 0, b;
		for (unsigned i = 0; i < size; i++) {
			int st = mem_read_slow(cpu, va + i, 1, &b, flags);
			if (st)
				return st;
			v |= b << (8 * i);
		}
		*val = v;
		return 0;
	}
	uint64_t pa;
	int st = mem_translate(cpu, va, false, &pa);
	if (st)
		return st;
	uint8_t *host = mem_ram_host(cpu, pa);
	if (host) {
		mem_tlb_fill(cpu, TLB_READ, va, host - (pa & ~PAGE_MASK));
		*val = mem_load_host(host, size);
		return 0;
	}
	if (cpu->bus.mmio_read && cpu->bus.mmio_read(cpu->bus.opaque, pa, size, val) == 0)
		return 0;
	return mem_external_abort(cpu, va, false);
}

int mem_write_slow(struct cpu *cpu, uint64_t va, unsigned size, uint64_t val, unsigned flags)
{
	if (va & (size - 1)) {
		if ((flags & MEMF_ALIGNED) || mem_misaligned_faults(cpu))
			return mem_fault_alignment(cpu, va, true);
		for (unsigned i = 0; i < size; i++) {
			int st = mem_write_slow(cpu, va + i, 1, val >> (8 * i), flags);
			if (st)
				return st;
		}
		return 0;
	}
	uint64_t pa;
	int st = mem_translate(cpu, va, true, &pa);
	if (st)
		return st;
	uint8_t *host = mem_ram_host(cpu, pa);
	if (host) {
		if (mem_page_has_code(cpu, pa))
			cpu_code_written(cpu, pa);
		else
			mem_tlb_fill(cpu, TLB_WRITE, va, host - (pa & ~PAGE_MASK));
		mem_store_host(host, size, val);
		return 0;
	}
	if (cpu->bus.mmio_write && cpu->bus.mmio_write(cpu->bus.opaque, pa, size, val) == 0)
		return 0;
	return mem_external_abort(cpu, va, true);
}

int mem_dc_zva(struct cpu *cpu, uint64_t va)
{
	if (mem_is_device(cpu))
		return mem_fault_alignment(cpu, va, true);
	uint64_t block = va & ~(uint64_t)(DC_ZVA_BLOCK - 1);
	for (unsigned off = 0; off < DC_ZVA_BLOCK; off += 8) {
		int st = mem_write(cpu, block + off, 8, 0, 0);
		if (st)
			return st;
	}
	return 0;
}

static int mem_debug_copy(struct cpu *cpu, uint64_t va, void *buf, uint64_t len, bool is_write)
{
	uint8_t *p = buf;
	while (len) {
		uint64_t chunk = PAGE_SIZE - (va & ~PAGE_MASK);
		if (chunk > len)
			chunk = len;
		/* Identity until stage 1 lands; the range check below stands either way. */
		uint8_t *host = va >> PA_BITS ? NULL : mem_ram_host(cpu, va);
		if (!host || !mem_ram_host(cpu, va + chunk - 1))
			return -1;
		if (is_write) {
			memcpy(host, p, chunk);
			cpu_code_written(cpu, va);
		} else {
			memcpy(p, host, chunk);
		}
		va += chunk;
		p += chunk;
		len -= chunk;
	}
	return 0;
}

int mem_debug_read(struct cpu *cpu, uint64_t va, void *buf, uint64_t len)
{
	return mem_debug_copy(cpu, va, buf, len, false);
}

int mem_debug_write(struct cpu *cpu, uint64_t va, const void *buf, uint64_t len)
{
	return mem_debug_copy(cpu, va, (void *)buf, len, true);
}
