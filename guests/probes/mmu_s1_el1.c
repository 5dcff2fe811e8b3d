/* SPDX-License-Identifier: MIT */
/*
 * Probe: the EL1&0 stage 1 MMU from the guest's side (Arm ARM D8), started
 * at EL1. 4 KiB granule, 39-bit VA (mmu.h): RAM identity-mapped as Normal
 * Write-Back, the PL011 page as Device-nGnRnE; MAIR/TCR/TTBR0_EL1 set, then
 * SCTLR_EL1.M, C, I (A 0). Checked with the MMU on:
 *
 * - code keeps running, initialised data reads back, the PL011 prints;
 * - a second VA (TEST_VA) for a data page reads the same bytes, and a store
 *   through one VA is seen through the other;
 * - an unaligned load and store to Normal memory succeed (SCTLR_EL1.A 0);
 * - Data Aborts from the current EL (EC 0x25, IL 1, vector 0x200, FAR the
 *   VA, ELR the access; D19.2 "ISS encoding for an exception from a Data
 *   Abort"), DFSC with the level: Translation fault at level 1, 2, 3
 *   (0b0001ll), Permission fault writing a read-only page (level 3) and a
 *   read-only 2 MiB block (level 2) (0b0011ll, WnR 1), Access flag fault
 *   (0b0010ll) for a load and a store to a page with AF 0 (TCR_EL1.HA 0).
 *
 * ISV: the Arm ARM requires ISV 0 in ESR_EL2 except for the listed stage 2
 * aborts; this probe accepts ISV 0 or 1 in ESR_EL1, but with ISV 1 the
 * instruction syndrome (SAS, SSE, SRT, SF, AR) must be the access's.
 */
#include "probe.h"
#include "mmu.h"

#define TEST_VA      0x100000000ull       /* level 1 index 4 */
#define VA_ALIAS     (TEST_VA + 0x0000)   /* -> data_page, read/write */
#define VA_UNMAPPED3 (TEST_VA + 0x1000)   /* level 3 descriptor invalid */
#define VA_RO        (TEST_VA + 0x2000)   /* -> data_page, read-only */
#define VA_NOAF      (TEST_VA + 0x3000)   /* -> data_page, AF 0 */
#define VA_UNMAPPED2 (TEST_VA + 0x200000) /* level 2 descriptor invalid */
#define VA_RO_BLOCK  (TEST_VA + 0x400000) /* 2 MiB block -> RAM base, read-only */
#define VA_UNMAPPED1 0x4000000000ull      /* level 1 index 256, invalid */

#define DFSC_TRANS(l) (0x04u | (l))
#define DFSC_AF(l)    (0x08u | (l))
#define DFSC_PERM(l)  (0x0cu | (l))
#define ISS_WNR       (1u << 6)
#define ISS_ISV       (1u << 24)
/* Instruction syndrome: SAS [23:22], SSE [21], SRT [20:16], SF [15]. */
#define SYN(sas, sse, srt, sf) \
	((uint32_t)(sas) << 22 | (uint32_t)(sse) << 21 | (srt) << 16 | (sf) << 15)

static uint8_t data_page[4096] __attribute__((aligned(4096)));
static const uint32_t known[4] = {0x01234567, 0x89abcdef, 0xdeadbeef, 0x0badf00d};
static volatile uint64_t initialised = 0x5a5aa5a5c3c33c3cull;

extern const char f_trans3[], f_trans2[], f_trans1[], f_perm3[], f_perm2[], f_af_ld[], f_af_st[];

int rt_exc_hook(struct rt_exc_frame *f)
{
	if (!mmu_record(f))
		return 0;
	f->elr += 4;
	return 1;
}

/* One access that must fault: asm with a global label, x10 the data register. */
#define FAULT(label, insn, addr)                                               \
	__asm__ volatile(PROBE_PSTATE_SET ".globl " label "\n" label ": " insn \
	                 :                                                     \
	                 : "r"(addr)                                           \
	                 : "x9", "x10", "cc", "memory")

static int n_checked;

static void expect_dabt(const char *what, const char *insn, uint64_t far, uint32_t dfsc, int wnr,
                        uint32_t syn)
{
	int n = n_checked++;
	uint64_t iss = dfsc | (wnr ? ISS_WNR : 0);

	if (n < mmu_taken && (mmu_seen[n].f.esr & ISS_ISV))
		iss |= ISS_ISV | syn;
	mmu_expect(n, what,
	           &(struct probe_want){
	                   .slot = SLOT_CUR_SPX_SYNC,
	                   .el = 1,
	                   .esr = PROBE_ESR(0x25, 1, iss),
	                   .elr = (uint64_t)insn,
	                   .spsr = PROBE_NZCV | SPSR_DAIF | SPSR_EL1H,
	                   .far_valid = 1,
	                   .far = far,
	           });
}

static uint64_t rd64(uint64_t va)
{
	return *(volatile uint64_t *)va;
}

int main(void)
{
	uint64_t *root, v, want, block_word;

	if (rt_current_el() != 1) {
		rt_printf("mmu_s1_el1: start me at EL1\n");
		return 1;
	}
	root = mmu_s1_identity();
	mmu_map(root, VA_ALIAS, (uint64_t)data_page, MMU_PAGE, S1_NORMAL);
	(void)mmu_entry(root, VA_UNMAPPED3, 3); /* the level 3 table exists, the entry does not */
	mmu_map(root, VA_RO, (uint64_t)data_page, MMU_PAGE, S1_NORMAL | PTE_AP_RO);
	mmu_map(root, VA_NOAF, (uint64_t)data_page, MMU_PAGE, S1_NORMAL & ~PTE_AF);
	mmu_map(root, VA_RO_BLOCK, MMU_RAM_BASE, MMU_BLOCK2M, S1_NORMAL | PTE_AP_RO);
	mmu_s1_el1_on(root);

	probe_check("SCTLR_EL1.M|C|I|A",
	            READ_SYSREG(sctlr_el1) & (SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_A),
	            SCTLR_M | SCTLR_C | SCTLR_I);
	/* Data through the identity map, and the PL011 through its Device page. */
	probe_check("initialised .data", initialised, 0x5a5aa5a5c3c33c3cull);
	probe_check("known[1] (.rodata)", *(volatile const uint32_t *)&known[1], 0x89abcdef);
	rt_console_flush();
	rt_console_use(RT_CONSOLE_PL011);
	rt_printf("mmu_s1_el1: MMU on, this line through the PL011's Device-nGnRnE page\n");
	rt_console_use(RT_CONSOLE_SEMIHOST);

	/* The alias: same bytes, both ways; the read-only alias reads them too. */
	for (unsigned int i = 0; i < sizeof(data_page); i++)
		((volatile uint8_t *)data_page)[i] = (uint8_t)(i * 7 + 3);
	for (unsigned int off = 0; off < sizeof(data_page); off += 8) {
		want = rd64((uint64_t)data_page + off);
		if (rd64(VA_ALIAS + off) != want || rd64(VA_RO + off) != want) {
			probe_check("alias read", rd64(VA_ALIAS + off), want);
			break;
		}
	}
	*(volatile uint64_t *)(VA_ALIAS + 0x80) = 0x1122334455667788ull;
	probe_check("store via alias, read via identity", rd64((uint64_t)data_page + 0x80),
	            0x1122334455667788ull);
	probe_check("RO 2 MiB block reads the image's first word", rd64(VA_RO_BLOCK),
	            rd64(MMU_RAM_BASE));

	/* Unaligned load and store to Normal memory (-mstrict-align: by hand). */
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"((uint64_t)data_page + 0x101) : "memory");
	want = 0;
	for (int i = 7; i >= 0; i--)
		want = want << 8 | data_page[0x101 + i];
	probe_check("unaligned 8-byte load at +0x101", v, want);
	__asm__ volatile("str %w0, [%1]"
	                 :
	                 : "r"(0xcafef00du), "r"((uint64_t)data_page + 0x203)
	                 : "memory");
	v = (uint64_t)data_page[0x203] | (uint64_t)data_page[0x204] << 8 |
	    (uint64_t)data_page[0x205] << 16 | (uint64_t)data_page[0x206] << 24;
	probe_check("unaligned 4-byte store at +0x203", v, 0xcafef00d);
	probe_check("exceptions before the faults", (uint64_t)mmu_taken, 0);

	block_word = rd64(VA_RO_BLOCK + 0x100);
	FAULT("f_trans3", "ldr x10, [%0]", VA_UNMAPPED3 + 0x18);
	FAULT("f_trans2", "ldr w10, [%0]", VA_UNMAPPED2 + 0x24);
	FAULT("f_trans1", "ldrb w10, [%0]", VA_UNMAPPED1 + 0x5);
	FAULT("f_perm3", "str w10, [%0]", VA_RO + 0x30);
	FAULT("f_perm2", "str x10, [%0]", VA_RO_BLOCK + 0x100);
	FAULT("f_af_ld", "ldrsh x10, [%0]", VA_NOAF + 0x8);
	FAULT("f_af_st", "strh w10, [%0]", VA_NOAF + 0x40);

	expect_dabt("translation fault, level 3", f_trans3, VA_UNMAPPED3 + 0x18, DFSC_TRANS(3), 0,
	            SYN(3, 0, 10, 1));
	expect_dabt("translation fault, level 2", f_trans2, VA_UNMAPPED2 + 0x24, DFSC_TRANS(2), 0,
	            SYN(2, 0, 10, 0));
	expect_dabt("translation fault, level 1", f_trans1, VA_UNMAPPED1 + 0x5, DFSC_TRANS(1), 0,
	            SYN(0, 0, 10, 0));
	expect_dabt("permission fault, level 3 page", f_perm3, VA_RO + 0x30, DFSC_PERM(3), 1,
	            SYN(2, 0, 10, 0));
	expect_dabt("permission fault, level 2 block", f_perm2, VA_RO_BLOCK + 0x100, DFSC_PERM(2),
	            1, SYN(3, 0, 10, 1));
	expect_dabt("access flag fault, load", f_af_ld, VA_NOAF + 0x8, DFSC_AF(3), 0,
	            SYN(1, 1, 10, 1));
	expect_dabt("access flag fault, store", f_af_st, VA_NOAF + 0x40, DFSC_AF(3), 1,
	            SYN(1, 0, 10, 0));
	want = 0;
	for (int i = 3; i >= 0; i--)
		want = want << 8 | (uint8_t)((0x30 + i) * 7 + 3);
	probe_check("read-only page unchanged by the faulting store",
	            *(volatile uint32_t *)(VA_RO + 0x30), want);
	probe_check("read-only block unchanged by the faulting store", rd64(VA_RO_BLOCK + 0x100),
	            block_word);
	return mmu_done("mmu_s1_el1", 7);
}
