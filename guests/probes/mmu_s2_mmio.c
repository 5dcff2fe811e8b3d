/* SPDX-License-Identifier: MIT */
/*
 * Probe: stage 2 translation and MMIO emulation, the way a hypervisor traps
 * a guest's device accesses (Arm ARM D8, D19.2 ESR_EL2, HPFAR_EL2). Started
 * at EL2: VTCR_EL2/VTTBR_EL2 (mmu.h: 4 KiB granule, 39-bit IPA, walk from
 * level 1) identity-map the image's RAM, HCR_EL2.VM 1; the IPA page
 * MMIO_IPA is left invalid at level 3, an "emulated device". EL1 code
 * (rt_lower_call) makes single loads and stores to it; each is a Data Abort
 * from a lower EL taken to EL2 (vector 0x400, EC 0x24, IL 1) with:
 *
 * - ISV 1 and the instruction syndrome (a stage 2 abort on a load or store
 *   of one general-purpose register without writeback): SAS the access
 *   size, SSE sign extension, SRT the register, SF a 64-bit register, AR 0;
 * - WnR, DFSC Translation fault at level 3 (0b000111), FnV 0, S1PTW 0;
 * - FAR_EL2 the VA, HPFAR_EL2.FIPA [43:4] = IPA[47:12].
 *
 * The handler emulates the access as a hypervisor does (the load's value,
 * sign- or zero-extended, into frame->x[SRT]; a store's value from it) and
 * skips the instruction. An LDP to the page has no instruction syndrome:
 * ISV 0, ISS[23:14] 0. Also a load and a store to IPAs whose walk ends at
 * an invalid level 2 and level 1 descriptor (DFSC 0b000110, 0b000101).
 *
 * Run twice: with EL1's stage 1 off (VA = IPA) and on, the page then at
 * VA MMIO_VA through a Device-nGnRnE stage 1 mapping, so FAR_EL2 (the VA)
 * and HPFAR_EL2 (the IPA) differ.
 */
#include "probe.h"
#include "mmu.h"

#define MMIO_IPA  0x10000000ull  /* level 1 index 0, level 2 index 128 */
#define MMIO_VA   0x100007000ull /* stage 1 -> MMIO_IPA (second run) */
#define DEV_OFF   0x40u          /* the device's registers: page offset 0x40-0x7f */
#define IPA_HOLE2 0x10200000ull  /* level 2 index 129: invalid */
#define IPA_HOLE1 0x80000000ull  /* level 1 index 2: invalid */

#define DFSC_TRANS(l) (0x04u | (l))
#define ISS_WNR       (1u << 6)
#define ISS_ISV       (1u << 24)
#define ISS_SSE       (1u << 21)
#define ISS_SF        (1u << 15)
/* ISV 1 with SAS [23:22], SSE [21], SRT [20:16], SF [15]. */
#define SYN(sas, sse, srt, sf) \
	(ISS_ISV | (uint32_t)(sas) << 22 | (uint32_t)(sse) << 21 | (srt) << 16 | (sf) << 15)

#define STORE_X5 0x1122334455667788ull
#define STORE_W6 0x5au
#define SENTINEL 0x5e5e5e5eull

static uint8_t dev[64];
struct call_args {
	uint64_t a, b;
};
static struct call_args args;
static uint64_t results[4];

/*
 * x0 -> {base (DEV_OFF into the page), results}. Loads land in x3, x7 and
 * (not emulated) x10/x11; results[] = {x3, x7, x10, x11}.
 */
extern const char m_ldr[], m_str[], m_ldrsh[], m_strb[], m_ldp[];
PROBE_LOWER_FN(s2_mmio_fn,
               "ldp x1, x2, [x0]\n\t"
               "movz x5, #0x7788\n\tmovk x5, #0x5566, lsl #16\n\t"
               "movk x5, #0x3344, lsl #32\n\tmovk x5, #0x1122, lsl #48\n\t"
               "mov w6, #0x5a\n\t"
               "movz x10, #0x5e5e\n\tmovk x10, #0x5e5e, lsl #16\n\tmov x11, x10\n\t" PROBE_NZCV_SET
               ".globl m_ldr\nm_ldr: ldr w3, [x1]\n\t"
               ".globl m_str\nm_str: str x5, [x1, #8]\n\t"
               ".globl m_ldrsh\nm_ldrsh: ldrsh x7, [x1, #2]\n\t"
               ".globl m_strb\nm_strb: strb w6, [x1, #3]\n\t"
               ".globl m_ldp\nm_ldp: ldp x10, x11, [x1, #16]\n\t"
               "stp x3, x7, [x2]\n\t"
               "stp x10, x11, [x2, #16]\n\t"
               "mov x0, #0");

/* x0 -> {address behind an invalid level 2 descriptor, one behind a level 1}. */
extern const char m_hole2[], m_hole1[];
PROBE_LOWER_FN(s2_levels_fn,
               "ldp x1, x2, [x0]\n\t" PROBE_NZCV_SET ".globl m_hole2\nm_hole2: ldr x4, [x1]\n\t"
               ".globl m_hole1\nm_hole1: str w4, [x2]\n\t"
               "mov x0, #0");

/* The hypervisor: emulate single-register accesses to the device page, skip the instruction. */
int rt_exc_hook(struct rt_exc_frame *f)
{
	uint64_t esr = f->esr, ipa, v;
	unsigned int size, srt, off;

	if (rt_current_el() != 2 || (esr >> 26 & 0x3f) != 0x24 || !mmu_record(f))
		return 0;
	ipa = (mmu_seen_hpfar[mmu_taken - 1] >> 4 & 0xfffffffffull) << 12 | (f->far & 0xfff);
	size = 1u << (esr >> 22 & 3);
	srt = esr >> 16 & 31;
	off = (unsigned int)(ipa & 0xfff) - DEV_OFF;
	if ((esr & ISS_ISV) && (ipa & ~0xfffull) == MMIO_IPA && off + size <= sizeof(dev)) {
		if (esr & ISS_WNR) {
			v = srt == 31 ? 0 : f->x[srt];
			for (unsigned int i = 0; i < size; i++)
				dev[off + i] = (uint8_t)(v >> 8 * i);
		} else {
			v = 0;
			for (unsigned int i = 0; i < size; i++)
				v |= (uint64_t)dev[off + i] << 8 * i;
			if ((esr & ISS_SSE) && size < 8 && (v >> (8 * size - 1) & 1))
				v |= ~0ull << 8 * size;
			if (!(esr & ISS_SF))
				v &= 0xffffffffull;
			if (srt != 31)
				f->x[srt] = v;
		}
	}
	f->elr += 4;
	return 1;
}

static void expect_s2(int n, const char *what, const char *insn, uint64_t far, uint64_t ipa,
                      uint32_t iss)
{
	mmu_expect(n, what,
	           &(struct probe_want){
	                   .slot = SLOT_LOWER64_SYNC,
	                   .el = 2,
	                   .esr = PROBE_ESR(0x24, 1, iss),
	                   .elr = (uint64_t)insn,
	                   .spsr = PROBE_NZCV | SPSR_DAIF | SPSR_EL1H,
	                   .far_valid = 1,
	                   .far = far,
	           });
	if (n < mmu_taken) {
		rt_printf("  HPFAR_EL2 0x%lx\n", (unsigned long)mmu_seen_hpfar[n]);
		probe_check("HPFAR_EL2 (FIPA = IPA[47:12] at [43:4])", mmu_seen_hpfar[n],
		            (ipa >> 12) << 4);
	}
}

/* One run of s2_mmio_fn with the device page at va; returns the next exception's index. */
static int mmio_run(int n, uint64_t va, const char *tag)
{
	uint64_t base = va + DEV_OFF;
	const uint32_t t3 = DFSC_TRANS(3);
	char what[96];

	for (unsigned int i = 0; i < sizeof(dev); i++)
		dev[i] = (uint8_t)(0xa0 + i);
	args = (struct call_args){base, (uint64_t)results};
	memset(results, 0, sizeof(results));
	rt_lower_call(s2_mmio_fn, (uint64_t)&args);

	rt_snprintf(what, sizeof(what), "%s: ldr w3, [x1]", tag);
	expect_s2(n++, what, m_ldr, base, MMIO_IPA, SYN(2, 0, 3, 0) | t3);
	rt_snprintf(what, sizeof(what), "%s: str x5, [x1, #8]", tag);
	expect_s2(n++, what, m_str, base + 8, MMIO_IPA, SYN(3, 0, 5, 1) | ISS_WNR | t3);
	rt_snprintf(what, sizeof(what), "%s: ldrsh x7, [x1, #2]", tag);
	expect_s2(n++, what, m_ldrsh, base + 2, MMIO_IPA, SYN(1, 1, 7, 1) | t3);
	rt_snprintf(what, sizeof(what), "%s: strb w6, [x1, #3]", tag);
	expect_s2(n++, what, m_strb, base + 3, MMIO_IPA, SYN(0, 0, 6, 0) | ISS_WNR | t3);
	rt_snprintf(what, sizeof(what), "%s: ldp x10, x11, [x1, #16] (ISV 0)", tag);
	expect_s2(n++, what, m_ldp, base + 16, MMIO_IPA, t3);

	probe_check("emulated ldr w3 (zero-extended)", results[0], 0xa3a2a1a0ull);
	probe_check("emulated ldrsh x7 (sign-extended)", results[1], 0xffffffffffffa3a2ull);
	probe_check("x10 after the skipped ldp", results[2], SENTINEL);
	probe_check("x11 after the skipped ldp", results[3], SENTINEL);
	uint64_t stored = 0;
	for (int i = 7; i >= 0; i--)
		stored = stored << 8 | dev[8 + i];
	probe_check("device bytes 8-15 after str x5", stored, STORE_X5);
	probe_check("device byte 3 after strb w6", dev[3], STORE_W6);
	probe_check("device byte 4 untouched", dev[4], 0xa4);
	return n;
}

int main(void)
{
	uint64_t *s2, *s1, hcr;
	int n;

	if (rt_current_el() != 2) {
		rt_printf("mmu_s2_mmio: start me at EL2\n");
		return 1;
	}
	s2 = mmu_s2_identity();
	(void)mmu_entry(s2, MMIO_IPA, 3); /* its level 3 table exists, the entry does not */
	/* s1 tables too, before the pool is handed to the walker */
	s1 = mmu_s1_identity();
	mmu_map(s1, MMIO_VA, MMIO_IPA, MMU_PAGE, S1_DEVICE);
	mmu_s2_setup(s2);
	hcr = READ_SYSREG(hcr_el2);
	WRITE_SYSREG(hcr_el2, hcr | HCR_VM);

	/* Stage 1 off: VA = IPA. */
	n = mmio_run(0, MMIO_IPA, "stage 1 off");
	args = (struct call_args){IPA_HOLE2 + 0x10, IPA_HOLE1 + 0x20};
	rt_lower_call(s2_levels_fn, (uint64_t)&args);
	expect_s2(n++, "ldr x4 behind an invalid level 2 descriptor", m_hole2, IPA_HOLE2 + 0x10,
	          IPA_HOLE2, SYN(3, 0, 4, 1) | DFSC_TRANS(2));
	expect_s2(n++, "str w4 behind an invalid level 1 descriptor", m_hole1, IPA_HOLE1 + 0x20,
	          IPA_HOLE1, SYN(2, 0, 4, 0) | ISS_WNR | DFSC_TRANS(1));

	/* Stage 1 on at EL1: the device page at MMIO_VA. */
	mmu_s1_el1_on(s1);
	n = mmio_run(n, MMIO_VA, "stage 1 on");
	WRITE_SYSREG(sctlr_el1, READ_SYSREG(sctlr_el1) & ~SCTLR_M);
	WRITE_SYSREG(hcr_el2, hcr);
	probe_check("exceptions counted", (uint64_t)n, 12);
	return mmu_done("mmu_s2_mmio", 12);
}
