/*
 * Asynchronous exceptions and WFI/WFE. Expected targets and masking come
 * from Arm ARM D1.4.6.4 (tables D1-12 and D1-21, "FIQ and IRQ interrupt
 * exception targets [and masking]"; the SError and virtual-interrupt
 * masking tables), wake-up rules from D1.7, the WFx trap order from
 * AArch64.CheckForWFxTrap. Vector offsets: 0x200 current EL with SP_ELx,
 * 0x400 lower EL AArch64, + 0x80 IRQ, 0x100 FIQ, 0x180 SError.
 */
#include "harness.h"

#include "irq.h"

#define VBAR1 TH_VBAR1
#define VBAR2 TH_VBAR2
#define VBAR3 TH_VBAR3
#define NOP   0xd503201fu
#define WFI   0xd503207fu
#define WFE   0xd503205fu

#define HCR_FMO (1ull << 3)
#define HCR_IMO (1ull << 4)
#define HCR_AMO (1ull << 5)
#define HCR_VI  (1ull << 7)
#define HCR_VSE (1ull << 8)
#define HCR_TWI (1ull << 13)
#define HCR_TGE (1ull << 27)
#define SCR_IRQ (1ull << 1)
#define SCR_TWI (1ull << 12)

/* SPSR: M[3:0] = EL:SPSel; I is bit 7. */
#define EL0T  0x0ull
#define EL1H  0x5ull
#define EL2H  0x9ull
#define EL3H  0xdull
#define I_BIT 0x80ull

/* th_cpu_at() with NOPs at TH_CODE, where each test steps. */
static struct cpu *cpu_at(unsigned highest, uint64_t spsr)
{
	struct cpu *cpu = th_cpu_at(highest, spsr);
	uint32_t nops[4] = {NOP, NOP, NOP, NOP};
	th_put_words(cpu, TH_CODE, nops, 4);
	return cpu;
}

/* One step: was an interrupt taken, and where did it go? */
static void expect_taken(struct cpu *cpu, uint64_t vector, unsigned el)
{
	uint64_t pc = cpu->pc;
	assert_int_equal(cpu_step(cpu), EXEC_EXC);
	assert_int_equal(cpu->pc, vector);
	assert_int_equal(cpu->el, el);
	static const enum sysreg_id elr[4] = {0, SR_ELR_EL1, SR_ELR_EL2, SR_ELR_EL3};
	assert_int_equal(cpu->sr[elr[el]], pc); /* the instruction not yet executed */
	assert_int_equal(cpu->daif, 0x3c0);
}

static void expect_not_taken(struct cpu *cpu)
{
	uint64_t pc = cpu->pc;
	unsigned el = cpu->el;
	assert_int_equal(cpu_step(cpu), EXEC_NEXT);
	assert_int_equal(cpu->pc, pc + 4);
	assert_int_equal(cpu->el, el);
}

/* EL1-only PE: IRQ to EL1, "B" at EL0 and EL1 (masked by PSTATE.I). */
static void test_irq_el1_only(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, EL1H | I_BIT);
	cpu->sr[SR_ESR_EL1] = 0x1234; /* IRQ does not write ESR */
	irq_set_line(cpu, IRQ_LINE_IRQ, true);
	expect_not_taken(cpu);
	cpu_pstate_set(cpu, EL1H);
	cpu->pc = TH_CODE;
	expect_taken(cpu, VBAR1 + 0x280, 1);
	assert_int_equal(cpu->sr[SR_SPSR_EL1], EL1H);
	assert_int_equal(cpu->sr[SR_ESR_EL1], 0x1234);
	/* From EL0: lower-EL slot; still masked by PSTATE.I (target EL1). */
	cpu_pstate_set(cpu, EL0T | I_BIT);
	cpu->pc = TH_CODE;
	expect_not_taken(cpu);
	cpu_pstate_set(cpu, EL0T);
	cpu->pc = TH_CODE;
	expect_taken(cpu, VBAR1 + 0x480, 1);
	th_free(cpu);
}

/* With EL2: IMO routes to EL2, "A" from EL0/EL1, "B" at EL2; IMO = 0 at EL2 is "C". */
static void test_irq_el2_routing(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(2, EL1H | I_BIT);
	irq_set_line(cpu, IRQ_LINE_IRQ, true);
	cpu->sr[SR_HCR_EL2] |= HCR_IMO;
	expect_taken(cpu, VBAR2 + 0x480, 2); /* PSTATE.I at EL1 does not matter */
	assert_string_equal(cpu->exc.cause, "HCR_EL2.IMO");

	cpu_pstate_set(cpu, EL2H | I_BIT);
	cpu->pc = TH_CODE;
	expect_not_taken(cpu);
	cpu_pstate_set(cpu, EL2H);
	cpu->pc = TH_CODE;
	expect_taken(cpu, VBAR2 + 0x280, 2);

	/* IMO = 0: the target is EL1, below EL2: not taken whatever PSTATE.I says. */
	cpu->sr[SR_HCR_EL2] &= ~HCR_IMO;
	cpu_pstate_set(cpu, EL2H);
	cpu->pc = TH_CODE;
	expect_not_taken(cpu);

	/* TGE = 1, from EL0: to EL2, not maskable (E2H = 0). */
	cpu->sr[SR_HCR_EL2] |= HCR_TGE;
	cpu_pstate_set(cpu, EL0T | I_BIT);
	cpu->pc = TH_CODE;
	expect_taken(cpu, VBAR2 + 0x480, 2);
	th_free(cpu);
}

/* SCR_EL3.IRQ: to EL3, "A" below EL3, "B" at EL3; SCR_EL3.IRQ = 0 at EL3 is "C". */
static void test_irq_el3_routing(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(3, EL2H | I_BIT);
	irq_set_line(cpu, IRQ_LINE_IRQ, true);
	cpu->sr[SR_SCR_EL3] |= SCR_IRQ;
	expect_taken(cpu, VBAR3 + 0x480, 3);
	cpu_pstate_set(cpu, EL3H | I_BIT);
	cpu->pc = TH_CODE;
	expect_not_taken(cpu);
	cpu_pstate_set(cpu, EL3H);
	cpu->pc = TH_CODE;
	expect_taken(cpu, VBAR3 + 0x280, 3);
	cpu->sr[SR_SCR_EL3] &= ~SCR_IRQ;
	cpu_pstate_set(cpu, EL3H);
	cpu->pc = TH_CODE;
	expect_not_taken(cpu);
	th_free(cpu);
}

/* FIQ and SError use their own slots; SError writes ESR (EC 0x2F). */
static void test_fiq_serror_slots(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, EL1H);
	irq_set_line(cpu, IRQ_LINE_FIQ, true);
	expect_taken(cpu, VBAR1 + 0x300, 1);
	irq_set_line(cpu, IRQ_LINE_FIQ, false);
	irq_set_line(cpu, IRQ_LINE_SERROR, true);
	cpu_pstate_set(cpu, EL1H);
	cpu->pc = TH_CODE;
	expect_taken(cpu, VBAR1 + 0x380, 1);
	assert_int_equal(cpu->sr[SR_ESR_EL1] >> 26, 0x2f);
	/* PSTATE.A masks SError at the current EL. */
	cpu_pstate_set(cpu, EL1H | 0x100);
	cpu->pc = TH_CODE;
	expect_not_taken(cpu);
	th_free(cpu);
}

/* el2sim's IMPLEMENTATION DEFINED order (Arm ARM D1.4.6.5): SError, FIQ, IRQ. */
static void test_async_priority(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, EL1H);
	irq_set_line(cpu, IRQ_LINE_IRQ, true);
	irq_set_line(cpu, IRQ_LINE_FIQ, true);
	expect_taken(cpu, VBAR1 + 0x300, 1);
	th_free(cpu);
}

/* Virtual IRQ: HCR_EL2.VI with IMO, only from EL0/EL1, to EL1, masked by PSTATE.I; VI stays. */
static void test_virtual_irq(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(2, EL1H);
	cpu->sr[SR_HCR_EL2] |= HCR_VI; /* IMO = 0: disabled */
	expect_not_taken(cpu);
	cpu->sr[SR_HCR_EL2] |= HCR_IMO;
	cpu->pc = TH_CODE;
	expect_taken(cpu, VBAR1 + 0x280, 1);
	assert_true(cpu->sr[SR_HCR_EL2] & HCR_VI);
	cpu_pstate_set(cpu, EL1H | I_BIT);
	cpu->pc = TH_CODE;
	expect_not_taken(cpu);
	cpu_pstate_set(cpu, EL2H); /* always masked at EL2 */
	cpu->pc = TH_CODE;
	expect_not_taken(cpu);
	cpu->sr[SR_HCR_EL2] |= HCR_TGE; /* TGE disables virtual interrupts */
	cpu_pstate_set(cpu, EL0T);
	cpu->pc = TH_CODE;
	expect_not_taken(cpu);
	th_free(cpu);
}

/* Virtual SError: AMO + VSE, to EL1 with EC 0x2F; taking it clears VSE. */
static void test_virtual_serror(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(2, EL0T);
	cpu->sr[SR_HCR_EL2] |= HCR_AMO | HCR_VSE;
	expect_taken(cpu, VBAR1 + 0x580, 1);
	assert_int_equal(cpu->sr[SR_ESR_EL1] >> 26, 0x2f);
	assert_false(cpu->sr[SR_HCR_EL2] & HCR_VSE);
	th_free(cpu);
}

/* WFI waits; a masked interrupt wakes it without being taken (Arm ARM D1.7.2). */
static void test_wfi_masked_wakeup(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, EL1H | I_BIT);
	assert_int_equal(th_exec(cpu, WFI), EXEC_WAIT);
	assert_int_equal(cpu->wait, WAIT_WFI);
	assert_int_equal(cpu->pc, TH_CODE + 4);
	assert_int_equal(cpu_step(cpu), EXEC_WAIT);
	irq_set_line(cpu, IRQ_LINE_IRQ, true);
	expect_not_taken(cpu); /* woken, the NOP after WFI runs */
	assert_int_equal(cpu->wait, WAIT_NONE);
	/* With an interrupt already pending, WFI completes at once. */
	cpu->pc = TH_CODE;
	assert_int_equal(th_exec(cpu, WFI), EXEC_NEXT);
	th_free(cpu);
}

/* An unmasked interrupt wakes WFI and is taken; ELR is the instruction after WFI. */
static void test_wfi_interrupt(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, EL1H);
	assert_int_equal(th_exec(cpu, WFI), EXEC_WAIT);
	irq_set_line(cpu, IRQ_LINE_IRQ, true);
	expect_taken(cpu, VBAR1 + 0x280, 1);
	assert_int_equal(cpu->sr[SR_ELR_EL1], TH_CODE + 4);
	th_free(cpu);
}

/* WFE: the Event Register; a masked interrupt does not wake WFE. */
static void test_wfe(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, EL1H | I_BIT);
	cpu->event_register = true;
	assert_int_equal(th_exec(cpu, WFE), EXEC_NEXT);
	assert_false(cpu->event_register);
	cpu->pc = TH_CODE;
	assert_int_equal(th_exec(cpu, WFE), EXEC_WAIT);
	irq_set_line(cpu, IRQ_LINE_IRQ, true);
	assert_int_equal(cpu_step(cpu), EXEC_WAIT);
	cpu->event_register = true; /* e.g. SEV from another PE */
	expect_not_taken(cpu);
	assert_false(cpu->event_register);
	th_free(cpu);
}

/* AArch64.CheckForWFxTrap: EC 0x01, ISS CV=1 COND=0b1110 TI; first control wins. */
static void test_wfx_traps(void **state)
{
	(void)state;
	/* EL0, SCTLR_EL1.nTWI = 0 (its reset value here): to EL1. */
	struct cpu *cpu = cpu_at(2, EL0T);
	assert_int_equal(th_exec(cpu, WFI), EXEC_EXC);
	assert_int_equal(cpu->el, 1);
	assert_int_equal(cpu->sr[SR_ESR_EL1], 0x07e00000);
	assert_int_equal(cpu->sr[SR_ELR_EL1], TH_CODE);
	/* ... to EL2 with TGE. */
	cpu->sr[SR_HCR_EL2] |= HCR_TGE;
	cpu_pstate_set(cpu, EL0T);
	cpu->pc = TH_CODE;
	th_exec(cpu, WFE);
	assert_int_equal(cpu->el, 2);
	assert_int_equal(cpu->sr[SR_ESR_EL2], 0x07e00001);
	th_free(cpu);

	/* EL1 with HCR_EL2.TWI and SCR_EL3.TWI: EL2 wins. */
	cpu = cpu_at(3, EL1H | I_BIT);
	cpu->sr[SR_HCR_EL2] |= HCR_TWI;
	cpu->sr[SR_SCR_EL3] |= SCR_TWI;
	th_exec(cpu, WFI);
	assert_int_equal(cpu->el, 2);
	assert_int_equal(cpu->pc, VBAR2 + 0x400);
	/* EL2: only SCR_EL3.TWI applies. */
	cpu_pstate_set(cpu, EL2H | I_BIT);
	cpu->pc = TH_CODE;
	th_exec(cpu, WFI);
	assert_int_equal(cpu->el, 3);
	assert_int_equal(cpu->sr[SR_ESR_EL3], 0x07e00000);
	/* A pending wake-up event (here an IRQ for EL1, masked by PSTATE.I)
	 * means no low-power state, so no trap: WFI completes. */
	cpu_pstate_set(cpu, EL1H | I_BIT);
	cpu->pc = TH_CODE;
	irq_set_line(cpu, IRQ_LINE_IRQ, true);
	assert_int_equal(th_exec(cpu, WFI), EXEC_NEXT);
	assert_int_equal(cpu->el, 1);
	th_free(cpu);
}

static void test_run_wait_forever(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, EL1H);
	uint32_t w = WFI;
	th_put_words(cpu, TH_CODE, &w, 1);
	cpu->insn_limit = 1000;
	assert_int_equal(cpu_run(cpu), STOP_WAIT_FOREVER);
	assert_int_equal(cpu->pc, TH_CODE + 4);
	th_free(cpu);
}

static int idle_calls;
static bool idle_raise_irq(void *opaque, struct cpu *cpu)
{
	(void)opaque;
	idle_calls++;
	cpu->idle_ticks += 1000; /* the board's next event is 1000 ticks away */
	irq_set_line(cpu, IRQ_LINE_IRQ, true);
	return true;
}

static void test_run_wfi_idle_hook(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, EL1H);
	uint32_t w = WFI;
	th_put_words(cpu, TH_CODE, &w, 1);
	cpu->hooks.idle = idle_raise_irq;
	cpu->insn_limit = 2; /* the WFI, then one instruction of the handler */
	uint32_t handler = NOP;
	th_put_words(cpu, VBAR1 + 0x280, &handler, 1);
	assert_int_equal(cpu_run(cpu), STOP_INSN_LIMIT);
	assert_int_equal(idle_calls, 1);
	assert_int_equal(cpu->sr[SR_ELR_EL1], TH_CODE + 4);
	assert_int_equal(cpu->pc, VBAR1 + 0x284);
	assert_int_equal(cpu_counter(cpu), 2 + 1000);
	th_free(cpu);
}

/* ERET unmasking a pending interrupt: taken before the first instruction at ELR. */
static void test_eret_unmasks(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, EL1H | I_BIT);
	uint32_t eret = 0xd69f03e0;
	th_put_words(cpu, TH_CODE, &eret, 1);
	uint32_t handler = NOP;
	th_put_words(cpu, VBAR1 + 0x480, &handler, 1);
	cpu->sr[SR_SPSR_EL1] = EL0T; /* I clear */
	cpu->sr[SR_ELR_EL1] = TH_CODE + 0x100;
	irq_set_line(cpu, IRQ_LINE_IRQ, true);
	cpu->insn_limit = 2;
	assert_int_equal(cpu_run(cpu), STOP_INSN_LIMIT);
	assert_int_equal(cpu->sr[SR_ELR_EL1], TH_CODE + 0x100);
	assert_int_equal(cpu->pc, VBAR1 + 0x484);
	th_free(cpu);
}

/*
 * FEAT_RAS. A physical SError carries IDS 0, AET 0 (UC), DFSC 0b010001: ESR
 * 0xbe000011 (EC 0x2F << 26 | IL). A virtual one carries VSESR_EL2[24:0].
 * ESB defers a masked SError: DISR_EL1 / VDISR_EL2 = A [31] | syndrome.
 */
#define ESB            0xd503221fu
#define MRS_X0_DISR    0xd538c120u
#define MRS_X1_ISR     0xd538c101u
#define MRS_X3_ERRIDR  0xd5385303u
#define MSR_ERRSELR_X4 0xd5185324u

static void test_ras_physical_serror(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, EL1H);
	irq_set_line(cpu, IRQ_LINE_SERROR, true);
	expect_taken(cpu, VBAR1 + 0x380, 1);
	assert_int_equal(cpu->sr[SR_ESR_EL1], 0xbe000011);
	/* Masked by PSTATE.A at its target: ESB defers it into DISR_EL1. */
	cpu_pstate_set(cpu, EL1H | 0x100);
	cpu->pc = TH_CODE;
	assert_int_equal(th_exec(cpu, ESB), EXEC_NEXT);
	assert_int_equal(cpu->sr[SR_DISR_EL1], 0x80000011);
	assert_false(cpu->irq_in & IRQ_LINE_SERROR);
	th_exec_ok(cpu, MRS_X0_DISR);
	assert_int_equal(cpu->x[0], 0x80000011);
	th_free(cpu);
}

static void test_ras_virtual_serror(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(2, EL1H | 0x100); /* PSTATE.A set */
	cpu->sr[SR_HCR_EL2] |= HCR_AMO | HCR_VSE;
	cpu->sr[SR_VSESR_EL2] = 0x1000123; /* IDS = 1, ISS = 0x123 */
	assert_int_equal(th_exec(cpu, ESB), EXEC_NEXT);
	assert_int_equal(cpu->sr[SR_VDISR_EL2], 0x81000123);
	assert_false(cpu->sr[SR_HCR_EL2] & HCR_VSE);
	/* With AMO, EL1's DISR_EL1 is VDISR_EL2. */
	th_exec_ok(cpu, MRS_X0_DISR);
	assert_int_equal(cpu->x[0], 0x81000123);
	/* Unmasked, the vSError is taken with VSESR_EL2's syndrome. */
	cpu->sr[SR_HCR_EL2] |= HCR_VSE;
	cpu_pstate_set(cpu, EL1H);
	cpu->pc = TH_CODE;
	expect_taken(cpu, VBAR1 + 0x380, 1);
	assert_int_equal(cpu->sr[SR_ESR_EL1], 0xbf000123);
	th_free(cpu);
}

/* ISR_EL1 shows what is pending as EL1 sees it: virtual when routed by xMO. */
static void test_isr_el1(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(2, EL1H | 0x3c0);
	irq_set_line(cpu, IRQ_LINE_IRQ, true);
	th_exec_ok(cpu, MRS_X1_ISR);
	assert_int_equal(cpu->x[1], 0x80);
	/* With IMO the I bit shows the virtual IRQ (a pending physical one
	 * would be taken to EL2 at once: "A" in table D1-21). */
	irq_set_line(cpu, IRQ_LINE_IRQ, false);
	cpu->sr[SR_HCR_EL2] |= HCR_IMO | HCR_FMO;
	th_exec_ok(cpu, MRS_X1_ISR);
	assert_int_equal(cpu->x[1], 0);
	cpu->sr[SR_HCR_EL2] |= HCR_VI;
	th_exec_ok(cpu, MRS_X1_ISR);
	assert_int_equal(cpu->x[1], 0x80);
	th_free(cpu);
}

/* No error records: ERRIDR_EL1.NUM = 0, the record registers are RAZ/WI. */
static void test_ras_no_records(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, EL1H);
	cpu->x[3] = 0x55;
	cpu->x[4] = 7;
	th_exec_ok(cpu, MSR_ERRSELR_X4);
	assert_int_equal(cpu->sr[SR_ERRSELR_EL1], 0);
	th_exec_ok(cpu, MRS_X3_ERRIDR);
	assert_int_equal(cpu->x[3], 0);
	/* ID_AA64PFR0_EL1.RAS [31:28] says FEAT_RAS. */
	assert_int_equal((cpu->sr[SR_ID_AA64PFR0_EL1] >> 28) & 0xf, 1);
	th_free(cpu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_irq_el1_only),
	        cmocka_unit_test(test_irq_el2_routing),
	        cmocka_unit_test(test_irq_el3_routing),
	        cmocka_unit_test(test_fiq_serror_slots),
	        cmocka_unit_test(test_async_priority),
	        cmocka_unit_test(test_virtual_irq),
	        cmocka_unit_test(test_virtual_serror),
	        cmocka_unit_test(test_wfi_masked_wakeup),
	        cmocka_unit_test(test_wfi_interrupt),
	        cmocka_unit_test(test_wfe),
	        cmocka_unit_test(test_wfx_traps),
	        cmocka_unit_test(test_run_wait_forever),
	        cmocka_unit_test(test_run_wfi_idle_hook),
	        cmocka_unit_test(test_eret_unmasks),
	        cmocka_unit_test(test_ras_physical_serror),
	        cmocka_unit_test(test_ras_virtual_serror),
	        cmocka_unit_test(test_isr_el1),
	        cmocka_unit_test(test_ras_no_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
