/*
 * Data processing -- register (Arm ARM C4.1, "Data Processing -- Register",
 * op0 = x101): logical (shifted register), add/subtract (shifted and
 * extended register), add/subtract with carry, conditional compare,
 * conditional select and data-processing 1, 2 and 3 source; instruction
 * sections in C6.2. Optional groups (FEAT_FlagM's RMIF and
 * SETF, FEAT_CSSC, pointer authentication, MTE) have no row: UNDEFINED.
 *
 * Operand slots (struct insn):
 *   logical, add/sub (shifted)   rd, rn, rm, sf, opt = shift, amt = imm6,
 *                                flags = invert (logical: N)
 *   add/sub (extended)           rd, rn, rm, sf, opt = option, amt = imm3
 *   ADC, SBC, DP 1/2 source      rd, rn, rm, sf
 *   LSLV..RORV                   opt = shift type
 *   REV16, REV32, REV            amt = container size in bytes
 *   CRC32*                       amt = size in bytes, imm = reflected polynomial
 *   CCMN, CCMP                   rn, rm or imm = imm5, sf, opt = cond, amt = nzcv
 *   CSEL..CSNEG                  rd, rn, rm, sf, opt = cond
 *   DP 3 source                  rd, rn, rm, ra, sf
 */
#include <stddef.h>

#include "alu.h"
#include "cpu.h"
#include "decode.h"
#include "fuse.h"

#define FLAG_INVERT 1

static void fill_rd_rn_rm(struct insn *in, uint32_t raw)
{
	in->rd = (uint8_t)bits32(raw, 4, 0);
	in->rn = (uint8_t)bits32(raw, 9, 5);
	in->rm = (uint8_t)bits32(raw, 20, 16);
	in->sf = (uint8_t)bit32(raw, 31);
}

static bool fill_rrr(struct insn *in, uint32_t raw)
{
	fill_rd_rn_rm(in, raw);
	return true;
}

/* ---- Logical and add/subtract (shifted register) (C6.2 AND ... SUBS (shifted register)) ---- */

static void dp_specialise(struct insn *in);

static bool fill_shifted(struct insn *in, uint32_t raw)
{
	fill_rd_rn_rm(in, raw);
	in->opt = (uint8_t)bits32(raw, 23, 22);
	in->amt = (uint8_t)bits32(raw, 15, 10);
	in->flags = (uint8_t)bit32(raw, 21); /* logical: N, "invert" */
	dp_specialise(in);
	return in->sf || in->amt < 32; /* sf == '0' && imm6<5> == '1': UNDEFINED */
}

static bool fill_addsub_shifted(struct insn *in, uint32_t raw)
{
	/* shift == '11' (ROR): UNDEFINED */
	return fill_shifted(in, raw) && in->opt != SHIFT_ROR;
}

/* operand2 = ShiftReg(m, shift_type, shift_amount); if invert then NOT(operand2) */
static uint64_t operand2_shifted(const struct cpu *cpu, const struct insn *in)
{
	uint64_t op2 = alu_shift_reg(x_read(cpu, in->rm), in->opt, in->amt, in->sf);
	return in->flags & FLAG_INVERT ? alu_trunc(~op2, in->sf) : op2;
}

/*
 * The bodies, given operand2 and the datasize. ANDS, BICS set
 * PSTATE.<N,Z,C,V> = result<datasize-1>:IsZeroBit(result):'00'; add/subtract
 * (shifted register) reads XZR, not SP, for register 31.
 */
static ALWAYS_INLINE int dp_and(struct cpu *cpu, const struct insn *in, uint64_t op2, unsigned sf)
{
	x_write_sf(cpu, in->rd, x_read(cpu, in->rn) & op2, sf);
	return EXEC_NEXT;
}

static ALWAYS_INLINE int dp_orr(struct cpu *cpu, const struct insn *in, uint64_t op2, unsigned sf)
{
	x_write_sf(cpu, in->rd, x_read(cpu, in->rn) | op2, sf);
	return EXEC_NEXT;
}

static ALWAYS_INLINE int dp_eor(struct cpu *cpu, const struct insn *in, uint64_t op2, unsigned sf)
{
	x_write_sf(cpu, in->rd, x_read(cpu, in->rn) ^ op2, sf);
	return EXEC_NEXT;
}

static ALWAYS_INLINE int dp_ands(struct cpu *cpu, const struct insn *in, uint64_t op2, unsigned sf)
{
	uint64_t result = alu_trunc(x_read(cpu, in->rn) & op2, sf);
	x_write(cpu, in->rd, result);
	cpu->nzcv = alu_nz(result, sf);
	return EXEC_NEXT;
}

static ALWAYS_INLINE int dp_add(struct cpu *cpu, const struct insn *in, uint64_t op2, unsigned sf)
{
	return alu_addsub_sf(cpu, in, op2, 0, false, FORM_XZR, sf);
}

static ALWAYS_INLINE int dp_adds(struct cpu *cpu, const struct insn *in, uint64_t op2, unsigned sf)
{
	return alu_addsub_sf(cpu, in, op2, 0, true, FORM_XZR, sf);
}

static ALWAYS_INLINE int dp_sub(struct cpu *cpu, const struct insn *in, uint64_t op2, unsigned sf)
{
	return alu_addsub_sf(cpu, in, ~op2, 1, false, FORM_XZR, sf);
}

static ALWAYS_INLINE int dp_subs(struct cpu *cpu, const struct insn *in, uint64_t op2, unsigned sf)
{
	return alu_addsub_sf(cpu, in, ~op2, 1, true, FORM_XZR, sf);
}

/*
 * One handler per shift type and datasize, so that neither is decided at
 * run time; op##_forms[type][sf] lists them. Logical operations also have
 * a general handler, the row's, which the inverted forms (BIC, ORN, EON,
 * BICS) keep. Add/subtract has no inversion and no ROR (UNDEFINED,
 * fill_addsub_shifted): its row names the LSL 64-bit form.
 */
#define DP_FORM(op, type, sf)                                                                      \
	static int exec_##op##_##type##_##sf(struct cpu *cpu, const struct insn *in)               \
	{                                                                                          \
		return dp_##op(cpu, in,                                                            \
		               alu_shift_reg(x_read(cpu, in->rm), SHIFT_##type, in->amt, sf), sf); \
	}
#define DP_FORMS_LSL_LSR_ASR(op) \
	DP_FORM(op, LSL, 0)      \
	DP_FORM(op, LSL, 1)      \
	DP_FORM(op, LSR, 0)      \
	DP_FORM(op, LSR, 1)      \
	DP_FORM(op, ASR, 0)      \
	DP_FORM(op, ASR, 1)
#define DP_LOGICAL(op)                                                      \
	static int exec_##op##_reg(struct cpu *cpu, const struct insn *in)  \
	{                                                                   \
		return dp_##op(cpu, in, operand2_shifted(cpu, in), in->sf); \
	}                                                                   \
	DP_FORMS_LSL_LSR_ASR(op)                                            \
	DP_FORM(op, ROR, 0)                                                 \
	DP_FORM(op, ROR, 1)                                                 \
	static const exec_fn op##_forms[4][2] = {                           \
	        {exec_##op##_LSL_0, exec_##op##_LSL_1},                     \
	        {exec_##op##_LSR_0, exec_##op##_LSR_1},                     \
	        {exec_##op##_ASR_0, exec_##op##_ASR_1},                     \
	        {exec_##op##_ROR_0, exec_##op##_ROR_1},                     \
	};
#define DP_ADDSUB(op)                                   \
	DP_FORMS_LSL_LSR_ASR(op)                        \
	static const exec_fn op##_forms[4][2] = {       \
	        {exec_##op##_LSL_0, exec_##op##_LSL_1}, \
	        {exec_##op##_LSR_0, exec_##op##_LSR_1}, \
	        {exec_##op##_ASR_0, exec_##op##_ASR_1}, \
	        {NULL, NULL},                           \
	};
DP_LOGICAL(and)  /* AND, BIC */
DP_LOGICAL(orr)  /* ORR, ORN */
DP_LOGICAL(eor)  /* EOR, EON */
DP_LOGICAL(ands) /* ANDS, BICS */
DP_ADDSUB(add)
DP_ADDSUB(adds)
DP_ADDSUB(sub)
DP_ADDSUB(subs)

/* Each row's handler and the forms that replace it. */
static const struct {
	exec_fn row;
	const exec_fn (*forms)[2]; /* [shift type][sf] */
} dp_forms[] = {
        {exec_and_reg, and_forms},   {exec_orr_reg, orr_forms},     {exec_eor_reg, eor_forms},
        {exec_ands_reg, ands_forms}, {exec_add_LSL_1, add_forms},   {exec_adds_LSL_1, adds_forms},
        {exec_sub_LSL_1, sub_forms}, {exec_subs_LSL_1, subs_forms},
};

/*
 * Pick the handler of the shift type and size when N (invert) is 0. A
 * shift by 0 of any type is the identity: LSL's handler then.
 */
static void dp_specialise(struct insn *in)
{
	if (in->flags & FLAG_INVERT)
		return;
	unsigned type = in->amt ? in->opt : SHIFT_LSL;
	for (size_t i = 0; i < sizeof(dp_forms) / sizeof(dp_forms[0]); i++)
		if (dp_forms[i].row == in->exec) {
			exec_fn form = dp_forms[i].forms[type & 3][in->sf & 1];
			if (form) /* NULL: ROR for add/subtract, which the fill refuses */
				in->exec = form;
			return;
		}
}

/* ---- Add/subtract (extended register) (C6.2 ADD ... SUBS (extended register)) ---- */

static bool fill_addsub_ext(struct insn *in, uint32_t raw)
{
	fill_rd_rn_rm(in, raw);
	in->opt = (uint8_t)bits32(raw, 15, 13);
	in->amt = (uint8_t)bits32(raw, 12, 10);
	return in->amt <= 4; /* shift > 4: UNDEFINED */
}

/* operand2 = ExtendReg(m, extend_type, shift) */
static uint64_t operand2_extended(const struct cpu *cpu, const struct insn *in)
{
	return alu_extend_reg(x_read(cpu, in->rm), in->opt, in->amt, in->sf);
}

/* Extended-register add/subtract: Rn is SP, and Rd is SP without S. */
static int exec_add_ext(struct cpu *cpu, const struct insn *in)
{
	return alu_addsub(cpu, in, operand2_extended(cpu, in), 0, false, FORM_SP);
}

static int exec_adds_ext(struct cpu *cpu, const struct insn *in)
{
	return alu_addsub(cpu, in, operand2_extended(cpu, in), 0, true, FORM_SP);
}

static int exec_sub_ext(struct cpu *cpu, const struct insn *in)
{
	return alu_addsub(cpu, in, ~operand2_extended(cpu, in), 1, false, FORM_SP);
}

static int exec_subs_ext(struct cpu *cpu, const struct insn *in)
{
	return alu_addsub(cpu, in, ~operand2_extended(cpu, in), 1, true, FORM_SP);
}

/* ---- Add/subtract (with carry) (C6.2 ADC, ADCS, SBC, SBCS): carry_in = PSTATE.C ---- */

static unsigned carry_flag(const struct cpu *cpu)
{
	return (cpu->nzcv & NZCV_C) ? 1 : 0;
}

static int exec_adc(struct cpu *cpu, const struct insn *in)
{
	return alu_addsub(cpu, in, x_read(cpu, in->rm), carry_flag(cpu), false, FORM_XZR);
}

static int exec_adcs(struct cpu *cpu, const struct insn *in)
{
	return alu_addsub(cpu, in, x_read(cpu, in->rm), carry_flag(cpu), true, FORM_XZR);
}

static int exec_sbc(struct cpu *cpu, const struct insn *in)
{
	return alu_addsub(cpu, in, ~x_read(cpu, in->rm), carry_flag(cpu), false, FORM_XZR);
}

static int exec_sbcs(struct cpu *cpu, const struct insn *in)
{
	return alu_addsub(cpu, in, ~x_read(cpu, in->rm), carry_flag(cpu), true, FORM_XZR);
}

/* ---- Conditional compare (C6.2 CCMN, CCMP (register, immediate)) ---- */

static bool fill_condcmp(struct insn *in, uint32_t raw)
{
	fill_rd_rn_rm(in, raw);
	in->opt = (uint8_t)bits32(raw, 15, 12);
	in->amt = (uint8_t)bits32(raw, 3, 0);
	in->imm = bits32(raw, 20, 16); /* the immediate form's imm5 */
	return true;
}

/*
 * if ConditionHolds(cond) then (-, flags) = AddWithCarry(X[n], operand2, carry_in)
 * else flags = nzcv; PSTATE.<N,Z,C,V> = flags
 */
static int condcmp(struct cpu *cpu, const struct insn *in, uint64_t op2, unsigned carry_in)
{
	if (cond_holds(cpu, in->opt))
		cpu->nzcv = alu_add_with_carry(x_read(cpu, in->rn), op2, carry_in, in->sf).nzcv;
	else
		cpu->nzcv = (uint32_t)in->amt << 28;
	return EXEC_NEXT;
}

static int exec_ccmn_reg(struct cpu *cpu, const struct insn *in)
{
	return condcmp(cpu, in, x_read(cpu, in->rm), 0);
}

static int exec_ccmp_reg(struct cpu *cpu, const struct insn *in)
{
	return condcmp(cpu, in, ~x_read(cpu, in->rm), 1);
}

static int exec_ccmn_imm(struct cpu *cpu, const struct insn *in)
{
	return condcmp(cpu, in, (uint64_t)in->imm, 0);
}

static int exec_ccmp_imm(struct cpu *cpu, const struct insn *in)
{
	return condcmp(cpu, in, ~(uint64_t)in->imm, 1);
}

/* ---- Conditional select (C6.2 CSEL, CSINC, CSINV, CSNEG) ---- */

static bool fill_condsel(struct insn *in, uint32_t raw)
{
	fill_rd_rn_rm(in, raw);
	in->opt = (uint8_t)bits32(raw, 15, 12);
	return true;
}

static int exec_csel(struct cpu *cpu, const struct insn *in)
{
	bool holds = cond_holds(cpu, in->opt);
	x_write_sf(cpu, in->rd, holds ? x_read(cpu, in->rn) : x_read(cpu, in->rm), in->sf);
	return EXEC_NEXT;
}

/* else_inc: result = X[m] + 1 */
static int exec_csinc(struct cpu *cpu, const struct insn *in)
{
	bool holds = cond_holds(cpu, in->opt);
	x_write_sf(cpu, in->rd, holds ? x_read(cpu, in->rn) : x_read(cpu, in->rm) + 1, in->sf);
	return EXEC_NEXT;
}

/* else_inv: result = NOT(X[m]) */
static int exec_csinv(struct cpu *cpu, const struct insn *in)
{
	bool holds = cond_holds(cpu, in->opt);
	x_write_sf(cpu, in->rd, holds ? x_read(cpu, in->rn) : ~x_read(cpu, in->rm), in->sf);
	return EXEC_NEXT;
}

/* else_inv, else_inc: result = NOT(X[m]) + 1 */
static int exec_csneg(struct cpu *cpu, const struct insn *in)
{
	bool holds = cond_holds(cpu, in->opt);
	x_write_sf(cpu, in->rd, holds ? x_read(cpu, in->rn) : ~x_read(cpu, in->rm) + 1, in->sf);
	return EXEC_NEXT;
}

/* ---- Data-processing (1 source) (C6.2 RBIT, REV16, REV32, REV, CLZ, CLS) ---- */

static bool fill_rev16(struct insn *in, uint32_t raw)
{
	fill_rd_rn_rm(in, raw);
	in->amt = 2;
	return true;
}

static bool fill_rev32(struct insn *in, uint32_t raw)
{
	fill_rd_rn_rm(in, raw);
	in->amt = 4;
	return true;
}

/* REV: the container is the whole register */
static bool fill_rev(struct insn *in, uint32_t raw)
{
	fill_rd_rn_rm(in, raw);
	in->amt = in->sf ? 8 : 4;
	return true;
}

static int exec_rbit(struct cpu *cpu, const struct insn *in)
{
	x_write(cpu, in->rd, alu_bit_reverse(x_read(cpu, in->rn), in->sf));
	return EXEC_NEXT;
}

/* REV16, REV32, REV: Reverse() of each container */
static int exec_rev(struct cpu *cpu, const struct insn *in)
{
	x_write(cpu, in->rd, alu_rev_bytes(x_read(cpu, in->rn), in->amt, in->sf));
	return EXEC_NEXT;
}

static int exec_clz(struct cpu *cpu, const struct insn *in)
{
	x_write(cpu, in->rd, alu_clz(x_read(cpu, in->rn), in->sf));
	return EXEC_NEXT;
}

static int exec_cls(struct cpu *cpu, const struct insn *in)
{
	x_write(cpu, in->rd, alu_cls(x_read(cpu, in->rn), in->sf));
	return EXEC_NEXT;
}

/* ---- Data-processing (2 source) (C6.2 UDIV, SDIV, LSLV..RORV, CRC32*) ---- */

/* if operand2 == 0 then 0 else RoundTowardsZero(operand1 / operand2) */
static int exec_udiv(struct cpu *cpu, const struct insn *in)
{
	uint64_t n = alu_trunc(x_read(cpu, in->rn), in->sf);
	uint64_t m = alu_trunc(x_read(cpu, in->rm), in->sf);
	x_write(cpu, in->rd, m ? n / m : 0);
	return EXEC_NEXT;
}

/* Signed: -2^(N-1) / -1 = 2^(N-1), which wraps to -2^(N-1) in datasize bits. */
static int exec_sdiv(struct cpu *cpu, const struct insn *in)
{
	int64_t n = alu_sint(x_read(cpu, in->rn), in->sf);
	int64_t m = alu_sint(x_read(cpu, in->rm), in->sf);
	uint64_t result;

	if (m == 0)
		result = 0;
	else if (m == -1)
		result = 0 - (uint64_t)n; /* no host trap on INT64_MIN / -1 */
	else
		result = (uint64_t)(n / m); /* C truncates towards zero */
	x_write_sf(cpu, in->rd, result, in->sf);
	return EXEC_NEXT;
}

static bool fill_shiftv(struct insn *in, uint32_t raw)
{
	fill_rd_rn_rm(in, raw);
	in->opt = (uint8_t)bits32(raw, 11, 10); /* DecodeShift(op2) */
	return true;
}

/* LSLV, LSRV, ASRV, RORV: ShiftReg(n, shift_type, UInt(X[m]) MOD datasize) */
static int exec_shiftv(struct cpu *cpu, const struct insn *in)
{
	unsigned amount = (unsigned)(x_read(cpu, in->rm) % alu_datasize(in->sf));
	x_write(cpu, in->rd, alu_shift_reg(x_read(cpu, in->rn), in->opt, amount, in->sf));
	return EXEC_NEXT;
}

/* CRC32*: sf == '1' && sz != '11' or sf == '0' && sz == '11' is UNDEFINED */
static bool fill_crc(struct insn *in, uint32_t raw)
{
	unsigned sz = bits32(raw, 11, 10);

	fill_rd_rn_rm(in, raw);
	in->amt = (uint8_t)(1u << sz);
	in->imm = bit32(raw, 12) ? CRC32C_POLY_REFLECTED : CRC32_POLY_REFLECTED;
	return in->sf == (sz == 3);
}

static int exec_crc32(struct cpu *cpu, const struct insn *in)
{
	uint32_t acc = (uint32_t)x_read(cpu, in->rn);
	x_write(cpu, in->rd, alu_crc32(acc, x_read(cpu, in->rm), in->amt, (uint32_t)in->imm));
	return EXEC_NEXT;
}

/* ---- Data-processing (3 source) (C6.2 MADD ... UMULH) ---- */

static bool fill_dp3(struct insn *in, uint32_t raw)
{
	fill_rd_rn_rm(in, raw);
	in->ra = (uint8_t)bits32(raw, 14, 10);
	return true;
}

/* result = X[a] + X[n] * X[m] */
static int exec_madd(struct cpu *cpu, const struct insn *in)
{
	uint64_t product = x_read(cpu, in->rn) * x_read(cpu, in->rm);
	x_write_sf(cpu, in->rd, x_read(cpu, in->ra) + product, in->sf);
	return EXEC_NEXT;
}

/* result = X[a] - X[n] * X[m] */
static int exec_msub(struct cpu *cpu, const struct insn *in)
{
	uint64_t product = x_read(cpu, in->rn) * x_read(cpu, in->rm);
	x_write_sf(cpu, in->rd, x_read(cpu, in->ra) - product, in->sf);
	return EXEC_NEXT;
}

/* Int(W[n]) * Int(W[m]), unsigned or signed (the "L" forms) */
static uint64_t product_long(const struct cpu *cpu, const struct insn *in, bool is_signed)
{
	uint64_t n = x_read(cpu, in->rn), m = x_read(cpu, in->rm);
	if (is_signed)
		return (uint64_t)((int64_t)(int32_t)n * (int64_t)(int32_t)m);
	return (uint64_t)(uint32_t)n * (uint32_t)m;
}

static int exec_smaddl(struct cpu *cpu, const struct insn *in)
{
	x_write(cpu, in->rd, x_read(cpu, in->ra) + product_long(cpu, in, true));
	return EXEC_NEXT;
}

static int exec_smsubl(struct cpu *cpu, const struct insn *in)
{
	x_write(cpu, in->rd, x_read(cpu, in->ra) - product_long(cpu, in, true));
	return EXEC_NEXT;
}

static int exec_umaddl(struct cpu *cpu, const struct insn *in)
{
	x_write(cpu, in->rd, x_read(cpu, in->ra) + product_long(cpu, in, false));
	return EXEC_NEXT;
}

static int exec_umsubl(struct cpu *cpu, const struct insn *in)
{
	x_write(cpu, in->rd, x_read(cpu, in->ra) - product_long(cpu, in, false));
	return EXEC_NEXT;
}

/* result<127:64> of the 128-bit product; Ra is ignored */
static int exec_smulh(struct cpu *cpu, const struct insn *in)
{
	__int128 p = (__int128)(int64_t)x_read(cpu, in->rn) * (int64_t)x_read(cpu, in->rm);
	x_write(cpu, in->rd, (uint64_t)(p >> 64));
	return EXEC_NEXT;
}

static int exec_umulh(struct cpu *cpu, const struct insn *in)
{
	unsigned __int128 p = (unsigned __int128)x_read(cpu, in->rn) * x_read(cpu, in->rm);
	x_write(cpu, in->rd, (uint64_t)(p >> 64));
	return EXEC_NEXT;
}

/* clang-format off */
struct decode_row decode_dp_reg[] = {
	/* Logical (shifted register): sf opc 01010 shift N Rm imm6 Rn Rd */
	{.pattern = "s 00 01010 hh 0 mmmmm iiiiii nnnnn ddddd",       .name = "AND (shifted register)",  .fill = fill_shifted,        .exec = exec_and_reg},
	{.pattern = "s 00 01010 hh 1 mmmmm iiiiii nnnnn ddddd",       .name = "BIC (shifted register)",  .fill = fill_shifted,        .exec = exec_and_reg},
	{.pattern = "s 01 01010 hh 0 mmmmm iiiiii nnnnn ddddd",       .name = "ORR (shifted register)",  .fill = fill_shifted,        .exec = exec_orr_reg},
	{.pattern = "s 01 01010 hh 1 mmmmm iiiiii nnnnn ddddd",       .name = "ORN (shifted register)",  .fill = fill_shifted,        .exec = exec_orr_reg},
	{.pattern = "s 10 01010 hh 0 mmmmm iiiiii nnnnn ddddd",       .name = "EOR (shifted register)",  .fill = fill_shifted,        .exec = exec_eor_reg},
	{.pattern = "s 10 01010 hh 1 mmmmm iiiiii nnnnn ddddd",       .name = "EON (shifted register)",  .fill = fill_shifted,        .exec = exec_eor_reg},
	{.pattern = "s 11 01010 hh 0 mmmmm iiiiii nnnnn ddddd",       .name = "ANDS (shifted register)", .fill = fill_shifted,        .exec = exec_ands_reg},
	{.pattern = "s 11 01010 hh 1 mmmmm iiiiii nnnnn ddddd",       .name = "BICS (shifted register)", .fill = fill_shifted,        .exec = exec_ands_reg},
	/* Add/subtract (shifted register): sf op S 01011 shift 0 Rm imm6 Rn Rd */
	{.pattern = "s 0 0 01011 hh 0 mmmmm iiiiii nnnnn ddddd",      .name = "ADD (shifted register)",  .fill = fill_addsub_shifted, .exec = exec_add_LSL_1},
	{.pattern = "s 0 1 01011 hh 0 mmmmm iiiiii nnnnn ddddd",      .name = "ADDS (shifted register)", .fill = fill_addsub_shifted, .exec = exec_adds_LSL_1},
	{.pattern = "s 1 0 01011 hh 0 mmmmm iiiiii nnnnn ddddd",      .name = "SUB (shifted register)",  .fill = fill_addsub_shifted, .exec = exec_sub_LSL_1},
	{.pattern = "s 1 1 01011 hh 0 mmmmm iiiiii nnnnn ddddd",      .name = "SUBS (shifted register)", .fill = fill_addsub_shifted, .exec = exec_subs_LSL_1},
	/* Add/subtract (extended register): sf op S 01011 opt 1 Rm option imm3 Rn Rd; opt != 00 unallocated */
	{.pattern = "s 0 0 01011 00 1 mmmmm ooo iii nnnnn ddddd",     .name = "ADD (extended register)", .fill = fill_addsub_ext,     .exec = exec_add_ext},
	{.pattern = "s 0 1 01011 00 1 mmmmm ooo iii nnnnn ddddd",     .name = "ADDS (extended register)",.fill = fill_addsub_ext,     .exec = exec_adds_ext},
	{.pattern = "s 1 0 01011 00 1 mmmmm ooo iii nnnnn ddddd",     .name = "SUB (extended register)", .fill = fill_addsub_ext,     .exec = exec_sub_ext},
	{.pattern = "s 1 1 01011 00 1 mmmmm ooo iii nnnnn ddddd",     .name = "SUBS (extended register)",.fill = fill_addsub_ext,     .exec = exec_subs_ext},
	/* Add/subtract (with carry): sf op S 11010000 Rm 000000 Rn Rd */
	{.pattern = "s 0 0 11010000 mmmmm 000000 nnnnn ddddd",        .name = "ADC",                     .fill = fill_rrr,            .exec = exec_adc},
	{.pattern = "s 0 1 11010000 mmmmm 000000 nnnnn ddddd",        .name = "ADCS",                    .fill = fill_rrr,            .exec = exec_adcs},
	{.pattern = "s 1 0 11010000 mmmmm 000000 nnnnn ddddd",        .name = "SBC",                     .fill = fill_rrr,            .exec = exec_sbc},
	{.pattern = "s 1 1 11010000 mmmmm 000000 nnnnn ddddd",        .name = "SBCS",                    .fill = fill_rrr,            .exec = exec_sbcs},
	/* Conditional compare: sf op 1 11010010 Rm|imm5 cond reg/imm o2 Rn o3 nzcv; S, o2, o3 must be 1, 0, 0 */
	{.pattern = "s 0 1 11010010 mmmmm cccc 0 0 nnnnn 0 vvvv",     .name = "CCMN (register)",         .fill = fill_condcmp,        .exec = exec_ccmn_reg},
	{.pattern = "s 1 1 11010010 mmmmm cccc 0 0 nnnnn 0 vvvv",     .name = "CCMP (register)",         .fill = fill_condcmp,        .exec = exec_ccmp_reg},
	{.pattern = "s 0 1 11010010 iiiii cccc 1 0 nnnnn 0 vvvv",     .name = "CCMN (immediate)",        .fill = fill_condcmp,        .exec = exec_ccmn_imm},
	{.pattern = "s 1 1 11010010 iiiii cccc 1 0 nnnnn 0 vvvv",     .name = "CCMP (immediate)",        .fill = fill_condcmp,        .exec = exec_ccmp_imm},
	/* Conditional select: sf op S 11010100 Rm cond op2 Rn Rd; S = 1 or op2<1> = 1 unallocated */
	{.pattern = "s 0 0 11010100 mmmmm cccc 00 nnnnn ddddd",       .name = "CSEL",                    .fill = fill_condsel,        .exec = exec_csel},
	{.pattern = "s 0 0 11010100 mmmmm cccc 01 nnnnn ddddd",       .name = "CSINC",                   .fill = fill_condsel,        .exec = exec_csinc},
	{.pattern = "s 1 0 11010100 mmmmm cccc 00 nnnnn ddddd",       .name = "CSINV",                   .fill = fill_condsel,        .exec = exec_csinv},
	{.pattern = "s 1 0 11010100 mmmmm cccc 01 nnnnn ddddd",       .name = "CSNEG",                   .fill = fill_condsel,        .exec = exec_csneg},
	/* Data-processing (2 source): sf 0 S 11010110 Rm opcode Rn Rd */
	{.pattern = "s 0 0 11010110 mmmmm 000010 nnnnn ddddd",        .name = "UDIV",                    .fill = fill_rrr,            .exec = exec_udiv},
	{.pattern = "s 0 0 11010110 mmmmm 000011 nnnnn ddddd",        .name = "SDIV",                    .fill = fill_rrr,            .exec = exec_sdiv},
	{.pattern = "s 0 0 11010110 mmmmm 001000 nnnnn ddddd",        .name = "LSLV",                    .fill = fill_shiftv,         .exec = exec_shiftv},
	{.pattern = "s 0 0 11010110 mmmmm 001001 nnnnn ddddd",        .name = "LSRV",                    .fill = fill_shiftv,         .exec = exec_shiftv},
	{.pattern = "s 0 0 11010110 mmmmm 001010 nnnnn ddddd",        .name = "ASRV",                    .fill = fill_shiftv,         .exec = exec_shiftv},
	{.pattern = "s 0 0 11010110 mmmmm 001011 nnnnn ddddd",        .name = "RORV",                    .fill = fill_shiftv,         .exec = exec_shiftv},
	{.pattern = "s 0 0 11010110 mmmmm 0100 zz nnnnn ddddd",       .name = "CRC32B/H/W/X",            .fill = fill_crc,            .exec = exec_crc32},
	{.pattern = "s 0 0 11010110 mmmmm 0101 zz nnnnn ddddd",       .name = "CRC32CB/CH/CW/CX",        .fill = fill_crc,            .exec = exec_crc32},
	/* Data-processing (1 source): sf 1 S 11010110 opcode2 opcode Rn Rd */
	{.pattern = "s 1 0 11010110 00000 000000 nnnnn ddddd",        .name = "RBIT",                    .fill = fill_rrr,            .exec = exec_rbit},
	{.pattern = "s 1 0 11010110 00000 000001 nnnnn ddddd",        .name = "REV16",                   .fill = fill_rev16,          .exec = exec_rev},
	{.pattern = "0 1 0 11010110 00000 000010 nnnnn ddddd",        .name = "REV (32-bit)",            .fill = fill_rev,            .exec = exec_rev},
	{.pattern = "1 1 0 11010110 00000 000010 nnnnn ddddd",        .name = "REV32",                   .fill = fill_rev32,          .exec = exec_rev},
	{.pattern = "1 1 0 11010110 00000 000011 nnnnn ddddd",        .name = "REV (64-bit)",            .fill = fill_rev,            .exec = exec_rev},
	{.pattern = "s 1 0 11010110 00000 000100 nnnnn ddddd",        .name = "CLZ",                     .fill = fill_rrr,            .exec = exec_clz},
	{.pattern = "s 1 0 11010110 00000 000101 nnnnn ddddd",        .name = "CLS",                     .fill = fill_rrr,            .exec = exec_cls},
	/* Data-processing (3 source): sf op54 11011 op31 Rm o0 Ra Rn Rd; op54 != 00 unallocated */
	{.pattern = "s 00 11011 000 mmmmm 0 aaaaa nnnnn ddddd",       .name = "MADD",                    .fill = fill_dp3,            .exec = exec_madd},
	{.pattern = "s 00 11011 000 mmmmm 1 aaaaa nnnnn ddddd",       .name = "MSUB",                    .fill = fill_dp3,            .exec = exec_msub},
	{.pattern = "1 00 11011 001 mmmmm 0 aaaaa nnnnn ddddd",       .name = "SMADDL",                  .fill = fill_dp3,            .exec = exec_smaddl},
	{.pattern = "1 00 11011 001 mmmmm 1 aaaaa nnnnn ddddd",       .name = "SMSUBL",                  .fill = fill_dp3,            .exec = exec_smsubl},
	{.pattern = "1 00 11011 010 mmmmm 0 aaaaa nnnnn ddddd",       .name = "SMULH",                   .fill = fill_dp3,            .exec = exec_smulh},
	{.pattern = "1 00 11011 101 mmmmm 0 aaaaa nnnnn ddddd",       .name = "UMADDL",                  .fill = fill_dp3,            .exec = exec_umaddl},
	{.pattern = "1 00 11011 101 mmmmm 1 aaaaa nnnnn ddddd",       .name = "UMSUBL",                  .fill = fill_dp3,            .exec = exec_umsubl},
	{.pattern = "1 00 11011 110 mmmmm 0 aaaaa nnnnn ddddd",       .name = "UMULH",                   .fill = fill_dp3,            .exec = exec_umulh},
	{.pattern = NULL},
};
/* clang-format on */

/* Compare-and-branch fusion (fuse.h): CMP/CMN/TST Rn, Rm (LSL #0), SUBS/ADDS/ANDS. */
FUSE_BCOND(exec_subs_LSL_0)
FUSE_BCOND(exec_subs_LSL_1)
FUSE_BCOND(exec_adds_LSL_0)
FUSE_BCOND(exec_adds_LSL_1)
FUSE_BCOND(exec_ands_LSL_0)
FUSE_BCOND(exec_ands_LSL_1)

const struct fuse_pair fuse_dp_reg[] = {
        {exec_subs_LSL_0, exec_subs_LSL_0_bcond},
        {exec_subs_LSL_1, exec_subs_LSL_1_bcond},
        {exec_adds_LSL_0, exec_adds_LSL_0_bcond},
        {exec_adds_LSL_1, exec_adds_LSL_1_bcond},
        {exec_ands_LSL_0, exec_ands_LSL_0_bcond},
        {exec_ands_LSL_1, exec_ands_LSL_1_bcond},
        {NULL, NULL},
};
