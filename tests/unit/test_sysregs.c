/*
 * The system register table (sysregs/sysregs.def) checked as data
 * (STYLE.md item 4): unique names and encodings, resets that keep the RES1
 * bits, write masks consistent with the access and flags columns, trap
 * groups that exist and have a predicate, ID registers consistent with the
 * rows that exist, and capstone as an independent oracle of every encoding.
 * Encodings and field layouts are the Arm ARM's (C5.3 for the encodings,
 * D19.2 for the registers' fields).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>

#include "harness.h"
#include "sysregs.h"
#include "traps.h"

static unsigned enc_op0(uint16_t e)
{
	return e >> 14;
}

static unsigned enc_op1(uint16_t e)
{
	return (e >> 11) & 7;
}

static unsigned enc_crn(uint16_t e)
{
	return (e >> 7) & 15;
}

static unsigned enc_crm(uint16_t e)
{
	return (e >> 3) & 15;
}

static unsigned enc_op2(uint16_t e)
{
	return e & 7;
}

static enum sysreg_id find(const char *name)
{
	for (unsigned id = 1; id < SR_COUNT; id++)
		if (!strcmp(sysreg_table[id].name, name))
			return (enum sysreg_id)id;
	return SR_NONE;
}

static unsigned count_prefix(const char *prefix)
{
	unsigned n = 0;
	for (unsigned id = 1; id < SR_COUNT; id++)
		n += !strncmp(sysreg_table[id].name, prefix, strlen(prefix));
	return n;
}

static uint64_t field(uint64_t v, unsigned hi, unsigned lo)
{
	return (v >> lo) & ((2ull << (hi - lo)) - 1);
}

/* No two rows share a name or an encoding, and lookup finds every row. */
static void test_unique(void **state)
{
	sysregs_init();
	for (unsigned a = 1; a < SR_COUNT; a++) {
		for (unsigned b = a + 1; b < SR_COUNT; b++) {
			if (sysreg_table[a].enc == sysreg_table[b].enc ||
			    !strcmp(sysreg_table[a].name, sysreg_table[b].name))
				fail_msg("%s and %s share an encoding or a name",
				         sysreg_table[a].name, sysreg_table[b].name);
		}
		assert_int_equal(sysreg_lookup(sysreg_table[a].enc), a);
	}
	/* The reserved ID space reads through ID_RESERVED, named rows excepted. */
	assert_int_equal(sysreg_lookup(sysreg_encode(3, 0, 0, 4, 7)), SR_ID_RESERVED);
	assert_int_equal(sysreg_lookup(sysreg_encode(3, 0, 0, 4, 0)), SR_ID_AA64PFR0_EL1);
	assert_int_equal(sysreg_lookup(sysreg_encode(3, 0, 0, 1, 0)), SR_ID_PFR0_EL1);
}

/*
 * The access and flags columns agree with the write mask: only writable
 * STORE rows write bits; CONST and PSTATE rows write none through the mask
 * (PSTATE rows are written by cpu code); SYS operations are exactly the op0 1
 * rows, write-only, with no state; EL0 reach (U) is exactly op1 3.
 */
static void test_access_flags(void **state)
{
	for (unsigned id = 1; id < SR_COUNT; id++) {
		const struct sysreg_info *r = &sysreg_table[id];
		bool op = (r->flags & SRF_OP) != 0;
		bool el0 = (r->access & SRA_U) != 0;
		if (!(r->access & SRA_W) && r->wmask)
			fail_msg("%s: read-only but wmask 0x%llx", r->name,
			         (unsigned long long)r->wmask);
		if ((r->flags & (SRF_CONST | SRF_PSTATE)) && r->wmask)
			fail_msg("%s: CONST/PSTATE but wmask 0x%llx", r->name,
			         (unsigned long long)r->wmask);
		if (!(r->flags & (SRF_STORE | SRF_CONST | SRF_PSTATE | SRF_OP)))
			fail_msg("%s: no kind (STORE, CONST, PSTATE or OP)", r->name);
		if (op != (enc_op0(r->enc) == 1))
			fail_msg("%s: OP flag and op0 %u disagree", r->name, enc_op0(r->enc));
		if (op && ((r->access & SRA_R) || !(r->access & SRA_W) || r->reset || r->wmask))
			fail_msg("%s: a SYS operation is W, with no reset or wmask", r->name);
		if ((r->flags & (SRF_AT | SRF_ZVA)) && !op)
			fail_msg("%s: AT/ZVA without OP", r->name);
		if (el0 != (enc_op1(r->enc) == 3))
			fail_msg("%s: EL0 reach (U) and op1 %u disagree", r->name, enc_op1(r->enc));
		if ((r->access & SRA_U_RO) && !el0)
			fail_msg("%s: EL0 read-only without U", r->name);
		/* Bits a write may set must be storable: the reset's other bits stay. */
		if (r->wmask && (r->flags & SRF_STORE) == 0)
			fail_msg("%s: wmask without STORE", r->name);
	}
}

/*
 * The minimum EL from op1 matches the name's _ELn suffix (catches a wrong
 * op1). Exceptions, from the Arm ARM's encodings: SP_ELn is reached from
 * EL n+1; CNTPS_*_EL1 uses op1 7 (EL1, Secure only).
 */
static void test_min_el_matches_name(void **state)
{
	for (unsigned id = 1; id < SR_COUNT; id++) {
		const struct sysreg_info *r = &sysreg_table[id];
		const char *s = strstr(r->name, "_EL");
		if (!s || enc_op0(r->enc) == 1 || !isdigit((unsigned char)s[3]) || s[4])
			continue;
		unsigned want = (unsigned)(s[3] - '0');
		if (!strncmp(r->name, "SP_EL", 5))
			want++;
		if (sysreg_min_el(r->enc) != want)
			fail_msg("%s: op1 %u gives EL%u", r->name, enc_op1(r->enc),
			         sysreg_min_el(r->enc));
	}
}

/* RES1 bits (Arm ARM D19.2 field tables) are set at reset and never written. */
static void test_res1(void **state)
{
	static const struct {
		enum sysreg_id id;
		uint64_t res1;
	} rows[] = {
	        {SR_SCTLR_EL1, 0x30d00800}, /* [29:28], [23:22], [20], [11] */
	        {SR_SCTLR_EL2, 0x30c50830}, /* + [18], [16], [5:4]; no [20]/[22] split */
	        {SR_SCTLR_EL3, 0x30c50830},
	        {SR_HCR_EL2, 1ull << 31}, /* RW: RAO/WI, AArch64 only */
	        {SR_SCR_EL3, 0x430},      /* [5:4], RW [10] */
	        {SR_CPTR_EL2, 0x33ff},    /* [13:12], [9:0] */
	        {SR_TCR_EL2, 0x80800000}, /* [31], [23] */
	        {SR_TCR_EL3, 0x80800000},
	        {SR_VTCR_EL2, 0x80000000},   /* [31] */
	        {SR_MPIDR_EL1, 0x80000000},  /* [31] */
	        {SR_VMPIDR_EL2, 0x80000000}, /* [31] */
	        {SR_CTR_EL0, 0x80000000},    /* [31] */
	        {SR_PAR_EL1, 0x800},         /* [11] */
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct sysreg_info *r = &sysreg_table[rows[i].id];
		if ((r->reset & rows[i].res1) != rows[i].res1 || (r->wmask & rows[i].res1))
			fail_msg("%s: RES1 0x%llx: reset 0x%llx wmask 0x%llx", r->name,
			         (unsigned long long)rows[i].res1, (unsigned long long)r->reset,
			         (unsigned long long)r->wmask);
	}
}

/* The ID registers describe the rows that exist, and each other. */
static void test_id_registers_match_table(void **state)
{
	uint64_t pfr0 = sysreg_table[SR_ID_AA64PFR0_EL1].reset;
	uint64_t dfr0 = sysreg_table[SR_ID_AA64DFR0_EL1].reset;
	uint64_t isar0 = sysreg_table[SR_ID_AA64ISAR0_EL1].reset;
	uint64_t isar1 = sysreg_table[SR_ID_AA64ISAR1_EL1].reset;
	uint64_t mmfr1 = sysreg_table[SR_ID_AA64MMFR1_EL1].reset;
	uint64_t ctr = sysreg_table[SR_CTR_EL0].reset;
	uint64_t clidr = sysreg_table[SR_CLIDR_EL1].reset;
	uint64_t ccsidr = sysreg_table[SR_CCSIDR_EL1].reset;

	/* PFR0: AArch64-only ELs, FP/AdvSIMD absent, no SVE, RAS 1 (ERR* rows). */
	assert_int_equal(field(pfr0, 15, 0), 0x1111);
	assert_int_equal(field(pfr0, 19, 16), 0xf);
	assert_int_equal(field(pfr0, 23, 20), 0xf);
	assert_int_equal(field(pfr0, 35, 32), 0);
	assert_int_equal(field(pfr0, 31, 28), 1);
	assert_int_not_equal(find("ERRIDR_EL1"), SR_NONE);
	assert_int_not_equal(find("VSESR_EL2"), SR_NONE);
	assert_int_equal(sysreg_table[SR_ID_AA64ZFR0_EL1].reset, 0);

	/* DFR0: Armv8 debug; BRPs/WRPs = number of DBGB/WVRn rows - 1. */
	assert_int_equal(field(dfr0, 3, 0), 6);
	assert_int_equal(field(dfr0, 15, 12) + 1, count_prefix("DBGBVR"));
	assert_int_equal(field(dfr0, 15, 12) + 1, count_prefix("DBGBCR"));
	assert_int_equal(field(dfr0, 23, 20) + 1, count_prefix("DBGWVR"));
	assert_int_equal(field(dfr0, 23, 20) + 1, count_prefix("DBGWCR"));
	assert_true(field(dfr0, 31, 28) <= field(dfr0, 15, 12)); /* CTX_CMPs <= BRPs */
	/* PMUVer 1 (PMUv3) with PMCR_EL0.N 0: no PMEVCNTRn/PMEVTYPERn rows. */
	assert_int_equal(field(dfr0, 11, 8), 1);
	assert_int_not_equal(find("PMCR_EL0"), SR_NONE);
	assert_int_equal(field(sysreg_table[SR_PMCR_EL0].reset, 15, 11), 0);
	assert_int_equal(count_prefix("PMEVCNTR"), 0);
	assert_int_equal(count_prefix("PMEVTYPER"), 0);
	/* DoubleLock 0: OSDLR_EL1 is there. */
	assert_int_equal(field(dfr0, 39, 36), 0);
	assert_int_not_equal(find("OSDLR_EL1"), SR_NONE);

	/* ISAR0.TLB 2: the outer-shareable and range TLBI rows exist. */
	assert_int_equal(field(isar0, 59, 56), 2);
	assert_int_not_equal(find("TLBI_VMALLE1OS"), SR_NONE);
	assert_int_not_equal(find("TLBI_RVAE1IS"), SR_NONE);
	assert_int_not_equal(find("TLBI_RIPAS2E1"), SR_NONE);
	/* ISAR1.DPB 2: DC CVAP and DC CVADP exist. */
	assert_int_equal(field(isar1, 3, 0), 2);
	assert_int_not_equal(find("DC_CVAP"), SR_NONE);
	assert_int_not_equal(find("DC_CVADP"), SR_NONE);
	/* MMFR1: no PAN, so no AT S1E1RP/WP (FEAT_PAN2); no VHE, so no _EL12 rows. */
	assert_int_equal(field(mmfr1, 23, 20), 0);
	assert_int_equal(find("AT_S1E1RP"), SR_NONE);
	assert_int_equal(field(mmfr1, 11, 8), 0);
	for (unsigned id = 1; id < SR_COUNT; id++)
		assert_null(strstr(sysreg_table[id].name, "_EL12"));

	/* One unified level: CLIDR Ctype1 0b100, nothing at level 2; the line
	 * sizes of CTR_EL0 (log2 words) and CCSIDR_EL1 (log2 bytes - 4) agree. */
	assert_int_equal(field(clidr, 2, 0), 4);
	assert_int_equal(field(clidr, 5, 3), 0);
	assert_int_equal(field(clidr, 26, 24), 1); /* LoC */
	assert_int_equal(field(ctr, 19, 16) + 2, field(ccsidr, 2, 0) + 4);
	assert_int_equal(field(ctr, 3, 0) + 2, field(ccsidr, 2, 0) + 4);
	/* DC ZVA block (DCZID_EL0.BS, log2 words) no larger than a line. */
	assert_true(field(sysreg_table[SR_DCZID_EL0].reset, 3, 0) <= field(ctr, 19, 16));

	/* VPIDR/VMPIDR reset to MIDR/MPIDR. */
	assert_int_equal(sysreg_table[SR_VPIDR_EL2].reset, sysreg_table[SR_MIDR_EL1].reset);
	assert_int_equal(sysreg_table[SR_VMPIDR_EL2].reset, sysreg_table[SR_MPIDR_EL1].reset);
	/* CNTFRQ_EL0 = CPU_COUNTER_HZ. */
	assert_int_equal(sysreg_table[SR_CNTFRQ_EL0].reset, 100000000);
}

/*
 * Trap groups named in rows exist, and every group has a cause (the router's
 * table, sysregs/traps.c) and a predicate (traps.def names one per row; the
 * router calls it, so a missing one would not link).
 */
static void test_trap_groups(void **state)
{
	uint64_t all = TG_COUNT >= 64 ? ~0ull : (1ull << TG_COUNT) - 1;
	assert_true(TG_COUNT <= 64);
	for (unsigned id = 1; id < SR_COUNT; id++)
		if (sysreg_table[id].traps & ~all)
			fail_msg("%s: trap bits 0x%llx past TG_COUNT", sysreg_table[id].name,
			         (unsigned long long)sysreg_table[id].traps);
	for (unsigned g = 0; g < TG_COUNT; g++)
		if (!trap_group_cause((enum trap_group)g) || !*trap_group_cause((enum trap_group)g))
			fail_msg("trap group %u has no cause", g);
	assert_null(trap_group_cause(TG_COUNT));
}

/* Spot checks of the groups the Arm ARM names for well-known registers. */
static void test_trap_columns(void **state)
{
#define HAS(reg, g) assert_true(sysreg_table[SR_##reg].traps &(1ull << TG_##g))
	static const enum sysreg_id tvm[] = {
	        SR_SCTLR_EL1, SR_TTBR0_EL1, SR_TTBR1_EL1,      SR_TCR_EL1,
	        SR_ESR_EL1,   SR_FAR_EL1,   SR_AFSR0_EL1,      SR_AFSR1_EL1,
	        SR_MAIR_EL1,  SR_AMAIR_EL1, SR_CONTEXTIDR_EL1,
	};
	for (size_t i = 0; i < sizeof(tvm) / sizeof(tvm[0]); i++)
		assert_int_equal(sysreg_table[tvm[i]].traps &
		                         ((1ull << TG_TVM) | (1ull << TG_TRVM)),
		                 (1ull << TG_TVM) | (1ull << TG_TRVM));
	/* Every ID group 3 register: op0 3, op1 0, CRn 0, CRm 1-7. */
	for (unsigned id = 1; id < SR_COUNT; id++) {
		uint16_t e = sysreg_table[id].enc;
		if (enc_op0(e) == 3 && enc_op1(e) == 0 && enc_crn(e) == 0 && enc_crm(e) >= 1)
			assert_true(sysreg_table[id].traps & (1ull << TG_TID3));
		/* Every TLBI at EL1 (op1 0) is TTLB's. */
		if (enc_op0(e) == 1 && enc_crn(e) == 8 && enc_op1(e) == 0)
			assert_true(sysreg_table[id].traps & (1ull << TG_TTLB));
	}
	HAS(REVIDR_EL1, TID1);
	HAS(AIDR_EL1, TID1);
	HAS(CTR_EL0, TID2);
	HAS(CTR_EL0, EL0_UCT);
	HAS(CCSIDR_EL1, TID2);
	HAS(CLIDR_EL1, TID2);
	HAS(CSSELR_EL1, TID2);
	HAS(ACTLR_EL1, TACR);
	HAS(CPACR_EL1, TCPAC2);
	HAS(CPACR_EL1, TCPAC3);
	HAS(CPTR_EL2, TCPAC3);
	HAS(FPCR, FPEN);
	HAS(FPSR, TFP2);
	HAS(DAIF, EL0_UMA);
	HAS(CNTPCT_EL0, EL0_PCT);
	HAS(CNTPCT_EL0, EL1PCTEN);
	HAS(CNTVCT_EL0, EL0_VCT);
	HAS(CNTP_CTL_EL0, EL1PCEN);
	HAS(CNTV_CVAL_EL0, EL0_VT);
	HAS(PMCR_EL0, TPMCR);
	HAS(PMCCNTR_EL0, EL0_PMU);
	HAS(MDSCR_EL1, TDA2);
	HAS(OSLAR_EL1, TDOSA2);
	HAS(MDRAR_EL1, TDRA2);
	HAS(MDCCSR_EL0, EL0_DCC);
	HAS(ERXSTATUS_EL1, TERR2);
	HAS(DC_ZVA, EL0_DZE);
	HAS(DC_ZVA, TDZ);
	HAS(DC_CVAU, TPU);
	HAS(IC_IALLU, TPU);
	HAS(DC_CIVAC, TPCP);
	HAS(DC_CISW, TSW);
	HAS(IC_IVAU, EL0_UCI);
	assert_true(sysreg_table[SR_DC_ZVA].flags & SRF_ZVA);
	assert_true(sysreg_table[SR_AT_S12E0W].flags & SRF_AT);
	assert_true(sysreg_table[SR_TLBI_ALLE2].flags & SRF_TLB);
#undef HAS
}

/*
 * Capstone's spellings that differ from a row's name, with the reason; the
 * row is then compared with capstone's spelling. Capstone 4.0.2 spells every
 * register and operation of this table that it knows as the Arm ARM does
 * but one, listed below. (DBGDTRRX_EL0 shares its encoding with DBGDTRTX_EL0;
 * the oracle uses MRS for readable rows, which capstone calls dbgdtrrx_el0.)
 */
static const struct {
	const char *row;
	const char *capstone;
	const char *why;
} spellings[] = {
        {"ICH_ELRSR_EL2", "ich_elsr_el2",
         "LLVM's old name; IHI 0069H.b 12.4 (its ICH_ELRSR_EL2, Interrupt Controller Empty "
         "List Register Status Register) and the Arm ARM call it ICH_ELRSR_EL2"},
        {NULL, NULL, NULL}, /* end */
};

static const char *capstone_name_of(const char *row)
{
	for (size_t i = 0; spellings[i].row; i++)
		if (!strcmp(spellings[i].row, row))
			return spellings[i].capstone;
	return row;
}

/* The text capstone prints for one word: "mnemonic op_str", or "" if none. */
static void disasm(csh h, uint32_t word, char *out, size_t n)
{
	uint8_t code[4] = {word & 0xff, (word >> 8) & 0xff, (word >> 16) & 0xff, word >> 24};
	cs_insn *insn;
	out[0] = 0;
	if (cs_disasm(h, code, 4, 0x1000, 1, &insn) == 1) {
		snprintf(out, n, "%s %s", insn[0].mnemonic, insn[0].op_str);
		cs_free(insn, 1);
	}
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

/* The register name in "mrs x0, NAME" / "msr NAME, x0", or NULL if generic. */
static const char *reg_in(char *text, bool is_mrs, char *buf, size_t n)
{
	const char *p = is_mrs ? strstr(text, ", ") : strchr(text, ' ');
	if (!p)
		return NULL;
	p += is_mrs ? 2 : 1;
	size_t len = strcspn(p, ", ");
	if (len >= n)
		len = n - 1;
	memcpy(buf, p, len);
	buf[len] = 0;
	/* Capstone prints registers it does not know as s<op0>_<op1>_c<n>_c<m>_<op2>. */
	if (buf[0] == 's' && isdigit((unsigned char)buf[1]) && buf[2] == '_')
		return NULL;
	return buf;
}

/* "dc zva, x0" -> "dc_zva"; "tlbi vmalle1is" -> "tlbi_vmalle1is"; NULL for "sys ...". */
static const char *op_in(const char *text, char *buf, size_t n)
{
	static const char *const kinds[] = {"dc ", "ic ", "at ", "tlbi "};
	for (size_t i = 0; i < 4; i++) {
		size_t k = strlen(kinds[i]);
		if (strncmp(text, kinds[i], k))
			continue;
		size_t len = strcspn(text + k, ", ");
		if (k + len >= n)
			return NULL;
		memcpy(buf, text, k - 1);
		buf[k - 1] = '_';
		memcpy(buf + k, text + k, len);
		buf[k + len] = 0;
		return buf;
	}
	return NULL;
}

static bool same_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
	return *a == *b;
}

/*
 * Capstone as an oracle: each row's encoding, assembled into MRS Xt (MSR for
 * write-only rows; SYS #op1, Cn, Cm, #op2, Xt for op0 1), must disassemble
 * to the row's name wherever capstone knows the encoding.
 * MRS: 1101 0101 0011 o0 op1 CRn CRm op2 Rt, o0 = op0 - 2 (C6.2 "MRS");
 * MSR (register): the same with L [21] 0; SYS: 1101 0101 0000 1 op1 CRn CRm op2 Rt.
 */
static void test_capstone_oracle(void **state)
{
	csh h;
	unsigned matched = 0, spelled = 0, unknown = 0, mismatched = 0;
	char text[256], buf[64];

	assert_int_equal(cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &h), CS_ERR_OK);
	for (unsigned id = 1; id < SR_COUNT; id++) {
		const struct sysreg_info *r = &sysreg_table[id];
		uint16_t e = r->enc;
		uint32_t fields = (enc_op1(e) << 16) | (enc_crn(e) << 12) | (enc_crm(e) << 8) |
		                  (enc_op2(e) << 5);
		const char *got = NULL;

		if (enc_op0(e) == 1) {
			/* Operations without an Xt operand print their alias only with Rt 31. */
			disasm(h, 0xd5080000u | fields, text, sizeof(text));
			got = op_in(text, buf, sizeof(buf));
			if (!got) {
				disasm(h, 0xd5080000u | fields | 31, text, sizeof(text));
				got = op_in(text, buf, sizeof(buf));
			}
		} else {
			bool is_mrs = (r->access & SRA_R) != 0;
			uint32_t w = (is_mrs ? 0xd5300000u : 0xd5100000u) |
			             ((enc_op0(e) - 2) << 19) | fields;
			disasm(h, w, text, sizeof(text));
			got = reg_in(text, is_mrs, buf, sizeof(buf));
		}
		if (!got) {
			unknown++;
			printf("capstone: unknown  %-20s %s\n", r->name, text);
			continue;
		}
		const char *want = capstone_name_of(r->name);
		if (same_name(got, want)) {
			matched++;
			if (want != r->name)
				spelled++;
		} else {
			mismatched++;
			printf("capstone: MISMATCH %-20s capstone says %s (%s)\n", r->name, got,
			       text);
		}
	}
	cs_close(&h);
	printf("capstone: %u rows matched (%u by a listed spelling), %u unknown to capstone, %u "
	       "mismatched\n",
	       matched, spelled, unknown, mismatched);
	assert_int_equal(mismatched, 0);
	/*
	 * The oracle must have compared rows, not passed by recognising
	 * nothing. 255 is what this test printed with Debian bookworm's
	 * capstone 4.0.2 (libcapstone4) against the table as it stands:
	 * "255 rows matched (1 by a listed spelling), 66 unknown to capstone,
	 * 0 mismatched". It is a floor, not an exact count, because a row
	 * capstone names either matches or fails the mismatched == 0 check
	 * above, so the count can only grow as the table gains rows or a newer
	 * capstone (say the 5.0.1 wrap) names some of the 66 that 4.0.2 does
	 * not know (later additions: the RAS ERX* registers, the TLBI *OS and
	 * range operations, DC CVAP/CVADP, ...). It falls only if rows leave
	 * the table or a capstone names fewer of them; either means looking
	 * again at this number rather than lowering it quietly.
	 */
	assert_true(matched >= 255);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_unique),
	        cmocka_unit_test(test_access_flags),
	        cmocka_unit_test(test_min_el_matches_name),
	        cmocka_unit_test(test_res1),
	        cmocka_unit_test(test_id_registers_match_table),
	        cmocka_unit_test(test_trap_columns),
	        cmocka_unit_test(test_capstone_oracle),
	        cmocka_unit_test(test_trap_groups),
	};
	sysregs_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
