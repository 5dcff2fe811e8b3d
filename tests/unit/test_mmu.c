/*
 * mmu_translate() over tables in a host array. Expected values come from the
 * Arm ARM's VMSA (D8) by hand: level L of a granule of 2^g bytes resolves
 * VA[g + (3-L)(g-3) + (g-3) - 1 : g + (3-L)(g-3)] (4K: L0 [47:39], L1 [38:30],
 * L2 [29:21], L3 [20:12]); the start level is the one whose bits reach
 * VA[63-TxSZ]; descriptors: bit 0 valid, 0b11 table (page at L3), 0b01
 * block, AF [10], AP[2:1] [7:6], nG [11], PXN [53], UXN/XN [54], AttrIndx
 * [4:2]; table APTable [62:61], UXNTable [60], PXNTable [59]. FSC
 * (ESR_ELx.DFSC): address size 0b0000LL, translation 0b0001LL, Access flag
 * 0b0010LL, permission 0b0011LL, External abort on a walk 0b0101LL.
 */
#include "harness.h"

#include <string.h>

#include "mmu.h"
#include "sysregs.h"

#define MEM_BASE 0x10000000ull
#define MEM_SIZE (4ull << 20)
/* Table n, 64 KiB aligned (every granule's table fits) */
#define TBL(n)   (MEM_BASE + (uint64_t)(n)*0x10000)

#define VALID         1ull
#define TABLE         3ull
#define PAGE          3ull
#define BLOCK         1ull
#define AF            (1ull << 10)
#define NG            (1ull << 11)
#define AP_EL0        (1ull << 6) /* AP[1] */
#define AP_RO         (1ull << 7) /* AP[2] */
#define PXN           (1ull << 53)
#define UXN           (1ull << 54)
#define ATTR(i)       ((uint64_t)(i) << 2)
/* Table descriptor controls */
#define APTABLE_NOEL0 (1ull << 61)
#define APTABLE_RO    (1ull << 62)
#define UXNTABLE      (1ull << 60)
#define PXNTABLE      (1ull << 59)
/* Stage 2: S2AP [7:6], MemAttr [5:2] */
#define S2_R          (1ull << 6)
#define S2_W          (1ull << 7)
#define S2_RW         (S2_R | S2_W)
#define S2_MEMATTR(m) ((uint64_t)(m) << 2)
#define S2_XN         (2ull << 53)

/* Register fields */
#define SCTLR_M   (1ull << 0)
#define SCTLR_I   (1ull << 12)
#define SCTLR_WXN (1ull << 19)
#define HCR_VM    1ull
#define HCR_DC    (1ull << 12)
#define HCR_TGE   (1ull << 27)
#define TCR_EPD0  (1ull << 7)
#define TCR_EPD1  (1ull << 23)
#define TCR_TBI0  (1ull << 37)
#define TCR_IPS40 (2ull << 32)
#define TG0_4K    0ull
#define TG0_64K   (1ull << 14)
#define TG0_16K   (2ull << 14)
#define TG1_16K   (1ull << 30)
#define TG1_4K    (2ull << 30)

#define OUT 0x3c0000000ull /* an output address aligned to 1 GiB */

static uint64_t mem[MEM_SIZE / 8];
static uint64_t sr[SR_COUNT];
static bool el2_enabled;

static int read_desc(void *opaque, uint64_t pa, uint64_t *desc)
{
	(void)opaque;
	if (pa < MEM_BASE || pa >= MEM_BASE + MEM_SIZE || (pa & 7))
		return -1;
	*desc = mem[(pa - MEM_BASE) / 8];
	return 0;
}

static void put(uint64_t pa, uint64_t desc)
{
	mem[(pa - MEM_BASE) / 8] = desc;
}

static int setup(void **state)
{
	(void)state;
	memset(mem, 0, sizeof(mem));
	memset(sr, 0, sizeof(sr));
	el2_enabled = true;
	return 0;
}

static struct mmu_result xl(unsigned el, uint64_t va, unsigned access)
{
	struct mmu_ctx ctx = {
	        .sr = sr,
	        .el = (uint8_t)el,
	        .el2_enabled = el2_enabled,
	        .read_desc = read_desc,
	};
	struct mmu_result r;
	memset(&r, 0xa5, sizeof(r));
	mmu_translate(&ctx, va, access, &r);
	return r;
}

static void assert_ok(struct mmu_result r, uint64_t pa)
{
	assert_false(r.fault);
	assert_int_equal(r.pa, pa);
}

static void assert_fault(struct mmu_result r, unsigned fsc, bool stage2)
{
	assert_true(r.fault);
	assert_int_equal(r.fsc, fsc);
	assert_int_equal(r.stage2, stage2);
}

/* EL1&0 stage 1 on, 4K, 48-bit VA (T0SZ 16: start level 0), TTBR0 = TBL(0). */
static void el1_4k48(void)
{
	sr[SR_SCTLR_EL1] = SCTLR_M;
	sr[SR_TCR_EL1] = 16 | TG0_4K | TCR_IPS40;
	sr[SR_TTBR0_EL1] = TBL(0);
	sr[SR_MAIR_EL1] = 0xff; /* Attr0 Normal WB */
}

/* 4K: VA = 1<<39 | 2<<30 | 3<<21 | 4<<12 | 0x567, indices 1, 2, 3, 4 */
#define VA4K 0x0000008080604567ull

/* The L0..L2 tables of VA4K at TBL(0..2), leaving the L3 entry to the test. */
static void map4k_tables(void)
{
	put(TBL(0) + 1 * 8, TBL(1) | TABLE);
	put(TBL(1) + 2 * 8, TBL(2) | TABLE);
	put(TBL(2) + 3 * 8, TBL(3) | TABLE);
}

static void test_4k_page_by_hand(void **state)
{
	(void)state;
	el1_4k48();
	map4k_tables();
	put(TBL(3) + 4 * 8, OUT | AF | PAGE);
	struct mmu_result r = xl(1, VA4K, MMU_READ);
	assert_ok(r, OUT | 0x567);
	assert_int_equal(r.block_size, 4096);
	assert_int_equal(r.mair_attr, 0xff);
	assert_false(r.device);
	assert_true(r.global);
}

/* 4K blocks: L1 1 GiB keeps VA[29:0], L2 2 MiB keeps VA[20:0] */
static void test_4k_blocks_by_hand(void **state)
{
	(void)state;
	el1_4k48();
	put(TBL(0) + 1 * 8, TBL(1) | TABLE);
	put(TBL(1) + 2 * 8, OUT | AF | BLOCK);
	struct mmu_result r = xl(1, VA4K, MMU_READ);
	assert_ok(r, OUT | 0x00604567);
	assert_int_equal(r.block_size, 1ull << 30);
	put(TBL(1) + 2 * 8, TBL(2) | TABLE);
	put(TBL(2) + 3 * 8, (OUT + 0x200000) | AF | BLOCK);
	r = xl(1, VA4K, MMU_READ);
	assert_ok(r, OUT + 0x200000 + 0x4567);
	assert_int_equal(r.block_size, 2ull << 20);
}

/*
 * Every granule at every start level, with every leaf level it has. TxSZ
 * for each start level: 4K (stride 9) 16/25/34 -> L0/L1/L2; 16K (stride
 * 11) 16/17/28/39 -> L0/L1/L2/L3; 64K (stride 13) 16/22/35 -> L1/L2/L3.
 * The VA uses index level+1 at every level and offset 0x8 within the page;
 * a leaf at level L maps 2^(g + (3-L)(g-3)) bytes and keeps the VA below.
 */
struct granule_case {
	unsigned grain, txsz, start;
	uint64_t tg0;
};

static uint64_t lsb_of(unsigned grain, unsigned level)
{
	return grain + (3 - level) * (grain - 3);
}

static void check_walk(const struct granule_case *c, unsigned leaf)
{
	setup(NULL);
	sr[SR_SCTLR_EL1] = SCTLR_M;
	sr[SR_TCR_EL1] = c->txsz | c->tg0 | TCR_IPS40;
	sr[SR_TTBR0_EL1] = TBL(0);
	uint64_t va = 8;
	for (unsigned l = c->start; l <= 3; l++)
		va |= (uint64_t)(l + 1) << lsb_of(c->grain, l);
	for (unsigned l = c->start; l < leaf; l++)
		put(TBL(l - c->start) + (l + 1) * 8, TBL(l - c->start + 1) | TABLE);
	put(TBL(leaf - c->start) + (leaf + 1) * 8, OUT | AF | (leaf == 3 ? PAGE : BLOCK));
	uint64_t size = 1ull << lsb_of(c->grain, leaf);
	struct mmu_result r = xl(1, va, MMU_READ);
	assert_ok(r, OUT | (va & (size - 1)));
	assert_int_equal(r.block_size, size);
}

static void test_granules_start_levels(void **state)
{
	(void)state;
	static const struct granule_case cases[] = {
	        {12, 16, 0, TG0_4K},  {12, 25, 1, TG0_4K},  {12, 34, 2, TG0_4K},
	        {14, 16, 0, TG0_16K}, {14, 17, 1, TG0_16K}, {14, 28, 2, TG0_16K},
	        {14, 39, 3, TG0_16K}, {16, 16, 1, TG0_64K}, {16, 22, 2, TG0_64K},
	        {16, 35, 3, TG0_64K},
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct granule_case *c = &cases[i];
		unsigned first_block = c->grain == 12 ? 1 : 2;
		for (unsigned leaf = c->start; leaf <= 3; leaf++)
			if (leaf >= first_block)
				check_walk(c, leaf);
	}
}

/* 64K, T0SZ 22 (42 bits: start L2, VA[41:29]); VA 0x32_0001_1234 has L2 index
 * 0x190 (0x3200011234 >> 29), L3 index VA[28:16] = 1 */
static void test_64k_by_hand(void **state)
{
	(void)state;
	sr[SR_SCTLR_EL1] = SCTLR_M;
	sr[SR_TCR_EL1] = 22 | TG0_64K | TCR_IPS40;
	sr[SR_TTBR0_EL1] = TBL(0);
	put(TBL(0) + 0x190 * 8, TBL(1) | TABLE);
	put(TBL(1) + 1 * 8, OUT | AF | PAGE);
	assert_ok(xl(1, 0x3200011234ull, MMU_READ), OUT | 0x1234);
}

static void test_translation_faults(void **state)
{
	(void)state;
	el1_4k48();
	assert_fault(xl(1, VA4K, MMU_READ), 0x04, false); /* L0 entry 0 */
	put(TBL(0) + 1 * 8, TBL(1) | TABLE);
	assert_fault(xl(1, VA4K, MMU_READ), 0x05, false);
	put(TBL(1) + 2 * 8, TBL(2) | TABLE);
	assert_fault(xl(1, VA4K, MMU_READ), 0x06, false);
	put(TBL(2) + 3 * 8, TBL(3) | TABLE);
	assert_fault(xl(1, VA4K, MMU_READ), 0x07, false);
	/* 0b01 at level 3 is reserved */
	put(TBL(3) + 4 * 8, OUT | AF | BLOCK);
	assert_fault(xl(1, VA4K, MMU_WRITE), 0x07, false);
	/* 4K has no level 0 block (without LPA2) */
	put(TBL(0) + 1 * 8, OUT | AF | BLOCK);
	assert_fault(xl(1, VA4K, MMU_READ), 0x04, false);
	/* 64K (and 16K) has no level 1 block without LPA */
	setup(NULL);
	sr[SR_SCTLR_EL1] = SCTLR_M;
	sr[SR_TCR_EL1] = 16 | TG0_64K | TCR_IPS40;
	sr[SR_TTBR0_EL1] = TBL(0);
	put(TBL(0), OUT | AF | BLOCK);
	assert_fault(xl(1, 0x1000, MMU_READ), 0x05, false);
}

/* T0SZ 25: a 39-bit range; VA bit 39 set is outside TTBR0's range and bit 55
 * clear makes it not TTBR1's: translation fault, level 0 */
static void test_va_out_of_range(void **state)
{
	(void)state;
	el1_4k48();
	sr[SR_TCR_EL1] = 25 | TG0_4K | TCR_IPS40;
	assert_fault(xl(1, 1ull << 39, MMU_READ), 0x04, false);
}

static void test_address_size_faults(void **state)
{
	(void)state;
	el1_4k48();
	map4k_tables();
	/* Page OA bit 40 set, PA size 40: level 3 */
	put(TBL(3) + 4 * 8, (1ull << 40) | AF | PAGE);
	assert_fault(xl(1, VA4K, MMU_READ), 0x03, false);
	/* IPS 0b000 (32 bits): OA 0x3c0000000 is above it */
	put(TBL(3) + 4 * 8, OUT | AF | PAGE);
	sr[SR_TCR_EL1] = 16 | TG0_4K;
	assert_fault(xl(1, VA4K, MMU_READ), 0x03, false);
	sr[SR_TCR_EL1] = 16 | TG0_4K | TCR_IPS40;
	/* The next-level table address of the level 1 table descriptor */
	put(TBL(1) + 2 * 8, (1ull << 41) | TBL(2) | TABLE);
	assert_fault(xl(1, VA4K, MMU_READ), 0x01, false);
	/* An L2 block OA above 40 bits */
	put(TBL(1) + 2 * 8, TBL(2) | TABLE);
	put(TBL(2) + 3 * 8, (1ull << 45) | AF | BLOCK);
	assert_fault(xl(1, VA4K, MMU_READ), 0x02, false);
	/* The TTBR's base address: level 0 */
	sr[SR_TTBR0_EL1] = (1ull << 44) | TBL(0);
	assert_fault(xl(1, VA4K, MMU_READ), 0x00, false);
}

static void test_access_flag(void **state)
{
	(void)state;
	el1_4k48();
	map4k_tables();
	put(TBL(3) + 4 * 8, OUT | PAGE);
	assert_fault(xl(1, VA4K, MMU_READ), 0x0b, false);
	assert_fault(xl(1, VA4K, MMU_READ | MMU_AT), 0x0b, false);
	put(TBL(2) + 3 * 8, OUT | BLOCK);
	assert_fault(xl(0, VA4K, MMU_WRITE), 0x0a, false);
}

static void test_external_abort_on_walk(void **state)
{
	(void)state;
	el1_4k48();
	sr[SR_TTBR0_EL1] = 0x80000000; /* nothing there */
	assert_fault(xl(1, VA4K, MMU_READ), 0x14, false);
	sr[SR_TTBR0_EL1] = TBL(0);
	put(TBL(0) + 1 * 8, TBL(1) | TABLE);
	put(TBL(1) + 2 * 8, 0x80000000 | TABLE);
	assert_fault(xl(1, VA4K, MMU_READ), 0x16, false);
}

/* Map VA4K with the given page and L2-table controls and check one access. */
static void check_perm(uint64_t page, uint64_t table, unsigned el, unsigned access, bool ok)
{
	setup(NULL);
	el1_4k48();
	map4k_tables();
	put(TBL(1) + 2 * 8, TBL(2) | TABLE | table);
	put(TBL(3) + 4 * 8, OUT | AF | PAGE | page);
	struct mmu_result r = xl(el, VA4K, access);
	if (ok)
		assert_ok(r, OUT | 0x567);
	else
		assert_fault(r, 0x0f, false);
}

/*
 * AP[2:1]: 00 EL1 RW, EL0 none; 01 both RW; 10 EL1 RO, EL0 none; 11 both
 * RO. Execution: UXN for EL0, PXN for EL1, and EL1 never executes what EL0
 * may write; EL0 may execute what it may not read. MMU_UNPRIV at EL1 checks
 * as EL0.
 */
static void test_permissions_el10(void **state)
{
	(void)state;
	check_perm(0, 0, 0, MMU_READ, false);
	check_perm(0, 0, 1, MMU_READ, true);
	check_perm(0, 0, 1, MMU_WRITE, true);
	check_perm(0, 0, 1, MMU_READ | MMU_UNPRIV, false);
	check_perm(AP_EL0, 0, 0, MMU_WRITE, true);
	check_perm(AP_EL0, 0, 1, MMU_WRITE | MMU_UNPRIV, true);
	check_perm(AP_RO, 0, 1, MMU_WRITE, false);
	check_perm(AP_RO, 0, 1, MMU_READ, true);
	check_perm(AP_RO, 0, 0, MMU_READ, false);
	check_perm(AP_RO | AP_EL0, 0, 0, MMU_READ, true);
	check_perm(AP_RO | AP_EL0, 0, 0, MMU_WRITE, false);
	check_perm(AP_RO | AP_EL0, 0, 1, MMU_WRITE | MMU_UNPRIV, false);
	/* execute */
	check_perm(0, 0, 0, MMU_FETCH, true);
	check_perm(UXN, 0, 0, MMU_FETCH, false);
	check_perm(UXN, 0, 1, MMU_FETCH, true);
	check_perm(PXN, 0, 1, MMU_FETCH, false);
	check_perm(PXN, 0, 0, MMU_FETCH, true);
	check_perm(AP_EL0, 0, 1, MMU_FETCH, false);
	check_perm(AP_EL0 | AP_RO, 0, 1, MMU_FETCH, true);
	/* hierarchical: APTable[1] no writes, APTable[0] no EL0, XNTables */
	check_perm(AP_EL0, APTABLE_RO, 1, MMU_WRITE, false);
	check_perm(AP_EL0, APTABLE_RO, 0, MMU_READ, true);
	check_perm(AP_EL0, APTABLE_NOEL0, 0, MMU_READ, false);
	check_perm(AP_EL0, APTABLE_NOEL0, 1, MMU_WRITE, true);
	check_perm(0, UXNTABLE, 0, MMU_FETCH, false);
	check_perm(0, UXNTABLE, 1, MMU_FETCH, true);
	check_perm(0, PXNTABLE, 1, MMU_FETCH, false);
	check_perm(0, PXNTABLE, 0, MMU_FETCH, true);
	/* APTable[0] removes EL0 write, so EL1 may execute again */
	check_perm(AP_EL0, APTABLE_NOEL0, 1, MMU_FETCH, true);
}

/* SCTLR_EL1.WXN: writable at the accessing level means not executable. */
static void test_wxn(void **state)
{
	(void)state;
	check_perm(0, 0, 1, MMU_FETCH, true);
	sr[SR_SCTLR_EL1] |= SCTLR_WXN;
	assert_fault(xl(1, VA4K, MMU_FETCH), 0x0f, false);
	/* EL0 can not write AP 00: EL0 still executes */
	assert_ok(xl(0, VA4K, MMU_FETCH), OUT | 0x567);
	put(TBL(3) + 4 * 8, OUT | AF | PAGE | AP_RO);
	assert_ok(xl(1, VA4K, MMU_FETCH), OUT | 0x567);
	put(TBL(3) + 4 * 8, OUT | AF | PAGE | AP_EL0);
	assert_fault(xl(0, VA4K, MMU_FETCH), 0x0f, false);
}

/* The EL2 regime: TTBR0_EL2/TCR_EL2 (PS [18:16]), one privilege: AP[2] alone
 * decides writes, XN [54] and XNTable [60] execution, nG is RES0. */
static void test_el2_regime(void **state)
{
	(void)state;
	sr[SR_SCTLR_EL2] = SCTLR_M;
	sr[SR_TCR_EL2] = 16 | (2ull << 16);
	sr[SR_TTBR0_EL2] = TBL(0);
	sr[SR_MAIR_EL2] = 0x0400; /* Attr1 Device-nGnRE */
	map4k_tables();
	put(TBL(3) + 4 * 8, OUT | AF | PAGE | NG | ATTR(1));
	struct mmu_result r = xl(2, VA4K, MMU_WRITE);
	assert_ok(r, OUT | 0x567);
	assert_int_equal(r.mair_attr, 0x04);
	assert_true(r.device);
	assert_true(r.global);
	put(TBL(3) + 4 * 8, OUT | AF | PAGE | AP_RO);
	assert_fault(xl(2, VA4K, MMU_WRITE), 0x0f, false);
	assert_ok(xl(2, VA4K, MMU_FETCH), OUT | 0x567);
	put(TBL(3) + 4 * 8, OUT | AF | PAGE | UXN);
	assert_fault(xl(2, VA4K, MMU_FETCH), 0x0f, false);
	put(TBL(3) + 4 * 8, OUT | AF | PAGE);
	put(TBL(2) + 3 * 8, TBL(3) | TABLE | UXNTABLE);
	assert_fault(xl(2, VA4K, MMU_FETCH), 0x0f, false);
	/* EL1's registers play no part */
	sr[SR_TCR_EL2] |= TCR_EPD0;
	assert_ok(xl(2, VA4K, MMU_READ), OUT | 0x567);
}

static void test_el3_regime(void **state)
{
	(void)state;
	sr[SR_SCTLR_EL3] = SCTLR_M;
	sr[SR_TCR_EL3] = 25 | (2ull << 16); /* 39 bits: start level 1 */
	sr[SR_TTBR0_EL3] = TBL(0);
	put(TBL(0) + 2 * 8, OUT | AF | BLOCK); /* VA[38:30] = 2 */
	assert_ok(xl(3, 0x80001234ull, MMU_READ), OUT | 0x1234);
	assert_fault(xl(3, 1ull << 39, MMU_READ), 0x04, false);
}

/* VA bit 55 selects TTBR1_EL1; its TG1 encodes 4K as 0b10 and 16K as 0b01.
 * T1SZ 16, 4K: VA 0xffff_8080_6045_67 has L0 index VA[47:39] = 0x101. */
static void test_ttbr1(void **state)
{
	(void)state;
	sr[SR_SCTLR_EL1] = SCTLR_M;
	sr[SR_TCR_EL1] = (16ull << 16) | TG1_4K | TCR_IPS40 | TCR_EPD0;
	sr[SR_TTBR1_EL1] = TBL(8);
	put(TBL(8) + 0x101 * 8, TBL(1) | TABLE);
	put(TBL(1) + 2 * 8, OUT | AF | BLOCK);
	assert_ok(xl(1, 0xffff808080604567ull, MMU_READ), OUT | 0x00604567);
	/* Not all ones above bit 47: out of range */
	assert_fault(xl(1, 0xfeff808080604567ull, MMU_READ), 0x04, false);
	/* TTBR0 half is disabled by EPD0 */
	assert_fault(xl(1, VA4K, MMU_READ), 0x04, false);
	/* EPD1 */
	sr[SR_TCR_EL1] |= TCR_EPD1;
	assert_fault(xl(1, 0xffff808080604567ull, MMU_READ), 0x04, false);
	/* TG1 0b01: 16K, T1SZ 28 (36 bits, start level 2, VA[35:25]) */
	sr[SR_TCR_EL1] = (28ull << 16) | TG1_16K | TCR_IPS40;
	put(TBL(8) + 3 * 8, OUT | AF | BLOCK); /* L2 block, 32 MiB */
	struct mmu_result r = xl(1, 0xfffffff006001234ull, MMU_READ);
	assert_ok(r, OUT | 0x0001234);
	assert_int_equal(r.block_size, 32ull << 20);
}

/* TBI0: the top byte is ignored, otherwise it must be 0 for TTBR0. */
static void test_tbi(void **state)
{
	(void)state;
	el1_4k48();
	map4k_tables();
	put(TBL(3) + 4 * 8, OUT | AF | PAGE | AP_EL0);
	uint64_t tagged = (0x5aull << 56) | VA4K;
	assert_fault(xl(1, tagged, MMU_READ), 0x04, false);
	sr[SR_TCR_EL1] |= TCR_TBI0;
	assert_ok(xl(1, tagged, MMU_READ), OUT | 0x567);
	assert_ok(xl(0, tagged, MMU_WRITE | MMU_UNPRIV), OUT | 0x567);
}

static void test_global_and_mair(void **state)
{
	(void)state;
	el1_4k48();
	sr[SR_MAIR_EL1] = 0x0c000000ull; /* Attr3 Device-GRE */
	map4k_tables();
	put(TBL(3) + 4 * 8, OUT | AF | PAGE | NG | ATTR(3));
	struct mmu_result r = xl(1, VA4K, MMU_READ);
	assert_ok(r, OUT | 0x567);
	assert_false(r.global);
	assert_int_equal(r.mair_attr, 0x0c);
	assert_true(r.device);
	/* A fetch from Device memory is treated as Normal Non-cacheable */
	r = xl(1, VA4K, MMU_FETCH);
	assert_int_equal(r.mair_attr, 0x44);
	assert_false(r.device);
}

/* Stage 1 off: PA = VA, Device-nGnRnE data, Normal fetches (WT with
 * SCTLR.I), a VA at or above 2^40 an address size fault at level 0. */
static void test_stage1_off(void **state)
{
	(void)state;
	el2_enabled = false;
	struct mmu_result r = xl(1, 0x40001234, MMU_READ);
	assert_ok(r, 0x40001234);
	assert_int_equal(r.mair_attr, 0x00);
	assert_true(r.device);
	r = xl(1, 0x40001234, MMU_FETCH);
	assert_int_equal(r.mair_attr, 0x44);
	assert_false(r.device);
	sr[SR_SCTLR_EL2] = SCTLR_I;
	assert_int_equal(xl(2, 0x40001234, MMU_FETCH).mair_attr, 0xaa);
	assert_true(xl(2, 0x40001234, MMU_WRITE).device);
	assert_fault(xl(3, 1ull << 40, MMU_READ), 0x00, false);
	assert_ok(xl(3, (1ull << 40) - 8, MMU_READ), (1ull << 40) - 8);
	/* HCR_EL2.TGE turns EL1&0's stage 1 off when EL2 is enabled */
	el2_enabled = true;
	el1_4k48();
	sr[SR_HCR_EL2] = HCR_TGE;
	assert_ok(xl(0, 0x40001234, MMU_READ), 0x40001234);
}

/*
 * Stage 2: VTCR_EL2 T0SZ 24 (40-bit IPA), 4K, SL0 0b01 (start level 1), PS
 * 40 bits. Level 1 resolves IPA[39:30], 10 bits: two concatenated tables.
 * IPA 0x80_4000_1234: L1 index 0x201 (the second table, entry 1), L2
 * index IPA[29:21] = 0, L3 index IPA[20:12] = 1.
 */
#define VTCR_4K_40 (24 | (1ull << 6) | (2ull << 16))
#define IPA        0x8040001234ull

static void s2_setup(void)
{
	sr[SR_HCR_EL2] = HCR_VM;
	sr[SR_VTCR_EL2] = VTCR_4K_40;
	sr[SR_VTTBR_EL2] = TBL(16);
	put(TBL(16) + 0x201 * 8, TBL(18) | TABLE);
	put(TBL(18), TBL(19) | TABLE);
}

static void test_stage2_alone(void **state)
{
	(void)state;
	s2_setup();
	put(TBL(19) + 1 * 8, OUT | AF | PAGE | S2_R | S2_MEMATTR(0xf));
	struct mmu_result r = xl(1, IPA, MMU_READ);
	assert_ok(r, OUT | 0x234);
	assert_int_equal(r.block_size, 4096);
	/* stage 1 off: Device-nGnRnE, combined with Normal WB: Device-nGnRnE */
	assert_int_equal(r.mair_attr, 0x00);
	/* S2AP read-only: write faults at stage 2, level 3 */
	r = xl(0, IPA, MMU_WRITE);
	assert_fault(r, 0x0f, true);
	assert_false(r.s1ptw);
	assert_int_equal(r.ipa, IPA);
	/* XN */
	put(TBL(19) + 1 * 8, OUT | AF | PAGE | S2_RW | S2_XN | S2_MEMATTR(0xf));
	assert_fault(xl(1, IPA, MMU_FETCH), 0x0f, true);
	assert_ok(xl(1, IPA, MMU_WRITE), OUT | 0x234);
	/* S2AP 00: no read */
	put(TBL(19) + 1 * 8, OUT | AF | PAGE | S2_MEMATTR(0xf));
	assert_fault(xl(1, IPA, MMU_READ), 0x0f, true);
	/* AF, translation, address size at stage 2 */
	put(TBL(19) + 1 * 8, OUT | PAGE | S2_RW);
	assert_fault(xl(1, IPA, MMU_READ), 0x0b, true);
	put(TBL(19) + 1 * 8, 0);
	assert_fault(xl(1, IPA, MMU_READ), 0x07, true);
	put(TBL(19) + 1 * 8, (1ull << 42) | AF | PAGE | S2_RW);
	assert_fault(xl(1, IPA, MMU_READ), 0x03, true);
	/* L2 block at stage 2 */
	put(TBL(16) + 0x201 * 8, TBL(18) | TABLE);
	put(TBL(18), OUT | AF | BLOCK | S2_RW | S2_MEMATTR(0xf));
	r = xl(1, IPA, MMU_READ);
	assert_ok(r, OUT | 0x1234);
	assert_int_equal(r.block_size, 2ull << 20);
	/* EL2 does not go through stage 2 */
	assert_ok(xl(2, IPA, MMU_READ), IPA);
	/* nor when EL2 is not enabled */
	el2_enabled = false;
	assert_ok(xl(1, 0x12345678, MMU_READ), 0x12345678);
}

static void test_stage2_params(void **state)
{
	(void)state;
	s2_setup();
	put(TBL(18), OUT | AF | BLOCK | S2_RW);
	/* T0SZ 32: a 32-bit IPA space; IPA 2^32 is beyond it: level 0 */
	sr[SR_VTCR_EL2] = 32 | (1ull << 6) | (2ull << 16);
	assert_fault(xl(1, 1ull << 32, MMU_READ), 0x04, true);
	/* SL0 0b10 (4K start level 0) needs a 44-bit PA: level 0 */
	sr[SR_VTCR_EL2] = 24 | (2ull << 6) | (2ull << 16);
	assert_fault(xl(1, IPA, MMU_READ), 0x04, true);
	/* SL0 0b00 (start level 2) takes at most 16 tables of 2 MiB x 512: 34
	 * bits; a 40-bit IPA is inconsistent with it: level 0 */
	sr[SR_VTCR_EL2] = 24 | (2ull << 16);
	assert_fault(xl(1, IPA, MMU_READ), 0x04, true);
	/* VTTBR above the PS: address size, level 0 */
	sr[SR_VTCR_EL2] = VTCR_4K_40;
	sr[SR_VTTBR_EL2] = (1ull << 40) | TBL(16);
	assert_fault(xl(1, IPA, MMU_READ), 0x00, true);
	/* Nothing behind the stage 2 table: External abort at level 1 */
	sr[SR_VTTBR_EL2] = 0x80000000;
	assert_fault(xl(1, IPA, MMU_READ), 0x15, true);
}

/*
 * Stage 1 (4K, 39-bit VA, start level 1) whose tables live at IPAs that
 * stage 2 maps 1:1 over the table memory with 2 MiB blocks (IPA 0x1000_0000:
 * L1 index 0, L2 index 0x80; 0x1020_0000: L2 index 0x81). VA 0x4060_5678:
 * S1 L1 index 1 (table TBL(0)), L2 index 3 (table TBL(40) = 0x1028_0000, in
 * the second block), L3 index 5 (table TBL(2)).
 */
#define S1_VA 0x40605678ull

static void s1s2_setup(void)
{
	sr[SR_HCR_EL2] = HCR_VM;
	sr[SR_VTCR_EL2] = VTCR_4K_40;
	sr[SR_VTTBR_EL2] = TBL(16);
	put(TBL(16), TBL(18) | TABLE);
	put(TBL(18) + 0x80 * 8, MEM_BASE | AF | BLOCK | S2_RW | S2_MEMATTR(0xf));
	put(TBL(18) + 0x81 * 8, (MEM_BASE + 0x200000) | AF | BLOCK | S2_RW | S2_MEMATTR(0xf));
	/* the output IPA 0x3c0000000 (L1 index 0xf) -> OUT + 1 GiB */
	put(TBL(16) + 0xf * 8, (OUT + (1ull << 30)) | AF | BLOCK | S2_RW | S2_MEMATTR(0xf));
	sr[SR_SCTLR_EL1] = SCTLR_M;
	sr[SR_TCR_EL1] = 25 | TG0_4K | TCR_IPS40;
	sr[SR_TTBR0_EL1] = TBL(0);
	sr[SR_MAIR_EL1] = 0xff;
	put(TBL(0) + 1 * 8, TBL(40) | TABLE);
	put(TBL(40) + 3 * 8, TBL(2) | TABLE);
	put(TBL(2) + 5 * 8, OUT | AF | PAGE);
}

static void test_stage1_and_stage2(void **state)
{
	(void)state;
	s1s2_setup();
	struct mmu_result r = xl(1, S1_VA, MMU_READ);
	assert_ok(r, OUT + (1ull << 30) + 0x678);
	assert_int_equal(r.mair_attr, 0xff);
	assert_int_equal(r.block_size, 4096); /* the smaller of 4 KiB and 1 GiB */
	/* Without stage 2 L2 entry 0x81 the stage 1 L2 table is unmapped:
	 * reading its entry 3 (IPA TBL(40) + 0x18) takes a translation fault
	 * at stage 2 level 2 on the stage 1 walk */
	put(TBL(18) + 0x81 * 8, 0);
	r = xl(1, S1_VA, MMU_WRITE);
	assert_fault(r, 0x06, true);
	assert_true(r.s1ptw);
	assert_int_equal(r.ipa, TBL(40) + 0x18);
	/* Stage 2 read-only tables: the walk is a read, it passes; the
	 * final write faults at stage 2 on the 1 GiB block (level 1) */
	s1s2_setup();
	put(TBL(18) + 0x80 * 8, MEM_BASE | AF | BLOCK | S2_R | S2_MEMATTR(0xf));
	put(TBL(16) + 0xf * 8, (OUT + (1ull << 30)) | AF | BLOCK | S2_R | S2_MEMATTR(0xf));
	r = xl(1, S1_VA, MMU_WRITE);
	assert_fault(r, 0x0d, true);
	assert_false(r.s1ptw);
	assert_int_equal(r.ipa, OUT | 0x678);
	/* No stage 2 read of the tables: permission fault on the walk, at
	 * stage 2 level 2, the first descriptor (L1 table entry 1) */
	put(TBL(18) + 0x80 * 8, MEM_BASE | AF | BLOCK | S2_W);
	r = xl(1, S1_VA, MMU_READ);
	assert_fault(r, 0x0e, true);
	assert_true(r.s1ptw);
	assert_int_equal(r.ipa, TBL(0) + 8);
	/* A stage 1 fault is a stage 1 fault */
	s1s2_setup();
	put(TBL(2) + 5 * 8, OUT | PAGE);
	r = xl(1, S1_VA, MMU_READ);
	assert_fault(r, 0x0b, false);
	assert_false(r.s1ptw);
}

/* S2CombineS1MemAttrs: Device beats Normal, the stricter Device type wins,
 * Normal takes the weaker cacheability with stage 1's hints. */
static void check_combine(uint8_t s1, unsigned s2memattr, uint8_t want)
{
	setup(NULL);
	s1s2_setup();
	sr[SR_MAIR_EL1] = s1;
	put(TBL(16) + 0xf * 8, (OUT + (1ull << 30)) | AF | BLOCK | S2_RW | S2_MEMATTR(s2memattr));
	struct mmu_result r = xl(1, S1_VA, MMU_READ);
	assert_false(r.fault);
	assert_int_equal(r.mair_attr, want);
	assert_int_equal(r.device, (want & 0xf0) == 0);
}

static void test_attribute_combining(void **state)
{
	(void)state;
	check_combine(0xff, 0xf, 0xff); /* WB + WB */
	check_combine(0xff, 0x1, 0x04); /* WB + Device-nGnRE */
	check_combine(0x04, 0x0, 0x00); /* nGnRE + nGnRnE */
	check_combine(0x00, 0x3, 0x00); /* nGnRnE + GRE */
	check_combine(0x0c, 0xf, 0x0c); /* GRE + WB */
	check_combine(0xff, 0xa, 0xbb); /* WB RW-alloc + WT: WT RW-alloc (0b1011) */
	check_combine(0xff, 0x5, 0x44); /* WB + NC */
	check_combine(0x44, 0xf, 0x44); /* NC + WB */
	check_combine(0xf4, 0xe, 0xf4); /* outer WB / inner NC + outer WB / inner WT */
	check_combine(0x7f, 0xb, 0x3f); /* outer WB transient + outer WT: WT transient */
}

/* HCR_EL2.DC: EL1&0 stage 1 off with Normal Write-Back, and stage 2 on as
 * if VM were set. */
static void test_hcr_dc(void **state)
{
	(void)state;
	s2_setup();
	sr[SR_HCR_EL2] = HCR_DC;
	sr[SR_SCTLR_EL1] = SCTLR_M; /* ignored under DC */
	put(TBL(19) + 1 * 8, OUT | AF | PAGE | S2_RW | S2_MEMATTR(0xf));
	struct mmu_result r = xl(1, IPA, MMU_READ);
	assert_ok(r, OUT | 0x234);
	assert_int_equal(r.mair_attr, 0xff);
	assert_false(r.device);
	assert_int_equal(xl(0, IPA, MMU_FETCH).mair_attr, 0xff);
	/* EL2's own regime ignores DC: Device */
	assert_true(xl(2, 0x1000, MMU_READ).device);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup(test_4k_page_by_hand, setup),
	        cmocka_unit_test_setup(test_4k_blocks_by_hand, setup),
	        cmocka_unit_test_setup(test_granules_start_levels, setup),
	        cmocka_unit_test_setup(test_64k_by_hand, setup),
	        cmocka_unit_test_setup(test_translation_faults, setup),
	        cmocka_unit_test_setup(test_va_out_of_range, setup),
	        cmocka_unit_test_setup(test_address_size_faults, setup),
	        cmocka_unit_test_setup(test_access_flag, setup),
	        cmocka_unit_test_setup(test_external_abort_on_walk, setup),
	        cmocka_unit_test_setup(test_permissions_el10, setup),
	        cmocka_unit_test_setup(test_wxn, setup),
	        cmocka_unit_test_setup(test_el2_regime, setup),
	        cmocka_unit_test_setup(test_el3_regime, setup),
	        cmocka_unit_test_setup(test_ttbr1, setup),
	        cmocka_unit_test_setup(test_tbi, setup),
	        cmocka_unit_test_setup(test_global_and_mair, setup),
	        cmocka_unit_test_setup(test_stage1_off, setup),
	        cmocka_unit_test_setup(test_stage2_alone, setup),
	        cmocka_unit_test_setup(test_stage2_params, setup),
	        cmocka_unit_test_setup(test_stage1_and_stage2, setup),
	        cmocka_unit_test_setup(test_attribute_combining, setup),
	        cmocka_unit_test_setup(test_hcr_dc, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
