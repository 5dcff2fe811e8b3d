/*
 * MRS, MSR and SYS through the system register table: the access checks
 * (UNDEFINED first, then the trap controls of sysregs/traps.def in the Arm
 * ARM's order) and the reads and writes with their side effects.
 */
#ifndef EL2SIM_SYSREG_ACCESS_H
#define EL2SIM_SYSREG_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "insn.h"
#include "sysregs.h"
#include "traps.h"

struct cpu;

/*
 * Apply the trap controls in groups (1ull << TG_*) to the access that `in`
 * makes at the current EL: 0 when none traps, else EXEC_EXC with the
 * exception (EC 0x18 with the instruction's ISS, 0x07 for FP/SIMD, or
 * UNDEFINED where the Arm ARM says so) recorded for the run loop.
 */
int sysreg_trap_route(struct cpu *cpu, const struct insn *in, uint64_t groups, bool is_read);

/* The groups that cannot target the access's EL go first, inline: at EL2 and EL3 that is most. */
static inline int sysreg_trap(struct cpu *cpu, const struct insn *in, uint64_t groups, bool is_read)
{
	groups &= trap_groups_from(cpu->el);
	return likely(groups == 0) ? 0 : sysreg_trap_route(cpu, in, groups, is_read);
}

/*
 * Store v into register id's writable bits (the row's wmask); RES0/RES1,
 * read-only and RAO/WI bits keep their values. Every MSR ends here.
 */
static inline void sysreg_store(uint64_t *sr, unsigned id, uint64_t v)
{
	uint64_t wmask = sysreg_table[id].wmask;
	sr[id] = (v & wmask) | (sr[id] & ~wmask);
}

/* The value an MRS of register id reads at the current EL (no access checks). */
uint64_t sysreg_read(const struct cpu *cpu, unsigned id);

#endif
