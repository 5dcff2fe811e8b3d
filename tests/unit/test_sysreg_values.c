/*
 * System register values and side effects the table alone cannot express,
 * each against the Arm ARM field text named beside it (D19.2 register
 * descriptions). Traps are in test_traps.c; the table's invariants in
 * test_sysregs.c.
 */
#include "harness.h"

#define EL1H 0x3c5ull
#define EL2H 0x3c9ull

/* OSLAR_EL1.OSLK [0] writes set and clear OSLSR_EL1.OSLK [1]; OSLM reads 0b10 (bits [3,0]). */
static void test_os_lock(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	cpu->x[1] = 0;
	th_exec_ok(cpu, 0xd5101081); /* msr oslar_el1, x1 */
	th_exec_ok(cpu, 0xd5301182); /* mrs x2, oslsr_el1 */
	assert_int_equal(cpu->x[2], 0x8);
	cpu->x[1] = 1;
	th_exec_ok(cpu, 0xd5101081);
	th_exec_ok(cpu, 0xd5301182);
	assert_int_equal(cpu->x[2], 0xa);
	th_free(cpu);
}

/* PMCNTENSET_EL0/PMCNTENCLR_EL0: one enable state; writes of 1 set or clear, 0 has no effect. */
static void test_pmu_set_clr(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	cpu->x[3] = 1ull << 31;      /* C: the cycle counter, the only counter (PMCR_EL0.N = 0) */
	th_exec_ok(cpu, 0xd51b9c23); /* msr pmcntenset_el0, x3 */
	cpu->x[3] = 0;
	th_exec_ok(cpu, 0xd51b9c23); /* writing 0 changes nothing */
	th_exec_ok(cpu, 0xd53b9c45); /* mrs x5, pmcntenclr_el0 */
	assert_int_equal(cpu->x[5], 1ull << 31);
	cpu->x[4] = 1ull << 31;
	th_exec_ok(cpu, 0xd51b9c44); /* msr pmcntenclr_el0, x4 */
	th_exec_ok(cpu, 0xd53b9c45);
	assert_int_equal(cpu->x[5], 0);
	th_free(cpu);
}

/* CNTFRQ_EL0 is writable only at the highest implemented EL; elsewhere MSR is UNDEFINED. */
static void test_cntfrq(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(2, EL1H);
	th_exec_ok(cpu, 0xd53be007); /* mrs x7, cntfrq_el0 */
	assert_int_equal(cpu->x[7], 100000000);
	cpu->x[6] = 24000000;
	th_exec_undef(cpu, 0xd51be006); /* msr cntfrq_el0, x6 at EL1 */
	cpu_pstate_set(cpu, EL2H);
	th_exec_ok(cpu, 0xd51be006);
	th_exec_ok(cpu, 0xd53be007);
	assert_int_equal(cpu->x[7], 24000000);
	th_free(cpu);
}

/* CNTPCT_EL0 is the system counter; CNTVCT_EL0 = CNTPCT_EL0 - CNTVOFF_EL2. */
static void test_counters(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(2, EL1H);
	cpu->icount = 5000;
	cpu->idle_ticks = 700;
	cpu->sr[SR_CNTVOFF_EL2] = 200;
	th_exec_ok(cpu, 0xd53be029); /* mrs x9, cntpct_el0 */
	assert_int_equal(cpu->x[9], 5700);
	th_exec_ok(cpu, 0xd53be048); /* mrs x8, cntvct_el0: one instruction later */
	assert_int_equal(cpu->x[8], 5701 - 200);
	th_free(cpu);
}

/* MIDR_EL1/MPIDR_EL1 read at EL1 with EL2 enabled return VPIDR_EL2/VMPIDR_EL2. */
static void test_virtual_ids(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(2, EL1H);
	cpu->sr[SR_VPIDR_EL2] = 0x410fd034;
	cpu->sr[SR_VMPIDR_EL2] = 0x80000101;
	th_exec_ok(cpu, 0xd538000a); /* mrs x10, midr_el1 */
	th_exec_ok(cpu, 0xd53800ab); /* mrs x11, mpidr_el1 */
	assert_int_equal(cpu->x[10], 0x410fd034);
	assert_int_equal(cpu->x[11], 0x80000101);
	cpu_pstate_set(cpu, EL2H); /* at EL2: the real ones */
	th_exec_ok(cpu, 0xd538000a);
	/* Implementer 0x00, Architecture 0xf, PartNum 0xe25 (docs/sysregs.md). */
	assert_int_equal(cpu->x[10], 0x000fe250);
	th_free(cpu);
}

/* HCR_EL2.HCD [29] is RES0 when EL3 is implemented; RW [31] is RAO/WI without AArch32. */
static void test_hcr_res_bits(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(3, EL2H);
	cpu->x[12] = 1ull << 29;
	th_exec_ok(cpu, 0xd51c110c); /* msr hcr_el2, x12 */
	assert_int_equal(cpu->sr[SR_HCR_EL2] & (1ull << 29), 0);
	assert_true(cpu->sr[SR_HCR_EL2] & (1ull << 31));
	th_free(cpu);
	cpu = th_cpu_at(2, EL2H); /* no EL3: HCD is writable */
	cpu->x[12] = 1ull << 29;
	th_exec_ok(cpu, 0xd51c110c);
	assert_true(cpu->sr[SR_HCR_EL2] & (1ull << 29));
	th_free(cpu);
}

/* VBAR_ELx [10:0] are RES0. */
static void test_vbar_res0(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	cpu->x[15] = 0x40010fff;
	th_exec_ok(cpu, 0xd518c00f); /* msr vbar_el1, x15 */
	th_exec_ok(cpu, 0xd538c010); /* mrs x16, vbar_el1 */
	assert_int_equal(cpu->x[16], 0x40010800);
	th_free(cpu);
}

/* HCR_EL2.TIDCP traps EL1 access to the IMPLEMENTATION DEFINED space before it is UNDEFINED. */
static void test_tidcp(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(2, EL1H);
	th_exec_undef(cpu, 0xd538f00e); /* mrs x14, s3_0_c15_c0_0 */
	cpu->sr[SR_HCR_EL2] |= 1ull << 20;
	/* EC 0x18: Op0 3, Op2 0, Op1 0, CRn 15, Rt 14, CRm 0, read */
	assert_int_equal(th_exec_fault(cpu, 0xd538f00e, 2, 0x18),
	                 0x62000000 | 0x300000 | (15u << 10) | (14u << 5) | 1);
	assert_string_equal(cpu->exc.cause, "HCR_EL2.TIDCP");
	th_free(cpu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_os_lock),     cmocka_unit_test(test_pmu_set_clr),
	        cmocka_unit_test(test_cntfrq),      cmocka_unit_test(test_counters),
	        cmocka_unit_test(test_virtual_ids), cmocka_unit_test(test_hcr_res_bits),
	        cmocka_unit_test(test_vbar_res0),   cmocka_unit_test(test_tidcp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
