/* SPDX-License-Identifier: MIT */
/*
 * Stage 2 translation (Arm ARM D8 "The AArch64 Virtual Memory System
 * Architecture"): each VM's IPA space, walked by the MMU after the guest's
 * own stage 1, with a VMID that tags its TLB entries so no switch needs a
 * TLB flush.
 *
 * Layout (VTCR_EL2: 4 KiB granule, T0SZ 25 = 39-bit IPA, SL0 1 = the walk
 * starts at level 1):
 *
 *   IPA GUEST_RAM_IPA .. + GUEST_RAM_SIZE   -> the VM's own RAM (vm.c), 2 MiB
 *                                             blocks at level 2, Normal
 *                                             Write-Back, read/write/execute
 *   IPA GUEST_UART_IPA (0x0900_0000)        -> nothing: level 1 entry 0 is
 *                                             invalid, so every access is a
 *                                             Translation fault, level 1,
 *                                             EC 0x24 with ISV; traps.c
 *                                             emulates the PL011 there
 *   anything else                           -> nothing: a guest mistake,
 *                                             injected back as an abort
 *
 * Two tables per VM: the level 1 table (the root, 8 entries cover 512 GiB)
 * and one level 2 table for the 1 GiB from 0x4000_0000.
 */
#include "hyp.h"

#define PTE_VALID     (1ull << 0)
#define PTE_TABLE     (3ull << 0)
#define PTE_BLOCK     (1ull << 0)
/* Stage 2 block attributes (Arm ARM D8, "Stage 2 memory region attributes"), HCR_EL2.FWB 0. */
#define S2_MEMATTR_WB (0xfull << 2) /* Normal, Outer and Inner Write-Back Cacheable */
#define S2_AP_RW      (3ull << 6)   /* S2AP: read and write */
#define S2_SH_INNER   (3ull << 8)
#define S2_AF         (1ull << 10) /* no Access flag faults */
#define S2_RAM        (S2_MEMATTR_WB | S2_AP_RW | S2_SH_INNER | S2_AF | PTE_BLOCK)
#define BLOCK_2M      0x200000ull
#define L1_INDEX(ipa) (((ipa) >> 30) & 511)
#define L2_INDEX(ipa) (((ipa) >> 21) & 511)

/*
 * VTCR_EL2 (D19.2 "VTCR_EL2"): T0SZ [5:0] 25, SL0 [7:6] 1 (start at level
 * 1), IRGN0 [9:8] 1 and ORGN0 [11:10] 1 (walks are Write-Back cacheable),
 * SH0 [13:12] 3 (Inner Shareable), TG0 [15:14] 0 (4 KiB), PS [18:16] 2
 * (40-bit PA), RES1 [31].
 */
#define VTCR_VALUE \
	(25ull | 1ull << 6 | 1ull << 8 | 1ull << 10 | 3ull << 12 | 2ull << 16 | 1ull << 31)

static uint64_t s2_tables[HYP_NR_VMS][2][512]
        __attribute__((aligned(4096), section(".bss.pagetables")));

void stage2_init(void)
{
	write_sysreg(vtcr_el2, VTCR_VALUE);
	isb();
}

/*
 * The tables were written with hyp/'s MMU off (Device accesses, no cache
 * allocation), and the walker reads them cacheably: invalidate stale lines
 * (Arm ARM, "Translation table walks"
 * and cache maintenance).
 */
static void tables_to_walker(const void *start, size_t size)
{
	dsb(sy);
	for (uintptr_t a = (uintptr_t)start; a < (uintptr_t)start + size; a += 64)
		__asm__ volatile("dc ivac, %0" : : "r"(a) : "memory");
	dsb(sy);
}

/* Build VM index's tables: GUEST_RAM_IPA -> ram_pa. Returns its VTTBR_EL2 (root | VMID). */
uint64_t stage2_build(unsigned int index, uint64_t ram_pa, uint64_t vmid)
{
	uint64_t *l1 = s2_tables[index][0], *l2 = s2_tables[index][1];

	memset(s2_tables[index], 0, sizeof(s2_tables[index]));
	l1[L1_INDEX(GUEST_RAM_IPA)] = (uint64_t)l2 | PTE_TABLE;
	for (uint64_t off = 0; off < GUEST_RAM_SIZE; off += BLOCK_2M)
		l2[L2_INDEX(GUEST_RAM_IPA + off)] = (ram_pa + off) | S2_RAM;
	tables_to_walker(s2_tables[index], sizeof(s2_tables[index]));

	/* No TLB entry of this VMID may survive from before (Arm ARM D8, "TLB maintenance"). */
	write_sysreg(vttbr_el2, (uint64_t)l1 | vmid << VTTBR_VMID_SHIFT);
	isb();
	__asm__ volatile("tlbi vmalls12e1\n\tdsb sy\n\tisb" ::: "memory");
	return (uint64_t)l1 | vmid << VTTBR_VMID_SHIFT;
}
