/*
 * The syndrome decoder of the trace. Each ESR is built by hand from the
 * Arm ARM's ESR_ELx layout (D19.2: EC [31:26], IL [25], ISS [24:0] with the
 * per-class ISS encodings), and the expected text names those fields.
 */
#include "harness.h"

#include "esr_fmt.h"

static void expect(uint64_t esr, const char *want)
{
	char buf[200];
	esr_describe(esr, buf, sizeof(buf));
	print_message("ESR 0x%llx -> '%s'\n", (unsigned long long)esr, buf);
	assert_string_equal(buf, want);
}

static void test_calls_and_brk(void **state)
{
	(void)state;
	expect(0x5a000001, "imm=0x1");     /* EC 0x16 HVC64, imm16 1 */
	expect(0x56001234, "imm=0x1234");  /* EC 0x15 SVC64 */
	expect(0x5e000042, "imm=0x42");    /* EC 0x17 SMC64 */
	expect(0xf2000007, "comment=0x7"); /* EC 0x3c BRK64 */
	expect(0x02000000, "");            /* EC 0x00: no ISS */
	expect(0x07e00000, "TI=WFI");      /* EC 0x01, CV=1 COND=0xe, TI 0 */
	expect(0x07e00001, "TI=WFE");      /* TI 1 */
}

/* EC 0x18: Op0 [21:20], Op2 [19:17], Op1 [16:14], CRn [13:10], Rt [9:5], CRm [4:1], Dir [0]. */
static void test_sysreg(void **state)
{
	(void)state;
	/* MRS X9, DAIF: op0 3, op1 3, CRn 4, CRm 2, op2 1, Rt 9, read */
	expect(0x62000000 | 0x300000 | 0x20000 | 0xc000 | 0x1000 | 0x120 | 0x4 | 0x1,
	       "MRS X9, DAIF");
	/* MSR SCTLR_EL1, X0: op0 3, op1 0, CRn 1, CRm 0, op2 0, Rt 0, write */
	expect(0x62000000 | 0x300000 | (1u << 10), "MSR SCTLR_EL1, X0");
	/* MRS XZR, S3_0_C15_C15_7 (no such register) */
	expect(0x62000000 | 0x300000 | (7u << 17) | (15u << 10) | (31u << 5) | (15u << 1) | 1,
	       "MRS XZR, S3_0_C15_C15_7");
}

/* EC 0x24/0x25: ISV [24], SAS [23:22], SSE [21], SRT [20:16], SF [15], AR [14],
 * FnV [10], EA [9], CM [8], S1PTW [7], WnR [6], DFSC [5:0]. */
static void test_aborts(void **state)
{
	(void)state;
	expect(0x96000061, "DFSC=0x21 (alignment fault) WnR=1 ISV=0 S1PTW=0 CM=0 EA=0 FnV=0");
	/* lower EL, ISV=1 SAS=2 SRT=3, WnR, translation fault level 3 */
	expect(0x92000000 | (1u << 24) | (2u << 22) | (3u << 16) | 0x40 | 0x07,
	       "DFSC=0x07 (translation fault, level 3) WnR=1 ISV=1 SAS=2 SSE=0 SRT=3 SF=0 AR=0 "
	       "S1PTW=0 CM=0 EA=0 FnV=0");
	/* instruction abort, same EL, synchronous external abort */
	expect(0x86000010, "IFSC=0x10 (synchronous external abort) S1PTW=0 EA=0 FnV=0");
	/* stage-2 fault on a stage-1 walk: S1PTW, permission fault level 2 */
	expect(0x82000000 | 0x80 | 0x0e,
	       "IFSC=0x0e (permission fault, level 2) S1PTW=1 EA=0 FnV=0");
}

static void test_serror(void **state)
{
	(void)state;
	expect(0xbe000011, "IDS=0 AET=0 EA=0 DFSC=0x11 (asynchronous SError interrupt)");
	expect(0xbf000123, "IDS=1 ISS=0x000123");
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(esr_vector_slot_name(0x400), "Lower EL using AArch64, Synchronous");
	assert_string_equal(esr_vector_slot_name(0x280), "Current EL with SP_ELx, IRQ");
	assert_string_equal(esr_vector_slot_name(0x180), "Current EL with SP_EL0, SError");
	assert_string_equal(esr_vector_slot_name(0x404), "not a vector slot");
	assert_string_equal(esr_fsc_name(0x04), "translation fault, level 0");
	assert_string_equal(esr_fsc_name(0x0b), "access flag fault, level 3");
	assert_string_equal(esr_fsc_name(0x15),
	                    "external abort on translation table walk, level 1");
	assert_string_equal(esr_fsc_name(0x3f), "reserved");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_calls_and_brk), cmocka_unit_test(test_sysreg),
	        cmocka_unit_test(test_aborts),        cmocka_unit_test(test_serror),
	        cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
