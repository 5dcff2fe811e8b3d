/*
 * cpu/alu.h's AddWithCarry() against the Arm ARM pseudocode written out
 * literally (shared/functions/integer/AddWithCarry): the unbounded unsigned
 * and signed sums, C when UInt(result) != unsigned_sum, V when
 * SInt(result) != signed_sum. alu.h computes the flags another way (carry
 * out and a sign test) for speed; the two must agree on every operand pair
 * below: the datasize's edges (0, 1, the largest and smallest signed
 * values, all ones) crossed with each other and both carries, then random
 * pairs from a fixed xorshift seed.
 */
#include "harness.h"

#include "alu.h"

/* AddWithCarry() as the pseudocode states it, for datasize 32 or 64. */
static struct alu_result reference(uint64_t x, uint64_t y, unsigned carry_in, unsigned sf)
{
	unsigned bits = sf ? 64 : 32;
	unsigned __int128 ux = sf ? x : (uint32_t)x, uy = sf ? y : (uint32_t)y;
	__int128 sx = sf ? (__int128)(int64_t)x : (__int128)(int32_t)x;
	__int128 sy = sf ? (__int128)(int64_t)y : (__int128)(int32_t)y;
	unsigned __int128 unsigned_sum = ux + uy + carry_in;
	__int128 signed_sum = sx + sy + carry_in;
	uint64_t result = sf ? (uint64_t)unsigned_sum : (uint32_t)unsigned_sum;
	__int128 sresult = sf ? (__int128)(int64_t)result : (__int128)(int32_t)result;
	uint32_t nzcv = 0;
	if ((result >> (bits - 1)) & 1)
		nzcv |= NZCV_N;
	if (result == 0)
		nzcv |= NZCV_Z;
	if ((unsigned __int128)result != unsigned_sum)
		nzcv |= NZCV_C;
	if (sresult != signed_sum)
		nzcv |= NZCV_V;
	return (struct alu_result){.value = result, .nzcv = nzcv};
}

static void check(uint64_t x, uint64_t y, unsigned carry_in, unsigned sf)
{
	struct alu_result want = reference(x, y, carry_in, sf);
	struct alu_result got = alu_add_with_carry(x, y, carry_in, sf);
	if (got.value != want.value || got.nzcv != want.nzcv)
		fail_msg(
		        "AddWithCarry(%#llx, %#llx, %u) sf=%u: %#llx nzcv %#x, want %#llx nzcv %#x",
		        (unsigned long long)x, (unsigned long long)y, carry_in, sf,
		        (unsigned long long)got.value, got.nzcv, (unsigned long long)want.value,
		        want.nzcv);
}

static void test_edges(void **state)
{
	(void)state;
	static const uint64_t edges[] = {
	        0,
	        1,
	        2,
	        0x7fffffff,
	        0x80000000,
	        0x80000001,
	        0xfffffffe,
	        0xffffffff,
	        0x100000000,
	        0x7fffffffffffffff,
	        0x8000000000000000,
	        0x8000000000000001,
	        0xfffffffffffffffe,
	        0xffffffffffffffff,
	        0xdeadbeef12345678,
	};
	unsigned n = sizeof(edges) / sizeof(edges[0]);
	for (unsigned sf = 0; sf < 2; sf++)
		for (unsigned c = 0; c < 2; c++)
			for (unsigned i = 0; i < n; i++)
				for (unsigned j = 0; j < n; j++) {
					check(edges[i], edges[j], c, sf);
					check(edges[i], ~edges[j], c, sf); /* SUB/SBC pass NOT(y) */
				}
}

static void test_random(void **state)
{
	(void)state;
	uint64_t s = 0x9e3779b97f4a7c15ull;
	for (unsigned i = 0; i < 200000; i++) {
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		uint64_t x = s;
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		check(x, s, (unsigned)(s >> 63), (unsigned)(s >> 62) & 1);
	}
}

/*
 * Hand-worked values, each asserted of both reference() and
 * alu_add_with_carry(), so the reference itself is checked too.
 */
static void test_known(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		uint64_t x, y;
		unsigned carry_in, sf;
		uint64_t value;
		uint32_t nzcv;
	} known[] = {
	        /* CMP W0, #1 with W0 = 0: 0 + 0xfffffffe + 1 = 0xffffffff: N, no carry (borrow). */
	        {"cmp w0, #1 (w0 = 0)", 0, ~1ull, 1, 0, 0xffffffff, NZCV_N},
	        /* ADDS X0, X1, X2 with 0x7fff..ff + 1: signed overflow, N and V. */
	        {"adds 0x7fff..ff + 1", 0x7fffffffffffffff, 1, 0, 1, 0x8000000000000000,
	         NZCV_N | NZCV_V},
	        /* ADCS with all ones + all ones + 1 = all ones, carry out: N and C. */
	        {"adcs ~0 + ~0 + 1", ~0ull, ~0ull, 1, 1, ~0ull, NZCV_N | NZCV_C},
	        /* SUBS X0, X0, X0: x + NOT(x) + 1 = 0 with carry out: Z and C. */
	        {"subs x0, x0, x0", 0x1234, ~0x1234ull, 1, 1, 0, NZCV_Z | NZCV_C},
	        /* ADDS W0 with 0xffffffff + 1: the unsigned sum 2^32 is not UInt(result) = 0, the
	         * signed sum -1 + 1 = 0 is SInt(result): Z and C. */
	        {"adds w: 0xffffffff + 1", 0xffffffff, 1, 0, 0, 0, NZCV_Z | NZCV_C},
	};
	for (unsigned i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		struct alu_result r[2] = {
		        reference(known[i].x, known[i].y, known[i].carry_in, known[i].sf),
		        alu_add_with_carry(known[i].x, known[i].y, known[i].carry_in, known[i].sf),
		};
		for (unsigned k = 0; k < 2; k++)
			if (r[k].value != known[i].value || r[k].nzcv != known[i].nzcv)
				fail_msg("%s: %s gives %#llx nzcv %#x, want %#llx nzcv %#x",
				         known[i].what, k ? "alu_add_with_carry" : "reference",
				         (unsigned long long)r[k].value, r[k].nzcv,
				         (unsigned long long)known[i].value, known[i].nzcv);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_known),
	        cmocka_unit_test(test_edges),
	        cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
