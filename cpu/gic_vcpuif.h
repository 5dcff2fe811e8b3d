/*
 * The GICv3 virtual CPU interface (IHI 0069, chapter 6 "Virtual Interrupt
 * Handling and Prioritization", 12.4 "ICH_* registers", 12.3 "ICV_*
 * registers"): list registers ICH_LR<n>_EL2, the virtual running priority
 * from ICH_AP0R0/AP1R0_EL2, acknowledge/EOI/deactivate through ICV_*, the
 * derived ICH_MISR/EISR/ELRSR_EL2, the virtual IRQ/FIQ it signals to EL1,
 * and the maintenance interrupt (PPI 25).
 */
#ifndef EL2SIM_GIC_VCPUIF_H
#define EL2SIM_GIC_VCPUIF_H

#include <stdint.h>

#include "sysregs.h"

struct cpu;

/* The number of list registers (ICH_VTR_EL2.ListRegs + 1). */
#define VGIC_NUM_LRS 4

/*
 * An EL1 access to ICC register id that HCR_EL2.IMO/FMO redirect to its
 * ICV_* twin (same encoding), after the access checks passed.
 */
uint64_t vgic_icv_read(struct cpu *cpu, enum sysreg_id id);
void vgic_icv_write(struct cpu *cpu, enum sysreg_id id, uint64_t v);

/* The vINTID the list registers signal now (vIRQ or vFIQ), or 1023: for the trace. */
uint32_t vgic_pending_intid(const struct cpu *cpu);

/* ICH_MISR_EL2, ICH_EISR_EL2, ICH_ELRSR_EL2: derived from the other state. */
uint64_t vgic_ich_read(const struct cpu *cpu, enum sysreg_id id);

/* An MSR to an ICH_*_EL2 register, after its access checks passed. */
void vgic_ich_write(struct cpu *cpu, enum sysreg_id id, uint64_t v);

/*
 * After any change to the ICH_* state: drive the virtual IRQ and FIQ lines
 * (HCR_EL2.IMO/FMO are applied where the lines are taken, irq.c) (irq_set_virtual_line) and the
 * maintenance interrupt (bus.gic.ppi(GIC_PPI_MAINT, level)).
 */
void vgic_update(struct cpu *cpu);

#endif
