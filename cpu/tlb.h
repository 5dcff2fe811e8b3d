/*
 * The soft TLB's organisation and maintenance. Entries hold one 4 KiB page
 * each (struct tlb_entry in cpu.h) and are grouped in sets: for the EL1&0
 * regime one set per (ASID, VMID) context, TLB_CONTEXTS of them kept at
 * once, least recently used replaced; one set for EL2 and one for EL3. A
 * context switch (TTBR0/1_EL1's ASID, VTTBR_EL2's VMID) selects a set and
 * flushes nothing; TLBI invalidates what it names (Arm ARM D8.13, "TLB
 * maintenance instructions").
 */
#ifndef EL2SIM_TLB_H
#define EL2SIM_TLB_H

#include <stdint.h>

struct cpu;

/* The EL1&0 regime's (ASID, VMID) from TTBRx_EL1, TCR_EL1 and VTTBR_EL2, and select its set. */
void tlb_select_context(struct cpu *cpu);

/* Forget the entries of the EL1&0 regime (every context), of EL2's, of EL3's. */
void tlb_flush_el10(struct cpu *cpu);
void tlb_flush_el2(struct cpu *cpu);
void tlb_flush_el3(struct cpu *cpu);

/* Register id (a row flagged TLB) was written; old is its previous value. */
void tlb_sysreg_written(struct cpu *cpu, unsigned id, uint64_t old);

/* Classify the TLBI rows of the sysreg table; once, before the first tlb_tlbi(). */
void tlb_init(void);

/* Execute the TLBI whose sysreg row is id, with Xt = xt. */
void tlb_tlbi(struct cpu *cpu, unsigned id, uint64_t xt);

#endif
