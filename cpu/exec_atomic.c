/*
 * Exclusives (LDXR/STXR and pairs, with their acquire/release forms),
 * load-acquire/store-release (LDAR, STLR, LDAPR, LDAPUR*,
 * STLUR*) and the FEAT_LSE atomics (LDADD..LDUMIN, SWP, CAS, CASP) in all
 * sizes and orderings. el2sim runs one PE in program order, so acquire and
 * release change nothing but the alignment rule: every access here must be
 * aligned to its size (Arm ARM B2.5.? "Alignment of data accesses"), and an
 * ordering variant (A, L, AL) decodes to the same handler as the plain one.
 *
 * The local exclusive monitor (Arm ARM B2.9.? "Exclusive access
 * instructions") is cpu->excl_*: one marked address and size. exc_take()
 * and CLREX clear it. The CONSTRAINED UNPREDICTABLE choices are in
 * docs/unpredictable.md.
 */
#include "exec_atomic.h"
#include "ldst.h"

#include "decode.h"
#include "mem.h"

/* ---- the local exclusive monitor ---- */

/* AArch64.SetExclusiveMonitors(address, size): Exclusive Access state. */
static void excl_mark(struct cpu *cpu, uint64_t address, unsigned size)
{
	cpu->excl_valid = true;
	cpu->excl_addr = address;
	cpu->excl_size = (uint8_t)size;
}

/*
 * AArch64.ExclusiveMonitorsPass after its alignment check: passes only for
 * the address and size last marked (a different address or size fails, our
 * CONSTRAINED UNPREDICTABLE choice); ClearExclusiveLocal() either way.
 */
static bool excl_pass(struct cpu *cpu, uint64_t address, unsigned size)
{
	bool pass = cpu->excl_valid && cpu->excl_addr == address && cpu->excl_size == size;
	cpu->excl_valid = false;
	return pass;
}

/* ---- fill ---- */

/*
 * LDXR, LDAXR, STXR, STLXR: size 001000 o2 L o1 Rs o0 Rt2 Rn Rt. Rt2 (and Rs
 * for loads) should be ones; other values execute as if they were. STXR with
 * Rs == Rt (DATAOVERLAP) or Rs == Rn (BASEOVERLAP): Constraint_NONE, the
 * handler reads Rt and Rn before it writes Rs.
 */
bool fill_excl(struct insn *in, uint32_t raw)
{
	in->rd = (uint8_t)bits32(raw, 4, 0);
	in->rn = (uint8_t)bits32(raw, 9, 5);
	in->rm = (uint8_t)bits32(raw, 20, 16);
	in->sf = (uint8_t)bits32(raw, 31, 30);
	in->opt = MEMF_ALIGNED;
	return true;
}

/* LDXP, LDAXP, STXP, STLXP: sz selects 32/64-bit elements. LDXP Rt == Rt2
 * (LDPOVERLAP): Constraint_UNDEF, as for LDP. */
bool fill_excl_pair(struct insn *in, uint32_t raw)
{
	fill_excl(in, raw);
	in->ra = (uint8_t)bits32(raw, 14, 10);
	in->sf = (uint8_t)(2 + bit32(raw, 30));
	return !(bit32(raw, 22) && in->rd == in->ra);
}

/* LDAR, STLR, LDAPR */
bool fill_ordered(struct insn *in, uint32_t raw)
{
	/* o0 = 0 is LDLAR/STLLR: FEAT_LOR is not implemented (ID_AA64MMFR1_EL1.LO = 0). */
	if (!bit32(raw, 15))
		return false;
	in->rd = (uint8_t)bits32(raw, 4, 0);
	in->rn = (uint8_t)bits32(raw, 9, 5);
	in->sf = (uint8_t)bits32(raw, 31, 30);
	in->flags = in->sf == 3 ? LS_X : 0;
	in->opt = MEMF_ALIGNED | MEMF_AR; /* acquire/release: ESR_ELx.ISS.AR */
	return true;
}

/* STLUR*, LDAPUR*, LDAPURS*: size:opc as for LDUR, offset simm9. */
bool fill_ordered_unscaled(struct insn *in, uint32_t raw)
{
	in->imm = sext64(bits32(raw, 20, 12), 9);
	in->opt = MEMF_ALIGNED | MEMF_AR;
	ldst_fill_size_opc(in, raw);
	return true;
}

/* LD<op>, SWP, CAS: amt = o3:opc, the MemAtomicOp (bit 3 set: SWP). */
bool fill_lse(struct insn *in, uint32_t raw)
{
	in->rd = (uint8_t)bits32(raw, 4, 0);
	in->rn = (uint8_t)bits32(raw, 9, 5);
	in->ra = (uint8_t)bits32(raw, 20, 16);
	in->sf = (uint8_t)bits32(raw, 31, 30);
	in->amt = (uint8_t)bits32(raw, 15, 12);
	in->opt = MEMF_ALIGNED;
	return true;
}

/* CASP: "if Rs<0> == '1' then UNDEFINED; if Rt<0> == '1' then UNDEFINED" */
bool fill_casp(struct insn *in, uint32_t raw)
{
	fill_lse(in, raw);
	in->sf = (uint8_t)(2 + bit32(raw, 30));
	return !(in->ra & 1) && !(in->rd & 1);
}

/* ---- handlers ---- */

/* Load-exclusive of nelem elements (AArch64 LDXR/LDXP pseudocode, MemOp_LOAD). */
static int excl_load(struct cpu *cpu, const struct insn *in, unsigned nelem)
{
	unsigned size = 1u << in->sf;
	uint64_t address, data[2] = {0, 0};
	int st = ldst_base(cpu, in->rn, &address);
	if (!st)
		st = mem_check_align(cpu, address, nelem * size, false);
	for (unsigned i = 0; i < nelem && !st; i++)
		st = mem_read(cpu, address + i * size, size, &data[i], in->opt);
	if (st)
		return st;
	excl_mark(cpu, address, nelem * size);
	x_write(cpu, in->rd, data[0]);
	if (nelem == 2)
		x_write(cpu, in->ra, data[1]);
	return EXEC_NEXT;
}

/* Store-exclusive of nelem elements; X[s] = status (0 stored, 1 not). */
static int excl_store(struct cpu *cpu, const struct insn *in, unsigned nelem)
{
	unsigned size = 1u << in->sf, status = 1;
	uint64_t address, data[2] = {x_read(cpu, in->rd), x_read(cpu, in->ra)};
	int st = ldst_base(cpu, in->rn, &address);
	if (!st)
		st = mem_check_align(cpu, address, nelem * size, true);
	if (!st && excl_pass(cpu, address, nelem * size)) {
		for (unsigned i = 0; i < nelem && !st; i++)
			st = mem_write(cpu, address + i * size, size, data[i], in->opt);
		status = 0;
	}
	if (st)
		return st;
	x_write(cpu, in->rm, status);
	return EXEC_NEXT;
}

/* LDXR, LDAXR (B, H, W, X) */
int exec_ldxr(struct cpu *cpu, const struct insn *in)
{
	return excl_load(cpu, in, 1);
}

/* STXR, STLXR (B, H, W, X) */
int exec_stxr(struct cpu *cpu, const struct insn *in)
{
	return excl_store(cpu, in, 1);
}

/* LDXP, LDAXP: the pair must be aligned to its total size. */
int exec_ldxp(struct cpu *cpu, const struct insn *in)
{
	return excl_load(cpu, in, 2);
}

/* STXP, STLXP */
int exec_stxp(struct cpu *cpu, const struct insn *in)
{
	return excl_store(cpu, in, 2);
}

/* MemAtomic's operation on the old memory value and X[s], datasize bits. */
static uint64_t lse_apply(unsigned op, uint64_t old, uint64_t val, unsigned bits)
{
	int64_t sold = sext64(old, bits), sval = sext64(val, bits);
	uint64_t uval = val & ones64(bits);
	switch (op) {
	case 0: return old + val;               /* LDADD: MemAtomicOp_ADD */
	case 1: return old & ~val;              /* LDCLR: BIC */
	case 2: return old ^ val;               /* LDEOR: EOR */
	case 3: return old | val;               /* LDSET: ORR */
	case 4: return sold > sval ? old : val; /* LDSMAX */
	case 5: return sold < sval ? old : val; /* LDSMIN */
	case 6: return old > uval ? old : val;  /* LDUMAX */
	case 7: return old < uval ? old : val;  /* LDUMIN */
	default: return val;                    /* SWP */
	}
}

/* LDADD..LDUMIN, SWP (all sizes, A/L/AL; ST<op> is Rt == ZR): X[t] = old */
int exec_ldop(struct cpu *cpu, const struct insn *in)
{
	unsigned size = 1u << in->sf;
	uint64_t address, old;
	int st = ldst_base(cpu, in->rn, &address);
	if (!st)
		st = mem_read(cpu, address, size, &old, in->opt);
	if (!st)
		st = mem_write(cpu, address, size,
		               lse_apply(in->amt, old, x_read(cpu, in->ra), 8 * size), in->opt);
	if (st)
		return st;
	x_write(cpu, in->rd, old);
	return EXEC_NEXT;
}

/*
 * MemAtomicCompareAndSwap of nelem elements: compare with X[s..], store
 * X[t..] only if all are equal (on inequality we write nothing back, one of
 * the permitted behaviours), then X[s..] = the old values.
 */
static int cas_n(struct cpu *cpu, const struct insn *in, unsigned nelem)
{
	unsigned size = 1u << in->sf;
	uint64_t address, old[2] = {0, 0};
	bool equal = true;
	int st = ldst_base(cpu, in->rn, &address);
	if (!st)
		st = mem_check_align(cpu, address, nelem * size, false);
	for (unsigned i = 0; i < nelem && !st; i++) {
		st = mem_read(cpu, address + i * size, size, &old[i], in->opt);
		equal = equal && old[i] == (x_read(cpu, in->ra + i) & ones64(8 * size));
	}
	for (unsigned i = 0; i < nelem && !st && equal; i++)
		st = mem_write(cpu, address + i * size, size, x_read(cpu, in->rd + i), in->opt);
	if (st)
		return st;
	for (unsigned i = 0; i < nelem; i++)
		x_write(cpu, in->ra + i, old[i]);
	return EXEC_NEXT;
}

/* CAS, CASA, CASL, CASAL (B, H, W, X) */
int exec_cas(struct cpu *cpu, const struct insn *in)
{
	return cas_n(cpu, in, 1);
}

/* CASP, CASPA, CASPL, CASPAL: the pair is one access aligned to its total size. */
int exec_casp(struct cpu *cpu, const struct insn *in)
{
	return cas_n(cpu, in, 2);
}
