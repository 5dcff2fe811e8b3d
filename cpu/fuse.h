/*
 * Compare-and-branch fusion. A flag-setting instruction that cannot fault
 * (CMP, CMN, TST, SUBS, ADDS, ANDS) directly followed in its page by a
 * B.cond runs with the branch in one dispatch: the loop-closing pair of
 * most code. The decode cache installs the fused handler (decode.c,
 * exec_decode_lazily) in the first slot; the B.cond keeps its own slot
 * for branches to it. Nothing visible changes: both retire, in order,
 * with their own counts, and the pair splits wherever an instruction
 * boundary matters -- the slice ending between them (the --max-insns
 * budget, a timer deadline) or single-stepping (cpu_step).
 */
#ifndef EL2SIM_FUSE_H
#define EL2SIM_FUSE_H

#include "cpu.h"

/* After the flag-setting half has retired: the B.cond in the next slot. */
static ALWAYS_INLINE int fuse_bcond(struct cpu *cpu, const struct insn *in)
{
	if (unlikely(cpu->single_step || cpu->icount + 1 >= cpu->slice_end))
		return EXEC_NEXT; /* the first alone; the loop runs the B.cond's slot */
	const struct insn *b = in + 1;
	cpu->icount++;
	cpu->pc += cond_mask_holds(cpu, b->imm2) ? 4 + (uint64_t)b->imm : 8;
	return EXEC_BRANCH; /* the loop counts the B.cond */
}

/* A fused handler: the flag-setting handler h, then fuse_bcond. */
#define FUSE_BCOND(h)                                                \
	static int h##_bcond(struct cpu *cpu, const struct insn *in) \
	{                                                            \
		h(cpu, in);                                          \
		return fuse_bcond(cpu, in);                          \
	}

/* A class's table of flag-setting handlers and their fused versions. */
struct fuse_pair {
	exec_fn alone, fused;
};

static inline exec_fn fuse_find(const struct fuse_pair *pairs, size_t n, exec_fn a)
{
	for (size_t i = 0; i < n; i++)
		if (pairs[i].alone == a)
			return pairs[i].fused;
	return NULL;
}

/* Each class's fused handler for flag-setting handler a, or NULL. */
exec_fn fuse_dp_imm(exec_fn a);
exec_fn fuse_dp_reg(exec_fn a);

#endif
