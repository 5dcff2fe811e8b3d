/* Bit-field helpers used by the decoder and the instruction bodies. */
#ifndef EL2SIM_BITS_H
#define EL2SIM_BITS_H

#include <stdint.h>

#define likely(x)     __builtin_expect(!!(x), 1)
/*
 * For the bodies that specialised handlers instantiate with constant
 * arguments: inlined whatever the compiler's size heuristics say, or the
 * constants would not fold.
 */
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define unlikely(x)   __builtin_expect(!!(x), 0)

/* Bits [hi:lo] of v, as the Arm ARM writes insn<hi:lo>. */
static inline uint32_t bits32(uint32_t v, unsigned hi, unsigned lo)
{
	return (v >> lo) & (uint32_t)((1ull << (hi - lo + 1)) - 1);
}

static inline uint32_t bit32(uint32_t v, unsigned n)
{
	return (v >> n) & 1u;
}

static inline uint64_t bits64(uint64_t v, unsigned hi, unsigned lo)
{
	unsigned w = hi - lo + 1;
	return w == 64 ? v : (v >> lo) & ((1ull << w) - 1);
}

/* SignExtend(v<width-1:0>, 64) */
static inline int64_t sext64(uint64_t v, unsigned width)
{
	unsigned sh = 64 - width;
	return (int64_t)(v << sh) >> sh;
}

/* Ones(n) for 0 <= n <= 64 */
static inline uint64_t ones64(unsigned n)
{
	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

#endif
