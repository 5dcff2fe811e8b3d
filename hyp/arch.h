/* SPDX-License-Identifier: MIT */
/*
 * AArch64 definitions the hypervisor uses: system register access (seam.h)
 * and the bits of the EL2 controls it programs, each with the Arm ARM
 * (DDI 0487) register description it comes from. Names stay as the Arm ARM
 * spells them.
 */
#ifndef HYP_ARCH_H
#define HYP_ARCH_H

#include <stdint.h>

#include "seam.h" /* read_sysreg(), write_sysreg(), isb(), dsb() */

/* HCR_EL2 (D19.2 "HCR_EL2, Hypervisor Configuration Register"). */
#define HCR_VM   (1ull << 0)  /* stage 2 translation for EL1&0 */
#define HCR_SWIO (1ull << 1)  /* DC ISW acts as DC CISW (no set/way games by guests) */
#define HCR_FMO  (1ull << 3)  /* physical FIQ to EL2; virtual FIQ to EL1 */
#define HCR_IMO  (1ull << 4)  /* physical IRQ to EL2; EL1's ICC_* become ICV_* */
#define HCR_AMO  (1ull << 5)  /* physical SError to EL2 */
#define HCR_TWI  (1ull << 13) /* WFI at EL1/EL0 traps: EC 0x01 */
#define HCR_TWE  (1ull << 14) /* WFE at EL1/EL0 traps: EC 0x01, ISS.TI 1 */
#define HCR_TID3 (1ull << 18) /* ID group 3 reads (ID_AA64*, ID_*, MVFR*) trap: EC 0x18 */
#define HCR_TSC  (1ull << 19) /* SMC at EL1 traps: EC 0x17, ahead of SCR_EL3.SMD */
#define HCR_RW   (1ull << 31) /* EL1 is AArch64 */

/* ESR_ELx (D19.2 "ESR_EL2"): EC [31:26], IL [25], ISS [24:0]. */
#define ESR_EC(esr)       ((unsigned int)((esr) >> 26) & 0x3f)
#define ESR_IL            (1ull << 25)
#define ESR_ISS(esr)      ((uint32_t)(esr)&0x1ffffff)
#define ESR_MAKE(ec, iss) ((uint64_t)(ec) << 26 | ESR_IL | (uint64_t)(iss))

/* Exception classes hyp/ meets or injects (D19.2 "ESR_EL2", table of EC values). */
#define EC_UNKNOWN  0x00
#define EC_WFX      0x01
#define EC_FP       0x07
#define EC_HVC64    0x16
#define EC_SMC64    0x17
#define EC_SYS64    0x18
#define EC_IABT_LOW 0x20
#define EC_IABT_CUR 0x21
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25

/* Data Abort ISS (D19.2 "ISS encoding for an exception from a Data Abort"). */
#define DABT_ISV       (1u << 24)
#define DABT_SAS(iss)  (((iss) >> 22) & 3)
#define DABT_SSE       (1u << 21)
#define DABT_SRT(iss)  (((iss) >> 16) & 31)
#define DABT_SF        (1u << 15)
#define DABT_WNR       (1u << 6)
#define DABT_DFSC(iss) ((iss)&0x3f)
#define FSC_EXT_ABORT  0x10 /* Synchronous External abort, not on a table walk */

/* SPSR_ELx / PSTATE (C5.2 "SPSR_EL2"): M [4:0] = EL << 2 | SPSel, D A I F [9:6]. */
#define PSR_MODE_MASK 0xfull
#define PSR_EL0t      0x0ull
#define PSR_EL1t      0x4ull
#define PSR_EL1h      0x5ull
#define PSR_EL2h      0x9ull
#define PSR_DAIF      0x3c0ull

/* Offsets from VBAR_EL1 of the vectors an injected synchronous exception uses (D1.10.2). */
#define VEC_CUR_SP0_SYNC 0x000
#define VEC_CUR_SPX_SYNC 0x200
#define VEC_LOWER64_SYNC 0x400

/* SCTLR_EL1 with the MMU and caches off: the RES1 bits of Armv8.0 (D19.2 "SCTLR_EL1"). */
#define SCTLR_EL1_RESET 0x30d00800ull
/* SCTLR_EL2 (D19.2 "SCTLR_EL2", HCR_EL2.E2H 0): RES1 bits, MMU off, SA (SP alignment check) on;
 * start.S writes it (asm_defs.c). */
#define SCTLR_EL2_RESET (0x30c50830ull | 1ull << 3)

/* CPTR_EL2 (E2H 0): RES1 [13:12], [9:0]; TFP [10] traps FP/SIMD at EL0-2 (EC 0x07). */
#define CPTR_EL2_RES1 0x33ffull
#define CPTR_EL2_TFP  (1ull << 10)

/* CNTHCTL_EL2 (E2H 0): EL1PCTEN [0] lets EL1/EL0 read CNTPCT_EL0; EL1PCEN [1] (CNTP_*) stays 0. */
#define CNTHCTL_EL1PCTEN (1ull << 0)

/* CNT*_CTL (Arm ARM D11 "The Generic Timer in AArch64 state"). */
#define CNT_CTL_ENABLE 1ull
#define CNT_CTL_IMASK  2ull

/* VTTBR_EL2: VMID [55:48] (8-bit VMIDs), BADDR [47:1] (D19.2 "VTTBR_EL2"). */
#define VTTBR_VMID_SHIFT 48

#endif
