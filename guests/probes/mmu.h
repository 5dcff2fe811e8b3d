/* SPDX-License-Identifier: MIT */
/*
 * Translation tables for the MMU probes and benches (Arm ARM D8, "The
 * AArch64 Virtual Memory System Architecture"): VMSAv8-64, 4 KiB granule,
 * 39-bit VA (TCR_EL1.T0SZ 25) and IPA (VTCR_EL2.T0SZ 25), so every walk
 * starts at level 1 (1 GiB per entry), then level 2 (2 MiB blocks) and
 * level 3 (4 KiB pages). Stage 1 and stage 2 share the descriptor format;
 * only the attribute bits differ. The tables are built with the MMU off.
 *
 * Include probe.h first to get the recording helpers at the end (more than
 * PROBE_MAX_EXC exceptions, and HPFAR_EL2 for stage 2 aborts).
 */
#ifndef MMU_PROBE_H
#define MMU_PROBE_H

#include "rt.h"

#define MMU_PAGE    0x1000ull
#define MMU_BLOCK2M 0x200000ull
#define MMU_OA_MASK 0x0000fffffffff000ull /* output address [47:12] */

/* Descriptor bits (D8.3): [1:0] 0b11 table (level 1/2) or page (level 3), 0b01 block. */
#define PTE_VALID            (1ull << 0)
#define PTE_TABLE            3ull
#define PTE_PAGE             3ull
#define PTE_BLOCK            1ull
#define PTE_ATTRIDX(i)       ((uint64_t)(i) << 2) /* stage 1: MAIR_ELx index */
#define PTE_AP_RO            (1ull << 7)          /* stage 1 AP[2]: read-only (AP[1] 0: no EL0) */
#define PTE_SH_INNER         (3ull << 8)
#define PTE_AF               (1ull << 10)
#define PTE_PXN              (1ull << 53)
#define PTE_UXN              (1ull << 54) /* stage 1 UXN/XN; stage 2 XN[1] */
/* Stage 2 (D8.3.2): MemAttr [5:2] with HCR_EL2.FWB 0, S2AP [7:6]. */
#define S2_MEMATTR_NORMAL_WB (0xfull << 2) /* Outer and Inner Write-Back Cacheable */
#define S2_MEMATTR_DEVICE    (0x0ull << 2) /* Device-nGnRnE */
#define S2_AP_RW             (3ull << 6)

/* MAIR_EL1 (D19.2): Attr0 0x00 Device-nGnRnE, Attr1 0xff Normal Inner/Outer WB RW-allocate. */
#define MAIR_IDX_DEVICE 0
#define MAIR_IDX_NORMAL 1
#define MMU_MAIR        0xff00ull

#define S1_NORMAL (PTE_ATTRIDX(MAIR_IDX_NORMAL) | PTE_SH_INNER | PTE_AF)
#define S1_DEVICE (PTE_ATTRIDX(MAIR_IDX_DEVICE) | PTE_AF | PTE_PXN | PTE_UXN)
#define S2_NORMAL (S2_MEMATTR_NORMAL_WB | S2_AP_RW | PTE_SH_INNER | PTE_AF)

/*
 * TCR_EL1: T0SZ 25, IRGN0/ORGN0 01 (WB RA WA), SH0 11 (Inner Shareable),
 * TG0 00 (4 KiB), EPD1 1 (no TTBR1 walks), IPS 010 (40 bits); HA 0, so an
 * access with AF 0 is an Access flag fault.
 */
#define MMU_TCR_EL1 (25ull | 1ull << 8 | 1ull << 10 | 3ull << 12 | 1ull << 23 | 2ull << 32)
/* VTCR_EL2: T0SZ 25, SL0 01 (start at level 1), IRGN0/ORGN0 01, SH0 11, TG0 00, PS 010, RES1 [31].
 */
#define MMU_VTCR_EL2 \
	(25ull | 1ull << 6 | 1ull << 8 | 1ull << 10 | 3ull << 12 | 2ull << 16 | 1ull << 31)

/* SCTLR_ELx bits */
#define SCTLR_M (1ull << 0)
#define SCTLR_A (1ull << 1)
#define SCTLR_C (1ull << 2)
#define SCTLR_I (1ull << 12)

/* The RAM every image uses (guest.ld links at 0x4000_0000) and the PL011 page. */
#define MMU_RAM_BASE 0x40000000ull
#define MMU_RAM_MAP  (64ull << 20)
#define MMU_UART     0x09000000ull

extern char __image_end[];

#ifndef MMU_POOL_TABLES
#define MMU_POOL_TABLES 16
#endif
static uint64_t mmu_pool[MMU_POOL_TABLES][512] __attribute__((aligned(4096)));
static int mmu_pool_used;

static inline uint64_t *mmu_new_table(void)
{
	uint64_t *t;

	if (mmu_pool_used >= MMU_POOL_TABLES) {
		rt_printf("mmu: table pool exhausted\n");
		rt_exit(2);
	}
	t = mmu_pool[mmu_pool_used++];
	memset(t, 0, 4096);
	return t;
}

/* Index of va at level l (1-3): VA[38:30], [29:21], [20:12]. */
#define MMU_IDX(va, l) ((unsigned int)((va) >> (39 - 9 * (l))) & 511)

/*
 * The descriptor for va at `level` under the level 1 table root, creating
 * the tables on the way (left invalid: a walk for a neighbouring address
 * then ends in a Translation fault at that level).
 */
static inline uint64_t *mmu_entry(uint64_t *root, uint64_t va, int level)
{
	uint64_t *t = root;

	for (int l = 1; l < level; l++) {
		uint64_t *e = &t[MMU_IDX(va, l)];

		if (!(*e & PTE_VALID))
			*e = (uint64_t)mmu_new_table() | PTE_TABLE;
		t = (uint64_t *)(*e & MMU_OA_MASK);
	}
	return &t[MMU_IDX(va, level)];
}

/* Map [va, va + size) to pa with attrs: 2 MiB blocks where aligned, else 4 KiB pages. */
static inline void mmu_map(uint64_t *root, uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs)
{
	while (size) {
		if (!((va | pa) & (MMU_BLOCK2M - 1)) && size >= MMU_BLOCK2M) {
			*mmu_entry(root, va, 2) = pa | attrs | PTE_BLOCK;
			va += MMU_BLOCK2M, pa += MMU_BLOCK2M, size -= MMU_BLOCK2M;
		} else {
			*mmu_entry(root, va, 3) = pa | attrs | PTE_PAGE;
			va += MMU_PAGE, pa += MMU_PAGE, size -= MMU_PAGE;
		}
	}
}

/* Stage 1 identity map of the image's RAM (Normal WB) and the PL011 page (Device-nGnRnE). */
static inline uint64_t *mmu_s1_identity(void)
{
	uint64_t *root = mmu_new_table();

	if ((uint64_t)__image_end > MMU_RAM_BASE + MMU_RAM_MAP) {
		rt_printf("mmu: image larger than the %llu MiB mapped\n", MMU_RAM_MAP >> 20);
		rt_exit(2);
	}
	mmu_map(root, MMU_RAM_BASE, MMU_RAM_BASE, MMU_RAM_MAP, S1_NORMAL);
	mmu_map(root, MMU_UART, MMU_UART, MMU_PAGE, S1_DEVICE);
	return root;
}

/* Stage 2 identity map of the image's RAM (Normal WB, read/write). */
static inline uint64_t *mmu_s2_identity(void)
{
	uint64_t *root = mmu_new_table();

	mmu_map(root, MMU_RAM_BASE, MMU_RAM_BASE, MMU_RAM_MAP, S2_NORMAL);
	return root;
}

/*
 * The tables were written with the MMU off (Device/Non-cacheable accesses):
 * invalidate any stale cached copy before cacheable walks read them.
 */
static inline void mmu_tables_to_walker(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
	for (uint64_t a = (uint64_t)mmu_pool; a < (uint64_t)mmu_pool[mmu_pool_used]; a += 64)
		__asm__ volatile("dc ivac, %0" : : "r"(a) : "memory");
	__asm__ volatile("dsb sy" ::: "memory");
}

/* EL1 stage 1 registers (from EL1 or EL2): MAIR, TCR, TTBR0; MMU and caches on, A 0. */
static inline void mmu_s1_el1_on(uint64_t *root)
{
	mmu_tables_to_walker();
	WRITE_SYSREG(mair_el1, MMU_MAIR);
	WRITE_SYSREG(tcr_el1, MMU_TCR_EL1);
	WRITE_SYSREG(ttbr0_el1, (uint64_t)root);
	__asm__ volatile("dsb sy\n\ttlbi vmalle1\n\tdsb sy\n\tisb" ::: "memory");
	WRITE_SYSREG(sctlr_el1, (READ_SYSREG(sctlr_el1) | SCTLR_M | SCTLR_C | SCTLR_I) & ~SCTLR_A);
}

/* Stage 2 for EL1&0 (at EL2): VTCR, VTTBR (VMID 0), TLBs; HCR_EL2.VM is the caller's. */
static inline void mmu_s2_setup(uint64_t *root)
{
	mmu_tables_to_walker();
	WRITE_SYSREG(vtcr_el2, MMU_VTCR_EL2);
	WRITE_SYSREG(vttbr_el2, (uint64_t)root);
	__asm__ volatile("dsb sy\n\ttlbi vmalls12e1\n\tdsb sy\n\tisb" ::: "memory");
}

#ifdef PROBE_H
/*
 * Recording for probes that take more than PROBE_MAX_EXC exceptions: each
 * one goes through probe_record() (PSTATE in the handler) into mmu_seen[],
 * with HPFAR_EL2 when taken to EL2; mmu_expect() checks one with
 * probe_expect(), mmu_done() gives the verdict.
 */
#define MMU_MAX_EXC 16
static struct probe_exc mmu_seen[MMU_MAX_EXC];
static uint64_t mmu_seen_hpfar[MMU_MAX_EXC];
static int mmu_taken;

static inline struct probe_exc *mmu_record(const struct rt_exc_frame *f)
{
	struct probe_exc *e;

	if (mmu_taken >= MMU_MAX_EXC)
		return NULL;
	probe_taken = 0;
	e = probe_record(f);
	mmu_seen[mmu_taken] = *e;
	mmu_seen_hpfar[mmu_taken] = e->el == 2 ? READ_SYSREG(hpfar_el2) : 0;
	probe_taken = 0;
	return &mmu_seen[mmu_taken++];
}

static inline void mmu_expect(int n, const char *what, const struct probe_want *w)
{
	rt_printf("%s:\n", what);
	if (n >= mmu_taken) {
		probe_check("exceptions taken", (uint64_t)mmu_taken, (uint64_t)n + 1);
		return;
	}
	probe_seen[0] = mmu_seen[n];
	probe_taken = 1;
	probe_expect(0, w);
	probe_taken = 0;
}

static inline int mmu_done(const char *name, int expected)
{
	probe_taken = mmu_taken;
	return probe_done(name, expected);
}
#endif

#endif
