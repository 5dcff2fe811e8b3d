/* SPDX-License-Identifier: MIT */
/*
 * SHA-256 (FIPS 180-4) of the FIPS 180-2 test vectors and a few more
 * messages, fed whole and in odd-sized pieces. Built with -DBENCH it instead
 * hashes 4 MiB of PRNG data, for bench/run.sh.
 */
#include "diff.h"

struct sha256 {
	uint32_t h[8];
	uint8_t block[64];
	uint64_t bytes; /* message length so far */
};

static const uint32_t sha256_k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
};

static inline uint32_t ror32(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

/* FIPS 180-4 6.2.2, steps 1-4. */
static void sha256_compress(uint32_t h[8], const uint8_t *p)
{
	uint32_t w[64], s[8];

	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
		       (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
	for (int t = 16; t < 64; t++) {
		uint32_t s0 = ror32(w[t - 15], 7) ^ ror32(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = ror32(w[t - 2], 17) ^ ror32(w[t - 2], 19) ^ (w[t - 2] >> 10);

		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}
	for (int i = 0; i < 8; i++)
		s[i] = h[i];
	for (int t = 0; t < 64; t++) {
		uint32_t e = s[4], a = s[0];
		uint32_t t1 = s[7] + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
		              ((e & s[5]) ^ (~e & s[6])) + sha256_k[t] + w[t];
		uint32_t t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
		              ((a & s[1]) ^ (a & s[2]) ^ (s[1] & s[2]));

		for (int i = 7; i > 0; i--)
			s[i] = s[i - 1];
		s[4] += t1;
		s[0] = t1 + t2;
	}
	for (int i = 0; i < 8; i++)
		h[i] += s[i];
}

static void sha256_init(struct sha256 *c)
{
	static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

	for (int i = 0; i < 8; i++)
		c->h[i] = iv[i];
	c->bytes = 0;
}

static void sha256_update(struct sha256 *c, const uint8_t *p, size_t len)
{
	while (len--) {
		c->block[c->bytes++ % 64] = *p++;
		if (c->bytes % 64 == 0)
			sha256_compress(c->h, c->block);
	}
}

/* FIPS 180-4 5.1.1 padding, then the digest as 64 lowercase hex digits. */
static void sha256_final(struct sha256 *c, char hex[65])
{
	uint64_t bits = c->bytes * 8;
	uint8_t pad = 0x80, len[8];

	sha256_update(c, &pad, 1);
	pad = 0;
	while (c->bytes % 64 != 56)
		sha256_update(c, &pad, 1);
	for (int i = 0; i < 8; i++)
		len[i] = (uint8_t)(bits >> (56 - 8 * i));
	sha256_update(c, len, 8);
	for (int i = 0; i < 8; i++)
		rt_snprintf(hex + 8 * i, 9, "%08x", c->h[i]);
}

#ifdef BENCH

#define BENCH_CHUNK  (64 * 1024)
#define BENCH_ROUNDS 64 /* 4 MiB in all */

static uint8_t chunk[BENCH_CHUNK];

int main(void)
{
	struct sha256 c;
	uint32_t seed = 0x5eed5eedu;
	char hex[65];

	for (size_t i = 0; i < sizeof(chunk); i++)
		chunk[i] = (uint8_t)diff_rand(&seed);
	sha256_init(&c);
	for (int r = 0; r < BENCH_ROUNDS; r++) {
		chunk[r] ^= (uint8_t)r;
		sha256_update(&c, chunk, sizeof(chunk));
	}
	sha256_final(&c, hex);
	rt_printf("sha256-bench: %d KiB %s\n", BENCH_ROUNDS * BENCH_CHUNK / 1024, hex);
	return 0;
}

#else

static const struct {
	const char *msg;
	unsigned int repeat;
	const char *digest; /* NULL: no published value, the host run is the check */
} vectors[] = {
        /* FIPS 180-2, Appendix B.1, B.2 and B.3 */
        {"abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
        /* the empty message, and the NIST long-message example */
        {"", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrl"
         "m"
         "nopqrsmnopqrstnopqrstu",
         1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
        {"The quick brown fox jumps over the lazy dog", 1,
         "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"},
        {"0123456789abcdef0123456789abcdef0123456789abcdef0123456", 1, NULL},  /* 55 bytes */
        {"0123456789abcdef0123456789abcdef0123456789abcdef01234567", 3, NULL}, /* 56 x 3 */
};

/* Hashes msg repeated n times, fed in pieces of `step` bytes (0: whole). */
static void sha256_of(const char *msg, unsigned int n, size_t step, char hex[65])
{
	const uint8_t *p = (const uint8_t *)msg;
	size_t len = strlen(msg);
	struct sha256 c;

	sha256_init(&c);
	for (unsigned int i = 0; i < n; i++)
		for (size_t off = 0; off < len; off += step ? step : len)
			sha256_update(&c, p + off, step && len - off > step ? step : len - off);
	sha256_final(&c, hex);
}

int main(void)
{
	int failures = 0;

	for (unsigned int v = 0; v < sizeof(vectors) / sizeof(vectors[0]); v++) {
		char whole[65], pieces[65];
		size_t len = strlen(vectors[v].msg);
		int ok;

		sha256_of(vectors[v].msg, vectors[v].repeat, 0, whole);
		sha256_of(vectors[v].msg, vectors[v].repeat, 7, pieces);
		ok = strcmp(whole, pieces) == 0 &&
		     (!vectors[v].digest || strcmp(whole, vectors[v].digest) == 0);
		failures += !ok;
		rt_printf("sha256(\"%.20s%s\" x %u) = %s %s\n", vectors[v].msg,
		          len > 20 ? "..." : "", vectors[v].repeat, whole, ok ? "ok" : "FAIL");
	}
	rt_printf("sha256: %d failure(s)\n", failures);
	return failures != 0;
}

#endif
