/*
 * The trap predicates of traps.def, one per control, each headed by the Arm
 * ARM field it implements (D19.2 register descriptions; the E2H = 0 case:
 * FEAT_VHE is not implemented), and the router that applies them in order.
 */
#include "traps.h"

#include "fields.h"

#include <stddef.h>

#define SR(name) (c->sr[SR_##name])
#define BIT(n)   (1ull << (n))

/* An EL2 control applies to EL0/EL1 accesses when EL2 is enabled. */
static bool below_el2(const struct trap_ctx *c)
{
	return c->el <= 1 && c->el2_enabled;
}

static bool tge(const struct trap_ctx *c)
{
	return c->el2_enabled && (SR(HCR_EL2) & HCR_EL2_TGE);
}

/* ---- EL1 controls of EL0 accesses ---- */

/* SCTLR_EL1.UMA [9]: 0 traps EL0 access to DAIF (MRS, MSR, MSR DAIFSet/Clr). */
static bool trap_sctlr_el1_uma(const struct trap_ctx *c)
{
	return c->el == 0 && !(SR(SCTLR_EL1) & BIT(9));
}

/* SCTLR_EL1.UCT [15]: 0 traps EL0 reads of CTR_EL0. */
static bool trap_sctlr_el1_uct(const struct trap_ctx *c)
{
	return c->el == 0 && !(SR(SCTLR_EL1) & BIT(15));
}

/* SCTLR_EL1.UCI [26]: 0 traps EL0 DC CVAU/CVAC/CIVAC/CVAP/CVADP and IC IVAU. */
static bool trap_sctlr_el1_uci(const struct trap_ctx *c)
{
	return c->el == 0 && !(SR(SCTLR_EL1) & BIT(26));
}

/* SCTLR_EL1.DZE [14]: 0 traps EL0 DC ZVA. */
static bool trap_sctlr_el1_dze(const struct trap_ctx *c)
{
	return c->el == 0 && !(SR(SCTLR_EL1) & BIT(14));
}

/* CPACR_EL1.FPEN [21:20]: 0b01 traps EL0 only; 0b00 and 0b10 trap EL0 and EL1. */
static bool trap_cpacr_el1_fpen(const struct trap_ctx *c)
{
	unsigned fpen = (unsigned)(SR(CPACR_EL1) >> 20) & 3;
	if (c->el == 0)
		return fpen != 3;
	return c->el == 1 && (fpen == 0 || fpen == 2);
}

/* CNTKCTL_EL1.EL0PCTEN [0], EL0VCTEN [1], EL0VTEN [8], EL0PTEN [9]: 0 traps EL0. */
static bool trap_cntkctl(const struct trap_ctx *c, unsigned bit)
{
	return c->el == 0 && !(SR(CNTKCTL_EL1) & BIT(bit));
}

/* CNTFRQ_EL0 at EL0 traps only when both EL0PCTEN and EL0VCTEN are 0. */
static bool trap_cntkctl_el0frq(const struct trap_ctx *c)
{
	return c->el == 0 && !(SR(CNTKCTL_EL1) & 3);
}

static bool trap_cntkctl_el0pcten(const struct trap_ctx *c)
{
	return trap_cntkctl(c, 0);
}

static bool trap_cntkctl_el0vcten(const struct trap_ctx *c)
{
	return trap_cntkctl(c, 1);
}

static bool trap_cntkctl_el0vten(const struct trap_ctx *c)
{
	return trap_cntkctl(c, 8);
}

static bool trap_cntkctl_el0pten(const struct trap_ctx *c)
{
	return trap_cntkctl(c, 9);
}

/* PMUSERENR_EL0.EN [0]: 0 traps EL0 access to the PMU registers. */
static bool trap_pmuserenr_en(const struct trap_ctx *c)
{
	return c->el == 0 && !(SR(PMUSERENR_EL0) & BIT(0));
}

/* MDSCR_EL1.TDCC [12]: 1 traps EL0 access to the DCC registers. */
static bool trap_mdscr_tdcc(const struct trap_ctx *c)
{
	return c->el == 0 && (SR(MDSCR_EL1) & BIT(12));
}

/* ---- controls trapping to EL2 ---- */

/* CPTR_EL2.TFP [10]: traps FP/SIMD access at EL0, EL1 and EL2 itself. */
static bool trap_cptr_el2_tfp(const struct trap_ctx *c)
{
	return c->el <= 2 && c->el2_enabled && (SR(CPTR_EL2) & BIT(10));
}

/* CPTR_EL2.TCPAC [31]: traps EL1 access to CPACR_EL1. */
static bool trap_cptr_el2_tcpac(const struct trap_ctx *c)
{
	return c->el == 1 && c->el2_enabled && (SR(CPTR_EL2) & BIT(31));
}

/* HCR_EL2.TVM [26]: traps EL1 writes to the virtual memory control registers. */
static bool trap_hcr_tvm(const struct trap_ctx *c)
{
	return c->el == 1 && c->el2_enabled && !c->is_read && (SR(HCR_EL2) & BIT(26));
}

/* HCR_EL2.TRVM [30]: traps EL1 reads of the same registers. */
static bool trap_hcr_trvm(const struct trap_ctx *c)
{
	return c->el == 1 && c->el2_enabled && c->is_read && (SR(HCR_EL2) & BIT(30));
}

/* HCR_EL2.TID1 [16]: EL1 reads of REVIDR_EL1, AIDR_EL1. */
static bool trap_hcr_tid1(const struct trap_ctx *c)
{
	return c->el == 1 && c->el2_enabled && c->is_read && (SR(HCR_EL2) & BIT(16));
}

/* HCR_EL2.TID2 [17]: EL0/EL1 reads of CTR_EL0, CCSIDR/CLIDR/CSSELR_EL1, writes of CSSELR_EL1. */
static bool trap_hcr_tid2(const struct trap_ctx *c)
{
	return below_el2(c) && (SR(HCR_EL2) & BIT(17));
}

/* HCR_EL2.TID3 [18]: EL1 reads of the ID group 3 registers. */
static bool trap_hcr_tid3(const struct trap_ctx *c)
{
	return c->el == 1 && c->el2_enabled && c->is_read && (SR(HCR_EL2) & BIT(18));
}

/* HCR_EL2.TACR [21]: EL1 access to ACTLR_EL1. */
static bool trap_hcr_tacr(const struct trap_ctx *c)
{
	return c->el == 1 && c->el2_enabled && (SR(HCR_EL2) & BIT(21));
}

/* HCR_EL2.TSW [22]: EL1 DC ISW, CSW, CISW. */
static bool trap_hcr_tsw(const struct trap_ctx *c)
{
	return c->el == 1 && c->el2_enabled && (SR(HCR_EL2) & BIT(22));
}

/* HCR_EL2.TPCP [23]: EL0/EL1 DC by VA to the Point of Coherency (and Persistence). */
static bool trap_hcr_tpcp(const struct trap_ctx *c)
{
	return below_el2(c) && (SR(HCR_EL2) & BIT(23));
}

/* HCR_EL2.TPU [24]: EL0/EL1 IC IVAU, IC IALLU(IS), DC CVAU. */
static bool trap_hcr_tpu(const struct trap_ctx *c)
{
	return below_el2(c) && (SR(HCR_EL2) & BIT(24));
}

/* HCR_EL2.TTLB [25]: EL1 TLB maintenance. */
static bool trap_hcr_ttlb(const struct trap_ctx *c)
{
	return c->el == 1 && c->el2_enabled && (SR(HCR_EL2) & BIT(25));
}

/* HCR_EL2.TDZ [28]: EL0/EL1 DC ZVA. */
static bool trap_hcr_tdz(const struct trap_ctx *c)
{
	return below_el2(c) && (SR(HCR_EL2) & BIT(28));
}

/* HCR_EL2.TERR [36] (FEAT_RAS): EL1 access to the error record registers. */
static bool trap_hcr_terr(const struct trap_ctx *c)
{
	return c->el == 1 && c->el2_enabled && (SR(HCR_EL2) & BIT(36));
}

/*
 * MDCR_EL2.TDE [8] makes TDA, TDOSA and TDRA behave as 1, and HCR_EL2.TGE
 * makes TDE behave as 1 (MDCR_EL2.TDE field text).
 */
static bool mdcr_el2_trap(const struct trap_ctx *c, unsigned bit, bool tde_implies)
{
	uint64_t mdcr = SR(MDCR_EL2);
	bool tde = (mdcr & BIT(8)) || tge(c);
	return below_el2(c) && ((mdcr & BIT(bit)) || (tde_implies && tde));
}

/* MDCR_EL2.TDA [9]: EL0/EL1 access to the debug registers. */
static bool trap_mdcr_el2_tda(const struct trap_ctx *c)
{
	return mdcr_el2_trap(c, 9, true);
}

/* MDCR_EL2.TDOSA [10]: EL1 access to the OS lock and power-down registers. */
static bool trap_mdcr_el2_tdosa(const struct trap_ctx *c)
{
	return mdcr_el2_trap(c, 10, true);
}

/* MDCR_EL2.TDRA [11]: EL0/EL1 access to the Debug ROM address register. */
static bool trap_mdcr_el2_tdra(const struct trap_ctx *c)
{
	return mdcr_el2_trap(c, 11, true);
}

/* MDCR_EL2.TPMCR [5]: EL0/EL1 access to PMCR_EL0. */
static bool trap_mdcr_el2_tpmcr(const struct trap_ctx *c)
{
	return mdcr_el2_trap(c, 5, false);
}

/* MDCR_EL2.TPM [6]: EL0/EL1 access to the PMU registers. */
static bool trap_mdcr_el2_tpm(const struct trap_ctx *c)
{
	return mdcr_el2_trap(c, 6, false);
}

/* CNTHCTL_EL2.EL1PCTEN [0] (E2H 0): 0 traps EL0/EL1 reads of CNTPCT_EL0. */
static bool trap_cnthctl_el1pcten(const struct trap_ctx *c)
{
	return below_el2(c) && !(SR(CNTHCTL_EL2) & BIT(0));
}

/* CNTHCTL_EL2.EL1PCEN [1] (E2H 0): 0 traps EL0/EL1 access to CNTP_CTL/CVAL/TVAL_EL0. */
static bool trap_cnthctl_el1pcen(const struct trap_ctx *c)
{
	return below_el2(c) && !(SR(CNTHCTL_EL2) & BIT(1));
}

/*
 * The GIC CPU interface's controls (IHI 0069 12.2, each ICC register's
 * accessibility pseudocode). EL1 checks, in order: ICH_HCR_EL2.TDIR (DIR
 * only), then TC (the registers common to both groups), TALL0 (Group 0) or
 * TALL1 (Group 1); then HCR_EL2.FMO/IMO send the access to the virtual
 * interface (cpu/gic_cpuif.c), except for the SGI registers, which they
 * trap to EL2; then SCR_EL3's traps, which the redirection pre-empts.
 */

/* ICC_SRE_EL2.Enable [3]: 0 traps EL1 accesses to ICC_SRE_EL1 to EL2. */
static bool trap_icc_sre_el2_enable(const struct trap_ctx *c)
{
	return below_el2(c) && !(SR(ICC_SRE_EL2) & BIT(3));
}

static bool trap_ich_hcr(const struct trap_ctx *c, unsigned bit)
{
	return c->el == 1 && c->el2_enabled && (SR(ICH_HCR_EL2) & BIT(bit));
}

/* ICH_HCR_EL2.TDIR [14]: EL1 writes of ICC_DIR_EL1 (ICV_DIR_EL1) trap. */
static bool trap_ich_hcr_tdir(const struct trap_ctx *c)
{
	return trap_ich_hcr(c, 14);
}

/* ICH_HCR_EL2.TC [10]: EL1 accesses to the common registers trap. */
static bool trap_ich_hcr_tc(const struct trap_ctx *c)
{
	return trap_ich_hcr(c, 10);
}

/* ICH_HCR_EL2.TALL0 [11]: EL1 accesses to the Group 0 registers trap. */
static bool trap_ich_hcr_tall0(const struct trap_ctx *c)
{
	return trap_ich_hcr(c, 11);
}

/* ICH_HCR_EL2.TALL1 [12]: EL1 accesses to the Group 1 registers trap. */
static bool trap_ich_hcr_tall1(const struct trap_ctx *c)
{
	return trap_ich_hcr(c, 12);
}

/* HCR_EL2.FMO [3] / IMO [4]: EL1 writes of ICC_SGI0R/SGI1R/ASGI1R_EL1 trap
 * to EL2 (there is no virtual SGI register to redirect them to). */
static bool trap_hcr_fmo_sgi(const struct trap_ctx *c)
{
	return c->el == 1 && c->el2_enabled && (SR(HCR_EL2) & HCR_EL2_FMO);
}

static bool trap_hcr_imo_sgi(const struct trap_ctx *c)
{
	return c->el == 1 && c->el2_enabled && (SR(HCR_EL2) & HCR_EL2_IMO);
}

/* ---- controls trapping to EL3 ---- */

static bool el3_applies(const struct trap_ctx *c)
{
	return c->highest_el == 3 && c->el < 3;
}

/* CPTR_EL3.TFP [10]: traps FP/SIMD access at every EL, EL3 included. */
static bool trap_cptr_el3_tfp(const struct trap_ctx *c)
{
	return c->highest_el == 3 && (SR(CPTR_EL3) & BIT(10));
}

/* CPTR_EL3.TCPAC [31]: EL1/EL2 access to CPACR_EL1, EL2 access to CPTR_EL2. */
static bool trap_cptr_el3_tcpac(const struct trap_ctx *c)
{
	return el3_applies(c) && c->el >= 1 && (SR(CPTR_EL3) & BIT(31));
}

/* MDCR_EL3.TDA [9]: access below EL3 to the debug registers. */
static bool trap_mdcr_el3_tda(const struct trap_ctx *c)
{
	return el3_applies(c) && (SR(MDCR_EL3) & BIT(9));
}

/* MDCR_EL3.TDOSA [10]: access below EL3 to the OS lock and power-down registers. */
static bool trap_mdcr_el3_tdosa(const struct trap_ctx *c)
{
	return el3_applies(c) && (SR(MDCR_EL3) & BIT(10));
}

/* MDCR_EL3.TPM [6]: access below EL3 to the PMU registers. */
static bool trap_mdcr_el3_tpm(const struct trap_ctx *c)
{
	return el3_applies(c) && (SR(MDCR_EL3) & BIT(6));
}

/* SCR_EL3.TERR [15] (FEAT_RAS): access below EL3 to the error record registers. */
static bool trap_scr_terr(const struct trap_ctx *c)
{
	return el3_applies(c) && (SR(SCR_EL3) & BIT(15));
}

/* SCR_EL3.ST [11]: 0 traps Secure EL1 access to CNTPS_*_EL1. */
static bool trap_scr_st(const struct trap_ctx *c)
{
	return el3_applies(c) && c->el == 1 && !(SR(SCR_EL3) & BIT(0)) && !(SR(SCR_EL3) & BIT(11));
}

/* ICC_SRE_EL3.Enable [3]: 0 traps EL1 and EL2 accesses to ICC_SRE_EL1/EL2. */
static bool trap_icc_sre_el3_enable(const struct trap_ctx *c)
{
	return el3_applies(c) && c->el >= 1 && !(SR(ICC_SRE_EL3) & BIT(3));
}

/* Is this EL1 access to a GIC register redirected to ICV_* by the HCR_EL2 bits mo? */
static bool gic_redirected(const struct trap_ctx *c, uint64_t mo)
{
	return c->el == 1 && c->el2_enabled && (SR(HCR_EL2) & mo);
}

/* SCR_EL3.FIQ [2]: EL1 (unless FMO redirects) and EL2 accesses to the Group 0 registers. */
static bool trap_scr_fiq_gic(const struct trap_ctx *c)
{
	return el3_applies(c) && c->el >= 1 && (SR(SCR_EL3) & SCR_EL3_FIQ) &&
	       !gic_redirected(c, HCR_EL2_FMO);
}

/* SCR_EL3.IRQ [1]: the same for the Group 1 registers (redirection by IMO). */
static bool trap_scr_irq_gic(const struct trap_ctx *c)
{
	return el3_applies(c) && c->el >= 1 && (SR(SCR_EL3) & SCR_EL3_IRQ) &&
	       !gic_redirected(c, HCR_EL2_IMO);
}

/* SCR_EL3.IRQ and FIQ both 1: the common and SGI registers (redirection by IMO or FMO). */
static bool trap_scr_irqfiq_gic(const struct trap_ctx *c)
{
	return el3_applies(c) && c->el >= 1 &&
	       (SR(SCR_EL3) & (SCR_EL3_IRQ | SCR_EL3_FIQ)) == (SCR_EL3_IRQ | SCR_EL3_FIQ) &&
	       !gic_redirected(c, HCR_EL2_FMO | HCR_EL2_IMO);
}

/* ---- the table and the router ---- */

struct trap_row {
	uint8_t level;
	uint8_t ec;
	const char *cause;
	bool (*pred)(const struct trap_ctx *c);
};

/* Groups are bits of a uint64_t mask (traps column, struct trap_verdict). */
_Static_assert(TG_COUNT <= 64, "trap groups must fit a 64-bit mask");

static const struct trap_row trap_rows[TG_COUNT] = {
#define TRAP(id, lvl, ecn, cs, p) \
	[TG_##id] = {.level = (lvl), .ec = (ecn), .cause = (cs), .pred = (p)},
#include "traps.def"
#undef TRAP
};

const char *trap_group_cause(enum trap_group g)
{
	return (unsigned)g < TG_COUNT ? trap_rows[g].cause : NULL;
}

/*
 * The groups that can trap an access made at EL el: a trap goes to the EL
 * of the access or above (CPACR_EL1.FPEN traps EL1 to EL1, CPTR_EL2.TFP EL2
 * to EL2; HCR_EL2.TGE only moves EL0's traps up), never below, so an EL2
 * access skips every EL1 control's predicate. Levels are 1 to 3, so EL0 and
 * EL1 see every group.
 */
#define TRAP(id, lvl, ecn, cs, p) | ((lvl) >= 2 ? BIT(TG_##id) : 0)
const uint64_t trap_groups_to_el2_up = 0
#include "traps.def"
        ;
#undef TRAP
#define TRAP(id, lvl, ecn, cs, p) | ((lvl) >= 3 ? BIT(TG_##id) : 0)
const uint64_t trap_groups_to_el3 = 0
#include "traps.def"
        ;
#undef TRAP

bool sysreg_route(const struct trap_ctx *c, uint64_t groups, struct trap_verdict *v)
{
	/* Lowest group first: the groups are numbered in priority order. */
	for (; groups; groups &= groups - 1) {
		unsigned g = (unsigned)__builtin_ctzll(groups);
		if (!trap_rows[g].pred(c))
			continue;
		const struct trap_row *r = &trap_rows[g];
		v->group = (enum trap_group)g;
		v->cause = r->cause;
		v->ec = r->ec;
		v->target_el = r->level;
		/* A trap of EL0 to EL1 goes to EL2 when HCR_EL2.TGE is 1; one by
		 * CPACR_EL1 is then reported as UNDEFINED (ESR_ELx EC 0x07 text). */
		if (r->level == 1 && tge(c)) {
			v->target_el = 2;
			if (g == TG_FPEN)
				v->ec = 0x00; /* EC_UNKNOWN */
		}
		return true;
	}
	return false;
}
