/*
 * The Generic Timer (Arm ARM D11.2; the registers in D19.11: CNTP_CTL_EL0,
 * CNTP_CVAL_EL0, CNTP_TVAL_EL0 and their CNTV, CNTHP, CNTPS twins).
 *
 * Each timer compares its CVAL with a count: the physical count for the
 * physical timers, the virtual count (physical minus CNTVOFF_EL2) for the
 * virtual timer. Its condition is met when count - CVAL >= 0 as unsigned
 * 64-bit values, i.e. CVAL <= count (D11.2.4 "Operation of the CompareValue
 * views of the timers"); ISTATUS reports it, and the interrupt output is
 * ENABLE && ISTATUS && !IMASK, a level into the GIC (D11.2.4: "the timer
 * asserts its interrupt ... it is a level-sensitive output").
 */
#include "timer.h"

#include "cpu.h"
#include "gic_port.h"
#include "sysreg_access.h"

#define CTL_ENABLE  (1ull << 0)
#define CTL_IMASK   (1ull << 1)
#define CTL_ISTATUS (1ull << 2)

/* CNTKCTL_EL1 / CNTHCTL_EL2 event-stream fields (D19.11, E2H 0 layout). */
#define EVNT_EN     (1ull << 2)
#define EVNT_DIR    (1ull << 3)
#define EVNT_I(ctl) (((ctl) >> 4) & 0xf)

struct timer_def {
	enum sysreg_id ctl, cval, tval;
	unsigned ppi;
	bool is_virtual; /* counts CNTVCT (physical minus CNTVOFF_EL2) */
	uint8_t min_el;  /* the timer exists only with this EL implemented */
};

enum { TIMER_P, TIMER_V, TIMER_HP, TIMER_PS, TIMER_COUNT };

static const struct timer_def timers[TIMER_COUNT] = {
        [TIMER_P] = {SR_CNTP_CTL_EL0, SR_CNTP_CVAL_EL0, SR_CNTP_TVAL_EL0, GIC_PPI_CNTP, false, 1},
        [TIMER_V] = {SR_CNTV_CTL_EL0, SR_CNTV_CVAL_EL0, SR_CNTV_TVAL_EL0, GIC_PPI_CNTV, true, 1},
        [TIMER_HP] = {SR_CNTHP_CTL_EL2, SR_CNTHP_CVAL_EL2, SR_CNTHP_TVAL_EL2, GIC_PPI_CNTHP, false,
                      2},
        [TIMER_PS] = {SR_CNTPS_CTL_EL1, SR_CNTPS_CVAL_EL1, SR_CNTPS_TVAL_EL1, GIC_PPI_CNTPS, false,
                      3},
};

/* CNTVOFF_EL2 applies whenever EL2 is implemented (E2H is 0: D11.2.2). */
static uint64_t timer_voff(const struct cpu *cpu)
{
	return cpu->highest_el >= 2 ? cpu->sr[SR_CNTVOFF_EL2] : 0;
}

static uint64_t timer_count(const struct cpu *cpu, const struct timer_def *t)
{
	return cpu_counter(cpu) - (t->is_virtual ? timer_voff(cpu) : 0);
}

static const struct timer_def *timer_by_reg(enum sysreg_id id)
{
	for (unsigned i = 0; i < TIMER_COUNT; i++)
		if (timers[i].ctl == id || timers[i].cval == id || timers[i].tval == id)
			return &timers[i];
	return NULL;
}

/* ISTATUS: the condition is met. ISTATUS is UNKNOWN while ENABLE is 0; el2sim reads 0. */
static bool timer_met(const struct cpu *cpu, const struct timer_def *t)
{
	return (cpu->sr[t->ctl] & CTL_ENABLE) && cpu->sr[t->cval] <= timer_count(cpu, t);
}

uint64_t timer_read(const struct cpu *cpu, enum sysreg_id id)
{
	/* The system counter, and the virtual count: physical minus CNTVOFF_EL2. */
	if (id == SR_CNTPCT_EL0)
		return cpu_counter(cpu);
	if (id == SR_CNTVCT_EL0)
		return cpu_counter(cpu) - timer_voff(cpu);
	const struct timer_def *t = timer_by_reg(id);
	if (t && id == t->ctl)
		return cpu->sr[id] | (timer_met(cpu, t) ? CTL_ISTATUS : 0);
	if (t && id == t->tval) /* TimerValue: (CVAL - count)[31:0]; bits [63:32] RES0 */
		return (uint32_t)(cpu->sr[t->cval] - timer_count(cpu, t));
	return cpu->sr[id];
}

void timer_write(struct cpu *cpu, enum sysreg_id id, uint64_t v)
{
	const struct timer_def *t = timer_by_reg(id);
	if (t && id == t->tval) /* CVAL = count + SignExtend(TVAL[31:0], 64) */
		cpu->sr[t->cval] = timer_count(cpu, t) + (uint64_t)(int64_t)(int32_t)v;
	else
		sysreg_store(cpu->sr, id, v);
	timer_update(cpu);
}

/*
 * The next count > now at which bit n of (now - off) makes the transition
 * EVNTDIR selects: 0->1 (dir 0) happens where that value mod 2^(n+1) is
 * 2^n, 1->0 (dir 1) where it is 0 (D11.2.3, "Event streams").
 */
static uint64_t evnt_next_count(uint64_t now, uint64_t off, unsigned n, bool dir)
{
	uint64_t period = 2ull << n, want = dir ? 0 : 1ull << n;
	uint64_t v = now - off;
	uint64_t next = (v & ~(period - 1)) + want;
	if (next <= v)
		next += period;
	return next + off;
}

/*
 * The two event streams: CNTKCTL_EL1's from the virtual count, CNTHCTL_EL2's
 * from the physical count. An event due by now sets the Event Register,
 * which wakes WFE (D1.7.1? "The Event Register").
 */
static uint64_t evnt_update(struct cpu *cpu, uint64_t now)
{
	static const struct {
		enum sysreg_id ctl;
		bool is_virtual;
		uint8_t min_el;
	} streams[2] = {{SR_CNTKCTL_EL1, true, 1}, {SR_CNTHCTL_EL2, false, 2}};
	uint64_t deadline = TIMER_NEVER;
	for (unsigned i = 0; i < 2; i++) {
		uint64_t ctl = cpu->sr[streams[i].ctl];
		if (cpu->highest_el < streams[i].min_el || !(ctl & EVNT_EN)) {
			cpu->evnt_next[i] = TIMER_NEVER;
			continue;
		}
		uint64_t off = streams[i].is_virtual ? timer_voff(cpu) : 0;
		if (cpu->evnt_next[i] != TIMER_NEVER && cpu->evnt_next[i] <= now)
			cpu->event_register = true;
		cpu->evnt_next[i] = evnt_next_count(now, off, EVNT_I(ctl), ctl & EVNT_DIR);
		if (cpu->evnt_next[i] < deadline)
			deadline = cpu->evnt_next[i];
	}
	return deadline;
}

void timer_update(struct cpu *cpu)
{
	uint64_t now = cpu_counter(cpu);
	uint64_t deadline = evnt_update(cpu, now);
	for (unsigned i = 0; i < TIMER_COUNT; i++) {
		const struct timer_def *t = &timers[i];
		uint64_t ctl = cpu->sr[t->ctl];
		if (cpu->highest_el < t->min_el)
			continue;
		bool met = timer_met(cpu, t);
		bool level = met && !(ctl & CTL_IMASK);
		uint32_t bit = 1u << i;
		if (level != !!(cpu->timer_out & bit)) {
			cpu->timer_out ^= bit;
			gic_port_ppi(&cpu->bus.gic, t->ppi, level);
		}
		/* An enabled timer whose condition is not met yet fires at CVAL (+ offset). */
		if ((ctl & CTL_ENABLE) && !met) {
			uint64_t off = t->is_virtual ? timer_voff(cpu) : 0;
			uint64_t at = cpu->sr[t->cval] + off;
			if (at < cpu->sr[t->cval]) /* beyond the end of the physical count */
				at = TIMER_NEVER;
			if (at < deadline)
				deadline = at;
		}
	}
	/* The run loop must stop at the new deadline if it is sooner. */
	if (deadline < cpu->timer_deadline)
		cpu->slice_end = 0;
	cpu->timer_deadline = deadline;
}
