/*
 * Branches, exception-generating instructions, ERET, hints, PSTATE and
 * system-register moves. Instruction words come from GNU as (the asm is
 * beside each); expected syndromes are built by hand from Arm ARM D19.2
 * (ESR_ELx: EC [31:26], IL [25], ISS) and the pseudocode named per test.
 */
#include "harness.h"

#include "mem.h"
#include "syndrome.h"

#define VBAR1 TH_VBAR1
#define VBAR2 TH_VBAR2
#define VBAR3 TH_VBAR3

/* SPSR values: M[3:0] = EL:SPSel, DAIF [9:6]. */
#define SPSR_EL0T        0x000ull
#define SPSR_EL1H_MASKED 0x3c5ull
#define SPSR_EL2H_MASKED 0x3c9ull

/* EL3 tests set SCR_EL3 themselves: start from a clean NS = 0. */
static struct cpu *cpu_at(unsigned highest, uint64_t spsr)
{
	struct cpu *cpu = th_cpu_at(highest, spsr);
	cpu->sr[SR_SCR_EL3] &= ~1ull;
	return cpu;
}

static void test_b_bl(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	assert_int_equal(th_exec(cpu, 0x14000040), EXEC_BRANCH); /* b .+0x100 */
	assert_int_equal(cpu->pc, TH_CODE + 0x100);
	th_exec(cpu, 0x17fffffe); /* b .-8 */
	assert_int_equal(cpu->pc, TH_CODE + 0xf8);
	th_exec(cpu, 0x94000010); /* bl .+0x40 */
	assert_int_equal(cpu->pc, TH_CODE + 0x138);
	assert_int_equal(cpu->x[30], TH_CODE + 0xfc);
	assert_int_equal(cpu->icount, 3);
	th_free(cpu);
}

/* ConditionHolds(): every condition against every NZCV value, from its definition. */
static void test_b_cond_all(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	for (unsigned f = 0; f < 16; f++) {
		bool n = f & 8, z = f & 4, c = f & 2, v = f & 1;
		bool expect[16] = {
		        z,    !z,      c,          !c,     n,      !n,           v,
		        !v,   c && !z, !(c && !z), n == v, n != v, !z && n == v, !(!z && n == v),
		        true, true};
		for (unsigned cond = 0; cond < 16; cond++) {
			cpu->pc = TH_CODE;
			cpu->nzcv = f << 28;
			/* b.<cond> .+16 = 0x54000080 | cond */
			th_exec(cpu, 0x54000080 | cond);
			assert_int_equal(cpu->pc, expect[cond] ? TH_CODE + 16 : TH_CODE + 4);
		}
	}
	th_free(cpu);
}

static void test_cbz_tbz(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	cpu->x[3] = 0xffffffff00000000ull; /* W3 is zero, X3 is not */
	th_exec(cpu, 0x34000043);          /* cbz w3, .+8 */
	assert_int_equal(cpu->pc, TH_CODE + 8);
	cpu->pc = TH_CODE + 0x14;
	th_exec(cpu, 0xb5ffffe3); /* cbnz x3, .-4 */
	assert_int_equal(cpu->pc, TH_CODE + 0x10);
	cpu->x[5] = 1ull << 63;
	cpu->pc = TH_CODE + 0x18;
	th_exec(cpu, 0xb6f80065); /* tbz x5, #63, .+12: bit set, not taken */
	assert_int_equal(cpu->pc, TH_CODE + 0x1c);
	cpu->x[5] = 8;
	th_exec(cpu, 0x37180065); /* tbnz w5, #3, .+12: taken */
	assert_int_equal(cpu->pc, TH_CODE + 0x28);
	th_free(cpu);
}

static void test_br_blr_ret(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	cpu->x[7] = TH_CODE + 0x800;
	th_exec(cpu, 0xd61f00e0); /* br x7 */
	assert_int_equal(cpu->pc, TH_CODE + 0x800);
	cpu->x[30] = TH_CODE + 0x1000;
	th_exec(cpu, 0xd63f03c0); /* blr x30: target read before X30 is written */
	assert_int_equal(cpu->pc, TH_CODE + 0x1000);
	assert_int_equal(cpu->x[30], TH_CODE + 0x804);
	th_exec(cpu, 0xd65f03c0); /* ret */
	assert_int_equal(cpu->pc, TH_CODE + 0x804);
	cpu->x[9] = TH_CODE + 0x40;
	th_exec(cpu, 0xd65f0120); /* ret x9 */
	assert_int_equal(cpu->pc, TH_CODE + 0x40);
	th_free(cpu);
}

/* AArch64.CallSupervisor(): SVC from EL1 with SP_EL1 -> EL1, "current EL with SPx" slot. */
static void test_svc_el1(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED | 0x60000000);
	assert_int_equal(th_exec(cpu, 0xd4024681), EXEC_CALL); /* svc #0x1234 */
	assert_int_equal(cpu->el, 1);
	assert_int_equal(cpu->pc, VBAR1 + 0x200);
	assert_int_equal(cpu->sr[SR_ELR_EL1], TH_CODE + 4);
	assert_int_equal(cpu->sr[SR_ESR_EL1], 0x56001234); /* EC 0x15, IL, imm16 */
	assert_int_equal(cpu->sr[SR_SPSR_EL1], 0x600003c5);
	assert_int_equal(cpu->daif, 0x3c0);
	assert_int_equal(cpu->icount, 1); /* SVC retires */
	th_free(cpu);
}

/* SVC from EL0 -> EL1, "lower EL using AArch64" slot; with TGE -> EL2. */
static void test_svc_el0(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(2, SPSR_EL0T);
	th_exec(cpu, 0xd4024681);
	assert_int_equal(cpu->el, 1);
	assert_int_equal(cpu->pc, VBAR1 + 0x400);
	assert_int_equal(cpu->sr[SR_SPSR_EL1], 0);
	assert_int_equal(cpu->spsel, 1);

	cpu_pstate_set(cpu, SPSR_EL0T);
	cpu->pc = TH_CODE;
	cpu->sr[SR_HCR_EL2] |= 1ull << 27; /* TGE */
	th_exec(cpu, 0xd4024681);
	assert_int_equal(cpu->el, 2);
	assert_int_equal(cpu->pc, VBAR2 + 0x400);
	assert_int_equal(cpu->sr[SR_ESR_EL2], 0x56001234);
	th_free(cpu);
}

/* HVC from EL1 -> EL2 (lower EL slot); ESR 0x5a000001 as in DESIGN.md's example. */
static void test_hvc(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(2, SPSR_EL1H_MASKED);
	assert_int_equal(th_exec(cpu, 0xd4000022), EXEC_CALL); /* hvc #1 */
	assert_int_equal(cpu->el, 2);
	assert_int_equal(cpu->pc, VBAR2 + 0x400);
	assert_int_equal(cpu->sr[SR_ESR_EL2], 0x5a000001);
	assert_int_equal(cpu->sr[SR_ELR_EL2], TH_CODE + 4);
	assert_int_equal(cpu->sr[SR_SPSR_EL2], SPSR_EL1H_MASKED);

	/* HCR_EL2.HCD = 1 (no EL3): UNDEFINED, taken to EL1 at the HVC itself. */
	cpu_pstate_set(cpu, SPSR_EL1H_MASKED);
	cpu->pc = TH_CODE;
	cpu->sr[SR_HCR_EL2] |= 1ull << 29;
	assert_int_equal(th_exec_undef(cpu, 0xd4000022), 0x02000000);
	th_free(cpu);
}

static void test_hvc_undefined(void **state)
{
	(void)state;
	/* At EL0. */
	struct cpu *cpu = cpu_at(2, SPSR_EL0T);
	assert_int_equal(th_exec_undef(cpu, 0xd4000022), 0x02000000); /* to EL1 */
	th_free(cpu);
	/* Without EL2. */
	cpu = cpu_at(1, SPSR_EL1H_MASKED);
	assert_int_equal(th_exec_undef(cpu, 0xd4000022), 0x02000000);
	th_free(cpu);
	/* EL3 implemented, SCR_EL3.HCE = 0: UNDEFINED even at EL2 (vector VBAR2 + 0x200). */
	cpu = cpu_at(3, SPSR_EL2H_MASKED);
	cpu->sr[SR_SCR_EL3] |= 1; /* NS */
	assert_int_equal(th_exec_undef(cpu, 0xd4000022), 0x02000000);
	/* ... and with HCE = 1 it is an HVC to EL2 from EL2. */
	cpu->sr[SR_SCR_EL3] |= 1ull << 8;
	th_exec(cpu, 0xd4000022);
	assert_int_equal(cpu->sr[SR_ESR_EL2], 0x5a000001);
	assert_int_equal(cpu->pc, VBAR2 + 0x200);
	th_free(cpu);
}

/* AArch64.CheckForSMCUndefOrTrap(). */
static void test_smc(void **state)
{
	(void)state;
	/* No EL3, TSC = 0: UNDEFINED. */
	struct cpu *cpu = cpu_at(2, SPSR_EL1H_MASKED);
	assert_int_equal(th_exec_undef(cpu, 0xd4000843 /* smc #0x42 */), 0x02000000);
	/* TSC = 1 without EL3, HCR_EL2.NV 0: IMPLEMENTATION DEFINED by the
	 * HCR_EL2.TSC text whether it traps; el2sim traps (docs/exceptions.md). */
	cpu->sr[SR_HCR_EL2] |= 1ull << 19;
	assert_int_equal(th_exec_fault(cpu, 0xd4000843, 2, EC_SMC64), 0x5e000042);
	th_free(cpu);

	/* EL3 present, EL1, TSC = 1: trapped to EL2, EC 0x17, preferred return =
	 * the SMC itself, even with SCR_EL3.SMD = 1 (TSC is checked first). */
	cpu = cpu_at(3, SPSR_EL1H_MASKED);
	cpu->sr[SR_SCR_EL3] |= 1 | (1ull << 7);
	cpu->sr[SR_HCR_EL2] |= 1ull << 19;
	assert_int_equal(th_exec_fault(cpu, 0xd4000843, 2, EC_SMC64), 0x5e000042);
	th_free(cpu);

	/* EL3 present: from EL2 to EL3, ELR = next instruction. */
	cpu = cpu_at(3, SPSR_EL2H_MASKED);
	cpu->sr[SR_SCR_EL3] |= 1;
	assert_int_equal(th_exec(cpu, 0xd4000843), EXEC_CALL);
	assert_int_equal(cpu->el, 3);
	assert_int_equal(cpu->pc, VBAR3 + 0x400);
	assert_int_equal(cpu->sr[SR_ESR_EL3], 0x5e000042);
	assert_int_equal(cpu->sr[SR_ELR_EL3], TH_CODE + 4);
	/* SCR_EL3.SMD = 1: UNDEFINED at EL3. */
	cpu->pc = TH_CODE;
	cpu->sr[SR_SCR_EL3] |= 1ull << 7;
	assert_int_equal(th_exec_undef(cpu, 0xd4000843), 0x02000000); /* VBAR3 + 0x200 */
	th_free(cpu);
}

static void test_brk_hlt(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	/* brk #7: preferred return is the BRK */
	assert_int_equal(th_exec_fault(cpu, 0xd42000e0, 1, EC_BRK64), 0xf2000007);
	assert_int_equal(cpu->icount, 0);
	/* hlt #1: halting debug off, UNDEFINED */
	assert_int_equal(th_exec_undef(cpu, 0xd4400020), 0x02000000);
	/* hlt #0xf000 without semihosting: UNDEFINED */
	assert_int_equal(th_exec_undef(cpu, 0xd45e0000), 0x02000000);
	th_free(cpu);
}

static int semihost_calls;
static int fake_semihost(void *opaque, struct cpu *cpu)
{
	(void)opaque;
	semihost_calls++;
	cpu->x[0] = 0x99;
	return EXEC_NEXT;
}

static void test_hlt_semihosting_hook(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	cpu->hooks.semihost = fake_semihost;
	assert_int_equal(th_exec(cpu, 0xd45e0000), EXEC_NEXT);
	assert_int_equal(semihost_calls, 1);
	assert_int_equal(cpu->x[0], 0x99);
	assert_int_equal(cpu->pc, TH_CODE + 4);
	th_free(cpu);
}

/* AArch64.ExceptionReturn(): a legal return from EL2 to EL1h. */
static void test_eret_legal(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(2, SPSR_EL2H_MASKED);
	cpu->sr[SR_SPSR_EL2] = 0x80000005; /* N, DAIF clear, EL1h */
	cpu->sr[SR_ELR_EL2] = TH_CODE + 0x1000;
	cpu->excl_valid = true;
	assert_int_equal(th_exec(cpu, 0xd69f03e0), EXEC_JUMP); /* eret */
	assert_int_equal(cpu->el, 1);
	assert_int_equal(cpu->spsel, 1);
	assert_int_equal(cpu->pc, TH_CODE + 0x1000);
	assert_int_equal(cpu->nzcv, 0x80000000);
	assert_int_equal(cpu->daif, 0);
	assert_int_equal(cpu->il, 0);
	assert_false(cpu->excl_valid);
	assert_true(cpu->event_register);
	th_free(cpu);
}

/* IllegalExceptionReturn(): each case sets PSTATE.IL, keeps EL and SPSel,
 * and the next instruction takes EC 0x0E. */
static void check_illegal_return(unsigned highest, uint64_t from_spsr, uint64_t scr, uint64_t hcr,
                                 uint64_t bad_spsr)
{
	struct cpu *cpu = cpu_at(highest, from_spsr);
	static const enum sysreg_id spsr_of[4] = {0, SR_SPSR_EL1, SR_SPSR_EL2, SR_SPSR_EL3};
	static const enum sysreg_id elr_of[4] = {0, SR_ELR_EL1, SR_ELR_EL2, SR_ELR_EL3};
	static const enum sysreg_id esr_of[4] = {0, SR_ESR_EL1, SR_ESR_EL2, SR_ESR_EL3};
	static const uint64_t vbar[4] = {0, VBAR1, VBAR2, VBAR3};
	unsigned el = cpu->el;
	cpu->sr[SR_SCR_EL3] |= scr;
	cpu->sr[SR_HCR_EL2] |= hcr;
	cpu->sr[spsr_of[el]] = bad_spsr;
	cpu->sr[elr_of[el]] = TH_CODE + 0x2000;
	th_exec(cpu, 0xd69f03e0);
	assert_int_equal(cpu->el, el);
	assert_int_equal(cpu->spsel, 1);
	assert_int_equal(cpu->il, 1);
	assert_int_equal(cpu->pc, TH_CODE + 0x2000);
	assert_int_equal(cpu->nzcv, bad_spsr & 0xf0000000);
	/* Next instruction: Illegal Execution state, ELR = its address, SPSR.IL = 1. */
	assert_int_equal(th_exec(cpu, 0xd503201f), EXEC_EXC);
	assert_int_equal(cpu->sr[esr_of[el]], 0x3a000000);
	assert_int_equal(cpu->sr[elr_of[el]], TH_CODE + 0x2000);
	assert_true(cpu->sr[spsr_of[el]] & (1ull << 20));
	assert_int_equal(cpu->pc, vbar[el] + 0x200);
	assert_int_equal(cpu->il, 0);
	th_free(cpu);
}

static void test_eret_illegal(void **state)
{
	(void)state;
	check_illegal_return(2, SPSR_EL2H_MASKED, 0, 0, 0x3cd); /* to EL3: not implemented */
	check_illegal_return(3, SPSR_EL2H_MASKED, 1, 0, 0x3cd); /* to a higher EL */
	check_illegal_return(2, SPSR_EL2H_MASKED, 0, 0, 0x3c7); /* M[1] = 1 is reserved */
	check_illegal_return(2, SPSR_EL2H_MASKED, 0, 0, 0x3c1); /* EL0 with SPSel = 1 */
	check_illegal_return(2, SPSR_EL2H_MASKED, 0, 0, 0x3d3); /* AArch32: not implemented */
	check_illegal_return(2, SPSR_EL2H_MASKED, 0, 1ull << 27, 0x3c5); /* to EL1 with TGE */
	check_illegal_return(3, 0x3cd, 0, 0, 0x3c9); /* to EL2 with SCR_EL3.NS = 0 */
	check_illegal_return(1, SPSR_EL1H_MASKED, 0, 0, 0xf0000009); /* to EL2: not implemented */
}

static void test_eret_el0_undefined(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL0T);
	assert_int_equal(th_exec_undef(cpu, 0xd69f03e0), 0x02000000); /* to EL1 */
	th_free(cpu);
}

static void test_pstate_access(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(2, SPSR_EL2H_MASKED);
	th_exec(cpu, 0xd5384240); /* mrs x0, CurrentEL */
	assert_int_equal(cpu->x[0], 0x8);
	th_exec(cpu, 0xd5034fff); /* msr DAIFClr, #0xf */
	assert_int_equal(cpu->daif, 0);
	th_exec(cpu, 0xd50342df); /* msr DAIFSet, #2: I */
	assert_int_equal(cpu->daif, 0x80);
	cpu->x[2] = ~0ull;
	th_exec(cpu, 0xd51b4202); /* msr nzcv, x2 */
	assert_int_equal(cpu->nzcv, 0xf0000000);
	th_exec(cpu, 0xd53b4201); /* mrs x1, nzcv */
	assert_int_equal(cpu->x[1], 0xf0000000);
	cpu->x[4] = 0x12340;
	th_exec(cpu, 0xd51c4104); /* msr sp_el1, x4 */
	assert_int_equal(cpu->sp_el[1], 0x12340);
	cpu->sp_el[0] = 0x777;
	th_exec(cpu, 0xd5384103); /* mrs x3, sp_el0 */
	assert_int_equal(cpu->x[3], 0x777);
	th_exec(cpu, 0xd50040bf); /* msr SPSel, #0 */
	assert_int_equal(cpu->sp_idx, 0);
	/* mrs x3, sp_el0 with SPSel = 0: UNDEFINED, vector "current EL with SP_EL0" */
	assert_int_equal(th_exec_undef(cpu, 0xd5384103), 0x02000000);
	th_free(cpu);
}

static void test_sysreg_undefined(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	static const uint32_t words[] = {
	        0xd538ffe5, /* mrs x5, s3_0_c15_c15_7: no such register */
	        0xd53cc007, /* mrs x7, vbar_el2: no EL2 */
	        0xd500419f, /* msr pan, #1: FEAT_PAN not implemented */
	        0xd6bf03e0, /* drps: not in Debug state */
	        0xd4a00001, /* dcps1: not in Debug state */
	        0x00000000, /* udf #0 */
	};
	for (unsigned i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		assert_int_equal(th_exec_undef(cpu, words[i]), 0x02000000); /* ELR = TH_CODE */
	th_free(cpu);
}

/* Reserved encodings of the ID space (CRn 0, CRm 1-7) read as zero; they are not writable. */
static void test_id_space_raz(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	cpu->x[0] = cpu->x[1] = cpu->x[2] = ~0ull;
	th_exec_ok(cpu, 0xd5380720); /* mrs x0, id_aa64mmfr1_el1: not in the table */
	th_exec_ok(cpu, 0xd5380101); /* mrs x1, id_pfr0_el1: AArch32 ID space */
	th_exec_ok(cpu, 0xd53803e2); /* mrs x2, s3_0_c0_c3_7: reserved */
	assert_int_equal(cpu->x[0], 0);
	assert_int_equal(cpu->x[1], 0);
	assert_int_equal(cpu->x[2], 0);
	th_exec_undef(cpu, 0xd5180723); /* msr id_aa64mmfr1_el1, x3 */
	th_free(cpu);
}

/* EL0 access controlled by SCTLR_EL1 bits traps to EL1 with EC 0x18. */
static void test_el0_sysreg_traps(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL0T);
	/* mrs x9, daif; UMA = 0 */
	/* ISS: Op0 3 <<20, Op2 1 <<17, Op1 3 <<14, CRn 4 <<10, Rt 9 <<5, CRm 2 <<1, read 1 */
	assert_int_equal(th_exec_fault(cpu, 0xd53b4229, 1, EC_SYS64),
	                 0x62000000 | 0x300000 | 0x20000 | 0xc000 | 0x1000 | 0x120 | 0x4 | 0x1);
	cpu->sr[SR_SCTLR_EL1] |= 1ull << 15; /* UCT */
	th_exec_ok(cpu, 0xd53b002a);         /* mrs x10, ctr_el0 */
	assert_int_equal(cpu->el, 0);
	/* RES1 [31], CWG 4, ERG 4, DminLine 4, L1Ip 0b10 VIPT, IminLine 4. */
	assert_int_equal(cpu->x[10],
	                 0x80000000 | (4u << 24) | (4u << 20) | (4u << 16) | (2u << 14) | 4u);
	cpu->sr[SR_TPIDRRO_EL0] = 0xabc;
	th_exec_ok(cpu, 0xd53bd06b); /* mrs x11, tpidrro_el0: readable at EL0 */
	assert_int_equal(cpu->x[11], 0xabc);
	/* msr tpidrro_el0, x11: UNDEFINED at EL0, taken to EL1 */
	assert_int_equal(th_exec_undef(cpu, 0xd51bd06b), 0x02000000);
	th_free(cpu);
}

static void test_hints_barriers_maintenance(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	static const uint32_t nops[] = {
	        0xd503201f, /* nop */
	        0xd503203f, /* yield */
	        0xd5033f9f, /* dsb sy */
	        0xd5033fdf, /* isb */
	        0xd5033bbf, /* dmb ish */
	        0xd508751f, /* ic iallu */
	        0xd508871f, /* tlbi vmalle1 */
	};
	for (unsigned i = 0; i < sizeof(nops) / sizeof(nops[0]); i++) {
		th_exec_ok(cpu, nops[i]);
		assert_int_equal(cpu->el, 1);
	}
	cpu->excl_valid = true;
	th_exec(cpu, 0xd5033f5f); /* clrex */
	assert_false(cpu->excl_valid);
	th_exec(cpu, 0xd503209f); /* sev */
	assert_true(cpu->event_register);
	th_free(cpu);
}

/* DC ZVA with stage 1 off: Device memory, so an Alignment fault (DFSC 0b100001, WnR). */
static void test_dc_zva(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	cpu->x[6] = TH_DATA;
	/* dc zva, x6 */
	assert_int_equal(th_exec_fault(cpu, 0xd50b7426, 1, EC_DABT_CUR), 0x96000061);
	assert_int_equal(cpu->sr[SR_FAR_EL1], TH_DATA);
	/* From EL0 with SCTLR_EL1.DZE = 0: trapped, EC 0x18. */
	cpu_pstate_set(cpu, SPSR_EL0T);
	th_exec_fault(cpu, 0xd50b7426, 1, EC_SYS64);
	th_free(cpu);
}

/* A branch to a misaligned address faults at the fetch: EC 0x22, FAR = ELR = the PC. */
static void test_pc_alignment(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	cpu->x[7] = TH_CODE + 0x102;
	th_exec(cpu, 0xd61f00e0); /* br x7 */
	assert_int_equal(cpu_step(cpu), EXEC_EXC);
	assert_int_equal(cpu->sr[SR_ESR_EL1], 0x8a000000);
	assert_int_equal(cpu->sr[SR_FAR_EL1], TH_CODE + 0x102);
	assert_int_equal(cpu->sr[SR_ELR_EL1], TH_CODE + 0x102);
	assert_int_equal(cpu->pc, VBAR1 + 0x200);
	th_free(cpu);
}

/* Fetching where nothing answers: a synchronous external abort on fetch, IFSC 0b010000. */
static void test_fetch_abort(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(2, SPSR_EL0T);
	cpu->x[7] = 0x1000;
	th_exec(cpu, 0xd61f00e0); /* br x7 */
	cpu_step(cpu);
	assert_int_equal(cpu->el, 1);
	assert_int_equal(cpu->sr[SR_ESR_EL1], 0x82000010); /* EC 0x20 from EL0 */
	assert_int_equal(cpu->sr[SR_FAR_EL1], 0x1000);
	cpu->pc = 0x2000;
	cpu_step(cpu);
	assert_int_equal(cpu->sr[SR_ESR_EL1], 0x86000010); /* EC 0x21 from EL1 */
	th_free(cpu);
}

/* A vector table in nowhere: exceptions without progress stop the run. */
static void test_stuck_detection(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	cpu->sr[SR_VBAR_EL1] = 0x10000;
	uint32_t udf = 0;
	th_put_words(cpu, TH_CODE, &udf, 1);
	cpu->insn_limit = 1000000;
	assert_int_equal(cpu_run(cpu), STOP_STUCK);
	assert_int_equal(cpu->sr[SR_ESR_EL1], 0x86000010);
	assert_int_equal(cpu->icount, 0);
	th_free(cpu);
}

/*
 * A handler that faults on its own first access (here: a stack with nothing
 * behind it) recurses while SP descends and an instruction retires each
 * time; the same exception from inside the vector table, repeated, stops the
 * run as stuck.
 */
static void test_stuck_recursive_handler(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	uint32_t handler[] = {0xd10403ff /* sub sp, sp, #0x100 */, 0xf90003e0 /* str x0, [sp] */};
	th_put_words(cpu, VBAR1 + 0x200, handler, 2);
	uint32_t udf = 0;
	th_put_words(cpu, TH_CODE, &udf, 1);
	cpu->sp_el[1] = 0x10000; /* no RAM there: every push is an External abort */
	cpu->insn_limit = 1000000;
	assert_int_equal(cpu_run(cpu), STOP_STUCK);
	assert_true(cpu->icount < 1000);
	assert_int_equal(cpu->sr[SR_ELR_EL1], VBAR1 + 0x204);
	/*
	 * The last exception is the STR's: a Data Abort from EL1 to EL1 (no EL2
	 * here), EC 0x25, IL 1, ISV 0 (ESR_EL1 has no instruction syndrome for
	 * a stage 1 abort, nor for a synchronous External abort with FEAT_RAS),
	 * FnV 0 (FAR valid), EA 0 (the IMPLEMENTATION DEFINED classification
	 * docs/exceptions.md states), WnR 1 (a store), DFSC 0b010000
	 * (synchronous External abort, not on a walk):
	 * 0x25 << 26 | 1 << 25 | 1 << 6 | 0x10.
	 */
	assert_int_equal(cpu->sr[SR_ESR_EL1], 0x96000050);
	/*
	 * Only the SUBs retire (the UDF and the STRs take exceptions), each
	 * moving SP_EL1 down by 0x100 from 0x10000 before the STR to [sp]
	 * faults: FAR_EL1 = SP_EL1 = 0x10000 - 0x100 * icount.
	 */
	assert_true(cpu->icount >= 1);
	assert_int_equal(cpu->sr[SR_FAR_EL1], 0x10000 - 0x100 * cpu->icount);
	assert_int_equal(cpu->sp_el[1], 0x10000 - 0x100 * cpu->icount);
	th_free(cpu);
}

/* Stores to decoded code are seen by the next fetch (self-modifying code). */
static void test_self_modifying(void **state)
{
	(void)state;
	struct cpu *cpu = cpu_at(1, SPSR_EL1H_MASKED);
	/* 0: str w1, [x2] overwrites the decoded NOP at 4 with "b .+8". */
	uint32_t prog[] = {0xb9000041 /* str w1, [x2] */, 0xd503201f /* nop */, 0xd503201f,
	                   0xd503201f};
	th_put_words(cpu, TH_CODE, prog, 4);
	cpu->x[1] = 0x14000002; /* b .+8 */
	cpu->x[2] = TH_CODE + 4;
	/* Run the first NOP once so it is decoded, then come back. */
	cpu->pc = TH_CODE + 4;
	cpu_step(cpu);
	cpu->pc = TH_CODE;
	cpu->insn_limit = cpu->icount + 2;
	cpu_run(cpu);
	assert_int_equal(cpu->pc, TH_CODE + 12);
	th_free(cpu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_b_bl),
	        cmocka_unit_test(test_b_cond_all),
	        cmocka_unit_test(test_cbz_tbz),
	        cmocka_unit_test(test_br_blr_ret),
	        cmocka_unit_test(test_svc_el1),
	        cmocka_unit_test(test_svc_el0),
	        cmocka_unit_test(test_hvc),
	        cmocka_unit_test(test_hvc_undefined),
	        cmocka_unit_test(test_smc),
	        cmocka_unit_test(test_brk_hlt),
	        cmocka_unit_test(test_hlt_semihosting_hook),
	        cmocka_unit_test(test_eret_legal),
	        cmocka_unit_test(test_eret_illegal),
	        cmocka_unit_test(test_eret_el0_undefined),
	        cmocka_unit_test(test_pstate_access),
	        cmocka_unit_test(test_sysreg_undefined),
	        cmocka_unit_test(test_id_space_raz),
	        cmocka_unit_test(test_el0_sysreg_traps),
	        cmocka_unit_test(test_hints_barriers_maintenance),
	        cmocka_unit_test(test_dc_zva),
	        cmocka_unit_test(test_pc_alignment),
	        cmocka_unit_test(test_fetch_abort),
	        cmocka_unit_test(test_stuck_detection),
	        cmocka_unit_test(test_stuck_recursive_handler),
	        cmocka_unit_test(test_self_modifying),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
