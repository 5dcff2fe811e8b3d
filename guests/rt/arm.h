/* SPDX-License-Identifier: MIT */
/*
 * The architecture as every guest of guests/ names it (rt.h includes this):
 * System register accessors, the exception vector slots, and the ESR, SPSR,
 * HCR_EL2, SCR_EL3 and timer control bits the guests use. One set, so the
 * runtime, the probes, the benches, the storm and the guest OSes cannot
 * drift apart. Values only from the Arm ARM (DDI 0487), the section given
 * with each group; hyp/ keeps its own (DESIGN.md: guests/ and hyp/ share
 * only hypercall.h).
 */
#ifndef RT_ARM_H
#define RT_ARM_H

#include <stdint.h>

/*
 * MRS and MSR (register) (Arm ARM C6.2) of a System register named as the
 * assembler spells it (e.g. hcr_el2, or S3_4_C5_C2_3 for one it does not
 * know). A direct write is guaranteed to be seen by later instructions only
 * after a Context synchronization event (Arm ARM, "Synchronization
 * requirements for AArch64 System registers"): WRITE_SYSREG() issues the
 * ISB and is a compiler barrier; WRITE_SYSREG_NOSYNC() is for writes whose
 * synchronization comes anyway (ELR_ELx and SPSR_ELx before an ERET).
 */
#define READ_SYSREG(reg)                                      \
	({                                                    \
		uint64_t v_;                                  \
		__asm__ volatile("mrs %0, " #reg : "=r"(v_)); \
		v_;                                           \
	})
#define WRITE_SYSREG(reg, v) \
	__asm__ volatile("msr " #reg ", %0\n\tisb" : : "r"((uint64_t)(v)) : "memory")
#define WRITE_SYSREG_NOSYNC(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)))

/*
 * Exception vector slots, VBAR_ELx offset / 0x80 (Arm ARM D1.10.2,
 * "Exception vectors", the vector offsets table): struct rt_exc_frame.slot.
 */
enum rt_slot {
	SLOT_CUR_SP0_SYNC = 0,    /* 0x000 Current EL with SP0 */
	SLOT_CUR_SP0_IRQ = 1,     /* 0x080 */
	SLOT_CUR_SP0_FIQ = 2,     /* 0x100 */
	SLOT_CUR_SP0_SERROR = 3,  /* 0x180 */
	SLOT_CUR_SPX_SYNC = 4,    /* 0x200 Current EL with SPx */
	SLOT_CUR_SPX_IRQ = 5,     /* 0x280 */
	SLOT_CUR_SPX_FIQ = 6,     /* 0x300 */
	SLOT_CUR_SPX_SERROR = 7,  /* 0x380 */
	SLOT_LOWER64_SYNC = 8,    /* 0x400 Lower EL using AArch64 */
	SLOT_LOWER64_IRQ = 9,     /* 0x480 */
	SLOT_LOWER64_FIQ = 10,    /* 0x500 */
	SLOT_LOWER64_SERROR = 11, /* 0x580 */
	SLOT_LOWER32_SYNC = 12,   /* 0x600 Lower EL using AArch32 */
	SLOT_LOWER32_IRQ = 13,    /* 0x680 */
	SLOT_LOWER32_FIQ = 14,    /* 0x700 */
	SLOT_LOWER32_SERROR = 15, /* 0x780 */
};

/* ESR_ELx: EC [31:26], IL [25], ISS [24:0] (Arm ARM D19.2, ESR_EL1/ESR_EL2, the EC table). */
#define ESR_EC(esr) ((unsigned int)((esr) >> 26) & 0x3f)
#define EC_UNKNOWN  0x00 /* Unknown reason (UNDEFINED) */
#define EC_SVC64    0x15 /* SVC in AArch64 state */
#define EC_HVC64    0x16 /* HVC in AArch64 state */
#define EC_SMC64    0x17 /* SMC in AArch64 state */
#define EC_DABT_LOW 0x24 /* Data Abort from a lower EL */
#define EC_DABT_CUR 0x25 /* Data Abort taken without a change in EL */

/*
 * SPSR_ELx (Arm ARM C5.2, SPSR_EL1/SPSR_EL2/SPSR_EL3): M[4:0] for AArch64
 * is EL << 2 | SPSel (t: SP_EL0, h: SP_ELx); D A I F [9:6], the same bits
 * as PSTATE.DAIF reads through MRS DAIF; IL [20].
 */
#define SPSR_EL0T 0x0ull
#define SPSR_EL1T 0x4ull
#define SPSR_EL1H 0x5ull
#define SPSR_EL2T 0x8ull
#define SPSR_EL2H 0x9ull
#define SPSR_EL3H 0xdull
#define SPSR_F    0x40ull
#define SPSR_I    0x80ull
#define SPSR_A    0x100ull
#define SPSR_D    0x200ull
#define SPSR_DAIF (SPSR_D | SPSR_A | SPSR_I | SPSR_F)
#define SPSR_IL   (1ull << 20)

/* HCR_EL2 bits the guests set (Arm ARM D19.2, HCR_EL2). */
#define HCR_VM  (1ull << 0)  /* stage 2 translation for EL1&0 */
#define HCR_FMO (1ull << 3)  /* physical FIQ to EL2, virtual FIQ enabled */
#define HCR_IMO (1ull << 4)  /* physical IRQ to EL2, virtual IRQ enabled */
#define HCR_AMO (1ull << 5)  /* physical SError to EL2, virtual SError enabled */
#define HCR_VF  (1ull << 6)  /* virtual FIQ pending */
#define HCR_VI  (1ull << 7)  /* virtual IRQ pending */
#define HCR_VSE (1ull << 8)  /* virtual SError pending */
#define HCR_TWI (1ull << 13) /* trap WFI */
#define HCR_TWE (1ull << 14) /* trap WFE */
#define HCR_TSC (1ull << 19) /* trap SMC */
#define HCR_TVM (1ull << 26) /* trap EL1 writes of the virtual memory controls */
#define HCR_TGE (1ull << 27) /* Trap General Exceptions: EL1 unused */
#define HCR_RW  (1ull << 31) /* EL1 is AArch64 */

/* SCR_EL3 bits (Arm ARM D19.2, SCR_EL3). */
#define SCR_NS   (1ull << 0)
#define SCR_RES1 (3ull << 4)  /* bits [5:4] are RES1 */
#define SCR_HCE  (1ull << 8)  /* HVC enabled */
#define SCR_RW   (1ull << 10) /* the next lower EL is AArch64 */

/* CNTP_CTL_EL0, CNTV_CTL_EL0, CNTHP_CTL_EL2 (Arm ARM D19.11, Generic Timer registers). */
#define CNT_CTL_ENABLE  1ull
#define CNT_CTL_IMASK   2ull
#define CNT_CTL_ISTATUS 4ull

#endif
