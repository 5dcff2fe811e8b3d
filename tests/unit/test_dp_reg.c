/*
 * Data processing -- register (Arm ARM C4.1): logical and add/subtract
 * (shifted, extended), ADC/SBC, CCMN/CCMP, CSEL..CSNEG, 1-, 2- and 3-source.
 *
 * Expected values are worked out by hand from the Arm ARM pseudocode
 * (AddWithCarry(), ShiftReg(), ExtendReg(), ConditionHolds(), the CRC32
 * Poly32Mod2() form, ...); the reasoning is in the comment next to each.
 * Instruction words come from aarch64-linux-gnu-as (asm in the comment);
 * encodings the assembler refuses are an assembled word with one field
 * replaced (TH_FIELD()).
 */
#include "harness.h"

#define N NZCV_N
#define Z NZCV_Z
#define C NZCV_C
#define V NZCV_V

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Execute one word that must be UNDEFINED (th_exec_undef(): EC 0x00 to EL1,
 * ELR_EL1 = the instruction, registers and NZCV untouched), with X0 and NZCV
 * holding values the instruction would not leave.
 */
static void undef(struct cpu *cpu, uint32_t insn)
{
	x_write(cpu, 0, 0x5a5a5a5a);
	cpu->nzcv = Z;
	th_exec_undef(cpu, insn);
	assert_int_equal(x_read(cpu, 0), 0x5a5a5a5a);
	assert_int_equal(cpu->nzcv, Z);
}

/*
 * A register case: x1, x2 and NZCV in; x0 and NZCV out. Where the
 * instruction does not set flags, nzcv_out equals nzcv_in.
 */
struct reg_case {
	uint32_t insn;
	uint64_t x1, x2;
	uint32_t nzcv_in;
	uint64_t x0;
	uint32_t nzcv_out;
};

static void run_cases(struct cpu *cpu, const struct reg_case *t, size_t n)
{
	for (size_t i = 0; i < n; i++, t++) {
		x_write(cpu, 0, 0xdddddddddddddddd);
		x_write(cpu, 1, t->x1);
		x_write(cpu, 2, t->x2);
		cpu->nzcv = t->nzcv_in;
		th_exec_ok(cpu, t->insn);
		assert_int_equal(x_read(cpu, 0), t->x0);
		assert_int_equal(cpu->nzcv, t->nzcv_out);
	}
}

/* ---- Logical (shifted register) ---- */

#define X1  0xff00ff00ff00ff00
#define X2  0x0123456789abcdef
#define X2N 0x8123456789abcdef

/* clang-format off */
static const struct reg_case logical_cases[] = {
	/* x2 << 4 = 0x123456789abcdef0, AND 0xff00.. keeps bytes 12 56 9a de */
	{0x8a021020, X1, X2, 0, 0x120056009a00de00, 0}, /* and x0, x1, x2, lsl #4 */
	/* x1 AND NOT(x2) = ff00.. AND fedcba9876543210 */
	{0x8a220020, X1, X2, 0, 0xfe00ba0076003200, 0}, /* bic x0, x1, x2 */
	/* ROR(x2, 4) = 0xf0123456789abcde, OR 0xff00.. */
	{0xaac21020, X1, X2, 0, 0xff12ff56ff9affde, 0}, /* orr x0, x1, x2, ror #4 */
	/* 32-bit ROR(0x89abcdef, 4) = 0xf89abcde, NOT = 0x07654321, OR 0xff00ff00 */
	{0x2ae21020, X1, X2, 0, 0xff65ff21, 0}, /* orn w0, w1, w2, ror #4 */
	/* ASR(0x8123.., 60) = 0xffff..fff8 */
	{0xca82f020, X1, X2N, 0, 0x00ff00ff00ff00f8, 0}, /* eor x0, x1, x2, asr #60 */
	/* LSR(0x8123.., 1) = 0x4091a2b3c4d5e6f7, NOT = 0xbf6e5d4c3b2a1908, EOR 0xff00.. */
	{0xca620420, X1, X2N, 0, 0x406ea24cc42ae608, 0}, /* eon x0, x1, x2, lsr #1 */
	/* ORR x0, xzr, x2: Rn = 31 is XZR here, not SP (SP is non-zero) */
	{0xaa0203e0, X1, X2, 0, X2, 0}, /* mov x0, x2 */
	/* ORN w0, wzr, w1: NOT(0xff00ff00), zero-extended */
	{0x2a2103e0, X1, X2, 0, 0x00ff00ff, 0}, /* mvn w0, w1 */
	/* ANDS: N = result<63>; C and V cleared */
	{0xea020020, 0x8000000000000001, 0x8000000000000000, Z | C | V, 0x8000000000000000, N}, /* ands x0, x1, x2 */
	/* BICS 32-bit: 0xf0 AND NOT(0xf0) = 0 -> Z; x1<63:32> ignored */
	{0x6a220020, 0xff000000000000f0, 0xf0, N | C | V, 0, Z}, /* bics w0, w1, w2 */
};
/* clang-format on */

static void test_logical_shifted(void **state)
{
	struct cpu *cpu = *state;
	sp_write(cpu, 0x1000);
	run_cases(cpu, logical_cases, ARRAY_LEN(logical_cases));

	/* tst x1, x2, lsl #63 (ands xzr, ...): 1 << 63 AND x1 -> N; XZR stays 0, SP untouched */
	x_write(cpu, 1, 0x8000000000000000);
	x_write(cpu, 2, 1);
	th_exec_ok(cpu, 0xea02fc3f);
	assert_int_equal(cpu->nzcv, N);
	assert_int_equal(x_read(cpu, 31), 0);
	assert_int_equal(sp_read(cpu), 0x1000);

	undef(cpu, TH_FIELD(0x2ae21020, 15, 10, 32)); /* orn w0, w1, w2, ror #32: sf=0, imm6<5>=1 */
}

/* ---- Add/subtract (shifted register) ---- */

/* clang-format off */
static const struct reg_case addsub_shifted_cases[] = {
	/* 1000 + (3 << 3) */
	{0x8b020c20, 1000, 3, 0, 1024, 0}, /* add x0, x1, x2, lsl #3 */
	/* ASR(-5, 63) = -1; 1000 - (-1) */
	{0xcb82fc20, 1000, (uint64_t)-5, 0, 1001, 0}, /* sub x0, x1, x2, asr #63 */
	/* 32-bit LSR(0x80000000, 31) = 1, x2<63:32> ignored */
	{0x0b427c20, 1, 0xffffffff80000000, 0, 2, 0}, /* add w0, w1, w2, lsr #31 */
	/* 2^63-1 + 2^63-1 = 2^64-2: no carry; signed 2^64-2 != -2 -> V; N */
	{0xab020020, 0x7fffffffffffffff, 0x7fffffffffffffff, 0, 0xfffffffffffffffe, N | V}, /* adds x0, x1, x2 */
	/* 2^63 + 2^63 = 2^64: carry, result 0; signed -2^64 overflows */
	{0xab020020, 0x8000000000000000, 0x8000000000000000, 0, 0, Z | C | V}, /* adds x0, x1, x2 */
	/* 1 + NOT(2) + 1 = 2^64 - 1: no carry (borrow) -> C=0; N */
	{0xeb020020, 1, 2, Z | C | V, 0xffffffffffffffff, N}, /* subs x0, x1, x2 */
	/* (2^63-1) - (-1): 0x7fff.. + 0 + 1 = 2^63, no carry; signed 2^63 overflows */
	{0xeb020020, 0x7fffffffffffffff, 0xffffffffffffffff, 0, 0x8000000000000000, N | V}, /* subs x0, x1, x2 */
	/* 32-bit 0x80000000 + 0x80000000 = 2^32: carry out of bit 31, V, Z */
	{0x2b020020, 0x80000000, 0x80000000, 0, 0, Z | C | V}, /* adds w0, w1, w2 */
	/* 32-bit 0 - (-2^31): 0 + 0x7fffffff + 1 = 0x80000000, no carry, V */
	{0x6b020020, 0, 0x80000000, 0, 0x80000000, N | V}, /* subs w0, w1, w2 */
	/* negs w0, w2 (subs w0, wzr, w2) with w2 = 0: 0 + 0xffffffff + 1 carries -> C, Z */
	{0x6b0203e0, 0, 0xffffffff00000000, 0, 0, Z | C}, /* negs w0, w2 */
};
/* clang-format on */

static void test_addsub_shifted(void **state)
{
	struct cpu *cpu = *state;
	run_cases(cpu, addsub_shifted_cases, ARRAY_LEN(addsub_shifted_cases));

	/* neg x0, x2 (sub x0, xzr, x2): Rn = 31 is XZR, not SP */
	sp_write(cpu, 0x1000);
	x_write(cpu, 2, 3);
	th_exec_ok(cpu, 0xcb0203e0);
	assert_int_equal(x_read(cpu, 0), (uint64_t)-3);
	/* cmp x1, x2 (subs xzr, x1, x2): equal -> Z, C; Rd = 31 is XZR */
	x_write(cpu, 1, 3);
	th_exec_ok(cpu, 0xeb02003f);
	assert_int_equal(cpu->nzcv, Z | C);
	assert_int_equal(sp_read(cpu), 0x1000);
	/* add xzr, x1, x2, lsl #3 (not assemblable): the result is discarded */
	th_exec_ok(cpu, TH_FIELD(0x8b020c20, 4, 0, 31));
	assert_int_equal(x_read(cpu, 31), 0);
	assert_int_equal(sp_read(cpu), 0x1000);

	undef(cpu, TH_FIELD(0x8b020c20, 23, 22, 3));  /* shift = ROR: reserved */
	undef(cpu, TH_FIELD(0x0b427c20, 15, 10, 32)); /* add w0, w1, w2, lsr #32: sf=0, imm6<5>=1 */
}

/* ---- Add/subtract (extended register) ---- */

/* clang-format off */
static const struct reg_case addsub_ext_cases[] = {
	/* SXTB(0x80) = -128: 1000 - (-128) */
	{0xcb228020, 1000, 0x180, 0, 1128, 0}, /* sub x0, x1, w2, sxtb */
	/* SXTH(0xffff) = -1, LSL #4 = -16: 0 + 0xffff..fff0, no carry -> N */
	{0xab22b020, 0, 0xffff, Z | C | V, 0xfffffffffffffff0, N}, /* adds x0, x1, w2, sxth #4 */
	/* UXTB(0x1ff) = 0xff, LSL #1 = 0x1fe */
	{0x8b220420, 2, 0x1ff, 0, 0x200, 0}, /* add x0, x1, w2, uxtb #1 */
	/* 32-bit: 0 - SXTB(0x7f) = -127 = 0xffffff81, zero-extended */
	{0x4b228020, 0, 0x7f, 0, 0xffffff81, 0}, /* sub w0, w1, w2, sxtb */
	/* SXTX #4: 0 - (1 << 4) */
	{0xcb22f020, 0, 1, 0, (uint64_t)-16, 0}, /* sub x0, x1, x2, sxtx #4 */
	/* UXTH(0xffff..8001) = 0x8001 */
	{0x8b222020, 0, 0xffffffffffff8001, 0, 0x8001, 0}, /* add x0, x1, w2, uxth */
	/* sub w0, w1, w2, sxtx (option 111 with sf=0): len = Min(64, 32) -> W[2] */
	{TH_FIELD(0x4b228020, 15, 13, 7), 10, 0xabcdef0000000003, 0, 7, 0},
};
/* clang-format on */

/* Rn is SP; Rd is SP without S and XZR with S. */
static void test_addsub_extended(void **state)
{
	struct cpu *cpu = *state;
	run_cases(cpu, addsub_ext_cases, ARRAY_LEN(addsub_ext_cases));

	sp_write(cpu, 0x40080000);
	x_write(cpu, 1, 0xffffffff00000010);
	th_exec_ok(cpu, 0x8b214be0); /* add x0, sp, w1, uxtw #2: UXTW(x1) = 0x10, << 2 */
	assert_int_equal(x_read(cpu, 0), 0x40080040);
	x_write(cpu, 1, 0x100);
	th_exec_ok(cpu, 0x8b2163ff); /* add sp, sp, x1 (uxtx) */
	assert_int_equal(sp_read(cpu), 0x40080100);
	th_exec_ok(cpu, 0xab2163e0); /* adds x0, sp, x1 */
	assert_int_equal(x_read(cpu, 0), 0x40080200);
	assert_int_equal(cpu->nzcv, 0);

	/* cmp sp, x1 (subs xzr, sp, x1): equal -> Z, C; SP and XZR unchanged */
	x_write(cpu, 1, 0x40080100);
	th_exec_ok(cpu, 0xeb2163ff);
	assert_int_equal(cpu->nzcv, Z | C);
	assert_int_equal(sp_read(cpu), 0x40080100);
	assert_int_equal(x_read(cpu, 31), 0);

	/* add w0, wsp, w1, uxth: WSP = 0x00001000, UXTH(0x12345678) = 0x5678 */
	sp_write(cpu, 0xffffffff00001000);
	x_write(cpu, 1, 0x12345678);
	th_exec_ok(cpu, 0x0b2123e0);
	assert_int_equal(x_read(cpu, 0), 0x6678);

	undef(cpu, TH_FIELD(0x8b220420, 12, 10, 5)); /* add x0, x1, w2, uxtb #5: shift > 4 */
	undef(cpu, TH_FIELD(0x8b220420, 12, 10, 7)); /* ... #7 */
	undef(cpu, TH_FIELD(0x8b220420, 23, 22, 1)); /* opt = 01 */
}

/* ---- ADC, ADCS, SBC, SBCS ---- */

/* clang-format off */
static const struct reg_case carry_cases[] = {
	/* -1 + 0 + C(1) = 2^64: carry, Z; signed -1 + 1 = 0, no V */
	{0xba020020, 0xffffffffffffffff, 0, C, 0, Z | C}, /* adcs x0, x1, x2 */
	/* 32-bit 0x7fffffff + 0 + 1 = 0x80000000: N, V */
	{0x3a020020, 0x7fffffff, 0, C, 0x80000000, N | V}, /* adcs w0, w1, w2 */
	/* C clear: 2^63-1 + 2^63 + 0 = 2^64-1: N only */
	{0xba020020, 0x7fffffffffffffff, 0x8000000000000000, 0, 0xffffffffffffffff, N}, /* adcs x0, x1, x2 */
	/* SBCS with C=0: 5 + NOT(5) + 0 = 2^64-1: borrow -> C=0, N */
	{0xfa020020, 5, 5, Z | V, 0xffffffffffffffff, N}, /* sbcs x0, x1, x2 */
	/* SBCS with C=1: 5 + NOT(5) + 1 = 2^64: C, Z */
	{0xfa020020, 5, 5, C, 0, Z | C}, /* sbcs x0, x1, x2 */
	/* SBC w, C=0: 0 + 0xffffffff + 0, flags untouched, zero-extended */
	{0x5a020020, 0xffffffff00000000, 0, V, 0xffffffff, V}, /* sbc w0, w1, w2 */
	/* ADC: 1 + 2 + 1, flags untouched */
	{0x9a020020, 1, 2, C, 4, C}, /* adc x0, x1, x2 */
	/* ngc x0, x2 (sbc x0, xzr, x2): 0 + NOT(5) + 1 = -5 (Rn = 31 is XZR) */
	{0xda0203e0, 0, 5, C, (uint64_t)-5, C}, /* ngc x0, x2 */
	/* ... with C=0: NOT(5) = -6 */
	{0xda0203e0, 0, 5, 0, (uint64_t)-6, 0}, /* ngc x0, x2 */
};
/* clang-format on */

static void test_add_with_carry(void **state)
{
	struct cpu *cpu = *state;
	sp_write(cpu, 0x1000);
	run_cases(cpu, carry_cases, ARRAY_LEN(carry_cases));
}

/* ---- CCMN, CCMP ---- */

/* clang-format off */
static const struct reg_case condcmp_cases[] = {
	/* EQ holds: flags of 5 - 7 = -2: N, borrow -> C=0 */
	{0xfa42002f, 5, 7, Z, 0xdddddddddddddddd, N}, /* ccmp x1, x2, #0xf, eq */
	/* EQ fails: flags = #0xf */
	{0xfa42002f, 5, 7, 0, 0xdddddddddddddddd, N | Z | C | V}, /* ccmp x1, x2, #0xf, eq */
	/* NE holds: 32-bit -5 + 5 = 2^32: Z, C */
	{0x3a451822, 0xfffffffb, 0, 0, 0xdddddddddddddddd, Z | C}, /* ccmn w1, #0x5, #0x2, ne */
	/* NE fails: flags = #2 = C */
	{0x3a451822, 0xfffffffb, 0, Z, 0xdddddddddddddddd, C}, /* ccmn w1, #0x5, #0x2, ne */
	/* AL holds: 31 - 31 */
	{0xfa5fe820, 31, 0, N | V, 0xdddddddddddddddd, Z | C}, /* ccmp x1, #0x1f, #0x0, al */
	/* NV holds as well (ConditionHolds: '1111' is always true): 1 - 2 */
	{0xfa42f024, 1, 2, 0, 0xdddddddddddddddd, N}, /* ccmp x1, x2, #0x4, nv */
	/* GE holds (N == V): 2^63-1 + 1 overflows: N, V */
	{0xba42a020, 0x7fffffffffffffff, 1, 0, 0xdddddddddddddddd, N | V}, /* ccmn x1, x2, #0x0, ge */
	/* GE fails (N != V): flags = #0 */
	{0xba42a020, 0x7fffffffffffffff, 1, N, 0xdddddddddddddddd, 0}, /* ccmn x1, x2, #0x0, ge */
};
/* clang-format on */

static void test_condcmp(void **state)
{
	struct cpu *cpu = *state;
	run_cases(cpu, condcmp_cases, ARRAY_LEN(condcmp_cases));

	undef(cpu, TH_FIELD(0xfa42002f, 29, 29, 0)); /* S = 0 */
	undef(cpu, TH_FIELD(0xfa42002f, 10, 10, 1)); /* o2 = 1 */
	undef(cpu, TH_FIELD(0xfa42002f, 4, 4, 1));   /* o3 = 1 */
	undef(cpu, TH_FIELD(0xfa5fe820, 10, 10, 1)); /* immediate form, o2 = 1 */
}

/* ---- CSEL, CSINC, CSINV, CSNEG ---- */

/* clang-format off */
static const struct reg_case condsel_cases[] = {
	{0x9a820020, 1, 2, Z, 1, Z}, /* csel x0, x1, x2, eq: holds -> x1 */
	{0x9a820020, 1, 2, 0, 2, 0}, /* csel x0, x1, x2, eq: fails -> x2 */
	/* cinc x0, x1, ne = csinc x0, x1, x1, eq: Z=0 -> x1 + 1 */
	{0x9a810420, 7, 0, 0, 8, 0}, /* cinc x0, x1, ne */
	{0x9a810420, 7, 0, Z, 7, Z}, /* cinc x0, x1, ne */
	/* cset w0, eq = csinc w0, wzr, wzr, ne: Z=1 -> 0 + 1 */
	{0x1a9f17e0, 7, 7, Z, 1, Z}, /* cset w0, eq */
	{0x1a9f17e0, 7, 7, 0, 0, 0}, /* cset w0, eq */
	/* csetm x0, ne = csinv x0, xzr, xzr, eq: Z=0 -> NOT(0) */
	{0xda9f03e0, 7, 7, 0, 0xffffffffffffffff, 0}, /* csetm x0, ne */
	{0xda9f03e0, 7, 7, Z, 0, Z},                  /* csetm x0, ne */
	/* cneg x0, x1, mi = csneg x0, x1, x1, pl: N=1 -> NOT(x1) + 1 */
	{0xda815420, 5, 0, N, (uint64_t)-5, N}, /* cneg x0, x1, mi */
	{0xda815420, 5, 0, 0, 5, 0},            /* cneg x0, x1, mi */
	/* csinv w0, w1, w2, cs: C=0 -> NOT(0x0000ffff) in 32 bits */
	{0x5a822020, 1, 0xffffffff0000ffff, 0, 0xffff0000, 0}, /* csinv w0, w1, w2, cs */
	{0x5a822020, 0xabcdef0000000001, 0, C, 1, C},           /* csinv w0, w1, w2, cs */
	/* csneg x0, x1, x2, lt: N == V -> NOT(x2) + 1 */
	{0xda82b420, 1, 2, N | V, (uint64_t)-2, N | V}, /* csneg x0, x1, x2, lt */
	{0xda82b420, 1, 2, V, 1, V},                    /* csneg x0, x1, x2, lt */
	/* NV always holds */
	{0x9a82f020, 1, 2, 0, 1, 0}, /* csel x0, x1, x2, nv */
	/* csinc w0, w1, w2, hi: C=0 -> 0xffffffff + 1 wraps to 0 in 32 bits */
	{0x1a828420, 1, 0xffffffff, 0, 0, 0}, /* csinc w0, w1, w2, hi */
	{0x1a828420, 1, 0xffffffff, C, 1, C}, /* csinc w0, w1, w2, hi */
};
/* clang-format on */

static void test_condsel(void **state)
{
	struct cpu *cpu = *state;
	run_cases(cpu, condsel_cases, ARRAY_LEN(condsel_cases));

	undef(cpu, TH_FIELD(0x9a820020, 29, 29, 1)); /* S = 1 */
	undef(cpu, TH_FIELD(0x9a820020, 11, 11, 1)); /* op2<1> = 1 */
}

/* ---- Data-processing (1 source) ---- */

/* clang-format off */
static const struct reg_case dp1_cases[] = {
	/* RBIT: nibbles reversed, each bit-reversed: 0->0 1->8 2->4 3->c ... */
	{0xdac00020, X2, 0, 0, 0xf7b3d591e6a2c480, 0}, /* rbit x0, x1 */
	{0x5ac00020, 0xffffffff00000001, 0, 0, 0x80000000, 0}, /* rbit w0, w1 */
	{0xdac00420, X2, 0, 0, 0x23016745ab89efcd, 0}, /* rev16 x0, x1 */
	{0x5ac00420, X2, 0, 0, 0xab89efcd, 0},         /* rev16 w0, w1 */
	{0xdac00820, X2, 0, 0, 0x67452301efcdab89, 0}, /* rev32 x0, x1 */
	{0xdac00c20, X2, 0, 0, 0xefcdab8967452301, 0}, /* rev x0, x1 */
	{0x5ac00820, X2, 0, 0, 0xefcdab89, 0},         /* rev w0, w1 */
	{0xdac01020, 0, 0, 0, 64, 0},                  /* clz x0, x1: zero -> datasize */
	{0xdac01020, 1, 0, 0, 63, 0},                  /* clz x0, x1 */
	{0xdac01020, 0x8000000000000000, 0, 0, 0, 0},  /* clz x0, x1 */
	{0x5ac01020, 0xffffffff00000000, 0, 0, 32, 0}, /* clz w0, w1: x1<63:32> ignored */
	{0x5ac01020, 0x00010000, 0, 0, 15, 0},         /* clz w0, w1 */
	/* CLS = CountLeadingZeroBits(x<63:1> EOR x<62:0>) */
	{0xdac01420, 0, 0, 0, 63, 0},                  /* cls x0, x1 */
	{0xdac01420, 0xffffffffffffffff, 0, 0, 63, 0}, /* cls x0, x1 */
	{0xdac01420, 0x4000000000000000, 0, 0, 0, 0},  /* cls x0, x1: bit 62 differs from 63 */
	{0xdac01420, 0xff00000000000000, 0, 0, 7, 0},  /* cls x0, x1 */
	{0xdac01420, 1, 0, 0, 62, 0},                  /* cls x0, x1 */
	{0x5ac01420, 0xffff0000, 0, 0, 15, 0},         /* cls w0, w1 */
	{0x5ac01420, 0xffffffff00000000, 0, 0, 31, 0}, /* cls w0, w1 */
};
/* clang-format on */

static void test_dp1(void **state)
{
	struct cpu *cpu = *state;
	run_cases(cpu, dp1_cases, ARRAY_LEN(dp1_cases));

	undef(cpu, TH_FIELD(0x5ac00820, 11, 10, 3)); /* rev w0, w1 with opcode 000011: sf=0 */
	undef(cpu, TH_FIELD(0xdac00020, 29, 29, 1)); /* rbit with S = 1 */
}

/* ---- Data-processing (2 source): divide and shift ---- */

/* clang-format off */
static const struct reg_case div_cases[] = {
	{0x9ac20820, 100, 7, 0, 14, 0}, /* udiv x0, x1, x2 */
	/* divide by zero gives zero, no exception */
	{0x9ac20820, 100, 0, 0, 0, 0}, /* udiv x0, x1, x2 */
	{0x9ac20820, 0xffffffffffffffff, 1, 0, 0xffffffffffffffff, 0}, /* udiv x0, x1, x2 */
	/* 32-bit: 100 / 7, upper halves ignored */
	{0x1ac20820, 0xffffffff00000064, 0xf00000007, 0, 14, 0}, /* udiv w0, w1, w2 */
	/* unsigned: 0xffffffff / 2 */
	{0x1ac20820, 0xffffffff, 2, 0, 0x7fffffff, 0}, /* udiv w0, w1, w2 */
	/* RoundTowardsZero(-3.5) = -3 */
	{0x9ac20c20, (uint64_t)-7, 2, 0, (uint64_t)-3, 0}, /* sdiv x0, x1, x2 */
	{0x9ac20c20, 7, (uint64_t)-2, 0, (uint64_t)-3, 0}, /* sdiv x0, x1, x2 */
	/* -2^63 / -1 = 2^63, which is -2^63 in 64 bits */
	{0x9ac20c20, 0x8000000000000000, (uint64_t)-1, 0, 0x8000000000000000, 0}, /* sdiv x0, x1, x2 */
	{0x9ac20c20, (uint64_t)-7, 0, 0, 0, 0}, /* sdiv x0, x1, x2: by zero */
	/* 32-bit: -2^31 / -1 = 2^31 -> 0x80000000, zero-extended */
	{0x1ac20c20, 0x80000000, 0xffffffff, 0, 0x80000000, 0}, /* sdiv w0, w1, w2 */
	{0x1ac20c20, 0xfffffff9, 2, 0, 0xfffffffd, 0},          /* sdiv w0, w1, w2: -7 / 2 */
	{0x1ac20c20, 0x80000000, 0xffffffff00000000, 0, 0, 0},  /* sdiv w0, w1, w2: W[2] = 0 */
};
/* clang-format on */

/* clang-format off */
static const struct reg_case shiftv_cases[] = {
	/* shift amount = UInt(X[m]) MOD datasize */
	{0x9ac22020, 1, 68, 0, 16, 0},                  /* lsl x0, x1, x2: 68 mod 64 = 4 */
	{0x1ac22420, 0x80000000, 33, 0, 0x40000000, 0}, /* lsr w0, w1, w2: 33 mod 32 = 1 */
	{0x9ac22820, 0x8000000000000000, 0xffffffffffffffff, 0, 0xffffffffffffffff, 0}, /* asr x0, x1, x2: 63 */
	{0x1ac22c20, 0x12345678, 36, 0, 0x81234567, 0}, /* ror w0, w1, w2: 36 mod 32 = 4 */
	{0x9ac22c20, X2, 64, 0, X2, 0},                 /* ror x0, x1, x2: 64 mod 64 = 0 */
	{0x9ac22c20, X2, 4, 0, 0xf0123456789abcde, 0},  /* ror x0, x1, x2 */
};
/* clang-format on */

static void test_dp2_div_shift(void **state)
{
	struct cpu *cpu = *state;
	run_cases(cpu, div_cases, ARRAY_LEN(div_cases));
	run_cases(cpu, shiftv_cases, ARRAY_LEN(shiftv_cases));
}

/* ---- CRC32, CRC32C ---- */

/* BitReverse(v<n-1:0>) */
static uint64_t ref_bit_reverse(uint64_t v, unsigned n)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < n; i++)
		r |= ((v >> i) & 1) << (n - 1 - i);
	return r;
}

/* Poly32Mod2(data<size-1:0>, poly) exactly as the Arm ARM loop writes it */
static uint32_t ref_poly32mod2(unsigned __int128 data, unsigned size, uint32_t poly)
{
	for (unsigned i = size - 1; i >= 32; i--)
		if ((data >> i) & 1)
			data ^= (unsigned __int128)poly << (i - 32);
	return (uint32_t)data;
}

/*
 * The CRC32/CRC32C pseudocode with the polynomial in its normal (not
 * reflected) form: an independent reference for the instruction.
 */
static uint32_t ref_crc(uint32_t acc, uint64_t val, unsigned size, uint32_t poly)
{
	unsigned __int128 tempacc = (unsigned __int128)ref_bit_reverse(acc, 32) << size;
	unsigned __int128 tempval = (unsigned __int128)ref_bit_reverse(val, size) << 32;
	return (uint32_t)ref_bit_reverse(ref_poly32mod2(tempacc ^ tempval, size + 32, poly), 32);
}

#define POLY_CRC32  0x04C11DB7u
#define POLY_CRC32C 0x1EDC6F41u

/* One CRC step: w0 = CRC(w0, x1<size-1:0>), checked against ref_crc() */
static void crc_step(struct cpu *cpu, uint32_t insn, uint64_t val, unsigned size, uint32_t poly)
{
	uint32_t expect = ref_crc((uint32_t)x_read(cpu, 0),
	                          val & ((size < 64 ? 1ull << size : 0) - 1), size, poly);
	x_write(cpu, 1, val);
	th_exec_ok(cpu, insn);
	assert_int_equal(x_read(cpu, 0), expect);
}

static const char check_input[] = "123456789";

/* The words, all with Wd = Wn = w0 and Rm = x1/w1 */
#define CRC32B  0x1ac14000 /* crc32b w0, w0, w1 */
#define CRC32H  0x1ac14400 /* crc32h w0, w0, w1 */
#define CRC32W  0x1ac14800 /* crc32w w0, w0, w1 */
#define CRC32X  0x9ac14c00 /* crc32x w0, w0, x1 */
#define CRC32CB 0x1ac15000 /* crc32cb w0, w0, w1 */
#define CRC32CH 0x1ac15400 /* crc32ch w0, w0, w1 */
#define CRC32CW 0x1ac15800 /* crc32cw w0, w0, w1 */
#define CRC32CX 0x9ac15c00 /* crc32cx w0, w0, x1 */

/* Byte at a time: the standard check values (initial and final XOR 0xffffffff). */
static void test_crc_bytes(void **state)
{
	struct cpu *cpu = *state;
	x_write(cpu, 0, 0xffffffff);
	for (size_t i = 0; i < 9; i++)
		crc_step(cpu, CRC32B, (uint8_t)check_input[i], 8, POLY_CRC32);
	assert_int_equal(x_read(cpu, 0) ^ 0xffffffff, 0xcbf43926);

	x_write(cpu, 0, 0xffffffff);
	for (size_t i = 0; i < 9; i++)
		crc_step(cpu, CRC32CB, (uint8_t)check_input[i], 8, POLY_CRC32C);
	assert_int_equal(x_read(cpu, 0) ^ 0xffffffff, 0xe3069283);
}

/* The little-endian value of n bytes of the check input from offset off */
static uint64_t check_le(size_t off, size_t n)
{
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v |= (uint64_t)(uint8_t)check_input[off + i] << (8 * i);
	return v;
}

/* Mixed sizes reach the same check values; x1's bits above the size are ignored. */
static void test_crc_sizes(void **state)
{
	struct cpu *cpu = *state;
	x_write(cpu, 0, 0xffffffff);
	crc_step(cpu, CRC32W, 0xdead000000000000 | check_le(0, 4), 32, POLY_CRC32);
	crc_step(cpu, CRC32H, 0xbeef0000 | check_le(4, 2), 16, POLY_CRC32);
	crc_step(cpu, CRC32B, 0xff00 | check_le(6, 1), 8, POLY_CRC32);
	crc_step(cpu, CRC32H, check_le(7, 2), 16, POLY_CRC32);
	assert_int_equal(x_read(cpu, 0) ^ 0xffffffff, 0xcbf43926);

	/* Xn's upper half is ignored: acc = X[n]<31:0>; the result is zero-extended */
	x_write(cpu, 0, 0x12345678ffffffff);
	crc_step(cpu, CRC32X, check_le(0, 8), 64, POLY_CRC32);
	crc_step(cpu, CRC32B, check_le(8, 1), 8, POLY_CRC32);
	assert_int_equal(x_read(cpu, 0) ^ 0xffffffff, 0xcbf43926);

	x_write(cpu, 0, 0xffffffff);
	crc_step(cpu, CRC32CX, check_le(0, 8), 64, POLY_CRC32C);
	crc_step(cpu, CRC32CB, check_le(8, 1), 8, POLY_CRC32C);
	assert_int_equal(x_read(cpu, 0) ^ 0xffffffff, 0xe3069283);

	x_write(cpu, 0, 0xffffffff);
	crc_step(cpu, CRC32CW, check_le(0, 4), 32, POLY_CRC32C);
	crc_step(cpu, CRC32CH, check_le(4, 2), 16, POLY_CRC32C);
	crc_step(cpu, CRC32CH, check_le(6, 2), 16, POLY_CRC32C);
	crc_step(cpu, CRC32CB, check_le(8, 1), 8, POLY_CRC32C);
	assert_int_equal(x_read(cpu, 0) ^ 0xffffffff, 0xe3069283);
}

static void test_crc_unallocated(void **state)
{
	struct cpu *cpu = *state;
	undef(cpu, TH_FIELD(CRC32X, 31, 31, 0));  /* sf=0 with sz=11 */
	undef(cpu, TH_FIELD(CRC32B, 31, 31, 1));  /* sf=1 with sz=00 */
	undef(cpu, TH_FIELD(CRC32CW, 31, 31, 1)); /* sf=1 with sz=10 */
	undef(cpu, TH_FIELD(CRC32CX, 31, 31, 0)); /* sf=0 with sz=11 */
}

/* ---- Data-processing (3 source) ---- */

struct dp3_case {
	uint32_t insn; /* x0 = f(x1, x2, x3) */
	uint64_t x1, x2, x3, x0;
};

/* clang-format off */
static const struct dp3_case dp3_cases[] = {
	{0x9b020c20, 3, 4, 5, 17},                                /* madd x0, x1, x2, x3 */
	{0x9b020c20, 1ull << 32, 1ull << 32, 5, 5},              /* madd: 2^64 wraps to 0 */
	{0x9b028c20, 3, 4, 5, (uint64_t)-7},                     /* msub x0, x1, x2, x3: 5 - 12 */
	{0x1b027c20, 0xff00000000010000, 0x10001, 9, 0x10000},  /* mul w0, w1, w2: 0x100010000 in 32 bits */
	{0x9b02fc20, 3, 4, 9, (uint64_t)-12},                    /* mneg x0, x1, x2 */
	{0x1b020c20, 0xffffffff, 1, 0, 0xffffffff},              /* madd w0, w1, w2, w3: zero-extended */
	/* SInt(0xfffffffe) = -2, times 3, plus 100; x1<63:32> ignored */
	{0x9b220c20, 0x12345678fffffffe, 3, 100, 94},            /* smaddl x0, w1, w2, x3 */
	{0x9b228c20, 0xfffffffe, 3, 100, 106},                   /* smsubl x0, w1, w2, x3: 100 - (-6) */
	/* UInt(0xfffffffe) * 3 = 0x2fffffffa, + 100 = 0x30000005e */
	{0x9ba20c20, 0x12345678fffffffe, 3, 100, 0x30000005e},   /* umaddl x0, w1, w2, x3 */
	/* 100 - 0x2fffffffa = -0x2ffffff96 */
	{0x9ba28c20, 0xfffffffe, 3, 100, 0xfffffffd0000006a},    /* umsubl x0, w1, w2, x3 */
	/* (-2^31) * (-2^31) = 2^62 */
	{0x9b227c20, 0x80000000, 0x80000000, 7, 0x4000000000000000}, /* smull x0, w1, w2 */
	/* (2^32 - 1)^2 = 2^64 - 2^33 + 1 */
	{0x9ba27c20, 0xffffffff, 0xffffffff, 7, 0xfffffffe00000001}, /* umull x0, w1, w2 */
	/* -1 * 1 = -1: high half all ones */
	{0x9b427c20, (uint64_t)-1, 1, 7, 0xffffffffffffffff},    /* smulh x0, x1, x2 */
	/* (-2^63)^2 = 2^126: high half 2^62 */
	{0x9b427c20, 1ull << 63, 1ull << 63, 7, 0x4000000000000000}, /* smulh x0, x1, x2 */
	/* (2^64 - 1)^2 = 2^128 - 2^65 + 1: high half 2^64 - 2 */
	{0x9bc27c20, (uint64_t)-1, (uint64_t)-1, 7, 0xfffffffffffffffe}, /* umulh x0, x1, x2 */
	/* 2^63 * 2 = 2^64: high half 1 (unsigned) */
	{0x9bc27c20, 1ull << 63, 2, 7, 1},                       /* umulh x0, x1, x2 */
};
/* clang-format on */

static void test_dp3(void **state)
{
	struct cpu *cpu = *state;
	for (size_t i = 0; i < ARRAY_LEN(dp3_cases); i++) {
		const struct dp3_case *t = &dp3_cases[i];
		x_write(cpu, 1, t->x1);
		x_write(cpu, 2, t->x2);
		x_write(cpu, 3, t->x3);
		th_exec_ok(cpu, t->insn);
		assert_int_equal(x_read(cpu, 0), t->x0);
	}

	undef(cpu, TH_FIELD(0x9b220c20, 31, 31, 0)); /* smaddl with sf=0 */
	undef(cpu, TH_FIELD(0x9bc27c20, 31, 31, 0)); /* umulh with sf=0 */
	undef(cpu, TH_FIELD(0x9b020c20, 30, 29, 1)); /* madd with op54 = 01 */
	undef(cpu, TH_FIELD(0x9b020c20, 23, 21, 3)); /* op31 = 011 */
	undef(cpu, TH_FIELD(0x9b427c20, 15, 15, 1)); /* smulh with o0 = 1 */
}

/* Encodings of this class outside the base integer set stay UNDEFINED. */
static void test_dp_reg_unallocated(void **state)
{
	struct cpu *cpu = *state;
	undef(cpu, 0xba008402); /* rmif x0, #1, #2 (FEAT_FlagM) */
	undef(cpu, 0x3a00080d); /* setf8 w0 (FEAT_FlagM) */
	undef(cpu, 0x9ac21020); /* irg x0, x1, x2 (FEAT_MTE) */
	undef(cpu, 0x9ac20020); /* subp x0, x1, x2 (FEAT_MTE) */
	undef(cpu, 0xdac10020); /* pacia x0, x1 (FEAT_PAuth) */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TH_TEST_EL1(test_logical_shifted),
	        TH_TEST_EL1(test_addsub_shifted),
	        TH_TEST_EL1(test_addsub_extended),
	        TH_TEST_EL1(test_add_with_carry),
	        TH_TEST_EL1(test_condcmp),
	        TH_TEST_EL1(test_condsel),
	        TH_TEST_EL1(test_dp1),
	        TH_TEST_EL1(test_dp2_div_shift),
	        TH_TEST_EL1(test_crc_bytes),
	        TH_TEST_EL1(test_crc_sizes),
	        TH_TEST_EL1(test_crc_unallocated),
	        TH_TEST_EL1(test_dp3),
	        TH_TEST_EL1(test_dp_reg_unallocated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
