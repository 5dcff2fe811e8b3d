/*
 * Data processing -- immediate (Arm ARM C4.1, "Data Processing -- Immediate",
 * op0 = 100x): PC-relative addressing, add/subtract (immediate), logical
 * (immediate), move wide, bitfield and extract. Instruction sections are in
 * C6.2, "Alphabetical list of A64 base instructions". Add/subtract with tags
 * (FEAT_MTE) and the other optional groups of this space have no row and so
 * are UNDEFINED.
 *
 * Operand slots (struct insn):
 *   ADR, ADRP        rd, imm = the signed byte offset (ADRP: already * 4096)
 *   ADD/SUB (imm)    rd, rn, sf, imm = imm12 << (sh * 12)
 *   logical (imm)    rd, rn, sf, imm = DecodeBitMasks() wmask
 *   move wide        rd, sf, imm = imm16, amt = pos (hw * 16)
 *   bitfield         rd, rn, sf, amt = R, opt = S, imm = wmask, imm2 = tmask
 *   EXTR             rd, rn, rm, sf, amt = lsb
 */
#include <stddef.h>

#include "alu.h"
#include "cpu.h"
#include "decode.h"
#include "fuse.h"

static void fill_rd_rn(struct insn *in, uint32_t raw)
{
	in->rd = (uint8_t)bits32(raw, 4, 0);
	in->rn = (uint8_t)bits32(raw, 9, 5);
	in->sf = (uint8_t)bit32(raw, 31);
}

/* ---- PC-rel. addressing (C6.2 ADR, ADRP) ---- */

static bool fill_adr(struct insn *in, uint32_t raw)
{
	uint32_t imm = bits32(raw, 23, 5) << 2 | bits32(raw, 30, 29); /* immhi:immlo */
	in->rd = (uint8_t)bits32(raw, 4, 0);
	in->imm = sext64(imm, 21);
	return true;
}

static bool fill_adrp(struct insn *in, uint32_t raw)
{
	fill_adr(in, raw);
	in->imm *= 4096; /* SignExtend(immhi:immlo:Zeros(12), 64) */
	return true;
}

static int exec_adr(struct cpu *cpu, const struct insn *in)
{
	x_write(cpu, in->rd, cpu->pc + (uint64_t)in->imm);
	return EXEC_NEXT;
}

static int exec_adrp(struct cpu *cpu, const struct insn *in)
{
	uint64_t base = cpu->pc & ~0xfffull; /* PC[]<63:12>:Zeros(12) */
	x_write(cpu, in->rd, base + (uint64_t)in->imm);
	return EXEC_NEXT;
}

/* ---- Add/subtract (immediate) (C6.2 ADD/ADDS/SUB/SUBS (immediate)) ---- */

static void addsub_imm_specialise(struct insn *in);

static bool fill_addsub_imm(struct insn *in, uint32_t raw)
{
	fill_rd_rn(in, raw);
	in->imm = (int64_t)bits32(raw, 21, 10) << (12 * bit32(raw, 22)); /* sh: LSL #12 */
	addsub_imm_specialise(in);
	return true;
}

/* Rn and (ADD, SUB) Rd are SP for register 31; ADDS/SUBS write XZR. */
static int exec_add_imm(struct cpu *cpu, const struct insn *in)
{
	return alu_addsub(cpu, in, (uint64_t)in->imm, 0, false, FORM_SP);
}

static int exec_adds_imm(struct cpu *cpu, const struct insn *in)
{
	return alu_addsub(cpu, in, (uint64_t)in->imm, 0, true, FORM_SP);
}

/* SUB: operand2 = NOT(imm), carry_in = '1' */
static int exec_sub_imm(struct cpu *cpu, const struct insn *in)
{
	return alu_addsub(cpu, in, ~(uint64_t)in->imm, 1, false, FORM_SP);
}

static int exec_subs_imm(struct cpu *cpu, const struct insn *in)
{
	return alu_addsub(cpu, in, ~(uint64_t)in->imm, 1, true, FORM_SP);
}

/*
 * Without SP -- Rn is not 31, nor is Rd where it would be SP (ADD, SUB) --
 * the forms are plain register arithmetic: one handler per size (the loop
 * counters and CMP #imm of most code).
 */
#define ADDSUB_IMM_PLAIN(op, invert, carry, setflags)                                             \
	static int exec_##op##_imm_w(struct cpu *cpu, const struct insn *in)                      \
	{                                                                                         \
		uint64_t imm = (uint64_t)in->imm;                                                 \
		return alu_addsub_sf(cpu, in, invert ? ~imm : imm, carry, setflags, FORM_XZR, 0); \
	}                                                                                         \
	static int exec_##op##_imm_x(struct cpu *cpu, const struct insn *in)                      \
	{                                                                                         \
		uint64_t imm = (uint64_t)in->imm;                                                 \
		return alu_addsub_sf(cpu, in, invert ? ~imm : imm, carry, setflags, FORM_XZR, 1); \
	}
ADDSUB_IMM_PLAIN(add, false, 0, false)
ADDSUB_IMM_PLAIN(adds, false, 0, true)
ADDSUB_IMM_PLAIN(sub, true, 1, false)
ADDSUB_IMM_PLAIN(subs, true, 1, true)

static void addsub_imm_specialise(struct insn *in)
{
	static const struct {
		exec_fn general, plain[2];
		bool setflags;
	} forms[] = {
	        {exec_add_imm, {exec_add_imm_w, exec_add_imm_x}, false},
	        {exec_adds_imm, {exec_adds_imm_w, exec_adds_imm_x}, true},
	        {exec_sub_imm, {exec_sub_imm_w, exec_sub_imm_x}, false},
	        {exec_subs_imm, {exec_subs_imm_w, exec_subs_imm_x}, true},
	};
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		if (forms[i].general != in->exec)
			continue;
		if (in->rn != 31 && (forms[i].setflags || in->rd != 31))
			in->exec = forms[i].plain[in->sf & 1];
		return;
	}
}

/* ---- Logical (immediate) (C6.2 AND/ORR/EOR/ANDS (immediate)) ---- */

static bool fill_logical_imm(struct insn *in, uint32_t raw)
{
	uint64_t wmask, tmask;
	unsigned n = bit32(raw, 22);

	fill_rd_rn(in, raw);
	if (!in->sf && n) /* sf == '0' && N != '0': UNDEFINED */
		return false;
	if (!alu_decode_bit_masks(n, bits32(raw, 15, 10), bits32(raw, 21, 16), true, in->sf, &wmask,
	                          &tmask))
		return false;
	in->imm = (int64_t)wmask;
	return true;
}

/* AND, ORR and EOR write Rd|SP; ANDS writes Rd|XZR. */
static int exec_and_imm(struct cpu *cpu, const struct insn *in)
{
	xsp_write(cpu, in->rd, x_read(cpu, in->rn) & (uint64_t)in->imm);
	return EXEC_NEXT;
}

static int exec_orr_imm(struct cpu *cpu, const struct insn *in)
{
	xsp_write(cpu, in->rd, alu_trunc(x_read(cpu, in->rn) | (uint64_t)in->imm, in->sf));
	return EXEC_NEXT;
}

static int exec_eor_imm(struct cpu *cpu, const struct insn *in)
{
	xsp_write(cpu, in->rd, alu_trunc(x_read(cpu, in->rn) ^ (uint64_t)in->imm, in->sf));
	return EXEC_NEXT;
}

static int exec_ands_imm(struct cpu *cpu, const struct insn *in)
{
	uint64_t result = x_read(cpu, in->rn) & (uint64_t)in->imm;
	x_write(cpu, in->rd, result);
	cpu->nzcv = alu_nz(result, in->sf);
	return EXEC_NEXT;
}

/* ---- Move wide (immediate) (C6.2 MOVN, MOVZ, MOVK) ---- */

static bool fill_movewide(struct insn *in, uint32_t raw)
{
	unsigned hw = bits32(raw, 22, 21);

	in->rd = (uint8_t)bits32(raw, 4, 0);
	in->sf = (uint8_t)bit32(raw, 31);
	if (!in->sf && (hw & 2)) /* sf == '0' && hw<1> == '1': UNDEFINED */
		return false;
	in->imm = bits32(raw, 20, 5);
	in->amt = (uint8_t)(hw * 16);
	return true;
}

static int exec_movn(struct cpu *cpu, const struct insn *in)
{
	x_write_sf(cpu, in->rd, ~((uint64_t)in->imm << in->amt), in->sf);
	return EXEC_NEXT;
}

static int exec_movz(struct cpu *cpu, const struct insn *in)
{
	x_write(cpu, in->rd, (uint64_t)in->imm << in->amt);
	return EXEC_NEXT;
}

/* MOVK: result = X[d]; result<pos+15:pos> = imm16 */
static int exec_movk(struct cpu *cpu, const struct insn *in)
{
	uint64_t result = x_read(cpu, in->rd) & ~(0xffffull << in->amt);
	x_write_sf(cpu, in->rd, result | (uint64_t)in->imm << in->amt, in->sf);
	return EXEC_NEXT;
}

/* ---- Bitfield (C6.2 SBFM, BFM, UBFM) ---- */

static bool fill_bitfield(struct insn *in, uint32_t raw)
{
	unsigned n = bit32(raw, 22), immr = bits32(raw, 21, 16), imms = bits32(raw, 15, 10);
	uint64_t wmask, tmask;

	fill_rd_rn(in, raw);
	if (in->sf && !n) /* sf == '1' && N != '1' */
		return false;
	if (!in->sf && (n || (immr & 0x20) || (imms & 0x20)))
		return false;
	if (!alu_decode_bit_masks(n, imms, immr, false, in->sf, &wmask, &tmask))
		return false;
	in->amt = (uint8_t)immr;
	in->opt = (uint8_t)imms;
	in->imm = (int64_t)wmask;
	in->imm2 = tmask;
	return true;
}

/* bot = (dst AND NOT(wmask)) OR (ROR(src, R) AND wmask) */
static uint64_t bitfield_bot(struct cpu *cpu, const struct insn *in, uint64_t dst)
{
	uint64_t wmask = (uint64_t)in->imm;
	return (dst & ~wmask) | (alu_ror(x_read(cpu, in->rn), in->amt, in->sf) & wmask);
}

/* X[d] = (top AND NOT(tmask)) OR (bot AND tmask) */
static void bitfield_write(struct cpu *cpu, const struct insn *in, uint64_t top, uint64_t bot)
{
	x_write_sf(cpu, in->rd, (top & ~in->imm2) | (bot & in->imm2), in->sf);
}

/* SBFM: inzero, extend: top = Replicate(src<S>) */
static int exec_sbfm(struct cpu *cpu, const struct insn *in)
{
	uint64_t top = bits64(x_read(cpu, in->rn), in->opt, in->opt) ? ~0ull : 0;
	bitfield_write(cpu, in, top, bitfield_bot(cpu, in, 0));
	return EXEC_NEXT;
}

/* BFM: dst = X[d], top = dst */
static int exec_bfm(struct cpu *cpu, const struct insn *in)
{
	uint64_t dst = x_read(cpu, in->rd);
	bitfield_write(cpu, in, dst, bitfield_bot(cpu, in, dst));
	return EXEC_NEXT;
}

/* UBFM: inzero, top = dst = Zeros() */
static int exec_ubfm(struct cpu *cpu, const struct insn *in)
{
	bitfield_write(cpu, in, 0, bitfield_bot(cpu, in, 0));
	return EXEC_NEXT;
}

/* ---- Extract (C6.2 EXTR) ---- */

static bool fill_extr(struct insn *in, uint32_t raw)
{
	fill_rd_rn(in, raw);
	in->rm = (uint8_t)bits32(raw, 20, 16);
	in->amt = (uint8_t)bits32(raw, 15, 10);
	if (bit32(raw, 22) != in->sf) /* N != sf: UNDEFINED */
		return false;
	return in->sf || in->amt < 32; /* sf == '0' && imms<5> == '1': UNDEFINED */
}

/* result = (X[n]:X[m])<lsb+datasize-1:lsb> */
static int exec_extr(struct cpu *cpu, const struct insn *in)
{
	unsigned n = alu_datasize(in->sf), lsb = in->amt;
	uint64_t lo = alu_trunc(x_read(cpu, in->rm), in->sf) >> lsb;
	uint64_t hi = lsb ? x_read(cpu, in->rn) << (n - lsb) : 0;
	x_write_sf(cpu, in->rd, hi | lo, in->sf);
	return EXEC_NEXT;
}

/* clang-format off */
struct decode_row decode_dp_imm[] = {
	{.pattern = "0 ii 10000 iiiiiiiiiiiiiiiiiii ddddd",            .name = "ADR",                .fill = fill_adr,         .exec = exec_adr},
	{.pattern = "1 ii 10000 iiiiiiiiiiiiiiiiiii ddddd",            .name = "ADRP",               .fill = fill_adrp,        .exec = exec_adrp},
	{.pattern = "s 0 0 100010 h iiiiiiiiiiii nnnnn ddddd",         .name = "ADD (immediate)",    .fill = fill_addsub_imm,  .exec = exec_add_imm},
	{.pattern = "s 0 1 100010 h iiiiiiiiiiii nnnnn ddddd",         .name = "ADDS (immediate)",   .fill = fill_addsub_imm,  .exec = exec_adds_imm},
	{.pattern = "s 1 0 100010 h iiiiiiiiiiii nnnnn ddddd",         .name = "SUB (immediate)",    .fill = fill_addsub_imm,  .exec = exec_sub_imm},
	{.pattern = "s 1 1 100010 h iiiiiiiiiiii nnnnn ddddd",         .name = "SUBS (immediate)",   .fill = fill_addsub_imm,  .exec = exec_subs_imm},
	{.pattern = "s 00 100100 N rrrrrr ssssss nnnnn ddddd",         .name = "AND (immediate)",    .fill = fill_logical_imm, .exec = exec_and_imm},
	{.pattern = "s 01 100100 N rrrrrr ssssss nnnnn ddddd",         .name = "ORR (immediate)",    .fill = fill_logical_imm, .exec = exec_orr_imm},
	{.pattern = "s 10 100100 N rrrrrr ssssss nnnnn ddddd",         .name = "EOR (immediate)",    .fill = fill_logical_imm, .exec = exec_eor_imm},
	{.pattern = "s 11 100100 N rrrrrr ssssss nnnnn ddddd",         .name = "ANDS (immediate)",   .fill = fill_logical_imm, .exec = exec_ands_imm},
	{.pattern = "s 00 100101 hh iiiiiiiiiiiiiiii ddddd",           .name = "MOVN",               .fill = fill_movewide,    .exec = exec_movn},
	{.pattern = "s 10 100101 hh iiiiiiiiiiiiiiii ddddd",           .name = "MOVZ",               .fill = fill_movewide,    .exec = exec_movz},
	{.pattern = "s 11 100101 hh iiiiiiiiiiiiiiii ddddd",           .name = "MOVK",               .fill = fill_movewide,    .exec = exec_movk},
	{.pattern = "s 00 100110 N rrrrrr ssssss nnnnn ddddd",         .name = "SBFM",               .fill = fill_bitfield,    .exec = exec_sbfm},
	{.pattern = "s 01 100110 N rrrrrr ssssss nnnnn ddddd",         .name = "BFM",                .fill = fill_bitfield,    .exec = exec_bfm},
	{.pattern = "s 10 100110 N rrrrrr ssssss nnnnn ddddd",         .name = "UBFM",               .fill = fill_bitfield,    .exec = exec_ubfm},
	{.pattern = "s 00 100111 N 0 mmmmm ssssss nnnnn ddddd",        .name = "EXTR",               .fill = fill_extr,        .exec = exec_extr},
	{.pattern = NULL},
};
/* clang-format on */

/* Compare-and-branch fusion (fuse.h): CMP/CMN #imm, SUBS/ADDS #imm without SP, TST/ANDS #imm. */
FUSE_BCOND(exec_subs_imm_x)
FUSE_BCOND(exec_subs_imm_w)
FUSE_BCOND(exec_adds_imm_x)
FUSE_BCOND(exec_adds_imm_w)
FUSE_BCOND(exec_ands_imm)

const struct fuse_pair fuse_dp_imm[] = {
        {exec_subs_imm_x, exec_subs_imm_x_bcond}, {exec_subs_imm_w, exec_subs_imm_w_bcond},
        {exec_adds_imm_x, exec_adds_imm_x_bcond}, {exec_adds_imm_w, exec_adds_imm_w_bcond},
        {exec_ands_imm, exec_ands_imm_bcond},     {NULL, NULL},
};
