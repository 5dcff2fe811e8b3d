/* SPDX-License-Identifier: MIT */
/*
 * PSCI 1.1 (Arm DEN 0022) as each VM sees it: one vCPU, so CPU_OFF ends the
 * VM as SYSTEM_OFF does; SYSTEM_RESET reloads its image and starts it over.
 */
#include "hyp.h"

/* Returns 0 if fid is not a PSCI call hyp/ implements. */
int psci_call(struct vcpu *v, uint32_t fid)
{
	struct vm *vm = v->vm;

	switch (fid) {
	case PSCI_VERSION: v->regs.x[0] = PSCI_VERSION_1_1; return 1;
	case PSCI_CPU_OFF:
	case PSCI_SYSTEM_OFF:
		vm_console_flush(vm);
		vm_log(vm, "PSCI %s, exit status %s%lld",
		       fid == PSCI_CPU_OFF ? "CPU_OFF" : "SYSTEM_OFF",
		       vm->status_valid ? "" : "not reported, ", (long long)vm->status);
		vm->powered_off = 1;
		sched_off(v);
		return 1;
	case PSCI_SYSTEM_RESET:
		vm_console_flush(vm);
		vm_log(vm, "PSCI SYSTEM_RESET");
		/* v is loaded: take its state out of the CPU, reset it, put the new one in. */
		vcpu_put(v);
		vm_reset(vm);
		vcpu_load(v);
		return 1;
	default: return 0;
	}
}
