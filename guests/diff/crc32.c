/* SPDX-License-Identifier: MIT */
/*
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) and CRC-32C
 * (Castagnoli, 0x82F63B78), each computed bitwise and by table, whole and in
 * pieces, over the check string "123456789" and PRNG data.
 */
#include "diff.h"

static uint32_t table_ieee[256], table_castagnoli[256];
static uint8_t data[8192];

static void crc_make_table(uint32_t *table, uint32_t poly)
{
	for (uint32_t n = 0; n < 256; n++) {
		uint32_t c = n;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? poly ^ (c >> 1) : c >> 1;
		table[n] = c;
	}
}

/* Both take and return the finalised CRC, so calls can be chained. */
static uint32_t crc_bitwise(uint32_t poly, uint32_t crc, const uint8_t *p, size_t len)
{
	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (poly & (0u - (crc & 1)));
	}
	return ~crc;
}

static uint32_t crc_table(const uint32_t *table, uint32_t crc, const uint8_t *p, size_t len)
{
	crc = ~crc;
	while (len--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static const struct {
	const char *name;
	uint32_t poly;
	const uint32_t *table;
	uint32_t check; /* CRC of "123456789" (the catalogue's check value) */
} crcs[] = {
        {"crc32", 0xedb88320u, table_ieee, 0xcbf43926u},
        {"crc32c", 0x82f63b78u, table_castagnoli, 0xe3069283u},
};

int main(void)
{
	static const size_t lengths[] = {0, 1, 3, 8, 63, 64, 65, 1000, 4096, sizeof(data)};
	const uint8_t *check = (const uint8_t *)"123456789";
	uint32_t seed = 0xc0ffee11u;
	int failures = 0;

	crc_make_table(table_ieee, crcs[0].poly);
	crc_make_table(table_castagnoli, crcs[1].poly);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(diff_rand(&seed) >> 24);

	for (int c = 0; c < 2; c++) {
		uint32_t bit = crc_bitwise(crcs[c].poly, 0, check, 9);
		uint32_t tab = crc_table(crcs[c].table, 0, check, 9);
		int ok = bit == crcs[c].check && tab == crcs[c].check;

		failures += !ok;
		rt_printf("%s(\"123456789\") bitwise=%08x table=%08x %s\n", crcs[c].name, bit, tab,
		          ok ? "ok" : "FAIL");
		for (unsigned int l = 0; l < sizeof(lengths) / sizeof(lengths[0]); l++) {
			size_t len = lengths[l], half = len / 3;
			uint32_t whole = crc_table(crcs[c].table, 0, data, len);
			uint32_t split = crc_table(crcs[c].table, 0, data, half);

			split = crc_bitwise(crcs[c].poly, split, data + half, len - half);
			ok = whole == split && whole == crc_bitwise(crcs[c].poly, 0, data, len);
			failures += !ok;
			rt_printf("  %-6s len=%-5zu crc=%08x %s\n", crcs[c].name, len, whole,
			          ok ? "ok" : "FAIL");
		}
	}
	rt_printf("table[1]=%08x table[128]=%08x table[255]=%08x\n", table_ieee[1], table_ieee[128],
	          table_ieee[255]);
	rt_printf("crc32: %d failure(s)\n", failures);
	return failures != 0;
}
