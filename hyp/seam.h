/* SPDX-License-Identifier: MIT */
/*
 * The seam between hyp/'s C and the hardware it runs on: system register
 * access and barriers. The AArch64 build turns them into MRS, MSR, ISB and
 * DSB. The host test build (-DHYP_HOST_TEST, tests/hyp/) turns them into
 * reads and writes of a fake register file, seam_sysreg[], which the test
 * defines, so the trap handlers (traps.c sysreg.c mmio.c vuart.c inject.c
 * hypercall.c psci.c) run under cmocka on the build machine.
 *
 * Everything else the handlers touch is already a function of another file
 * (sched_current(), vm_console_putc(), hyp_log(), vm_ipa_to_pa(), ...): the
 * test links its own fakes instead. Guest RAM is read through the PA that
 * vm_ipa_to_pa() returns, which the fake points at a host buffer.
 */
#ifndef HYP_SEAM_H
#define HYP_SEAM_H

#include <stdint.h>

#ifndef HYP_HOST_TEST

#define read_sysreg(reg)                                      \
	({                                                    \
		uint64_t v_;                                  \
		__asm__ volatile("mrs %0, " #reg : "=r"(v_)); \
		v_;                                           \
	})
#define write_sysreg(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)) : "memory")
#define isb()                __asm__ volatile("isb" ::: "memory")
#define dsb(opt)             __asm__ volatile("dsb " #opt ::: "memory")

#else /* HYP_HOST_TEST */

/*
 * The registers the trap handlers use, spelled as MRS/MSR spell them. A
 * handler that reads another one does not compile for the host until it is
 * added here (and the test gives it a value).
 */
// clang-format off
#define SEAM_SYSREGS(X)                                                      \
	X(esr_el2) X(far_el2) X(hpfar_el2)                    /* the exit */  \
	X(elr_el1) X(spsr_el1) X(esr_el1) X(far_el1) X(vbar_el1) /* inject */ \
	X(cntv_ctl_el0) X(cntv_cval_el0) X(cntvct_el0)        /* vtimer */    \
	X(id_aa64pfr0_el1)  X(id_aa64pfr1_el1)                /* TID3 */      \
	X(id_aa64dfr0_el1)  X(id_aa64dfr1_el1)                                \
	X(id_aa64isar0_el1) X(id_aa64isar1_el1)                               \
	X(id_aa64mmfr0_el1) X(id_aa64mmfr1_el1) X(id_aa64mmfr2_el1)

enum seam_sysreg_id {
#define SEAM_SYSREG_ID(reg) SEAM_##reg,
	SEAM_SYSREGS(SEAM_SYSREG_ID)
#undef SEAM_SYSREG_ID
	SEAM_NR_SYSREGS
};
// clang-format on

extern uint64_t seam_sysreg[SEAM_NR_SYSREGS]; /* the fake register file: the test's */

#define read_sysreg(reg)     ((uint64_t)seam_sysreg[SEAM_##reg])
#define write_sysreg(reg, v) ((void)(seam_sysreg[SEAM_##reg] = (uint64_t)(v)))
#define isb()                __asm__ volatile("" ::: "memory")
#define dsb(opt)             __asm__ volatile("" ::: "memory")

#endif /* HYP_HOST_TEST */

#endif
