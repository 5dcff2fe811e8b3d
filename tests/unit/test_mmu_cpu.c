/*
 * The MMU seen from instructions: stage 1 on at EL1, its faults as data
 * aborts, misaligned Normal vs Device accesses, TLB maintenance, and
 * stage 2 with the syndrome a hypervisor uses to emulate MMIO. Tables are
 * built by hand in guest RAM (Arm ARM D8: 4K granule, VMSAv8-64 descriptor
 * formats); expected syndromes from D19.2 ESR_ELx (Data Abort ISS).
 */
#include "harness.h"

#include "tlb.h"

#define EL1H 0x3c5ull

/* Tables in the top of the harness RAM. */
#define S1_L1 (TH_RAM_BASE + 0xf0000)
#define S1_L2 (TH_RAM_BASE + 0xf1000)
#define S1_L3 (TH_RAM_BASE + 0xf2000)
#define S2_L1 (TH_RAM_BASE + 0xf4000)
#define S2_L2 (TH_RAM_BASE + 0xf5000)
#define S2_L3 (TH_RAM_BASE + 0xf6000)

/* 4K descriptors: table, and page with AF [10], SH [9:8] inner, AP [7:6], AttrIndx [4:2]. */
#define TABLE(pa) ((pa) | 3)
#define PAGE(pa, ap, ai) \
	((pa) | (1ull << 10) | (3ull << 8) | ((uint64_t)(ap) << 6) | ((ai) << 2) | 3)
#define AP_RW_EL1  0 /* AP[2:1] = 00: EL1 read/write, EL0 none */
#define AP_RO_EL1  2 /* 10: EL1 read-only */
/* Stage 2 page: AF, SH, S2AP [7:6] = 11 read/write, MemAttr [5:2] = 1111 Normal WB. */
#define S2PAGE(pa) ((pa) | (1ull << 10) | (3ull << 8) | (3ull << 6) | (0xfull << 2) | 3)

/* VA 0x4000_0000-0x401f_ffff: L1 index 1, L2 index 0, L3 index = page. */
#define ALIAS_VA  (TH_RAM_BASE + 0x100000) /* L3 index 256 -> TH_DATA */
#define HOLE_VA   (TH_RAM_BASE + 0x12c000) /* L3 index 300: invalid */
#define RO_VA     (TH_RAM_BASE + 0x101000) /* L3 index 257: read-only -> TH_DATA */
#define DEVICE_VA (TH_RAM_BASE + 0x102000) /* L3 index 258: Device -> TH_DATA */

static void put(struct cpu *cpu, uint64_t pa, uint64_t v)
{
	th_write64(cpu, pa, v);
}

/*
 * Stage 1 for EL1&0: 4K granule, T0SZ 25 (39-bit VA, start level 1), EPD1,
 * IPS 40 bits; MAIR attr0 Normal WB (0xff), attr1 Device-nGnRnE (0x00);
 * RAM identity-mapped, plus the alias, read-only and Device pages.
 */
static void stage1_on(struct cpu *cpu)
{
	put(cpu, S1_L1 + 8 * 1, TABLE(S1_L2));
	put(cpu, S1_L2 + 8 * 0, TABLE(S1_L3));
	for (uint64_t i = 0; i < TH_RAM_SIZE / 4096; i++)
		put(cpu, S1_L3 + 8 * i, PAGE(TH_RAM_BASE + 4096 * i, AP_RW_EL1, 0));
	put(cpu, S1_L3 + 8 * 256, PAGE(TH_DATA, AP_RW_EL1, 0));
	put(cpu, S1_L3 + 8 * 257, PAGE(TH_DATA, AP_RO_EL1, 0));
	put(cpu, S1_L3 + 8 * 258, PAGE(TH_DATA, AP_RW_EL1, 1));
	cpu->sr[SR_MAIR_EL1] = 0x00ff;
	cpu->sr[SR_TCR_EL1] =
	        25 | (1ull << 8) | (1ull << 10) | (3ull << 12) | (1ull << 23) | (2ull << 32);
	cpu->sr[SR_TTBR0_EL1] = S1_L1;
	cpu->sr[SR_SCTLR_EL1] |= 1; /* M */
	cpu_tlb_flush(cpu);
}

/* Stage 2: 4K, T0SZ 25, SL0 1 (start level 1), PS 40 bits; RAM identity but one hole. */
static void stage2_on(struct cpu *cpu, uint64_t hole_ipa)
{
	put(cpu, S2_L1 + 8 * 1, TABLE(S2_L2));
	put(cpu, S2_L2 + 8 * 0, TABLE(S2_L3));
	for (uint64_t i = 0; i < 512; i++) {
		uint64_t ipa = TH_RAM_BASE + 4096 * i;
		put(cpu, S2_L3 + 8 * i, ipa == hole_ipa || i >= 256 ? 0 : S2PAGE(ipa));
	}
	cpu->sr[SR_VTCR_EL2] = 25 | (1ull << 6) | (1ull << 8) | (1ull << 10) | (3ull << 12) |
	                       (2ull << 16) | (1ull << 31);
	cpu->sr[SR_VTTBR_EL2] = S2_L1;
	cpu->sr[SR_HCR_EL2] |= 1; /* VM */
	cpu_tlb_flush(cpu);
}

static void test_stage1_translates(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	stage1_on(cpu);
	th_write64(cpu, TH_DATA, 0x1122334455667788ull);
	cpu->x[1] = ALIAS_VA;
	th_exec_ok(cpu, 0xb9400023); /* ldr w3, [x1]: fetched through stage 1 too */
	assert_int_equal(cpu->x[3], 0x55667788);
	th_free(cpu);
}

/*
 * A register-offset load is a privileged access: it reads a page EL0 may
 * not (AP 00). Regression: the extend option once leaked into the memory
 * flags and made it an unprivileged (LDTR-like), alignment-checked access.
 */
static void test_register_offset_is_privileged(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	stage1_on(cpu);
	th_write64(cpu, TH_DATA + 0x18, 0xfeedface12345678ull);
	cpu->x[4] = ALIAS_VA;
	cpu->x[0] = 0x18;
	th_exec_ok(cpu, 0xf8606882); /* ldr x2, [x4, x0] */
	assert_int_equal(cpu->x[2], 0xfeedface12345678ull);
	th_free(cpu);
}

/* Translation fault, level 3: DFSC 0b000111, EC 0x25 at EL1, FAR = VA. */
static void test_stage1_translation_fault(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	stage1_on(cpu);
	cpu->x[1] = HOLE_VA;
	assert_int_equal(th_exec_fault(cpu, 0xb9400023, 1, 0x25), 0x96000007);
	assert_int_equal(cpu->sr[SR_FAR_EL1], HOLE_VA);
	th_free(cpu);
}

/* Permission fault, level 3, on a write to a read-only page: DFSC 0b001111, WnR. */
static void test_stage1_permission_fault(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	stage1_on(cpu);
	cpu->x[1] = RO_VA;
	th_exec_ok(cpu, 0xb9400023); /* reading is allowed */
	assert_int_equal(th_exec_fault(cpu, 0xf9000425, 1, 0x25),
	                 0x9600004f); /* str x5, [x1, #8] */
	assert_int_equal(cpu->sr[SR_FAR_EL1], RO_VA + 8);
	th_free(cpu);
}

/* With stage 1 on, an unaligned access to Normal memory works; to Device memory it faults. */
static void test_alignment_by_memory_type(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	stage1_on(cpu);
	th_write64(cpu, TH_DATA, 0x1122334455667788ull);
	th_write64(cpu, TH_DATA + 8, 0x99aabbccddeeff00ull);
	cpu->x[1] = ALIAS_VA;
	th_exec_ok(cpu, 0xf8401024); /* ldur x4, [x1, #1] */
	assert_int_equal(cpu->x[4], 0x0011223344556677ull);
	cpu->x[1] = DEVICE_VA;
	assert_int_equal(th_exec_fault(cpu, 0xf8401024, 1, 0x25), 0x96000021);
	th_free(cpu);
}

/* A stale translation never survives its TLBI. */
static void test_tlbi(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	stage1_on(cpu);
	th_write64(cpu, TH_DATA, 1);
	th_write64(cpu, TH_DATA + 0x1000, 2);
	cpu->x[1] = ALIAS_VA;
	th_exec_ok(cpu, 0xb9400023);
	assert_int_equal(cpu->x[3], 1);
	put(cpu, S1_L3 + 8 * 256, PAGE(TH_DATA + 0x1000, AP_RW_EL1, 0)); /* remap */
	th_exec_ok(cpu, 0xd508871f);                                     /* tlbi vmalle1 */
	th_exec_ok(cpu, 0xb9400023);
	assert_int_equal(cpu->x[3], 2);
	th_free(cpu);
}

/*
 * Stage 2 fault on a single load from EL1: to EL2, EC 0x24, ISV 1, SAS 2
 * (word), SSE 0, SRT 3, SF 0, WnR 0, DFSC translation level 3; FAR_EL2 =
 * VA, HPFAR_EL2 = IPA[47:12] << 4.
 */
static void test_stage2_mmio_syndrome(void **state)
{
	(void)state;
	uint64_t hole = TH_RAM_BASE + 0x80000; /* = TH_DATA */
	struct cpu *cpu = th_cpu_at(2, EL1H);
	stage2_on(cpu, hole);
	cpu->x[1] = hole;
	assert_int_equal(th_exec_fault(cpu, 0xb9400023, 2, 0x24),
	                 0x92000000 | (1u << 24) | (2u << 22) | (3u << 16) | 0x07);
	assert_int_equal(cpu->sr[SR_FAR_EL2], hole);
	assert_int_equal(cpu->sr[SR_HPFAR_EL2], (hole >> 12) << 4);
	/* A 64-bit store: SAS 3, SRT 5, SF 1, WnR 1. */
	assert_int_equal(th_exec_fault(cpu, 0xf9000425, 2, 0x24), 0x92000000 | (1u << 24) |
	                                                                  (3u << 22) | (5u << 16) |
	                                                                  (1u << 15) | 0x40 | 0x07);
	/* LDRSH X6: SAS 1, SSE 1, SF 1. */
	assert_int_equal(th_exec_fault(cpu, 0x79800026, 2, 0x24),
	                 0x92000000 | (1u << 24) | (1u << 22) | (1u << 21) | (6u << 16) |
	                         (1u << 15) | 0x07);
	/* A pair: ISV 0. */
	assert_int_equal(th_exec_fault(cpu, 0xa9400c22, 2, 0x24), 0x92000007);
	/* LDAR W3 and STLR X5 have acquire/release semantics: AR [14] 1. */
	assert_int_equal(th_exec_fault(cpu, 0x88dffc23, 2, 0x24),
	                 0x92000000 | (1u << 24) | (2u << 22) | (3u << 16) | (1u << 14) | 0x07);
	assert_int_equal(th_exec_fault(cpu, 0xc89ffc25, 2, 0x24),
	                 0x92000000 | (1u << 24) | (3u << 22) | (5u << 16) | (1u << 15) |
	                         (1u << 14) | 0x40 | 0x07);
	th_free(cpu);
}

/* Stage 2 fault on a stage-1 table walk: S1PTW 1, WnR 0, HPFAR = the table's IPA. */
static void test_stage2_on_stage1_walk(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(2, EL1H);
	stage1_on(cpu);
	stage2_on(cpu, S1_L3); /* the stage-1 level 3 table is not mapped at stage 2 */
	cpu->x[1] = ALIAS_VA;
	cpu->pc = TH_CODE;
	/* The fetch itself walks through S1_L3 first: an instruction abort, EC 0x20, S1PTW. */
	uint32_t ldr = 0xb9400023;
	th_put_words(cpu, TH_CODE, &ldr, 1);
	assert_int_equal(cpu_step(cpu), EXEC_EXC);
	assert_int_equal(cpu->el, 2);
	assert_int_equal(cpu->sr[SR_ESR_EL2], 0x82000000 | 0x80 | 0x07);
	assert_int_equal(cpu->sr[SR_HPFAR_EL2], (S1_L3 >> 12) << 4);
	th_free(cpu);
}

/* DC ZVA zeroes its 64-byte block in Normal memory; on Device memory it is an Alignment fault. */
static void test_dc_zva(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	stage1_on(cpu);
	for (unsigned i = 0; i < 12; i++)
		th_write64(cpu, TH_DATA - 16 + 8 * i, 0x1111111111111111ull);
	cpu->x[13] = ALIAS_VA + 0x23; /* -> TH_DATA + 0x23, anywhere in the block */
	th_exec_ok(cpu, 0xd50b742d);  /* dc zva, x13 */
	assert_int_equal(th_read64(cpu, TH_DATA - 8), 0x1111111111111111ull);
	for (unsigned i = 0; i < 8; i++)
		assert_int_equal(th_read64(cpu, TH_DATA + 8 * i), 0);
	assert_int_equal(th_read64(cpu, TH_DATA + 64), 0x1111111111111111ull);
	cpu->x[13] = DEVICE_VA;
	assert_int_equal(th_exec_fault(cpu, 0xd50b742d, 1, 0x25), 0x96000061);
	th_free(cpu);
}

/*
 * AT S1E1R/W write PAR_EL1 (D19.2): success = ATTR [63:56] | PA [47:12] |
 * NS [9] | SH [8:7] | RES1 [11]; fault = RES1 [11] | FST [6:1] | F [0].
 */
static void test_at(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	stage1_on(cpu);
	cpu->x[1] = ALIAS_VA + 0x123;
	th_exec_ok(cpu, 0xd5087801); /* at s1e1r, x1 */
	assert_int_equal(cpu->sr[SR_PAR_EL1],
	                 (0xffull << 56) | TH_DATA | (1u << 11) | (1u << 9) | (3u << 7));
	cpu->x[1] = HOLE_VA;
	th_exec_ok(cpu, 0xd5087801);
	assert_int_equal(cpu->sr[SR_PAR_EL1], 0x800 | (0x07 << 1) | 1); /* translation, L3 */
	cpu->x[1] = RO_VA;
	th_exec_ok(cpu, 0xd5087821);                                    /* at s1e1w, x1 */
	assert_int_equal(cpu->sr[SR_PAR_EL1], 0x800 | (0x0f << 1) | 1); /* permission, L3 */
	th_free(cpu);
}

/* ---- the soft TLB: tagged by ASID and VMID, TLBI exact enough ---- */

#define LDR_W3_X1     0xb9400023u /* ldr w3, [x1] */
#define TLBI_VAE1     0xd5088720u /* tlbi vae1, x0 */
#define TLBI_ASIDE1   0xd5088740u /* tlbi aside1, x0 */
#define TLBI_IPAS2E1  0xd50c8420u /* tlbi ipas2e1, x0 */
#define TLBI_VMALLS12 0xd50c87dfu /* tlbi vmalls12e1 */
#define TLBI_VMALLE1  0xd508871fu /* tlbi vmalle1 */
#define MSR_TTBR0     0xd5182000u /* msr ttbr0_el1, x0 */
#define MSR_VTTBR     0xd51c2100u /* msr vttbr_el2, x0 */

static uint32_t load_w3(struct cpu *cpu, uint64_t va)
{
	cpu->x[1] = va;
	th_exec_ok(cpu, LDR_W3_X1);
	return (uint32_t)cpu->x[3];
}

/* A second stage-1 tree whose alias page maps TH_DATA + 0x1000. */
#define S1B_L1 (TH_RAM_BASE + 0xe0000)
#define S1B_L2 (TH_RAM_BASE + 0xe1000)
#define S1B_L3 (TH_RAM_BASE + 0xe2000)

static void stage1_second_tree(struct cpu *cpu)
{
	put(cpu, S1B_L1 + 8 * 1, TABLE(S1B_L2));
	put(cpu, S1B_L2 + 8 * 0, TABLE(S1B_L3));
	for (uint64_t i = 0; i < TH_RAM_SIZE / 4096; i++)
		put(cpu, S1B_L3 + 8 * i, PAGE(TH_RAM_BASE + 4096 * i, AP_RW_EL1, 0));
	put(cpu, S1B_L3 + 8 * 256, PAGE(TH_DATA + 0x1000, AP_RW_EL1, 0));
}

/* Switching ASID selects that address space's entries; nothing stale leaks across. */
static void test_tlb_asid_switch(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	stage1_on(cpu);
	stage1_second_tree(cpu);
	th_write64(cpu, TH_DATA, 0xaaaa);
	th_write64(cpu, TH_DATA + 0x1000, 0xbbbb);
	cpu->x[0] = S1_L1 | (1ull << 48); /* ASID 1: the first tree */
	th_exec_ok(cpu, MSR_TTBR0);
	assert_int_equal(load_w3(cpu, ALIAS_VA), 0xaaaa);
	cpu->x[0] = S1B_L1 | (2ull << 48); /* ASID 2: the second tree */
	th_exec_ok(cpu, MSR_TTBR0);
	assert_int_equal(load_w3(cpu, ALIAS_VA), 0xbbbb);
	cpu->x[0] = S1_L1 | (1ull << 48);
	th_exec_ok(cpu, MSR_TTBR0);
	assert_int_equal(load_w3(cpu, ALIAS_VA), 0xaaaa);
	th_free(cpu);
}

/* TLBI VAE1 (VA[55:12] in Xt[43:0], ASID in [63:48]) and ASIDE1 drop the stale translation. */
static void test_tlb_tlbi_va_and_asid(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	stage1_on(cpu);
	th_write64(cpu, TH_DATA, 0x1111);
	th_write64(cpu, TH_DATA + 0x1000, 0x2222);
	th_write64(cpu, TH_DATA + 0x2000, 0x3333);
	assert_int_equal(load_w3(cpu, ALIAS_VA), 0x1111);
	put(cpu, S1_L3 + 8 * 256, PAGE(TH_DATA + 0x1000, AP_RW_EL1, 0));
	cpu->x[0] = ALIAS_VA >> 12; /* ASID 0 */
	th_exec_ok(cpu, TLBI_VAE1);
	assert_int_equal(load_w3(cpu, ALIAS_VA), 0x2222);
	put(cpu, S1_L3 + 8 * 256, PAGE(TH_DATA + 0x2000, AP_RW_EL1, 0));
	cpu->x[0] = 0; /* ASID 0 */
	th_exec_ok(cpu, TLBI_ASIDE1);
	assert_int_equal(load_w3(cpu, ALIAS_VA), 0x3333);
	th_free(cpu);
}

/*
 * A 2 MiB block: TLBI by any VA inside it invalidates the block's entry, so
 * the other pages translated through it are invalidated too.
 */
static void test_tlb_tlbi_block(void **state)
{
	(void)state;
	struct cpu *cpu = th_cpu_at(1, EL1H);
	stage1_on(cpu);
	/* VA 0x8000_0000 + 2 MiB block (L1 index 2 -> L2 table, L2[0] block) -> RAM base. */
	uint64_t l2b = TH_RAM_BASE + 0xe8000, blk_va = 0x80000000ull;
	put(cpu, S1_L1 + 8 * 2, TABLE(l2b));
	put(cpu, l2b, (TH_RAM_BASE & ~0x1fffffull) | (1ull << 10) | (3ull << 8) | 1); /* block */
	th_write64(cpu, TH_RAM_BASE + 0x80000, 0x5555);
	th_write64(cpu, TH_RAM_BASE + 0x81000, 0x6666);
	cpu_tlb_flush(cpu);
	assert_int_equal(load_w3(cpu, blk_va + 0x80000), 0x5555);
	assert_int_equal(load_w3(cpu, blk_va + 0x81000), 0x6666);
	/* Unmap the block, then invalidate by the VA of one of its pages. */
	put(cpu, l2b, 0);
	cpu->x[0] = (blk_va + 0x80000) >> 12;
	th_exec_ok(cpu, TLBI_VAE1);
	/* The other page of the same block must fault now: translation fault, level 2. */
	cpu->x[1] = blk_va + 0x81000;
	assert_int_equal(th_exec_fault(cpu, LDR_W3_X1, 1, 0x25), 0x96000006);
	th_free(cpu);
}

/* Two VMIDs, two stage-2 mappings of one IPA: switching VTTBR_EL2 switches them. */
static void test_tlb_vmid_and_ipas2(void **state)
{
	(void)state;
	uint64_t ipa = TH_DATA; /* EL1 stage 1 off: VA = IPA */
	struct cpu *cpu = th_cpu_at(2, EL1H);
	stage2_on(cpu, ~0ull);
	th_write64(cpu, TH_DATA, 0x7777);
	th_write64(cpu, TH_DATA + 0x1000, 0x8888);
	/* VMID 2: the same tables but the IPA page -> TH_DATA + 0x1000 (a second level 3). */
	uint64_t s2b_l1 = TH_RAM_BASE + 0xd0000, s2b_l2 = s2b_l1 + 0x1000, s2b_l3 = s2b_l1 + 0x2000;
	put(cpu, s2b_l1 + 8, TABLE(s2b_l2));
	put(cpu, s2b_l2, TABLE(s2b_l3));
	for (uint64_t i = 0; i < 256; i++)
		put(cpu, s2b_l3 + 8 * i, S2PAGE(TH_RAM_BASE + 4096 * i));
	put(cpu, s2b_l3 + 8 * 128, S2PAGE(TH_DATA + 0x1000)); /* IPA TH_DATA */
	cpu->sr[SR_VTTBR_EL2] = S2_L1 | (1ull << 48);         /* VMID 1 */
	cpu_tlb_flush(cpu);
	tlb_select_context(cpu);
	assert_int_equal(load_w3(cpu, ipa), 0x7777);
	cpu_pstate_set(cpu, 0x3c9); /* EL2 switches the VMID */
	cpu->x[0] = s2b_l1 | (2ull << 48);
	th_exec_ok(cpu, MSR_VTTBR);
	cpu_pstate_set(cpu, EL1H);
	assert_int_equal(load_w3(cpu, ipa), 0x8888);
	/* Back in VMID 1 (its entry for the IPA still cached: 0x7777), change its
	 * stage 2; TLBI VMALLS12E1 from EL2 removes the stale combined entry. */
	cpu_pstate_set(cpu, 0x3c9);
	cpu->x[0] = S2_L1 | (1ull << 48);
	th_exec_ok(cpu, MSR_VTTBR);
	put(cpu, S2_L3 + 8 * 128, S2PAGE(TH_DATA + 0x1000));
	th_exec_ok(cpu, TLBI_VMALLS12);
	cpu_pstate_set(cpu, EL1H);
	assert_int_equal(load_w3(cpu, ipa), 0x8888);
	/* Change it back: the Arm ARM's sequence for a stage-2 change, TLBI
	 * IPAS2E1 for the IPA, then TLBI VMALLE1 (D8.13, "TLB maintenance
	 * requirements" for stage 2), removes the entry cached just now. */
	cpu_pstate_set(cpu, 0x3c9);
	put(cpu, S2_L3 + 8 * 128, S2PAGE(TH_DATA));
	cpu->x[0] = ipa >> 12;
	th_exec_ok(cpu, TLBI_IPAS2E1);
	th_exec_ok(cpu, TLBI_VMALLE1);
	cpu_pstate_set(cpu, EL1H);
	assert_int_equal(load_w3(cpu, ipa), 0x7777);
	th_free(cpu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_stage1_translates),
	        cmocka_unit_test(test_register_offset_is_privileged),
	        cmocka_unit_test(test_stage1_translation_fault),
	        cmocka_unit_test(test_stage1_permission_fault),
	        cmocka_unit_test(test_alignment_by_memory_type),
	        cmocka_unit_test(test_tlbi),
	        cmocka_unit_test(test_stage2_mmio_syndrome),
	        cmocka_unit_test(test_stage2_on_stage1_walk),
	        cmocka_unit_test(test_at),
	        cmocka_unit_test(test_dc_zva),
	        cmocka_unit_test(test_tlb_asid_switch),
	        cmocka_unit_test(test_tlb_tlbi_va_and_asid),
	        cmocka_unit_test(test_tlb_tlbi_block),
	        cmocka_unit_test(test_tlb_vmid_and_ipas2),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
