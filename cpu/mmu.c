/*
 * Address translation, after the Arm ARM's AArch64 VMSA pseudocode (D8;
 * AArch64.FullTranslate, AArch64.S1Translate, AArch64.S2Translate and the
 * walk functions), for what el2sim advertises in ID_AA64MMFR0/1_EL1: a
 * 40-bit PA, 4K/16K/64K granules, no HAFDBS (the Access flag is never set by
 * hardware), no PAN, UAO, VHE, LPA, LPA2, TTST or XNX.
 *
 * Deliberate choices where the Arm ARM leaves one to the implementation:
 * a TxSZ outside its legal range is clamped to it (no fault); a reserved TGx
 * encoding means 4K; a reserved PS/IPS means the PA size; stage 2 XN[1:0]
 * other than 0 forbids execution at EL1 and EL0 alike (no FEAT_XNX).
 */
#include <string.h>

#include "bits.h"
#include "mmu.h"
#include "syndrome.h"
#include "sysregs.h"

#define PAMAX 40 /* ID_AA64MMFR0_EL1.PARange 0b0010 */

/* Table descriptor APTable [62:61], UXNTable/XNTable [60], PXNTable [59] */
#define TABLE_CONTROLS (0xfull << 59)

/* Normal Non-cacheable, as a MAIR byte (NormalNCMemAttr) */
#define ATTR_NORMAL_NC 0x44u

enum regime { REGIME_EL10, REGIME_EL2, REGIME_EL3 };

/* The stage 1 registers of each regime (E2H is 0: no TTBR1_EL2). */
static const struct {
	enum sysreg_id sctlr, tcr, mair, ttbr0;
} regime_regs[] = {
        [REGIME_EL10] = {SR_SCTLR_EL1, SR_TCR_EL1, SR_MAIR_EL1, SR_TTBR0_EL1},
        [REGIME_EL2] = {SR_SCTLR_EL2, SR_TCR_EL2, SR_MAIR_EL2, SR_TTBR0_EL2},
        [REGIME_EL3] = {SR_SCTLR_EL3, SR_TCR_EL3, SR_MAIR_EL3, SR_TTBR0_EL3},
};

/* One translation: the regime and the AccessDescriptor. */
struct xlate {
	const struct mmu_ctx *ctx;
	enum regime regime;
	unsigned kind; /* MMU_READ, MMU_WRITE or MMU_FETCH */
	bool priv;     /* stage 1 permissions as for EL1 rather than EL0 */
	bool s2;       /* stage 2 enabled */
};

/* What a walk needs (the pseudocode's S1TTWParams/S2TTWParams). */
struct walk_params {
	uint64_t ttb;       /* table base, bits below the table size cleared */
	unsigned grain;     /* log2 of the granule: 12, 14 or 16 */
	unsigned inputsize; /* 64 - TxSZ */
	unsigned ps;        /* output address size in bits */
	unsigned start;     /* start level */
	bool stage2;
};

/* A finished walk (TTWState). */
struct ttw_state {
	uint64_t desc; /* the leaf descriptor */
	unsigned level;
	uint64_t oa;
	uint64_t block_size;
	uint64_t table_controls; /* TABLE_CONTROLS ORed over the table descriptors */
};

/* The fields of TCR_ELx for the VA range of one address. */
struct tcr_range {
	unsigned txsz, grain, ps;
	bool epd, tbi, upper; /* upper: the TTBR1_EL1 range */
	uint64_t ttbr;
};

struct perms {
	bool r, w, x;
};

static bool s2_translate(const struct xlate *x, uint64_t ipa, unsigned kind, bool s1ptw,
                         struct ttw_state *ws, struct mmu_result *r);

static bool bit(uint64_t v, unsigned n)
{
	return (v >> n) & 1;
}

static uint64_t sr(const struct xlate *x, enum sysreg_id id)
{
	return x->ctx->sr[id];
}

static bool fault(struct mmu_result *r, unsigned fsc, unsigned level)
{
	r->fault = true;
	r->fsc = (uint8_t)(fsc | level);
	return false;
}

/* TCR_ELx.{PS,IPS}: 32, 36, 40, 42, 44, 48, 52 bits, capped at the PA size */
static unsigned decode_ps(uint64_t ps)
{
	static const uint8_t size[8] = {32, 36, 40, 42, 44, 48, 52, 52};
	return size[ps & 7] < PAMAX ? size[ps & 7] : PAMAX;
}

/* TG0: 0b00 4K, 0b01 64K, 0b10 16K. TG1: 0b01 16K, 0b10 4K, 0b11 64K. */
static unsigned decode_tg0(uint64_t tg)
{
	static const uint8_t grain[4] = {12, 16, 14, 12};
	return grain[tg & 3];
}

static unsigned decode_tg1(uint64_t tg)
{
	static const uint8_t grain[4] = {12, 14, 12, 16};
	return grain[tg & 3];
}

/* AArch64.MaxTxSZ / S1MinTxSZ / S2MinTxSZ, out-of-range values clamped */
static unsigned clamp_txsz(unsigned txsz, unsigned min)
{
	return txsz < min ? min : txsz > 39 ? 39 : txsz;
}

/* The table base: TTBR BADDR [47:1] without the bits below the table's size. */
static uint64_t table_base(uint64_t ttbr, const struct walk_params *wp)
{
	unsigned stride = wp->grain - 3;
	unsigned lsb = wp->inputsize - (wp->grain + (3 - wp->start) * stride) + 3;
	return ttbr & ones64(48) & ~ones64(lsb < 3 ? 3 : lsb);
}

/* AArch64.OAOutOfRange: an address with bits set above the output size */
static bool oa_out_of_range(uint64_t addr, unsigned ps)
{
	return bits64(addr, 47, ps) != 0;
}

/* AArch64.GetS1TTWParams: the TCR fields for va's range */
static struct tcr_range s1_tcr_range(const struct xlate *x, uint64_t va)
{
	uint64_t tcr = sr(x, regime_regs[x->regime].tcr);
	if (x->regime != REGIME_EL10)
		return (struct tcr_range){.txsz = bits64(tcr, 5, 0),
		                          .grain = decode_tg0(bits64(tcr, 15, 14)),
		                          .ps = decode_ps(bits64(tcr, 18, 16)),
		                          .tbi = bit(tcr, 20),
		                          .ttbr = sr(x, regime_regs[x->regime].ttbr0)};
	if (!bit(va, 55))
		return (struct tcr_range){.txsz = bits64(tcr, 5, 0),
		                          .grain = decode_tg0(bits64(tcr, 15, 14)),
		                          .ps = decode_ps(bits64(tcr, 34, 32)),
		                          .epd = bit(tcr, 7),
		                          .tbi = bit(tcr, 37),
		                          .ttbr = sr(x, SR_TTBR0_EL1)};
	return (struct tcr_range){.txsz = bits64(tcr, 21, 16),
	                          .grain = decode_tg1(bits64(tcr, 31, 30)),
	                          .ps = decode_ps(bits64(tcr, 34, 32)),
	                          .epd = bit(tcr, 23),
	                          .tbi = bit(tcr, 38),
	                          .upper = true,
	                          .ttbr = sr(x, SR_TTBR1_EL1)};
}

/* AArch64.AddrTop: with TBI the top byte is ignored (no FEAT_PAuth, so for
 * instruction fetches too) */
static unsigned addr_top(const struct tcr_range *tr)
{
	return tr->tbi ? 55 : 63;
}

/* AArch64.VAIsOutOfRange: the bits above the input size must all equal the
 * range's (0 for TTBR0, 1 for TTBR1) */
static bool va_is_out_of_range(uint64_t va, const struct tcr_range *tr, unsigned inputsize)
{
	unsigned top = addr_top(tr);
	return bits64(va, top, inputsize) != (tr->upper ? ones64(top - inputsize + 1) : 0);
}

/* AArch64.S1StartLevel: as many levels as the input size needs */
static unsigned s1_start_level(unsigned inputsize, unsigned grain)
{
	unsigned stride = grain - 3;
	return 4 - (inputsize - grain + stride - 1) / stride;
}

static bool s1_ttw_params(const struct xlate *x, uint64_t va, struct walk_params *wp,
                          struct mmu_result *r)
{
	struct tcr_range tr = s1_tcr_range(x, va);
	wp->grain = tr.grain;
	wp->inputsize = 64 - clamp_txsz(tr.txsz, 16);
	wp->ps = tr.ps;
	wp->start = s1_start_level(wp->inputsize, wp->grain);
	wp->stage2 = false;
	wp->ttb = table_base(tr.ttbr, wp);
	if (va_is_out_of_range(va, &tr, wp->inputsize) || tr.epd)
		return fault(r, FSC_TRANSLATION_L0, 0);
	if (oa_out_of_range(tr.ttbr, wp->ps))
		return fault(r, FSC_ADDR_SIZE_L0, 0);
	return true;
}

/*
 * AArch64.S2InvalidSL and AArch64.S2InconsistentSL: SL0 0b11 is reserved
 * (no TTST/LPA2), 0b10 needs a PA of 44 (4K, 64K) or 42 bits (16K), and the
 * start level takes at most 16 concatenated tables.
 */
static bool s2_start_level(uint64_t sl0, struct walk_params *wp)
{
	unsigned stride = wp->grain - 3;
	if (sl0 == 3 || (sl0 == 2 && PAMAX < (wp->grain == 14 ? 42 : 44)))
		return false;
	wp->start = (wp->grain == 12 ? 2 : 3) - (unsigned)sl0;
	unsigned min = (3 - wp->start) * stride + wp->grain + 1;
	return wp->inputsize >= min && wp->inputsize <= min + stride - 1 + 4;
}

/* AArch64.GetS2TTWParams from VTCR_EL2 and VTTBR_EL2, and the checks of
 * AArch64.S2Translate before the walk */
static bool s2_ttw_params(const struct xlate *x, uint64_t ipa, struct walk_params *wp,
                          struct mmu_result *r)
{
	uint64_t vtcr = sr(x, SR_VTCR_EL2);
	wp->grain = decode_tg0(bits64(vtcr, 15, 14));
	wp->inputsize = 64 - clamp_txsz(bits64(vtcr, 5, 0), 64 - PAMAX);
	wp->ps = decode_ps(bits64(vtcr, 18, 16));
	wp->stage2 = true;
	if (!s2_start_level(bits64(vtcr, 7, 6), wp) || bits64(ipa, 63, wp->inputsize) != 0)
		return fault(r, FSC_TRANSLATION_L0, 0);
	wp->ttb = table_base(sr(x, SR_VTTBR_EL2), wp);
	if (oa_out_of_range(sr(x, SR_VTTBR_EL2), wp->ps))
		return fault(r, FSC_ADDR_SIZE_L0, 0);
	return true;
}

/*
 * Fetch a descriptor. Stage 1 of the EL1&0 regime under stage 2 has IPAs for
 * table addresses: each read is translated by stage 2 first, as a read
 * (AccessType_TTW), and a fault there is a stage 2 fault on a stage 1 walk.
 */
static bool ttw_fetch_descriptor(const struct xlate *x, const struct walk_params *wp,
                                 unsigned level, uint64_t addr, uint64_t *desc,
                                 struct mmu_result *r)
{
	if (!wp->stage2 && x->s2) {
		struct ttw_state s2;
		if (!s2_translate(x, addr, MMU_READ, true, &s2, r))
			return false;
		addr = s2.oa;
	}
	if (x->ctx->read_desc(x->ctx->opaque, addr, desc) != 0)
		return fault(r, FSC_SEA_WALK_L0, level);
	return true;
}

enum desc_type { DESC_INVALID, DESC_TABLE, DESC_LEAF };

/*
 * AArch64.DecodeDescriptorType: bit 0 clear is invalid; 0b11 is a table
 * below level 3 and a page at level 3; 0b01 is a block where the granule
 * has blocks (4K: levels 1, 2; 16K, 64K: level 2 without LPA/LPA2), and
 * reserved elsewhere.
 */
static enum desc_type decode_descriptor_type(uint64_t desc, unsigned level, unsigned grain)
{
	if (!bit(desc, 0))
		return DESC_INVALID;
	if (bit(desc, 1))
		return level == 3 ? DESC_LEAF : DESC_TABLE;
	if (level == 2 || (level == 1 && grain == 12))
		return DESC_LEAF;
	return DESC_INVALID;
}

/* The leaf: its output address and the Access flag (no HAFDBS: AF = 0 faults,
 * for AT as well) */
static bool ttw_leaf(uint64_t desc, unsigned level, unsigned lsb, const struct walk_params *wp,
                     uint64_t ia, struct ttw_state *ws, struct mmu_result *r)
{
	if (oa_out_of_range(desc, wp->ps))
		return fault(r, FSC_ADDR_SIZE_L0, level);
	if (!bit(desc, 10))
		return fault(r, FSC_ACCESS_FLAG_L0, level);
	ws->desc = desc;
	ws->level = level;
	ws->block_size = 1ull << lsb;
	ws->oa = (desc & ones64(48) & ~ones64(lsb)) | (ia & ones64(lsb));
	return true;
}

/* AArch64.S1Walk and AArch64.S2Walk: from the start level to a leaf */
static bool ttw_walk(const struct xlate *x, const struct walk_params *wp, uint64_t ia,
                     struct ttw_state *ws, struct mmu_result *r)
{
	unsigned stride = wp->grain - 3;
	uint64_t table = wp->ttb;
	ws->table_controls = 0;
	for (unsigned level = wp->start;; level++) {
		unsigned lsb = wp->grain + (3 - level) * stride;
		unsigned msb = level == wp->start ? wp->inputsize - 1 : lsb + stride - 1;
		uint64_t desc;
		if (!ttw_fetch_descriptor(x, wp, level, table | bits64(ia, msb, lsb) << 3, &desc,
		                          r))
			return false;
		switch (decode_descriptor_type(desc, level, wp->grain)) {
		case DESC_INVALID: return fault(r, FSC_TRANSLATION_L0, level);
		case DESC_LEAF: return ttw_leaf(desc, level, lsb, wp, ia, ws, r);
		case DESC_TABLE:
			if (oa_out_of_range(desc, wp->ps))
				return fault(r, FSC_ADDR_SIZE_L0, level);
			ws->table_controls |= desc & TABLE_CONTROLS;
			table = desc & ones64(48) & ~ones64(wp->grain);
			break;
		}
	}
}

/*
 * AArch64.S1DirectBasePermissions for the EL1&0 regime: AP[2:1] (with
 * APTable), UXN/PXN (with UXNTable/PXNTable), SCTLR_EL1.WXN, and PXN implied
 * for memory writable at EL0. EL0 execution does not need read permission.
 */
static struct perms s1_perms_el10(uint64_t desc, uint64_t tbl, bool priv, bool wxn)
{
	bool ap2 = bit(desc, 7) || bit(tbl, 62);
	bool ap1 = bit(desc, 6) && !bit(tbl, 61);
	bool user_w = ap1 && !ap2;
	if (!priv)
		return (struct perms){.r = ap1,
		                      .w = user_w,
		                      .x = !bit(desc, 54) && !bit(tbl, 60) && !(wxn && user_w)};
	return (struct perms){.r = true,
	                      .w = !ap2,
	                      .x = !bit(desc, 53) && !bit(tbl, 59) && !user_w && !(wxn && !ap2)};
}

/* The same for the one-privilege EL2 and EL3 regimes: AP[1] is RES1,
 * APTable[0] and PXN are RES0, XN [54] with XNTable [60] */
static struct perms s1_perms_single(uint64_t desc, uint64_t tbl, bool wxn)
{
	bool w = !bit(desc, 7) && !bit(tbl, 62);
	return (struct perms){
	        .r = true, .w = w, .x = !bit(desc, 54) && !bit(tbl, 60) && !(wxn && w)};
}

static bool perms_allow(struct perms p, unsigned kind)
{
	return kind == MMU_FETCH ? p.x : kind == MMU_WRITE ? p.w : p.r;
}

/* AArch64.S1CheckPermissions */
static bool s1_check_permissions(const struct xlate *x, const struct ttw_state *ws,
                                 struct mmu_result *r)
{
	bool wxn = bit(sr(x, regime_regs[x->regime].sctlr), 19);
	struct perms p = x->regime == REGIME_EL10
	                         ? s1_perms_el10(ws->desc, ws->table_controls, x->priv, wxn)
	                         : s1_perms_single(ws->desc, ws->table_controls, wxn);
	return perms_allow(p, x->kind) || fault(r, FSC_PERMISSION_L0, ws->level);
}

/* AArch64.S2CheckPermissions: S2AP[0] read, S2AP[1] write, XN[1:0]; a stage 1
 * walk is checked as a read */
static bool s2_check_permissions(const struct ttw_state *ws, unsigned kind, struct mmu_result *r)
{
	struct perms p = {
	        .r = bit(ws->desc, 6), .w = bit(ws->desc, 7), .x = bits64(ws->desc, 54, 53) == 0};
	return perms_allow(p, kind) || fault(r, FSC_PERMISSION_L0, ws->level);
}

/* AArch64.S1Enabled */
static bool s1_enabled(const struct xlate *x)
{
	uint64_t hcr = sr(x, SR_HCR_EL2);
	if (x->regime == REGIME_EL10 && x->ctx->el2_enabled && (bit(hcr, 12) || bit(hcr, 27)))
		return false; /* HCR_EL2.DC or TGE */
	return bit(sr(x, regime_regs[x->regime].sctlr), 0);
}

/*
 * AArch64.S1DisabledOutput: a flat map of the PA range. Data is
 * Device-nGnRnE, or Normal Write-Back under HCR_EL2.DC; fetches are Normal,
 * Write-Through when SCTLR_ELx.I is set.
 */
static bool s1_disabled_output(const struct xlate *x, uint64_t va, struct mmu_result *r)
{
	struct tcr_range tr = s1_tcr_range(x, va);
	if (bits64(va, addr_top(&tr), PAMAX) != 0)
		return fault(r, FSC_ADDR_SIZE_L0, 0);
	r->pa = bits64(va, PAMAX - 1, 0);
	r->global = true;
	r->block_size = 1ull << PAMAX;
	if (x->regime == REGIME_EL10 && x->ctx->el2_enabled && bit(sr(x, SR_HCR_EL2), 12))
		r->mair_attr = 0xff;
	else if (x->kind == MMU_FETCH)
		r->mair_attr = bit(sr(x, regime_regs[x->regime].sctlr), 12) ? 0xaa : ATTR_NORMAL_NC;
	else
		r->mair_attr = 0x00;
	return true;
}

/* AArch64.S1Translate: VA to IPA (EL1&0) or PA, with the attributes of
 * MAIR_ELx[AttrIndx] */
static bool s1_translate(const struct xlate *x, uint64_t va, struct mmu_result *r)
{
	struct walk_params wp;
	struct ttw_state ws;
	if (!s1_enabled(x))
		return s1_disabled_output(x, va, r);
	if (!s1_ttw_params(x, va, &wp, r) || !ttw_walk(x, &wp, va, &ws, r) ||
	    !s1_check_permissions(x, &ws, r))
		return false;
	unsigned attrindx = bits64(ws.desc, 4, 2);
	r->pa = ws.oa;
	r->mair_attr = (uint8_t)(sr(x, regime_regs[x->regime].mair) >> (8 * attrindx));
	r->global = x->regime != REGIME_EL10 || !bit(ws.desc, 11);
	r->block_size = ws.block_size;
	return true;
}

/* AArch64.S2Translate: IPA to PA. A fault records the IPA for HPFAR_EL2. */
static bool s2_translate(const struct xlate *x, uint64_t ipa, unsigned kind, bool s1ptw,
                         struct ttw_state *ws, struct mmu_result *r)
{
	struct walk_params wp;
	if (s2_ttw_params(x, ipa, &wp, r) && ttw_walk(x, &wp, ipa, ws, r) &&
	    s2_check_permissions(ws, kind, r))
		return true;
	r->stage2 = true;
	r->s1ptw = s1ptw;
	r->ipa = ipa;
	return false;
}

/* A MAIR nibble's cacheability: 1 Non-cacheable, 2 Write-Through, 3 Write-Back
 * (stage 2 MemAttr uses the same numbers) */
static unsigned mair_cacheability(unsigned nibble)
{
	return nibble == 4 ? 1 : bit(nibble, 2) ? 3 : 2;
}

/* S2CombineS1AttrHints: the weaker cacheability, stage 1's allocation hints */
static unsigned combine_attr_hints(unsigned s1, unsigned s2_cacheability)
{
	unsigned c = mair_cacheability(s1);
	if (c == 1 || s2_cacheability == 1)
		return 4;
	if (s2_cacheability < c)
		return s1 & ~4u; /* Write-Back to Write-Through, same hints and transience */
	return s1;
}

/*
 * S2CombineS1MemAttrs (no FEAT_S2FWB): stage 2 MemAttr[3:2] = 0 is Device
 * with MemAttr[1:0] its type; Device beats Normal, the stricter Device type
 * wins (nGnRnE < nGnRE < nGRE < GRE), and Normal takes the weaker
 * cacheability per inner and outer.
 */
static uint8_t s2_combine_s1_memattrs(uint8_t s1, uint64_t s2desc)
{
	unsigned memattr = bits64(s2desc, 5, 2);
	bool s1_device = (s1 & 0xf0) == 0;
	if ((memattr >> 2) == 0) {
		uint8_t s2 = (uint8_t)((memattr & 3) << 2);
		return s1_device && (s1 & 0x0c) < s2 ? (s1 & 0x0c) : s2;
	}
	if (s1_device)
		return s1 & 0x0c;
	unsigned inner = memattr & 3 ? memattr & 3 : 1; /* inner 0b00 is reserved */
	return (uint8_t)(combine_attr_hints(s1 >> 4, memattr >> 2) << 4 |
	                 combine_attr_hints(s1 & 0xf, inner));
}

static struct xlate xlate_init(const struct mmu_ctx *ctx, unsigned access)
{
	static const enum regime regime_of_el[4] = {REGIME_EL10, REGIME_EL10, REGIME_EL2,
	                                            REGIME_EL3};
	uint64_t hcr = ctx->sr[SR_HCR_EL2];
	struct xlate x = {
	        .ctx = ctx,
	        .regime = regime_of_el[ctx->el & 3],
	        .kind = access & 3,
	        .priv = ctx->el > 1 || (ctx->el == 1 && !(access & MMU_UNPRIV)),
	};
	x.s2 = x.regime == REGIME_EL10 && ctx->el2_enabled && (bit(hcr, 0) || bit(hcr, 12));
	return x;
}

/* AArch64.FullTranslate */
void mmu_translate(const struct mmu_ctx *ctx, uint64_t va, unsigned access, struct mmu_result *r)
{
	struct xlate x = xlate_init(ctx, access);
	struct ttw_state s2;
	memset(r, 0, sizeof(*r));
	if (!s1_translate(&x, va, r))
		return;
	/* AT S1E0* and S1E1* stop at the IPA; their stage-1 walks used stage 2 above. */
	if (x.s2 && !(access & MMU_S1ONLY)) {
		if (!s2_translate(&x, r->pa, x.kind, false, &s2, r))
			return;
		r->pa = s2.oa;
		r->mair_attr = s2_combine_s1_memattrs(r->mair_attr, s2.desc);
		if (s2.block_size < r->block_size)
			r->block_size = s2.block_size;
	}
	/* Instruction fetches treat Device memory as Normal Non-cacheable. */
	if (x.kind == MMU_FETCH && (r->mair_attr & 0xf0) == 0)
		r->mair_attr = ATTR_NORMAL_NC;
	r->device = (r->mair_attr & 0xf0) == 0;
}
