/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor's objects: a VM (its memory, stage 2 tables, console, one
 * vCPU) and a vCPU (the guest context saved on each exit and world switch),
 * and the functions each file provides. One concept per file:
 *
 *   start.S monitor.S   entry at EL2, or at EL3 through a tiny monitor
 *   vectors.S           the EL2 vector table; guest exit and entry (X0-X30, SP_EL0, ELR, SPSR)
 *   main.c              EL2 set-up, then the scheduler
 *   vm.c                the two VMs: images, RAM, reset
 *   stage2.c            stage 2 tables and VTTBR_EL2
 *   context.c           the world switch: EL1 system registers, virtual timer, vGIC
 *   traps.c sysreg.c    one handler per exception class; trapped ID registers
 *   mmio.c vuart.c      MMIO emulation: the decoded access, the virtual PL011
 *   inject.c            exceptions injected into a guest's EL1
 *   hypercall.c psci.c  HVC/SMC calls (hypercall.h)
 *   sched.c             round-robin on CNTHP, WFI blocking, idle
 *   gic.c vgic.c        the physical GIC at EL2; list registers, maintenance
 *   console.c printf.c  the physical PL011, per-VM prefixed lines
 *   panic.c semihost.c  unexpected vectors, panics, the exit status
 */
#ifndef HYP_H
#define HYP_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "hypercall.h"

#define HYP_NR_VMS   2
#define VGIC_NR_LRS  4     /* the list registers hyp/ uses (ICH_VTR_EL2.ListRegs + 1 >= 4) */
#define HYP_SLICE_US 2000u /* a vCPU's time slice on the EL2 physical timer */

/*
 * HCR_EL2 while guests run, each bit on purpose (Arm ARM D19.2 "HCR_EL2");
 * main.c writes it, traps.c checks it has a handler for what each bit sends:
 *   VM    stage 2 translation: each VM its own IPA space (stage2.c)
 *   SWIO  set/way invalidation by a guest also cleans
 *   IMO, FMO, AMO  physical interrupts and SErrors go to EL2 and EL1's ICC_*
 *         become the virtual interface (vgic.c)
 *   TWI, TWE  WFI/WFE trap: a waiting guest gives up the CPU (sched.c)
 *   TID3  ID register reads trap: each VM sees the CPU we offer (sysreg.c)
 *   TSC   SMC traps: PSCI over SMC works as over HVC (psci.c)
 *   RW    EL1 is AArch64
 */
#define HYP_HCR                                                                           \
	(HCR_VM | HCR_SWIO | HCR_IMO | HCR_FMO | HCR_AMO | HCR_TWI | HCR_TWE | HCR_TID3 | \
	 HCR_TSC | HCR_RW)
/* CPTR_EL2 (D19.2 "CPTR_EL2"): TFP, FP/SIMD traps (EC 0x07): hyp/ does not switch it. */
#define HYP_CPTR (CPTR_EL2_RES1 | CPTR_EL2_TFP)

/* Exit statuses (semihosting SYS_EXIT). */
#define HYP_EXIT_OK         0
#define HYP_EXIT_GUEST_FAIL 1    /* a guest failed its checks, or did not finish */
#define HYP_EXIT_PANIC      0x7d /* hyp/'s own bug */
#define HYP_EXIT_BAD_VECTOR 0x7e /* an unexpected vector slot was taken */

/* What vectors.S saves on every exit from a guest; offsets via asm_defs.c. */
struct vcpu_regs {
	uint64_t x[31];
	uint64_t sp_el0;
	uint64_t pc;     /* ELR_EL2: where the guest resumes */
	uint64_t pstate; /* SPSR_EL2: the guest's PSTATE */
};

enum el1_sysreg {
#define EL1_SYSREG(NAME, name) NAME,
#include "el1_sysregs.def"
#undef EL1_SYSREG
	EL1_NR_SYSREGS
};

/* The EL1 virtual timer (Arm ARM D11): the guest's CNTV_* and our CNTVOFF_EL2. */
struct vtimer {
	uint64_t ctl, cval, voff;
};

/* The GICv3 virtual CPU interface state (IHI 0069H 12.4, the ICH_* registers). */
struct vgic {
	uint64_t lr[VGIC_NR_LRS];
	uint64_t vmcr, ap0r0, ap1r0, hcr;
	int vtimer_masked; /* PPI 27 disabled until the guest EOIs the injected one */
};

enum vcpu_state { VCPU_RUNNABLE, VCPU_BLOCKED, VCPU_OFF };

struct vcpu {
	struct vcpu_regs regs; /* first: vectors.S finds it at TPIDR_EL2 */
	uint64_t el1[EL1_NR_SYSREGS];
	struct vtimer vtimer;
	struct vgic vgic;
	enum vcpu_state state;
	uint64_t wake_at; /* BLOCKED: physical count at which the virtual timer fires, or ~0 */
	struct vm *vm;
};

struct vm_stats {
	uint32_t exits[64];   /* synchronous exits by exception class */
	uint32_t irq_slice;   /* CNTHP time slice ends while it ran */
	uint32_t irq_vtimer;  /* virtual timer interrupts injected */
	uint32_t irq_maint;   /* EOI maintenance interrupts */
	uint32_t switches_in; /* world switches to this VM */
	uint32_t wfi_blocked; /* WFIs that descheduled it */
	uint32_t mmio;        /* emulated MMIO accesses */
	uint32_t injected;    /* exceptions injected into it */
	uint32_t hypercalls;
};

#define CONSOLE_LINE 160
struct console {
	char line[CONSOLE_LINE];
	unsigned int len;
};

/* The virtual PL011's registers that keep a value (vuart.c). */
struct vuart {
	uint32_t ibrd, fbrd, lcr_h, cr, ifls, imsc;
};

struct vm {
	unsigned int id; /* 0, 1: what HC_VCPU_ID returns, "vm<id>" in the console prefix */
	const char *name;
	unsigned int vmid;                /* VTTBR_EL2.VMID: TLB entries are tagged with it */
	const uint8_t *image, *image_end; /* the payload linked into hyp.elf */
	uint64_t ram_pa;                  /* GUEST_RAM_IPA maps here */
	uint64_t vttbr;
	struct vcpu vcpu; /* one vCPU per VM */
	struct console con;
	struct vuart uart;
	struct vm_stats stats;
	int status_valid; /* HC_EXIT_STATUS was called */
	int64_t status;
	int powered_off; /* PSCI SYSTEM_OFF / CPU_OFF */
};

/* vm.c */
extern struct vm hyp_vms[HYP_NR_VMS];
void vm_init_all(void);
void vm_reset(struct vm *vm);
int vm_ipa_to_pa(const struct vm *vm, uint64_t ipa, uint64_t len, uint64_t *pa);

/* stage2.c */
void stage2_init(void);
uint64_t stage2_build(unsigned int index, uint64_t ram_pa, uint64_t vmid);

/* context.c: the world switch of everything but X0-X30/SP_EL0/ELR/SPSR */
void vcpu_reset(struct vcpu *v, uint64_t entry);
void vcpu_load(struct vcpu *v);
void vcpu_put(struct vcpu *v);

/* vectors.S */
void hyp_vectors(void);
void guest_enter(struct vcpu *v) __attribute__((noreturn)); /* first entry */

/* traps.c: called by vectors.S */
void hyp_guest_sync(void);
void hyp_guest_irq(void);
void traps_self_check(void);
const char *trap_ec_name(unsigned int ec);

/* sysreg.c */
void sysreg_trap(struct vcpu *v, uint64_t esr);

/* mmio.c: a data access decoded from ESR_EL2's ISS (ISV 1), the Bao-style neutral form */
struct mmio_access {
	uint64_t ipa;
	unsigned int size; /* bytes: 1, 2, 4, 8 */
	int write;
	uint64_t value; /* write: the register's value; read: the device's answer */
};
int mmio_emulate(struct vcpu *v, uint64_t esr, uint64_t ipa);
/* vuart.c */
int vuart_access(struct vm *vm, uint64_t offset, struct mmio_access *a);

/* inject.c */
void inject_undef(struct vcpu *v, uint64_t pc);
void inject_dabt(struct vcpu *v, uint64_t far, int write);
void inject_iabt(struct vcpu *v, uint64_t far);

/* hypercall.c, psci.c */
void hypercall(struct vcpu *v, uint64_t call_pc);
int psci_call(struct vcpu *v, uint32_t fid);

/* sched.c */
struct vcpu *sched_current(void);
void sched_start(void) __attribute__((noreturn));
void sched_block(struct vcpu *v, uint64_t wake_at);
void sched_give_up(struct vcpu *v);
void sched_off(struct vcpu *v);
void sched_slice_end(void);
void sched_resume(void);
uint64_t timer_now(void);
uint64_t timer_us_to_ticks(uint64_t us);
uint32_t sched_idle_waits(void);

/* gic.c; GICD_BASE also for monitor.S (asm_defs.c), which makes the GIC single-security */
#define GICD_BASE      0x08000000ul /* the virt board's distributor (IHI 0069H 12.9) */
#define INTID_MAINT    25u
#define INTID_CNTHP    26u
/* PPI 27 (Arm BSA, DEN0094); the guest's vINTID is the same number, so hypercall.h's is the one */
#define INTID_CNTV     GUEST_VTIMER_INTID
#define INTID_SPURIOUS 1023u
void gic_init(void);
void gic_ppi_enable(unsigned int intid, int on);
uint32_t gic_ack(void);
void gic_eoi(uint32_t intid);

/* vgic.c */
void vgic_inject_vtimer(struct vcpu *v);
void vgic_maintenance(struct vcpu *v);
int vgic_has_pending(const struct vcpu *v);
void vgic_save(struct vcpu *v);
void vgic_restore(struct vcpu *v);

/* console.c, printf.c */
void console_putc(char c);
void vm_console_putc(struct vm *vm, char c);
void vm_console_flush(struct vm *vm);
int hyp_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int hyp_snprintf(char *buf, size_t size, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
int hyp_vlog(const char *prefix, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
int hyp_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void hyp_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * One line of hyp/'s about a VM: "[hyp] vm<id> <name>: ...". A macro, so the
 * prefix joins the literal fmt at compile time: one hyp_log() call with one
 * format string, checked as printf's, as if written out at each caller (and
 * the host test's hyp_log() fake, tests/hyp/, sees the whole line).
 */
#define vm_log(vm, fmt, ...) hyp_log("vm%u %s: " fmt, (vm)->id, (vm)->name, ##__VA_ARGS__)

/* panic.c, semihost.c */
void hyp_panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void hyp_finish(void) __attribute__((noreturn));
void semihost_exit(int code) __attribute__((noreturn));

/* string.c: what the compiler may call */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
size_t strlen(const char *s);

#endif
