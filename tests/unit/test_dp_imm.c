/*
 * Data processing -- immediate (Arm ARM C4.1): ADR/ADRP, ADD/SUB
 * (immediate), logical (immediate), move wide, bitfield, EXTR.
 *
 * Expected values are worked out by hand from the Arm ARM pseudocode
 * (AddWithCarry(), DecodeBitMasks(), the SBFM/BFM/UBFM operation); the
 * reasoning is in the comment next to each. Instruction words come from
 * aarch64-linux-gnu-as (the asm is in the comment); encodings the assembler
 * refuses are an assembled word with one field replaced (TH_FIELD()).
 */
#include "harness.h"

#define N NZCV_N
#define Z NZCV_Z
#define C NZCV_C
#define V NZCV_V

/*
 * Execute one word that must be UNDEFINED (th_exec_undef(): EC 0x00 to EL1,
 * ELR_EL1 = the instruction, registers untouched), with X0 holding a value
 * the instruction would not leave.
 */
static void undef(struct cpu *cpu, uint32_t insn)
{
	x_write(cpu, 0, 0x5a5a5a5a);
	th_exec_undef(cpu, insn);
	assert_int_equal(x_read(cpu, 0), 0x5a5a5a5a);
}

/* ---- ADD/SUB (immediate) ---- */

static void test_add_imm(void **state)
{
	struct cpu *cpu = *state;
	x_write(cpu, 1, 5);
	th_exec_ok(cpu, 0x91048c20); /* add x0, x1, #0x123 */
	assert_int_equal(x_read(cpu, 0), 0x128);
	th_exec_ok(cpu, 0x91400420); /* add x0, x1, #0x1, lsl #12: sh=1 -> imm = 0x1000 */
	assert_int_equal(x_read(cpu, 0), 0x1005);
	assert_int_equal(cpu->nzcv, 0); /* ADD never sets flags */
}

/* Rn is SP, Rd is SP for ADD/SUB and XZR for ADDS/SUBS. */
static void test_add_imm_sp(void **state)
{
	struct cpu *cpu = *state;
	sp_write(cpu, 0x40080000);
	x_write(cpu, 1, 0x1000);
	th_exec_ok(cpu, 0x910043e0); /* add x0, sp, #0x10 */
	assert_int_equal(x_read(cpu, 0), 0x40080010);
	th_exec_ok(cpu, 0x910003e0); /* mov x0, sp (add x0, sp, #0) */
	assert_int_equal(x_read(cpu, 0), 0x40080000);
	th_exec_ok(cpu, 0xd10043ff); /* sub sp, sp, #0x10 */
	assert_int_equal(sp_read(cpu), 0x4007fff0);
	th_exec_ok(cpu, 0xf10043e0); /* subs x0, sp, #0x10 */
	assert_int_equal(x_read(cpu, 0), 0x4007ffe0);
	th_exec_ok(cpu, 0x9100203f); /* add sp, x1, #0x8 */
	assert_int_equal(sp_read(cpu), 0x1008);

	/* cmn sp, #1 (adds xzr, sp, #1): Rd = 31 is XZR, SP unchanged */
	th_exec_ok(cpu, 0xb10007ff);
	assert_int_equal(sp_read(cpu), 0x1008);
	assert_int_equal(x_read(cpu, 31), 0);
	th_exec_ok(cpu, 0xb10007e0); /* adds x0, sp, #0x1: Rn = 31 is SP */
	assert_int_equal(x_read(cpu, 0), 0x1009);
}

/* W forms: 32-bit arithmetic, the result zero-extended (also into WSP). */
static void test_add_imm_w(void **state)
{
	struct cpu *cpu = *state;
	x_write(cpu, 1, 0xffffffffffffffff);
	th_exec_ok(cpu, 0x11000420); /* add w0, w1, #0x1: 0xffffffff + 1 = 0 in 32 bits */
	assert_int_equal(x_read(cpu, 0), 0);
	x_write(cpu, 1, 0x123456789abcdef0);
	th_exec_ok(cpu, 0x1100003f); /* mov wsp, w1: SP = ZeroExtend(0x9abcdef0) */
	assert_int_equal(sp_read(cpu), 0x9abcdef0);
}

struct flag_case {
	uint32_t insn; /* writes x0 (or xzr) from x1 */
	uint64_t x1;
	uint64_t result;
	uint32_t nzcv;
};

/* AddWithCarry(): SUB is x + NOT(imm) + 1, so C = 1 means "no borrow". */
/* clang-format off */
static const struct flag_case addsub_imm_flags[] = {
	/* 0x7fff...ffff + 1: unsigned no carry; signed 2^63 overflows -> N=1, V=1 */
	{0xb1000420, 0x7fffffffffffffff, 0x8000000000000000, N | V}, /* adds x0, x1, #0x1 */
	/* 0xffff...ffff + 1 = 2^64: carry out -> C=1, result 0 -> Z=1; signed -1+1=0 -> V=0 */
	{0xb1000420, 0xffffffffffffffff, 0, Z | C}, /* adds x0, x1, #0x1 */
	/* 0 + NOT(1) + 1 = 0xffff...ffff, no carry out (borrow) -> C=0; N=1 */
	{0xf1000420, 0, 0xffffffffffffffff, N}, /* subs x0, x1, #0x1 */
	/* -2^63 - 1: signed overflow -> V=1; 0x8000.. + 0xffff..fe + 1 carries -> C=1 */
	{0xf1000420, 0x8000000000000000, 0x7fffffffffffffff, C | V}, /* subs x0, x1, #0x1 */
	/* 5 - 5 = 0: Z=1, no borrow -> C=1 */
	{0xf1001420, 5, 0, Z | C}, /* subs x0, x1, #0x5 */
	/* 32-bit: 0x7fffffff + 1 = 0x80000000 -> N=1, V=1; x1<63:32> ignored */
	{0x31000420, 0xdeadbeef7fffffff, 0x80000000, N | V}, /* adds w0, w1, #0x1 */
	/* 32-bit: 0xffffffff + 1 carries out of bit 31 -> C=1, Z=1 */
	{0x31000420, 0x00000001ffffffff, 0, Z | C}, /* adds w0, w1, #0x1 */
	/* 32-bit: 0x80000000 - 1 = 0x7fffffff: V=1, no borrow -> C=1 */
	{0x71000420, 0x80000000, 0x7fffffff, C | V}, /* subs w0, w1, #0x1 */
	/* 32-bit: 0 - 1 = 0xffffffff, zero-extended into x0: N=1, borrow -> C=0 */
	{0x71000420, 0xffffffff00000000, 0xffffffff, N}, /* subs w0, w1, #0x1 */
};
/* clang-format on */

static void test_addsub_imm_flags(void **state)
{
	struct cpu *cpu = *state;
	for (size_t i = 0; i < sizeof(addsub_imm_flags) / sizeof(addsub_imm_flags[0]); i++) {
		const struct flag_case *t = &addsub_imm_flags[i];
		x_write(cpu, 1, t->x1);
		cpu->nzcv = ~t->nzcv & 0xf0000000u; /* every flag starts wrong */
		th_exec_ok(cpu, t->insn);
		assert_int_equal(x_read(cpu, 0), t->result);
		assert_int_equal(cpu->nzcv, t->nzcv);
	}
	/* cmp w1, #0 (subs wzr, w1, #0) with w1 = 0: Z=1, C=1; XZR stays 0 */
	x_write(cpu, 1, 0x100000000);
	th_exec_ok(cpu, 0x7100003f);
	assert_int_equal(cpu->nzcv, Z | C);
	assert_int_equal(x_read(cpu, 31), 0);
}

/* ---- Logical (immediate): DecodeBitMasks() ---- */

struct mask_case {
	uint32_t insn; /* mov x0|w0, #imm (orr x0, xzr, #imm) */
	uint64_t value;
};

/*
 * One value per element size, each decoded by hand from the word's fields:
 * len = HighestSetBit(N:NOT(imms)), esize = 2^len, S = imms<len-1:0>,
 * R = immr<len-1:0>, element = ROR(Ones(S+1), R), replicated.
 */
/* clang-format off */
static const struct mask_case masks[] = {
	/* N=0 imms=111100: len 1, esize 2, S=0 R=0: '01' */
	{0xb200f3e0, 0x5555555555555555}, /* mov x0, #0x5555555555555555 */
	/* as above with immr=1: ROR('01', 1) = '10' */
	{0xb201f3e0, 0xaaaaaaaaaaaaaaaa}, /* mov x0, #0xaaaaaaaaaaaaaaaa */
	/* imms=111001: esize 4, S=1: '0011' */
	{0xb200e7e0, 0x3333333333333333}, /* mov x0, #0x3333333333333333 */
	/* R=1: ROR('0011', 1) = '1001' */
	{0xb201e7e0, 0x9999999999999999}, /* mov x0, #0x9999999999999999 */
	/* imms=110011: esize 8, S=3: 0x0f */
	{0xb200cfe0, 0x0f0f0f0f0f0f0f0f}, /* mov x0, #0xf0f0f0f0f0f0f0f */
	/* imms=110001 immr=1: esize 8, ROR(0x03, 1) = 0x81 */
	{0xb201c7e0, 0x8181818181818181}, /* mov x0, #0x8181818181818181 */
	/* imms=100111: esize 16, S=7: 0x00ff */
	{0xb2009fe0, 0x00ff00ff00ff00ff}, /* mov x0, #0xff00ff00ff00ff */
	/* imms=101011 immr=12: esize 16, ROR(0x0fff, 12) = 0xfff0 */
	{0xb20cafe0, 0xfff0fff0fff0fff0}, /* mov x0, #0xfff0fff0fff0fff0 */
	/* imms=001111: esize 32, S=15: 0x0000ffff */
	{0xb2003fe0, 0x0000ffff0000ffff}, /* mov x0, #0xffff0000ffff */
	/* imms=001000 immr=1: esize 32, ROR(0x1ff, 1) = 0x800000ff */
	{0xb20123e0, 0x800000ff800000ff}, /* mov x0, #0x800000ff800000ff */
	/* N=1 imms=010111 immr=56: esize 64, ROR(0xffffff, 56) = 0xffffff00 */
	{0xb2785fe0, 0x00000000ffffff00}, /* mov x0, #0xffffff00 */
	/* N=1 imms=000011 immr=1: ROR(0xf, 1) = 0x8000000000000007 */
	{0xb2410fe0, 0x8000000000000007}, /* mov x0, #0x8000000000000007 */
	/* sf=0 imms=000001 immr=1: esize 32, ROR(0x3, 1) = 0x80000001, zero-extended */
	{0x320107e0, 0x80000001}, /* mov w0, #0x80000001 */
	/* sf=0 imms=100111 immr=8: esize 16, ROR(0x00ff, 8) = 0xff00 */
	{0x32089fe0, 0xff00ff00}, /* mov w0, #0xff00ff00 */
};
/* clang-format on */

static void test_logical_imm_masks(void **state)
{
	struct cpu *cpu = *state;
	for (size_t i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		x_write(cpu, 0, 0x1234);
		th_exec_ok(cpu, masks[i].insn);
		assert_int_equal(x_read(cpu, 0), masks[i].value);
	}
}

/* orr w0|x0, wzr|xzr, #<N:immr:imms>, from "orr w0, wzr, #0x1" (0x320003e0) */
static uint32_t orr_imm(unsigned sf, unsigned n, unsigned immr, unsigned imms)
{
	uint32_t w = TH_FIELD(0x320003e0, 31, 31, sf);
	w = TH_FIELD(w, 22, 22, n);
	w = TH_FIELD(w, 21, 16, immr);
	return TH_FIELD(w, 15, 10, imms);
}

/*
 * DecodeBitMasks(immediate = TRUE) is UNDEFINED when S is all ones in the
 * element (imms AND levels == levels) and when len < 1; logical (immediate)
 * is UNDEFINED for sf=0 with N=1.
 */
static void test_logical_imm_reserved(void **state)
{
	struct cpu *cpu = *state;
	undef(cpu, orr_imm(1, 0, 0, 0x3d)); /* esize 2: imms=111101, S=1 all ones */
	undef(cpu, orr_imm(1, 0, 1, 0x3b)); /* esize 4: imms=111011 */
	undef(cpu, orr_imm(1, 0, 0, 0x37)); /* esize 8: imms=110111 */
	undef(cpu, orr_imm(1, 0, 0, 0x2f)); /* esize 16: imms=101111 */
	undef(cpu, orr_imm(1, 0, 0, 0x1f)); /* esize 32: imms=011111 */
	undef(cpu, orr_imm(0, 0, 3, 0x1f)); /* same, 32-bit */
	undef(cpu, orr_imm(1, 1, 0, 0x3f)); /* esize 64: N=1 imms=111111 */
	undef(cpu, orr_imm(1, 0, 0, 0x3e)); /* N:NOT(imms) = 0000001: len 0 < 1 */
	undef(cpu, orr_imm(1, 0, 0, 0x3f)); /* N:NOT(imms) = 0000000: no bit set */
	undef(cpu, orr_imm(0, 1, 0, 0x00)); /* sf=0, N=1 */

	/* the patterns just below the reserved ones are fine: esize 2, S=0 */
	th_exec_ok(cpu, orr_imm(1, 0, 0, 0x3c));
	assert_int_equal(x_read(cpu, 0), 0x5555555555555555);
}

static void test_logical_imm_ops(void **state)
{
	struct cpu *cpu = *state;
	x_write(cpu, 1, 0xf0f0f0f0f0f0f0f0);
	th_exec_ok(cpu, 0x9240f820); /* and x0, x1, #0x7fffffffffffffff */
	assert_int_equal(x_read(cpu, 0), 0x70f0f0f0f0f0f0f0);
	th_exec_ok(cpu, 0xd2410020); /* eor x0, x1, #0x8000000000000000 */
	assert_int_equal(x_read(cpu, 0), 0x70f0f0f0f0f0f0f0);
	th_exec_ok(cpu, 0x52000020); /* eor w0, w1, #0x1: 0xf0f0f0f0 ^ 1, zero-extended */
	assert_int_equal(x_read(cpu, 0), 0xf0f0f0f1);

	/* ANDS: N = result<63>, Z = IsZero(result), C = V = 0 */
	cpu->nzcv = Z | C | V;
	th_exec_ok(cpu, 0xf2410020); /* ands x0, x1, #0x8000000000000000 */
	assert_int_equal(x_read(cpu, 0), 0x8000000000000000);
	assert_int_equal(cpu->nzcv, N);
	th_exec_ok(cpu, 0x7200003f); /* tst w1, #0x1 (ands wzr, w1, #1): 0xf0f0f0f0 & 1 = 0 */
	assert_int_equal(cpu->nzcv, Z);
	assert_int_equal(x_read(cpu, 31), 0);

	/* AND/ORR (immediate) write SP for Rd = 31 */
	th_exec_ok(cpu, 0x927cec3f); /* and sp, x1, #0xfffffffffffffff0 */
	assert_int_equal(sp_read(cpu), 0xf0f0f0f0f0f0f0f0);
	th_exec_ok(cpu, 0x320003ff); /* mov wsp, #0x1 (orr wsp, wzr, #1): zero-extended */
	assert_int_equal(sp_read(cpu), 1);
}

/* ---- Move wide ---- */

static void test_movewide(void **state)
{
	struct cpu *cpu = *state;
	x_write(cpu, 0, 0x1111222233334444);
	th_exec_ok(cpu, 0xd2e24680); /* mov x0, #0x1234000000000000 (movz, hw=3) */
	assert_int_equal(x_read(cpu, 0), 0x1234000000000000);
	th_exec_ok(cpu, 0x92800000); /* mov x0, #0xffffffffffffffff (movn x0, #0) */
	assert_int_equal(x_read(cpu, 0), 0xffffffffffffffff);
	th_exec_ok(cpu, 0x12800000); /* mov w0, #0xffffffff (movn w0, #0): NOT in 32 bits */
	assert_int_equal(x_read(cpu, 0), 0xffffffff);
	th_exec_ok(cpu, 0x92a24680); /* movn x0, #0x1234, lsl #16: NOT(0x12340000) */
	assert_int_equal(x_read(cpu, 0), 0xffffffffedcbffff);
	th_exec_ok(cpu, 0x52a00020); /* mov w0, #0x10000 (movz w0, #1, lsl #16) */
	assert_int_equal(x_read(cpu, 0), 0x10000);

	/* MOVK keeps the other bits of X[d] */
	x_write(cpu, 0, 0x1111222233334444);
	th_exec_ok(cpu, 0xf2b7dde0); /* movk x0, #0xbeef, lsl #16 */
	assert_int_equal(x_read(cpu, 0), 0x11112222beef4444);
	x_write(cpu, 0, 0xffffffffffffffff);
	th_exec_ok(cpu, 0x7297dde0); /* movk w0, #0xbeef: W write zero-extends */
	assert_int_equal(x_read(cpu, 0), 0xffffbeef);

	undef(cpu, TH_FIELD(0x52a00020, 22, 21, 2)); /* movz w0, hw=2: sf=0 && hw<1>=1 */
	undef(cpu, TH_FIELD(0x52a00020, 22, 21, 3)); /* movz w0, hw=3 */
	undef(cpu, TH_FIELD(0x92800000, 30, 29, 1)); /* opc=01: unallocated */
}

/* ---- PC-relative ---- */

static void test_adr_adrp(void **state)
{
	struct cpu *cpu = *state;
	cpu->pc = TH_CODE + 0xab8;
	th_exec_ok(cpu, 0x100091a0); /* adr x0, .+0x1234 */
	assert_int_equal(x_read(cpu, 0), TH_CODE + 0xab8 + 0x1234);
	th_exec_ok(cpu, 0x10ffffe0); /* adr x0, .-4 (at 0xabc) */
	assert_int_equal(x_read(cpu, 0), TH_CODE + 0xab8);
	sp_write(cpu, 0x777);
	th_exec_ok(cpu, 0x1000005f); /* adr xzr, .+8: Rd = 31 is XZR, SP untouched */
	assert_int_equal(x_read(cpu, 31), 0);
	assert_int_equal(sp_read(cpu), 0x777);

	/* ADRP: (PC AND NOT(0xfff)) + imm * 4096; PC is 0x40000ac4 here */
	th_exec_ok(cpu, 0xf0000001); /* adrp x1, .+0x3000: immlo=3 -> 3 pages */
	assert_int_equal(x_read(cpu, 1), 0x40003000);
	th_exec_ok(cpu, 0x90800001); /* adrp x1, .-0x100000000: imm21 = -2^20 pages */
	assert_int_equal(x_read(cpu, 1), 0xffffffff40000000);
	th_exec_ok(cpu, 0x90000002); /* adrp x2, . */
	assert_int_equal(x_read(cpu, 2), 0x40000000);
}

/* ---- Bitfield: SBFM, BFM, UBFM through their aliases ---- */

struct bf_case {
	uint32_t insn; /* writes x0 from x1 (and x0 for BFM) */
	uint64_t x0, x1, result;
};

/* clang-format off */
static const struct bf_case bitfields[] = {
	/* UBFM x0, x1, #60, #59: (x1 << 4) */
	{0xd37cec20, 0, 0x8123456789abcdef, 0x123456789abcdef0}, /* lsl x0, x1, #4 */
	/* UBFM x0, x1, #4, #63: logical >> 4 */
	{0xd344fc20, 0, 0x8123456789abcdef, 0x08123456789abcde}, /* lsr x0, x1, #4 */
	/* SBFM x0, x1, #4, #63: top = Replicate(x1<63>) */
	{0x9344fc20, 0, 0x8123456789abcdef, 0xf8123456789abcde}, /* asr x0, x1, #4 */
	/* SBFM x0, x1, #63, #63: S = 63 is allowed for bitfields (not reserved) */
	{0x937ffc20, 0, 0x8000000000000000, 0xffffffffffffffff}, /* asr x0, x1, #63 */
	/* UBFM w0, w1, #1, #0: bit 0 to bit 31, x1<63:32> ignored */
	{0x53010020, 0, 0xffffffff00000003, 0x80000000}, /* lsl w0, w1, #31 */
	/* SBFM w0, w1, #31, #31: Replicate(w1<31>), zero-extended to 64 */
	{0x131f7c20, 0, 0x80000000, 0xffffffff}, /* asr w0, w1, #31 */
	/* UBFM w0, w1, #31, #31 */
	{0x531f7c20, 0, 0xffffffff80000000, 1}, /* lsr w0, w1, #31 */
	/* x1<19:8> of ...89abcdef = 0xbcd */
	{0xd3484c20, 0, 0x8123456789abcdef, 0xbcd}, /* ubfx x0, x1, #8, #12 */
	/* x1<11:4> = 0xde, sign bit 1 */
	{0x93442c20, 0, 0x8123456789abcdef, 0xffffffffffffffde}, /* sbfx x0, x1, #4, #8 */
	/* w1<27:24> = 0x9 (1001): negative, sign-extended in 32 bits */
	{0x13186c20, 0, 0x89abcdef, 0xfffffff9}, /* sbfx w0, w1, #24, #4 */
	/* BFM x0, x1, #48, #7: x1<7:0> = 0xef into x0<23:16> */
	{0xb3701c20, 0xffffffffffffffff, 0x8123456789abcdef, 0xffffffffffefffff}, /* bfi x0, x1, #16, #8 */
	/* BFM x0, x1, #8, #23: x1<23:8> = 0xabcd into x0<15:0> */
	{0xb3485c20, 0x1111111111111111, 0x8123456789abcdef, 0x111111111111abcd}, /* bfxil x0, x1, #8, #16 */
	/* BFM x0, xzr, #60, #7: zeros into x0<11:4> */
	{0xb37c1fe0, 0xffffffffffffffff, 0, 0xfffffffffffff00f}, /* bfc x0, #4, #8 */
	/* SBFM x0, x1, #0, #7 */
	{0x93401c20, 0, 0x1234567812345680, 0xffffffffffffff80}, /* sxtb x0, w1 */
	/* SBFM w0, w1, #0, #15: sign-extended to 32 bits only */
	{0x13003c20, 0, 0x8001, 0xffff8001}, /* sxth w0, w1 */
	/* SBFM x0, x1, #0, #31 */
	{0x93407c20, 0, 0x1234567880000000, 0xffffffff80000000}, /* sxtw x0, w1 */
	/* UBFM w0, w1, #0, #7 */
	{0x53001c20, 0, 0xffffffffffffff80, 0x80}, /* uxtb w0, w1 */
	/* UBFM w0, w1, #0, #15 */
	{0x53003c20, 0, 0x12348001, 0x8001}, /* uxth w0, w1 */
	/* SBFM x0, x1, #4, #3: x1<3:0> = 0xf at bit 60, sign-extended above */
	{0x93440c20, 0, 0xf, 0xf000000000000000}, /* sbfiz x0, x1, #60, #4 */
	/* UBFM w0, w1, #28, #7: w1<7:0> = 0xef at bit 4 */
	{0x531c1c20, 0, 0x123456ef, 0xef0}, /* ubfiz w0, w1, #4, #8 */
};
/* clang-format on */

static void test_bitfield_aliases(void **state)
{
	struct cpu *cpu = *state;
	for (size_t i = 0; i < sizeof(bitfields) / sizeof(bitfields[0]); i++) {
		x_write(cpu, 0, bitfields[i].x0);
		x_write(cpu, 1, bitfields[i].x1);
		th_exec_ok(cpu, bitfields[i].insn);
		assert_int_equal(x_read(cpu, 0), bitfields[i].result);
	}
}

static void test_bitfield_unallocated(void **state)
{
	struct cpu *cpu = *state;
	undef(cpu, TH_FIELD(0xd37cec20, 30, 29, 3));    /* lsl x0, x1, #4 with opc=11 */
	undef(cpu, TH_FIELD(0xd37cec20, 22, 22, 0));    /* sf=1, N=0 */
	undef(cpu, TH_FIELD(0x53010020, 22, 22, 1));    /* lsl w0, w1, #31 with N=1 */
	undef(cpu, TH_FIELD(0x53010020, 15, 10, 0x20)); /* sf=0, imms<5>=1 */
	undef(cpu, TH_FIELD(0x53010020, 21, 16, 0x21)); /* sf=0, immr<5>=1 */
}

/* ---- EXTR ---- */

static void test_extr(void **state)
{
	struct cpu *cpu = *state;
	x_write(cpu, 1, 0x1122334455667788);
	x_write(cpu, 2, 0x99aabbccddeeff00);
	th_exec_ok(cpu, 0x93c22020); /* extr x0, x1, x2, #8: (x1:x2)<71:8> */
	assert_int_equal(x_read(cpu, 0), 0x8899aabbccddeeff);
	th_exec_ok(cpu, 0x93c20020); /* extr x0, x1, x2, #0: lsb 0 gives x2 */
	assert_int_equal(x_read(cpu, 0), 0x99aabbccddeeff00);
	th_exec_ok(cpu, 0x93c12020); /* ror x0, x1, #8 (extr x0, x1, x1, #8) */
	assert_int_equal(x_read(cpu, 0), 0x8811223344556677);

	x_write(cpu, 1, 0xffffffff12345678);
	x_write(cpu, 2, 0xffffffff9abcdef0);
	th_exec_ok(cpu, 0x13821020); /* extr w0, w1, w2, #4: (w1:w2)<35:4>, zero-extended */
	assert_int_equal(x_read(cpu, 0), 0x89abcdef);

	undef(cpu, TH_FIELD(0x93c22020, 22, 22, 0));  /* N != sf */
	undef(cpu, TH_FIELD(0x13821020, 15, 10, 36)); /* sf=0, imms<5>=1 */
	undef(cpu, TH_FIELD(0x93c22020, 30, 29, 1));  /* op21 != 00 */
	undef(cpu, TH_FIELD(0x93c22020, 21, 21, 1));  /* o0 = 1 */
}

/* Encodings of the class with no base-integer meaning stay UNDEFINED. */
static void test_dp_imm_unallocated(void **state)
{
	struct cpu *cpu = *state;
	undef(cpu, 0x91810420); /* addg x0, x1, #0x10, #0x1 (FEAT_MTE, not implemented) */
	undef(cpu, 0xd1810420); /* subg x0, x1, #0x10, #0x1 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TH_TEST_EL1(test_add_imm),
	        TH_TEST_EL1(test_add_imm_sp),
	        TH_TEST_EL1(test_add_imm_w),
	        TH_TEST_EL1(test_addsub_imm_flags),
	        TH_TEST_EL1(test_logical_imm_masks),
	        TH_TEST_EL1(test_logical_imm_reserved),
	        TH_TEST_EL1(test_logical_imm_ops),
	        TH_TEST_EL1(test_movewide),
	        TH_TEST_EL1(test_adr_adrp),
	        TH_TEST_EL1(test_bitfield_aliases),
	        TH_TEST_EL1(test_bitfield_unallocated),
	        TH_TEST_EL1(test_extr),
	        TH_TEST_EL1(test_dp_imm_unallocated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
