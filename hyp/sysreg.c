/* SPDX-License-Identifier: MIT */
/*
 * Trapped system register accesses (EC 0x18; Arm ARM D19.2 "ISS encoding
 * for an exception from MSR, MRS, or System instruction execution"):
 * Op0 [21:20], Op2 [19:17], Op1 [16:14], CRn [13:10], Rt [9:5], CRm [4:1],
 * Direction [0] (1: a read, MRS).
 *
 * HCR_EL2.TID3 traps EL1's reads of the ID group 3 registers (op0 3, op1 0,
 * CRn 0, CRm 1-7: ID_AA64PFR0_EL1, ID_AA64MMFR0_EL1, ..., ID_PFR0_EL1, ...)
 * so each VM sees the CPU hyp/ offers it, not the one it runs on:
 *   - ID_AA64PFR0_EL1: EL0 and EL1 AArch64 only, no EL2, no EL3 (the VM
 *     cannot use them), everything else as the hardware says;
 *   - the other AArch64 ID registers as the hardware says;
 *   - the AArch32 ID registers read as zero: no AArch32 in these VMs.
 * Anything else that reaches here (the EL1 physical timer, which
 * CNTHCTL_EL2.EL1PCEN 0 keeps from the guests) is UNDEFINED for the guest.
 */
#include "hyp.h"

#define SYS_OP0(iss) (((iss) >> 20) & 3)
#define SYS_OP2(iss) (((iss) >> 17) & 7)
#define SYS_OP1(iss) (((iss) >> 14) & 7)
#define SYS_CRN(iss) (((iss) >> 10) & 15)
#define SYS_RT(iss)  (((iss) >> 5) & 31)
#define SYS_CRM(iss) (((iss) >> 1) & 15)
#define SYS_READ     1u

/* ID_AA64PFR0_EL1 fields (D19.2): EL0 [3:0], EL1 [7:4], EL2 [11:8], EL3 [15:12]; 1 = AArch64 only.
 */
#define PFR0_EL_FIELDS 0xffffull
#define PFR0_VM_ELS    0x0011ull

/* The AArch64 ID registers by (CRm, op2), read from the hardware. */
static int id_aa64_read(unsigned int crm, unsigned int op2, uint64_t *v)
{
	switch (crm << 3 | op2) {
	case 4 << 3 | 0: *v = read_sysreg(id_aa64pfr0_el1); return 1;
	case 4 << 3 | 1: *v = read_sysreg(id_aa64pfr1_el1); return 1;
	case 5 << 3 | 0: *v = read_sysreg(id_aa64dfr0_el1); return 1;
	case 5 << 3 | 1: *v = read_sysreg(id_aa64dfr1_el1); return 1;
	case 6 << 3 | 0: *v = read_sysreg(id_aa64isar0_el1); return 1;
	case 6 << 3 | 1: *v = read_sysreg(id_aa64isar1_el1); return 1;
	case 7 << 3 | 0: *v = read_sysreg(id_aa64mmfr0_el1); return 1;
	case 7 << 3 | 1: *v = read_sysreg(id_aa64mmfr1_el1); return 1;
	case 7 << 3 | 2: *v = read_sysreg(id_aa64mmfr2_el1); return 1;
	default: return 0;
	}
}

/* The value a VM reads from ID register (CRm, op2) under TID3. */
static uint64_t id_reg_virtual(unsigned int crm, unsigned int op2)
{
	uint64_t v;

	if (crm < 4 || !id_aa64_read(crm, op2, &v))
		return 0; /* AArch32 ID registers, reserved encodings and features we hide */
	if (crm == 4 && op2 == 0)
		v = (v & ~PFR0_EL_FIELDS) | PFR0_VM_ELS;
	return v;
}

void sysreg_trap(struct vcpu *v, uint64_t esr)
{
	uint32_t iss = ESR_ISS(esr);
	unsigned int rt = SYS_RT(iss);

	if (SYS_OP0(iss) == 3 && SYS_OP1(iss) == 0 && SYS_CRN(iss) == 0 && SYS_CRM(iss) >= 1 &&
	    (iss & SYS_READ)) {
		if (rt != 31)
			v->regs.x[rt] = id_reg_virtual(SYS_CRM(iss), SYS_OP2(iss));
		v->regs.pc += 4;
		return;
	}
	vm_log(v->vm, "%s S%u_%u_C%u_C%u_%u trapped: UNDEFINED injected",
	       (iss & SYS_READ) ? "MRS" : "MSR", SYS_OP0(iss), SYS_OP1(iss), SYS_CRN(iss),
	       SYS_CRM(iss), SYS_OP2(iss));
	inject_undef(v, v->regs.pc);
}
