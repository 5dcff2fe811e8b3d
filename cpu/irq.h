/*
 * Asynchronous exceptions: the physical IRQ, FIQ and SError inputs, the
 * virtual ones HCR_EL2 generates, their routing and masking (Arm ARM D1.4.6,
 * tables "FIQ and IRQ interrupt exception targets and masking"), taking them
 * at block boundaries, and the WFI/WFE wake-up conditions (Arm ARM D1.7).
 */
#ifndef EL2SIM_IRQ_H
#define EL2SIM_IRQ_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

/* Physical interrupt inputs, driven by the interrupt controller. */
enum irq_line { IRQ_LINE_IRQ = 1u << 0, IRQ_LINE_FIQ = 1u << 1, IRQ_LINE_SERROR = 1u << 2 };

/* Virtual inputs from a GIC virtual CPU interface (OR'd with HCR_EL2.VI/VF). */
enum virq_line { VIRQ_LINE_IRQ = 1u << 0, VIRQ_LINE_FIQ = 1u << 1 };

/* Drive a physical input line (level-sensitive). */
void irq_set_line(struct cpu *cpu, enum irq_line line, bool level);
void irq_set_virtual_line(struct cpu *cpu, enum virq_line line, bool level);

/*
 * Something that decides whether an interrupt can be taken changed (a line,
 * PSTATE.DAIF, EL, HCR_EL2, SCR_EL3): make the run loop look at the next
 * instruction boundary.
 */
void irq_recheck(struct cpu *cpu);

/* Take the highest-priority pending, unmasked asynchronous exception, if any. */
bool irq_take_pending(struct cpu *cpu);

/*
 * ESB (FEAT_RAS): AArch64.ESBOperation defers a pending physical SError that
 * is masked at its target into DISR_EL1; AArch64.vESBOperation defers a
 * masked virtual SError into VDISR_EL2 (syndrome from VSESR_EL2).
 */
void irq_esb(struct cpu *cpu);

/* ISR_EL1: the A, I, F bits [8:6] pending as seen from EL1 (virtual when xMO). */
uint64_t irq_isr_el1(const struct cpu *cpu);

/* DISR_EL1 as accessed from the current EL: VDISR_EL2 at EL1 with HCR_EL2.AMO. */
uint64_t *irq_disr(struct cpu *cpu);

/*
 * Is there a wake-up event for WFI or WFE (Arm ARM D1.7.1, D1.7.2)? WFI:
 * any interrupt that could be taken here, masked by PSTATE or not. WFE: the
 * Event Register, which this consumes, or an interrupt that would be taken
 * now.
 */
bool irq_wfx_wakes(struct cpu *cpu, bool is_wfe);

#endif
