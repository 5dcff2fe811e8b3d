/*
 * Branches (Arm ARM C4.1.65? "Branches, Exception Generating and System
 * instructions": conditional, compare and test, unconditional immediate and
 * register, and ERET). Handlers write cpu->pc and return EXEC_BRANCH (ERET,
 * which changes the EL: EXEC_JUMP).
 */
#include "cpu.h"
#include "decode.h"
#include "exec_branch_sys.h"

/* imm26:'00' */
bool fill_branch_imm(struct insn *in, uint32_t raw)
{
	in->imm = sext64(bits32(raw, 25, 0), 26) * 4;
	return true;
}

/* B, BL */
int exec_b(struct cpu *cpu, const struct insn *in)
{
	cpu->pc += (uint64_t)in->imm;
	return EXEC_BRANCH;
}

int exec_bl(struct cpu *cpu, const struct insn *in)
{
	x_write(cpu, 30, cpu->pc + 4);
	cpu->pc += (uint64_t)in->imm;
	return EXEC_BRANCH;
}

static int branch_if(struct cpu *cpu, const struct insn *in, bool taken)
{
	if (!taken)
		return EXEC_NEXT;
	cpu->pc += (uint64_t)in->imm;
	return EXEC_BRANCH;
}

/*
 * B.cond: imm19 [23:5], cond [3:0]; imm2 = the condition's truth table
 * (cond_mask). BC.cond (bit 4) is FEAT_HBC: unallocated here.
 */
bool fill_b_cond(struct insn *in, uint32_t raw)
{
	in->imm = sext64(bits32(raw, 23, 5), 19) * 4;
	in->opt = (uint8_t)bits32(raw, 3, 0);
	in->imm2 = cond_mask(in->opt);
	return true;
}

int exec_b_cond(struct cpu *cpu, const struct insn *in)
{
	return branch_if(cpu, in, cond_mask_holds(cpu, in->imm2));
}

/* CBZ, CBNZ: sf [31], op [24], imm19 [23:5], Rt [4:0] */
bool fill_cb(struct insn *in, uint32_t raw)
{
	in->sf = (uint8_t)bit32(raw, 31);
	in->flags = (uint8_t)bit32(raw, 24); /* 1: CBNZ */
	in->imm = sext64(bits32(raw, 23, 5), 19) * 4;
	in->rd = (uint8_t)bits32(raw, 4, 0);
	return true;
}

int exec_cb(struct cpu *cpu, const struct insn *in)
{
	uint64_t v = x_read(cpu, in->rd);
	if (!in->sf)
		v = (uint32_t)v;
	return branch_if(cpu, in, (v != 0) == in->flags);
}

/* TBZ, TBNZ: b5 [31], op [24], b40 [23:19], imm14 [18:5], Rt [4:0] */
bool fill_tb(struct insn *in, uint32_t raw)
{
	in->amt = (uint8_t)(bit32(raw, 31) << 5 | bits32(raw, 23, 19));
	in->flags = (uint8_t)bit32(raw, 24); /* 1: TBNZ */
	in->imm = sext64(bits32(raw, 18, 5), 14) * 4;
	in->rd = (uint8_t)bits32(raw, 4, 0);
	return true;
}

int exec_tb(struct cpu *cpu, const struct insn *in)
{
	unsigned bit = (x_read(cpu, in->rd) >> in->amt) & 1;
	return branch_if(cpu, in, bit == in->flags);
}

/* BR, BLR, RET: Rn [9:5] */
bool fill_branch_reg(struct insn *in, uint32_t raw)
{
	in->rn = (uint8_t)bits32(raw, 9, 5);
	return true;
}

int exec_br(struct cpu *cpu, const struct insn *in)
{
	cpu->pc = x_read(cpu, in->rn);
	return EXEC_BRANCH;
}

/* BLR: the target is read before X30 is written (BLR X30 works). */
int exec_blr(struct cpu *cpu, const struct insn *in)
{
	uint64_t target = x_read(cpu, in->rn);
	x_write(cpu, 30, cpu->pc + 4);
	cpu->pc = target;
	return EXEC_BRANCH;
}

/* ERET: UNDEFINED at EL0, else AArch64.ExceptionReturn(). */
int exec_eret(struct cpu *cpu, const struct insn *in)
{
	(void)in;
	if (cpu->el == 0)
		return exc_raise_undef(cpu);
	exc_return(cpu);
	return EXEC_JUMP;
}
