/*
 * The run loop (cpu/run.c) end to end through cpu_run: what its fast path
 * may not change. Each test runs twice, with the decode cache and in the
 * reference mode that decodes every instruction each time (cpu->no_dcache,
 * --no-cache), and must give the same, exact results in both.
 *
 * Instruction words are aarch64-linux-gnu-as output (asm in the comments).
 * Counts follow from the programs: every retired instruction counts once;
 * an instruction that takes a synchronous exception (BRK) does not retire,
 * SVC/HVC do (Arm ARM D1, "Exceptions", "Preferred exception return
 * address": for an exception generating instruction that is executed, the
 * instruction that follows it, so ELR = the next instruction for HVC; for
 * other synchronous exceptions, the instruction itself, as for BRK). BRK is
 * EC 0x3C, HVC from AArch64 EC 0x16 (the EC table of D19.2 "ESR_EL1,
 * Exception Syndrome Register (EL1)").
 */
#include "harness.h"

#define B_SELF 0x14000000u /* b . */
#define NOP    0xd503201fu

/* Sync exception from the current EL with SP_ELx: vector offset 0x200; from a lower EL: 0x400. */
#define VEC_CUR_SPX 0x200
#define VEC_LOWER   0x400

static void run_until(struct cpu *cpu, uint64_t limit)
{
	cpu->insn_limit = limit;
	assert_int_equal(cpu_run(cpu), STOP_INSN_LIMIT);
	assert_int_equal(cpu->icount, limit);
}

/* mov x0, #1000; 1: subs x0, x0, #1; b.ne 1b; brk #1: 1 + 2 * 1000 retired, then BRK. */
static void loop_count(bool no_dcache)
{
	static const uint32_t prog[] = {0xd2807d00, 0xf1000400, 0x54ffffe1, 0xd4200020};
	struct cpu *cpu = th_cpu_at(1, 0x3c5); /* EL1h, DAIF masked */
	cpu->no_dcache = no_dcache;
	th_put_words(cpu, TH_CODE, prog, 4);
	th_put_words(cpu, TH_VBAR1 + VEC_CUR_SPX, (const uint32_t[]){B_SELF}, 1);
	run_until(cpu, 2001 + 5); /* then five b . in the vector */
	assert_int_equal(x_read(cpu, 0), 0);
	assert_int_equal(cpu->pc, TH_VBAR1 + VEC_CUR_SPX);
	assert_int_equal(th_esr_ec(cpu, 1), 0x3c);
	assert_int_equal(cpu->sr[SR_ELR_EL1], TH_CODE + 0xc);
	th_free(cpu);
}

/*
 * adr x1, 2f; ldr w2, 3f; str w2, [x1]; 2: mov x0, #1; brk #2; 3: .word
 * "mov x0, #2". The store rewrites the next instruction of the page being
 * run: the new one must run (B2.2.5 "Concurrent modification and execution
 * of instructions" needs no cache maintenance for el2sim's coherent model;
 * docs/architecture.md).
 */
static void self_modifying(bool no_dcache)
{
	static const uint32_t prog[] = {0x10000061, 0x18000082, 0xb9000022,
	                                0xd2800020, 0xd4200040, 0xd2800040};
	struct cpu *cpu = th_cpu_at(1, 0x3c5);
	cpu->no_dcache = no_dcache;
	th_put_words(cpu, TH_CODE, prog, 6);
	th_put_words(cpu, TH_VBAR1 + VEC_CUR_SPX, (const uint32_t[]){B_SELF}, 1);
	run_until(cpu, 4 + 1); /* adr, ldr, str, the new mov; then one b . */
	assert_int_equal(x_read(cpu, 0), 2);
	assert_int_equal(cpu->sr[SR_ELR_EL1], TH_CODE + 0x10);
	assert_int_equal(th_esr_ec(cpu, 1), 0x3c);
	th_free(cpu);
}

/*
 * At EL1: mov x0, #100; 4: hvc #0; subs x0, x0, #1; b.ne 4b; brk #3; the
 * EL2 vector for a lower EL: eret. A round trip retires hvc, eret, subs
 * and b.ne: 1 + 4 * 100 in all, then BRK to EL1.
 */
static const uint32_t hvc_prog[] = {0xd2800c80, 0xd4000002, 0xf1000400, 0x54ffffc1, 0xd4200060};

static struct cpu *hvc_cpu(bool no_dcache)
{
	struct cpu *cpu = th_cpu_at(2, 0x3c5); /* EL1h, EL2 implemented */
	cpu->no_dcache = no_dcache;
	th_put_words(cpu, TH_CODE, hvc_prog, 5);
	th_put_words(cpu, TH_VBAR2 + VEC_LOWER, (const uint32_t[]){0xd69f03e0}, 1); /* eret */
	th_put_words(cpu, TH_VBAR1 + VEC_CUR_SPX, (const uint32_t[]){B_SELF}, 1);
	return cpu;
}

static void hvc_round_trips(bool no_dcache)
{
	struct cpu *cpu = hvc_cpu(no_dcache);
	run_until(cpu, 401 + 3);
	assert_int_equal(x_read(cpu, 0), 0);
	assert_int_equal(cpu->el, 1);
	assert_int_equal(cpu->pc, TH_VBAR1 + VEC_CUR_SPX);
	assert_int_equal(th_esr_ec(cpu, 1), 0x3c);
	assert_int_equal(cpu->sr[SR_ELR_EL1], TH_CODE + 0x10);
	assert_int_equal(th_esr_ec(cpu, 2), 0x16);
	assert_int_equal(cpu->sr[SR_ELR_EL2], TH_CODE + 0x8); /* after the last HVC */
	th_free(cpu);
}

/* The instruction budget is exact inside the loop too: stop right after the 51st HVC retired. */
static void budget_mid_exception(bool no_dcache)
{
	struct cpu *cpu = hvc_cpu(no_dcache);
	run_until(cpu, 1 + 4 * 50 + 1);
	assert_int_equal(cpu->el, 2);
	assert_int_equal(cpu->pc, TH_VBAR2 + VEC_LOWER);
	assert_int_equal(x_read(cpu, 0), 50);
	/* And it goes on from there as if never stopped. */
	run_until(cpu, 401 + 3);
	assert_int_equal(x_read(cpu, 0), 0);
	assert_int_equal(cpu->pc, TH_VBAR1 + VEC_CUR_SPX);
	th_free(cpu);
}

/*
 * The budget ends between the SUBS and the B.NE that follows it (a pair the
 * decode cache fuses, cpu/fuse.h): after mov and k iterations, one SUBS
 * more; PC at the B.NE, X0 counted down once more. Then on to the end.
 */
static void budget_mid_pair(bool no_dcache)
{
	static const uint32_t prog[] = {0xd2807d00, 0xf1000400, 0x54ffffe1, 0xd4200020};
	struct cpu *cpu = th_cpu_at(1, 0x3c5);
	cpu->no_dcache = no_dcache;
	th_put_words(cpu, TH_CODE, prog, 4);
	th_put_words(cpu, TH_VBAR1 + VEC_CUR_SPX, (const uint32_t[]){B_SELF}, 1);
	for (unsigned k = 0; k < 3; k++) {
		run_until(cpu, 1 + 2 * 10 * k + 1); /* 10k iterations and a SUBS */
		assert_int_equal(cpu->pc, TH_CODE + 8);
		assert_int_equal(x_read(cpu, 0), 1000 - 10 * k - 1);
		run_until(cpu,
		          1 + 2 * 10 * (k + 1)); /* then exactly to the next iteration's start */
		assert_int_equal(cpu->pc, TH_CODE + 4);
	}
	run_until(cpu, 2001 + 1);
	assert_int_equal(x_read(cpu, 0), 0);
	assert_int_equal(cpu->pc, TH_VBAR1 + VEC_CUR_SPX);
	/* Single steps split the pair too: SUBS alone, then the B.NE. */
	cpu_pstate_set(cpu, 0x3c5);
	cpu->pc = TH_CODE + 4;
	x_write(cpu, 0, 2);
	uint64_t n = cpu->icount;
	assert_int_equal(cpu_step(cpu), EXEC_NEXT);
	assert_int_equal(cpu->pc, TH_CODE + 8);
	assert_int_equal(cpu->icount, n + 1);
	assert_int_equal(cpu_step(cpu), EXEC_BRANCH);
	assert_int_equal(cpu->pc, TH_CODE + 4);
	assert_int_equal(cpu->icount, n + 2);
	th_free(cpu);
}

/* Sequential code across a page boundary: four NOPs at 0xff8..0x1004, then b . */
static void page_crossing(bool no_dcache)
{
	struct cpu *cpu = th_cpu_at(1, 0x3c5);
	cpu->no_dcache = no_dcache;
	static const uint32_t prog[] = {NOP, NOP, NOP, NOP, B_SELF};
	th_put_words(cpu, TH_CODE + 0xff8, prog, 5);
	cpu->pc = TH_CODE + 0xff8;
	run_until(cpu, 4 + 2);
	assert_int_equal(cpu->pc, TH_CODE + 0x1008);
	th_free(cpu);
}

static void both(void (*f)(bool))
{
	f(false);
	f(true);
}

static void test_loop_count(void **state)
{
	(void)state;
	both(loop_count);
}

static void test_self_modifying(void **state)
{
	(void)state;
	both(self_modifying);
}

static void test_hvc_round_trips(void **state)
{
	(void)state;
	both(hvc_round_trips);
}

static void test_budget_mid_exception(void **state)
{
	(void)state;
	both(budget_mid_exception);
}

static void test_budget_mid_pair(void **state)
{
	(void)state;
	both(budget_mid_pair);
}

static void test_page_crossing(void **state)
{
	(void)state;
	both(page_crossing);
}

/*
 * The loop follows in-page branches without fetching, so a write that can
 * change the PC's translation must end the slice (cpu/tlb.c tlb_refetch):
 * msr sctlr_el1, x0 with a new value does; the same value does not.
 */
static void test_translation_write_ends_slice(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, 0x3c5);
	uint64_t sctlr = cpu->sr[SR_SCTLR_EL1];
	x_write(cpu, 0, sctlr);
	cpu->slice_end = UINT64_MAX;
	th_exec_ok(cpu, 0xd5181000); /* msr sctlr_el1, x0 */
	assert_int_equal(cpu->slice_end, UINT64_MAX);
	x_write(cpu, 0, sctlr ^ (1ull << 3)); /* SA */
	th_exec_ok(cpu, 0xd5181000);
	assert_int_equal(cpu->slice_end, 0);
	th_free(cpu);
}

/*
 * At EL2, EL2's own translation matters, not EL1's: msr sctlr_el1, x0 with
 * a new value leaves the slice alone (the ERET back to EL1 fetches again),
 * msr sctlr_el2, x0 with a new value ends it.
 */
static void test_translation_write_other_regime(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(2, 0x3c9); /* EL2h */
	x_write(cpu, 0, cpu->sr[SR_SCTLR_EL1] ^ (1ull << 3));
	cpu->slice_end = UINT64_MAX;
	th_exec_ok(cpu, 0xd5181000); /* msr sctlr_el1, x0 */
	assert_int_equal(cpu->slice_end, UINT64_MAX);
	x_write(cpu, 0, cpu->sr[SR_SCTLR_EL2] ^ (1ull << 3));
	th_exec_ok(cpu, 0xd51c1000); /* msr sctlr_el2, x0 */
	assert_int_equal(cpu->slice_end, 0);
	th_free(cpu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_loop_count),
	        cmocka_unit_test(test_self_modifying),
	        cmocka_unit_test(test_hvc_round_trips),
	        cmocka_unit_test(test_budget_mid_exception),
	        cmocka_unit_test(test_budget_mid_pair),
	        cmocka_unit_test(test_page_crossing),
	        cmocka_unit_test(test_translation_write_ends_slice),
	        cmocka_unit_test(test_translation_write_other_regime),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
