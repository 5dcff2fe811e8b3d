/*
 * hyp/'s trap handlers on the host: traps.c, sysreg.c, mmio.c, vuart.c,
 * inject.c, hypercall.c and psci.c compiled with -DHYP_HOST_TEST, so that
 * read_sysreg()/write_sysreg() (hyp/seam.h) use seam_sysreg[] below, and
 * linked with fakes of what they call in the rest of hyp/ (scheduler, vGIC,
 * GIC, console, VM reset). Each test sets ESR_EL2 and friends as the CPU
 * would on a guest's exit, calls the handler as vectors.S would, and checks
 * the guest's registers and the EL1 registers the handler wrote.
 *
 * Expected values are worked out by hand from the Arm ARM (DDI 0487), never
 * from hyp/'s output:
 *   ESR_ELx (D19.2): EC [31:26], IL [25] = 1 (a 32-bit instruction), ISS [24:0].
 *   EC 0x01 WFx:  CV [24] = 1, COND [23:20] = 0b1110, TI [1:0] (0 WFI, 1 WFE);
 *                 ELR_EL2 is the WFx.
 *   EC 0x16 HVC:  imm16 [15:0]; ELR_EL2 is the instruction after the HVC.
 *   EC 0x17 SMC (HCR_EL2.TSC): imm16 [15:0]; ELR_EL2 is the SMC itself.
 *   EC 0x18 MSR/MRS: Op0 [21:20], Op2 [19:17], Op1 [16:14], CRn [13:10],
 *                 Rt [9:5], CRm [4:1], Direction [0] (1 = MRS).
 *   EC 0x20/0x21, 0x24/0x25 aborts from a lower / the current EL.
 *   Data Abort ISS: ISV [24], SAS [23:22] (0 byte .. 3 doubleword), SSE [21],
 *                 SRT [20:16] (31 = XZR), SF [15], WnR [6], DFSC [5:0]
 *                 (0b000101 translation fault level 1, 0b010000 synchronous
 *                 External abort); ELR_EL2 is the load or store.
 *   HPFAR_EL2: FIPA [43:4] = IPA[51:12]; FAR_EL2 holds the VA.
 *   ID_AA64PFR0_EL1: EL0 [3:0], EL1 [7:4], EL2 [11:8], EL3 [15:12]
 *                 (0 not implemented, 1 AArch64 only, 2 AArch64 and AArch32).
 *   Exception entry to EL1 (D1.10, AArch64.TakeException): ELR_EL1 = the
 *   preferred return address, SPSR_EL1 = PSTATE, ESR_EL1/FAR_EL1 the
 *   syndrome, PSTATE.{D,A,I,F} = 1111, PSTATE.M = EL1h (0b0101), PC =
 *   VBAR_EL1 + 0x000 (current EL, SP_EL0), + 0x200 (current EL, SP_EL1) or
 *   + 0x400 (lower EL, AArch64) (D1.10.2 "Exception vectors").
 * SMCCC (DEN 0028): function ID in W0, results in X0. PSCI (DEN 0022):
 * PSCI_VERSION 0x84000000 returns 0x00010001 for PSCI 1.1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "hyp.h"

/* ---- the fake hardware and the rest of hyp/ ---------------------------------------------- */

uint64_t seam_sysreg[SEAM_NR_SYSREGS];

#define SR(reg) seam_sysreg[SEAM_##reg]

static struct vm vm; /* the guest that exits */
static uint8_t guest_ram[64];

static struct {
	uint64_t now;     /* timer_now() */
	int vgic_pending; /* vgic_has_pending() */
	uint32_t acks[8]; /* gic_ack() answers, then INTID_SPURIOUS */
	unsigned int nack;
	uint32_t eois[8];
	unsigned int neoi;
	unsigned int resumes, yields, blocks, offs, slice_ends, vtimer_injects, maintenances;
	unsigned int flushes;
	uint64_t wake_at;
	char calls[64]; /* vcpu_put/vm_reset/vcpu_load, in order */
	char console[64];
	unsigned int console_len;
	char log[256];
} fake;

static jmp_buf panic_jmp;

struct vcpu *sched_current(void)
{
	return &vm.vcpu;
}

void sched_resume(void)
{
	fake.resumes++;
}

void sched_give_up(struct vcpu *v)
{
	assert_ptr_equal(v, &vm.vcpu);
	fake.yields++;
}

void sched_block(struct vcpu *v, uint64_t wake_at)
{
	assert_ptr_equal(v, &vm.vcpu);
	fake.blocks++;
	fake.wake_at = wake_at;
}

void sched_off(struct vcpu *v)
{
	fake.offs++;
}

void sched_slice_end(void)
{
	fake.slice_ends++;
}

uint64_t timer_now(void)
{
	return fake.now;
}

int vgic_has_pending(const struct vcpu *v)
{
	return fake.vgic_pending;
}

void vgic_inject_vtimer(struct vcpu *v)
{
	fake.vtimer_injects++;
}

void vgic_maintenance(struct vcpu *v)
{
	fake.maintenances++;
}

uint32_t gic_ack(void)
{
	return fake.acks[fake.nack] ? fake.acks[fake.nack++] : INTID_SPURIOUS;
}

void gic_eoi(uint32_t intid)
{
	fake.eois[fake.neoi++] = intid;
}

void vm_console_putc(struct vm *to, char c)
{
	assert_ptr_equal(to, &vm);
	fake.console[fake.console_len++] = c;
}

void vm_console_flush(struct vm *to)
{
	fake.flushes++;
}

/* The guest's RAM is guest_ram[] at GUEST_RAM_IPA; anything else is outside it. */
int vm_ipa_to_pa(const struct vm *of, uint64_t ipa, uint64_t len, uint64_t *pa)
{
	if (ipa < GUEST_RAM_IPA || ipa - GUEST_RAM_IPA > sizeof(guest_ram) ||
	    len > sizeof(guest_ram) - (ipa - GUEST_RAM_IPA))
		return 0;
	*pa = (uint64_t)(uintptr_t)guest_ram + (ipa - GUEST_RAM_IPA);
	return 1;
}

void vcpu_put(struct vcpu *v)
{
	strcat(fake.calls, "put ");
}

void vm_reset(struct vm *of)
{
	strcat(fake.calls, "reset ");
}

void vcpu_load(struct vcpu *v)
{
	strcat(fake.calls, "load ");
}

void hyp_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fake.log, sizeof(fake.log), fmt, ap);
	va_end(ap);
}

void hyp_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fake.log, sizeof(fake.log), fmt, ap);
	va_end(ap);
	longjmp(panic_jmp, 1);
}

/* ---- syndromes, built field by field from the Arm ARM's layouts -------------------------- */

/* Exception classes (D19.2 "ESR_EL2"), spelled out here rather than taken from hyp/arch.h. */
#define ARM_EC_WFX      0x01
#define ARM_EC_FP       0x07
#define ARM_EC_SVC64    0x15
#define ARM_EC_HVC64    0x16
#define ARM_EC_SMC64    0x17
#define ARM_EC_SYS64    0x18
#define ARM_EC_IABT_LOW 0x20
#define ARM_EC_DABT_LOW 0x24

#define SAS_BYTE  0u
#define SAS_HALF  1u
#define SAS_WORD  2u
#define SAS_DWORD 3u
#define XZR       31u

#define DFSC_TRANS_L1 0x05u /* the UART IPA: hyp/'s level 1 entry 0 is invalid */

static uint64_t esr(unsigned int ec, uint32_t iss)
{
	return (uint64_t)ec << 26 | 1ull << 25 | iss;
}

/* A data abort with ISV 1: a single-register load or store, no writeback. */
static uint64_t esr_dabt(unsigned int sas, int sse, unsigned int srt, int sf, int wnr)
{
	return esr(ARM_EC_DABT_LOW, 1u << 24 | sas << 22 | (unsigned int)sse << 21 | srt << 16 |
	                                    (unsigned int)sf << 15 | (unsigned int)wnr << 6 |
	                                    DFSC_TRANS_L1);
}

static uint64_t esr_sys(unsigned int op0, unsigned int op1, unsigned int crn, unsigned int crm,
                        unsigned int op2, unsigned int rt, int read)
{
	return esr(ARM_EC_SYS64, op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 | rt << 5 |
	                                 crm << 1 | (unsigned int)read);
}

/* ---- the guest ---------------------------------------------------------------------------- */

#define GUEST_PC          0x40001000ull
#define GUEST_VBAR        0x40002000ull
#define GUEST_VA          0xffff000000000000ull /* the guest's VA for the UART page, FAR_EL2[63:12] */
#define PSTATE_EL0t       0x000ull
#define PSTATE_EL1t       0x004ull
#define PSTATE_EL1h       0x005ull
#define PSTATE_C          (1ull << 29)
/* After entry to EL1: D A I F [9:6] set, M[4:0] = EL1h. */
#define PSTATE_ENTRY_MASK 0x3dfull
#define PSTATE_ENTRY      0x3c5ull

static int setup(void **state)
{
	memset(&vm, 0, sizeof(vm));
	memset(&fake, 0, sizeof(fake));
	memset(seam_sysreg, 0, sizeof(seam_sysreg));
	vm.id = 1;
	vm.name = "primes";
	vm.vcpu.vm = &vm;
	for (unsigned int i = 0; i < 31; i++)
		vm.vcpu.regs.x[i] = 0x1111111111111111ull * (i % 15 + 1);
	vm.vcpu.regs.sp_el0 = 0x5555aaaa5555aaaaull;
	vm.vcpu.regs.pc = GUEST_PC;
	vm.vcpu.regs.pstate = PSTATE_EL1h | PSTATE_C;
	SR(vbar_el1) = GUEST_VBAR;
	return 0;
}

/* The guest exits with syndrome esr_el2; vectors.S calls hyp_guest_sync(). */
static void guest_exit(uint64_t esr_el2)
{
	SR(esr_el2) = esr_el2;
	hyp_guest_sync();
}

/* A stage 2 data abort at ipa: HPFAR_EL2 has the page, FAR_EL2 the VA (same page offset). */
static void guest_dabt(uint64_t ipa, uint64_t esr_el2)
{
	SR(hpfar_el2) = (ipa >> 12) << 4;
	SR(far_el2) = GUEST_VA | (ipa & 0xfff);
	guest_exit(esr_el2);
}

/* The guest took a synchronous exception to its EL1 with esr_el1, from pc and old_pstate. */
static void assert_injected(uint64_t esr_el1, uint64_t pc, uint64_t old_pstate, uint64_t vector)
{
	assert_int_equal(SR(esr_el1), esr_el1);
	assert_int_equal(SR(elr_el1), pc);
	assert_int_equal(SR(spsr_el1), old_pstate);
	assert_int_equal(vm.vcpu.regs.pc, GUEST_VBAR + vector);
	/* EL1h with DAIF masked; NZCV as they were (AArch64.TakeException). */
	assert_int_equal(vm.vcpu.regs.pstate & PSTATE_ENTRY_MASK, PSTATE_ENTRY);
	assert_int_equal(vm.vcpu.regs.pstate >> 28, old_pstate >> 28);
	assert_int_equal(vm.stats.injected, 1);
}

static void assert_not_injected(void)
{
	assert_int_equal(vm.stats.injected, 0);
	assert_int_equal(SR(esr_el1), 0);
	assert_int_equal(SR(elr_el1), 0);
}

/* ---- the syndromes themselves ------------------------------------------------------------- */

static void test_syndromes_match_the_arm_arm(void **state)
{
	/* STR W1, [X0] to UARTDR: EC 0x24, IL, ISV, SAS word, SRT 1, WnR, DFSC 0b000101. */
	assert_int_equal(esr_dabt(SAS_WORD, 0, 1, 0, 1), 0x93810045);
	/* LDRSB X2, [X0]: SAS byte, SSE, SRT 2, SF. */
	assert_int_equal(esr_dabt(SAS_BYTE, 1, 2, 1, 0), 0x93228005);
	/* MRS X3, ID_AA64PFR0_EL1 = S3_0_C0_C4_0. */
	assert_int_equal(esr_sys(3, 0, 0, 4, 0, 3, 1), 0x62300069);
	/* HVC #0, SMC #0, WFI, WFE. */
	assert_int_equal(esr(ARM_EC_HVC64, 0), 0x5a000000);
	assert_int_equal(esr(ARM_EC_SMC64, 0), 0x5e000000);
	assert_int_equal(esr(ARM_EC_WFX, 0x1e00000), 0x07e00000);
	assert_int_equal(esr(ARM_EC_WFX, 0x1e00001), 0x07e00001);
}

/* ---- the table of exit handlers (traps.c) ------------------------------------------------- */

static void test_table_has_a_handler_per_class_asked_for(void **state)
{
	if (setjmp(panic_jmp))
		fail_msg("traps_self_check panicked: %s", fake.log);
	traps_self_check();
	assert_string_equal(trap_ec_name(0x01), "WFx");
	assert_string_equal(trap_ec_name(0x07), "FP/SIMD");
	assert_string_equal(trap_ec_name(0x16), "HVC64");
	assert_string_equal(trap_ec_name(0x17), "SMC64");
	assert_string_equal(trap_ec_name(0x18), "SYS64");
	assert_string_equal(trap_ec_name(0x20), "IABT_LOW");
	assert_string_equal(trap_ec_name(0x24), "DABT_LOW");
	assert_string_equal(trap_ec_name(0x15), "?");
	assert_string_equal(trap_ec_name(64), "?");
}

/* An exception class hyp/ never enabled a trap for is hyp/'s bug: stop, don't resume. */
static void test_class_without_handler_panics(void **state)
{
	if (setjmp(panic_jmp) == 0) {
		guest_exit(esr(ARM_EC_SVC64, 0));
		fail_msg("SVC64 at EL2 did not panic");
	}
	assert_non_null(strstr(fake.log, "exception class 0x15"));
	assert_int_equal(vm.stats.exits[ARM_EC_SVC64], 1);
	assert_int_equal(fake.resumes, 0);
	assert_not_injected();
}

/* HCR_EL2.TWI: WFI with no interrupt pending sleeps until CVAL + CNTVOFF (CNTVCT = CNTPCT -
 * CNTVOFF). */
static void test_wfi_blocks_until_the_virtual_timer(void **state)
{
	SR(cntv_ctl_el0) = CNT_CTL_ENABLE;
	SR(cntv_cval_el0) = 1000;
	vm.vcpu.vtimer.voff = 500;
	fake.now = 1200;
	guest_exit(esr(ARM_EC_WFX, 0x1e00000));
	assert_int_equal(fake.blocks, 1);
	assert_int_equal(fake.wake_at, 1500);
	assert_int_equal(vm.vcpu.regs.pc, GUEST_PC + 4);
	assert_int_equal(vm.stats.exits[ARM_EC_WFX], 1);
	assert_int_equal(fake.resumes, 1);
}

/* A masked timer is no wake-up event: block "for ever" (until a virtual interrupt). */
static void test_wfi_masked_timer_blocks_without_deadline(void **state)
{
	SR(cntv_ctl_el0) = CNT_CTL_ENABLE | CNT_CTL_IMASK;
	SR(cntv_cval_el0) = 1000;
	guest_exit(esr(ARM_EC_WFX, 0x1e00000));
	assert_int_equal(fake.blocks, 1);
	assert_int_equal(fake.wake_at, ~0ull);
}

/* WFI completes at once when a virtual interrupt is already pending. */
static void test_wfi_with_interrupt_pending_completes(void **state)
{
	fake.vgic_pending = 1;
	guest_exit(esr(ARM_EC_WFX, 0x1e00000));
	assert_int_equal(fake.blocks, 0);
	assert_int_equal(vm.vcpu.regs.pc, GUEST_PC + 4);
}

/* HCR_EL2.TWE: WFE (TI 1) gives up the slice. */
static void test_wfe_yields(void **state)
{
	guest_exit(esr(ARM_EC_WFX, 0x1e00001));
	assert_int_equal(fake.yields, 1);
	assert_int_equal(fake.blocks, 0);
	assert_int_equal(vm.vcpu.regs.pc, GUEST_PC + 4);
}

/* CPTR_EL2.TFP: FP/SIMD is UNDEFINED in these VMs, at the instruction. */
static void test_fp_injects_undefined(void **state)
{
	guest_exit(esr(ARM_EC_FP, 0x1e00000));
	assert_injected(0x02000000, GUEST_PC, PSTATE_EL1h | PSTATE_C, 0x200);
}

/* A stage 2 instruction abort from EL1 comes back as EC 0x21 with the VA in FAR_EL1. */
static void test_iabt_injects_prefetch_abort(void **state)
{
	SR(hpfar_el2) = (0x80000000ull >> 12) << 4;
	SR(far_el2) = 0x80000000ull;
	guest_exit(esr(ARM_EC_IABT_LOW, 0x06));
	assert_injected(0x86000010, GUEST_PC, PSTATE_EL1h | PSTATE_C, 0x200);
	assert_int_equal(SR(far_el1), 0x80000000ull);
}

/* Physical IRQs while a guest runs (HCR_EL2.IMO): each acknowledged, acted on, EOIed in order. */
static void test_irq_path_acks_each_interrupt(void **state)
{
	fake.acks[0] = INTID_CNTHP;
	fake.acks[1] = INTID_CNTV;
	fake.acks[2] = INTID_MAINT;
	hyp_guest_irq();
	assert_int_equal(fake.neoi, 3);
	assert_int_equal(fake.eois[0], 26);
	assert_int_equal(fake.eois[1], 27);
	assert_int_equal(fake.eois[2], 25);
	assert_int_equal(fake.slice_ends, 1);
	assert_int_equal(fake.vtimer_injects, 1);
	assert_int_equal(fake.maintenances, 1);
	assert_int_equal(vm.stats.irq_slice, 1);
	assert_int_equal(vm.stats.irq_maint, 1);
	assert_int_equal(fake.resumes, 1);
}

/* ---- MMIO: the virtual PL011 at GUEST_UART_IPA (mmio.c, vuart.c) --------------------------- */

#define UARTDR    0x000
#define UARTFR    0x018
#define UARTIBRD  0x024
#define UARTCR    0x030
#define UARTPCID1 0xff4 /* PCellID1 = 0xf0 (PL011 TRM, "Summary of registers") */

static const uint64_t uart = GUEST_UART_IPA;

/* STRB, STRH, STR (W): each size writes the low bytes of Xt; the PC moves past the store. */
static void test_mmio_store_of_each_size(void **state)
{
	vm.vcpu.regs.x[1] = 0x123456789abcde41ull; /* 'A' in the low byte */
	guest_dabt(uart + UARTDR, esr_dabt(SAS_BYTE, 0, 1, 0, 1));
	assert_int_equal(vm.vcpu.regs.pc, GUEST_PC + 4);
	guest_dabt(uart + UARTDR, esr_dabt(SAS_HALF, 0, 1, 0, 1));
	guest_dabt(uart + UARTDR, esr_dabt(SAS_WORD, 0, 1, 0, 1));
	assert_int_equal(fake.console_len, 3);
	assert_memory_equal(fake.console, "AAA", 3);

	guest_dabt(uart + UARTIBRD, esr_dabt(SAS_BYTE, 0, 1, 0, 1));
	assert_int_equal(vm.uart.ibrd, 0x41);
	guest_dabt(uart + UARTIBRD, esr_dabt(SAS_HALF, 0, 1, 0, 1));
	assert_int_equal(vm.uart.ibrd, 0xde41);
	guest_dabt(uart + UARTIBRD, esr_dabt(SAS_WORD, 0, 1, 0, 1));
	assert_int_equal(vm.uart.ibrd, 0x9abcde41);

	assert_int_equal(vm.vcpu.regs.pc, GUEST_PC + 6 * 4);
	assert_int_equal(vm.stats.mmio, 6);
	assert_int_equal(vm.stats.exits[ARM_EC_DABT_LOW], 6);
	assert_not_injected();
}

/* LDRB, LDRH, LDR (W), zero-extended into Xt (SSE 0, SF 0); other registers untouched. */
static void test_mmio_load_of_each_size(void **state)
{
	vm.uart.cr = 0x80000301;
	guest_dabt(uart + UARTCR, esr_dabt(SAS_BYTE, 0, 4, 0, 0));
	assert_int_equal(vm.vcpu.regs.x[4], 0x01);
	guest_dabt(uart + UARTCR, esr_dabt(SAS_HALF, 0, 4, 0, 0));
	assert_int_equal(vm.vcpu.regs.x[4], 0x0301);
	guest_dabt(uart + UARTCR, esr_dabt(SAS_WORD, 0, 4, 0, 0));
	assert_int_equal(vm.vcpu.regs.x[4], 0x80000301);
	guest_dabt(uart + UARTFR, esr_dabt(SAS_WORD, 0, 5, 0, 0));
	assert_int_equal(vm.vcpu.regs.x[5], 0x90); /* TXFE | RXFE */
	assert_int_equal(vm.vcpu.regs.x[3], 0x4444444444444444ull);
	assert_int_equal(vm.vcpu.regs.x[6], 0x7777777777777777ull);
	assert_int_equal(vm.vcpu.regs.pc, GUEST_PC + 4 * 4);
	assert_not_injected();
}

/* SSE: LDRSB/LDRSH/LDRSW sign-extend to 64 bits with SF 1, to 32 bits (then zero) with SF 0. */
static void test_mmio_load_sign_extends(void **state)
{
	guest_dabt(uart + UARTPCID1, esr_dabt(SAS_BYTE, 0, 2, 0, 0)); /* LDRB W2 */
	assert_int_equal(vm.vcpu.regs.x[2], 0xf0);
	guest_dabt(uart + UARTPCID1, esr_dabt(SAS_BYTE, 1, 2, 1, 0)); /* LDRSB X2 */
	assert_int_equal(vm.vcpu.regs.x[2], 0xfffffffffffffff0ull);
	guest_dabt(uart + UARTPCID1, esr_dabt(SAS_BYTE, 1, 2, 0, 0)); /* LDRSB W2 */
	assert_int_equal(vm.vcpu.regs.x[2], 0xfffffff0ull);

	vm.uart.ibrd = 0x8001;
	guest_dabt(uart + UARTIBRD, esr_dabt(SAS_HALF, 1, 2, 1, 0)); /* LDRSH X2 */
	assert_int_equal(vm.vcpu.regs.x[2], 0xffffffffffff8001ull);
	vm.uart.ibrd = 0x7001;
	guest_dabt(uart + UARTIBRD, esr_dabt(SAS_HALF, 1, 2, 1, 0)); /* positive: no change */
	assert_int_equal(vm.vcpu.regs.x[2], 0x7001);

	vm.uart.cr = 0x80000301;
	guest_dabt(uart + UARTCR, esr_dabt(SAS_WORD, 1, 2, 1, 0)); /* LDRSW X2 */
	assert_int_equal(vm.vcpu.regs.x[2], 0xffffffff80000301ull);
	assert_int_equal(vm.vcpu.regs.pc, GUEST_PC + 6 * 4);
}

/* SRT 31 is XZR for loads and stores: a store writes 0, a load discards (SP_EL0 untouched). */
static void test_mmio_xzr(void **state)
{
	vm.uart.cr = 0x301;
	guest_dabt(uart + UARTCR, esr_dabt(SAS_WORD, 0, XZR, 0, 1)); /* STR WZR */
	assert_int_equal(vm.uart.cr, 0);
	guest_dabt(uart + UARTFR, esr_dabt(SAS_WORD, 0, XZR, 0, 0)); /* LDR WZR */
	assert_int_equal(vm.vcpu.regs.sp_el0, 0x5555aaaa5555aaaaull);
	assert_int_equal(vm.vcpu.regs.x[30], 0x1111111111111111ull * 1);
	assert_int_equal(vm.vcpu.regs.pc, GUEST_PC + 2 * 4);
	assert_not_injected();
}

/* The IPA is HPFAR_EL2.FIPA:FAR_EL2[11:0], not FAR_EL2 (the guest's VA). */
static void test_mmio_ipa_from_hpfar(void **state)
{
	SR(hpfar_el2) = (GUEST_UART_IPA >> 12) << 4;
	SR(far_el2) = 0x40001000ull | UARTFR; /* a VA that happens to be guest RAM's IPA */
	guest_exit(esr_dabt(SAS_WORD, 0, 7, 0, 0));
	assert_int_equal(vm.vcpu.regs.x[7], 0x90);
}

/* ISV 0 (LDP, writeback, ...): no syndrome to emulate from; a Data Abort from EL1 (EC 0x25). */
static void test_mmio_without_syndrome_injects_abort(void **state)
{
	guest_dabt(uart + UARTFR, esr(ARM_EC_DABT_LOW, DFSC_TRANS_L1)); /* a load, ISV 0 */
	assert_injected(0x96000010, GUEST_PC, PSTATE_EL1h | PSTATE_C, 0x200);
	assert_int_equal(SR(far_el1), GUEST_VA | UARTFR);
	assert_int_equal(vm.vcpu.regs.x[0], 0x1111111111111111ull);
	assert_int_equal(vm.stats.mmio, 0);
}

/* The same from EL0, a store: EC 0x24, WnR 1, the lower EL's vector. */
static void test_mmio_without_syndrome_from_el0(void **state)
{
	vm.vcpu.regs.pstate = PSTATE_EL0t;
	guest_dabt(uart + UARTDR, esr(ARM_EC_DABT_LOW, 1u << 6 | DFSC_TRANS_L1));
	assert_injected(0x92000050, GUEST_PC, PSTATE_EL0t, 0x400);
	assert_int_equal(fake.console_len, 0);
}

/* The PL011 takes 8-, 16- and 32-bit accesses at its registers' offsets only. */
static void test_mmio_device_refuses_doubleword_and_misaligned(void **state)
{
	guest_dabt(uart + UARTDR, esr_dabt(SAS_DWORD, 0, 1, 1, 1)); /* STR X1 */
	assert_injected(0x96000050, GUEST_PC, PSTATE_EL1h | PSTATE_C, 0x200);
	assert_int_equal(fake.console_len, 0);

	setup(state);
	guest_dabt(uart + UARTDR + 1, esr_dabt(SAS_BYTE, 0, 1, 0, 0)); /* LDRB at DR + 1 */
	assert_injected(0x96000010, GUEST_PC, PSTATE_EL1h | PSTATE_C, 0x200);
	assert_int_equal(SR(far_el1), GUEST_VA | 1);
}

/* Outside the guest's RAM and devices: its own mistake, a Data Abort, not hyp/'s panic. */
static void test_dabt_outside_memory_injects_abort(void **state)
{
	guest_dabt(0x40400000, esr_dabt(SAS_DWORD, 0, 1, 1, 0));
	assert_injected(0x96000010, GUEST_PC, PSTATE_EL1h | PSTATE_C, 0x200);
	assert_non_null(strstr(fake.log, "IPA 0x40400000 outside its memory"));
	assert_int_equal(fake.resumes, 1);
}

/* ---- exception injection (inject.c) -------------------------------------------------------- */

/* The vector depends on the guest's PSTATE: EL1h +0x200, EL1t +0x000, EL0 (AArch64) +0x400. */
static void test_inject_vector_by_pstate(void **state)
{
	static const struct {
		uint64_t pstate, vector;
	} rows[] = {
	        {PSTATE_EL1h, 0x200},
	        {PSTATE_EL1t, 0x000},
	        {PSTATE_EL0t, 0x400},
	        {PSTATE_EL1h | 0x3c0 | 0xf0000000ull, 0x200},
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		setup(state);
		vm.vcpu.regs.pstate = rows[i].pstate;
		inject_undef(&vm.vcpu, 0x40003000);
		assert_injected(0x02000000, 0x40003000, rows[i].pstate, rows[i].vector);
	}
}

/* Data and instruction aborts: EC by the EL they came from, DFSC/IFSC 0b010000, FAR the VA. */
static void test_inject_aborts(void **state)
{
	vm.vcpu.regs.pstate = PSTATE_EL0t;
	inject_iabt(&vm.vcpu, 0x1234);
	assert_injected(0x82000010, GUEST_PC, PSTATE_EL0t, 0x400);
	assert_int_equal(SR(far_el1), 0x1234);

	setup(state);
	inject_dabt(&vm.vcpu, 0x5678, 1);
	assert_injected(0x96000050, GUEST_PC, PSTATE_EL1h | PSTATE_C, 0x200);
	assert_int_equal(SR(far_el1), 0x5678);
}

/* ---- trapped system registers (sysreg.c) --------------------------------------------------- */

/* HCR_EL2.TID3: MRS X3, ID_AA64PFR0_EL1 reads EL2 and EL3 as absent, EL0/EL1 AArch64 only. */
static void test_tid3_id_aa64pfr0_virtualised(void **state)
{
	SR(id_aa64pfr0_el1) = 0x1100000011ff2222ull; /* EL0-EL3: AArch64 and AArch32 */
	guest_exit(esr_sys(3, 0, 0, 4, 0, 3, 1));
	assert_int_equal(vm.vcpu.regs.x[3], 0x1100000011ff0011ull);
	assert_int_equal(vm.vcpu.regs.x[2], 0x3333333333333333ull);
	assert_int_equal(vm.vcpu.regs.x[4], 0x5555555555555555ull);
	assert_int_equal(vm.vcpu.regs.pc, GUEST_PC + 4);
	assert_int_equal(vm.stats.exits[ARM_EC_SYS64], 1);
	assert_not_injected();
}

/* Other AArch64 ID registers as the hardware says; AArch32 ones read as zero; XZR discards. */
static void test_tid3_other_id_registers(void **state)
{
	SR(id_aa64mmfr0_el1) = 0x100022;
	guest_exit(esr_sys(3, 0, 0, 7, 0, 9, 1)); /* ID_AA64MMFR0_EL1 */
	assert_int_equal(vm.vcpu.regs.x[9], 0x100022);
	guest_exit(esr_sys(3, 0, 0, 1, 0, 10, 1)); /* ID_PFR0_EL1 */
	assert_int_equal(vm.vcpu.regs.x[10], 0);
	guest_exit(esr_sys(3, 0, 0, 6, 2, 11, 1)); /* ID_AA64ISAR2_EL1: hidden */
	assert_int_equal(vm.vcpu.regs.x[11], 0);
	guest_exit(esr_sys(3, 0, 0, 4, 0, XZR, 1)); /* MRS XZR, ID_AA64PFR0_EL1 */
	assert_int_equal(vm.vcpu.regs.sp_el0, 0x5555aaaa5555aaaaull);
	assert_int_equal(vm.vcpu.regs.pc, GUEST_PC + 4 * 4);
	assert_not_injected();
}

/* Anything else trapped (MSR CNTP_CTL_EL0 = S3_3_C14_C2_1) is UNDEFINED at the instruction. */
static void test_sysreg_other_is_undefined(void **state)
{
	guest_exit(esr_sys(3, 3, 14, 2, 1, 2, 0));
	assert_injected(0x02000000, GUEST_PC, PSTATE_EL1h | PSTATE_C, 0x200);
	assert_non_null(strstr(fake.log, "MSR S3_3_C14_C2_1"));
}

/* ---- hypercalls and PSCI (hypercall.c, psci.c) --------------------------------------------- */

#define HVC_NEXT (GUEST_PC + 4) /* ELR_EL2 after HVC #0 at GUEST_PC */

static void hvc(uint64_t x0, uint16_t imm16)
{
	vm.vcpu.regs.x[0] = x0;
	vm.vcpu.regs.pc = HVC_NEXT;
	guest_exit(esr(ARM_EC_HVC64, imm16));
}

/* PSCI_VERSION over HVC: 1.1; the guest resumes after the HVC; W0 alone is the function ID. */
static void test_psci_version_over_hvc(void **state)
{
	hvc(0xdeadbeef84000000ull, 0);
	assert_int_equal(vm.vcpu.regs.x[0], 0x00010001);
	assert_int_equal(vm.vcpu.regs.pc, HVC_NEXT);
	assert_int_equal(vm.stats.exits[ARM_EC_HVC64], 1);
	assert_int_equal(vm.stats.hypercalls, 1);
	assert_not_injected();
}

/* Over SMC trapped by HCR_EL2.TSC: ELR_EL2 is the SMC, so hyp/ steps past it. */
static void test_psci_version_over_smc(void **state)
{
	vm.vcpu.regs.x[0] = 0x84000000;
	guest_exit(esr(ARM_EC_SMC64, 0));
	assert_int_equal(vm.vcpu.regs.x[0], 0x00010001);
	assert_int_equal(vm.vcpu.regs.pc, GUEST_PC + 4);
	assert_int_equal(vm.stats.exits[ARM_EC_SMC64], 1);
	assert_not_injected();
}

static void test_hc_vcpu_id_is_the_vm_number(void **state)
{
	hvc(0x86000003, 0);
	assert_int_equal(vm.vcpu.regs.x[0], 1);
	vm.id = 0;
	hvc(0x86000003, 0);
	assert_int_equal(vm.vcpu.regs.x[0], 0);
	assert_not_injected();
}

static void test_hc_time_is_cntvct(void **state)
{
	SR(cntvct_el0) = 0x123456789ull;
	hvc(0x86000004, 0);
	assert_int_equal(vm.vcpu.regs.x[0], 0x123456789ull);
}

static void test_hc_console_write(void **state)
{
	memcpy(guest_ram + 8, "hello", 5);
	vm.vcpu.regs.x[1] = GUEST_RAM_IPA + 8;
	vm.vcpu.regs.x[2] = 5;
	hvc(0x86000001, 0);
	assert_int_equal(vm.vcpu.regs.x[0], 5);
	assert_int_equal(fake.console_len, 5);
	assert_memory_equal(fake.console, "hello", 5);

	vm.vcpu.regs.x[1] = GUEST_RAM_IPA + sizeof(guest_ram) - 2; /* runs off the RAM */
	vm.vcpu.regs.x[2] = 5;
	hvc(0x86000001, 0);
	assert_int_equal(vm.vcpu.regs.x[0], (uint64_t)(int64_t)HC_ERR_ADDRESS);
	assert_int_equal(fake.console_len, 5);
	assert_not_injected();
}

static void test_hc_yield_and_exit_status(void **state)
{
	hvc(0x86000002, 0);
	assert_int_equal(fake.yields, 1);
	assert_int_equal(vm.vcpu.regs.x[0], 0);
	vm.vcpu.regs.x[1] = (uint64_t)-3;
	hvc(0x86000005, 0);
	assert_int_equal(vm.status_valid, 1);
	assert_int_equal(vm.status, -3);
	assert_int_equal(vm.vcpu.regs.x[0], 0);
}

static void test_psci_system_off_and_reset(void **state)
{
	hvc(0x84000008, 0); /* SYSTEM_OFF */
	assert_int_equal(vm.powered_off, 1);
	assert_int_equal(fake.offs, 1);
	assert_int_equal(fake.flushes, 1);

	setup(state);
	hvc(0x84000009, 0); /* SYSTEM_RESET: out of the CPU, reset, back in */
	assert_string_equal(fake.calls, "put reset load ");
	assert_not_injected();
}

/* An unknown function ID is the guest's mistake: UNDEFINED at its HVC (ELR_EL2 - 4). */
static void test_unknown_hypercall_is_undefined(void **state)
{
	hvc(0x860000ff, 0);
	assert_injected(0x02000000, GUEST_PC, PSTATE_EL1h | PSTATE_C, 0x200);
	assert_non_null(strstr(fake.log, "unknown hypercall 0x860000ff"));
	assert_int_equal(vm.vcpu.regs.x[0], 0x860000ff);
	assert_int_equal(fake.resumes, 1);
}

/* ... and at its SMC, which is where ELR_EL2 points. */
static void test_unknown_smc_is_undefined_at_the_smc(void **state)
{
	vm.vcpu.regs.x[0] = 0xc4000001; /* an SMC64 call hyp/ does not implement */
	guest_exit(esr(ARM_EC_SMC64, 0));
	assert_injected(0x02000000, GUEST_PC, PSTATE_EL1h | PSTATE_C, 0x200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup(test_syndromes_match_the_arm_arm, setup),
	        cmocka_unit_test_setup(test_table_has_a_handler_per_class_asked_for, setup),
	        cmocka_unit_test_setup(test_class_without_handler_panics, setup),
	        cmocka_unit_test_setup(test_wfi_blocks_until_the_virtual_timer, setup),
	        cmocka_unit_test_setup(test_wfi_masked_timer_blocks_without_deadline, setup),
	        cmocka_unit_test_setup(test_wfi_with_interrupt_pending_completes, setup),
	        cmocka_unit_test_setup(test_wfe_yields, setup),
	        cmocka_unit_test_setup(test_fp_injects_undefined, setup),
	        cmocka_unit_test_setup(test_iabt_injects_prefetch_abort, setup),
	        cmocka_unit_test_setup(test_irq_path_acks_each_interrupt, setup),
	        cmocka_unit_test_setup(test_mmio_store_of_each_size, setup),
	        cmocka_unit_test_setup(test_mmio_load_of_each_size, setup),
	        cmocka_unit_test_setup(test_mmio_load_sign_extends, setup),
	        cmocka_unit_test_setup(test_mmio_xzr, setup),
	        cmocka_unit_test_setup(test_mmio_ipa_from_hpfar, setup),
	        cmocka_unit_test_setup(test_mmio_without_syndrome_injects_abort, setup),
	        cmocka_unit_test_setup(test_mmio_without_syndrome_from_el0, setup),
	        cmocka_unit_test_setup(test_mmio_device_refuses_doubleword_and_misaligned, setup),
	        cmocka_unit_test_setup(test_dabt_outside_memory_injects_abort, setup),
	        cmocka_unit_test_setup(test_inject_vector_by_pstate, setup),
	        cmocka_unit_test_setup(test_inject_aborts, setup),
	        cmocka_unit_test_setup(test_tid3_id_aa64pfr0_virtualised, setup),
	        cmocka_unit_test_setup(test_tid3_other_id_registers, setup),
	        cmocka_unit_test_setup(test_sysreg_other_is_undefined, setup),
	        cmocka_unit_test_setup(test_psci_version_over_hvc, setup),
	        cmocka_unit_test_setup(test_psci_version_over_smc, setup),
	        cmocka_unit_test_setup(test_hc_vcpu_id_is_the_vm_number, setup),
	        cmocka_unit_test_setup(test_hc_time_is_cntvct, setup),
	        cmocka_unit_test_setup(test_hc_console_write, setup),
	        cmocka_unit_test_setup(test_hc_yield_and_exit_status, setup),
	        cmocka_unit_test_setup(test_psci_system_off_and_reset, setup),
	        cmocka_unit_test_setup(test_unknown_hypercall_is_undefined, setup),
	        cmocka_unit_test_setup(test_unknown_smc_is_undefined_at_the_smc, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
