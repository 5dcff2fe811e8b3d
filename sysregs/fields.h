/*
 * Fields of the control registers the CPU model reads most, by their Arm
 * ARM names (D19.2 register descriptions). One place for each bit: code
 * says HCR_EL2_TGE, never (1ull << 27).
 */
#ifndef EL2SIM_FIELDS_H
#define EL2SIM_FIELDS_H

/* HCR_EL2 */
#define HCR_EL2_VM    (1ull << 0)
#define HCR_EL2_FMO   (1ull << 3)
#define HCR_EL2_IMO   (1ull << 4)
#define HCR_EL2_AMO   (1ull << 5)
#define HCR_EL2_VF    (1ull << 6)
#define HCR_EL2_VI    (1ull << 7)
#define HCR_EL2_VSE   (1ull << 8)
#define HCR_EL2_DC    (1ull << 12)
#define HCR_EL2_TWI   (1ull << 13)
#define HCR_EL2_TWE   (1ull << 14)
#define HCR_EL2_TSC   (1ull << 19)
#define HCR_EL2_TIDCP (1ull << 20)
#define HCR_EL2_TGE   (1ull << 27)
#define HCR_EL2_HCD   (1ull << 29)
#define HCR_EL2_RW    (1ull << 31)
#define HCR_EL2_TEA   (1ull << 37)

/* SCR_EL3 */
#define SCR_EL3_NS  (1ull << 0)
#define SCR_EL3_IRQ (1ull << 1)
#define SCR_EL3_FIQ (1ull << 2)
#define SCR_EL3_EA  (1ull << 3)
#define SCR_EL3_SMD (1ull << 7)
#define SCR_EL3_HCE (1ull << 8)
#define SCR_EL3_RW  (1ull << 10)
#define SCR_EL3_TWI (1ull << 12)
#define SCR_EL3_TWE (1ull << 13)

/* SCTLR_ELx (the EL0 controls are SCTLR_EL1's) */
#define SCTLR_M    (1ull << 0)
#define SCTLR_A    (1ull << 1)
#define SCTLR_SA   (1ull << 3)
#define SCTLR_SA0  (1ull << 4)
#define SCTLR_NTWI (1ull << 16)
#define SCTLR_NTWE (1ull << 18)

#endif
