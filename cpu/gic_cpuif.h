/*
 * The GICv3 physical CPU interface (IHI 0069, chapter 4 "Physical
 * Interrupt Handling and Prioritization" and 12.2 "ICC_* registers"):
 * the ICC_* registers with their side effects, the running priority, and
 * the IRQ/FIQ signals it drives into the PE. EL1 accesses that
 * HCR_EL2.IMO/FMO redirect go to the virtual interface (gic_vcpuif.h).
 */
#ifndef EL2SIM_GIC_CPUIF_H
#define EL2SIM_GIC_CPUIF_H

#include <stdint.h>

#include "sysregs.h"

struct cpu;

/* An MRS or MSR of a GIC row (SRF_GIC), after its access checks passed. */
uint64_t gic_sysreg_read(struct cpu *cpu, enum sysreg_id id);
void gic_sysreg_write(struct cpu *cpu, enum sysreg_id id, uint64_t v);

/* The INTID the interface signals now (IRQ or FIQ), or GIC_INTID_SPURIOUS: for the trace. */
uint32_t gic_cpuif_pending_intid(const struct cpu *cpu);

/*
 * What the redistributor forwards, or the CPU interface's own state,
 * changed: recompute the physical IRQ and FIQ lines. The board calls it
 * after every change it makes. (The virtual interface's outputs depend
 * only on ICH_* state: vgic_update, gic_vcpuif.h.)
 */
void gic_cpuif_update(struct cpu *cpu);

#endif
