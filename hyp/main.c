/* SPDX-License-Identifier: MIT */
/*
 * hyp/'s C entry (start.S calls hyp_main at EL2, the MMU off, interrupts
 * masked) and its end (hyp_finish, when every guest powered off or nothing
 * can run any more): the exit status says whether both guests did their
 * work.
 */
#include "hyp.h"

void hyp_main(unsigned long boot_el);

void hyp_main(unsigned long boot_el)
{
	hyp_log("el2sim hypervisor: started at EL%lu%s", boot_el,
	        boot_el == 3 ? ", the monitor dropped to EL2" : "");
	write_sysreg(hcr_el2, HCR_RW); /* nothing traps until the VMs exist */
	write_sysreg(cptr_el2, HYP_CPTR);
	write_sysreg(hstr_el2, 0);
	write_sysreg(cnthctl_el2, CNTHCTL_EL1PCTEN);
	write_sysreg(cnthp_ctl_el2, 0);
	isb();
	stage2_init();
	gic_init();
	traps_self_check(); /* a handler for every class HYP_HCR and HYP_CPTR can send */
	vm_init_all();
	write_sysreg(hcr_el2, HYP_HCR);
	isb();
	hyp_log("HCR_EL2 0x%llx (VM SWIO IMO FMO AMO TWI TWE TID3 TSC RW), time slice %u us, "
	        "CNTFRQ %llu Hz",
	        (unsigned long long)HYP_HCR, HYP_SLICE_US,
	        (unsigned long long)read_sysreg(cntfrq_el0));
	sched_start();
}

static void vm_report(const struct vm *vm)
{
	const struct vm_stats *s = &vm->stats;
	char line[200];
	int n = 0;

	for (unsigned int ec = 0; ec < 64; ec++)
		if (s->exits[ec])
			n += hyp_snprintf(line + n, sizeof(line) - (size_t)n, " %s %u",
			                  trap_ec_name(ec), s->exits[ec]);
	vm_log(vm, "exits:%s", n ? line : " none");
	vm_log(vm,
	       "irqs: time slice %u, vtimer injected %u, maintenance %u; "
	       "switched in %u, WFI blocked %u, MMIO %u, hypercalls %u, injected %u",
	       s->irq_slice, s->irq_vtimer, s->irq_maint, s->switches_in, s->wfi_blocked, s->mmio,
	       s->hypercalls, s->injected);
}

void hyp_finish(void)
{
	int ok = 1;

	for (unsigned int i = 0; i < HYP_NR_VMS; i++) {
		struct vm *vm = &hyp_vms[i];
		int vm_ok = vm->powered_off && vm->status_valid && vm->status == 0;

		vm_console_flush(vm);
		vm_report(vm);
		vm_log(vm, "%s",
		       vm_ok               ? "finished, status 0"
		       : !vm->powered_off  ? "did not finish"
		       : !vm->status_valid ? "powered off without a status"
		                           : "reported failure");
		ok &= vm_ok;
	}
	hyp_log("idle waits %u; %s", sched_idle_waits(),
	        ok ? "both guests finished their work: exit 0" : "FAILED: exit 1");
	semihost_exit(ok ? HYP_EXIT_OK : HYP_EXIT_GUEST_FAIL);
}
