/* SPDX-License-Identifier: MIT */
/*
 * The instruction storm (docs/testing.md, "Fuzzing"): millions of random
 * instruction words run at EL1 under a tiny EL2 handler that catches every
 * exception and moves on. Whatever the words do, el2sim must not crash,
 * hang or report a sanitizer error, and the same seed must give the same
 * result: the test (tests/fuzz/meson.build) runs this twice and compares
 * the "storm:" line, which holds a hash of the random code's registers at
 * the end of every round and of its scratch memory.
 *
 *     el2sim --el 2 --semihosting --stats storm.elf [-- SEED]
 *
 * Started at EL2. The code buffer is filled from a xorshift64* generator
 * seeded from the command line (SYS_GET_CMDLINE), with three rewrites that
 * keep every round finite: PC-relative branches get a small forward offset,
 * branches to registers (BR, BLR, RET, ERET, ...) and MSR VBAR_EL1 are drawn
 * again, and so is HLT (semihosting would let the storm exit or open files).
 * The PC then only ever moves forward: storm_vectors.S explains the handler.
 *
 * EL1 runs with stage 1 off and stage 2 on (mmu.h): the code buffer is
 * mapped read-only and the scratch area read/write and execute-never; the
 * rest of the address space, the image and the UART included, is not
 * mapped, so the random code can neither rewrite itself nor reach EL2's
 * memory. HCR_EL2.TVM keeps EL1's stage 1 off; TWI/TWE turn WFI/WFE into
 * traps. Each round draws new registers, a start point, PSTATE (EL1h, EL1t
 * or EL0t, NZCV, DAIF) and extra trap and control bits (HCR_EL2, MDCR_EL2,
 * CPTR_EL2, CPACR_EL1, SCTLR_EL1, CNTHCTL_EL2).
 */
#include "rt.h"

#include "../probes/mmu.h"

#define STORM_WORDS   (256u * 1024) /* 1 MiB of code */
#define STORM_SCRATCH (64u * 1024)  /* bytes */
#define STORM_ROUNDS  24
#define STORM_SEED    0x5eed0f57015e5ull

#define S2_AP_RO (1ull << 6)
/* HCR_EL2: RW, VM, TVM, TWI, TWE, TSC, and FMO/IMO/AMO (virtual interrupts). */
#define HCR_BASE \
	(HCR_RW | HCR_VM | HCR_TVM | HCR_TWI | HCR_TWE | HCR_TSC | HCR_FMO | HCR_IMO | HCR_AMO)
/* Drawn per round: SWIO, PTW, FB, BSU, TID0-3, TIDCP, TACR, TSW, TPCP, TPU, TTLB, TDZ,
 * TRVM. Never TGE (EL1 must run) or DC (stage 1 stays off). */
#define HCR_RANDOM 0x43ff8e06ull

uint32_t storm_code[STORM_WORDS] __attribute__((aligned(4096)));
static uint8_t storm_scratch[STORM_SCRATCH] __attribute__((aligned(4096)));
uint64_t storm_code_end;
uint64_t storm_final[31];
uint64_t storm_nexc;

extern char storm_vectors[], rt_vectors[];
void storm_enter(const uint64_t regs[31], uint64_t pc, uint64_t spsr);

static uint64_t storm_rand(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dull;
}

/* Replace bits [lo + n - 1 : lo] of w with v. */
static uint32_t storm_field(uint32_t w, unsigned lo, unsigned n, uint32_t v)
{
	uint32_t m = ((1u << n) - 1) << lo;
	return (w & ~m) | ((v << lo) & m);
}

/*
 * One instruction word: a quarter from the system class (MRS, MSR, SYS:
 * random system registers and operations), a quarter from the loads and
 * stores, the rest uniform; then the rewrites that keep the PC moving forward.
 */
static uint32_t storm_word(uint64_t *s)
{
	for (;;) {
		uint64_t r = storm_rand(s);
		uint32_t w = (uint32_t)(r >> 32), fwd = 1 + (uint32_t)(r & 15);

		switch ((r >> 4) & 3) {
		case 0: w = 0xd5000000u | (w & 0x3fffffu); break;
		case 1: w = (w & ~0x0a000000u) | 0x08000000u; break;
		default: break;
		}
		if ((w & 0xfe000000u) == 0xd6000000u || /* branch (register), ERET */
		    (w & 0xffe0001fu) == 0xd4400000u || /* HLT */
		    (w & 0xffffffe0u) == 0xd518c000u)   /* MSR VBAR_EL1, Xt */
			continue;
		if ((w & 0x7c000000u) == 0x14000000u) /* B, BL: imm26 */
			return storm_field(w, 0, 26, fwd);
		if ((w & 0x7e000000u) == 0x34000000u || /* CBZ, CBNZ: imm19 */
		    (w & 0xfe000000u) == 0x54000000u)   /* B.cond: imm19 */
			return storm_field(w, 5, 19, fwd);
		if ((w & 0x7e000000u) == 0x36000000u) /* TBZ, TBNZ: imm14 */
			return storm_field(w, 5, 14, fwd);
		return w;
	}
}

/* The seed: the last argument on the command line, decimal or 0x hex. */
static uint64_t storm_seed(void)
{
	static char line[256];
	uint64_t block[2] = {(uint64_t)line, sizeof(line)}, seed = 0;
	const char *p, *arg = NULL;

	if (rt_semihost(0x15, block) != 0) /* SYS_GET_CMDLINE */
		return STORM_SEED;
	for (p = line; *p; p++)
		if (*p != ' ' && (p == line || p[-1] == ' '))
			arg = p;
	if (!arg || arg == line)
		return STORM_SEED;
	if (arg[0] == '0' && arg[1] == 'x') {
		for (p = arg + 2; *p && *p != ' '; p++)
			seed = seed * 16 +
			       (uint64_t)(*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
	} else {
		for (p = arg; *p >= '0' && *p <= '9'; p++)
			seed = seed * 10 + (uint64_t)(*p - '0');
	}
	return seed ? seed : STORM_SEED;
}

/* FNV-1a over 64-bit words. */
static uint64_t storm_hash(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

/* A register value: an address in the scratch area half of the time. */
static uint64_t storm_reg(uint64_t *s)
{
	uint64_t r = storm_rand(s);
	if (r & 1)
		return (uint64_t)storm_scratch + ((r >> 8) & (STORM_SCRATCH - 1));
	return storm_rand(s);
}

int main(void)
{
	uint64_t seed = storm_seed(), s = seed, hash = 0xcbf29ce484222325ull;
	uint64_t regs[31], *s2, t0, t1;
	static const uint64_t modes[3] = {SPSR_EL1H, SPSR_EL1T, SPSR_EL0T};

	if (rt_current_el() != 2) {
		rt_printf("storm: start me at EL2 (--el 2)\n");
		return 1;
	}
	for (unsigned i = 0; i < STORM_WORDS; i++)
		storm_code[i] = storm_word(&s);
	storm_code_end = (uint64_t)&storm_code[STORM_WORDS];
	__asm__ volatile("dsb sy\n\tic iallu\n\tdsb sy\n\tisb" ::: "memory");

	s2 = mmu_new_table();
	mmu_map(s2, (uint64_t)storm_code, (uint64_t)storm_code, sizeof(storm_code),
	        S2_MEMATTR_NORMAL_WB | S2_AP_RO | PTE_SH_INNER | PTE_AF);
	mmu_map(s2, (uint64_t)storm_scratch, (uint64_t)storm_scratch, sizeof(storm_scratch),
	        S2_NORMAL | PTE_UXN);
	mmu_s2_setup(s2);
	WRITE_SYSREG(vbar_el1, 0);
	WRITE_SYSREG(vbar_el2, storm_vectors);

	t0 = READ_SYSREG(cntpct_el0);
	for (unsigned round = 0; round < STORM_ROUNDS; round++) {
		for (unsigned i = 0; i < 31; i++)
			regs[i] = storm_reg(&s);
		uint64_t start = (uint64_t)&storm_code[storm_rand(&s) % (STORM_WORDS / 4)];
		uint64_t r = storm_rand(&s);
		uint64_t spsr = (r & 0xf0000000ull) | (r & SPSR_DAIF) | modes[(r >> 12) % 3];

		uint64_t hcr = HCR_BASE | (storm_rand(&s) & HCR_RANDOM), v = storm_rand(&s);
		for (unsigned i = 0; i < 3; i++)
			if (((v >> 3 * i) & 7) == 0)
				hcr |= HCR_VF << i; /* VF, VI, VSE: one round in eight each */
		WRITE_SYSREG(hcr_el2, hcr);
		WRITE_SYSREG(mdcr_el2, storm_rand(&s) & 0xfe0); /* HPMN stays 0; TPM..TDRA, TDE */
		WRITE_SYSREG(cptr_el2, 0x33ff | (storm_rand(&s) & 0x80000400));
		WRITE_SYSREG(cpacr_el1, storm_rand(&s) & 0x00300000);
		WRITE_SYSREG(sctlr_el1,
		             0x30d00800 | (storm_rand(&s) & 0x040dd21eull)); /* M stays 0 */
		WRITE_SYSREG(cnthctl_el2, storm_rand(&s) & 0xff);
		WRITE_SYSREG(sp_el0, (uint64_t)storm_scratch + STORM_SCRATCH / 2);
		WRITE_SYSREG(sp_el1,
		             (uint64_t)storm_scratch + STORM_SCRATCH / 2 + (storm_rand(&s) & 15));
		__asm__ volatile("tlbi vmalls12e1\n\tdsb sy\n\tisb" ::: "memory");

		storm_enter(regs, start, spsr);
		hash = storm_hash(hash, storm_final, sizeof(storm_final));
	}
	t1 = READ_SYSREG(cntpct_el0);
	WRITE_SYSREG(vbar_el2, rt_vectors);
	WRITE_SYSREG(hcr_el2, HCR_BASE & ~HCR_VM);
	hash = storm_hash(hash, storm_scratch, sizeof(storm_scratch));

	rt_printf("storm: seed 0x%llx rounds %u exceptions %llu ticks %llu hash 0x%016llx\n",
	          (unsigned long long)seed, STORM_ROUNDS, (unsigned long long)storm_nexc,
	          (unsigned long long)(t1 - t0), (unsigned long long)hash);
	return 0;
}
