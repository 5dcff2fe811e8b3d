/* SPDX-License-Identifier: MIT */
/*
 * What the two guest kernels of guests/os/ share: calls to the hypervisor
 * (hyp/include/hypercall.h: HVC #0 or SMC #0, SMC Calling Convention), the
 * GICv3 CPU interface as a guest under hyp/ sees it (with HCR_EL2.IMO set,
 * ICC_IAR1_EL1 and friends are the virtual ICV_* registers, served from the
 * list registers), the EL1 virtual timer (CNTV, INTID 27), and the EL0
 * system call numbers. Each kernel is built with guests/rt (start.S enters
 * main() at EL1, rt_exc_hook() gets every exception) and ends with PSCI
 * SYSTEM_OFF, never with semihosting: under a hypervisor the guest stops
 * itself, not the machine.
 */
#ifndef OS_H
#define OS_H

#include "hypercall.h"
#include "rt.h" /* and arm.h: SLOT_*, ESR_EC(), EC_*, SPSR_*, READ/WRITE_SYSREG */

/* A hypervisor call: function ID in W0, arguments X1-X2, result X0. */
static inline uint64_t os_hvc(uint32_t fid, uint64_t a1, uint64_t a2)
{
	register uint64_t x0 __asm__("x0") = fid;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2) : : "x3", "memory");
	return x0;
}

/* The same over SMC #0, which hyp/ traps with HCR_EL2.TSC. */
static inline uint64_t os_smc(uint32_t fid, uint64_t a1, uint64_t a2)
{
	register uint64_t x0 __asm__("x0") = fid;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;

	__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2) : : "x3", "memory");
	return x0;
}

/* Report the verdict and power off (PSCI SYSTEM_OFF does not return). */
static inline void __attribute__((noreturn)) os_power_off(int status)
{
	rt_console_flush();
	os_hvc(HC_EXIT_STATUS, (uint64_t)(int64_t)status, 0);
	for (;;)
		os_hvc(PSCI_SYSTEM_OFF, 0, 0);
}

/* The console: rt_printf through the (emulated) PL011, each byte a trapped MMIO store. */
static inline void os_console_init(void)
{
	rt_console_use(RT_CONSOLE_PL011);
}

/* The GICv3 CPU interface, virtual under hyp/: priority mask, Group 1 on (IHI 0069H 12.2). */
#define OS_GIC_PMR 0xf0
static inline void os_gic_init(void)
{
	WRITE_SYSREG(icc_pmr_el1, OS_GIC_PMR);
	WRITE_SYSREG(icc_igrpen1_el1, 1);
}

static inline uint32_t os_gic_ack(void)
{
	return (uint32_t)READ_SYSREG(icc_iar1_el1) & 0xffffff;
}

static inline void os_gic_eoi(uint32_t intid)
{
	WRITE_SYSREG(icc_eoir1_el1, intid);
}

/* The EL1 virtual timer (Arm ARM D11): fire `ticks` of CNTVCT from now. */
static inline void os_vtimer_arm(uint64_t ticks)
{
	WRITE_SYSREG(cntv_tval_el0, ticks);
	WRITE_SYSREG(cntv_ctl_el0, CNT_CTL_ENABLE);
}

static inline void os_vtimer_stop(void)
{
	WRITE_SYSREG(cntv_ctl_el0, 0);
}

static inline uint64_t os_us_to_ticks(uint64_t us)
{
	return us * READ_SYSREG(cntfrq_el0) / 1000000u;
}

static inline uint64_t os_now(void)
{
	__asm__ volatile("isb");
	return READ_SYSREG(cntvct_el0);
}

/* System calls from EL0: SVC #0, number in X8, arguments X0-X2, result X0 (Linux-like). */
#define OS_SYS_WRITE 1 /* (const char *buf, size_t len) -> bytes */
#define OS_SYS_YIELD 2 /* () -> 0: let the next task run */
#define OS_SYS_EXIT  3 /* (int code): the task ends */
#define OS_SYS_SLEEP 4 /* (unsigned ticks) -> 0: wait that many timer ticks */

static inline uint64_t os_syscall(uint64_t nr, uint64_t a0, uint64_t a1)
{
	register uint64_t x8 __asm__("x8") = nr;
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;

	__asm__ volatile("svc #0" : "+r"(x0), "+r"(x1) : "r"(x8) : "memory");
	return x0;
}

/* printf from EL0: format into a buffer, then the write system call. */
static inline void __attribute__((format(printf, 1, 2))) os_uprint(const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = rt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	os_syscall(OS_SYS_WRITE, (uint64_t)buf,
	           n < (int)sizeof(buf) ? (uint64_t)n : sizeof(buf) - 1);
}

#endif
