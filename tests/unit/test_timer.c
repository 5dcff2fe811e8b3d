/*
 * The Generic Timer (cpu/timer.c). Expected values come from the Arm ARM:
 * D11.2.4 "Operation of the CompareValue views of the timers" (the
 * condition is met when CVAL <= count, ISTATUS reports it, the output is
 * ENABLE && ISTATUS && !IMASK), "Operation of the TimerValue views" (TVAL
 * reads (CVAL - count)[31:0]; a write sets CVAL = count + SignExtend(TVAL)),
 * D11.2.2 (the virtual count is the physical count minus CNTVOFF_EL2),
 * D11.2.3 "Event streams" (an event when bit EVNTI of the counter makes the
 * EVNTDIR transition), the interrupt IDs of the Arm BSA (PPI 30 EL1
 * physical, 27 virtual, 26 EL2 physical, 29 Secure physical), and
 * D1.7 (WFI wakes for a pending interrupt even when PSTATE masks it).
 */
#include "harness.h"

#include "gic_port.h"
#include "irq.h"
#include "timer.h"

#define NOP              0xd503201fu
#define WFI              0xd503207fu
#define WFE              0xd503205fu
/* mrs x0, cntp_ctl_el0; mrs x0, cntp_tval_el0; msr cntp_tval_el0, x1 */
#define MRS_X0_CNTP_CTL  0xd53be220u
#define MRS_X0_CNTP_TVAL 0xd53be200u
#define MSR_CNTP_TVAL_X1 0xd51be201u

#define CTL_ENABLE  1ull
#define CTL_IMASK   2ull
#define CTL_ISTATUS 4ull

#define EL1H  0x5ull
#define I_BIT 0x80ull

/* A stand-in for the GIC: records each PPI level; PPI 30 drives the IRQ line. */
struct fake_gic {
	struct cpu *cpu;
	bool level[32];
	unsigned calls;
};

static struct fake_gic fake;

static void fake_ppi(void *opaque, unsigned intid, bool level)
{
	struct fake_gic *g = opaque;
	assert_true(intid >= 16 && intid < 32);
	g->level[intid] = level;
	g->calls++;
	if (intid == GIC_PPI_CNTP)
		irq_set_line(g->cpu, IRQ_LINE_IRQ, level);
}

static struct cpu *timer_cpu(unsigned highest)
{
	struct cpu *cpu = th_cpu(highest);
	fake = (struct fake_gic){.cpu = cpu};
	cpu->bus.gic = (struct gic_port){.opaque = &fake, .ppi = fake_ppi};
	return cpu;
}

/* Put the count at c (no instruction has retired: the idle ticks carry it). */
static void set_count(struct cpu *cpu, uint64_t c)
{
	cpu->idle_ticks = c - cpu->icount;
}

static void test_cval_edges(void **state)
{
	(void)state;
	struct cpu *cpu = timer_cpu(2);
	cpu->sr[SR_CNTP_CVAL_EL0] = 100;
	cpu->sr[SR_CNTP_CTL_EL0] = CTL_ENABLE;
	set_count(cpu, 99);
	timer_update(cpu);
	assert_int_equal(timer_read(cpu, SR_CNTP_CTL_EL0), CTL_ENABLE); /* 100 > 99: not met */
	assert_false(fake.level[GIC_PPI_CNTP]);
	assert_int_equal(cpu->timer_deadline, 100);
	assert_int_equal(timer_read(cpu, SR_CNTP_TVAL_EL0), 1);
	set_count(cpu, 100);
	timer_update(cpu);
	assert_int_equal(timer_read(cpu, SR_CNTP_CTL_EL0), CTL_ENABLE | CTL_ISTATUS);
	assert_true(fake.level[GIC_PPI_CNTP]);
	assert_int_equal(timer_read(cpu, SR_CNTP_TVAL_EL0), 0);
	assert_int_equal(cpu->timer_deadline, TIMER_NEVER); /* met: nothing more to wait for */
	set_count(cpu, 101);
	assert_int_equal(timer_read(cpu, SR_CNTP_TVAL_EL0), 0xffffffffu); /* -1, 32 bits */
	/* CVAL at the top of the range: met only by a count of 2^64 - 1. */
	cpu->sr[SR_CNTP_CVAL_EL0] = UINT64_MAX;
	timer_update(cpu);
	assert_false(fake.level[GIC_PPI_CNTP]);
	assert_int_equal(timer_read(cpu, SR_CNTP_CTL_EL0), CTL_ENABLE);
	th_free(cpu);
}

static void test_imask_and_enable(void **state)
{
	(void)state;
	struct cpu *cpu = timer_cpu(2);
	set_count(cpu, 500);
	cpu->sr[SR_CNTP_CVAL_EL0] = 10;
	timer_write(cpu, SR_CNTP_CTL_EL0, CTL_ENABLE | CTL_IMASK);
	/* Met and masked: ISTATUS 1, output low. */
	assert_int_equal(timer_read(cpu, SR_CNTP_CTL_EL0), CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);
	assert_false(fake.level[GIC_PPI_CNTP]);
	timer_write(cpu, SR_CNTP_CTL_EL0, CTL_ENABLE);
	assert_true(fake.level[GIC_PPI_CNTP]);
	/* ISTATUS is read-only: writing it changes nothing. */
	timer_write(cpu, SR_CNTP_CTL_EL0, CTL_ENABLE | CTL_ISTATUS);
	assert_int_equal(cpu->sr[SR_CNTP_CTL_EL0], CTL_ENABLE);
	/*
	 * What a read returns: with CVAL in the future (1000 > count 500) the
	 * condition is not met, so ISTATUS reads 0 whatever was written to it
	 * (CNTP_CTL_EL0.ISTATUS is read-only and reports the condition), and
	 * the output stays low. Through timer_read() and through MRS.
	 */
	cpu->sr[SR_CNTP_CVAL_EL0] = 1000;
	timer_write(cpu, SR_CNTP_CTL_EL0, CTL_ENABLE | CTL_ISTATUS);
	assert_int_equal(timer_read(cpu, SR_CNTP_CTL_EL0), CTL_ENABLE);
	assert_false(fake.level[GIC_PPI_CNTP]);
	cpu->x[0] = ~0ull;
	th_exec_ok(cpu, MRS_X0_CNTP_CTL); /* at count 501 */
	assert_int_equal(cpu->x[0], CTL_ENABLE);
	/* Disabled: output low (ISTATUS UNKNOWN; el2sim reads 0). */
	timer_write(cpu, SR_CNTP_CTL_EL0, 0);
	assert_false(fake.level[GIC_PPI_CNTP]);
	assert_int_equal(timer_read(cpu, SR_CNTP_CTL_EL0), 0);
	th_free(cpu);
}

static void test_tval_write_sign_extends(void **state)
{
	(void)state;
	struct cpu *cpu = timer_cpu(2);
	set_count(cpu, 1000);
	timer_write(cpu, SR_CNTP_TVAL_EL0, 0xfffffffbu); /* -5 */
	assert_int_equal(cpu->sr[SR_CNTP_CVAL_EL0], 995);
	timer_write(cpu, SR_CNTP_TVAL_EL0, 0x7fffffffu);
	assert_int_equal(cpu->sr[SR_CNTP_CVAL_EL0], 1000 + 0x7fffffffull);
	/* Bits [63:32] of the written value are ignored. */
	timer_write(cpu, SR_CNTP_TVAL_EL0, 0xabcd000000000010ull);
	assert_int_equal(cpu->sr[SR_CNTP_CVAL_EL0], 1016);
	th_free(cpu);
}

static void test_virtual_offset(void **state)
{
	(void)state;
	struct cpu *cpu = timer_cpu(2);
	set_count(cpu, 150);
	cpu->sr[SR_CNTVOFF_EL2] = 50; /* virtual count 100 */
	cpu->sr[SR_CNTV_CVAL_EL0] = 100;
	timer_write(cpu, SR_CNTV_CTL_EL0, CTL_ENABLE);
	assert_true(fake.level[GIC_PPI_CNTV]);
	assert_false(fake.level[GIC_PPI_CNTP]);
	timer_write(cpu, SR_CNTV_CVAL_EL0, 101);
	assert_false(fake.level[GIC_PPI_CNTV]);
	assert_int_equal(cpu->timer_deadline, 151); /* physical count 151 = virtual 101 */
	assert_int_equal(timer_read(cpu, SR_CNTV_TVAL_EL0), 1);
	/* TVAL counts in virtual time: CVAL = 100 + 7. */
	timer_write(cpu, SR_CNTV_TVAL_EL0, 7);
	assert_int_equal(cpu->sr[SR_CNTV_CVAL_EL0], 107);
	th_free(cpu);
}

/* The CNTVOFF_EL2 write itself re-evaluates: through MSR, as software does it. */
static void test_cntvoff_msr_reevaluates(void **state)
{
	(void)state;
	struct cpu *cpu = timer_cpu(2);
	set_count(cpu, 150);
	cpu->sr[SR_CNTV_CVAL_EL0] = 120;
	timer_write(cpu, SR_CNTV_CTL_EL0, CTL_ENABLE); /* virtual 150 >= 120 */
	assert_true(fake.level[GIC_PPI_CNTV]);
	cpu->x[1] = 100;              /* virtual count 50 */
	th_exec_ok(cpu, 0xd51ce061u); /* msr cntvoff_el2, x1 */
	assert_false(fake.level[GIC_PPI_CNTV]);
	assert_int_equal(cpu->timer_deadline, 220);
	th_free(cpu);
}

static void test_each_timer_its_ppi(void **state)
{
	(void)state;
	struct cpu *cpu = timer_cpu(3);
	set_count(cpu, 10);
	static const struct {
		enum sysreg_id ctl;
		unsigned ppi;
	} t[] = {{SR_CNTP_CTL_EL0, 30},
	         {SR_CNTV_CTL_EL0, 27},
	         {SR_CNTHP_CTL_EL2, 26},
	         {SR_CNTPS_CTL_EL1, 29}};
	for (unsigned i = 0; i < 4; i++) {
		timer_write(cpu, t[i].ctl, CTL_ENABLE); /* CVAL 0 <= count */
		for (unsigned j = 0; j < 4; j++)
			assert_int_equal(fake.level[t[j].ppi], j == i);
		timer_write(cpu, t[i].ctl, 0);
	}
	th_free(cpu);
}

/* Through MRS/MSR: ISTATUS appears in CNTP_CTL_EL0 and TVAL counts down with instructions. */
static void test_mrs_msr_path(void **state)
{
	(void)state;
	struct cpu *cpu = timer_cpu(2);
	cpu->x[1] = 3;
	th_exec_ok(cpu, MSR_CNTP_TVAL_X1); /* at count 0: CVAL = 3 */
	assert_int_equal(cpu->sr[SR_CNTP_CVAL_EL0], 3);
	th_exec_ok(cpu, MRS_X0_CNTP_TVAL); /* executes at count 1 */
	assert_int_equal(cpu->x[0], 2);
	cpu->sr[SR_CNTP_CTL_EL0] = CTL_ENABLE;
	th_exec_ok(cpu, MRS_X0_CNTP_CTL); /* count 2 < 3 */
	assert_int_equal(cpu->x[0], CTL_ENABLE);
	th_exec_ok(cpu, MRS_X0_CNTP_CTL); /* count 3 */
	assert_int_equal(cpu->x[0], CTL_ENABLE | CTL_ISTATUS);
	th_free(cpu);
}

/*
 * WFI with a timer armed: time jumps to the deadline, the timer fires, the
 * interrupt (masked by PSTATE.I at EL1, which does not matter to WFI) wakes
 * the PE, and execution continues after the WFI.
 */
static void test_wfi_fast_forwards(void **state)
{
	(void)state;
	struct cpu *cpu = timer_cpu(2);
	cpu_pstate_set(cpu, EL1H | I_BIT | 0x340);
	uint32_t code[3] = {WFI, NOP, NOP};
	th_put_words(cpu, TH_CODE, code, 3);
	cpu->pc = TH_CODE;
	cpu->sr[SR_CNTP_CVAL_EL0] = 1000;
	timer_write(cpu, SR_CNTP_CTL_EL0, CTL_ENABLE);
	cpu->insn_limit = 2;
	assert_int_equal(cpu_run(cpu), STOP_INSN_LIMIT);
	assert_int_equal(cpu->icount, 2);
	assert_int_equal(cpu->idle_ticks, 999); /* WFI retired at count 1; woke at 1000 */
	assert_int_equal(cpu_counter(cpu), 1001);
	assert_int_equal(cpu->pc, TH_CODE + 8);
	assert_true(fake.level[GIC_PPI_CNTP]);
	th_free(cpu);
}

/* WFI with nothing armed and nothing pending: the run ends, it does not spin. */
static void test_wfi_nothing_armed(void **state)
{
	(void)state;
	struct cpu *cpu = timer_cpu(2);
	cpu_pstate_set(cpu, EL1H | I_BIT | 0x340);
	uint32_t code[2] = {WFI, NOP};
	th_put_words(cpu, TH_CODE, code, 2);
	cpu->pc = TH_CODE;
	cpu->sr[SR_CNTP_CVAL_EL0] = 1000;
	timer_write(cpu, SR_CNTP_CTL_EL0, CTL_ENABLE | CTL_IMASK); /* masked: never fires */
	assert_int_equal(cpu_run(cpu), STOP_WAIT_FOREVER);
	th_free(cpu);
}

/*
 * The event stream: CNTHCTL_EL2.EVNTEN with EVNTI 4, EVNTDIR 0 signals an
 * event when bit 4 of the physical count goes 0 -> 1, at counts 16, 48, 80,
 * ...; WFE at EL2 waits for it.
 */
static void test_event_stream_wakes_wfe(void **state)
{
	(void)state;
	struct cpu *cpu = timer_cpu(2);
	uint32_t code[4] = {WFE, NOP, WFE, NOP};
	th_put_words(cpu, TH_CODE, code, 4);
	cpu->pc = TH_CODE;
	cpu->x[1] = 0x3 | (1u << 2) | (4u << 4); /* EL1PCTEN|EL1PCEN, EVNTEN, EVNTI 4 */
	cpu->sr[SR_CNTHCTL_EL2] = cpu->x[1];
	timer_update(cpu);
	assert_int_equal(cpu->timer_deadline, 16);
	cpu->insn_limit = 4;
	assert_int_equal(cpu_run(cpu), STOP_INSN_LIMIT);
	/* First WFE retires at count 1 and wakes at 16; NOP -> 17; the second
	 * WFE retires at 18 and wakes at 48; NOP -> 49. */
	assert_int_equal(cpu_counter(cpu), 49);
	assert_int_equal(cpu->idle_ticks, 45);
	assert_false(cpu->event_register); /* consumed by the WFE it woke */
	th_free(cpu);
}

/* EVNTDIR 1: the 1 -> 0 transition of bit 0 (EVNTI 0): every even count. */
static void test_event_stream_dir(void **state)
{
	(void)state;
	struct cpu *cpu = timer_cpu(2);
	set_count(cpu, 7);
	cpu->sr[SR_CNTHCTL_EL2] = 0x3 | (1u << 2) | (1u << 3);
	timer_update(cpu);
	assert_int_equal(cpu->timer_deadline, 8);
	/* CNTKCTL_EL1's stream counts virtual time: with CNTVOFF 3, virtual 4 is
	 * physical 7; bit 2 (EVNTI 2) next goes 0 -> 1 at virtual 12 = physical 15. */
	cpu->sr[SR_CNTHCTL_EL2] = 0x3;
	cpu->sr[SR_CNTVOFF_EL2] = 3;
	cpu->sr[SR_CNTKCTL_EL1] = (1u << 2) | (2u << 4);
	timer_update(cpu);
	assert_int_equal(cpu->timer_deadline, 15);
	set_count(cpu, 15);
	timer_update(cpu);
	assert_true(cpu->event_register);
	assert_int_equal(cpu->timer_deadline, 15 + 8);
	th_free(cpu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_cval_edges),
	        cmocka_unit_test(test_imask_and_enable),
	        cmocka_unit_test(test_tval_write_sign_extends),
	        cmocka_unit_test(test_virtual_offset),
	        cmocka_unit_test(test_cntvoff_msr_reevaluates),
	        cmocka_unit_test(test_each_timer_its_ppi),
	        cmocka_unit_test(test_mrs_msr_path),
	        cmocka_unit_test(test_wfi_fast_forwards),
	        cmocka_unit_test(test_wfi_nothing_armed),
	        cmocka_unit_test(test_event_stream_wakes_wfe),
	        cmocka_unit_test(test_event_stream_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
