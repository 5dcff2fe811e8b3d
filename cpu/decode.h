/*
 * The A64 decoder: bits [28:25] choose an instruction class (Arm ARM C4.1,
 * "A64 instruction set encoding"), then the class's table of mask/match rows
 * picks the instruction. Rows are written as bit patterns, MSB first, read
 * like the Arm ARM's encoding diagrams:
 *
 *   '0' '1'      fixed bits
 *   any letter   a field bit (don't care for matching): "sf", "Rn", ...
 *   ' ' '_'      separators, ignored
 *
 * A pattern has exactly 32 bit characters; decode_init() checks every table
 * and turns patterns into mask/match. The first matching row wins. A row's
 * fill() extracts operands into struct insn and returns false where the
 * Arm ARM calls that combination unallocated (then: UNDEFINED).
 */
#ifndef EL2SIM_DECODE_H
#define EL2SIM_DECODE_H

#include "insn.h"

struct decode_row {
	const char *pattern;
	const char *name;
	bool (*fill)(struct insn *in, uint32_t raw);
	exec_fn exec;
	uint32_t mask, match; /* computed from pattern by decode_init() */
};

/* A class table ends with a row whose pattern is NULL. */
extern struct decode_row decode_dp_imm[];
extern struct decode_row decode_dp_reg[];
extern struct decode_row decode_branch_sys[];
extern struct decode_row decode_ldst[];

/* Parse every table; returns 0, or -1 after printing the bad row. */
int decode_init(void);

/* Decode raw into *in (sets in->exec, in->raw and the operands). */
void decode(struct insn *in, uint32_t raw);

/* The row that decodes raw, or NULL when raw is unallocated (for tests). */
const struct decode_row *decode_find(uint32_t raw);

/* Fill function for rows whose handler reads only in->raw. */
bool decode_fill_raw(struct insn *in, uint32_t raw);

/* Decode-cache slots (cpu/cpu.h struct dpage): a word not decoded yet, and
 * the sentinel after a page's last instruction. */
int exec_decode_lazily(struct cpu *cpu, const struct insn *in);
int exec_page_end(struct cpu *cpu, const struct insn *in);

/* Handlers shared by all classes. */
int exec_undefined(struct cpu *cpu, const struct insn *in);
/* Allocated but not implemented yet: reported once per encoding, then UNDEFINED. */
int exec_unimplemented(struct cpu *cpu, const struct insn *in);

#endif
