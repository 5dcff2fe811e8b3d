/*
 * Loads and stores, the A64 base integer forms (Arm ARM C4.1.? "Loads and
 * Stores", op0 = x1x0): every addressing mode of LDR/STR and their byte,
 * halfword and sign-extending variants, the unprivileged LDTR/STTR family,
 * LDP/STP/LDNP/STNP/LDPSW, literal loads and PRFM. Exclusives, acquire/release
 * and LSE atomics live in exec_atomic.c; their rows are in the table below.
 * SIMD&FP, MTE, MOPS, LS64 and PAuth loads and stores are allocated but not
 * implemented (exec_unimplemented).
 *
 * Every handler computes the address, accesses memory and only then writes
 * registers, so a faulting access (EXEC_EXC) leaves the PE state unchanged.
 * The CONSTRAINED UNPREDICTABLE choices are listed in docs/unpredictable.md.
 */
#include "cpu.h"
#include "decode.h"
#include "exec_atomic.h"
#include "ldst.h"
#include "mem.h"

/* ---- shared addressing and data helpers (Arm ARM C6.2, "Shared pseudocode") ---- */

/* The address of an immediate form: post-index accesses the base itself. */
static uint64_t ldst_address(const struct insn *in, uint64_t base)
{
	return (in->flags & LS_POST) ? base : base + (uint64_t)in->imm;
}

/* if wback then X[n] = base + offset (SP when n == 31) */
static void ldst_writeback(struct cpu *cpu, const struct insn *in, uint64_t base)
{
	if (in->flags & LS_WBACK)
		xsp_write(cpu, in->rn, base + (uint64_t)in->imm);
}

/* ExtendReg(m, extend_type, shift): UXTW, LSL (UXTX), SXTW, SXTX */
static uint64_t ldst_offset_reg(const struct cpu *cpu, const struct insn *in)
{
	uint64_t v = x_read(cpu, in->rm);
	switch (in->imm) { /* the option field, kept out of in->opt (the MEMF_* flags) */
	case 2: v = (uint32_t)v; break;                   /* UXTW */
	case 6: v = (uint64_t)(int64_t)(int32_t)v; break; /* SXTW */
	default: break;                                   /* UXTX (LSL), SXTX */
	}
	return v << in->amt;
}

/* ---- fill: decode once (Arm ARM C6.2 "Decode for all variants") ---- */

/*
 * size:opc of the single-register integer forms, as the table routes them:
 * opc 00 store, 01 load (regsize 64 only for size 11), 10 sign-extending
 * load to X, 11 sign-extending load to W.
 */
void ldst_fill_size_opc(struct insn *in, uint32_t raw)
{
	static const uint8_t flags[4] = {0, 0, LS_SIGNED | LS_X, LS_SIGNED};
	unsigned size = bits32(raw, 31, 30), opc = bits32(raw, 23, 22);
	in->rd = (uint8_t)bits32(raw, 4, 0);
	in->rn = (uint8_t)bits32(raw, 9, 5);
	in->sf = (uint8_t)size;
	in->flags = (uint8_t)(flags[opc] | (size == 3 ? LS_X : 0));
}

/*
 * Writeback with Rn == Rt (or Rt2), Rn != 31: CONSTRAINED UNPREDICTABLE.
 * Loads: Unpredictable_WBOVERLAPLD, we choose Constraint_WBSUPPRESS (the
 * loaded value wins, no writeback). Stores: Unpredictable_WBOVERLAPST, we
 * choose Constraint_NONE (the value stored is the register before writeback),
 * which the store handlers do by reading Rt before writing Rn back.
 */
static void ldst_fill_wb_overlap(struct insn *in, bool load, bool pair)
{
	bool overlap = in->rn == in->rd || (pair && in->rn == in->ra);
	if (load && (in->flags & LS_WBACK) && overlap && in->rn != 31)
		in->flags &= (uint8_t)~LS_WBACK;
}

/* Picks a handler specialised to the form, where there is one (below). */
static void ldst_specialise(struct insn *in);

/* Unscaled, post-index, unprivileged and pre-index: simm9 with idx = bits[11:10]. */
static bool fill_imm9(struct insn *in, uint32_t raw)
{
	static const uint8_t mode[4] = {0, LS_WBACK | LS_POST, 0, LS_WBACK};
	unsigned idx = bits32(raw, 11, 10);
	ldst_fill_size_opc(in, raw);
	in->flags |= mode[idx];
	in->opt = idx == 2 ? MEMF_UNPRIV : 0;
	in->imm = sext64(bits32(raw, 20, 12), 9);
	ldst_fill_wb_overlap(in, bits32(raw, 23, 22) != 0, false);
	ldst_specialise(in);
	return true;
}

/* Unsigned offset: offset = LSL(ZeroExtend(imm12), scale) */
static bool fill_uimm12(struct insn *in, uint32_t raw)
{
	ldst_fill_size_opc(in, raw);
	in->imm = (int64_t)bits32(raw, 21, 10) << in->sf;
	ldst_specialise(in);
	return true;
}

/*
 * Register offset: option<1> == 0 is unallocated; shift = S ? size : 0.
 * The option goes in imm (unused by these forms): opt holds the MEMF_*
 * flags every load/store passes to memory.
 */
static bool fill_reg(struct insn *in, uint32_t raw)
{
	unsigned option = bits32(raw, 15, 13);
	if (!(option & 2))
		return false;
	ldst_fill_size_opc(in, raw);
	in->rm = (uint8_t)bits32(raw, 20, 16);
	in->imm = option;
	in->amt = bit32(raw, 12) ? in->sf : 0;
	return true;
}

/* Literal: opc 00 LDR W, 01 LDR X, 10 LDRSW; offset = SignExtend(imm19:'00') */
static bool fill_lit(struct insn *in, uint32_t raw)
{
	static const uint8_t size[3] = {2, 3, 2};
	static const uint8_t flags[3] = {0, LS_X, LS_SIGNED | LS_X};
	unsigned opc = bits32(raw, 31, 30);
	in->rd = (uint8_t)bits32(raw, 4, 0);
	in->sf = size[opc];
	in->flags = flags[opc];
	in->imm = sext64(bits32(raw, 23, 5), 19) * 4;
	return true;
}

/*
 * Pairs: opc 00 W, 10 X, 01 LDPSW; type bits[25:23]: 000 non-temporal
 * (offset), 001 post-index, 010 offset, 011 pre-index. LDP with Rt == Rt2 is
 * CONSTRAINED UNPREDICTABLE (Unpredictable_LDPOVERLAP): we choose
 * Constraint_UNDEF.
 */
static bool fill_pair(struct insn *in, uint32_t raw)
{
	static const uint8_t mode[4] = {0, LS_WBACK | LS_POST, 0, LS_WBACK};
	unsigned opc = bits32(raw, 31, 30), type = bits32(raw, 25, 23);
	bool load = bit32(raw, 22);
	in->rd = (uint8_t)bits32(raw, 4, 0);
	in->rn = (uint8_t)bits32(raw, 9, 5);
	in->ra = (uint8_t)bits32(raw, 14, 10);
	in->sf = opc == 2 ? 3 : 2;
	in->flags =
	        (uint8_t)(mode[type] | (opc == 2 ? LS_X : 0) | (opc == 1 ? LS_SIGNED | LS_X : 0));
	in->imm = sext64(bits32(raw, 21, 15), 7) * (1ll << in->sf); /* LSL #scale, without UB */
	if (load && in->rd == in->ra)
		return false;
	ldst_fill_wb_overlap(in, load, true);
	ldst_specialise(in);
	return true;
}

/* PRFM (register): option<1> == 0 is unallocated. */
static bool fill_prfm_reg(struct insn *in, uint32_t raw)
{
	return (bits32(raw, 15, 13) & 2) != 0;
}

/* ---- fill for allocated but unimplemented forms: allocation checks only ---- */

/* SIMD&FP size:opc: opc<1> == 1 (128-bit Q) only with size 00. */
static bool fill_simd_size_opc(struct insn *in, uint32_t raw)
{
	return bits32(raw, 23, 23) == 0 || bits32(raw, 31, 30) == 0;
}

/* SIMD&FP immediate: no unprivileged form (idx 10). */
static bool fill_simd_imm9(struct insn *in, uint32_t raw)
{
	return bits32(raw, 11, 10) != 2 && fill_simd_size_opc(in, raw);
}

static bool fill_simd_reg(struct insn *in, uint32_t raw)
{
	return (bits32(raw, 15, 13) & 2) && fill_simd_size_opc(in, raw);
}

/* SIMD&FP literal and pairs: opc 11 is unallocated. */
static bool fill_simd_opc(struct insn *in, uint32_t raw)
{
	return bits32(raw, 31, 30) != 3;
}

/* AdvSIMD multiple structures: LD1-LD4/ST1-ST4 opcodes only. */
static bool fill_simd_multi(struct insn *in, uint32_t raw)
{
	unsigned opcode = bits32(raw, 15, 12);
	return opcode <= 10 && ((0x5d5u >> opcode) & 1);
}

/* AdvSIMD single structure: opcode bits[15:13], S bit[12], size bits[11:10]. */
static bool fill_simd_single(struct insn *in, uint32_t raw)
{
	unsigned opcode = bits32(raw, 15, 13), s = bit32(raw, 12), size = bits32(raw, 11, 10);
	switch (opcode >> 1) {
	case 0: return true;                               /* B */
	case 1: return (size & 1) == 0;                    /* H */
	case 2: return size == 0 || (size == 1 && s == 0); /* S, D */
	default: return bit32(raw, 22) && s == 0;          /* LDnR */
	}
}

/* MTE tags: op2 == 00 forms other than LDG need imm9 == 0 (STZGM, STGM, LDGM). */
static bool fill_mte(struct insn *in, uint32_t raw)
{
	return bits32(raw, 11, 10) != 0 || bits32(raw, 23, 22) == 1 || bits32(raw, 20, 12) == 0;
}

/* ---- handlers ---- */

/* LDR/LDRB/LDRH/LDRSB/LDRSH/LDRSW, LDUR*, LDTR* (immediate; Arm ARM C6.2.?) */
static int exec_ldr_imm(struct cpu *cpu, const struct insn *in)
{
	uint64_t base;
	int st = ldst_base(cpu, in->rn, &base);
	if (!st)
		st = ldst_load(cpu, in, ldst_address(in, base));
	if (st)
		return st;
	ldst_writeback(cpu, in, base);
	return EXEC_NEXT;
}

/* STR/STRB/STRH, STUR*, STTR* (immediate) */
static int exec_str_imm(struct cpu *cpu, const struct insn *in)
{
	uint64_t base;
	int st = ldst_base(cpu, in->rn, &base);
	if (!st)
		st = ldst_store(cpu, in, ldst_address(in, base));
	if (st)
		return st;
	ldst_writeback(cpu, in, base);
	return EXEC_NEXT;
}

/*
 * The most common loads and stores -- LDR/STR (unsigned offset), LDUR/STUR,
 * and the pre- and post-indexed forms: zero-extending, an ordinary access
 * -- one handler per size and indexing, with nothing left to decide at run
 * time. Writeback as ldst_writeback, after the access succeeded.
 */
enum ldst_index { IDX_OFFSET, IDX_POST, IDX_PRE };

static ALWAYS_INLINE int ldst_indexed(struct cpu *cpu, const struct insn *in, unsigned sf,
                                      enum ldst_index idx, bool load)
{
	uint64_t base;
	int st = ldst_base(cpu, in->rn, &base);
	if (st)
		return st;
	uint64_t address = idx == IDX_POST ? base : base + (uint64_t)in->imm;
	st = load ? ldst_load_as(cpu, in, address, sf, sf == 3 ? LS_X : 0, 0)
	          : ldst_store_as(cpu, in, address, sf, 0);
	if (st)
		return st;
	if (idx != IDX_OFFSET)
		xsp_write(cpu, in->rn, base + (uint64_t)in->imm);
	return EXEC_NEXT;
}

#define LDST_INDEXED(sf)                                                        \
	static int exec_ldr_offset_##sf(struct cpu *cpu, const struct insn *in) \
	{                                                                       \
		return ldst_indexed(cpu, in, sf, IDX_OFFSET, true);             \
	}                                                                       \
	static int exec_ldr_post_##sf(struct cpu *cpu, const struct insn *in)   \
	{                                                                       \
		return ldst_indexed(cpu, in, sf, IDX_POST, true);               \
	}                                                                       \
	static int exec_ldr_pre_##sf(struct cpu *cpu, const struct insn *in)    \
	{                                                                       \
		return ldst_indexed(cpu, in, sf, IDX_PRE, true);                \
	}                                                                       \
	static int exec_str_offset_##sf(struct cpu *cpu, const struct insn *in) \
	{                                                                       \
		return ldst_indexed(cpu, in, sf, IDX_OFFSET, false);            \
	}                                                                       \
	static int exec_str_post_##sf(struct cpu *cpu, const struct insn *in)   \
	{                                                                       \
		return ldst_indexed(cpu, in, sf, IDX_POST, false);              \
	}                                                                       \
	static int exec_str_pre_##sf(struct cpu *cpu, const struct insn *in)    \
	{                                                                       \
		return ldst_indexed(cpu, in, sf, IDX_PRE, false);               \
	}
LDST_INDEXED(0)
LDST_INDEXED(1)
LDST_INDEXED(2)
LDST_INDEXED(3)

/* [load][indexing][size] */
static const exec_fn ldst_indexed_forms[2][3][4] = {
        {{exec_str_offset_0, exec_str_offset_1, exec_str_offset_2, exec_str_offset_3},
         {exec_str_post_0, exec_str_post_1, exec_str_post_2, exec_str_post_3},
         {exec_str_pre_0, exec_str_pre_1, exec_str_pre_2, exec_str_pre_3}},
        {{exec_ldr_offset_0, exec_ldr_offset_1, exec_ldr_offset_2, exec_ldr_offset_3},
         {exec_ldr_post_0, exec_ldr_post_1, exec_ldr_post_2, exec_ldr_post_3},
         {exec_ldr_pre_0, exec_ldr_pre_1, exec_ldr_pre_2, exec_ldr_pre_3}},
};

/* LDR* (register): address = X[n]|SP + ExtendReg(m, extend_type, shift) */
static int exec_ldr_reg(struct cpu *cpu, const struct insn *in)
{
	uint64_t base;
	int st = ldst_base(cpu, in->rn, &base);
	if (!st)
		st = ldst_load(cpu, in, base + ldst_offset_reg(cpu, in));
	return st ? st : EXEC_NEXT;
}

/* STR* (register) */
static int exec_str_reg(struct cpu *cpu, const struct insn *in)
{
	uint64_t base;
	int st = ldst_base(cpu, in->rn, &base);
	if (!st)
		st = ldst_store(cpu, in, base + ldst_offset_reg(cpu, in));
	return st ? st : EXEC_NEXT;
}

/* LDR (literal), LDRSW (literal): address = PC[] + offset */
static int exec_ldr_lit(struct cpu *cpu, const struct insn *in)
{
	int st = ldst_load(cpu, in, cpu->pc + (uint64_t)in->imm);
	return st ? st : EXEC_NEXT;
}

/*
 * LDP, LDNP, LDPSW: both elements are read before either register is
 * written. The element size (log2: 2 or 3) is a parameter so that each
 * size gets its own handler (fill_pair picks it).
 */
static ALWAYS_INLINE int ldst_pair_load(struct cpu *cpu, const struct insn *in, unsigned sf)
{
	unsigned size = 1u << sf;
	uint64_t base, d1, d2;
	int st = ldst_base(cpu, in->rn, &base);
	if (!st)
		st = mem_read(cpu, ldst_address(in, base), size, &d1, 0);
	if (!st)
		st = mem_read(cpu, ldst_address(in, base) + size, size, &d2, 0);
	if (st)
		return st;
	if (in->flags & LS_SIGNED) {
		d1 = (uint64_t)sext64(d1, 32);
		d2 = (uint64_t)sext64(d2, 32);
	}
	x_write_sf(cpu, in->rd, d1, in->flags & LS_X);
	x_write_sf(cpu, in->ra, d2, in->flags & LS_X);
	ldst_writeback(cpu, in, base);
	return EXEC_NEXT;
}

/* STP, STNP: Mem[address] = X[t]; Mem[address + dbytes] = X[t2] */
static ALWAYS_INLINE int ldst_pair_store(struct cpu *cpu, const struct insn *in, unsigned sf)
{
	unsigned size = 1u << sf;
	uint64_t base;
	int st = ldst_base(cpu, in->rn, &base);
	if (!st)
		st = mem_write(cpu, ldst_address(in, base), size, x_read(cpu, in->rd), 0);
	if (!st)
		st = mem_write(cpu, ldst_address(in, base) + size, size, x_read(cpu, in->ra), 0);
	if (st)
		return st;
	ldst_writeback(cpu, in, base);
	return EXEC_NEXT;
}

static int exec_ldp_w(struct cpu *cpu, const struct insn *in)
{
	return ldst_pair_load(cpu, in, 2);
}

static int exec_ldp_x(struct cpu *cpu, const struct insn *in)
{
	return ldst_pair_load(cpu, in, 3);
}

static int exec_stp_w(struct cpu *cpu, const struct insn *in)
{
	return ldst_pair_store(cpu, in, 2);
}

static int exec_stp_x(struct cpu *cpu, const struct insn *in)
{
	return ldst_pair_store(cpu, in, 3);
}

static void ldst_specialise(struct insn *in)
{
	if (in->sf == 3 && (in->exec == exec_ldp_w || in->exec == exec_stp_w)) {
		in->exec = in->exec == exec_ldp_w ? exec_ldp_x : exec_stp_x;
		return;
	}
	/* Post-index with writeback suppressed (ldst_fill_wb_overlap) stays general. */
	if ((in->flags & LS_SIGNED) || in->opt != 0 ||
	    (in->flags & (LS_WBACK | LS_POST)) == LS_POST)
		return;
	bool load = in->exec == exec_ldr_imm;
	if (!load && in->exec != exec_str_imm)
		return;
	enum ldst_index idx = !(in->flags & LS_WBACK) ? IDX_OFFSET
	                      : (in->flags & LS_POST) ? IDX_POST
	                                              : IDX_PRE;
	in->exec = ldst_indexed_forms[load][idx][in->sf & 3];
}

/* PRFM (all forms), PRFUM: a hint; el2sim has no caches to prefetch into. */
static int exec_prfm(struct cpu *cpu, const struct insn *in)
{
	return EXEC_NEXT;
}

/*
 * The class table (Arm ARM C4.1.? "Loads and Stores"), grouped as the
 * encoding index groups it; each group's comment names its fields. Letters
 * are field bits: z size, o opc (or o0/o3-opc), i imm, t Rt, u Rt2, n Rn,
 * s Rs, m Rm, e option, h S, l L, p type/op, a/r/b/w A/R/M/W, q Q or op2.
 * First match wins: PRFM rows precede the load rows they carve out of, and
 * the STGP rows the STP row. Unmatched encodings are UNDEFINED; that covers
 * FEAT_LSE128, FEAT_LRCPC3, FEAT_THE and FEAT_GCS forms, not implemented.
 */
// clang-format off
struct decode_row decode_ldst[] = {
	/* Exclusive, ordered, CAS:  size 001000 o2 L o1 Rs o0 Rt2 Rn Rt */
	{"zz 001000 0 0 0 sssss o uuuuu nnnnn ttttt",     "STXR/STLXR",             fill_excl,             exec_stxr},
	{"zz 001000 0 1 0 sssss o uuuuu nnnnn ttttt",     "LDXR/LDAXR",             fill_excl,             exec_ldxr},
	{"0z 001000 0 l 1 sssss o 11111 nnnnn ttttt",     "CASP",                   fill_casp,             exec_casp},
	{"1z 001000 0 0 1 sssss o uuuuu nnnnn ttttt",     "STXP/STLXP",             fill_excl_pair,        exec_stxp},
	{"1z 001000 0 1 1 sssss o uuuuu nnnnn ttttt",     "LDXP/LDAXP",             fill_excl_pair,        exec_ldxp},
	{"zz 001000 1 0 0 sssss o uuuuu nnnnn ttttt",     "STLR",                   fill_ordered,          exec_str_imm},
	{"zz 001000 1 1 0 sssss o uuuuu nnnnn ttttt",     "LDAR",                   fill_ordered,          exec_ldr_imm},
	{"zz 001000 1 l 1 sssss o 11111 nnnnn ttttt",     "CAS",                    fill_lse,              exec_cas},

	/* RCpc unscaled:  size 011001 opc 0 imm9 00 Rn Rt */
	{"zz 011001 00 0 iiiiiiiii 00 nnnnn ttttt",       "STLUR",                  fill_ordered_unscaled, exec_str_imm},
	{"zz 011001 01 0 iiiiiiiii 00 nnnnn ttttt",       "LDAPUR",                 fill_ordered_unscaled, exec_ldr_imm},
	{"0z 011001 1o 0 iiiiiiiii 00 nnnnn ttttt",       "LDAPURSB/LDAPURSH",      fill_ordered_unscaled, exec_ldr_imm},
	{"10 011001 10 0 iiiiiiiii 00 nnnnn ttttt",       "LDAPURSW",               fill_ordered_unscaled, exec_ldr_imm},
	/* MTE tags:  11011001 opc 1 imm9 op2 Rn Rt */
	{"11 011001 oo 1 iiiiiiiii pp nnnnn ttttt",       "MTE tags",               fill_mte,              exec_unimplemented},
	/* MOPS:  sz 011 o0 01 op1 0 Rs op2 01 Rn Rd */
	{"00 011 o 01 0p 0 sssss qqqq 01 nnnnn ddddd",    "CPY*P/CPY*M",            decode_fill_raw,       exec_unimplemented},
	{"00 011 o 01 10 0 sssss qqqq 01 nnnnn ddddd",    "CPY*E",                  decode_fill_raw,       exec_unimplemented},
	{"00 011 o 01 11 0 sssss 0qqq 01 nnnnn ddddd",    "SET*P/SET*M",            decode_fill_raw,       exec_unimplemented},
	{"00 011 o 01 11 0 sssss 10qq 01 nnnnn ddddd",    "SET*E",                  decode_fill_raw,       exec_unimplemented},

	/* Literal:  opc 011 V 00 imm19 Rt */
	{"0o 011 0 00 iiiiiiiiiiiiiiiiiii ttttt",         "LDR (literal)",          fill_lit,              exec_ldr_lit},
	{"10 011 0 00 iiiiiiiiiiiiiiiiiii ttttt",         "LDRSW (literal)",        fill_lit,              exec_ldr_lit},
	{"11 011 0 00 iiiiiiiiiiiiiiiiiii ttttt",         "PRFM (literal)",         decode_fill_raw,       exec_prfm},
	{"oo 011 1 00 iiiiiiiiiiiiiiiiiii ttttt",         "LDR (lit, FP)",          fill_simd_opc,         exec_unimplemented},

	/* Pairs:  opc 101 V type L imm7 Rt2 Rn Rt */
	{"o0 101 0 0pp 0 iiiiiii uuuuu nnnnn ttttt",      "STP/STNP",               fill_pair,             exec_stp_w},
	{"o0 101 0 0pp 1 iiiiiii uuuuu nnnnn ttttt",      "LDP/LDNP",               fill_pair,             exec_ldp_w},
	{"01 101 0 001 0 iiiiiii uuuuu nnnnn ttttt",      "STGP (post)",            decode_fill_raw,       exec_unimplemented},
	{"01 101 0 01p 0 iiiiiii uuuuu nnnnn ttttt",      "STGP",                   decode_fill_raw,       exec_unimplemented},
	{"01 101 0 001 1 iiiiiii uuuuu nnnnn ttttt",      "LDPSW (post)",           fill_pair,             exec_ldp_w},
	{"01 101 0 01p 1 iiiiiii uuuuu nnnnn ttttt",      "LDPSW",                  fill_pair,             exec_ldp_w},
	{"oo 101 1 0pp l iiiiiii uuuuu nnnnn ttttt",      "LDP/STP (FP)",           fill_simd_opc,         exec_unimplemented},

	/* Immediate, 9 bits:  size 111 V 00 opc 0 imm9 idx Rn Rt (idx: 00 unscaled, 01 post, 10 unpriv, 11 pre) */
	{"zz 111 0 00 00 0 iiiiiiiii 00 nnnnn ttttt",     "STUR",                   fill_imm9,             exec_str_imm},
	{"zz 111 0 00 01 0 iiiiiiiii 00 nnnnn ttttt",     "LDUR",                   fill_imm9,             exec_ldr_imm},
	{"0z 111 0 00 1o 0 iiiiiiiii 00 nnnnn ttttt",     "LDURSB/LDURSH",          fill_imm9,             exec_ldr_imm},
	{"10 111 0 00 10 0 iiiiiiiii 00 nnnnn ttttt",     "LDURSW",                 fill_imm9,             exec_ldr_imm},
	{"11 111 0 00 10 0 iiiiiiiii 00 nnnnn ttttt",     "PRFUM",                  decode_fill_raw,       exec_prfm},
	{"zz 111 0 00 00 0 iiiiiiiii 01 nnnnn ttttt",     "STR (post)",             fill_imm9,             exec_str_imm},
	{"zz 111 0 00 01 0 iiiiiiiii 01 nnnnn ttttt",     "LDR (post)",             fill_imm9,             exec_ldr_imm},
	{"0z 111 0 00 1o 0 iiiiiiiii 01 nnnnn ttttt",     "LDRSB/LDRSH (post)",     fill_imm9,             exec_ldr_imm},
	{"10 111 0 00 10 0 iiiiiiiii 01 nnnnn ttttt",     "LDRSW (post)",           fill_imm9,             exec_ldr_imm},
	{"zz 111 0 00 00 0 iiiiiiiii 10 nnnnn ttttt",     "STTR",                   fill_imm9,             exec_str_imm},
	{"zz 111 0 00 01 0 iiiiiiiii 10 nnnnn ttttt",     "LDTR",                   fill_imm9,             exec_ldr_imm},
	{"0z 111 0 00 1o 0 iiiiiiiii 10 nnnnn ttttt",     "LDTRSB/LDTRSH",          fill_imm9,             exec_ldr_imm},
	{"10 111 0 00 10 0 iiiiiiiii 10 nnnnn ttttt",     "LDTRSW",                 fill_imm9,             exec_ldr_imm},
	{"zz 111 0 00 00 0 iiiiiiiii 11 nnnnn ttttt",     "STR (pre)",              fill_imm9,             exec_str_imm},
	{"zz 111 0 00 01 0 iiiiiiiii 11 nnnnn ttttt",     "LDR (pre)",              fill_imm9,             exec_ldr_imm},
	{"0z 111 0 00 1o 0 iiiiiiiii 11 nnnnn ttttt",     "LDRSB/LDRSH (pre)",      fill_imm9,             exec_ldr_imm},
	{"10 111 0 00 10 0 iiiiiiiii 11 nnnnn ttttt",     "LDRSW (pre)",            fill_imm9,             exec_ldr_imm},
	{"zz 111 1 00 oo 0 iiiiiiiii kk nnnnn ttttt",     "LDR/STR (FP)",           fill_simd_imm9,        exec_unimplemented},

	/* Atomic memory operations:  size 111 V 00 A R 1 Rs o3 opc 00 Rn Rt */
	{"zz 111 0 00 a r 1 sssss 0 000 00 nnnnn ttttt",  "LDADD",                  fill_lse,              exec_ldop},
	{"zz 111 0 00 a r 1 sssss 0 001 00 nnnnn ttttt",  "LDCLR",                  fill_lse,              exec_ldop},
	{"zz 111 0 00 a r 1 sssss 0 010 00 nnnnn ttttt",  "LDEOR",                  fill_lse,              exec_ldop},
	{"zz 111 0 00 a r 1 sssss 0 011 00 nnnnn ttttt",  "LDSET",                  fill_lse,              exec_ldop},
	{"zz 111 0 00 a r 1 sssss 0 100 00 nnnnn ttttt",  "LDSMAX",                 fill_lse,              exec_ldop},
	{"zz 111 0 00 a r 1 sssss 0 101 00 nnnnn ttttt",  "LDSMIN",                 fill_lse,              exec_ldop},
	{"zz 111 0 00 a r 1 sssss 0 110 00 nnnnn ttttt",  "LDUMAX",                 fill_lse,              exec_ldop},
	{"zz 111 0 00 a r 1 sssss 0 111 00 nnnnn ttttt",  "LDUMIN",                 fill_lse,              exec_ldop},
	{"zz 111 0 00 a r 1 sssss 1 000 00 nnnnn ttttt",  "SWP",                    fill_lse,              exec_ldop},
	{"zz 111 0 00 1 0 1 sssss 1 100 00 nnnnn ttttt",  "LDAPR",                  fill_ordered,          exec_ldr_imm},
	{"11 111 0 00 0 0 1 11111 1 101 00 nnnnn ttttt",  "LD64B",                  decode_fill_raw,       exec_unimplemented},
	{"11 111 0 00 0 0 1 11111 1 001 00 nnnnn ttttt",  "ST64B",                  decode_fill_raw,       exec_unimplemented},
	{"11 111 0 00 0 0 1 sssss 1 01o 00 nnnnn ttttt",  "ST64BV/ST64BV0",         decode_fill_raw,       exec_unimplemented},

	/* Register offset:  size 111 V 00 opc 1 Rm option S 10 Rn Rt */
	{"zz 111 0 00 00 1 mmmmm eee h 10 nnnnn ttttt",   "STR (register)",         fill_reg,              exec_str_reg},
	{"zz 111 0 00 01 1 mmmmm eee h 10 nnnnn ttttt",   "LDR (register)",         fill_reg,              exec_ldr_reg},
	{"0z 111 0 00 1o 1 mmmmm eee h 10 nnnnn ttttt",   "LDRSB/LDRSH (reg)",      fill_reg,              exec_ldr_reg},
	{"10 111 0 00 10 1 mmmmm eee h 10 nnnnn ttttt",   "LDRSW (register)",       fill_reg,              exec_ldr_reg},
	{"11 111 0 00 10 1 mmmmm eee h 10 nnnnn ttttt",   "PRFM (register)",        fill_prfm_reg,         exec_prfm},
	{"zz 111 1 00 oo 1 mmmmm eee h 10 nnnnn ttttt",   "LDR/STR (FP reg)",       fill_simd_reg,         exec_unimplemented},
	/* Pointer authentication:  size 111 V 00 M S 1 imm9 W 1 Rn Rt */
	{"11 111 0 00 a b 1 iiiiiiiii w 1 nnnnn ttttt",   "LDRAA/LDRAB",            decode_fill_raw,       exec_unimplemented},

	/* Unsigned immediate:  size 111 V 01 opc imm12 Rn Rt */
	{"zz 111 0 01 00 iiiiiiiiiiii nnnnn ttttt",       "STR (imm)",              fill_uimm12,           exec_str_imm},
	{"zz 111 0 01 01 iiiiiiiiiiii nnnnn ttttt",       "LDR (imm)",              fill_uimm12,           exec_ldr_imm},
	{"0z 111 0 01 1o iiiiiiiiiiii nnnnn ttttt",       "LDRSB/LDRSH (imm)",      fill_uimm12,           exec_ldr_imm},
	{"10 111 0 01 10 iiiiiiiiiiii nnnnn ttttt",       "LDRSW (imm)",            fill_uimm12,           exec_ldr_imm},
	{"11 111 0 01 10 iiiiiiiiiiii nnnnn ttttt",       "PRFM (imm)",             decode_fill_raw,       exec_prfm},
	{"zz 111 1 01 oo iiiiiiiiiiii nnnnn ttttt",       "LDR/STR (FP imm)",       fill_simd_size_opc,    exec_unimplemented},

	/* AdvSIMD structures:  0 Q 0011 0 post single L R Rm opcode S size Rn Rt */
	{"0q 0011000 l 000000 oooo zz nnnnn ttttt",       "LDn/STn (mult)",         fill_simd_multi,       exec_unimplemented},
	{"0q 0011001 l 0 mmmmm oooo zz nnnnn ttttt",      "LDn/STn (mult, post)",   fill_simd_multi,       exec_unimplemented},
	{"0q 0011010 l r 00000 ooo h zz nnnnn ttttt",     "LDn/STn (single)",       fill_simd_single,      exec_unimplemented},
	{"0q 0011011 l r mmmmm ooo h zz nnnnn ttttt",     "LDn/STn (single, post)", fill_simd_single,      exec_unimplemented},
	{.pattern = NULL},
};
// clang-format on
