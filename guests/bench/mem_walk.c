/* SPDX-License-Identifier: MIT */
/*
 * Memory walker for bench/: loads and stores through EL1's stage 1 MMU over
 * an 8 MiB buffer mapped with 4 KiB pages (2048 of them), so every access
 * is translated and a simulator's TLB sees many more pages than it holds.
 * Started at EL2, which builds the tables (guests/probes/mmu.h: 4 KiB
 * granule, 39-bit VA, Arm ARM D8 "The AArch64 Virtual Memory System
 * Architecture") and turns EL1's stage 1 on; the walk runs at EL1 and EL2's
 * own MMU stays off.
 *
 * The buffer's VA range, WALK_VA (4 GiB, level 1 entry 4), is mapped page by
 * page (level 3 descriptors) onto the physical pages at WALK_PA in a
 * scrambled order: VA page i -> PA page (i * WALK_SCRAMBLE) mod 2048. The
 * physical range is also identity-mapped (2 MiB blocks), so the walker can
 * check at the end, through that second mapping, that each VA page's data
 * landed on the physical page its descriptor names.
 *
 * Each of WALK_ROUNDS rounds: a sequential read-modify-write of every
 * 64-bit word (one TLB miss per page and access kind, 511 hits after it),
 * then a walk with a stride of one page plus one word that visits
 * 4 x 2048 pages in a row, each one a different page (TLB misses, page
 * table walks). A sum over what was read is printed; bench/bench.py
 * requires it to be the same on el2sim and QEMU.
 */
#include "rt.h"

#include "../probes/mmu.h"

#define WALK_VA       0x100000000ull
#define WALK_PA       0x48000000ull /* 128 MiB into RAM, clear of the image and its tables */
#define WALK_SIZE     (8ull << 20)
#define WALK_PAGES    (WALK_SIZE / MMU_PAGE)
#define WALK_WORDS    (WALK_SIZE / 8)
#define WALK_SCRAMBLE 1237u /* odd: multiplying by it mod 2048 is a permutation */
#define WALK_ROUNDS   64
#define WALK_STRIDES  (4 * WALK_PAGES)

static uint64_t walk_page_pa(uint64_t page)
{
	return WALK_PA + (page * WALK_SCRAMBLE % WALK_PAGES) * MMU_PAGE;
}

/* The walk, at EL1 with stage 1 on; returns the sum of what it read, or 0 on a mismatch. */
static uint64_t walk_el1(uint64_t rounds)
{
	volatile uint64_t *w = (volatile uint64_t *)WALK_VA;
	uint64_t sum = 0;

	for (uint64_t i = 0; i < WALK_WORDS; i++)
		w[i] = i * 0x9e3779b97f4a7c15ull;
	for (uint64_t r = 0; r < rounds; r++) {
		/* sequential: load, mix, store back */
		for (uint64_t i = 0; i < WALK_WORDS; i++) {
			uint64_t v = w[i];

			sum += v;
			w[i] = (v ^ (v >> 29)) + r;
		}
		/* a new page every access: stride one page and one word, wrapping */
		uint64_t idx = r;

		for (uint64_t k = 0; k < WALK_STRIDES; k++) {
			uint64_t v = w[idx];

			sum ^= v + k;
			w[idx] = v + 1;
			idx = (idx + MMU_PAGE / 8 + 1) & (WALK_WORDS - 1);
		}
	}
	/* the scrambled mapping: word 0 of VA page p is word 0 of PA page (p * 1237) mod 2048 */
	for (uint64_t p = 0; p < WALK_PAGES; p++) {
		w[p * (MMU_PAGE / 8)] = p ^ 0x5a5a5a5aull;
		if (*(volatile uint64_t *)walk_page_pa(p) != (p ^ 0x5a5a5a5aull))
			return 0;
	}
	return sum ? sum : 1;
}

int main(void)
{
	uint64_t *root, sum;

	if (rt_current_el() != 2) {
		rt_printf("mem_walk: start me at EL2\n");
		return 1;
	}
	if ((uint64_t)__image_end > WALK_PA) {
		rt_printf("mem_walk: image overlaps the buffer\n");
		return 1;
	}
	root = mmu_s1_identity();
	mmu_map(root, WALK_PA, WALK_PA, WALK_SIZE, S1_NORMAL);
	/* 4 KiB pages, never blocks: one level 3 descriptor per page (D8.3.1) */
	for (uint64_t p = 0; p < WALK_PAGES; p++)
		*mmu_entry(root, WALK_VA + p * MMU_PAGE, 3) =
		        walk_page_pa(p) | S1_NORMAL | PTE_PAGE;
	mmu_s1_el1_on(root);

	sum = rt_lower_call(walk_el1, WALK_ROUNDS);
	if (!sum) {
		rt_printf(
		        "mem_walk: FAIL: a VA page's data is not at the PA its descriptor names\n");
		return 1;
	}
	rt_printf("mem_walk: %llu MiB in %llu pages, %d rounds, sum %016llx\n", WALK_SIZE >> 20,
	          WALK_PAGES, WALK_ROUNDS, (unsigned long long)sum);
	return 0;
}
