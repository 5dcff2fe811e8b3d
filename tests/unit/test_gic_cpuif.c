/*
 * The GICv3 physical CPU interface (cpu/gic_cpuif.c) against a stand-in
 * redistributor. Expected values come from the GIC architecture
 * specification IHI 0069: 4.1 the interrupt lifecycle (acknowledge makes a
 * pending interrupt active, EOI with EOImode 0 drops the priority and
 * deactivates, EOImode 1 splits the two and ICC_DIR_EL1 deactivates),
 * 4.8 prioritization (signalled only when the priority is higher than
 * ICC_PMR_EL1 and the group priority, by the binary point, higher than the
 * running priority; the active priority registers hold one bit per group
 * priority; ICC_RPR_EL1 0xff when idle), 4.6.2 (GICD_CTLR.DS = 1: Group 0
 * is FIQ, Group 1 IRQ), the ICC_BPR0/1_EL1 and ICC_IAR/HPPIR texts
 * (minimum binary points, CBPR, 1023 for no interrupt of the register's
 * group, HPPIR ignoring the priority mask).
 */
#include "harness.h"

#include "gic_cpuif.h"
#include "gic_port.h"
#include "irq.h"

#define MRS_X1_IAR1  0xd538cc01u /* mrs x1, icc_iar1_el1 */
#define MSR_EOIR1_X2 0xd518cc22u /* msr icc_eoir1_el1, x2 */

struct fake_irq {
	uint32_t intid;
	uint8_t prio, group;
	bool pending, active;
};

struct fake_rd {
	struct fake_irq irq[4];
	unsigned n;
	uint32_t deactivated; /* the last INTID deactivated */
	uint64_t sgi_value;
	int sgi_group;
};

static struct fake_rd rd;

static void rd_hppi(void *opaque, struct gic_hppi *out)
{
	struct fake_rd *r = opaque;
	out->intid = GIC_INTID_SPURIOUS;
	out->prio = 0xff;
	for (unsigned i = 0; i < r->n; i++) {
		const struct fake_irq *q = &r->irq[i];
		if (q->pending && !q->active &&
		    (out->intid == GIC_INTID_SPURIOUS || q->prio < out->prio)) {
			out->intid = q->intid;
			out->prio = q->prio;
			out->group = q->group;
		}
	}
}

static struct fake_irq *rd_find(struct fake_rd *r, uint32_t intid)
{
	for (unsigned i = 0; i < r->n; i++)
		if (r->irq[i].intid == intid)
			return &r->irq[i];
	fail_msg("INTID %u is not in the stand-in redistributor", intid);
	return NULL;
}

static void rd_activate(void *opaque, uint32_t intid)
{
	struct fake_irq *q = rd_find(opaque, intid);
	q->pending = false; /* edge-triggered */
	q->active = true;
}

static void rd_deactivate(void *opaque, uint32_t intid)
{
	struct fake_rd *r = opaque;
	rd_find(r, intid)->active = false;
	r->deactivated = intid;
}

static void rd_sgi(void *opaque, uint64_t value, enum gic_group group, bool secure)
{
	struct fake_rd *r = opaque;
	(void)secure;
	r->sgi_value = value;
	r->sgi_group = (int)group;
}

/* An EL2 CPU (EL1 uses the same physical interface when IMO/FMO are 0). */
static struct cpu *gic_cpu(void)
{
	struct cpu *cpu = th_cpu(2);
	rd = (struct fake_rd){.sgi_group = -1};
	cpu->bus.gic = (struct gic_port){.opaque = &rd,
	                                 .hppi = rd_hppi,
	                                 .activate = rd_activate,
	                                 .deactivate = rd_deactivate,
	                                 .sgi = rd_sgi};
	gic_sysreg_write(cpu, SR_ICC_PMR_EL1, 0xf8);
	gic_sysreg_write(cpu, SR_ICC_IGRPEN0_EL1, 1);
	gic_sysreg_write(cpu, SR_ICC_IGRPEN1_EL1, 1);
	return cpu;
}

static void add_irq(uint32_t intid, uint8_t prio, uint8_t group)
{
	rd.irq[rd.n++] = (struct fake_irq){intid, prio, group, true, false};
}

static bool irq_line(const struct cpu *cpu)
{
	return (cpu->irq_in & IRQ_LINE_IRQ) != 0;
}

static bool fiq_line(const struct cpu *cpu)
{
	return (cpu->irq_in & IRQ_LINE_FIQ) != 0;
}

static void test_lifecycle(void **state)
{
	(void)state;
	struct cpu *cpu = gic_cpu();
	add_irq(40, 0x80, GIC_G1NS);
	gic_cpuif_update(cpu);
	assert_true(irq_line(cpu));
	assert_false(fiq_line(cpu));
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_RPR_EL1), 0xff);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR1_EL1), 40);
	assert_true(rd.irq[0].active);
	assert_int_equal(cpu->sr[SR_ICC_AP1R0_EL1], 1u << (0x80 >> 3));
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_RPR_EL1), 0x80);
	assert_false(irq_line(cpu)); /* nothing pending any more */
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR1_EL1), GIC_INTID_SPURIOUS);
	gic_sysreg_write(cpu, SR_ICC_EOIR1_EL1, 40);
	assert_false(rd.irq[0].active);
	assert_int_equal(rd.deactivated, 40);
	assert_int_equal(cpu->sr[SR_ICC_AP1R0_EL1], 0);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_RPR_EL1), 0xff);
	th_free(cpu);
}

static void test_priority_mask(void **state)
{
	(void)state;
	struct cpu *cpu = gic_cpu();
	add_irq(33, 0xf0, GIC_G1NS);
	gic_sysreg_write(cpu, SR_ICC_PMR_EL1, 0xf0); /* equal: masked */
	assert_false(irq_line(cpu));
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR1_EL1), GIC_INTID_SPURIOUS);
	assert_false(rd.irq[0].active);
	/* HPPIR does not look at the priority mask. */
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_HPPIR1_EL1), 33);
	gic_sysreg_write(cpu, SR_ICC_PMR_EL1, 0xf8);
	assert_true(irq_line(cpu));
	/* PMR's unimplemented low bits are RAZ/WI (5 priority bits). */
	gic_sysreg_write(cpu, SR_ICC_PMR_EL1, 0xff);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_PMR_EL1), 0xf8);
	th_free(cpu);
}

static void test_groups(void **state)
{
	(void)state;
	struct cpu *cpu = gic_cpu();
	add_irq(34, 0x40, GIC_G0);
	gic_cpuif_update(cpu);
	assert_true(fiq_line(cpu)); /* Group 0: FIQ */
	assert_false(irq_line(cpu));
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR1_EL1), GIC_INTID_SPURIOUS);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_HPPIR1_EL1), GIC_INTID_SPURIOUS);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_HPPIR0_EL1), 34);
	gic_sysreg_write(cpu, SR_ICC_IGRPEN0_EL1, 0);
	assert_false(fiq_line(cpu));
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR0_EL1), GIC_INTID_SPURIOUS);
	gic_sysreg_write(cpu, SR_ICC_IGRPEN0_EL1, 1);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR0_EL1), 34);
	assert_int_equal(cpu->sr[SR_ICC_AP0R0_EL1], 1u << (0x40 >> 3));
	/* EOIR1 cannot drop a Group 0 priority (UNPREDICTABLE: ignored). */
	gic_sysreg_write(cpu, SR_ICC_EOIR1_EL1, 34);
	assert_true(rd.irq[0].active);
	gic_sysreg_write(cpu, SR_ICC_EOIR0_EL1, 34);
	assert_false(rd.irq[0].active);
	th_free(cpu);
}

static void test_preemption(void **state)
{
	(void)state;
	struct cpu *cpu = gic_cpu();
	add_irq(40, 0x80, GIC_G1NS);
	gic_cpuif_update(cpu);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR1_EL1), 40);
	add_irq(41, 0x40, GIC_G1NS);
	add_irq(42, 0x60, GIC_G1NS);
	gic_cpuif_update(cpu);
	assert_true(irq_line(cpu)); /* 0x40 preempts running 0x80 */
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR1_EL1), 41);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_RPR_EL1), 0x40);
	assert_false(irq_line(cpu)); /* 0x60 does not preempt 0x40 */
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR1_EL1), GIC_INTID_SPURIOUS);
	gic_sysreg_write(cpu, SR_ICC_EOIR1_EL1, 41);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_RPR_EL1), 0x80);
	assert_true(irq_line(cpu)); /* 0x60 preempts 0x80 */
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR1_EL1), 42);
	assert_int_equal(cpu->sr[SR_ICC_AP1R0_EL1], (1u << (0x80 >> 3)) | (1u << (0x60 >> 3)));
	th_free(cpu);
}

/*
 * The binary point splits the priority: with BPR0 4 the group priority is
 * bits [7:5], so an active 0x90 holds group priority 0x80 and a pending
 * 0x88 (group 0x80) cannot preempt it; with the minimum BPR0 2 ([7:3]),
 * 0x88 < 0x90 does.
 */
static void test_binary_point(void **state)
{
	(void)state;
	for (unsigned bpr = 2; bpr <= 4; bpr += 2) {
		struct cpu *cpu = gic_cpu();
		gic_sysreg_write(cpu, SR_ICC_BPR0_EL1, bpr);
		add_irq(50, 0x90, GIC_G0);
		gic_cpuif_update(cpu);
		assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR0_EL1), 50);
		uint32_t gp = bpr == 4 ? 0x80 : 0x90;
		assert_int_equal(cpu->sr[SR_ICC_AP0R0_EL1], 1u << (gp >> 3));
		assert_int_equal(gic_sysreg_read(cpu, SR_ICC_RPR_EL1), gp);
		add_irq(51, 0x88, GIC_G0);
		gic_cpuif_update(cpu);
		assert_int_equal(fiq_line(cpu), bpr == 2);
		th_free(cpu);
	}
}

static void test_bpr_minimum_and_cbpr(void **state)
{
	(void)state;
	struct cpu *cpu = gic_cpu();
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_BPR0_EL1), 2); /* reset: the minimum */
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_BPR1_EL1), 3);
	gic_sysreg_write(cpu, SR_ICC_BPR0_EL1, 0);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_BPR0_EL1), 2);
	gic_sysreg_write(cpu, SR_ICC_BPR1_EL1, 1);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_BPR1_EL1), 3);
	gic_sysreg_write(cpu, SR_ICC_BPR0_EL1, 5);
	gic_sysreg_write(cpu, SR_ICC_CTLR_EL1, 1);                  /* CBPR */
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_BPR1_EL1), 6); /* BPR0 + 1 */
	gic_sysreg_write(cpu, SR_ICC_BPR1_EL1, 4);                  /* ignored */
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_BPR1_EL1), 6);
	gic_sysreg_write(cpu, SR_ICC_BPR0_EL1, 7);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_BPR1_EL1), 7); /* saturates */
	/* ICC_CTLR_EL1's read-only fields: PRIbits 4, IDbits 0, A3V 1. */
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_CTLR_EL1), 0x8401);
	th_free(cpu);
}

static void test_eoimode_split(void **state)
{
	(void)state;
	struct cpu *cpu = gic_cpu();
	gic_sysreg_write(cpu, SR_ICC_CTLR_EL1, 2); /* EOImode 1 */
	add_irq(60, 0x20, GIC_G1NS);
	gic_cpuif_update(cpu);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR1_EL1), 60);
	gic_sysreg_write(cpu, SR_ICC_EOIR1_EL1, 60);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_RPR_EL1), 0xff); /* priority dropped */
	assert_true(rd.irq[0].active);                                /* still active */
	gic_sysreg_write(cpu, SR_ICC_DIR_EL1, 60);
	assert_false(rd.irq[0].active);
	th_free(cpu);
}

static void test_dir_with_eoimode0_ignored(void **state)
{
	(void)state;
	struct cpu *cpu = gic_cpu();
	add_irq(61, 0x20, GIC_G1NS);
	gic_cpuif_update(cpu);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IAR1_EL1), 61);
	gic_sysreg_write(cpu, SR_ICC_DIR_EL1, 61); /* UNPREDICTABLE: el2sim ignores it */
	assert_true(rd.irq[0].active);
	/* EOI of a special INTID does nothing, not even the priority drop. */
	gic_sysreg_write(cpu, SR_ICC_EOIR1_EL1, 1023);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_RPR_EL1), 0x20);
	th_free(cpu);
}

static void test_sgi_write(void **state)
{
	(void)state;
	struct cpu *cpu = gic_cpu();
	gic_sysreg_write(cpu, SR_ICC_SGI1R_EL1, 0x0000000005000001ull);
	assert_int_equal(rd.sgi_value, 0x0000000005000001ull);
	assert_int_equal(rd.sgi_group, GIC_G1NS);
	gic_sysreg_write(cpu, SR_ICC_SGI0R_EL1, 0x3000001ull);
	assert_int_equal(rd.sgi_group, GIC_G0);
	th_free(cpu);
}

/* Through MRS/MSR at EL1 (IMO 0: the physical interface). */
static void test_mrs_msr_at_el1(void **state)
{
	(void)state;
	struct cpu *cpu = gic_cpu();
	cpu_pstate_set(cpu, 0x3c5);
	add_irq(45, 0x10, GIC_G1NS);
	gic_cpuif_update(cpu);
	th_exec_ok(cpu, MRS_X1_IAR1);
	assert_int_equal(cpu->x[1], 45);
	cpu->x[2] = 45;
	th_exec_ok(cpu, MSR_EOIR1_X2);
	assert_false(rd.irq[0].active);
	th_free(cpu);
}

/* ICC_IGRPEN1_EL3.EnableGrp1NS and ICC_CTLR_EL3's EL1NS bits alias the EL1 registers. */
static void test_el3_aliases(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu(3);
	gic_sysreg_write(cpu, SR_ICC_IGRPEN1_EL3, 1);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IGRPEN1_EL1), 1);
	gic_sysreg_write(cpu, SR_ICC_IGRPEN1_EL1, 0);
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_IGRPEN1_EL3) & 1, 0);
	gic_sysreg_write(cpu, SR_ICC_CTLR_EL3, 1u << 4); /* EOImode_EL1NS */
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_CTLR_EL1) & 3, 2);
	gic_sysreg_write(cpu, SR_ICC_CTLR_EL1, 1); /* CBPR, EOImode 0 */
	assert_int_equal(gic_sysreg_read(cpu, SR_ICC_CTLR_EL3) & 0x1f, 1u << 1);
	th_free(cpu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_lifecycle),
	        cmocka_unit_test(test_priority_mask),
	        cmocka_unit_test(test_groups),
	        cmocka_unit_test(test_preemption),
	        cmocka_unit_test(test_binary_point),
	        cmocka_unit_test(test_bpr_minimum_and_cbpr),
	        cmocka_unit_test(test_eoimode_split),
	        cmocka_unit_test(test_dir_with_eoimode0_ignored),
	        cmocka_unit_test(test_sgi_write),
	        cmocka_unit_test(test_mrs_msr_at_el1),
	        cmocka_unit_test(test_el3_aliases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
