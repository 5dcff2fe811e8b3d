/* CPU creation, reset, PSTATE packing and the caches' invalidation. */
#include "cpu.h"

#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "tlb.h"
#include "gic_vcpuif.h"
#include "timer.h"

/* Decoded pages kept at most (40 KiB each); past this the cache starts over. */
#define DCACHE_MAX_LIVE 4096

struct cpu *cpu_new(const struct bus *bus, unsigned highest_el)
{
	if (highest_el < 1 || highest_el > 3 || (bus->ram_base | bus->ram_size) & ~PAGE_MASK)
		return NULL;
	sysregs_init();
	tlb_init();
	if (decode_init() != 0)
		return NULL;
	struct cpu *cpu = calloc(1, sizeof(*cpu));
	if (!cpu)
		return NULL;
	cpu->bus = *bus;
	cpu->highest_el = (uint8_t)highest_el;
	cpu->fetch_gen = 1; /* a remembered fetch page's gen 0 means none */
	cpu->dcache_pages = bus->ram_size >> PAGE_SHIFT;
	cpu->dcache = calloc(cpu->dcache_pages ? cpu->dcache_pages : 1, sizeof(*cpu->dcache));
	if (!cpu->dcache) {
		free(cpu);
		return NULL;
	}
	cpu_reset(cpu, bus->ram_base);
	return cpu;
}

void cpu_free_retired_pages(struct cpu *cpu)
{
	while (cpu->retired) {
		struct dpage *next = cpu->retired->next_retired;
		free(cpu->retired);
		cpu->retired = next;
	}
}

void cpu_free(struct cpu *cpu)
{
	if (!cpu)
		return;
	cpu_dcache_flush(cpu);
	cpu_free_retired_pages(cpu);
	free(cpu->dcache);
	free(cpu);
}

/*
 * Reset into the highest implemented EL with SP_ELx selected and all of DAIF
 * masked (Arm ARM D1.9? "Reset": PSTATE.{D,A,I,F} = 1 on reset into AArch64).
 */
void cpu_reset(struct cpu *cpu, uint64_t entry)
{
	for (unsigned i = 0; i < 32; i++)
		cpu->x[i] = 0;
	for (unsigned i = 0; i < 4; i++)
		cpu->sp_el[i] = 0;
	for (unsigned id = 0; id < SR_COUNT; id++)
		cpu->sr[id] = sysreg_table[id].reset;

	/* ID_AA64PFR0_EL1.EL2 [11:8], EL3 [15:12]: 0 when not implemented. */
	uint64_t pfr0 = cpu->sr[SR_ID_AA64PFR0_EL1] & ~0xff00ull;
	if (cpu->highest_el >= 2)
		pfr0 |= 0x100;
	if (cpu->highest_el >= 3)
		pfr0 |= 0x1000;
	cpu->sr[SR_ID_AA64PFR0_EL1] = pfr0;

	cpu->nzcv = 0;
	cpu->daif = DAIF_D | DAIF_A | DAIF_I | DAIF_F;
	cpu_set_el_spsel(cpu, cpu->highest_el, 1);
	cpu->il = 0;
	cpu->ss = 0;
	cpu->event_register = false; /* UNKNOWN at reset (Arm ARM D1.7.1) */
	cpu->wait = WAIT_NONE;
	cpu->irq_in = 0;
	cpu->virq_in = 0;
	cpu->idle_ticks = 0;
	cpu->timer_deadline = TIMER_NEVER;
	cpu->evnt_next[0] = cpu->evnt_next[1] = TIMER_NEVER;
	cpu->excl_valid = false;
	cpu->pc = entry;
	cpu->icount = 0;
	cpu->insn_limit = UINT64_MAX;
	cpu->slice_end = 0;
	cpu->stop = STOP_NONE;
	cpu->exit_code = 0;
	cpu->last_exc_icount = UINT64_MAX;
	cpu->stuck_count = 0;
	for (unsigned i = 0; i < TLB_CONTEXTS; i++)
		cpu->tlb_ctx[i].stamp = 0;
	cpu->tlb_stamp = 0;
	cpu_tlb_flush(cpu);
	tlb_select_context(cpu);
	cpu_dcache_flush(cpu);
	/* The PE's interrupt outputs follow the reset state: lower any still high. */
	timer_update(cpu);
	vgic_update(cpu);
}

static void cpu_retire_page(struct cpu *cpu, uint64_t idx)
{
	struct dpage *dp = cpu->dcache[idx];
	cpu->dcache[idx] = NULL;
	cpu->fetch_gen++; /* every remembered page may be this one */
	dp->next_retired = cpu->retired;
	cpu->retired = dp;
	cpu->dcache_live--;
	/* The inner loop may be running this page: make it come out. */
	cpu->slice_end = 0;
}

void cpu_dcache_flush(struct cpu *cpu)
{
	for (uint64_t i = 0; i < cpu->dcache_pages && cpu->dcache_live; i++)
		if (cpu->dcache[i])
			cpu_retire_page(cpu, i);
}

void cpu_code_written(struct cpu *cpu, uint64_t pa)
{
	uint64_t off = pa - cpu->bus.ram_base;
	if (off < cpu->bus.ram_size && cpu->dcache[off >> PAGE_SHIFT])
		cpu_retire_page(cpu, off >> PAGE_SHIFT);
}

/*
 * A decoded page for RAM page idx (cpu_dpage found none), created undecoded: each slot holds its
 * word and decodes when it first runs. Write-TLB entries for it are dropped
 * so that stores to it take the slow path, which calls cpu_code_written().
 */
struct dpage *cpu_dpage_new(struct cpu *cpu, uint64_t idx)
{
	struct dpage *dp;
	if (cpu->dcache_live >= DCACHE_MAX_LIVE)
		cpu_dcache_flush(cpu);
	dp = malloc(sizeof(*dp));
	if (!dp)
		return NULL;
	const uint8_t *words = cpu->bus.ram + (idx << PAGE_SHIFT);
	for (unsigned i = 0; i < INSNS_PER_PAGE; i++) {
		uint32_t w;
		memcpy(&w, words + 4 * i, 4);
		dp->insn[i] = (struct insn){.exec = exec_decode_lazily, .raw = w};
	}
	dp->insn[INSNS_PER_PAGE] = (struct insn){.exec = exec_page_end};
	dp->next_retired = NULL;
	cpu->dcache[idx] = dp;
	cpu->dcache_live++;
	cpu->dcache_pages_made++;
	cpu_tlb_drop_writes(cpu);
	return dp;
}
