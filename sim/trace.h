/*
 * The exception trace (DESIGN.md, "Command line and trace contract"): every
 * exception entry and ERET, in text for people or JSONL for tools, with the
 * syndrome decoded, the instruction disassembled and the control that
 * routed it. Installed as CPU hooks only when asked for, so it costs nothing
 * when off.
 */
#ifndef EL2SIM_TRACE_H
#define EL2SIM_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "options.h" /* TRACE_EXC, TRACE_ERET, TRACE_INSN, enum trace_format */

struct cpu;
struct exc;

struct trace {
	FILE *out;
	unsigned what; /* TRACE_* */
	enum trace_format format;
	int el_filter;      /* -1, or only events leaving or entering this EL */
	uint64_t ec_filter; /* 0, or bit n: only exceptions of class n */
	uint64_t seq;
	uintptr_t disasm; /* capstone handle, 0 when it could not be opened */
	/* --trace insn: the registers as the previous instruction left them. */
	bool have_regs;
	uint64_t x[31], sp, nzcv;
};

/* Start tracing to out; returns 0, or -1 (message on stderr). */
int trace_open(struct trace *t, FILE *out, unsigned what, enum trace_format format);
void trace_close(struct trace *t);

void trace_exception(struct trace *t, struct cpu *cpu, const struct exc *e, unsigned from_el);
void trace_eret(struct trace *t, struct cpu *cpu, unsigned from_el, bool illegal);

/* --trace insn: one retired instruction (executed at el) and the registers it wrote. */
void trace_insn(struct trace *t, struct cpu *cpu, uint64_t pc, uint32_t raw, unsigned el);
/* Take the registers' values as the baseline for the next insn event's writes. */
void trace_snapshot(struct trace *t, const struct cpu *cpu);

/* The last line: why the run ended. Flushes. */
void trace_end(struct trace *t, const struct cpu *cpu, const char *reason, int exit_status);

/*
 * Disassemble the instruction at va, as code running at EL el sees it (its
 * translation regime), into buf ("hvc #0x1"), or "?" if unreadable.
 */
void trace_disasm(struct trace *t, struct cpu *cpu, unsigned el, uint64_t va, char *buf,
                  size_t size);

#endif
