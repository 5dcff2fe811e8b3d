/*
 * The loads-and-stores class's inside: the handlers exec_atomic.c provides
 * for decode_ldst[] (exclusives, load-acquire/store-release, LSE atomics) and
 * the addressing helpers it shares with exec_ldst.c.
 *
 * Operand slots of struct insn for every load/store form:
 *   rd    Rt            ra    Rt2 (pairs); Rs (LSE atomics, CAS, CASP)
 *   rn    Rn (31: SP)   rm    Rm (register offset); Rs (exclusives)
 *   sf    log2 of the access size in bytes (of one element for pairs)
 *   opt   the MEMF_* flags of the access; register offset: the extend type
 *   amt   register offset: the shift; LSE atomics: o3:opc (the MemAtomicOp)
 *   flags LS_* below
 *   imm   the byte offset, sign-extended and scaled
 */
#ifndef EL2SIM_EXEC_ATOMIC_H
#define EL2SIM_EXEC_ATOMIC_H

#include "cpu.h"

#define LS_WBACK  1u /* write base + imm back to Rn */
#define LS_POST   2u /* post-index: access at the base itself */
#define LS_SIGNED 4u /* sign-extend the loaded value */
#define LS_X      8u /* regsize 64: the destination is an X register */

/* exec_ldst.c (the shared addressing and data helpers: ldst.h) */

/* rd, rn, sf and LS_SIGNED/LS_X from size:opc. */
void ldst_fill_size_opc(struct insn *in, uint32_t raw);

/* exec_atomic.c: fill functions and handlers for decode_ldst[] */

bool fill_excl(struct insn *in, uint32_t raw);
bool fill_excl_pair(struct insn *in, uint32_t raw);
bool fill_ordered(struct insn *in, uint32_t raw);
bool fill_ordered_unscaled(struct insn *in, uint32_t raw);
bool fill_lse(struct insn *in, uint32_t raw);
bool fill_casp(struct insn *in, uint32_t raw);

int exec_ldxr(struct cpu *cpu, const struct insn *in);
int exec_stxr(struct cpu *cpu, const struct insn *in);
int exec_ldxp(struct cpu *cpu, const struct insn *in);
int exec_stxp(struct cpu *cpu, const struct insn *in);
int exec_ldop(struct cpu *cpu, const struct insn *in);
int exec_cas(struct cpu *cpu, const struct insn *in);
int exec_casp(struct cpu *cpu, const struct insn *in);

#endif
