/*
 * Decoder table invariants (STYLE.md item 4): every pattern parses to 32
 * bits; every row can be reached from the bits [28:25] values that select
 * its table; no two rows of a table overlap except where listed below with
 * the reason; unallocated words decode to UNDEFINED.
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "decode.h"

struct table {
	const char *name;
	struct decode_row *rows;
	uint16_t op0_set; /* bit n: bits [28:25] == n select this table */
};

static const struct table tables[] = {
        {"dp_imm", decode_dp_imm, 0x0300},         /* 100x */
        {"dp_reg", decode_dp_reg, 0x2020},         /* x101 */
        {"branch_sys", decode_branch_sys, 0x0c00}, /* 101x */
        {"ldst", decode_ldst, 0x5050},             /* x1x0 */
};

/*
 * Deliberate overlaps: a specific row placed before a general one that
 * catches the rest of its space. The earlier row always wins.
 */
// clang-format off
static const char *const allowed_overlaps[][2] = {
	{"WFE",  "HINT"},
	{"WFI",  "HINT"},
	{"SEV",  "HINT"},
	{"SEVL", "HINT"},
	{"ESB",  "HINT"},
};
// clang-format on

static bool overlap_allowed(const char *a, const char *b)
{
	for (size_t i = 0; i < sizeof(allowed_overlaps) / sizeof(allowed_overlaps[0]); i++)
		if (!strcmp(allowed_overlaps[i][0], a) && !strcmp(allowed_overlaps[i][1], b))
			return true;
	return false;
}

static void test_patterns_parse(void **state)
{
	(void)state;
	assert_int_equal(decode_init(), 0);
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (struct decode_row *r = tables[t].rows; r->pattern; r++) {
			/* 32 bit positions, each 0, 1 or a field letter; match only where mask. */
			unsigned bits = 0;
			for (const char *p = r->pattern; *p; p++)
				bits += *p != ' ';
			assert_int_equal(bits, 32);
			assert_int_equal(r->match & ~r->mask, 0);
		}
}

static void test_rows_reachable(void **state)
{
	(void)state;
	assert_int_equal(decode_init(), 0);
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		for (struct decode_row *r = tables[t].rows; r->pattern; r++) {
			bool reachable = false;
			for (uint32_t op0 = 0; op0 < 16; op0++) {
				uint32_t bits = op0 << 25;
				if ((tables[t].op0_set >> op0 & 1) &&
				    ((bits ^ r->match) & r->mask & (0xfu << 25)) == 0)
					reachable = true;
			}
			if (!reachable)
				fprintf(stderr, "%s: row %s is unreachable\n", tables[t].name,
				        r->name);
			assert_true(reachable);
		}
	}
}

static void test_no_overlaps(void **state)
{
	(void)state;
	assert_int_equal(decode_init(), 0);
	unsigned bad = 0;
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		for (struct decode_row *a = tables[t].rows; a->pattern; a++) {
			for (struct decode_row *b = a + 1; b->pattern; b++) {
				if ((a->match ^ b->match) & a->mask & b->mask)
					continue; /* some fixed bit differs: disjoint */
				if (overlap_allowed(a->name, b->name))
					continue;
				fprintf(stderr, "%s: rows '%s' and '%s' overlap\n", tables[t].name,
				        a->name, b->name);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* Words the Arm ARM leaves unallocated (or reserved) in each class. */
static void test_unallocated(void **state)
{
	(void)state;
	static const uint32_t words[] = {
	        0x00000000, /* UDF #0: permanently undefined */
	        0x0000ffff, /* UDF #0xffff */
	        0x06000000, /* op0 = 0011: unallocated */
	        0x54000010, /* B.cond with o0 = 1: BC.cond, FEAT_HBC not implemented */
	        0xd4a00001, /* DCPS1 */
	        0xd6bf03e0, /* DRPS */
	        0xd5033f1f, /* barriers CRm = 1111, op2 = 000: unallocated */
	        0xd503301f, /* barriers CRm = 0000, op2 = 000: unallocated */
	        0xd503101f, /* WFET xzr: FEAT_WFxT not implemented */
	};
	assert_int_equal(decode_init(), 0);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const struct decode_row *r = decode_find(words[i]);
		if (r)
			fprintf(stderr, "0x%08x decodes as %s\n", words[i], r->name);
		assert_null(r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_patterns_parse),
	        cmocka_unit_test(test_rows_reachable),
	        cmocka_unit_test(test_no_overlaps),
	        cmocka_unit_test(test_unallocated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
