/* SPDX-License-Identifier: MIT */
/*
 * Mixed integer workload for bench/, in the spirit of CoreMark (its own
 * code, not CoreMark's): each iteration runs four kernels whose inputs
 * depend on the previous iteration's CRC, so nothing can be hoisted out of
 * the loop, and folds their results into a CRC-16:
 *   - a singly linked list: find a handful of keys, then reverse it;
 *   - a 12x12 integer matrix multiply plus a column scan;
 *   - a state machine that classifies the tokens of a text (numbers,
 *     words, punctuation) character by character;
 *   - CRC-16/CCITT (polynomial 0x1021), bit by bit, over all of it.
 * Pointer chasing, data-dependent branches, multiplies, byte loads and
 * shifts: a different mix from the SHA-256 bench's straight-line code.
 *
 * Built twice from this file like a differential-test program (diff.h):
 * for AArch64, and for the host with -DDIFF_HOST; bench/bench.py requires
 * the guest's output on el2sim (and QEMU) to equal the host's, so a
 * mis-executed instruction fails the benchmark instead of speeding it up.
 */
#include "../diff/diff.h"

#define ITERATIONS 8000
#define LIST_NODES 200
#define LIST_FINDS 8
#define MAT_N      12
#define TEXT_LEN   512

/* CRC-16/CCITT-FALSE step over one byte: polynomial 0x1021, MSB first. */
static uint16_t crc16_byte(uint16_t crc, uint8_t b)
{
	crc ^= (uint16_t)(b << 8);
	for (int i = 0; i < 8; i++)
		crc = crc & 0x8000 ? (uint16_t)(crc << 1 ^ 0x1021) : (uint16_t)(crc << 1);
	return crc;
}

static uint16_t crc16_u32(uint16_t crc, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		crc = crc16_byte(crc, (uint8_t)(v >> 8 * i));
	return crc;
}

/* --- linked list --------------------------------------------------------- */

struct node {
	struct node *next;
	uint32_t key;
	uint32_t val;
};

static struct node pool[LIST_NODES];

/* Links the pool in a shuffled order (so next pointers jump around memory). */
static struct node *list_build(uint32_t *seed)
{
	static uint16_t order[LIST_NODES];
	struct node *head = NULL;

	for (int i = 0; i < LIST_NODES; i++)
		order[i] = (uint16_t)i;
	for (int i = LIST_NODES - 1; i > 0; i--) {
		int j = (int)(diff_rand(seed) % (uint32_t)(i + 1));
		uint16_t t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (int i = 0; i < LIST_NODES; i++) {
		struct node *n = &pool[order[i]];

		n->key = diff_rand(seed) & 0x3ff;
		n->val = (uint32_t)i;
		n->next = head;
		head = n;
	}
	return head;
}

/* Position of the first node with key, or -1; the found node's val is bumped. */
static int list_find(struct node *head, uint32_t key)
{
	int pos = 0;

	for (struct node *n = head; n; n = n->next, pos++) {
		if (n->key == key) {
			n->val += key;
			return pos;
		}
	}
	return -1;
}

static struct node *list_reverse(struct node *head)
{
	struct node *prev = NULL;

	while (head) {
		struct node *next = head->next;

		head->next = prev;
		prev = head;
		head = next;
	}
	return prev;
}

static uint16_t list_work(struct node **head, uint16_t crc)
{
	for (int i = 0; i < LIST_FINDS; i++) {
		/* keys are 10 bits: about one search in five finds one */
		uint32_t key = (uint32_t)(crc * 31u + (uint32_t)i * 97u) & 0x3ff;
		int pos = list_find(*head, key);

		crc = crc16_u32(crc, (uint32_t)pos);
	}
	*head = list_reverse(*head);
	crc = crc16_u32(crc, (*head)->key ^ (*head)->val);
	return crc;
}

/* --- matrix -------------------------------------------------------------- */

static int32_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];

static void mat_init(uint32_t *seed)
{
	for (int i = 0; i < MAT_N; i++)
		for (int j = 0; j < MAT_N; j++) {
			mat_a[i][j] = (int32_t)(diff_rand(seed) % 201) - 100;
			mat_b[i][j] = (int32_t)(diff_rand(seed) % 201) - 100;
		}
}

static uint16_t mat_work(uint16_t crc)
{
	/* perturb one element of A so each product differs */
	int r = crc % MAT_N, c = (crc >> 4) % MAT_N;
	uint32_t colmax = 0;

	mat_a[r][c] = (int32_t)(crc & 0xff) - 128;
	for (int i = 0; i < MAT_N; i++)
		for (int j = 0; j < MAT_N; j++) {
			int32_t s = 0;

			for (int k = 0; k < MAT_N; k++)
				s += mat_a[i][k] * mat_b[k][j];
			mat_c[i][j] = s;
		}
	/* the largest absolute value of each column, and a checksum */
	for (int j = 0; j < MAT_N; j++) {
		uint32_t m = 0;

		for (int i = 0; i < MAT_N; i++) {
			int32_t v = mat_c[i][j];
			uint32_t a = v < 0 ? (uint32_t)-v : (uint32_t)v;

			if (a > m)
				m = a;
		}
		colmax ^= m << (j & 7);
	}
	crc = crc16_u32(crc, colmax);
	return crc16_u32(crc, (uint32_t)mat_c[r][c]);
}

/* --- state machine ------------------------------------------------------- */

enum state { S_START, S_INT, S_FRAC, S_EXP, S_EXP_SIGN, S_EXP_INT, S_WORD, S_BAD, S_COUNT };

static uint8_t text[TEXT_LEN];

/* A text of numbers ("12", "-3.5", "6e+2"), words and malformed tokens. */
static void text_init(uint32_t *seed)
{
	static const char alphabet[] = "0123456789.e+-, abcxyz0123456789 ";

	for (int i = 0; i < TEXT_LEN; i++)
		text[i] = (uint8_t)alphabet[diff_rand(seed) % (sizeof(alphabet) - 1)];
}

static int is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(uint8_t c)
{
	return c >= 'a' && c <= 'z';
}

/* One transition; separators (space, ',') end a token and return to S_START. */
static enum state step(enum state s, uint8_t c)
{
	switch (s) {
	case S_START:
		if (is_digit(c))
			return S_INT;
		if (c == '-' || c == '+')
			return S_INT;
		if (is_alpha(c))
			return S_WORD;
		return c == ' ' || c == ',' ? S_START : S_BAD;
	case S_INT:
		if (is_digit(c))
			return S_INT;
		if (c == '.')
			return S_FRAC;
		if (c == 'e')
			return S_EXP;
		break;
	case S_FRAC:
		if (is_digit(c))
			return S_FRAC;
		if (c == 'e')
			return S_EXP;
		break;
	case S_EXP:
		if (c == '+' || c == '-')
			return S_EXP_SIGN;
		if (is_digit(c))
			return S_EXP_INT;
		break;
	case S_EXP_SIGN:
	case S_EXP_INT:
		if (is_digit(c))
			return S_EXP_INT;
		break;
	case S_WORD:
		if (is_alpha(c) || is_digit(c))
			return S_WORD;
		break;
	default: break;
	}
	return c == ' ' || c == ',' ? S_START : S_BAD;
}

static uint16_t text_work(uint16_t crc)
{
	uint32_t final[S_COUNT] = {0}, trans = 0;
	enum state s = S_START;
	int start = crc % 64;

	/* flip one character so the scan changes from one iteration to the next */
	text[(crc >> 3) % TEXT_LEN] = (uint8_t)("0123456789.e+-, az"[crc % 18]);
	for (int i = start; i < TEXT_LEN; i++) {
		enum state n = step(s, text[i]);

		if (n == S_START && s != S_START)
			final[s]++; /* a token ended in state s */
		trans += n != s;
		s = n;
	}
	final[s]++;
	for (int i = 0; i < S_COUNT; i++)
		crc = crc16_u32(crc, final[i]);
	return crc16_u32(crc, trans);
}

/* --- main ---------------------------------------------------------------- */

int main(void)
{
	uint32_t seed = 0xc0ffee11u;
	struct node *head;
	uint16_t crc = 0xffff, list_crc = 0, mat_crc = 0, text_crc = 0;

	head = list_build(&seed);
	mat_init(&seed);
	text_init(&seed);
	for (int it = 0; it < ITERATIONS; it++) {
		uint16_t l = list_work(&head, crc);
		uint16_t m = mat_work(l);
		uint16_t t = text_work(m);

		list_crc ^= l;
		mat_crc ^= m;
		text_crc ^= t;
		crc = t;
	}
	rt_printf("mixed_int: %d iterations: list %04x matrix %04x state %04x crc %04x\n",
	          ITERATIONS, list_crc, mat_crc, text_crc, crc);
	return 0;
}
