/*
 * Containment: whatever the guest does, el2sim reaches only its RAM and the
 * board's device windows, and allocates within bounds.
 *
 * The CPU runs over the real board (sim/board.c: the PL011 and the GICv3),
 * with RAM moved to the heap so that AddressSanitizer (the sanitizer build)
 * reports any host access beyond it. Expected values:
 * - the memory map of QEMU's virt board (docs/cli.md "The board"), restated
 *   below: RAM, the PL011 at 0x0900_0000 (4 KiB), the GICv3 Distributor at
 *   0x0800_0000 (64 KiB) and Redistributor at 0x080A_0000 (two 64 KiB
 *   frames); any other physical address answers with a synchronous External
 *   abort (DFSC 0b010000);
 * - the Arm ARM's Mem[] (J1 aarch64/functions/memory; its AArch32 twin
 *   Mem_with_type shows the same loop): an aligned access is one access; an
 *   unaligned one to Normal memory is made byte by byte in increasing
 *   address order, so the first byte that faults is the FAR; a load/store
 *   pair is two accesses of its element size, checked for alignment by that
 *   size; any unaligned access to Device memory is an Alignment fault
 *   (DFSC 0b100001) before any access is made;
 * - with stage 1 off, data accesses are Device-nGnRnE (D8, "The effects of
 *   disabling an address translation stage");
 * - ESR_ELx for a Data Abort (D19.2): EC 0x24 from a lower EL, 0x25 from the
 *   same, IL 1, ISV 0 except for a stage-2 abort on a single register, WnR
 *   [6], DFSC; an Instruction Abort is EC 0x20/0x21 with IFSC; a synchronous
 *   External abort on a translation table walk is FSC 0b0101LL, LL the
 *   level; AArch64.DataAbort takes a fault of stage 2 (IsSecondStage, which
 *   AArch64.S2Translate sets before its walk) to EL2.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE (1ull << 20)
#define RAM_END  (RAM_BASE + RAM_SIZE)
/* The instruction under test; the edges of RAM stay free for the data. */
#define CODE     (RAM_BASE + RAM_SIZE / 2)

#define SPSR_EL1H 0x3c5ull /* EL1, SP_EL1, DAIF masked */
#define SPSR_EL2H 0x3c9ull

/* ESR_ELx: EC [31:26], IL [25], WnR [6] */
#define ESR_DABT_SAME  (0x25u << 26 | 1u << 25)
#define ESR_DABT_LOWER (0x24u << 26 | 1u << 25)
#define ESR_IABT_SAME  (0x21u << 26 | 1u << 25)
#define ESR_IABT_LOWER (0x20u << 26 | 1u << 25)
#define ESR_WNR        (1u << 6)
#define FSC_SEA        0x10u
#define FSC_SEA_WALK   0x14u /* + level */
#define FSC_ALIGNMENT  0x21u

/* The device windows of the virt board (hw/arm/virt.c base_memmap). */
static const struct window {
	const char *name;
	uint64_t base, size;
} windows[] = {
        {"PL011", 0x09000000, 0x1000},
        {"GICD", 0x08000000, 0x10000},
        {"GICR", 0x080a0000, 0x20000},
};

/* One load and one store per access size (GNU as); X1 the address, X3 (and X4) the data. */
static const struct access {
	unsigned size;
	uint32_t load, store;
} accesses[] = {
        {1, 0x39400023 /* ldrb w3, [x1] */, 0x39000023 /* strb w3, [x1] */},
        {2, 0x79400023 /* ldrh w3, [x1] */, 0x79000023 /* strh w3, [x1] */},
        {4, 0xb9400023 /* ldr w3, [x1] */, 0xb9000023 /* str w3, [x1] */},
        {8, 0xf9400023 /* ldr x3, [x1] */, 0xf9000023 /* str x3, [x1] */},
        {16, 0xa9401023 /* ldp x3, x4, [x1] */, 0xa9001023 /* stp x3, x4, [x1] */},
};

/* What a store writes: X3 then X4, little-endian. */
#define STORE_X3 0x8877665544332211ull
#define STORE_X4 0xffeeddccbbaa9900ull

struct rig {
	struct board board;
	struct cpu *cpu;
	uint8_t *ram;
	uint64_t ram_size;
};

static uint8_t pattern(uint64_t pa)
{
	return (uint8_t)(pa * 0x9d + 0x31);
}

/* The board with a CPU whose highest EL is 2; RAM on the heap, patterned. */
static struct rig *rig_new(uint64_t ram_size)
{
	struct rig *g = calloc(1, sizeof(*g));
	assert_non_null(g);
	assert_int_equal(board_init(&g->board, ram_size, -1, -1), 0);
	g->ram_size = ram_size;
	g->ram = malloc(ram_size);
	assert_non_null(g->ram);
	for (uint64_t i = 0; i < ram_size; i++)
		g->ram[i] = pattern(RAM_BASE + i);
	struct bus bus = g->board.bus;
	bus.ram = g->ram;
	g->cpu = cpu_new(&bus, 2);
	assert_non_null(g->cpu);
	board_attach_cpu(&g->board, g->cpu);
	g->cpu->sr[SR_SCTLR_EL2] &= ~2ull; /* A: no alignment check beyond the memory type's */
	return g;
}

static void rig_free(struct rig *g)
{
	board_attach_cpu(&g->board, NULL);
	cpu_free(g->cpu);
	board_free(&g->board);
	free(g->ram);
	free(g);
}

static uint8_t *rig_ram(struct rig *g, uint64_t pa)
{
	assert_true(pa - RAM_BASE < g->ram_size);
	return g->ram + (pa - RAM_BASE);
}

static void rig_put64(struct rig *g, uint64_t pa, uint64_t v)
{
	memcpy(rig_ram(g, pa), &v, 8);
	cpu_code_written(g->cpu, pa);
}

/* Place insn at pc (rewriting it only when it changes: each write drops the decoded page). */
static void rig_put_insn(struct rig *g, uint64_t pc, uint32_t insn)
{
	if (memcmp(rig_ram(g, pc), &insn, 4)) {
		memcpy(rig_ram(g, pc), &insn, 4);
		cpu_code_written(g->cpu, pc);
	}
}

/* Execute insn at CODE with X1 = va in the PSTATE spsr; the exec status. */
static int rig_exec(struct rig *g, uint64_t spsr, uint32_t insn, uint64_t va)
{
	struct cpu *cpu = g->cpu;
	rig_put_insn(g, CODE, insn);
	cpu_pstate_set(cpu, spsr);
	cpu->pc = CODE;
	cpu->x[1] = va;
	cpu->x[3] = STORE_X3;
	cpu->x[4] = STORE_X4;
	return cpu_step(cpu);
}

/* ---- translation tables ---- */

#define S1_L1         (RAM_BASE + 0x40000)
#define S1_L2         (RAM_BASE + 0x41000)
#define S2_L1         (RAM_BASE + 0x44000)
#define S2_L2         (RAM_BASE + 0x45000)
#define TABLE(pa)     ((pa) | 3)
#define S1_BLOCK(pa)  ((pa) | 1ull << 10 | 3ull << 8 | 1) /* AF, inner shareable, AttrIndx 0 */
#define S2_BLOCK(pa)  ((pa) | 1ull << 10 | 3ull << 8 | 3ull << 6 | 0xfull << 2 | 1)
/* TCR_EL1, TCR_EL2 and VTCR_EL2 alike: T0SZ 25 (start level 1 with a 4K
 * granule), IRGN0 and ORGN0 Write-Back, SH0 Inner Shareable, TG0 4K. */
#define TCR_T0_4K_L1  (25 | 1ull << 8 | 1ull << 10 | 3ull << 12)
#define TCR_EL2_PS_40 (2ull << 16) /* TCR_EL2.PS and VTCR_EL2.PS: 40 bits */

/* Write the descriptors desc[0..n) at table[0..n). */
static void rig_put_table(struct rig *g, uint64_t table, const uint64_t *desc, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		rig_put64(g, table + 8 * i, desc[i]);
}

/* Stage 1 of EL2 on: 4K granule, T0SZ 25 (start level 1), PS 40 bits, and two
 * 1 GiB blocks of Normal Write-Back memory mapping VA 0 - 2 GiB flat: RAM,
 * the device windows and the holes around them, all as Normal memory. */
static void rig_el2_normal_map(struct rig *g)
{
	struct cpu *cpu = g->cpu;
	rig_put_table(g, S1_L1, (const uint64_t[]){S1_BLOCK(0x00000000), S1_BLOCK(0x40000000)}, 2);
	cpu->sr[SR_MAIR_EL2] = 0xff;
	cpu->sr[SR_TCR_EL2] = TCR_T0_4K_L1 | TCR_EL2_PS_40;
	cpu->sr[SR_TTBR0_EL2] = S1_L1;
	cpu->sr[SR_SCTLR_EL2] |= 1; /* M */
	cpu_tlb_flush(cpu);
}

enum region { REGION_NONE, REGION_RAM, REGION_DEVICE };

static enum region region_of(const struct rig *g, uint64_t pa)
{
	if (pa - RAM_BASE < g->ram_size)
		return REGION_RAM;
	for (unsigned i = 0; i < sizeof(windows) / sizeof(windows[0]); i++)
		if (pa - windows[i].base < windows[i].size)
			return REGION_DEVICE;
	return REGION_NONE;
}

/*
 * The architectural outcome of an access of size bytes at va (VA = PA):
 * align_fault; else the address of the first access that nothing answers
 * (sea, 0 for none: a byte, for an unaligned access to Normal memory, else
 * an element), and whether an access before it reaches a device, whose
 * answer (data or an External abort there) is the device's business.
 */
struct outcome {
	bool align_fault;
	uint64_t sea;
	bool device;
};

static struct outcome expected(const struct rig *g, uint64_t va, unsigned size, bool normal)
{
	unsigned esize = size == 16 ? 8 : size;
	bool aligned = va % esize == 0;
	struct outcome o = {.align_fault = !aligned && !normal};
	unsigned step = aligned ? esize : 1;

	for (unsigned off = 0; off < size && !o.align_fault; off += step) {
		enum region r = region_of(g, va + off);
		if (r == REGION_NONE) {
			o.sea = va + off;
			break;
		}
		o.device |= r == REGION_DEVICE;
	}
	return o;
}

static uint64_t load_le(const struct rig *g, uint64_t pa, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)g->ram[pa - RAM_BASE + i] << (8 * i);
	return v;
}

/* Every RAM byte within 32 of va still holds its pattern, but those in [lo, hi). */
static void assert_ram_untouched(const struct rig *g, uint64_t va, uint64_t lo, uint64_t hi,
                                 const char *what)
{
	for (uint64_t pa = va - 32; pa != va + 48; pa++)
		if (pa - RAM_BASE < g->ram_size && (pa < lo || pa >= hi) &&
		    g->ram[pa - RAM_BASE] != pattern(pa))
			fail_msg("%s: RAM byte 0x%llx changed", what, (unsigned long long)pa);
}

static void restore_pattern(struct rig *g, uint64_t va)
{
	for (uint64_t pa = va - 32; pa != va + 48; pa++)
		if (pa - RAM_BASE < g->ram_size)
			g->ram[pa - RAM_BASE] = pattern(pa);
}

/*
 * The exception the last step took (st its status): to EL el, with this ESR
 * and FAR, and ELR = elr.
 */
static void assert_taken(const struct cpu *cpu, int st, unsigned el, uint64_t esr, uint64_t far,
                         uint64_t elr, const char *what)
{
	static const enum sysreg_id esr_of[] = {SR_NONE, SR_ESR_EL1, SR_ESR_EL2};
	static const enum sysreg_id far_of[] = {SR_NONE, SR_FAR_EL1, SR_FAR_EL2};
	static const enum sysreg_id elr_of[] = {SR_NONE, SR_ELR_EL1, SR_ELR_EL2};
	assert_true(el == 1 || el == 2);
	if (st != EXEC_EXC || cpu->el != el || cpu->sr[esr_of[el]] != esr ||
	    cpu->sr[far_of[el]] != far || cpu->sr[elr_of[el]] != elr)
		fail_msg("%s: status %d EL%u ESR_EL%u 0x%llx FAR_EL%u 0x%llx ELR_EL%u 0x%llx; "
		         "want EL%u, ESR 0x%llx, FAR 0x%llx, ELR 0x%llx",
		         what, st, cpu->el, el, (unsigned long long)cpu->sr[esr_of[el]], el,
		         (unsigned long long)cpu->sr[far_of[el]], el,
		         (unsigned long long)cpu->sr[elr_of[el]], el, (unsigned long long)esr,
		         (unsigned long long)far, (unsigned long long)elr);
}

/* The Data Abort taken to EL2 from EL2 for the instruction at CODE. */
static void assert_dabt(const struct cpu *cpu, int st, bool store, unsigned fsc, uint64_t far,
                        const char *what)
{
	assert_taken(cpu, st, 2, ESR_DABT_SAME | (store ? ESR_WNR : 0) | fsc, far, CODE, what);
}

/* A load that completed from RAM has its bytes, zero-extended; a pair in X3 and X4. */
static void assert_loaded(const struct rig *g, uint64_t va, unsigned size, const char *what)
{
	unsigned n = size > 8 ? 8 : size;
	if (g->cpu->x[3] != load_le(g, va, n) ||
	    (size == 16 && g->cpu->x[4] != load_le(g, va + 8, 8)))
		fail_msg("%s: loaded 0x%llx 0x%llx", what, (unsigned long long)g->cpu->x[3],
		         (unsigned long long)g->cpu->x[4]);
}

static void assert_stored(const struct rig *g, uint64_t va, unsigned size, const char *what)
{
	uint8_t want[16];
	memcpy(want, &(uint64_t){STORE_X3}, 8);
	memcpy(want + 8, &(uint64_t){STORE_X4}, 8);
	if (memcmp(g->ram + (va - RAM_BASE), want, size))
		fail_msg("%s: the stored bytes differ", what);
	assert_ram_untouched(g, va, va, va + size, what);
}

/* One access at va: the outcome expected() gives, and RAM beyond it untouched. */
static void check_access(struct rig *g, const struct access *a, bool store, uint64_t va,
                         bool normal)
{
	char what[128];
	struct cpu *cpu = g->cpu;
	struct outcome o = expected(g, va, a->size, normal);
	snprintf(what, sizeof(what), "%s of %u at 0x%llx (%s)", store ? "store" : "load", a->size,
	         (unsigned long long)va, normal ? "Normal" : "Device");

	int st = rig_exec(g, SPSR_EL2H, store ? a->store : a->load, va);
	if (o.align_fault) {
		assert_dabt(cpu, st, store, FSC_ALIGNMENT, va, what);
		assert_ram_untouched(g, va, 0, 0, what);
	} else if (st == EXEC_EXC && o.device && cpu->sr[SR_FAR_EL2] != o.sea) {
		/* a device refused an access before any unanswered one */
		uint64_t far = cpu->sr[SR_FAR_EL2];
		if (far < va || far >= (o.sea ? o.sea : va + a->size) ||
		    region_of(g, far) != REGION_DEVICE)
			fail_msg("%s: FAR_EL2 0x%llx is not a device access", what,
			         (unsigned long long)far);
		assert_dabt(cpu, st, store, FSC_SEA, far, what);
	} else if (o.sea) {
		assert_dabt(cpu, st, store, FSC_SEA, o.sea, what);
		/* Mem[]'s byte order: only the bytes before the FAR may have been written. */
		assert_ram_untouched(g, va, va, o.sea, what);
	} else {
		if (st != EXEC_NEXT || cpu->pc != CODE + 4)
			fail_msg("%s: status %d, PC 0x%llx; want it to complete", what, st,
			         (unsigned long long)cpu->pc);
		if (!o.device && store)
			assert_stored(g, va, a->size, what);
		else if (!o.device)
			assert_loaded(g, va, a->size, what);
	}
	restore_pattern(g, va);
}

/* Every access size, load and store, at each address from edge - 24 to edge + 8. */
static void check_edge(struct rig *g, uint64_t edge, bool normal)
{
	for (unsigned i = 0; i < sizeof(accesses) / sizeof(accesses[0]); i++)
		for (uint64_t va = edge - 24; va != edge + 8; va++)
			for (int store = 0; store < 2; store++)
				check_access(g, &accesses[i], store, va, normal);
}

static void check_all_edges(struct rig *g, bool normal)
{
	check_edge(g, RAM_BASE, normal);
	check_edge(g, RAM_END, normal);
	for (unsigned i = 0; i < sizeof(windows) / sizeof(windows[0]); i++) {
		check_edge(g, windows[i].base, normal);
		check_edge(g, windows[i].base + windows[i].size, normal);
	}
}

/* Stage 1 off: Device memory, so unaligned accesses are Alignment faults. */
static void test_edges_device(void **state)
{
	struct rig *g = rig_new(RAM_SIZE);
	check_all_edges(g, false);
	rig_free(g);
}

/* Normal memory: unaligned accesses straddle the edges, byte by byte. */
static void test_edges_normal(void **state)
{
	struct rig *g = rig_new(RAM_SIZE);
	rig_el2_normal_map(g);
	check_all_edges(g, true);
	rig_free(g);
}

/* Known words at the last offset of each window (32-bit reads): the
 * PrimeCell / CoreSight component ID byte 3 (0xB1) of the PL011 (UARTPCellID3,
 * PL011 TRM) and of the Distributor (GICD_CIDR3, IHI 0069); the last word of
 * the Redistributor's SGI_base frame is reserved, RES0. */
static void test_window_last_words(void **state)
{
	static const uint32_t last[] = {0xb1, 0xb1, 0};
	struct rig *g = rig_new(RAM_SIZE);
	for (unsigned i = 0; i < sizeof(windows) / sizeof(windows[0]); i++) {
		uint64_t va = windows[i].base + windows[i].size - 4;
		assert_int_equal(rig_exec(g, SPSR_EL2H, accesses[2].load, va), EXEC_NEXT);
		assert_int_equal(g->cpu->x[3], last[i]);
	}
	rig_free(g);
}

/*
 * Every aligned offset of every window, each size, read and written: the
 * device answers or the access is an External abort at that address;
 * nothing else, and (under ASan) no host access outside el2sim's objects.
 */
static void test_windows_swept(void **state)
{
	struct rig *g = rig_new(RAM_SIZE);
	struct cpu *cpu = g->cpu;
	for (unsigned w = 0; w < sizeof(windows) / sizeof(windows[0]); w++)
		for (unsigned i = 0; i < 4; i++) {
			const struct access *a = &accesses[i];
			for (uint64_t off = 0; off < windows[w].size; off += a->size)
				for (int store = 0; store < 2; store++) {
					uint64_t va = windows[w].base + off;
					int st = rig_exec(g, SPSR_EL2H, store ? a->store : a->load,
					                  va);
					if (st == EXEC_NEXT)
						continue;
					char what[96];
					snprintf(what, sizeof(what), "%s %s of %u at 0x%llx",
					         windows[w].name, store ? "store" : "load", a->size,
					         (unsigned long long)va);
					assert_dabt(cpu, st, store, FSC_SEA, va, what);
				}
		}
	rig_free(g);
}

/* ---- translation table walks that leave RAM ---- */

#define OUTSIDE_TABLE  0x10000000ull /* nothing there */
#define VA_VIA_OUTSIDE 0x09000000ull /* L1[0] -> OUTSIDE_TABLE */
#define VA_VIA_RAM_END 0x40200000ull /* L2[1] -> a level-3 table at RAM_END */
#define LDR_X3         0xf9400023u   /* ldr x3, [x1] */
#define STR_X3         0xf9000023u   /* str x3, [x1] */
#define LDP_X3_X4      0xa9401023u   /* ldp x3, x4, [x1]: ISV 0 even for stage 2 */
#define STP_X3_X4      0xa9001023u

/*
 * The shape of both walks below, stage 1 and stage 2: l1[0] a table at
 * OUTSIDE_TABLE, l1[1] a table at l2, whose [0] is block (2 MiB over the
 * code) and [1] a table at RAM_END.
 */
static void rig_walk_tables(struct rig *g, uint64_t l1, uint64_t l2, uint64_t block)
{
	rig_put_table(g, l1, (const uint64_t[]){TABLE(OUTSIDE_TABLE), TABLE(l2)}, 2);
	rig_put_table(g, l2, (const uint64_t[]){block, TABLE(RAM_END)}, 2);
}

/* Stage 1 of EL1&0: 4K granule, T0SZ 25 (start level 1), EPD1, IPS 40 bits. */
static void rig_el1_stage1(struct rig *g, uint64_t ttbr)
{
	struct cpu *cpu = g->cpu;
	rig_walk_tables(g, S1_L1, S1_L2, S1_BLOCK(RAM_BASE));
	cpu->sr[SR_MAIR_EL1] = 0xff;
	cpu->sr[SR_TCR_EL1] = TCR_T0_4K_L1 | 1ull << 23 /* EPD1 */ | 2ull << 32 /* IPS 40 bits */;
	cpu->sr[SR_TTBR0_EL1] = ttbr;
	cpu->sr[SR_SCTLR_EL1] |= 1;
	cpu_tlb_flush(cpu);
}

/* Stage 2: 4K, T0SZ 25, SL0 1 (start level 1), PS 40 bits; the same shape. */
static void rig_stage2(struct rig *g, uint64_t vttbr)
{
	struct cpu *cpu = g->cpu;
	rig_walk_tables(g, S2_L1, S2_L2, S2_BLOCK(RAM_BASE));
	cpu->sr[SR_VTCR_EL2] =
	        TCR_T0_4K_L1 | 1ull << 6 /* SL0 */ | TCR_EL2_PS_40 | 1ull << 31 /* RES1 */;
	cpu->sr[SR_VTTBR_EL2] = vttbr;
	cpu->sr[SR_HCR_EL2] |= 1; /* VM */
	cpu_tlb_flush(cpu);
}

/* A stage-1 walk whose next table is outside RAM: External abort on the walk at that level. */
static void test_stage1_walk_leaves_ram(void **state)
{
	struct rig *g = rig_new(RAM_SIZE);
	rig_el1_stage1(g, S1_L1);
	/* The level-2 table is nothing: DFSC 0b010110. */
	int st = rig_exec(g, SPSR_EL1H, LDR_X3, VA_VIA_OUTSIDE);
	assert_taken(g->cpu, st, 1, ESR_DABT_SAME | 0x16, VA_VIA_OUTSIDE, CODE, "load, L2 outside");
	st = rig_exec(g, SPSR_EL1H, STR_X3, VA_VIA_OUTSIDE + 8);
	assert_taken(g->cpu, st, 1, ESR_DABT_SAME | ESR_WNR | 0x16, VA_VIA_OUTSIDE + 8, CODE,
	             "store, L2 outside");
	/* The level-3 table starts at RAM's first byte past the end: DFSC 0b010111. */
	st = rig_exec(g, SPSR_EL1H, LDR_X3, VA_VIA_RAM_END + 0xff8);
	assert_taken(g->cpu, st, 1, ESR_DABT_SAME | 0x17, VA_VIA_RAM_END + 0xff8, CODE,
	             "load, L3 at RAM_END");
	/* A fetch through it: an Instruction Abort, IFSC 0b010111, FAR = ELR = PC. */
	cpu_pstate_set(g->cpu, SPSR_EL1H);
	g->cpu->pc = VA_VIA_RAM_END;
	st = cpu_step(g->cpu);
	assert_taken(g->cpu, st, 1, ESR_IABT_SAME | 0x17, VA_VIA_RAM_END, VA_VIA_RAM_END,
	             "fetch, L3 at RAM_END");
	/* HCR_EL2.TEA (FEAT_RAS) takes External aborts from EL1 to EL2. */
	g->cpu->sr[SR_HCR_EL2] |= 1ull << 37;
	st = rig_exec(g, SPSR_EL1H, LDR_X3, VA_VIA_OUTSIDE);
	assert_taken(g->cpu, st, 2, ESR_DABT_LOWER | 0x16, VA_VIA_OUTSIDE, CODE, "HCR_EL2.TEA");
	rig_free(g);
}

/* TTBR0_EL1 itself outside RAM (just past it, just below it, in a device window:
 * walks read RAM only, docs/cli.md): the first walk, a fetch's, aborts at level 1. */
static void test_stage1_ttbr_outside_ram(void **state)
{
	static const uint64_t ttbr[] = {RAM_END, RAM_BASE - 0x1000, 0x09000000 /* the PL011 */};
	for (unsigned i = 0; i < sizeof(ttbr) / sizeof(ttbr[0]); i++) {
		struct rig *g = rig_new(RAM_SIZE);
		rig_el1_stage1(g, ttbr[i]);
		int st = rig_exec(g, SPSR_EL1H, LDR_X3, RAM_BASE);
		assert_taken(g->cpu, st, 1, ESR_IABT_SAME | 0x15, CODE, CODE,
		             "TTBR0_EL1 outside RAM");
		rig_free(g);
	}
}

/*
 * Stage 2's walk leaving RAM: taken to EL2 (a stage-2 fault), EC 0x24 from
 * EL1, DFSC 0b0101LL; a pair, so ISV is 0 and the syndrome is exact.
 */
static void test_stage2_walk_leaves_ram(void **state)
{
	struct rig *g = rig_new(RAM_SIZE);
	rig_stage2(g, S2_L1);
	int st = rig_exec(g, SPSR_EL1H, LDP_X3_X4, VA_VIA_OUTSIDE);
	assert_taken(g->cpu, st, 2, ESR_DABT_LOWER | 0x16, VA_VIA_OUTSIDE, CODE,
	             "ldp, S2 L2 outside");
	st = rig_exec(g, SPSR_EL1H, STP_X3_X4, VA_VIA_RAM_END + 0x10);
	assert_taken(g->cpu, st, 2, ESR_DABT_LOWER | ESR_WNR | 0x17, VA_VIA_RAM_END + 0x10, CODE,
	             "stp, S2 L3 at RAM_END");
	rig_free(g);
	/* VTTBR_EL2 outside RAM: the fetch's walk fails first, IFSC 0b010101. */
	g = rig_new(RAM_SIZE);
	rig_stage2(g, RAM_END);
	st = rig_exec(g, SPSR_EL1H, LDP_X3_X4, RAM_BASE);
	assert_taken(g->cpu, st, 2, ESR_IABT_LOWER | 0x15, CODE, CODE, "VTTBR_EL2 outside RAM");
	rig_free(g);
}

/* ---- exception loops ---- */

/*
 * A vector table in nowhere: outside RAM, in a device window, just past
 * RAM. Every vector fetch is an Instruction Abort (EC 0x21, IFSC 0b010000)
 * without progress; the run must stop as stuck long before its budget.
 */
static void test_vectors_outside_ram_stop(void **state)
{
	static const uint64_t vbar[] = {0, 0x09000000, 0x08000000, RAM_END, RAM_BASE - 0x800};
	for (unsigned i = 0; i < sizeof(vbar) / sizeof(vbar[0]); i++) {
		struct rig *g = rig_new(RAM_SIZE);
		struct cpu *cpu = g->cpu;
		rig_put_insn(g, CODE, 0); /* UDF #0 */
		cpu_pstate_set(cpu, SPSR_EL2H);
		cpu->pc = CODE;
		cpu->sr[SR_VBAR_EL2] = vbar[i];
		cpu->insn_limit = 1000000;
		assert_int_equal(cpu_run(cpu), STOP_STUCK);
		assert_int_equal(cpu->icount, 0);
		assert_int_equal(cpu->sr[SR_ESR_EL2], ESR_IABT_SAME | FSC_SEA);
		assert_int_equal(cpu->sr[SR_FAR_EL2], vbar[i] + 0x200);
		rig_free(g);
	}
}

/* ---- bounded allocation ---- */

/* DCACHE_MAX_LIVE in cpu/cpu.c: decoded pages kept at most. */
#define DCACHE_BOUND 4096u

/* RAM for the guest below: more pages than the decode cache keeps. */
#define DCACHE_RAM_SIZE ((DCACHE_BOUND + 1024) * PAGE_SIZE)
#define DCACHE_LOOP_END (RAM_BASE + 0x14) /* the instruction after b.ne */

/*
 * A guest that writes a RET at the start of page after page and calls it,
 * round and round over every page of RAM but the first: more pages of code
 * than the decode cache keeps.
 */
static struct rig *rig_code_writer(void)
{
	static const uint32_t loop[] = {
	        0xb9000001, /* loop: str w1, [x0] */
	        0xd63f0000, /* blr x0 */
	        0x91400400, /* add x0, x0, #1, lsl #12 */
	        0xeb02001f, /* cmp x0, x2 */
	        0x54ffff81, /* b.ne loop */
	        0xaa0303e0, /* mov x0, x3 */
	        0x17fffffa, /* b loop */
	};
	struct rig *g = rig_new(DCACHE_RAM_SIZE);
	struct cpu *cpu = g->cpu;
	for (unsigned i = 0; i < sizeof(loop) / sizeof(loop[0]); i++)
		rig_put_insn(g, RAM_BASE + 4 * i, loop[i]);
	cpu_pstate_set(cpu, SPSR_EL2H);
	cpu->pc = RAM_BASE;
	cpu->x[0] = cpu->x[3] = RAM_BASE + PAGE_SIZE;
	cpu->x[1] = 0xd65f03c0; /* ret */
	cpu->x[2] = RAM_BASE + DCACHE_RAM_SIZE;
	return g;
}

/* Instructions in one round: six per page (str, blr, ret, add, cmp, b.ne). */
#define DCACHE_ROUND_INSNS (6 * (DCACHE_RAM_SIZE / PAGE_SIZE - 1))

static void assert_live_bounded(const struct cpu *cpu, uint64_t when)
{
	if (cpu->dcache_live > DCACHE_BOUND)
		fail_msg("at %llu instructions: %u decoded pages live, over %u",
		         (unsigned long long)when, cpu->dcache_live, DCACHE_BOUND);
}

/* One instruction at a time (cpu_step): never over the bound, and the guest runs on. */
static void test_decode_cache_bounded_step(void **state)
{
	struct rig *g = rig_code_writer();
	struct cpu *cpu = g->cpu;
	unsigned max_live = 0, rounds = 0;
	for (uint64_t step = 0; step < 2 * DCACHE_ROUND_INSNS + 10; step++) {
		int st = cpu_step(cpu);
		if (st != EXEC_NEXT && st != EXEC_BRANCH)
			fail_msg("step %llu: status %d at PC 0x%llx", (unsigned long long)step, st,
			         (unsigned long long)cpu->pc);
		assert_live_bounded(cpu, step);
		if (cpu->dcache_live > max_live)
			max_live = cpu->dcache_live;
		rounds += cpu->pc == DCACHE_LOOP_END && cpu->x[0] == cpu->x[2];
	}
	assert_int_equal(rounds, 2);
	/* The cache did fill up: the bound, not a lack of pages, kept it small. */
	assert_true(max_live > DCACHE_BOUND / 2);
	rig_free(g);
}

/* The fast loop (cpu_run), stopped by the instruction budget every 100 pages. */
static void test_decode_cache_bounded_run(void **state)
{
	struct rig *g = rig_code_writer();
	struct cpu *cpu = g->cpu;
	for (uint64_t limit = 600; limit <= 2 * DCACHE_ROUND_INSNS; limit += 600) {
		cpu->insn_limit = limit;
		assert_int_equal(cpu_run(cpu), STOP_INSN_LIMIT);
		assert_live_bounded(cpu, limit);
	}
	/* Two rounds done: X0 is back in the second half of RAM, a RET on each page. */
	assert_true(cpu->x[0] > RAM_BASE + DCACHE_RAM_SIZE / 2);
	assert_int_equal(cpu->icount, 2 * DCACHE_ROUND_INSNS / 600 * 600);
	/*
	 * Where exactly, from the program: RAM is 5120 pages and X0 walks pages
	 * 1 to 5119, six instructions a page (str, blr, the page's ret, add,
	 * cmp, b.ne taken); after page 5119 the b.ne falls through to mov and
	 * b, so a round is 6 * 5119 + 2 = 30716 instructions and ends with
	 * X0 = page 1, PC = loop. The last budget is 61200 (102 * 600, the
	 * largest multiple of 600 not over 2 * DCACHE_ROUND_INSNS = 61428), so
	 * round 2 runs 61200 - 30716 = 30484 = 6 * 5080 + 4 instructions: pages
	 * 1 to 5080 whole (X0 = page 5081, PC = loop), then str, blr, ret and
	 * add: X0 = page 5082, PC = the cmp at RAM_BASE + 0xc.
	 */
	_Static_assert(DCACHE_RAM_SIZE / PAGE_SIZE == 5120, "the derivation counts 5120 pages");
	assert_int_equal(cpu->x[0], RAM_BASE + 5082 * PAGE_SIZE);
	assert_int_equal(cpu->pc, RAM_BASE + 0xc);
	rig_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_edges_device),
	        cmocka_unit_test(test_edges_normal),
	        cmocka_unit_test(test_window_last_words),
	        cmocka_unit_test(test_windows_swept),
	        cmocka_unit_test(test_stage1_walk_leaves_ram),
	        cmocka_unit_test(test_stage1_ttbr_outside_ram),
	        cmocka_unit_test(test_stage2_walk_leaves_ram),
	        cmocka_unit_test(test_vectors_outside_ram_stop),
	        cmocka_unit_test(test_decode_cache_bounded_step),
	        cmocka_unit_test(test_decode_cache_bounded_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
