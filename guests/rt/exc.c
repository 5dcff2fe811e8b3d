/* SPDX-License-Identifier: MIT */
/*
 * The C half of the vector table: read the syndrome registers of the EL the
 * exception was taken to, offer the exception to the guest's rt_exc_hook(),
 * and report and stop on anything nobody handled (as Xen's do_bad_mode does).
 */
#include "rt.h"

/* One reader and one writer per EL: ESR/FAR/ELR/SPSR are banked by EL. */
#define EXC_REGS_ACCESSORS(el)                                     \
	static void exc_read_el##el(struct rt_exc_frame *f)        \
	{                                                          \
		f->esr = READ_SYSREG(esr_el##el);                  \
		f->far = READ_SYSREG(far_el##el);                  \
		f->elr = READ_SYSREG(elr_el##el);                  \
		f->spsr = READ_SYSREG(spsr_el##el);                \
	}                                                          \
	static void exc_write_el##el(const struct rt_exc_frame *f) \
	{                                                          \
		WRITE_SYSREG_NOSYNC(elr_el##el, f->elr);           \
		WRITE_SYSREG_NOSYNC(spsr_el##el, f->spsr);         \
	}

EXC_REGS_ACCESSORS(1)
EXC_REGS_ACCESSORS(2)
EXC_REGS_ACCESSORS(3)

/* The runtime never runs at EL0, so index 0 is never used; it maps to EL1. */
static const struct {
	void (*read)(struct rt_exc_frame *f);
	void (*write)(const struct rt_exc_frame *f);
} exc_regs[4] = {
        [0] = {exc_read_el1, exc_write_el1},
        [1] = {exc_read_el1, exc_write_el1},
        [2] = {exc_read_el2, exc_write_el2},
        [3] = {exc_read_el3, exc_write_el3},
};

void rt_exc_dispatch(unsigned long slot, struct rt_exc_frame *frame);

static const char *const vector_names[16] = {
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

unsigned int rt_current_el(void)
{
	return (unsigned int)(READ_SYSREG(CurrentEL) >> 2) & 3;
}

const char *rt_vector_name(unsigned int slot)
{
	return slot < 16 ? vector_names[slot] : "?";
}

__attribute__((weak)) int rt_exc_hook(struct rt_exc_frame *frame)
{
	return 0;
}

static void exc_report(const struct rt_exc_frame *f, unsigned int el)
{
	rt_printf("\nrt: unexpected exception at EL%u: vector slot %lu (offset 0x%03lx), %s\n", el,
	          (unsigned long)f->slot, (unsigned long)f->slot * 0x80,
	          rt_vector_name((unsigned int)f->slot));
	rt_printf("rt:   ESR_EL%u 0x%016lx (EC 0x%02lx)  ELR_EL%u 0x%016lx\n", el,
	          (unsigned long)f->esr, (unsigned long)ESR_EC(f->esr), el, (unsigned long)f->elr);
	rt_printf("rt:   FAR_EL%u 0x%016lx  SPSR_EL%u 0x%08lx\n", el, (unsigned long)f->far, el,
	          (unsigned long)f->spsr);
	for (int i = 0; i < 31; i += 2) {
		rt_printf("rt:   x%-2d 0x%016lx", i, (unsigned long)f->x[i]);
		if (i + 1 < 31)
			rt_printf("  x%-2d 0x%016lx", i + 1, (unsigned long)f->x[i + 1]);
		rt_putc('\n');
	}
}

/* Called by vectors.S; returns (to ERET) only when rt_exc_hook() handled it. */
void rt_exc_dispatch(unsigned long slot, struct rt_exc_frame *frame)
{
	unsigned int el = rt_current_el();

	frame->slot = slot;
	exc_regs[el].read(frame);
	rt_lower_check_return(frame); /* does not return if it was rt_lower_call()'s way back */
	if (!rt_exc_hook(frame)) {
		exc_report(frame, el);
		rt_exit(RT_EXIT_UNEXPECTED_EXC);
	}
	exc_regs[el].write(frame);
}
