/*
 * A decoded instruction: the handler and its operands, extracted once. The
 * decode cache holds these per guest page, so the run loop never decodes
 * the same word twice while its page is unchanged.
 */
#ifndef EL2SIM_INSN_H
#define EL2SIM_INSN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpu;
struct insn;

/* What a handler tells the run loop. */
enum exec_status {
	EXEC_NEXT = 0, /* retired; the loop advances PC by 4 */
	EXEC_BRANCH,   /* retired; the handler wrote cpu->pc (same EL and translation) */
	EXEC_JUMP,     /* retired; cpu->pc written and the EL may have changed (ERET) */
	EXEC_EXC,      /* not retired; take cpu->exc (a fault: UNDEFINED, abort, ...) */
	EXEC_CALL,     /* retired, then take cpu->exc (SVC, HVC, SMC: the call itself retires) */
	EXEC_STOP,     /* retired; leave the run loop (cpu->stop says why) */
	EXEC_WAIT,     /* retired (WFI/WFE); the PE waits for a wake-up event (cpu->wait) */
	EXEC_PAGE_END, /* nothing ran: the page's sentinel slot; fetch the next page */
};

typedef int (*exec_fn)(struct cpu *cpu, const struct insn *in);

/*
 * Operand slots. Each instruction class documents which it uses in its
 * fill function; the names follow the Arm ARM's field names where they fit.
 */
struct insn {
	exec_fn exec;
	uint32_t raw;
	uint8_t rd;    /* Rd or Rt */
	uint8_t rn;    /* Rn */
	uint8_t rm;    /* Rm */
	uint8_t ra;    /* Ra, Rt2 or Rs */
	uint8_t sf;    /* 1: 64-bit operation (or the access size log2 for loads/stores) */
	uint8_t opt;   /* class-specific: shift type, extend type, condition, ... */
	uint8_t amt;   /* class-specific: shift amount, immr, ... */
	uint8_t flags; /* class-specific bits: set flags, writeback, post-index, ... */
	int64_t imm;   /* immediate, sign-extended and scaled where the class says */
	uint64_t imm2; /* a second immediate (e.g. DecodeBitMasks' tmask) */
};

#endif
