/*
 * The addressing and data helpers every integer load and store shares (Arm
 * ARM C6.2, "Shared pseudocode"), inline: with the soft TLB's fast path they
 * are most of a load's or a store's cost. The slow path gets the access's
 * instruction syndrome, which only a stage-2 abort reports.
 */
#ifndef EL2SIM_LDST_H
#define EL2SIM_LDST_H

#include "cpu.h"
#include "exec_atomic.h"
#include "mem.h"

/* if n == 31 then CheckSPAlignment(); address = SP[] else address = X[n] */
static ALWAYS_INLINE int ldst_base(struct cpu *cpu, unsigned n, uint64_t *base)
{
	uint64_t b = xsp_read(cpu, n);
	if (n == 31) {
		int st = mem_check_sp(cpu, b);
		if (st)
			return st;
	}
	*base = b;
	return 0;
}

/*
 * The ISV syndrome fields of a single general-purpose register access
 * without writeback (mem.h MEMF_ISV): a stage-2 abort reports them.
 */
static inline unsigned ldst_isv(const struct insn *in)
{
	if (in->flags & LS_WBACK)
		return 0;
	return MEMF_ISV | ((unsigned)in->rd << MEMF_SRT_SHIFT) |
	       ((in->flags & LS_SIGNED) ? MEMF_SSE : 0) | ((in->flags & LS_X) ? MEMF_SF : 0);
}

/*
 * data = Mem[address]; X[t] = ZeroExtend or SignExtend(data, regsize); 0 or
 * EXEC_EXC. The access size (log2), the LS_* flags and the MEMF_* flags
 * (opt) are parameters so that a handler specialised to one form passes
 * constants.
 */
static ALWAYS_INLINE int ldst_load_as(struct cpu *cpu, const struct insn *in, uint64_t address,
                                      unsigned sf, unsigned flags, unsigned opt)
{
	uint64_t data;
	unsigned size = 1u << sf;
	if (unlikely((opt & MEMF_SLOW) || !mem_read_fast(cpu, address, size, &data))) {
		int st = mem_read_slow(cpu, address, size, &data, opt | ldst_isv(in));
		if (st)
			return st;
	}
	if (flags & LS_SIGNED)
		data = (uint64_t)sext64(data, 8u << sf);
	x_write_sf(cpu, in->rd, data, flags & LS_X);
	return 0;
}

static inline int ldst_load(struct cpu *cpu, const struct insn *in, uint64_t address)
{
	return ldst_load_as(cpu, in, address, in->sf, in->flags, in->opt);
}

/* Mem[address] = X[t]<datasize-1:0>; 0 or EXEC_EXC */
static ALWAYS_INLINE int ldst_store_as(struct cpu *cpu, const struct insn *in, uint64_t address,
                                       unsigned sf, unsigned opt)
{
	unsigned size = 1u << sf;
	uint64_t data = x_read(cpu, in->rd);
	if (likely(!(opt & MEMF_SLOW) && mem_write_fast(cpu, address, size, data)))
		return 0;
	return mem_write_slow(cpu, address, size, data, opt | ldst_isv(in));
}

static inline int ldst_store(struct cpu *cpu, const struct insn *in, uint64_t address)
{
	return ldst_store_as(cpu, in, address, in->sf, in->opt);
}

#endif
