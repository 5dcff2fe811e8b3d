/*
 * Exceptions as data. A handler that raises an exception fills cpu->exc
 * (through the helpers below) and returns EXEC_EXC or EXEC_CALL; the run loop
 * hands it to exc_take(), the one place where an exception is taken.
 */
#ifndef EL2SIM_EXC_H
#define EL2SIM_EXC_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

enum exc_type { EXC_SYNC = 0, EXC_IRQ = 1, EXC_FIQ = 2, EXC_SERROR = 3 };

#define EXC_NO_INSN (~0ull)

/* "sync", "irq", "fiq", "serror": the trace's and the statistics' names. */
static inline const char *exc_type_name(unsigned type)
{
	static const char *const names[4] = {"sync", "irq", "fiq", "serror"};
	return type < 4 ? names[type] : "?";
}

struct exc {
	uint8_t type;      /* enum exc_type */
	uint8_t target_el; /* 1..3 */
	bool far_valid;    /* FAR_ELx is written only when the class defines it */
	uint64_t esr;      /* from a syn_*() constructor */
	uint64_t far;
	uint64_t elr;      /* the preferred return address */
	uint64_t insn_pc;  /* the instruction that raised it; EXC_NO_INSN for interrupts and fetch
	                      faults */
	const char *cause; /* the control bit or instruction class that routed it */
	uint32_t intid;    /* IRQ/FIQ: the INTID the GIC signalled (physical, or virtual from a
	                      list register); EXC_NO_INTID otherwise */
};

#define EXC_NO_INTID UINT32_MAX

/* Does ESR_ELx hold a syndrome for it? Synchronous exceptions and SErrors
 * (ESR_ELx is UNKNOWN after an IRQ or FIQ). */
static inline bool exc_has_esr(const struct exc *e)
{
	return e->type == EXC_SYNC || e->type == EXC_SERROR;
}

/*
 * The EL a synchronous exception from the current state goes to when no trap
 * control routes it elsewhere: EL1 from EL0 (EL2 when HCR_EL2.TGE is 1),
 * otherwise the current EL (Arm ARM D1.10.? "Exception entry": synchronous
 * exceptions are never taken to a lower EL).
 */
unsigned exc_sync_default_el(const struct cpu *cpu);

/*
 * Where a synchronous External abort goes (AArch64.DataAbort and
 * AArch64.InstructionAbort): EL3 when SCR_EL3.EA is 1; from EL0/EL1 with EL2
 * enabled, EL2 when HCR_EL2.TEA (FEAT_RAS) or TGE is 1; otherwise the
 * default synchronous target. *cause names the control that decided.
 */
unsigned exc_external_abort_el(const struct cpu *cpu, const char **cause);

/* Record a synchronous exception at the current PC for the run loop to take. */
int exc_raise_sync(struct cpu *cpu, unsigned target_el, uint64_t esr, const char *cause);
/* Same, with a valid FAR. */
int exc_raise_sync_far(struct cpu *cpu, unsigned target_el, uint64_t esr, uint64_t far,
                       const char *cause);

/* UNDEFINED instruction: EC 0x00 to the default synchronous target. */
int exc_raise_undef(struct cpu *cpu);

/*
 * AArch64.TakeException: write SPSR/ELR/ESR/FAR of the target EL, set PSTATE
 * for entry, clear the exclusive monitor and branch to the vector. Afterwards
 * cpu->exc holds e: the last exception taken.
 */
void exc_take(struct cpu *cpu, const struct exc *e);

/* AArch64.ExceptionReturn() from the current EL (ERET, EL1 or higher). */
void exc_return(struct cpu *cpu);

#endif
