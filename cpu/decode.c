/*
 * The top of the A64 decoder: the class dispatch on bits [28:25] (Arm ARM
 * C4.1, "A64 instruction set encoding", op0) and the shared machinery of
 * the class tables.
 */
#include "decode.h"

#include <inttypes.h>
#include <stdio.h>

#include "cpu.h"
#include "exec_branch_sys.h"
#include "fuse.h"

/* Allocated, not implemented yet: FP and Advanced SIMD (the FP/SIMD issue). */
static struct decode_row decode_fp_simd[] = {
        {.pattern = "xxxx xxxx xxxx xxxx xxxx xxxx xxxx xxxx",
         .name = "FP/AdvSIMD",
         .fill = decode_fill_raw,
         .exec = exec_unimplemented},
        {.pattern = NULL},
};

/* Empty: every encoding of the class is UNDEFINED (reserved, unallocated,
 * and SVE/SME, which el2sim does not implement and the ID registers deny). */
static struct decode_row decode_none[] = {
        {.pattern = NULL},
};

/* op0 = bits [28:25] */
static struct decode_row *const decode_class[16] = {
        [0x0] = decode_none,       /* reserved; SME */
        [0x1] = decode_none,       /* unallocated */
        [0x2] = decode_none,       /* SVE */
        [0x3] = decode_none,       /* unallocated */
        [0x4] = decode_ldst,       /* x1x0: loads and stores */
        [0x5] = decode_dp_reg,     /* x101: data processing, register */
        [0x6] = decode_ldst,       /* x1x0 */
        [0x7] = decode_fp_simd,    /* x111: data processing, SIMD and FP */
        [0x8] = decode_dp_imm,     /* 100x: data processing, immediate */
        [0x9] = decode_dp_imm,     /* 100x */
        [0xa] = decode_branch_sys, /* 101x: branches, exception generating, system */
        [0xb] = decode_branch_sys, /* 101x */
        [0xc] = decode_ldst,       /* x1x0 */
        [0xd] = decode_dp_reg,     /* x101 */
        [0xe] = decode_ldst,       /* x1x0 */
        [0xf] = decode_fp_simd,    /* x111 */
};

static int decode_parse_row(struct decode_row *r)
{
	unsigned nbits = 0;
	uint32_t mask = 0, match = 0;
	for (const char *p = r->pattern; *p; p++) {
		if (*p == ' ' || *p == '_')
			continue;
		if (nbits == 32)
			return -1;
		mask <<= 1;
		match <<= 1;
		if (*p == '0' || *p == '1') {
			mask |= 1;
			match |= (uint32_t)(*p - '0');
		}
		nbits++;
	}
	if (nbits != 32 || !r->fill || !r->exec)
		return -1;
	r->mask = mask;
	r->match = match;
	return 0;
}

int decode_init(void)
{
	static int done;
	if (done)
		return 0;
	for (unsigned c = 0; c < 16; c++) {
		for (struct decode_row *r = decode_class[c]; r->pattern; r++) {
			if (r->mask == 0 && r->match == 0 && decode_parse_row(r) != 0) {
				fprintf(stderr,
				        "el2sim: internal error: bad decode row '%s' (%s)\n",
				        r->pattern, r->name ? r->name : "?");
				return -1;
			}
		}
	}
	done = 1;
	return 0;
}

const struct decode_row *decode_find(uint32_t raw)
{
	for (const struct decode_row *r = decode_class[bits32(raw, 28, 25)]; r->pattern; r++) {
		if ((raw & r->mask) != r->match)
			continue;
		struct insn tmp = {0};
		if (r->fill(&tmp, raw))
			return r;
		return NULL; /* the first matching row owns the encoding */
	}
	return NULL;
}

/* The row's handler goes in first: a fill may replace it with one specialised to its operands. */
void decode(struct insn *in, uint32_t raw)
{
	const struct decode_row *r = decode_find(raw);
	*in = (struct insn){.raw = raw, .exec = r ? r->exec : exec_undefined};
	if (r) {
		r->fill(in, raw);
		in->raw = raw;
	}
}

/* The fused version of handler alone in a class's pairs table, or NULL. */
static exec_fn decode_fused(const struct fuse_pair *pairs, exec_fn alone)
{
	for (; pairs->alone; pairs++)
		if (pairs->alone == alone)
			return pairs->fused;
	return NULL;
}

/*
 * Compare-and-branch fusion (fuse.h): a flag-setting slot followed by a
 * B.cond gets the fused handler, the next slot decoded to tell (the decode
 * table says what a B.cond is). The page's sentinel is never decoded, so
 * the pair is always in one page.
 */
static void decode_fuse(struct insn *slot)
{
	struct insn *next = slot + 1;
	exec_fn fused = decode_fused(fuse_dp_imm, slot->exec);
	if (!fused)
		fused = decode_fused(fuse_dp_reg, slot->exec);
	if (!fused)
		return;
	if (next->exec == exec_decode_lazily)
		decode(next, next->raw);
	if (next->exec == exec_b_cond)
		slot->exec = fused;
}

/*
 * The handler of a decode-cache slot that has not run yet: decode the word
 * kept in raw, in place, then run it. The slot belongs to a heap page of the
 * decode cache, so writing through the const pointer is sound.
 */
int exec_decode_lazily(struct cpu *cpu, const struct insn *in)
{
	struct insn *slot = (struct insn *)(uintptr_t)in;
	decode(slot, slot->raw);
	decode_fuse(slot);
	return slot->exec(cpu, slot);
}

int exec_page_end(struct cpu *cpu, const struct insn *in)
{
	(void)cpu;
	(void)in;
	return EXEC_PAGE_END;
}

bool decode_fill_raw(struct insn *in, uint32_t raw)
{
	in->raw = raw;
	return true;
}

int exec_undefined(struct cpu *cpu, const struct insn *in)
{
	(void)in;
	return exc_raise_undef(cpu);
}

/* Encodings already reported, so each is reported once. */
#define UNIMPL_SEEN_MAX 256

int exec_unimplemented(struct cpu *cpu, const struct insn *in)
{
	static uint32_t seen[UNIMPL_SEEN_MAX];
	static unsigned nseen;
	bool known = false;
	for (unsigned i = 0; i < nseen && !known; i++)
		known = seen[i] == in->raw;
	if (!known && nseen < UNIMPL_SEEN_MAX) {
		seen[nseen++] = in->raw;
		fprintf(stderr,
		        "el2sim: unimplemented instruction 0x%08" PRIx32 " at PC 0x%" PRIx64
		        " (%s): taken as UNDEFINED%s\n",
		        in->raw, cpu->pc, decode_find(in->raw) ? decode_find(in->raw)->name : "?",
		        nseen == UNIMPL_SEEN_MAX ? "; further ones are not reported" : "");
	}
	return exc_raise_undef(cpu);
}
