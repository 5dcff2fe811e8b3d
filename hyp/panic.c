/* SPDX-License-Identifier: MIT */
/*
 * hyp/'s own bugs, reported and stopped (Xen's do_bad_mode, STYLE.md 11):
 * a vector slot that must never be taken, or a state hyp/ cannot continue
 * from. Guests' mistakes never come here: traps.c injects them back.
 */
#include "hyp.h"
#include "panic.h"

static const char *const slot_names[16] = {
        "Current EL with SP0, Synchronous",
        "Current EL with SP0, IRQ",
        "Current EL with SP0, FIQ",
        "Current EL with SP0, SError",
        "Current EL with SPx, Synchronous",
        "Current EL with SPx, IRQ",
        "Current EL with SPx, FIQ",
        "Current EL with SPx, SError",
        "Lower EL using AArch64, Synchronous",
        "Lower EL using AArch64, IRQ",
        "Lower EL using AArch64, FIQ",
        "Lower EL using AArch64, SError",
        "Lower EL using AArch32, Synchronous",
        "Lower EL using AArch32, IRQ",
        "Lower EL using AArch32, FIQ",
        "Lower EL using AArch32, SError",
};

static void __attribute__((noreturn))
report(unsigned int el, unsigned long slot, const struct hyp_frame *f, uint64_t esr, uint64_t elr,
       uint64_t far, uint64_t spsr)
{
	struct vcpu *v = el == 2 ? sched_current() : NULL;

	hyp_printf(
	        "\n[hyp] unexpected exception at EL%u: vector slot %lu (VBAR_EL%u + 0x%03lx), %s\n",
	        el, slot, el, slot * 0x80, slot < 16 ? slot_names[slot] : "?");
	hyp_printf("[hyp]   ESR_EL%u 0x%016llx (EC 0x%02x)  ELR_EL%u 0x%016llx\n", el,
	           (unsigned long long)esr, ESR_EC(esr), el, (unsigned long long)elr);
	hyp_printf("[hyp]   FAR_EL%u 0x%016llx  SPSR_EL%u 0x%08llx\n", el, (unsigned long long)far,
	           el, (unsigned long long)spsr);
	if (slot >= 8 && v)
		hyp_printf("[hyp]   running: vm%u %s\n", v->vm->id, v->vm->name);
	for (int i = 0; i < 31; i += 2) {
		hyp_printf("[hyp]   x%-2d 0x%016llx", i, (unsigned long long)f->x[i]);
		if (i + 1 < 31)
			hyp_printf("  x%-2d 0x%016llx", i + 1, (unsigned long long)f->x[i + 1]);
		hyp_printf("\n");
	}
	semihost_exit(HYP_EXIT_BAD_VECTOR);
}

void hyp_bad_vector(unsigned long slot, struct hyp_frame *f)
{
	report(2, slot, f, read_sysreg(esr_el2), read_sysreg(elr_el2), read_sysreg(far_el2),
	       read_sysreg(spsr_el2));
}

void monitor_bad_vector(unsigned long slot, struct hyp_frame *f)
{
	report(3, slot, f, read_sysreg(esr_el3), read_sysreg(elr_el3), read_sysreg(far_el3),
	       read_sysreg(spsr_el3));
}

void hyp_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hyp_vlog("[hyp] PANIC: ", fmt, ap);
	va_end(ap);
	console_putc('\n');
	semihost_exit(HYP_EXIT_PANIC);
}
