/* SPDX-License-Identifier: MIT */
/*
 * What every exception probe shares: recording the exceptions its
 * rt_exc_hook() sees (with PSTATE as the handler found it), comparing them
 * with the values worked out from the Arm ARM, and the PASS/FAIL verdict.
 * One translation unit per probe, so the state here is per probe.
 */
#ifndef PROBE_H
#define PROBE_H

#include "rt.h"

/* ESR_ELx: EC [31:26], IL [25], ISS [24:0] (Arm ARM D19.2). */
#define PROBE_ESR(ec, il, iss) ((uint64_t)(ec) << 26 | (uint64_t)(il) << 25 | (uint64_t)(iss))

/*
 * The SPSR bits a probe controls: N Z C V [31:28], SS [21], IL [20], D A I F
 * [9:6], M [4:0]. The others (PAN, UAO, DIT, SSBS, TCO, BTYPE, ...) depend on
 * features and reset values that are not what the probes check.
 */
#define PROBE_SPSR_MASK 0xf03003dfull

/* An exception as the hook saw it, and PSTATE inside the handler. */
struct probe_exc {
	struct rt_exc_frame f;
	uint64_t el, spsel, daif;
};

/* What a probe expects of one exception; esr_ignore masks IMPLEMENTATION DEFINED bits. */
struct probe_want {
	unsigned int slot, el;
	uint64_t esr, esr_ignore;
	uint64_t elr;
	uint64_t spsr;
	int far_valid; /* compare FAR only where the class defines it */
	uint64_t far;
};

#define PROBE_MAX_EXC 4
static struct probe_exc probe_seen[PROBE_MAX_EXC];
static int probe_taken;
static int probe_fails;

/* Record an exception; NULL once PROBE_MAX_EXC are recorded (the hook should then refuse it). */
static inline struct probe_exc *probe_record(const struct rt_exc_frame *f)
{
	struct probe_exc *e;

	if (probe_taken >= PROBE_MAX_EXC)
		return NULL;
	e = &probe_seen[probe_taken++];
	e->f = *f;
	e->el = READ_SYSREG(CurrentEL) >> 2 & 3;
	e->spsel = READ_SYSREG(spsel) & 1;
	e->daif = READ_SYSREG(daif);
	return e;
}

static inline void probe_check(const char *what, uint64_t got, uint64_t want)
{
	if (got == want)
		return;
	probe_fails++;
	rt_printf("  FAIL %s: got 0x%lx, want 0x%lx\n", what, (unsigned long)got,
	          (unsigned long)want);
}

/* Exception n (0-based) against w; PSTATE in the handler: SPSel 1, DAIF all masked (D1.10.2?). */
static inline void probe_expect(int n, const struct probe_want *w)
{
	const struct probe_exc *e = &probe_seen[n];

	if (n >= probe_taken) {
		probe_check("exceptions taken", (uint64_t)probe_taken, (uint64_t)n + 1);
		return;
	}
	rt_printf("exception %d: slot %lu (%s) at EL%lu, ESR 0x%08lx ELR 0x%lx SPSR 0x%lx FAR "
	          "0x%lx\n",
	          n, (unsigned long)e->f.slot, rt_vector_name((unsigned int)e->f.slot),
	          (unsigned long)e->el, (unsigned long)e->f.esr, (unsigned long)e->f.elr,
	          (unsigned long)e->f.spsr, (unsigned long)e->f.far);
	probe_check("vector slot", e->f.slot, w->slot);
	probe_check("CurrentEL.EL in the handler", e->el, w->el);
	probe_check("SPSel in the handler", e->spsel, 1);
	probe_check("DAIF in the handler", e->daif, SPSR_DAIF);
	probe_check("ESR (EC, IL, ISS)", e->f.esr & ~w->esr_ignore, w->esr & ~w->esr_ignore);
	probe_check("ELR", e->f.elr, w->elr);
	probe_check("SPSR (NZCV, SS, IL, DAIF, M)", e->f.spsr & PROBE_SPSR_MASK, w->spsr);
	if (w->far_valid)
		probe_check("FAR", e->f.far, w->far);
}

/* The common hook: record the exception and resume after the instruction that took it. */
static inline int probe_record_and_skip(struct rt_exc_frame *f)
{
	if (!probe_record(f))
		return 0;
	f->elr += 4;
	return 1;
}

/*
 * The hook for an interrupt that stays pending (HCR_EL2.VI, a level-sensitive
 * line): record it and resume with its PSTATE mask bit (SPSR_I, SPSR_A) set,
 * so it is not taken again at once.
 */
static inline int probe_record_and_mask(struct rt_exc_frame *f, uint64_t spsr_bit)
{
	if (!probe_record(f))
		return 0;
	f->spsr |= spsr_bit;
	return 1;
}

/*
 * Assembly that gives the interrupted PSTATE known N Z C V (0b0110) and, at
 * EL1 or higher, DAIF (all masked) before the instruction that takes the
 * exception; clobbers x9.
 */
#define PROBE_NZCV       0x60000000ull
#define PROBE_NZCV_SET   "mov x9, #0x60000000\n\tmsr nzcv, x9\n\t"
#define PROBE_PSTATE_SET PROBE_NZCV_SET "msr daifset, #0xf\n\t"

/*
 * Taking an interrupt that is already pending by unmasking it. The end of a
 * PROBE_LOWER_FN body: NZCV 0110, MSR DAIFClr, #imm (2: I, 4: A), then
 * name_isb: ISB and name_after: NOP; PROBE_UNMASK_LABELS(name) declares the
 * two labels. The ISB is a Context synchronization event, so the pending
 * interrupt, no longer masked, is taken at the latest before the instruction
 * after it (Arm ARM D1, "Asynchronous exception masking"; Glossary, "Context
 * synchronization event"): ELR is the ISB or the NOP, which
 * PROBE_UNMASK_ELR() picks from exception n as recorded, and SPSR is PSTATE
 * before it, NZCV 0110 and DAIF all set but spsr_bit (PROBE_UNMASK_SPSR()).
 */
#define PROBE_UNMASK_TAIL(name, imm)                                                        \
	PROBE_NZCV_SET "msr daifclr, #" #imm "\n.globl " #name "_isb\n" #name "_isb: isb\n" \
	               ".globl " #name "_after\n" #name "_after: nop"
#define PROBE_UNMASK_LABELS(name) extern const char name##_isb[], name##_after[]
#define PROBE_UNMASK_ELR(name, n)                                             \
	({                                                                    \
		uint64_t elr_ = probe_seen[n].f.elr;                          \
		elr_ == (uint64_t)name##_isb ? elr_ : (uint64_t)name##_after; \
	})
#define PROBE_UNMASK_SPSR(spsr_bit, mode) (PROBE_NZCV | (SPSR_DAIF & ~(spsr_bit)) | (mode))

/*
 * Define uint64_t name(uint64_t), to run at a lower EL with rt_lower_call(),
 * in assembly so the probe knows the address of each instruction: body is
 * instructions and ".globl label\nlabel:" lines; the function then returns.
 */
#define PROBE_LOWER_FN(name, body)                                                       \
	__asm__(".text\n.balign 4\n.globl " #name "\n.type " #name ", %function\n" #name \
	        ":\n\t" body "\n\tret\n.size " #name ", . - " #name);                    \
	uint64_t name(uint64_t)

/*
 * rt_lower_call(fn, 0) with the HCR_EL2 bits set for the call only (EL2);
 * returns HCR_EL2 as fn left it.
 */
static inline uint64_t probe_lower_call_hcr(uint64_t set, uint64_t (*fn)(uint64_t))
{
	uint64_t hcr = READ_SYSREG(hcr_el2), after;

	WRITE_SYSREG(hcr_el2, hcr | set);
	rt_lower_call(fn, 0);
	after = READ_SYSREG(hcr_el2);
	WRITE_SYSREG(hcr_el2, hcr);
	return after;
}

/* The verdict: also fails when more exceptions were taken than the probe expected. */
static inline int probe_done(const char *name, int expected)
{
	probe_check("exceptions taken", (uint64_t)probe_taken, (uint64_t)expected);
	rt_printf("%s at EL%u: %s\n", name, rt_current_el(), probe_fails ? "FAIL" : "PASS");
	return probe_fails ? 1 : 0;
}

#endif
