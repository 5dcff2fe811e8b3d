/*
 * ESR_ELx values. Every syndrome the CPU reports is built here, one
 * constructor per exception class (Arm ARM D19.2, ESR_ELx: EC [31:26],
 * IL [25], ISS [24:0]). Nothing else in the tree shifts an EC into place.
 */
#ifndef EL2SIM_SYNDROME_H
#define EL2SIM_SYNDROME_H

#include <stdbool.h>
#include <stdint.h>

enum ec {
#define EC(id, val, name) EC_##id = val,
#include "ec.def"
#undef EC
};

/* The name of an exception class ("HVC64"), or NULL for an unallocated one. */
const char *ec_name(unsigned ec);

#define ESR_EC_SHIFT 26
#define ESR_IL       (1u << 25)
#define ESR_ISS_MASK 0x1ffffffu

/* DFSC/IFSC fault status codes (ESR_ELx ISS for aborts, bits [5:0]). */
enum fsc {
	FSC_ADDR_SIZE_L0 = 0x00, /* + level */
	FSC_TRANSLATION_L0 = 0x04,
	FSC_ACCESS_FLAG_L0 = 0x08,
	FSC_PERMISSION_L0 = 0x0c,
	FSC_SEA = 0x10, /* synchronous external abort, not on a walk */
	FSC_SEA_WALK_L0 = 0x14,
	FSC_ALIGNMENT = 0x21,
	FSC_TLB_CONFLICT = 0x30,
};

/* ESR_ELx.EC [31:26]. */
static inline unsigned esr_ec(uint64_t esr)
{
	return (unsigned)(esr >> ESR_EC_SHIFT) & 0x3f;
}

static inline uint64_t syn_make(unsigned ec, bool il, uint32_t iss)
{
	return ((uint64_t)ec << ESR_EC_SHIFT) | (il ? ESR_IL : 0) | (iss & ESR_ISS_MASK);
}

/* EC 0x00: Unknown reason, e.g. an UNDEFINED instruction. IL is 1 for A64. */
static inline uint64_t syn_uncategorized(void)
{
	return syn_make(EC_UNKNOWN, true, 0);
}

/* EC 0x0E: Illegal Execution state (PSTATE.IL was set). */
static inline uint64_t syn_illegal_state(void)
{
	return syn_make(EC_ILL, true, 0);
}

/* EC 0x15/0x16/0x17: SVC, HVC, SMC from AArch64; ISS[15:0] is imm16. */
static inline uint64_t syn_svc(uint16_t imm)
{
	return syn_make(EC_SVC64, true, imm);
}

static inline uint64_t syn_hvc(uint16_t imm)
{
	return syn_make(EC_HVC64, true, imm);
}

static inline uint64_t syn_smc(uint16_t imm)
{
	return syn_make(EC_SMC64, true, imm);
}

/* EC 0x3C: BRK; ISS[15:0] is the comment field. */
static inline uint64_t syn_brk(uint16_t imm)
{
	return syn_make(EC_BRK64, true, imm);
}

/*
 * EC 0x07: FP/AdvSIMD access trapped by CPACR_EL1.FPEN, CPTR_EL2.TFP or
 * CPTR_EL3.TFP. From AArch64 the ISS is CV = 1, COND = 0b1110 (as hardware
 * and QEMU report it: ESR 0x1fe00000).
 */
static inline uint64_t syn_fp_access(void)
{
	return syn_make(EC_FP_ASIMD, true, (1u << 24) | (0xeu << 20));
}

/* EC 0x22: PC alignment fault. */
static inline uint64_t syn_pc_align(void)
{
	return syn_make(EC_PC_ALIGN, true, 0);
}

/* EC 0x26: SP alignment fault. */
static inline uint64_t syn_sp_align(void)
{
	return syn_make(EC_SP_ALIGN, true, 0);
}

/*
 * EC 0x18: trapped MSR, MRS or System instruction. ISS: Op0 [21:20],
 * Op2 [19:17], Op1 [16:14], CRn [13:10], Rt [9:5], CRm [4:1],
 * Direction [0] (1 = read, MRS).
 */
static inline uint64_t syn_sysreg(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                                  unsigned op2, unsigned rt, bool is_read)
{
	uint32_t iss = (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) |
	               (crm << 1) | (is_read ? 1u : 0u);
	return syn_make(EC_SYS64, true, iss);
}

/*
 * EC 0x24/0x25: Data Abort. ISS: ISV [24], SAS [23:22], SSE [21], SRT [20:16],
 * SF [15], AR [14], FnV [10], EA [9], CM [8], S1PTW [7], WnR [6], DFSC [5:0].
 * iss carries every field but the class; same_el picks 0x25 over 0x24.
 */
static inline uint64_t syn_data_abort(bool same_el, uint32_t iss)
{
	return syn_make(same_el ? EC_DABT_CUR : EC_DABT_LOW, true, iss);
}

#define DABT_ISS_WNR (1u << 6)

/* EC 0x20/0x21: Instruction Abort. ISS: FnV [10], EA [9], S1PTW [7], IFSC [5:0]. */
static inline uint64_t syn_insn_abort(bool same_el, uint32_t iss)
{
	return syn_make(same_el ? EC_IABT_CUR : EC_IABT_LOW, true, iss);
}

#endif
