/*
 * Data memory access for instruction bodies: the soft-TLB fast path inline
 * (one compare, one add), everything else (a miss, misalignment, MMIO, a
 * write to a page holding decoded code, an access flagged below) in
 * mem_*_slow(). A return of 0 means done; anything else is EXEC_EXC with
 * cpu->exc filled (data abort, alignment fault), to be returned as is.
 *
 * Accesses are little-endian (SCTLR_ELx.EE = 0; mixed-endian is not
 * implemented and ID_AA64MMFR0_EL1.BigEnd says so).
 */
#ifndef EL2SIM_MEM_H
#define EL2SIM_MEM_H

#include <string.h>

#include "cpu.h"

/* Access flags */
#define MEMF_UNPRIV 1u /* LDTR/STTR: checked as an EL0 access */
#define MEMF_ALIGNED \
	2u /* alignment fault unless aligned to size (exclusives, atomics, acquire/release) */
/*
 * Flags that send an access to the slow path whatever the TLB says: LDTR/STTR
 * need EL0's permissions. MEMF_ALIGNED needs no flag here: the TLB compare
 * includes the address's low bits, so a misaligned access misses anyway.
 */
#define MEMF_SLOW      MEMF_UNPRIV
/*
 * The instruction syndrome of a single general-purpose load or store
 * without writeback, for a stage-2 Data Abort's ISV fields: the register
 * (SRT), sign extension (SSE), 64-bit register (SF), acquire/release (AR).
 */
#define MEMF_ISV       16u
#define MEMF_SSE       32u
#define MEMF_SF        64u
#define MEMF_AR        128u
#define MEMF_SRT_SHIFT 8 /* bits [12:8] */

int mem_read_slow(struct cpu *cpu, uint64_t va, unsigned size, uint64_t *val, unsigned flags);
/* Translate PC for a fetch and fill the fetch TLB: *host points at the word; 0 or EXEC_EXC. */
int mem_fetch_slow(struct cpu *cpu, uint64_t pc, const uint8_t **host);
int mem_write_slow(struct cpu *cpu, uint64_t va, unsigned size, uint64_t val, unsigned flags);

static inline uint64_t mem_load_host(const void *p, unsigned size)
{
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;
	switch (size) {
	case 1: memcpy(&v8, p, 1); return v8;
	case 2: memcpy(&v16, p, 2); return v16;
	case 4: memcpy(&v32, p, 4); return v32;
	default: memcpy(&v64, p, 8); return v64;
	}
}

static inline void mem_store_host(void *p, unsigned size, uint64_t v)
{
	uint8_t v8 = (uint8_t)v;
	uint16_t v16 = (uint16_t)v;
	uint32_t v32 = (uint32_t)v;
	switch (size) {
	case 1: memcpy(p, &v8, 1); break;
	case 2: memcpy(p, &v16, 2); break;
	case 4: memcpy(p, &v32, 4); break;
	default: memcpy(p, &v, 8); break;
	}
}

/*
 * The soft TLB's one-compare fast path for a read of size (1, 2, 4 or 8)
 * bytes at va: true with *val loaded (zero-extended), false on a miss.
 */
static inline bool mem_read_fast(struct cpu *cpu, uint64_t va, unsigned size, uint64_t *val)
{
	const struct tlb_entry *e =
	        &cpu->tlb[cpu->el]->e[TLB_READ][(va >> PAGE_SHIFT) & (TLB_SIZE - 1)];
	if (unlikely(e->tag != (va & (PAGE_MASK | (size - 1)))))
		return false;
	*val = mem_load_host((const void *)(uintptr_t)(va + e->addend), size);
	return true;
}

/* The same for a write of the low size bytes of val. */
static inline bool mem_write_fast(struct cpu *cpu, uint64_t va, unsigned size, uint64_t val)
{
	const struct tlb_entry *e =
	        &cpu->tlb[cpu->el]->e[TLB_WRITE][(va >> PAGE_SHIFT) & (TLB_SIZE - 1)];
	if (unlikely(e->tag != (va & (PAGE_MASK | (size - 1)))))
		return false;
	mem_store_host((void *)(uintptr_t)(va + e->addend), size, val);
	return true;
}

/* Read size (1, 2, 4 or 8) bytes at va, zero-extended into *val. */
static inline int mem_read(struct cpu *cpu, uint64_t va, unsigned size, uint64_t *val,
                           unsigned flags)
{
	if (likely(!(flags & MEMF_SLOW) && mem_read_fast(cpu, va, size, val)))
		return 0;
	return mem_read_slow(cpu, va, size, val, flags);
}

/* Write the low size (1, 2, 4 or 8) bytes of val at va. */
static inline int mem_write(struct cpu *cpu, uint64_t va, unsigned size, uint64_t val,
                            unsigned flags)
{
	if (likely(!(flags & MEMF_SLOW) && mem_write_fast(cpu, va, size, val)))
		return 0;
	return mem_write_slow(cpu, va, size, val, flags);
}

/*
 * Check that va is aligned to align bytes, raising an alignment fault (a data
 * abort with DFSC 0b100001) if not. For pair exclusives, which need the
 * alignment of the whole pair.
 */
int mem_check_align(struct cpu *cpu, uint64_t va, unsigned align, bool is_write);

/* Raise an alignment fault for an access at va; returns EXEC_EXC. */
int mem_fault_alignment(struct cpu *cpu, uint64_t va, bool is_write);

/*
 * The SP alignment check (Arm ARM D1.3.10? "SP alignment checking"): when
 * SCTLR_ELx.SA (SA0 at EL0) is 1, a load or store whose base register is SP
 * faults unless SP is 16-byte aligned. Call with the base value when Rn is 31;
 * returns 0 or EXEC_EXC. An aligned SP never faults, so only a misaligned
 * one reads SCTLR, out of line.
 */
int mem_check_sp_slow(struct cpu *cpu, uint64_t sp);

static inline int mem_check_sp(struct cpu *cpu, uint64_t sp)
{
	return likely((sp & 15) == 0) ? 0 : mem_check_sp_slow(cpu, sp);
}

/*
 * DC ZVA: zero the 64-byte block (DCZID_EL0.BS = 4) that holds va. To Device
 * memory it is an Alignment fault. Returns 0 or EXEC_EXC.
 */
int mem_dc_zva(struct cpu *cpu, uint64_t va);

/*
 * AT: translate va by EL el's regime for an access of kind `access` (mmu.h
 * MMU_*) and write PAR_EL1. Returns 0, or EXEC_EXC when the walk's stage-2
 * fault must be taken to EL2.
 */
int mem_at(struct cpu *cpu, unsigned el, uint64_t va, unsigned access);

/*
 * Debugger-style access by virtual address for the host side (semihosting,
 * loaders): no exception, no side effects on the guest. Returns 0, or -1 if
 * any byte is not RAM, and then nothing was copied.
 */
int mem_debug_read(struct cpu *cpu, uint64_t va, void *buf, uint64_t len);
/* The same through EL el's regime (EL0 and EL1: stage 1, then stage 2 when
 * enabled): what code that ran at el saw, e.g. once an exception took the
 * PE elsewhere. */
int mem_debug_read_el(struct cpu *cpu, unsigned el, uint64_t va, void *buf, uint64_t len);
int mem_debug_write(struct cpu *cpu, uint64_t va, const void *buf, uint64_t len);

#endif
