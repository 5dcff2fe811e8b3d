/*
 * Trap routing for MRS, MSR and SYS (STYLE.md items 2-3): one predicate per
 * trap control, evaluated in the Arm ARM's priority order, returning a
 * verdict {target EL, exception class, cause}. It reads register values from
 * the caller's array (indexed by enum sysreg_id) and knows nothing of the CPU.
 */
#ifndef EL2SIM_TRAPS_H
#define EL2SIM_TRAPS_H

#include <stdbool.h>
#include <stdint.h>

#include "sysregs.h"

/* The access being checked. */
struct trap_ctx {
	const uint64_t *sr; /* register values by enum sysreg_id */
	uint8_t el;         /* PSTATE.EL of the access */
	uint8_t highest_el;
	bool el2_enabled; /* EL2Enabled() */
	bool is_read;     /* MRS (or SYSL) */
};

struct trap_verdict {
	enum trap_group group;
	uint8_t target_el;
	uint8_t ec;        /* exception class to report (0x18, 0x07, or 0x00) */
	const char *cause; /* the deciding control, e.g. "HCR_EL2.TVM" */
};

/*
 * The first of the trap groups in `groups` (1ull << TG_*) that traps this
 * access, in priority order. Returns false when none does.
 */
bool sysreg_route(const struct trap_ctx *c, uint64_t groups, struct trap_verdict *v);

/*
 * The trap groups that can trap an access made at EL el (1ull << TG_*):
 * those that target el or a higher EL (traps.c says why).
 */
extern const uint64_t trap_groups_to_el2_up, trap_groups_to_el3;

static inline uint64_t trap_groups_from(unsigned el)
{
	return el <= 1 ? ~0ull : el == 2 ? trap_groups_to_el2_up : trap_groups_to_el3;
}

/* The cause string of a trap group ("HCR_EL2.TVM"); NULL for no such group. */
const char *trap_group_cause(enum trap_group g);

#endif
