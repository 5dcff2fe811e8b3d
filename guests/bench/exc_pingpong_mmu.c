/* SPDX-License-Identifier: MIT */
/*
 * exc_pingpong (HVC round trips EL1 -> EL2 -> EL1) with EL1's stage 1 MMU
 * on: RAM identity-mapped Normal Write-Back, SCTLR_EL1.M, C, I (mmu.h from
 * guests/probes). Built with -DMMU_S2, stage 2 is on too (HCR_EL2.VM, RAM
 * identity-mapped at stage 2), so every EL1 fetch and access goes through
 * both stages. Started at EL2; EL2's own MMU stays off. The workload is
 * exc_pingpong.c itself, its main() renamed.
 */
#define main pingpong_main
#include "exc_pingpong.c"
#undef main

#include "../probes/mmu.h"

int main(void)
{
	if (rt_current_el() != 2) {
		rt_printf("exc_pingpong_mmu: start me at EL2\n");
		return 1;
	}
	uint64_t *s1 = mmu_s1_identity();
#ifdef MMU_S2
	mmu_s2_setup(mmu_s2_identity());
	WRITE_SYSREG(hcr_el2, READ_SYSREG(hcr_el2) | HCR_VM);
	rt_printf("exc_pingpong_mmu: EL1 stage 1 and stage 2 on\n");
#else
	rt_printf("exc_pingpong_mmu: EL1 stage 1 on\n");
#endif
	mmu_s1_el1_on(s1);
	return pingpong_main();
}
