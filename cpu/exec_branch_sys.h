/* Handlers of the branch, exception-generating and system class (bits [28:25] = 101x). */
#ifndef EL2SIM_EXEC_BRANCH_SYS_H
#define EL2SIM_EXEC_BRANCH_SYS_H

#include "insn.h"

/* exec_branch.c */
bool fill_branch_imm(struct insn *in, uint32_t raw);
bool fill_b_cond(struct insn *in, uint32_t raw);
bool fill_cb(struct insn *in, uint32_t raw);
bool fill_tb(struct insn *in, uint32_t raw);
bool fill_branch_reg(struct insn *in, uint32_t raw);
int exec_b(struct cpu *cpu, const struct insn *in);
int exec_bl(struct cpu *cpu, const struct insn *in);
int exec_b_cond(struct cpu *cpu, const struct insn *in);
int exec_cb(struct cpu *cpu, const struct insn *in);
int exec_tb(struct cpu *cpu, const struct insn *in);
int exec_br(struct cpu *cpu, const struct insn *in);
int exec_blr(struct cpu *cpu, const struct insn *in);
int exec_eret(struct cpu *cpu, const struct insn *in);

/* exec_system.c */
bool fill_exc_gen(struct insn *in, uint32_t raw);
bool fill_hint_barrier(struct insn *in, uint32_t raw);
bool fill_sys(struct insn *in, uint32_t raw);
int exec_svc(struct cpu *cpu, const struct insn *in);
int exec_hvc(struct cpu *cpu, const struct insn *in);
int exec_smc(struct cpu *cpu, const struct insn *in);
int exec_brk(struct cpu *cpu, const struct insn *in);
int exec_hlt(struct cpu *cpu, const struct insn *in);
int exec_nop(struct cpu *cpu, const struct insn *in);
int exec_wfi(struct cpu *cpu, const struct insn *in);
int exec_wfe(struct cpu *cpu, const struct insn *in);
int exec_sev(struct cpu *cpu, const struct insn *in);
int exec_esb(struct cpu *cpu, const struct insn *in);
int exec_clrex(struct cpu *cpu, const struct insn *in);
int exec_msr_imm(struct cpu *cpu, const struct insn *in);
int exec_sys(struct cpu *cpu, const struct insn *in);
int exec_mrs(struct cpu *cpu, const struct insn *in);
int exec_msr(struct cpu *cpu, const struct insn *in);

#endif
