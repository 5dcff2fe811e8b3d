/*
 * --stats: what a run did, printed at exit. The first line is the one
 * bench/run.sh parses: "el2sim: stats: insns=N seconds=S mips=M". Then
 * exceptions per (from EL, to EL, class) and per cause, ERETs, and the
 * instructions retired at each EL.
 */
#ifndef EL2SIM_STATS_H
#define EL2SIM_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct cpu;
struct exc;

#define STATS_MAX_CAUSES 64

struct stats {
	uint64_t exc[4][4][65]; /* [from][to][EC, or 64 for IRQ/FIQ] */
	uint64_t by_type[4];    /* by exc_type */
	uint64_t erets, illegal_erets;
	uint64_t insns_at_el[4];
	uint64_t last_icount;
	unsigned ncauses;
	struct {
		const char *cause;
		uint64_t count;
	} causes[STATS_MAX_CAUSES];
};

void stats_exception(struct stats *s, const struct cpu *cpu, const struct exc *e, unsigned from_el);
void stats_eret(struct stats *s, const struct cpu *cpu, unsigned from_el, bool illegal);
void stats_print(struct stats *s, const struct cpu *cpu, double seconds, FILE *f);

#endif
