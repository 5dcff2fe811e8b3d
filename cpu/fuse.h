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

/*
 * A class's flag-setting handlers and their fused versions, ended by
 * {NULL, NULL}: exec_dp_imm.c's and exec_dp_reg.c's, searched by decode.c.
 */
struct fuse_pair {
	exec_fn alone, fused;
};

extern const struct fuse_pair fuse_dp_imm[], fuse_dp_reg[];

#endif
