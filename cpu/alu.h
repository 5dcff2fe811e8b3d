/*
 * Integer ALU helpers shared by the data-processing handlers, one per
 * function of the Arm ARM pseudocode library (shared/functions/...), named
 * after it in the comment above each. A datasize is passed as sf: 1 for 64
 * bits, 0 for 32; results are truncated to the datasize.
 */
#ifndef EL2SIM_ALU_H
#define EL2SIM_ALU_H

#include <stdbool.h>
#include <stdint.h>

#include "bits.h"
#include "cpu.h"

/* Shift types of the shifted-register forms (DecodeShift()). */
enum alu_shift { SHIFT_LSL = 0, SHIFT_LSR = 1, SHIFT_ASR = 2, SHIFT_ROR = 3 };

/* Extend types of the extended-register forms (DecodeRegExtend()). */
enum alu_extend {
	EXTEND_UXTB,
	EXTEND_UXTH,
	EXTEND_UXTW,
	EXTEND_UXTX,
	EXTEND_SXTB,
	EXTEND_SXTH,
	EXTEND_SXTW,
	EXTEND_SXTX,
};

static inline unsigned alu_datasize(unsigned sf)
{
	return sf ? 64 : 32;
}

/* v<datasize-1:0>, zero-extended */
static inline uint64_t alu_trunc(uint64_t v, unsigned sf)
{
	return sf ? v : (uint32_t)v;
}

/* SInt(v<datasize-1:0>) */
static inline int64_t alu_sint(uint64_t v, unsigned sf)
{
	return sext64(v, alu_datasize(sf));
}

/* A result and the PSTATE.{N,Z,C,V} it would set, in cpu->nzcv layout. */
struct alu_result {
	uint64_t value;
	uint32_t nzcv;
};

/*
 * AddWithCarry() (shared/functions/integer/AddWithCarry). The pseudocode
 * compares unbounded sums; here C is the carry out of the datasize-bit
 * unsigned sum and V is set when x and y have one sign and the result the
 * other, which is the same test without wider arithmetic.
 */
static ALWAYS_INLINE struct alu_result alu_add_with_carry(uint64_t x, uint64_t y, unsigned carry_in,
                                                          unsigned sf)
{
	uint64_t result;
	uint32_t c, v;
	if (sf) {
		/* x + y + 1 wraps iff the result is at most x; x + y iff below x. */
		result = x + y + carry_in;
		c = carry_in ? result <= x : result < x;
		v = (uint32_t)(((x ^ result) & (y ^ result)) >> 63);
	} else {
		uint64_t sum = (uint64_t)(uint32_t)x + (uint32_t)y + carry_in;
		result = (uint32_t)sum;
		c = (uint32_t)(sum >> 32);
		v = (uint32_t)(((x ^ result) & (y ^ result)) >> 31) & 1;
	}
	uint32_t n = (uint32_t)(result >> (alu_datasize(sf) - 1)) & 1;
	uint32_t nzcv = n << 31 | (uint32_t)(result == 0) << 30 | c << 29 | v << 28;
	return (struct alu_result){.value = result, .nzcv = nzcv};
}

/* PSTATE.<N,Z,C,V> of a logical result: N, Z from the result, C = V = 0 (ANDS, BICS). */
static inline uint32_t alu_nz(uint64_t result, unsigned sf)
{
	uint32_t nzcv = 0;
	if (bits64(result, alu_datasize(sf) - 1, alu_datasize(sf) - 1))
		nzcv |= NZCV_N;
	if (alu_trunc(result, sf) == 0)
		nzcv |= NZCV_Z;
	return nzcv;
}

/* ROR(x, shift) of a datasize-bit x, 0 <= shift < datasize */
static inline uint64_t alu_ror(uint64_t x, unsigned shift, unsigned sf)
{
	unsigned n = alu_datasize(sf);
	x = alu_trunc(x, sf);
	if (shift == 0)
		return x;
	return alu_trunc((x >> shift) | (x << (n - shift)), sf);
}

/* Replicate(elem<esize-1:0>, 64 DIV esize) */
static inline uint64_t alu_replicate(uint64_t elem, unsigned esize)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < 64; i += esize)
		r |= elem << i;
	return r;
}

/* HighestSetBit() of a 7-bit value; -1 when zero */
static inline int alu_highest_set_bit(unsigned v)
{
	return v ? 31 - __builtin_clz(v) : -1;
}

/*
 * DecodeBitMasks() (aarch64/instrs/integer/bitmasks/DecodeBitMasks): the wmask and
 * tmask of a logical immediate or bitfield. Returns false where the
 * pseudocode says UNDEFINED (element size < 2, or an all-ones S for a
 * logical immediate). Masks come back truncated to the datasize.
 */
static inline bool alu_decode_bit_masks(unsigned imm_n, unsigned imms, unsigned immr,
                                        bool immediate, unsigned sf, uint64_t *wmask,
                                        uint64_t *tmask)
{
	int len = alu_highest_set_bit((imm_n << 6) | (~imms & 0x3f));
	if (len < 1)
		return false;
	unsigned levels = (unsigned)ones64((unsigned)len);
	if (immediate && (imms & levels) == levels)
		return false;

	unsigned s = imms & levels, r = immr & levels;
	unsigned esize = 1u << len;
	unsigned d = (s - r) & levels; /* diff<len-1:0> */
	uint64_t welem = ones64(s + 1), telem = ones64(d + 1);
	uint64_t welem_ror = r ? ((welem >> r) | (welem << (esize - r))) & ones64(esize) : welem;

	*wmask = alu_trunc(alu_replicate(welem_ror, esize), sf);
	*tmask = alu_trunc(alu_replicate(telem, esize), sf);
	return true;
}

/* ShiftReg() (aarch64/functions/shiftreg/ShiftReg) on a datasize-bit value */
static inline uint64_t alu_shift_reg(uint64_t v, unsigned type, unsigned amount, unsigned sf)
{
	v = alu_trunc(v, sf);
	switch (type) {
	case SHIFT_LSL: return alu_trunc(v << amount, sf);
	case SHIFT_LSR: return v >> amount;
	case SHIFT_ASR: return alu_trunc((uint64_t)(alu_sint(v, sf) >> amount), sf);
	default: return alu_ror(v, amount, sf);
	}
}

/* ExtendReg() (aarch64/functions/extendreg/ExtendReg): extend, then LSL #shift (0..4) */
static inline uint64_t alu_extend_reg(uint64_t v, unsigned type, unsigned shift, unsigned sf)
{
	unsigned len = 8u << (type & 3); /* B, H, W, X */
	uint64_t val = bits64(v, len - 1, 0);
	if (type >= EXTEND_SXTB)
		val = (uint64_t)sext64(val, len);
	return alu_trunc(val << shift, sf);
}

/* CountLeadingZeroBits() (shared/functions/common) of a datasize-bit x */
static inline unsigned alu_clz(uint64_t x, unsigned sf)
{
	x = alu_trunc(x, sf);
	return x ? (unsigned)__builtin_clzll(x) - (64 - alu_datasize(sf)) : alu_datasize(sf);
}

/* CountLeadingSignBits(): CountLeadingZeroBits(x<N-1:1> EOR x<N-2:0>) */
static inline unsigned alu_cls(uint64_t x, unsigned sf)
{
	uint64_t t = (alu_trunc(x, sf) >> 1) ^ bits64(x, alu_datasize(sf) - 2, 0);
	return alu_clz(t, sf) - 1;
}

/* Reverse the bits of a datasize-bit x (RBIT) */
static inline uint64_t alu_bit_reverse(uint64_t x, unsigned sf)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < alu_datasize(sf); i++)
		r |= ((x >> i) & 1) << (alu_datasize(sf) - 1 - i);
	return r;
}

/* Reverse the bytes within each container of csize bytes (REV16, REV32, REV) */
static inline uint64_t alu_rev_bytes(uint64_t x, unsigned csize, unsigned sf)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < alu_datasize(sf) / 8; i++) {
		unsigned c = i - i % csize, j = c + (csize - 1 - i % csize);
		r |= ((x >> (8 * i)) & 0xff) << (8 * j);
	}
	return r;
}

/*
 * CRC32/CRC32C (Arm ARM C6.2, "CRC32B, CRC32H, CRC32W, CRC32X"; Poly32Mod2()): the
 * pseudocode's BitReverse(Poly32Mod2(BitReverse(acc):Zeros(size) EOR
 * BitReverse(val):Zeros(32), poly)) is the LSB-first CRC update with the
 * bit-reversed polynomial, one byte of val at a time from the low end,
 * without the pre- and post-inversion of the usual CRC-32 definition.
 */
#define CRC32_POLY_REFLECTED  0xEDB88320u /* BitReverse(0x04C11DB7) */
#define CRC32C_POLY_REFLECTED 0x82F63B78u /* BitReverse(0x1EDC6F41) */

static inline uint32_t alu_crc32(uint32_t acc, uint64_t val, unsigned bytes, uint32_t poly)
{
	for (unsigned i = 0; i < 8 * bytes; i++) {
		uint32_t bit = (acc ^ (uint32_t)(val >> i)) & 1;
		acc = (acc >> 1) ^ (bit ? poly : 0);
	}
	return acc;
}

/* Where register 31 is SP: Rn, and Rd when flags are not set (Arm ARM C6.2 "ADD (immediate)"). */
enum alu_form { FORM_XZR, FORM_SP };

/*
 * The body shared by ADD, ADDS, SUB, SUBS (all forms), ADC, ADCS, SBC and
 * SBCS: (result, nzcv) = AddWithCarry(X[n], operand2, carry_in); X[d] =
 * result; if setflags then PSTATE.<N,Z,C,V> = nzcv.
 */
static ALWAYS_INLINE int alu_addsub_sf(struct cpu *cpu, const struct insn *in, uint64_t op2,
                                       unsigned carry_in, bool setflags, enum alu_form form,
                                       unsigned sf)
{
	uint64_t op1 = form == FORM_SP ? xsp_read(cpu, in->rn) : x_read(cpu, in->rn);
	struct alu_result r = alu_add_with_carry(op1, op2, carry_in, sf);

	if (setflags)
		cpu->nzcv = r.nzcv;
	if (form == FORM_SP && !setflags)
		xsp_write(cpu, in->rd, r.value);
	else
		x_write(cpu, in->rd, r.value);
	return EXEC_NEXT;
}

/* The same of datasize in->sf; handlers specialised to one size call the above. */
static inline int alu_addsub(struct cpu *cpu, const struct insn *in, uint64_t op2,
                             unsigned carry_in, bool setflags, enum alu_form form)
{
	return alu_addsub_sf(cpu, in, op2, carry_in, setflags, form, in->sf);
}

#endif
