/*
 * Address translation (Arm ARM D8, "The AArch64 Virtual Memory System
 * Architecture"; pseudocode AArch64.TranslateAddress, AArch64.S1Translate,
 * AArch64.S2Translate and the walk functions): stage 1 for the EL1&0, EL2
 * and EL3 regimes, stage 2 for the EL1&0 regime under HCR_EL2.VM. A pure
 * function of the system registers and of memory read through a callback:
 * it knows nothing of the soft TLB or the CPU struct.
 */
#ifndef EL2SIM_MMU_H
#define EL2SIM_MMU_H

#include <stdbool.h>
#include <stdint.h>

/* Kinds of access */
#define MMU_READ   0u
#define MMU_WRITE  1u
#define MMU_FETCH  2u
#define MMU_UNPRIV 4u /* LDTR/STTR: permissions as for EL0 (PAN/UAO aside) */
#define MMU_AT     8u /* an AT instruction: the walk, no access flag update */
#define MMU_S1ONLY                                                           \
	16u /* AT S1E0*, S1E1*: stage 1 only, the output is the IPA (stage-1 \
	       walks still go through stage 2) */

/* Where the walk reads descriptors and what it knows of the PE. */
struct mmu_ctx {
	const uint64_t *sr; /* system registers by enum sysreg_id */
	uint8_t el;         /* the EL of the access (before MMU_UNPRIV) */
	bool el2_enabled;
	/*
	 * Read 8 bytes of descriptor at physical address pa (little-endian).
	 * Return 0, or -1 when nothing is there (a synchronous External abort
	 * on the walk).
	 */
	int (*read_desc)(void *opaque, uint64_t pa, uint64_t *desc);
	void *opaque;
};

/* The outcome of a translation. */
struct mmu_result {
	bool fault;
	/* success */
	uint64_t pa;
	uint8_t mair_attr;   /* the memory attribute byte (MAIR encoding), stage 2 combined */
	bool device;         /* Device memory (any Device-xxx type) */
	bool global;         /* nG = 0 (stage 1) */
	uint64_t block_size; /* the size of the mapping that translated it, bytes */
	/* fault: the FSC for ESR (DFSC/IFSC, level included), and for a stage-2
	 * fault the IPA (HPFAR_EL2) and whether it happened on a stage-1 walk */
	uint8_t fsc;
	bool stage2;
	bool s1ptw;
	uint64_t ipa;
};

/*
 * Translate va for an access of kind `access` (MMU_READ/WRITE/FETCH, with
 * MMU_UNPRIV/MMU_AT) at ctx->el through the regime that EL uses (EL0/1:
 * EL1&0, with stage 2 when HCR_EL2.VM and EL2 is enabled; EL2; EL3). When
 * stage 1 is off, the flat mapping of the Arm ARM applies (Device memory for
 * data unless HCR_EL2.DC, Normal for fetches, the PA range checked). Always
 * returns with *r filled; r->fault says whether it faulted.
 */
void mmu_translate(const struct mmu_ctx *ctx, uint64_t va, unsigned access, struct mmu_result *r);

#endif
