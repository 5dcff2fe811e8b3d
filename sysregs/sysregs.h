/*
 * The system register table (sysregs.def) as data: an id per register, the
 * row's metadata, and a direct lookup from the 16-bit MRS/MSR encoding
 * op0:op1:CRn:CRm:op2, never a hash.
 */
#ifndef EL2SIM_SYSREGS_H
#define EL2SIM_SYSREGS_H

#include <stdint.h>

/* Trap groups (traps.def), in priority order. */
enum trap_group {
#define TRAP(id, level, ec, cause, pred) TG_##id,
#include "traps.def"
#undef TRAP
	TG_COUNT
};

enum sysreg_id {
	SR_NONE = 0, /* lookup result for an encoding with no register */
#define SYSREG(name, op0, op1, crn, crm, op2, access, traps, reset, wmask, flags) SR_##name,
#include "sysregs.def"
#undef SYSREG
	SR_COUNT
};

/* access column */
#define SRA_R    1u
#define SRA_W    2u
#define SRA_U    4u /* EL0 may reach it, subject to its enables */
#define SRA_U_RO 8u /* EL0 may only read it */

/* flags column */
#define SRF_STORE  1u
#define SRF_PSTATE 2u
#define SRF_CONST  4u
#define SRF_TLB    8u
#define SRF_IRQ    16u
#define SRF_OP     32u   /* a SYS operation (op0 = 1): DC, IC, TLBI, AT */
#define SRF_AT     64u   /* an address-translation operation (AT) */
#define SRF_ZVA    128u  /* DC ZVA */
#define SRF_SECURE 256u  /* EL1 may access it only in Secure state (CNTPS_*_EL1) */
#define SRF_GIC    512u  /* a GIC CPU interface register: cpu/gic_cpuif.c reads and writes it */
#define SRF_TIMER  1024u /* a Generic Timer register: cpu/timer.c reads and writes it */
#define SRF_RULES  2048u /* access rules of its own beyond EL and direction (sysreg_check) */

struct sysreg_info {
	const char *name;
	uint16_t enc; /* sysreg_encode(op0, op1, crn, crm, op2) */
	uint8_t access;
	uint16_t flags;
	uint64_t traps; /* trap groups, 1ull << TG_* */
	uint64_t reset;
	uint64_t wmask; /* bits an MSR writes */
};

static inline uint16_t sysreg_encode(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                                     unsigned op2)
{
	return (uint16_t)(((op0 & 3) << 14) | ((op1 & 7) << 11) | ((crn & 15) << 7) |
	                  ((crm & 15) << 3) | (op2 & 7));
}

extern const struct sysreg_info sysreg_table[SR_COUNT];

/* Build the encoding index; safe to call more than once. */
void sysregs_init(void);

/* The register at an encoding, or SR_NONE. */
enum sysreg_id sysreg_lookup(uint16_t enc);

/*
 * Lowest EL that may access an encoding, from op1 (Arm ARM D8.2? "op1"):
 * 0, 1, 2 -> EL1; 3 -> EL0; 4, 5 -> EL2; 6 -> EL3; 7 -> EL1.
 */
unsigned sysreg_min_el(uint16_t enc);

#endif
