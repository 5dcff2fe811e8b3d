/*
 * The data-access slow path and the soft TLB: RAM refills, MMIO, external
 * aborts where nothing answers, the Device-memory alignment rule with stage 1
 * off, the PA-size check, and debug access. Syndromes from Arm ARM D19.2
 * (Data Abort ISS: WnR [6], DFSC [5:0]).
 */
#include "harness.h"

#include "mem.h"

#define MMIO_BASE 0x09000000ull

static uint64_t mmio_last_val;
static uint64_t mmio_last_pa;
static unsigned mmio_last_size;

static int fake_read(void *opaque, uint64_t pa, unsigned size, uint64_t *val)
{
	(void)opaque;
	if (pa < MMIO_BASE || pa >= MMIO_BASE + 0x1000)
		return -1;
	mmio_last_pa = pa;
	mmio_last_size = size;
	*val = 0x1122334455667788ull & ones64(8 * size);
	return 0;
}

static int fake_write(void *opaque, uint64_t pa, unsigned size, uint64_t val)
{
	(void)opaque;
	if (pa < MMIO_BASE || pa >= MMIO_BASE + 0x1000)
		return -1;
	mmio_last_pa = pa;
	mmio_last_size = size;
	mmio_last_val = val;
	return 0;
}

static struct cpu *mem_cpu(void)
{
	struct cpu *cpu = th_cpu(1);
	cpu->bus.mmio_read = fake_read;
	cpu->bus.mmio_write = fake_write;
	return cpu;
}

static void test_ram_roundtrip_and_tlb(void **state)
{
	(void)state;
	struct cpu *cpu = mem_cpu();
	uint64_t v = 0;
	assert_int_equal(mem_write(cpu, TH_DATA, 8, 0x0123456789abcdefull, 0), 0);
	assert_int_equal(th_read64(cpu, TH_DATA), 0x0123456789abcdefull);
	assert_int_equal(mem_read(cpu, TH_DATA + 2, 2, &v, 0), 0);
	assert_int_equal(v, 0x89ab); /* little-endian */
	/* The slow path filled the read TLB: the tag is the page. */
	const struct tlb_entry *e = &cpu->tlb[1]->e[TLB_READ][(TH_DATA >> 12) & (TLB_SIZE - 1)];
	assert_int_equal(e->tag, TH_DATA & PAGE_MASK);
	assert_int_equal(mem_read(cpu, TH_DATA + 4, 4, &v, 0), 0);
	assert_int_equal(v, 0x01234567);
	th_free(cpu);
}

static void test_mmio(void **state)
{
	(void)state;
	struct cpu *cpu = mem_cpu();
	uint64_t v;
	assert_int_equal(mem_read(cpu, MMIO_BASE + 0x18, 4, &v, 0), 0);
	assert_int_equal(v, 0x55667788);
	assert_int_equal(mmio_last_size, 4);
	assert_int_equal(mem_write(cpu, MMIO_BASE, 1, 0x41, 0), 0);
	assert_int_equal(mmio_last_val, 0x41);
	assert_int_equal(mmio_last_pa, MMIO_BASE);
	th_free(cpu);
}

/* Nothing at the address: synchronous external abort, DFSC 0b010000, FAR = VA. */
static void test_external_abort(void **state)
{
	(void)state;
	struct cpu *cpu = mem_cpu();
	uint64_t v;
	assert_int_equal(mem_read(cpu, 0x1000, 8, &v, 0), EXEC_EXC);
	assert_int_equal(cpu->exc.esr, 0x96000010); /* EC 0x25 (same EL), IL */
	assert_int_equal(cpu->exc.far, 0x1000);
	assert_true(cpu->exc.far_valid);
	assert_int_equal(cpu->exc.target_el, 1);
	assert_int_equal(mem_write(cpu, 0x1000, 4, 0, 0), EXEC_EXC);
	assert_int_equal(cpu->exc.esr, 0x96000050); /* WnR */
	/* From EL0: EC 0x24. */
	cpu_pstate_set(cpu, 0);
	assert_int_equal(mem_read(cpu, 0x1000, 8, &v, 0), EXEC_EXC);
	assert_int_equal(cpu->exc.esr, 0x92000010);
	th_free(cpu);
}

/* Stage 1 off: Device-nGnRnE, so any misaligned access is an Alignment fault (0b100001). */
static void test_alignment_device(void **state)
{
	(void)state;
	struct cpu *cpu = mem_cpu();
	uint64_t v;
	assert_int_equal(mem_read(cpu, TH_DATA + 1, 2, &v, 0), EXEC_EXC);
	assert_int_equal(cpu->exc.esr, 0x96000021);
	assert_int_equal(cpu->exc.far, TH_DATA + 1);
	assert_int_equal(mem_write(cpu, TH_DATA + 4, 8, 0, 0), EXEC_EXC);
	assert_int_equal(cpu->exc.esr, 0x96000061);
	/* mem_check_align for pair exclusives. */
	assert_int_equal(mem_check_align(cpu, TH_DATA + 8, 16, false), EXEC_EXC);
	assert_int_equal(mem_check_align(cpu, TH_DATA + 16, 16, false), 0);
	th_free(cpu);
}

/* PARange is 40 bits: a larger address is an Address size fault at level 0. */
static void test_address_size(void **state)
{
	(void)state;
	struct cpu *cpu = mem_cpu();
	uint64_t v;
	assert_int_equal(mem_read(cpu, 1ull << 40, 8, &v, 0), EXEC_EXC);
	assert_int_equal(cpu->exc.esr, 0x96000000);
	th_free(cpu);
}

/* SCTLR_EL1.SA: a base SP that is not 16-byte aligned is an SP alignment fault (EC 0x26). */
static void test_sp_alignment(void **state)
{
	(void)state;
	struct cpu *cpu = mem_cpu();
	assert_int_equal(mem_check_sp(cpu, 0x40000008), 0); /* SA is 0 at reset */
	cpu->sr[SR_SCTLR_EL1] |= 1ull << 3;
	assert_int_equal(mem_check_sp(cpu, 0x40000008), EXEC_EXC);
	assert_int_equal(cpu->exc.esr, 0x9a000000);
	assert_false(cpu->exc.far_valid);
	assert_int_equal(mem_check_sp(cpu, 0x40000010), 0);
	/* EL0 uses SA0 [4]. */
	cpu_pstate_set(cpu, 0);
	assert_int_equal(mem_check_sp(cpu, 0x40000008), 0);
	cpu->sr[SR_SCTLR_EL1] |= 1ull << 4;
	assert_int_equal(mem_check_sp(cpu, 0x40000008), EXEC_EXC);
	th_free(cpu);
}

/* A store to a page with decoded instructions drops them and takes the slow path. */
static void test_code_page_write(void **state)
{
	(void)state;
	struct cpu *cpu = mem_cpu();
	uint32_t nop = 0xd503201f;
	th_put_words(cpu, TH_CODE, &nop, 1);
	assert_int_equal(cpu_step(cpu), EXEC_NEXT);
	assert_non_null(cpu->dcache[0]);
	assert_int_equal(mem_write(cpu, TH_CODE + 0x100, 4, 0, 0), 0);
	assert_null(cpu->dcache[0]);
	/* No write-TLB entry was installed for it. */
	const struct tlb_entry *e = &cpu->tlb[1]->e[TLB_WRITE][(TH_CODE >> 12) & (TLB_SIZE - 1)];
	assert_int_not_equal(e->tag, TH_CODE & PAGE_MASK);
	th_free(cpu);
}

static void test_debug_access(void **state)
{
	(void)state;
	struct cpu *cpu = mem_cpu();
	char buf[16] = "hello";
	/* Across a page boundary. */
	assert_int_equal(mem_debug_write(cpu, TH_DATA + 0xffe, buf, 6), 0);
	char out[6];
	assert_int_equal(mem_debug_read(cpu, TH_DATA + 0xffe, out, 6), 0);
	assert_string_equal(out, "hello");
	/* Past the end of RAM, or not RAM at all: -1, nothing copied. */
	memcpy(out, "XXXXX", 6);
	assert_int_equal(mem_debug_read(cpu, TH_RAM_BASE + TH_RAM_SIZE - 2, out, 4), -1);
	assert_int_equal(mem_debug_read(cpu, MMIO_BASE, out, 4), -1);
	assert_int_equal(mem_debug_read(cpu, ~0ull - 1, out, 4), -1);
	assert_string_equal(out, "XXXXX");
	th_free(cpu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_ram_roundtrip_and_tlb),
	        cmocka_unit_test(test_mmio),
	        cmocka_unit_test(test_external_abort),
	        cmocka_unit_test(test_alignment_device),
	        cmocka_unit_test(test_address_size),
	        cmocka_unit_test(test_sp_alignment),
	        cmocka_unit_test(test_code_page_write),
	        cmocka_unit_test(test_debug_access),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
