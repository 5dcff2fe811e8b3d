/* SPDX-License-Identifier: MIT */
/*
 * Calls from a guest (include/hypercall.h): HVC #0 from EL1, or SMC #0
 * trapped by HCR_EL2.TSC; the SMC Calling Convention (Arm DEN 0028) either
 * way: function ID in W0, arguments in X1-X7, results in X0-X3. Owner 4 is
 * PSCI (psci.c), owner 6 el2sim's vendor calls, here. An unknown function
 * ID is the guest's mistake: UNDEFINED at its HVC/SMC (the header's rule).
 */
#include "hyp.h"

static int64_t hc_console_write(struct vcpu *v, uint64_t ipa, uint64_t len)
{
	uint64_t pa;

	if (len > HC_CONSOLE_MAX)
		len = HC_CONSOLE_MAX;
	if (!vm_ipa_to_pa(v->vm, ipa, len, &pa))
		return HC_ERR_ADDRESS;
	/* hyp/'s MMU is off: the guest's RAM is read through its PA, byte by byte. */
	for (uint64_t i = 0; i < len; i++)
		vm_console_putc(v->vm, ((const volatile char *)pa)[i]);
	return (int64_t)len;
}

/* A vendor call; returns 0 if fid is not one. */
static int hc_vendor(struct vcpu *v, uint32_t fid)
{
	uint64_t *x = v->regs.x;

	switch (fid) {
	case HC_CONSOLE_WRITE: x[0] = (uint64_t)hc_console_write(v, x[1], x[2]); return 1;
	case HC_YIELD:
		x[0] = 0;
		sched_give_up(v);
		return 1;
	case HC_VCPU_ID: x[0] = v->vm->id; return 1;
	case HC_TIME:
		x[0] = read_sysreg(cntvct_el0);
		return 1; /* CNTPCT - CNTVOFF_EL2: the guest's */
	case HC_EXIT_STATUS:
		v->vm->status = (int64_t)x[1];
		v->vm->status_valid = 1;
		x[0] = 0;
		return 1;
	default: return 0;
	}
}

/* call_pc: the HVC or SMC instruction; the guest resumes after it (v->regs.pc). */
void hypercall(struct vcpu *v, uint64_t call_pc)
{
	uint32_t fid = (uint32_t)v->regs.x[0];

	v->vm->stats.hypercalls++;
	if (hc_vendor(v, fid) || psci_call(v, fid))
		return;
	vm_log(v->vm, "unknown hypercall 0x%08x at 0x%llx: UNDEFINED injected", fid,
	       (unsigned long long)call_pc);
	inject_undef(v, call_pc);
}
