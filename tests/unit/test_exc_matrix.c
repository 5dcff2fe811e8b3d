/*
 * Exception entry, pinned down row by row: every exception el2sim raises,
 * from every source state (EL0t, EL1t, EL1h, EL2t, EL2h, EL3t, EL3h), under
 * each relevant configuration of the highest EL, HCR_EL2.TGE and SCR_EL3.NS.
 *
 * Every expected value in the tables was worked out by hand from the Arm ARM
 * (DDI 0487): AArch64.TakeException (SPSR = PSTATE, ELR, ESR, FAR only for
 * aborts and PC alignment, PSTATE.{D,A,I,F} = 1111, SPSel = 1, IL = 0; vector
 * VBAR_ELx + 0x000 current EL SP_EL0 / 0x200 current EL SP_ELx / 0x400 lower
 * EL AArch64, + 0x80 IRQ / 0x100 FIQ / 0x180 SError), AArch64.CallSupervisor,
 * HVC, AArch64.CheckForSMCUndefOrTrap, AArch64.SoftwareBreakpoint,
 * AArch64.UndefinedFault, AArch64.PCAlignmentFault, AArch64.SPAlignmentFault,
 * AArch64.InstructionAbort / AArch64.DataAbort (SCR_EL3.EA, HCR_EL2.TEA),
 * AArch64.TranslateAddressS1Off (Address size fault, level 0),
 * IllegalExceptionReturn, and the routing/masking tables of D1.4.6. ESR_ELx:
 * EC [31:26], IL [25], ISS [24:0]. Nothing expected is computed by el2sim.
 *
 * A row that fails prints its family, index and description, and every
 * field that differs; each test fails at its end if any row failed.
 */
#include "harness.h"

#include <stdio.h>

#include "irq.h"

/* Instruction words (aarch64-linux-gnu-as + objdump). */
#define SVC  0xd4024681u /* svc #0x1234 */
#define HVC  0xd41579a2u /* hvc #0xabcd */
#define SMC  0xd40eeee3u /* smc #0x7777 */
#define BRK  0xd4286420u /* brk #0x4321 */
#define UDF  0x00005a5au /* udf #0x5a5a */
#define BR   0xd61f0020u /* br x1 */
#define ERET 0xd69f03e0u /* eret */
#define LDSP 0xf94003e0u /* ldr x0, [sp] */
#define LDX1 0xf9400020u /* ldr x0, [x1] */
#define STX1 0xf9000020u /* str x0, [x1] */
#define NOP  0xd503201fu /* nop */

#define HCR_FMO   (1ull << 3)
#define HCR_IMO   (1ull << 4)
#define HCR_AMO   (1ull << 5)
#define HCR_VF    (1ull << 6)
#define HCR_VI    (1ull << 7)
#define HCR_VSE   (1ull << 8)
#define HCR_TSC   (1ull << 19)
#define HCR_TGE   (1ull << 27)
#define HCR_HCD   (1ull << 29)
#define HCR_RW    (1ull << 31)
#define HCR_TEA   (1ull << 37)
#define SCR_NS    (1ull << 0)
#define SCR_IRQ   (1ull << 1)
#define SCR_FIQ   (1ull << 2)
#define SCR_EA    (1ull << 3)
#define SCR_SMD   (1ull << 7)
#define SCR_HCE   (1ull << 8)
#define SCR_RW    (1ull << 10)
#define SCR_RES1  (3ull << 4)
#define SCTLR_SA  (1ull << 3)
#define SCTLR_SA0 (1ull << 4)

/* Addresses: C0 the instruction, C4 the next one; no RAM at NORAM; BIGVA >= 2^40 (PARange). */
#define C0     TH_CODE
#define C4     (TH_CODE + 4)
#define MISPC  (TH_CODE + 0x102)
#define NORAM  0x10000000ull
#define BIGVA  0x10000000000ull
#define MISDAT (TH_DATA + 4)
#define MISSP  (TH_DATA + 8)
#define ILLPC  (TH_CODE + 0x100)

/* Preset into every ESR/FAR/ELR/SPSR_ELx: what nobody should write stays so. */
#define ESR_SENT  0x5e47ull
#define FAR_SENT  0xfa2fa2fa2f00ull
#define ELR_SENT  0xe12e12e12e00ull
#define SPSR_SENT 0x5b5b0000ull
#define UNCH      ESR_SENT /* ESR column for IRQ/FIQ: ESR_ELx not written */
#define NOFAR     FAR_SENT /* FAR column where the class defines no FAR */

/*
 * Source states for the synchronous tables: SPSR layout, M[3:0] = EL:SPSel,
 * with a different NZCV and DAIF in each so SPSR_ELx is checked in full.
 */
#define EL0T 0x60000000ull /* EL0t, Z C */
#define EL1T 0x900000c4ull /* EL1t, N V, I F */
#define EL1H 0xa0000305ull /* EL1h, N C, D A */
#define EL2T 0x50000148ull /* EL2t, Z V, A F */
#define EL2H 0x30000289ull /* EL2h, C V, D I */
#define EL3T 0xf00003ccull /* EL3t, N Z C V, D A I F */
#define EL3H 0x1000000dull /* EL3h, V */

/* Syndromes (EC << 26 | IL << 25 | ISS). */
#define UND      0x02000000ull /* EC 0x00 Unknown */
#define ESR_SVC  0x56001234ull /* EC 0x15, imm16 */
#define ESR_HVC  0x5a00abcdull /* EC 0x16, imm16 */
#define ESR_SMC  0x5e007777ull /* EC 0x17, imm16 */
#define ESR_BRK  0xf2004321ull /* EC 0x3C, comment */
#define ESR_ILL  0x3a000000ull /* EC 0x0E */
#define ESR_PCA  0x8a000000ull /* EC 0x22 */
#define ESR_SPA  0x9a000000ull /* EC 0x26 */
#define IA_LOW   0x82000010ull /* EC 0x20, IFSC 0b010000 sync external abort */
#define IA_CUR   0x86000010ull /* EC 0x21, IFSC 0b010000 */
#define IA_LOWAS 0x82000000ull /* EC 0x20, IFSC 0b000000 address size, level 0 */
#define IA_CURAS 0x86000000ull /* EC 0x21, IFSC 0b000000 */
#define DA_LOW   0x92000010ull /* EC 0x24, DFSC 0b010000 */
#define DA_CUR   0x96000010ull /* EC 0x25, DFSC 0b010000 */
#define DW_LOW   0x92000050ull /* EC 0x24, WnR, DFSC 0b010000 */
#define DW_CUR   0x96000050ull /* EC 0x25, WnR, DFSC 0b010000 */
#define AL_LOW   0x92000021ull /* EC 0x24, DFSC 0b100001 alignment */
#define AL_CUR   0x96000021ull /* EC 0x25, DFSC 0b100001 */
#define AW_LOW   0x92000061ull /* EC 0x24, WnR, DFSC 0b100001 */
#define AW_CUR   0x96000061ull /* EC 0x25, WnR, DFSC 0b100001 */
#define AS_LOW   0x92000000ull /* EC 0x24, DFSC 0b000000 address size, level 0 */
#define AS_CUR   0x96000000ull /* EC 0x25, DFSC 0b000000 */
/* EC 0x2F, IL; physical: IDS 0, AET 0b000 (UC), DFSC 0b010001 async SError (FEAT_RAS) */
#define ESR_SERR 0xbe000011ull
/* EC 0x2F, IL, ISS = VSESR_EL2.{IDS,ISS} (AArch64.TakeVirtualSErrorException) */
#define VSESR    0x1123456ull
#define ESR_VSE  0xbf123456ull

/* ---- configurations ---- */

enum cfg_id {
	H1,         /* EL1 only */
	H2,         /* EL2, TGE 0 */
	H2G,        /* EL2, TGE 1 */
	H3,         /* EL3, NS 1, TGE 0 */
	H3G,        /* EL3, NS 1, TGE 1 */
	H3S,        /* EL3, NS 0 (Secure: EL2 disabled) */
	H3SG,       /* EL3, NS 0, TGE 1 (ignored: EL2 disabled) */
	H2_HCD,     /* EL2, HCR_EL2.HCD */
	H2_TSC,     /* EL2, HCR_EL2.TSC */
	H2_TEA,     /* EL2, HCR_EL2.TEA */
	H3_NOHCE,   /* EL3, NS 1, SCR_EL3.HCE 0 */
	H3_TSC,     /* EL3, NS 1, HCR_EL2.TSC */
	H3_SMD,     /* EL3, NS 1, SCR_EL3.SMD */
	H3_TSC_SMD, /* EL3, NS 1, HCR_EL2.TSC and SCR_EL3.SMD */
	H3S_TSC,    /* EL3, NS 0, HCR_EL2.TSC (ignored: EL2 disabled) */
	H3_EA,      /* EL3, NS 1, SCR_EL3.EA */
	H3_TEA,     /* EL3, NS 1, HCR_EL2.TEA */
};

struct cfg {
	const char *name;
	uint8_t highest;
	uint64_t hcr; /* HCR_EL2 (highest >= 2) */
	uint64_t scr; /* SCR_EL3 (highest == 3) */
};

#define SCR_BASE (SCR_RES1 | SCR_RW | SCR_HCE)

// clang-format off
static const struct cfg cfgs[] = {
	[H1]         = {"EL1 only",                  1, 0,                0},
	[H2]         = {"EL2 TGE=0",                 2, HCR_RW,           0},
	[H2G]        = {"EL2 TGE=1",                 2, HCR_RW | HCR_TGE, 0},
	[H3]         = {"EL3 NS=1 TGE=0",            3, HCR_RW,           SCR_BASE | SCR_NS},
	[H3G]        = {"EL3 NS=1 TGE=1",            3, HCR_RW | HCR_TGE, SCR_BASE | SCR_NS},
	[H3S]        = {"EL3 NS=0",                  3, HCR_RW,           SCR_BASE},
	[H3SG]       = {"EL3 NS=0 TGE=1",            3, HCR_RW | HCR_TGE, SCR_BASE},
	[H2_HCD]     = {"EL2 HCD=1",                 2, HCR_RW | HCR_HCD, 0},
	[H2_TSC]     = {"EL2 TSC=1",                 2, HCR_RW | HCR_TSC, 0},
	[H2_TEA]     = {"EL2 TEA=1",                 2, HCR_RW | HCR_TEA, 0},
	[H3_NOHCE]   = {"EL3 NS=1 HCE=0",            3, HCR_RW,           SCR_RES1 | SCR_RW | SCR_NS},
	[H3_TSC]     = {"EL3 NS=1 TSC=1",            3, HCR_RW | HCR_TSC, SCR_BASE | SCR_NS},
	[H3_SMD]     = {"EL3 NS=1 SMD=1",            3, HCR_RW,           SCR_BASE | SCR_NS | SCR_SMD},
	[H3_TSC_SMD] = {"EL3 NS=1 TSC=1 SMD=1",      3, HCR_RW | HCR_TSC, SCR_BASE | SCR_NS | SCR_SMD},
	[H3S_TSC]    = {"EL3 NS=0 TSC=1",            3, HCR_RW | HCR_TSC, SCR_BASE},
	[H3_EA]      = {"EL3 NS=1 EA=1",             3, HCR_RW,           SCR_BASE | SCR_NS | SCR_EA},
	[H3_TEA]     = {"EL3 NS=1 TEA=1",            3, HCR_RW | HCR_TEA, SCR_BASE | SCR_NS},
};
// clang-format on

/* What one row expects after entry; to == 0: no exception is taken. */
struct expect {
	uint8_t to;
	uint16_t vec;  /* offset from VBAR_ELto */
	uint64_t elr;  /* ELR_ELto */
	uint64_t esr;  /* ESR_ELto (UNCH: not written) */
	uint64_t far;  /* FAR_ELto (NOFAR: not written) */
	uint64_t spsr; /* SPSR_ELto: PSTATE before the exception */
};

static const enum sysreg_id esr_of[4] = {SR_NONE, SR_ESR_EL1, SR_ESR_EL2, SR_ESR_EL3};
static const enum sysreg_id far_of[4] = {SR_NONE, SR_FAR_EL1, SR_FAR_EL2, SR_FAR_EL3};
static const enum sysreg_id elr_of[4] = {SR_NONE, SR_ELR_EL1, SR_ELR_EL2, SR_ELR_EL3};
static const enum sysreg_id spsr_of[4] = {SR_NONE, SR_SPSR_EL1, SR_SPSR_EL2, SR_SPSR_EL3};
static const uint64_t vbar_at[4] = {0, TH_VBAR1, TH_VBAR2, TH_VBAR3};

/* A CPU in configuration c at PSTATE spsr (plus extra HCR_EL2 bits), sentinels everywhere. */
static struct cpu *mx_cpu(enum cfg_id c, uint64_t hcr_extra, uint64_t scr_extra, uint64_t spsr)
{
	const struct cfg *cf = &cfgs[c];
	struct cpu *cpu = th_cpu_at(cf->highest, spsr);
	if (cf->highest >= 2)
		cpu->sr[SR_HCR_EL2] = cf->hcr | hcr_extra;
	if (cf->highest == 3)
		cpu->sr[SR_SCR_EL3] = cf->scr | scr_extra;
	cpu->sr[SR_VSESR_EL2] = VSESR;
	for (unsigned el = 1; el <= cf->highest; el++) {
		cpu->sr[esr_of[el]] = ESR_SENT;
		cpu->sr[far_of[el]] = FAR_SENT;
		cpu->sr[elr_of[el]] = ELR_SENT;
		cpu->sr[spsr_of[el]] = SPSR_SENT;
	}
	return cpu;
}

/* ---- checking and reporting ---- */

static unsigned mx_failed_rows;
static const char *mx_cur_row;
static bool mx_cur_failed;

static const char *mx_state_name(uint64_t spsr)
{
	static const char *const names[16] = {
	        [0x0] = "EL0t", [0x4] = "EL1t", [0x5] = "EL1h", [0x8] = "EL2t",
	        [0x9] = "EL2h", [0xc] = "EL3t", [0xd] = "EL3h"};
	const char *n = names[spsr & 0xf];
	return n ? n : "?";
}

static void mx_row_begin(const char *desc)
{
	mx_cur_row = desc;
	mx_cur_failed = false;
}

static void mx_eq(const char *what, uint64_t got, uint64_t want)
{
	if (got == want)
		return;
	if (!mx_cur_failed) {
		print_message("FAIL %s\n", mx_cur_row);
		mx_failed_rows++;
		mx_cur_failed = true;
	}
	print_message("     %-6s got %#llx, want %#llx\n", what, (unsigned long long)got,
	              (unsigned long long)want);
}

/*
 * After the step that should have taken the exception x (or, with x->to
 * == 0, should have executed the NOP at C0 with nothing taken): PC, PSTATE,
 * the target's ELR/SPSR/ESR/FAR, and every other EL's registers untouched.
 */
static void mx_check(struct cpu *cpu, int st, const struct expect *x, unsigned highest)
{
	if (x->to == 0) {
		mx_eq("status", (uint64_t)st, EXEC_NEXT);
		mx_eq("PC", cpu->pc, C4);
		mx_eq("PSTATE", cpu_pstate_get(cpu), x->spsr);
	} else {
		/* PSTATE after entry: NZCV kept, DAIF = 1111, EL = to, SPSel = 1, IL = 0. */
		uint64_t pstate = (x->spsr & 0xf0000000ull) | 0x3c0 | ((uint64_t)x->to << 2) | 1;
		mx_eq("EL", cpu->el, x->to);
		mx_eq("PC", cpu->pc, vbar_at[x->to] + x->vec);
		mx_eq("PSTATE", cpu_pstate_get(cpu), pstate);
		mx_eq("ELR", cpu->sr[elr_of[x->to]], x->elr);
		mx_eq("SPSR", cpu->sr[spsr_of[x->to]], x->spsr);
		mx_eq("ESR", cpu->sr[esr_of[x->to]], x->esr);
		mx_eq("FAR", cpu->sr[far_of[x->to]], x->far);
	}
	for (unsigned el = 1; el <= highest; el++) {
		if (el == x->to)
			continue;
		mx_eq("ESR*", cpu->sr[esr_of[el]], ESR_SENT);
		mx_eq("FAR*", cpu->sr[far_of[el]], FAR_SENT);
		mx_eq("ELR*", cpu->sr[elr_of[el]], ELR_SENT);
		mx_eq("SPSR*", cpu->sr[spsr_of[el]], SPSR_SENT);
	}
}

static void mx_describe(char *buf, size_t n, const char *family, size_t i, const char *what,
                        enum cfg_id c, uint64_t spsr)
{
	snprintf(buf, n, "%s[%zu] %s from %s (%#llx), %s", family, i, what, mx_state_name(spsr),
	         (unsigned long long)spsr, cfgs[c].name);
}

#define N_ROWS(t) (sizeof(t) / sizeof((t)[0]))

/* ---- family 1: exception-generating instructions (SVC, HVC, SMC, BRK, UDF) ---- */

struct call_row {
	uint8_t cfg;
	uint64_t from; /* PSTATE before = SPSR expected */
	uint32_t insn;
	uint8_t to;
	uint16_t vec;
	uint64_t elr, esr;
};

#define CALL(c, f, i, t, v, e, s)                                                     \
	{                                                                             \
		.cfg = c, .from = f, .insn = i, .to = t, .vec = v, .elr = e, .esr = s \
	}

/*
 * SVC: AArch64.CallSupervisor, EL1 from EL0 (EL2 with TGE), else the current
 * EL; return to the next instruction. BRK: AArch64.SoftwareBreakpoint, same
 * targets, return to the BRK. UDF: AArch64.UndefinedFault, same targets.
 * HVC: UNDEFINED at EL0, without EL2, at Secure EL1, with SCR_EL3.HCE 0 (or
 * HCR_EL2.HCD 1 without EL3); else AArch64.CallHypervisor: EL2, EL3 from EL3.
 * SMC: AArch64.CheckForSMCUndefOrTrap: UNDEFINED at EL0; HCR_EL2.TSC traps
 * EL1 to EL2 (return to the SMC) whatever SCR_EL3.SMD; UNDEFINED without EL3
 * or with SMD; else AArch64.CallSecureMonitor to EL3, return to the next.
 */
// clang-format off
static const struct call_row call_rows[] = {
	CALL(H1,   EL0T, SVC, 1, 0x400, C4, ESR_SVC),
	CALL(H1,   EL1T, SVC, 1, 0x000, C4, ESR_SVC),
	CALL(H1,   EL1H, SVC, 1, 0x200, C4, ESR_SVC),
	CALL(H2,   EL0T, SVC, 1, 0x400, C4, ESR_SVC),
	CALL(H2,   EL1T, SVC, 1, 0x000, C4, ESR_SVC),
	CALL(H2,   EL1H, SVC, 1, 0x200, C4, ESR_SVC),
	CALL(H2,   EL2T, SVC, 2, 0x000, C4, ESR_SVC),
	CALL(H2,   EL2H, SVC, 2, 0x200, C4, ESR_SVC),
	CALL(H2G,  EL0T, SVC, 2, 0x400, C4, ESR_SVC),
	CALL(H2G,  EL2T, SVC, 2, 0x000, C4, ESR_SVC),
	CALL(H2G,  EL2H, SVC, 2, 0x200, C4, ESR_SVC),
	CALL(H3,   EL0T, SVC, 1, 0x400, C4, ESR_SVC),
	CALL(H3,   EL1T, SVC, 1, 0x000, C4, ESR_SVC),
	CALL(H3,   EL1H, SVC, 1, 0x200, C4, ESR_SVC),
	CALL(H3,   EL2T, SVC, 2, 0x000, C4, ESR_SVC),
	CALL(H3,   EL2H, SVC, 2, 0x200, C4, ESR_SVC),
	CALL(H3,   EL3T, SVC, 3, 0x000, C4, ESR_SVC),
	CALL(H3,   EL3H, SVC, 3, 0x200, C4, ESR_SVC),
	CALL(H3G,  EL0T, SVC, 2, 0x400, C4, ESR_SVC),
	CALL(H3G,  EL2T, SVC, 2, 0x000, C4, ESR_SVC),
	CALL(H3G,  EL2H, SVC, 2, 0x200, C4, ESR_SVC),
	CALL(H3G,  EL3T, SVC, 3, 0x000, C4, ESR_SVC),
	CALL(H3G,  EL3H, SVC, 3, 0x200, C4, ESR_SVC),
	CALL(H3S,  EL0T, SVC, 1, 0x400, C4, ESR_SVC),
	CALL(H3S,  EL1T, SVC, 1, 0x000, C4, ESR_SVC),
	CALL(H3S,  EL1H, SVC, 1, 0x200, C4, ESR_SVC),
	CALL(H3S,  EL3T, SVC, 3, 0x000, C4, ESR_SVC),
	CALL(H3S,  EL3H, SVC, 3, 0x200, C4, ESR_SVC),
	CALL(H3SG, EL0T, SVC, 1, 0x400, C4, ESR_SVC),

	CALL(H1,   EL0T, HVC, 1, 0x400, C0, UND),
	CALL(H1,   EL1T, HVC, 1, 0x000, C0, UND),
	CALL(H1,   EL1H, HVC, 1, 0x200, C0, UND),
	CALL(H2,   EL0T, HVC, 1, 0x400, C0, UND),
	CALL(H2,   EL1T, HVC, 2, 0x400, C4, ESR_HVC),
	CALL(H2,   EL1H, HVC, 2, 0x400, C4, ESR_HVC),
	CALL(H2,   EL2T, HVC, 2, 0x000, C4, ESR_HVC),
	CALL(H2,   EL2H, HVC, 2, 0x200, C4, ESR_HVC),
	CALL(H2G,  EL0T, HVC, 2, 0x400, C0, UND),
	CALL(H2G,  EL2T, HVC, 2, 0x000, C4, ESR_HVC),
	CALL(H2G,  EL2H, HVC, 2, 0x200, C4, ESR_HVC),
	CALL(H3,   EL0T, HVC, 1, 0x400, C0, UND),
	CALL(H3,   EL1T, HVC, 2, 0x400, C4, ESR_HVC),
	CALL(H3,   EL1H, HVC, 2, 0x400, C4, ESR_HVC),
	CALL(H3,   EL2T, HVC, 2, 0x000, C4, ESR_HVC),
	CALL(H3,   EL2H, HVC, 2, 0x200, C4, ESR_HVC),
	CALL(H3,   EL3T, HVC, 3, 0x000, C4, ESR_HVC),
	CALL(H3,   EL3H, HVC, 3, 0x200, C4, ESR_HVC),
	CALL(H3G,  EL0T, HVC, 2, 0x400, C0, UND),
	CALL(H3G,  EL2T, HVC, 2, 0x000, C4, ESR_HVC),
	CALL(H3G,  EL2H, HVC, 2, 0x200, C4, ESR_HVC),
	CALL(H3G,  EL3T, HVC, 3, 0x000, C4, ESR_HVC),
	CALL(H3G,  EL3H, HVC, 3, 0x200, C4, ESR_HVC),
	CALL(H3S,  EL0T, HVC, 1, 0x400, C0, UND),
	CALL(H3S,  EL1T, HVC, 1, 0x000, C0, UND),
	CALL(H3S,  EL1H, HVC, 1, 0x200, C0, UND),
	CALL(H3S,  EL3T, HVC, 3, 0x000, C4, ESR_HVC),
	CALL(H3S,  EL3H, HVC, 3, 0x200, C4, ESR_HVC),
	CALL(H3SG, EL0T, HVC, 1, 0x400, C0, UND),
	CALL(H2_HCD,   EL1H, HVC, 1, 0x200, C0, UND),
	CALL(H2_HCD,   EL2H, HVC, 2, 0x200, C0, UND),
	CALL(H3_NOHCE, EL1H, HVC, 1, 0x200, C0, UND),
	CALL(H3_NOHCE, EL2T, HVC, 2, 0x000, C0, UND),
	CALL(H3_NOHCE, EL3H, HVC, 3, 0x200, C0, UND),

	CALL(H1,   EL0T, SMC, 1, 0x400, C0, UND),
	CALL(H1,   EL1T, SMC, 1, 0x000, C0, UND),
	CALL(H1,   EL1H, SMC, 1, 0x200, C0, UND),
	CALL(H2,   EL0T, SMC, 1, 0x400, C0, UND),
	CALL(H2,   EL1T, SMC, 1, 0x000, C0, UND),
	CALL(H2,   EL1H, SMC, 1, 0x200, C0, UND),
	CALL(H2,   EL2T, SMC, 2, 0x000, C0, UND),
	CALL(H2,   EL2H, SMC, 2, 0x200, C0, UND),
	CALL(H2G,  EL0T, SMC, 2, 0x400, C0, UND),
	CALL(H2G,  EL2T, SMC, 2, 0x000, C0, UND),
	CALL(H2G,  EL2H, SMC, 2, 0x200, C0, UND),
	CALL(H3,   EL0T, SMC, 1, 0x400, C0, UND),
	CALL(H3,   EL1T, SMC, 3, 0x400, C4, ESR_SMC),
	CALL(H3,   EL1H, SMC, 3, 0x400, C4, ESR_SMC),
	CALL(H3,   EL2T, SMC, 3, 0x400, C4, ESR_SMC),
	CALL(H3,   EL2H, SMC, 3, 0x400, C4, ESR_SMC),
	CALL(H3,   EL3T, SMC, 3, 0x000, C4, ESR_SMC),
	CALL(H3,   EL3H, SMC, 3, 0x200, C4, ESR_SMC),
	CALL(H3G,  EL0T, SMC, 2, 0x400, C0, UND),
	CALL(H3G,  EL2T, SMC, 3, 0x400, C4, ESR_SMC),
	CALL(H3G,  EL2H, SMC, 3, 0x400, C4, ESR_SMC),
	CALL(H3G,  EL3T, SMC, 3, 0x000, C4, ESR_SMC),
	CALL(H3G,  EL3H, SMC, 3, 0x200, C4, ESR_SMC),
	CALL(H3S,  EL0T, SMC, 1, 0x400, C0, UND),
	CALL(H3S,  EL1T, SMC, 3, 0x400, C4, ESR_SMC),
	CALL(H3S,  EL1H, SMC, 3, 0x400, C4, ESR_SMC),
	CALL(H3S,  EL3T, SMC, 3, 0x000, C4, ESR_SMC),
	CALL(H3S,  EL3H, SMC, 3, 0x200, C4, ESR_SMC),
	CALL(H3SG, EL0T, SMC, 1, 0x400, C0, UND),
	CALL(H3_TSC,     EL0T, SMC, 1, 0x400, C0, UND),
	CALL(H3_TSC,     EL1T, SMC, 2, 0x400, C0, ESR_SMC),
	CALL(H3_TSC,     EL1H, SMC, 2, 0x400, C0, ESR_SMC),
	CALL(H3_TSC,     EL2H, SMC, 3, 0x400, C4, ESR_SMC),
	CALL(H3_TSC_SMD, EL1H, SMC, 2, 0x400, C0, ESR_SMC),
	CALL(H3_TSC_SMD, EL2H, SMC, 2, 0x200, C0, UND),
	CALL(H3_SMD,     EL1H, SMC, 1, 0x200, C0, UND),
	CALL(H3_SMD,     EL2T, SMC, 2, 0x000, C0, UND),
	CALL(H3_SMD,     EL3H, SMC, 3, 0x200, C0, UND),
	CALL(H3S_TSC,    EL1H, SMC, 3, 0x400, C4, ESR_SMC),
	/* No EL3, HCR_EL2.NV 0: the HCR_EL2.TSC field text makes trapping IMPLEMENTATION
	 * DEFINED (trap or UNDEFINED); el2sim's documented choice is to trap. */
	CALL(H2_TSC,     EL1H, SMC, 2, 0x400, C0, ESR_SMC),

	CALL(H1,   EL0T, BRK, 1, 0x400, C0, ESR_BRK),
	CALL(H1,   EL1T, BRK, 1, 0x000, C0, ESR_BRK),
	CALL(H1,   EL1H, BRK, 1, 0x200, C0, ESR_BRK),
	CALL(H2,   EL0T, BRK, 1, 0x400, C0, ESR_BRK),
	CALL(H2,   EL1T, BRK, 1, 0x000, C0, ESR_BRK),
	CALL(H2,   EL1H, BRK, 1, 0x200, C0, ESR_BRK),
	CALL(H2,   EL2T, BRK, 2, 0x000, C0, ESR_BRK),
	CALL(H2,   EL2H, BRK, 2, 0x200, C0, ESR_BRK),
	CALL(H2G,  EL0T, BRK, 2, 0x400, C0, ESR_BRK),
	CALL(H2G,  EL2T, BRK, 2, 0x000, C0, ESR_BRK),
	CALL(H2G,  EL2H, BRK, 2, 0x200, C0, ESR_BRK),
	CALL(H3,   EL0T, BRK, 1, 0x400, C0, ESR_BRK),
	CALL(H3,   EL1T, BRK, 1, 0x000, C0, ESR_BRK),
	CALL(H3,   EL1H, BRK, 1, 0x200, C0, ESR_BRK),
	CALL(H3,   EL2T, BRK, 2, 0x000, C0, ESR_BRK),
	CALL(H3,   EL2H, BRK, 2, 0x200, C0, ESR_BRK),
	CALL(H3,   EL3T, BRK, 3, 0x000, C0, ESR_BRK),
	CALL(H3,   EL3H, BRK, 3, 0x200, C0, ESR_BRK),
	CALL(H3G,  EL0T, BRK, 2, 0x400, C0, ESR_BRK),
	CALL(H3G,  EL2T, BRK, 2, 0x000, C0, ESR_BRK),
	CALL(H3G,  EL2H, BRK, 2, 0x200, C0, ESR_BRK),
	CALL(H3G,  EL3T, BRK, 3, 0x000, C0, ESR_BRK),
	CALL(H3G,  EL3H, BRK, 3, 0x200, C0, ESR_BRK),
	CALL(H3S,  EL0T, BRK, 1, 0x400, C0, ESR_BRK),
	CALL(H3S,  EL1T, BRK, 1, 0x000, C0, ESR_BRK),
	CALL(H3S,  EL1H, BRK, 1, 0x200, C0, ESR_BRK),
	CALL(H3S,  EL3T, BRK, 3, 0x000, C0, ESR_BRK),
	CALL(H3S,  EL3H, BRK, 3, 0x200, C0, ESR_BRK),
	CALL(H3SG, EL0T, BRK, 1, 0x400, C0, ESR_BRK),

	CALL(H1,   EL0T, UDF, 1, 0x400, C0, UND),
	CALL(H1,   EL1T, UDF, 1, 0x000, C0, UND),
	CALL(H1,   EL1H, UDF, 1, 0x200, C0, UND),
	CALL(H2,   EL0T, UDF, 1, 0x400, C0, UND),
	CALL(H2,   EL1T, UDF, 1, 0x000, C0, UND),
	CALL(H2,   EL1H, UDF, 1, 0x200, C0, UND),
	CALL(H2,   EL2T, UDF, 2, 0x000, C0, UND),
	CALL(H2,   EL2H, UDF, 2, 0x200, C0, UND),
	CALL(H2G,  EL0T, UDF, 2, 0x400, C0, UND),
	CALL(H2G,  EL2T, UDF, 2, 0x000, C0, UND),
	CALL(H2G,  EL2H, UDF, 2, 0x200, C0, UND),
	CALL(H3,   EL0T, UDF, 1, 0x400, C0, UND),
	CALL(H3,   EL1T, UDF, 1, 0x000, C0, UND),
	CALL(H3,   EL1H, UDF, 1, 0x200, C0, UND),
	CALL(H3,   EL2T, UDF, 2, 0x000, C0, UND),
	CALL(H3,   EL2H, UDF, 2, 0x200, C0, UND),
	CALL(H3,   EL3T, UDF, 3, 0x000, C0, UND),
	CALL(H3,   EL3H, UDF, 3, 0x200, C0, UND),
	CALL(H3G,  EL0T, UDF, 2, 0x400, C0, UND),
	CALL(H3G,  EL2T, UDF, 2, 0x000, C0, UND),
	CALL(H3G,  EL2H, UDF, 2, 0x200, C0, UND),
	CALL(H3G,  EL3T, UDF, 3, 0x000, C0, UND),
	CALL(H3G,  EL3H, UDF, 3, 0x200, C0, UND),
	CALL(H3S,  EL0T, UDF, 1, 0x400, C0, UND),
	CALL(H3S,  EL1T, UDF, 1, 0x000, C0, UND),
	CALL(H3S,  EL1H, UDF, 1, 0x200, C0, UND),
	CALL(H3S,  EL3T, UDF, 3, 0x000, C0, UND),
	CALL(H3S,  EL3H, UDF, 3, 0x200, C0, UND),
	CALL(H3SG, EL0T, UDF, 1, 0x400, C0, UND),
};
// clang-format on

static const char *mx_insn_name(uint32_t insn)
{
	switch (insn) {
	case SVC: return "SVC #0x1234";
	case HVC: return "HVC #0xabcd";
	case SMC: return "SMC #0x7777";
	case BRK: return "BRK #0x4321";
	default: return "UDF #0x5a5a";
	}
}

static void test_calls(void **state)
{
	(void)state;
	mx_failed_rows = 0;
	for (size_t i = 0; i < N_ROWS(call_rows); i++) {
		const struct call_row *r = &call_rows[i];
		char desc[160];
		mx_describe(desc, sizeof(desc), "calls", i, mx_insn_name(r->insn), r->cfg, r->from);
		mx_row_begin(desc);
		struct cpu *cpu = mx_cpu(r->cfg, 0, 0, r->from);
		int st = th_exec(cpu, r->insn);
		struct expect x = {r->to, r->vec, r->elr, r->esr, NOFAR, r->from};
		mx_check(cpu, st, &x, cfgs[r->cfg].highest);
		th_free(cpu);
	}
	print_message("calls: %zu rows, %u failed\n", N_ROWS(call_rows), mx_failed_rows);
	assert_int_equal(mx_failed_rows, 0);
}

/* ---- family 2: fetch (PC alignment, Instruction Abort, Illegal Execution state) ---- */

enum fetch_kind { F_PCA, F_IABT, F_IASZ, F_ILL };

struct fetch_row {
	uint8_t cfg;
	uint8_t kind;
	uint64_t start; /* PSTATE where BR x1 or ERET executes */
	uint64_t ret;   /* F_ILL: SPSR_ELx the ERET restores from */
	uint8_t to;
	uint16_t vec;
	uint64_t elr, esr, far;
	uint64_t spsr; /* PSTATE before the faulting step */
};

/* BR x1 to target, then one step that faults on fetch; PSTATE unchanged by the branch. */
#define PCA(c, f, t, v)                                                               \
	{                                                                             \
		.cfg = c, .kind = F_PCA, .start = f, .to = t, .vec = v, .elr = MISPC, \
		.esr = ESR_PCA, .far = MISPC, .spsr = f                               \
	}
#define IABT(c, f, t, v, s)                                                                      \
	{                                                                                        \
		.cfg = c, .kind = F_IABT, .start = f, .to = t, .vec = v, .elr = NORAM, .esr = s, \
		.far = NORAM, .spsr = f                                                          \
	}
#define IASZ(c, f, t, v, s)                                                                      \
	{                                                                                        \
		.cfg = c, .kind = F_IASZ, .start = f, .to = t, .vec = v, .elr = BIGVA, .esr = s, \
		.far = BIGVA, .spsr = f                                                          \
	}
/* ERET from start with SPSR ret (ELR = ILLPC), then one step: EC 0x0E. p: PSTATE after the ERET. */
#define ILL(c, st, r, t, v, p)                                                                   \
	{                                                                                        \
		.cfg = c, .kind = F_ILL, .start = st, .ret = r, .to = t, .vec = v, .elr = ILLPC, \
		.esr = ESR_ILL, .far = NOFAR, .spsr = p                                          \
	}

/*
 * PC alignment and Instruction Abort: EL1 from EL0 (EL2 with TGE), else the
 * current EL; ELR = FAR = the PC. A synchronous External abort goes to EL3
 * with SCR_EL3.EA, to EL2 from EL0/EL1 with HCR_EL2.TEA (FEAT_RAS is
 * implemented: ID_AA64PFR0_EL1.RAS = 1). An Address size fault (VA beyond
 * the 40-bit PA range with stage 1 off) is not an External abort.
 *
 * Illegal Execution state: an illegal ERET keeps EL and SPSel, restores NZCV
 * and DAIF from SPSR and sets PSTATE.IL; the EL0 rows use a legal ERET with
 * SPSR.IL = 1, which sets PSTATE.IL too. Reasons for illegal: higher EL,
 * unimplemented EL, M[1] set, EL0 with M[0] set, AArch32, EL1 with TGE,
 * EL2 in Secure state (no Secure EL2).
 */
// clang-format off
static const struct fetch_row fetch_rows[] = {
	PCA(H1,   EL0T, 1, 0x400),
	PCA(H1,   EL1T, 1, 0x000),
	PCA(H1,   EL1H, 1, 0x200),
	PCA(H2,   EL0T, 1, 0x400),
	PCA(H2,   EL1T, 1, 0x000),
	PCA(H2,   EL1H, 1, 0x200),
	PCA(H2,   EL2T, 2, 0x000),
	PCA(H2,   EL2H, 2, 0x200),
	PCA(H2G,  EL0T, 2, 0x400),
	PCA(H2G,  EL2T, 2, 0x000),
	PCA(H2G,  EL2H, 2, 0x200),
	PCA(H3,   EL0T, 1, 0x400),
	PCA(H3,   EL1T, 1, 0x000),
	PCA(H3,   EL1H, 1, 0x200),
	PCA(H3,   EL2T, 2, 0x000),
	PCA(H3,   EL2H, 2, 0x200),
	PCA(H3,   EL3T, 3, 0x000),
	PCA(H3,   EL3H, 3, 0x200),
	PCA(H3G,  EL0T, 2, 0x400),
	PCA(H3G,  EL2T, 2, 0x000),
	PCA(H3G,  EL2H, 2, 0x200),
	PCA(H3G,  EL3T, 3, 0x000),
	PCA(H3G,  EL3H, 3, 0x200),
	PCA(H3S,  EL0T, 1, 0x400),
	PCA(H3S,  EL1T, 1, 0x000),
	PCA(H3S,  EL1H, 1, 0x200),
	PCA(H3S,  EL3T, 3, 0x000),
	PCA(H3S,  EL3H, 3, 0x200),
	PCA(H3SG, EL0T, 1, 0x400),

	IABT(H1,   EL0T, 1, 0x400, IA_LOW),
	IABT(H1,   EL1T, 1, 0x000, IA_CUR),
	IABT(H1,   EL1H, 1, 0x200, IA_CUR),
	IABT(H2,   EL0T, 1, 0x400, IA_LOW),
	IABT(H2,   EL1T, 1, 0x000, IA_CUR),
	IABT(H2,   EL1H, 1, 0x200, IA_CUR),
	IABT(H2,   EL2T, 2, 0x000, IA_CUR),
	IABT(H2,   EL2H, 2, 0x200, IA_CUR),
	IABT(H2G,  EL0T, 2, 0x400, IA_LOW),
	IABT(H2G,  EL2T, 2, 0x000, IA_CUR),
	IABT(H2G,  EL2H, 2, 0x200, IA_CUR),
	IABT(H3,   EL0T, 1, 0x400, IA_LOW),
	IABT(H3,   EL1T, 1, 0x000, IA_CUR),
	IABT(H3,   EL1H, 1, 0x200, IA_CUR),
	IABT(H3,   EL2T, 2, 0x000, IA_CUR),
	IABT(H3,   EL2H, 2, 0x200, IA_CUR),
	IABT(H3,   EL3T, 3, 0x000, IA_CUR),
	IABT(H3,   EL3H, 3, 0x200, IA_CUR),
	IABT(H3G,  EL0T, 2, 0x400, IA_LOW),
	IABT(H3G,  EL2T, 2, 0x000, IA_CUR),
	IABT(H3G,  EL2H, 2, 0x200, IA_CUR),
	IABT(H3G,  EL3T, 3, 0x000, IA_CUR),
	IABT(H3G,  EL3H, 3, 0x200, IA_CUR),
	IABT(H3S,  EL0T, 1, 0x400, IA_LOW),
	IABT(H3S,  EL1T, 1, 0x000, IA_CUR),
	IABT(H3S,  EL1H, 1, 0x200, IA_CUR),
	IABT(H3S,  EL3T, 3, 0x000, IA_CUR),
	IABT(H3S,  EL3H, 3, 0x200, IA_CUR),
	IABT(H3SG, EL0T, 1, 0x400, IA_LOW),
	/* SCR_EL3.EA and HCR_EL2.TEA route synchronous External aborts (AArch64.InstructionAbort/DataAbort). */
	IABT(H3_EA,  EL0T, 3, 0x400, IA_LOW),
	IABT(H3_EA,  EL1H, 3, 0x400, IA_LOW),
	IABT(H3_EA,  EL2T, 3, 0x400, IA_LOW),
	IABT(H3_EA,  EL3H, 3, 0x200, IA_CUR),
	IABT(H3_TEA, EL0T, 2, 0x400, IA_LOW),
	IABT(H3_TEA, EL1T, 2, 0x400, IA_LOW),
	IABT(H3_TEA, EL2H, 2, 0x200, IA_CUR),
	IABT(H2_TEA, EL1H, 2, 0x400, IA_LOW),

	/* Stage 1 off, VA beyond the PA range: Address size fault, level 0 (AArch64.TranslateAddressS1Off). */
	IASZ(H1,    EL0T, 1, 0x400, IA_LOWAS),
	IASZ(H1,    EL1H, 1, 0x200, IA_CURAS),
	IASZ(H2G,   EL0T, 2, 0x400, IA_LOWAS),
	IASZ(H2,    EL2T, 2, 0x000, IA_CURAS),
	IASZ(H3,    EL3H, 3, 0x200, IA_CURAS),
	IASZ(H3_EA, EL1H, 1, 0x200, IA_CURAS),

	/*  cfg   start        ERET's SPSR  to  vec    PSTATE before the step */
	ILL(H1,   0x000003c5, 0x60100000, 1, 0x400, 0x60100000), /* legal, to EL0t with IL */
	ILL(H1,   0x000003c4, 0x800003c9, 1, 0x000, 0x801003c4), /* EL2h: not implemented */
	ILL(H1,   0x000003c5, 0x40000010, 1, 0x200, 0x40100005), /* AArch32 */
	ILL(H2,   0x000003c5, 0x60100000, 1, 0x400, 0x60100000), /* legal, to EL0t with IL */
	ILL(H2,   0x000003c4, 0x200003c9, 1, 0x000, 0x201003c4), /* EL2h: higher */
	ILL(H2,   0x000003c5, 0x90000146, 1, 0x200, 0x90100145), /* M[1] set */
	ILL(H2,   0x000003c8, 0x50000001, 2, 0x000, 0x50100008), /* EL0 with M[0] set */
	ILL(H2,   0x000003c9, 0xa000028d, 2, 0x200, 0xa0100289), /* EL3h: not implemented */
	ILL(H2G,  0x000003c9, 0x60100000, 2, 0x400, 0x60100000), /* legal, to EL0t with IL */
	ILL(H2G,  0x000003c8, 0x10000005, 2, 0x000, 0x10100008), /* EL1h with TGE */
	ILL(H2G,  0x000003c9, 0xc0000384, 2, 0x200, 0xc0100389), /* EL1t with TGE */
	ILL(H3,   0x000003c5, 0x60100000, 1, 0x400, 0x60100000), /* legal, to EL0t with IL */
	ILL(H3,   0x000003c4, 0x7000000d, 1, 0x000, 0x70100004), /* EL3h: higher */
	ILL(H3,   0x000003c5, 0x30000009, 1, 0x200, 0x30100005), /* EL2h: higher */
	ILL(H3,   0x000003c8, 0x0000030c, 2, 0x000, 0x00100308), /* EL3t: higher */
	ILL(H3,   0x000003c9, 0xf0000017, 2, 0x200, 0xf0100009), /* AArch32 */
	ILL(H3,   0x000003cc, 0x8000000e, 3, 0x000, 0x8010000c), /* M[1] set */
	ILL(H3,   0x000003cd, 0x400001c1, 3, 0x200, 0x401001cd), /* EL0 with M[0] set */
	ILL(H3G,  0x000003c9, 0x60100000, 2, 0x400, 0x60100000), /* legal, to EL0t with IL */
	ILL(H3G,  0x000003c8, 0x20000004, 2, 0x000, 0x20100008), /* EL1t with TGE */
	ILL(H3G,  0x000003c9, 0x9000000d, 2, 0x200, 0x90100009), /* EL3h: higher */
	ILL(H3G,  0x000003cc, 0x50000003, 3, 0x000, 0x5010000c), /* M[1] set */
	ILL(H3G,  0x000003cd, 0xb0000005, 3, 0x200, 0xb010000d), /* EL1h with TGE, from EL3 */
	ILL(H3S,  0x000003c5, 0x60100000, 1, 0x400, 0x60100000), /* legal, to EL0t with IL */
	ILL(H3S,  0x000003c4, 0x10000008, 1, 0x000, 0x10100004), /* EL2t: higher */
	ILL(H3S,  0x000003c5, 0x00000010, 1, 0x200, 0x00100005), /* AArch32 */
	ILL(H3S,  0x000003cc, 0xe0000009, 3, 0x000, 0xe010000c), /* EL2h in Secure state */
	ILL(H3S,  0x000003cd, 0x20000348, 3, 0x200, 0x2010034d), /* EL2t in Secure state */
	ILL(H3SG, 0x000003c5, 0x60100000, 1, 0x400, 0x60100000), /* legal (TGE ignored) */
};
// clang-format on

static const char *const fetch_names[] = {[F_PCA] = "PC alignment",
                                          [F_IABT] = "insn abort (no RAM)",
                                          [F_IASZ] = "insn abort (VA >= 2^40)",
                                          [F_ILL] = "illegal state"};

static void test_fetch(void **state)
{
	(void)state;
	static const uint64_t target[] = {[F_PCA] = MISPC, [F_IABT] = NORAM, [F_IASZ] = BIGVA};
	mx_failed_rows = 0;
	for (size_t i = 0; i < N_ROWS(fetch_rows); i++) {
		const struct fetch_row *r = &fetch_rows[i];
		char desc[160];
		mx_describe(desc, sizeof(desc), "fetch", i, fetch_names[r->kind], r->cfg, r->spsr);
		mx_row_begin(desc);
		struct cpu *cpu = mx_cpu(r->cfg, 0, 0, r->start);
		if (r->kind == F_ILL) {
			cpu->sr[spsr_of[cpu->el]] = r->ret;
			cpu->sr[elr_of[cpu->el]] = ILLPC;
			mx_eq("ERET", (uint64_t)th_exec(cpu, ERET), EXEC_JUMP);
		} else {
			cpu->x[1] = target[r->kind];
			mx_eq("BR", (uint64_t)th_exec(cpu, BR), EXEC_BRANCH);
		}
		mx_eq("before", cpu_pstate_get(cpu), r->spsr);
		int st = cpu_step(cpu);
		struct expect x = {r->to, r->vec, r->elr, r->esr, r->far, r->spsr};
		mx_check(cpu, st, &x, cfgs[r->cfg].highest);
		th_free(cpu);
	}
	print_message("fetch: %zu rows, %u failed\n", N_ROWS(fetch_rows), mx_failed_rows);
	assert_int_equal(mx_failed_rows, 0);
}

/* ---- family 3: data access (SP alignment, Data Abort, Alignment fault) ---- */

enum data_kind { D_SPA, D_LD, D_ST, D_ALD, D_AST, D_ASZ };

struct data_row {
	uint8_t cfg;
	uint8_t kind;
	uint64_t from;
	uint8_t to;
	uint16_t vec;
	uint64_t esr, far;
};

#define DATA(c, k, f, t, v, s, fa)                                                     \
	{                                                                              \
		.cfg = c, .kind = k, .from = f, .to = t, .vec = v, .esr = s, .far = fa \
	}

/*
 * All: EL1 from EL0 (EL2 with TGE), else the current EL; ELR = the
 * instruction. SP alignment (SCTLR_EL1.SA0 at EL0, SCTLR_ELx.SA above, all
 * set): EC 0x26, no FAR. A load/store where nothing answers is a
 * synchronous External abort (DFSC 0b010000, ISV 0, WnR for stores; SCR_EL3.EA
 * and HCR_EL2.TEA route it); misaligned, with stage 1 off (Device memory),
 * an Alignment fault (DFSC 0b100001); beyond the PA range an Address size
 * fault at level 0 (DFSC 0b000000). FAR = the address.
 */
// clang-format off
static const struct data_row data_rows[] = {
	DATA(H1,   D_SPA, EL0T, 1, 0x400, ESR_SPA, NOFAR),
	DATA(H1,   D_SPA, EL1T, 1, 0x000, ESR_SPA, NOFAR),
	DATA(H1,   D_SPA, EL1H, 1, 0x200, ESR_SPA, NOFAR),
	DATA(H2,   D_SPA, EL0T, 1, 0x400, ESR_SPA, NOFAR),
	DATA(H2,   D_SPA, EL1T, 1, 0x000, ESR_SPA, NOFAR),
	DATA(H2,   D_SPA, EL1H, 1, 0x200, ESR_SPA, NOFAR),
	DATA(H2,   D_SPA, EL2T, 2, 0x000, ESR_SPA, NOFAR),
	DATA(H2,   D_SPA, EL2H, 2, 0x200, ESR_SPA, NOFAR),
	DATA(H2G,  D_SPA, EL0T, 2, 0x400, ESR_SPA, NOFAR),
	DATA(H2G,  D_SPA, EL2T, 2, 0x000, ESR_SPA, NOFAR),
	DATA(H2G,  D_SPA, EL2H, 2, 0x200, ESR_SPA, NOFAR),
	DATA(H3,   D_SPA, EL0T, 1, 0x400, ESR_SPA, NOFAR),
	DATA(H3,   D_SPA, EL1T, 1, 0x000, ESR_SPA, NOFAR),
	DATA(H3,   D_SPA, EL1H, 1, 0x200, ESR_SPA, NOFAR),
	DATA(H3,   D_SPA, EL2T, 2, 0x000, ESR_SPA, NOFAR),
	DATA(H3,   D_SPA, EL2H, 2, 0x200, ESR_SPA, NOFAR),
	DATA(H3,   D_SPA, EL3T, 3, 0x000, ESR_SPA, NOFAR),
	DATA(H3,   D_SPA, EL3H, 3, 0x200, ESR_SPA, NOFAR),
	DATA(H3G,  D_SPA, EL0T, 2, 0x400, ESR_SPA, NOFAR),
	DATA(H3G,  D_SPA, EL2T, 2, 0x000, ESR_SPA, NOFAR),
	DATA(H3G,  D_SPA, EL2H, 2, 0x200, ESR_SPA, NOFAR),
	DATA(H3G,  D_SPA, EL3T, 3, 0x000, ESR_SPA, NOFAR),
	DATA(H3G,  D_SPA, EL3H, 3, 0x200, ESR_SPA, NOFAR),
	DATA(H3S,  D_SPA, EL0T, 1, 0x400, ESR_SPA, NOFAR),
	DATA(H3S,  D_SPA, EL1T, 1, 0x000, ESR_SPA, NOFAR),
	DATA(H3S,  D_SPA, EL1H, 1, 0x200, ESR_SPA, NOFAR),
	DATA(H3S,  D_SPA, EL3T, 3, 0x000, ESR_SPA, NOFAR),
	DATA(H3S,  D_SPA, EL3H, 3, 0x200, ESR_SPA, NOFAR),
	DATA(H3SG, D_SPA, EL0T, 1, 0x400, ESR_SPA, NOFAR),

	DATA(H1,   D_LD, EL0T, 1, 0x400, DA_LOW, NORAM),
	DATA(H1,   D_LD, EL1T, 1, 0x000, DA_CUR, NORAM),
	DATA(H1,   D_LD, EL1H, 1, 0x200, DA_CUR, NORAM),
	DATA(H2,   D_LD, EL0T, 1, 0x400, DA_LOW, NORAM),
	DATA(H2,   D_LD, EL1T, 1, 0x000, DA_CUR, NORAM),
	DATA(H2,   D_LD, EL1H, 1, 0x200, DA_CUR, NORAM),
	DATA(H2,   D_LD, EL2T, 2, 0x000, DA_CUR, NORAM),
	DATA(H2,   D_LD, EL2H, 2, 0x200, DA_CUR, NORAM),
	DATA(H2G,  D_LD, EL0T, 2, 0x400, DA_LOW, NORAM),
	DATA(H2G,  D_LD, EL2T, 2, 0x000, DA_CUR, NORAM),
	DATA(H2G,  D_LD, EL2H, 2, 0x200, DA_CUR, NORAM),
	DATA(H3,   D_LD, EL0T, 1, 0x400, DA_LOW, NORAM),
	DATA(H3,   D_LD, EL1T, 1, 0x000, DA_CUR, NORAM),
	DATA(H3,   D_LD, EL1H, 1, 0x200, DA_CUR, NORAM),
	DATA(H3,   D_LD, EL2T, 2, 0x000, DA_CUR, NORAM),
	DATA(H3,   D_LD, EL2H, 2, 0x200, DA_CUR, NORAM),
	DATA(H3,   D_LD, EL3T, 3, 0x000, DA_CUR, NORAM),
	DATA(H3,   D_LD, EL3H, 3, 0x200, DA_CUR, NORAM),
	DATA(H3G,  D_LD, EL0T, 2, 0x400, DA_LOW, NORAM),
	DATA(H3G,  D_LD, EL2T, 2, 0x000, DA_CUR, NORAM),
	DATA(H3G,  D_LD, EL2H, 2, 0x200, DA_CUR, NORAM),
	DATA(H3G,  D_LD, EL3T, 3, 0x000, DA_CUR, NORAM),
	DATA(H3G,  D_LD, EL3H, 3, 0x200, DA_CUR, NORAM),
	DATA(H3S,  D_LD, EL0T, 1, 0x400, DA_LOW, NORAM),
	DATA(H3S,  D_LD, EL1T, 1, 0x000, DA_CUR, NORAM),
	DATA(H3S,  D_LD, EL1H, 1, 0x200, DA_CUR, NORAM),
	DATA(H3S,  D_LD, EL3T, 3, 0x000, DA_CUR, NORAM),
	DATA(H3S,  D_LD, EL3H, 3, 0x200, DA_CUR, NORAM),
	DATA(H3SG, D_LD, EL0T, 1, 0x400, DA_LOW, NORAM),
	/* SCR_EL3.EA and HCR_EL2.TEA route synchronous External aborts (AArch64.InstructionAbort/DataAbort). */
	DATA(H3_EA,  D_LD, EL0T, 3, 0x400, DA_LOW, NORAM),
	DATA(H3_EA,  D_LD, EL1H, 3, 0x400, DA_LOW, NORAM),
	DATA(H3_EA,  D_LD, EL2H, 3, 0x400, DA_LOW, NORAM),
	DATA(H3_EA,  D_LD, EL3T, 3, 0x000, DA_CUR, NORAM),
	DATA(H3_TEA, D_LD, EL0T, 2, 0x400, DA_LOW, NORAM),
	DATA(H3_TEA, D_LD, EL1H, 2, 0x400, DA_LOW, NORAM),
	DATA(H3_TEA, D_LD, EL2T, 2, 0x000, DA_CUR, NORAM),
	DATA(H2_TEA, D_LD, EL1T, 2, 0x400, DA_LOW, NORAM),

	DATA(H1,   D_ST, EL0T, 1, 0x400, DW_LOW, NORAM),
	DATA(H1,   D_ST, EL1T, 1, 0x000, DW_CUR, NORAM),
	DATA(H2,   D_ST, EL1H, 1, 0x200, DW_CUR, NORAM),
	DATA(H2,   D_ST, EL2T, 2, 0x000, DW_CUR, NORAM),
	DATA(H2G,  D_ST, EL0T, 2, 0x400, DW_LOW, NORAM),
	DATA(H2G,  D_ST, EL2H, 2, 0x200, DW_CUR, NORAM),
	DATA(H3,   D_ST, EL3T, 3, 0x000, DW_CUR, NORAM),
	DATA(H3,   D_ST, EL3H, 3, 0x200, DW_CUR, NORAM),
	DATA(H3G,  D_ST, EL0T, 2, 0x400, DW_LOW, NORAM),
	DATA(H3S,  D_ST, EL1H, 1, 0x200, DW_CUR, NORAM),
	DATA(H3S,  D_ST, EL3H, 3, 0x200, DW_CUR, NORAM),
	/* SCR_EL3.EA, as above. */
	DATA(H3_EA, D_ST, EL1T, 3, 0x400, DW_LOW, NORAM),

	DATA(H1,   D_ALD, EL0T, 1, 0x400, AL_LOW, MISDAT),
	DATA(H1,   D_ALD, EL1T, 1, 0x000, AL_CUR, MISDAT),
	DATA(H1,   D_ALD, EL1H, 1, 0x200, AL_CUR, MISDAT),
	DATA(H2,   D_ALD, EL0T, 1, 0x400, AL_LOW, MISDAT),
	DATA(H2,   D_ALD, EL1T, 1, 0x000, AL_CUR, MISDAT),
	DATA(H2,   D_ALD, EL1H, 1, 0x200, AL_CUR, MISDAT),
	DATA(H2,   D_ALD, EL2T, 2, 0x000, AL_CUR, MISDAT),
	DATA(H2,   D_ALD, EL2H, 2, 0x200, AL_CUR, MISDAT),
	DATA(H2G,  D_ALD, EL0T, 2, 0x400, AL_LOW, MISDAT),
	DATA(H2G,  D_ALD, EL2T, 2, 0x000, AL_CUR, MISDAT),
	DATA(H2G,  D_ALD, EL2H, 2, 0x200, AL_CUR, MISDAT),
	DATA(H3,   D_ALD, EL0T, 1, 0x400, AL_LOW, MISDAT),
	DATA(H3,   D_ALD, EL1T, 1, 0x000, AL_CUR, MISDAT),
	DATA(H3,   D_ALD, EL1H, 1, 0x200, AL_CUR, MISDAT),
	DATA(H3,   D_ALD, EL2T, 2, 0x000, AL_CUR, MISDAT),
	DATA(H3,   D_ALD, EL2H, 2, 0x200, AL_CUR, MISDAT),
	DATA(H3,   D_ALD, EL3T, 3, 0x000, AL_CUR, MISDAT),
	DATA(H3,   D_ALD, EL3H, 3, 0x200, AL_CUR, MISDAT),
	DATA(H3G,  D_ALD, EL0T, 2, 0x400, AL_LOW, MISDAT),
	DATA(H3G,  D_ALD, EL2T, 2, 0x000, AL_CUR, MISDAT),
	DATA(H3G,  D_ALD, EL2H, 2, 0x200, AL_CUR, MISDAT),
	DATA(H3G,  D_ALD, EL3T, 3, 0x000, AL_CUR, MISDAT),
	DATA(H3G,  D_ALD, EL3H, 3, 0x200, AL_CUR, MISDAT),
	DATA(H3S,  D_ALD, EL0T, 1, 0x400, AL_LOW, MISDAT),
	DATA(H3S,  D_ALD, EL1T, 1, 0x000, AL_CUR, MISDAT),
	DATA(H3S,  D_ALD, EL1H, 1, 0x200, AL_CUR, MISDAT),
	DATA(H3S,  D_ALD, EL3T, 3, 0x000, AL_CUR, MISDAT),
	DATA(H3S,  D_ALD, EL3H, 3, 0x200, AL_CUR, MISDAT),
	DATA(H3SG, D_ALD, EL0T, 1, 0x400, AL_LOW, MISDAT),
	DATA(H3_EA, D_ALD, EL1H, 1, 0x200, AL_CUR, MISDAT),

	DATA(H1,   D_AST, EL0T, 1, 0x400, AW_LOW, MISDAT),
	DATA(H1,   D_AST, EL1H, 1, 0x200, AW_CUR, MISDAT),
	DATA(H2,   D_AST, EL1T, 1, 0x000, AW_CUR, MISDAT),
	DATA(H2,   D_AST, EL2H, 2, 0x200, AW_CUR, MISDAT),
	DATA(H2G,  D_AST, EL0T, 2, 0x400, AW_LOW, MISDAT),
	DATA(H2G,  D_AST, EL2T, 2, 0x000, AW_CUR, MISDAT),
	DATA(H3,   D_AST, EL0T, 1, 0x400, AW_LOW, MISDAT),
	DATA(H3,   D_AST, EL3T, 3, 0x000, AW_CUR, MISDAT),
	DATA(H3G,  D_AST, EL3H, 3, 0x200, AW_CUR, MISDAT),
	DATA(H3S,  D_AST, EL1T, 1, 0x000, AW_CUR, MISDAT),
	DATA(H3S,  D_AST, EL3T, 3, 0x000, AW_CUR, MISDAT),

	DATA(H1,    D_ASZ, EL0T, 1, 0x400, AS_LOW, BIGVA),
	DATA(H2,    D_ASZ, EL1H, 1, 0x200, AS_CUR, BIGVA),
	DATA(H2G,   D_ASZ, EL0T, 2, 0x400, AS_LOW, BIGVA),
	DATA(H3,    D_ASZ, EL2T, 2, 0x000, AS_CUR, BIGVA),
	DATA(H3,    D_ASZ, EL3H, 3, 0x200, AS_CUR, BIGVA),
	DATA(H3_EA, D_ASZ, EL1T, 1, 0x000, AS_CUR, BIGVA),
};
// clang-format on

static void test_data(void **state)
{
	(void)state;
	static const uint32_t insn[] = {[D_SPA] = LDSP, [D_LD] = LDX1,  [D_ST] = STX1,
	                                [D_ALD] = LDX1, [D_AST] = STX1, [D_ASZ] = LDX1};
	static const uint64_t x1[] = {[D_SPA] = TH_DATA, [D_LD] = NORAM,   [D_ST] = NORAM,
	                              [D_ALD] = MISDAT,  [D_AST] = MISDAT, [D_ASZ] = BIGVA};
	static const char *const names[] = {
	        [D_SPA] = "SP alignment",     [D_LD] = "load, no RAM",
	        [D_ST] = "store, no RAM",     [D_ALD] = "misaligned load",
	        [D_AST] = "misaligned store", [D_ASZ] = "load, VA >= 2^40"};
	mx_failed_rows = 0;
	for (size_t i = 0; i < N_ROWS(data_rows); i++) {
		const struct data_row *r = &data_rows[i];
		char desc[160];
		mx_describe(desc, sizeof(desc), "data", i, names[r->kind], r->cfg, r->from);
		mx_row_begin(desc);
		struct cpu *cpu = mx_cpu(r->cfg, 0, 0, r->from);
		cpu->sr[SR_SCTLR_EL1] |= SCTLR_SA | SCTLR_SA0;
		cpu->sr[SR_SCTLR_EL2] |= SCTLR_SA;
		cpu->sr[SR_SCTLR_EL3] |= SCTLR_SA;
		cpu->x[1] = x1[r->kind];
		cpu->sp_el[cpu->sp_idx] = MISSP; /* SP as load base: 8-aligned, not 16-aligned */
		int st = th_exec(cpu, insn[r->kind]);
		struct expect x = {r->to, r->vec, C0, r->esr, r->far, r->from};
		mx_check(cpu, st, &x, cfgs[r->cfg].highest);
		th_free(cpu);
	}
	print_message("data: %zu rows, %u failed\n", N_ROWS(data_rows), mx_failed_rows);
	assert_int_equal(mx_failed_rows, 0);
}

/* ---- family 4: asynchronous (physical and virtual IRQ, FIQ, SError) ---- */

enum async_kind_id { A_IRQ, A_FIQ, A_SERR, A_VIRQ, A_VFIQ, A_VSERR };

struct async_row {
	uint8_t cfg;
	uint8_t kind;
	uint64_t hcr, scr; /* added to the configuration's */
	uint64_t spsr;     /* PSTATE, DAIF included */
	uint8_t to;        /* 0: not taken, the NOP executes */
	uint16_t vec;
	uint64_t esr;
};

#define ASYNC(c, k, h, s, p, t, v, e)                                                           \
	{                                                                                       \
		.cfg = c, .kind = k, .hcr = h, .scr = s, .spsr = p, .to = t, .vec = v, .esr = e \
	}

/*
 * Physical (Arm ARM D1.4.6.4, tables D1-12/D1-21 and the SError tables, E2H
 * 0, all ELs AArch64): SCR_EL3.{IRQ,FIQ,EA} route to EL3; else, with EL2
 * enabled, HCR_EL2.TGE or {IMO,FMO,AMO} route to EL2; else EL1. Target below
 * the current EL: not taken (C). Target above: not maskable (A) unless it
 * is EL1. Target = current EL: masked by PSTATE.{I,F,A} (B). Virtual (VI/VF/VSE
 * with IMO/FMO/AMO, TGE 0, EL2 enabled): to EL1 from EL0/EL1 only, masked by
 * PSTATE; never taken at EL2/EL3. ESR_ELx is not written for (v)IRQ/(v)FIQ;
 * FAR never. ELR = the instruction not yet executed (C0).
 *
 * Each row's PSTATE masks either only the kind's own bit ("masked") or all
 * the others ("open"): IRQ: I = 0x080 / DAF = 0x340; FIQ: F = 0x040 / DAI =
 * 0x380; SError: A = 0x100 / DIF = 0x2c0. NZCV: N for IRQ, Z for FIQ, C for SError.
 */
// clang-format off
static const struct async_row async_rows[] = {
	ASYNC(H1,   A_IRQ, 0,       0,       0x80000340, 1, 0x480, UNCH), /* EL0t open */
	ASYNC(H1,   A_IRQ, 0,       0,       0x80000345, 1, 0x280, UNCH), /* EL1h open */
	ASYNC(H1,   A_IRQ, 0,       0,       0x80000084, 0, 0,     UNCH), /* EL1t masked */
	ASYNC(H1,   A_IRQ, 0,       0,       0x80000344, 1, 0x080, UNCH), /* EL1t open */
	ASYNC(H2,   A_IRQ, 0,       0,       0x80000340, 1, 0x480, UNCH), /* EL0t open */
	ASYNC(H2,   A_IRQ, 0,       0,       0x80000085, 0, 0,     UNCH), /* EL1h masked */
	ASYNC(H2,   A_IRQ, 0,       0,       0x80000349, 0, 0,     UNCH), /* EL2h open: C */
	ASYNC(H2,   A_IRQ, HCR_IMO, 0,       0x80000085, 2, 0x480, UNCH), /* EL1h masked: A */
	ASYNC(H2,   A_IRQ, HCR_IMO, 0,       0x80000080, 2, 0x480, UNCH), /* EL0t masked: A */
	ASYNC(H2,   A_IRQ, HCR_IMO, 0,       0x80000348, 2, 0x080, UNCH), /* EL2t open */
	ASYNC(H2,   A_IRQ, HCR_IMO, 0,       0x80000089, 0, 0,     UNCH), /* EL2h masked */
	ASYNC(H2G,  A_IRQ, 0,       0,       0x80000080, 2, 0x480, UNCH), /* EL0t masked: A */
	ASYNC(H2G,  A_IRQ, 0,       0,       0x80000349, 2, 0x280, UNCH), /* EL2h open */
	ASYNC(H2G,  A_IRQ, 0,       0,       0x80000088, 0, 0,     UNCH), /* EL2t masked */
	ASYNC(H3,   A_IRQ, 0,       0,       0x80000344, 1, 0x080, UNCH), /* EL1t open */
	ASYNC(H3,   A_IRQ, 0,       0,       0x80000349, 0, 0,     UNCH), /* EL2h open: C */
	ASYNC(H3,   A_IRQ, 0,       0,       0x8000034d, 0, 0,     UNCH), /* EL3h open: C */
	ASYNC(H3,   A_IRQ, 0,       SCR_IRQ, 0x80000080, 3, 0x480, UNCH), /* EL0t masked: A */
	ASYNC(H3,   A_IRQ, 0,       SCR_IRQ, 0x80000085, 3, 0x480, UNCH), /* EL1h masked: A */
	ASYNC(H3,   A_IRQ, 0,       SCR_IRQ, 0x80000088, 3, 0x480, UNCH), /* EL2t masked: A */
	ASYNC(H3,   A_IRQ, 0,       SCR_IRQ, 0x8000034c, 3, 0x080, UNCH), /* EL3t open */
	ASYNC(H3,   A_IRQ, 0,       SCR_IRQ, 0x8000008d, 0, 0,     UNCH), /* EL3h masked */
	ASYNC(H3,   A_IRQ, HCR_IMO, SCR_IRQ, 0x80000085, 3, 0x480, UNCH), /* EL1h masked: EL3 wins */
	ASYNC(H3,   A_IRQ, HCR_IMO, 0,       0x80000084, 2, 0x480, UNCH), /* EL1t masked: A */
	ASYNC(H3,   A_IRQ, HCR_IMO, 0,       0x8000034d, 0, 0,     UNCH), /* EL3h open: C */
	ASYNC(H3G,  A_IRQ, 0,       0,       0x80000080, 2, 0x480, UNCH), /* EL0t masked: A */
	ASYNC(H3G,  A_IRQ, 0,       0,       0x80000349, 2, 0x280, UNCH), /* EL2h open */
	ASYNC(H3G,  A_IRQ, 0,       0,       0x8000034d, 0, 0,     UNCH), /* EL3h open: C */
	ASYNC(H3S,  A_IRQ, HCR_IMO, 0,       0x80000345, 1, 0x280, UNCH), /* EL1h open: IMO ignored */
	ASYNC(H3S,  A_IRQ, HCR_IMO, 0,       0x80000080, 0, 0,     UNCH), /* EL0t masked: B */
	ASYNC(H3SG, A_IRQ, 0,       0,       0x80000340, 1, 0x480, UNCH), /* EL0t open: TGE ignored */
	ASYNC(H3S,  A_IRQ, 0,       SCR_IRQ, 0x8000034c, 3, 0x080, UNCH), /* EL3t open */

	ASYNC(H1,   A_FIQ, 0,       0,       0x40000380, 1, 0x500, UNCH), /* EL0t open */
	ASYNC(H1,   A_FIQ, 0,       0,       0x40000385, 1, 0x300, UNCH), /* EL1h open */
	ASYNC(H1,   A_FIQ, 0,       0,       0x40000044, 0, 0,     UNCH), /* EL1t masked */
	ASYNC(H1,   A_FIQ, 0,       0,       0x40000384, 1, 0x100, UNCH), /* EL1t open */
	ASYNC(H2,   A_FIQ, 0,       0,       0x40000380, 1, 0x500, UNCH), /* EL0t open */
	ASYNC(H2,   A_FIQ, 0,       0,       0x40000045, 0, 0,     UNCH), /* EL1h masked */
	ASYNC(H2,   A_FIQ, 0,       0,       0x40000389, 0, 0,     UNCH), /* EL2h open: C */
	ASYNC(H2,   A_FIQ, HCR_FMO, 0,       0x40000045, 2, 0x500, UNCH), /* EL1h masked: A */
	ASYNC(H2,   A_FIQ, HCR_FMO, 0,       0x40000040, 2, 0x500, UNCH), /* EL0t masked: A */
	ASYNC(H2,   A_FIQ, HCR_FMO, 0,       0x40000388, 2, 0x100, UNCH), /* EL2t open */
	ASYNC(H2,   A_FIQ, HCR_FMO, 0,       0x40000049, 0, 0,     UNCH), /* EL2h masked */
	ASYNC(H2G,  A_FIQ, 0,       0,       0x40000040, 2, 0x500, UNCH), /* EL0t masked: A */
	ASYNC(H2G,  A_FIQ, 0,       0,       0x40000389, 2, 0x300, UNCH), /* EL2h open */
	ASYNC(H2G,  A_FIQ, 0,       0,       0x40000048, 0, 0,     UNCH), /* EL2t masked */
	ASYNC(H3,   A_FIQ, 0,       0,       0x40000384, 1, 0x100, UNCH), /* EL1t open */
	ASYNC(H3,   A_FIQ, 0,       0,       0x40000389, 0, 0,     UNCH), /* EL2h open: C */
	ASYNC(H3,   A_FIQ, 0,       0,       0x4000038d, 0, 0,     UNCH), /* EL3h open: C */
	ASYNC(H3,   A_FIQ, 0,       SCR_FIQ, 0x40000040, 3, 0x500, UNCH), /* EL0t masked: A */
	ASYNC(H3,   A_FIQ, 0,       SCR_FIQ, 0x40000045, 3, 0x500, UNCH), /* EL1h masked: A */
	ASYNC(H3,   A_FIQ, 0,       SCR_FIQ, 0x40000048, 3, 0x500, UNCH), /* EL2t masked: A */
	ASYNC(H3,   A_FIQ, 0,       SCR_FIQ, 0x4000038c, 3, 0x100, UNCH), /* EL3t open */
	ASYNC(H3,   A_FIQ, 0,       SCR_FIQ, 0x4000004d, 0, 0,     UNCH), /* EL3h masked */
	ASYNC(H3,   A_FIQ, HCR_FMO, SCR_FIQ, 0x40000045, 3, 0x500, UNCH), /* EL1h masked: EL3 wins */
	ASYNC(H3,   A_FIQ, HCR_FMO, 0,       0x40000044, 2, 0x500, UNCH), /* EL1t masked: A */
	ASYNC(H3,   A_FIQ, HCR_FMO, 0,       0x4000038d, 0, 0,     UNCH), /* EL3h open: C */
	ASYNC(H3G,  A_FIQ, 0,       0,       0x40000040, 2, 0x500, UNCH), /* EL0t masked: A */
	ASYNC(H3G,  A_FIQ, 0,       0,       0x40000389, 2, 0x300, UNCH), /* EL2h open */
	ASYNC(H3G,  A_FIQ, 0,       0,       0x4000038d, 0, 0,     UNCH), /* EL3h open: C */
	ASYNC(H3S,  A_FIQ, HCR_FMO, 0,       0x40000385, 1, 0x300, UNCH), /* EL1h open: FMO ignored */
	ASYNC(H3S,  A_FIQ, HCR_FMO, 0,       0x40000040, 0, 0,     UNCH), /* EL0t masked: B */
	ASYNC(H3SG, A_FIQ, 0,       0,       0x40000380, 1, 0x500, UNCH), /* EL0t open: TGE ignored */
	ASYNC(H3S,  A_FIQ, 0,       SCR_FIQ, 0x4000038c, 3, 0x100, UNCH), /* EL3t open */

	ASYNC(H1,   A_SERR, 0,       0,      0x200002c0, 1, 0x580, ESR_SERR), /* EL0t open */
	ASYNC(H1,   A_SERR, 0,       0,      0x200002c5, 1, 0x380, ESR_SERR), /* EL1h open */
	ASYNC(H1,   A_SERR, 0,       0,      0x20000104, 0, 0,     UNCH),     /* EL1t masked */
	ASYNC(H1,   A_SERR, 0,       0,      0x200002c4, 1, 0x180, ESR_SERR), /* EL1t open */
	ASYNC(H2,   A_SERR, 0,       0,      0x200002c0, 1, 0x580, ESR_SERR), /* EL0t open */
	ASYNC(H2,   A_SERR, 0,       0,      0x20000105, 0, 0,     UNCH),     /* EL1h masked */
	ASYNC(H2,   A_SERR, 0,       0,      0x200002c9, 0, 0,     UNCH),     /* EL2h open: C */
	ASYNC(H2,   A_SERR, HCR_AMO, 0,      0x20000105, 2, 0x580, ESR_SERR), /* EL1h masked: A */
	ASYNC(H2,   A_SERR, HCR_AMO, 0,      0x20000100, 2, 0x580, ESR_SERR), /* EL0t masked: A */
	ASYNC(H2,   A_SERR, HCR_AMO, 0,      0x200002c8, 2, 0x180, ESR_SERR), /* EL2t open */
	ASYNC(H2,   A_SERR, HCR_AMO, 0,      0x20000109, 0, 0,     UNCH),     /* EL2h masked */
	ASYNC(H2G,  A_SERR, 0,       0,      0x20000100, 2, 0x580, ESR_SERR), /* EL0t masked: A */
	ASYNC(H2G,  A_SERR, 0,       0,      0x200002c9, 2, 0x380, ESR_SERR), /* EL2h open */
	ASYNC(H2G,  A_SERR, 0,       0,      0x20000108, 0, 0,     UNCH),     /* EL2t masked */
	ASYNC(H3,   A_SERR, 0,       0,      0x200002c4, 1, 0x180, ESR_SERR), /* EL1t open */
	ASYNC(H3,   A_SERR, 0,       0,      0x200002c9, 0, 0,     UNCH),     /* EL2h open: C */
	ASYNC(H3,   A_SERR, 0,       0,      0x200002cd, 0, 0,     UNCH),     /* EL3h open: C */
	ASYNC(H3,   A_SERR, 0,       SCR_EA, 0x20000100, 3, 0x580, ESR_SERR), /* EL0t masked: A */
	ASYNC(H3,   A_SERR, 0,       SCR_EA, 0x20000105, 3, 0x580, ESR_SERR), /* EL1h masked: A */
	ASYNC(H3,   A_SERR, 0,       SCR_EA, 0x20000108, 3, 0x580, ESR_SERR), /* EL2t masked: A */
	ASYNC(H3,   A_SERR, 0,       SCR_EA, 0x200002cc, 3, 0x180, ESR_SERR), /* EL3t open */
	ASYNC(H3,   A_SERR, 0,       SCR_EA, 0x2000010d, 0, 0,     UNCH),     /* EL3h masked */
	ASYNC(H3,   A_SERR, HCR_AMO, SCR_EA, 0x20000105, 3, 0x580, ESR_SERR), /* EL1h masked: EL3 wins */
	ASYNC(H3,   A_SERR, HCR_AMO, 0,      0x20000104, 2, 0x580, ESR_SERR), /* EL1t masked: A */
	ASYNC(H3,   A_SERR, HCR_AMO, 0,      0x200002cd, 0, 0,     UNCH),     /* EL3h open: C */
	ASYNC(H3G,  A_SERR, 0,       0,      0x20000100, 2, 0x580, ESR_SERR), /* EL0t masked: A */
	ASYNC(H3G,  A_SERR, 0,       0,      0x200002c9, 2, 0x380, ESR_SERR), /* EL2h open */
	ASYNC(H3G,  A_SERR, 0,       0,      0x200002cd, 0, 0,     UNCH),     /* EL3h open: C */
	ASYNC(H3S,  A_SERR, HCR_AMO, 0,      0x200002c5, 1, 0x380, ESR_SERR), /* EL1h open: AMO ignored */
	ASYNC(H3S,  A_SERR, HCR_AMO, 0,      0x20000100, 0, 0,     UNCH),     /* EL0t masked: B */
	ASYNC(H3SG, A_SERR, 0,       0,      0x200002c0, 1, 0x580, ESR_SERR), /* EL0t open: TGE ignored */
	ASYNC(H3S,  A_SERR, 0,       SCR_EA, 0x200002cc, 3, 0x180, ESR_SERR), /* EL3t open */

	ASYNC(H2,   A_VIRQ, HCR_IMO | HCR_VI, 0, 0x80000340, 1, 0x480, UNCH), /* EL0t open */
	ASYNC(H2,   A_VIRQ, HCR_IMO | HCR_VI, 0, 0x80000344, 1, 0x080, UNCH), /* EL1t open */
	ASYNC(H2,   A_VIRQ, HCR_IMO | HCR_VI, 0, 0x80000345, 1, 0x280, UNCH), /* EL1h open */
	ASYNC(H2,   A_VIRQ, HCR_IMO | HCR_VI, 0, 0x80000085, 0, 0,     UNCH), /* EL1h masked */
	ASYNC(H2,   A_VIRQ, HCR_VI,           0, 0x80000345, 0, 0,     UNCH), /* EL1h, IMO 0 */
	ASYNC(H2,   A_VIRQ, HCR_IMO | HCR_VI, 0, 0x80000349, 0, 0,     UNCH), /* EL2h open */
	ASYNC(H2G,  A_VIRQ, HCR_IMO | HCR_VI, 0, 0x80000340, 0, 0,     UNCH), /* EL0t open, TGE */
	ASYNC(H3,   A_VIRQ, HCR_IMO | HCR_VI, 0, 0x80000345, 1, 0x280, UNCH), /* EL1h open */
	ASYNC(H3S,  A_VIRQ, HCR_IMO | HCR_VI, 0, 0x80000345, 0, 0,     UNCH), /* EL1h open, Secure */
	ASYNC(H3,   A_VIRQ, HCR_IMO | HCR_VI, 0, 0x8000034d, 0, 0,     UNCH), /* EL3h open */
	ASYNC(H3,   A_VIRQ, HCR_IMO | HCR_VI, 0, 0x80000340, 1, 0x480, UNCH), /* EL0t open */
	ASYNC(H3,   A_VIRQ, HCR_IMO | HCR_VI, 0, 0x80000348, 0, 0,     UNCH), /* EL2t open */

	ASYNC(H2,   A_VFIQ, HCR_FMO | HCR_VF, 0, 0x40000380, 1, 0x500, UNCH), /* EL0t open */
	ASYNC(H2,   A_VFIQ, HCR_FMO | HCR_VF, 0, 0x40000384, 1, 0x100, UNCH), /* EL1t open */
	ASYNC(H2,   A_VFIQ, HCR_FMO | HCR_VF, 0, 0x40000385, 1, 0x300, UNCH), /* EL1h open */
	ASYNC(H2,   A_VFIQ, HCR_FMO | HCR_VF, 0, 0x40000045, 0, 0,     UNCH), /* EL1h masked */
	ASYNC(H2,   A_VFIQ, HCR_VF,           0, 0x40000385, 0, 0,     UNCH), /* EL1h, FMO 0 */
	ASYNC(H2,   A_VFIQ, HCR_FMO | HCR_VF, 0, 0x40000389, 0, 0,     UNCH), /* EL2h open */
	ASYNC(H2G,  A_VFIQ, HCR_FMO | HCR_VF, 0, 0x40000380, 0, 0,     UNCH), /* EL0t open, TGE */
	ASYNC(H3,   A_VFIQ, HCR_FMO | HCR_VF, 0, 0x40000385, 1, 0x300, UNCH), /* EL1h open */
	ASYNC(H3S,  A_VFIQ, HCR_FMO | HCR_VF, 0, 0x40000385, 0, 0,     UNCH), /* EL1h open, Secure */
	ASYNC(H3,   A_VFIQ, HCR_FMO | HCR_VF, 0, 0x4000038d, 0, 0,     UNCH), /* EL3h open */
	ASYNC(H3,   A_VFIQ, HCR_FMO | HCR_VF, 0, 0x40000380, 1, 0x500, UNCH), /* EL0t open */
	ASYNC(H3,   A_VFIQ, HCR_FMO | HCR_VF, 0, 0x40000388, 0, 0,     UNCH), /* EL2t open */

	ASYNC(H2,   A_VSERR, HCR_AMO | HCR_VSE, 0, 0x200002c0, 1, 0x580, ESR_VSE), /* EL0t open */
	ASYNC(H2,   A_VSERR, HCR_AMO | HCR_VSE, 0, 0x200002c4, 1, 0x180, ESR_VSE), /* EL1t open */
	ASYNC(H2,   A_VSERR, HCR_AMO | HCR_VSE, 0, 0x200002c5, 1, 0x380, ESR_VSE), /* EL1h open */
	ASYNC(H2,   A_VSERR, HCR_AMO | HCR_VSE, 0, 0x20000105, 0, 0,     UNCH),    /* EL1h masked */
	ASYNC(H2,   A_VSERR, HCR_VSE,           0, 0x200002c5, 0, 0,     UNCH),    /* EL1h, AMO 0 */
	ASYNC(H2,   A_VSERR, HCR_AMO | HCR_VSE, 0, 0x200002c9, 0, 0,     UNCH),    /* EL2h open */
	ASYNC(H2G,  A_VSERR, HCR_AMO | HCR_VSE, 0, 0x200002c0, 0, 0,     UNCH),    /* EL0t open, TGE */
	ASYNC(H3,   A_VSERR, HCR_AMO | HCR_VSE, 0, 0x200002c5, 1, 0x380, ESR_VSE), /* EL1h open */
	ASYNC(H3S,  A_VSERR, HCR_AMO | HCR_VSE, 0, 0x200002c5, 0, 0,     UNCH),    /* EL1h open, Secure */
	ASYNC(H3,   A_VSERR, HCR_AMO | HCR_VSE, 0, 0x200002cd, 0, 0,     UNCH),    /* EL3h open */
	ASYNC(H3,   A_VSERR, HCR_AMO | HCR_VSE, 0, 0x200002c0, 1, 0x580, ESR_VSE), /* EL0t open */
	ASYNC(H3,   A_VSERR, HCR_AMO | HCR_VSE, 0, 0x200002c8, 0, 0,     UNCH),    /* EL2t open */
};
// clang-format on

static void test_async(void **state)
{
	(void)state;
	static const enum irq_line line[] = {
	        [A_IRQ] = IRQ_LINE_IRQ, [A_FIQ] = IRQ_LINE_FIQ, [A_SERR] = IRQ_LINE_SERROR};
	static const char *const names[] = {
	        [A_IRQ] = "IRQ",   [A_FIQ] = "FIQ",   [A_SERR] = "SError",
	        [A_VIRQ] = "vIRQ", [A_VFIQ] = "vFIQ", [A_VSERR] = "vSError"};
	mx_failed_rows = 0;
	for (size_t i = 0; i < N_ROWS(async_rows); i++) {
		const struct async_row *r = &async_rows[i];
		char desc[160];
		mx_describe(desc, sizeof(desc), "async", i, names[r->kind], r->cfg, r->spsr);
		mx_row_begin(desc);
		struct cpu *cpu = mx_cpu(r->cfg, r->hcr, r->scr, r->spsr);
		if (r->kind <= A_SERR)
			irq_set_line(cpu, line[r->kind], true);
		int st = th_exec(cpu, NOP);
		struct expect x = {r->to, r->vec, C0, r->esr, NOFAR, r->spsr};
		mx_check(cpu, st, &x, cfgs[r->cfg].highest);
		/* ClearPendingVirtualSError(): taking the vSError clears HCR_EL2.VSE. */
		if (r->kind == A_VSERR)
			mx_eq("VSE", cpu->sr[SR_HCR_EL2] & HCR_VSE, r->to ? 0 : HCR_VSE);
		th_free(cpu);
	}
	print_message("async: %zu rows, %u failed\n", N_ROWS(async_rows), mx_failed_rows);
	assert_int_equal(mx_failed_rows, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_calls),
	        cmocka_unit_test(test_fetch),
	        cmocka_unit_test(test_data),
	        cmocka_unit_test(test_async),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
