/*
 * ESR_ELx decoded into words: the ISS fields of each exception class by
 * name (Arm ARM D19.2, ESR_ELx), for the trace and for diagnostics.
 */
#ifndef EL2SIM_ESR_FMT_H
#define EL2SIM_ESR_FMT_H

#include <stddef.h>
#include <stdint.h>

/* Write "field=value ..." for esr's ISS into buf (always terminated). */
void esr_describe(uint64_t esr, char *buf, size_t size);

/* The name of a data/instruction fault status code ("alignment fault"). */
const char *esr_fsc_name(unsigned fsc);

/* The Arm name of a vector slot: offset 0x000-0x780 -> "Lower EL using AArch64, IRQ". */
const char *esr_vector_slot_name(unsigned offset);

#endif
