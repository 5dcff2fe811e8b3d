/*
 * The Generic Timer as seen from the PE (Arm ARM D11 "The Generic Timer in
 * AArch64 state", D11.2 "The AArch64 view of the Generic Timer"): the
 * system counter, the EL1 physical, virtual, EL2 physical and EL3 Secure
 * physical timers with their CTL/CVAL/TVAL registers, their interrupt
 * outputs (level-sensitive PPIs into the GIC) and the event streams of
 * CNTKCTL_EL1 and CNTHCTL_EL2 (D11.2.3 "Event streams").
 *
 * Time is the retired-instruction count plus the ticks skipped while
 * waiting (cpu_counter()), so runs are deterministic. The run loop asks
 * timer_deadline() how far it may run before a timer or an event fires,
 * and calls timer_update() there.
 */
#ifndef EL2SIM_TIMER_H
#define EL2SIM_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "sysregs.h"

struct cpu;

/* No timer or event stream will fire: the run loop needs no deadline. */
#define TIMER_NEVER UINT64_MAX

/*
 * MRS of a TIMER row (sysregs.def): the counts, CTL with ISTATUS, TVAL from
 * CVAL and the count, the others as stored.
 */
uint64_t timer_read(const struct cpu *cpu, enum sysreg_id id);
/*
 * MSR of a TIMER row: TVAL sets CVAL = count + SignExtend(TVAL), the others
 * store their writable bits; then the timers are re-evaluated.
 */
void timer_write(struct cpu *cpu, enum sysreg_id id, uint64_t v);

/*
 * Re-evaluate every timer's condition against the count now: drive the PPI
 * outputs that changed, raise the event streams' events that are due, and
 * recompute the next deadline. Call after a write to a timer, CNTVOFF_EL2,
 * CNTKCTL_EL1 or CNTHCTL_EL2, and whenever the count reaches the deadline.
 */
void timer_update(struct cpu *cpu);

/* cpu->timer_deadline: the count at which timer_update() next has something to do. */

#endif
