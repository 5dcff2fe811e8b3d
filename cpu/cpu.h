/*
 * The architectural state of one AArch64 PE and the inline accessors that
 * instruction bodies use. Nothing here knows the board: memory and devices
 * are reached through struct bus, events leave through struct cpu_hooks.
 */
#ifndef EL2SIM_CPU_H
#define EL2SIM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "bits.h"
#include "bus.h"
#include "exc.h"
#include "fields.h"
#include "insn.h"
#include "sysregs.h"

#define PAGE_SHIFT     12
#define PAGE_SIZE      (1ull << PAGE_SHIFT)
#define PAGE_MASK      (~(PAGE_SIZE - 1))
#define INSNS_PER_PAGE (PAGE_SIZE / 4)

/* Instructions between two calls of hooks.poll. */
#define CPU_POLL_INSNS 65536

/*
 * Deterministic time: the system counter advances one tick per retired
 * instruction and runs at this frequency (CNTFRQ_EL0), so a simulated
 * second is 100 million instructions on every host.
 */
#define CPU_COUNTER_HZ 100000000ull

#define TLB_BITS 8
#define TLB_SIZE (1u << TLB_BITS)
enum tlb_kind { TLB_READ, TLB_WRITE, TLB_FETCH, TLB_KINDS };

/*
 * A soft-TLB entry: tag is the page's VA (invalid: ~0), addend turns a VA in
 * that page into a host pointer. Looking up VA va for an access of size bytes
 * compares tag with va & (PAGE_MASK | (size - 1)), so a misaligned access
 * misses and takes the slow path.
 */
struct tlb_entry {
	uint64_t tag;
	uintptr_t addend;
};

/* The entries of one EL in one translation context, and each one's mapping span. */
struct tlb_set {
	struct tlb_entry e[TLB_KINDS][TLB_SIZE];
	uint64_t span[TLB_KINDS][TLB_SIZE]; /* block size - 1 of the mapping behind e */
};

/* The EL1&0 regime's contexts held at once (cpu/tlb.h). */
#define TLB_CONTEXTS 8

struct tlb_context {
	uint32_t asid;        /* ASID from TTBR0/TTBR1_EL1 (TCR_EL1.A1, AS) */
	uint32_t vmid;        /* VMID, or TLB_NO_VMID without stage 2 */
	uint64_t stamp;       /* for replacement: the higher, the more recently selected */
	struct tlb_set el[2]; /* EL0's and EL1's accesses: their permissions differ */
};

#define TLB_NO_VMID 0x10000u

/*
 * Decoded instructions of one 4 KiB physical page, and a sentinel after the
 * last that sends the run loop to fetch the next page (so sequential code
 * needs no page-end test). A slot not yet run holds its word in raw and the
 * handler exec_decode_lazily (cpu/run.c), which decodes it in place.
 */
struct dpage {
	struct insn insn[INSNS_PER_PAGE + 1];
	struct dpage *next_retired;
};

/* Why cpu_run returned. */
enum cpu_stop {
	STOP_NONE = 0,
	STOP_EXIT,         /* the guest asked to exit (semihosting); cpu->exit_code */
	STOP_INSN_LIMIT,   /* --max-insns reached */
	STOP_STUCK,        /* exceptions taken repeatedly without progress */
	STOP_HOST_ERROR,   /* a host-side failure (allocation, I/O) */
	STOP_WAIT_FOREVER, /* WFI/WFE with nothing that could ever wake the PE */
	STOP_REQUEST,      /* the host asked the run to end (a signal): cpu_request_stop() */
};

/* What the PE waits for after WFI or WFE (Arm ARM D1.7, low-power states). */
enum cpu_wait { WAIT_NONE = 0, WAIT_WFI, WAIT_WFE };

struct cpu_hooks {
	void *opaque;
	/* HLT #0xF000 with semihosting on; returns an exec_status. */
	int (*semihost)(void *opaque, struct cpu *cpu);
	/* After an exception has been taken (state is the handler's). */
	void (*on_exception)(void *opaque, const struct cpu *cpu, const struct exc *e,
	                     unsigned from_el);
	/* Called from the outer loop every CPU_POLL_INSNS instructions (devices, stdin). */
	void (*poll)(void *opaque, struct cpu *cpu);
	/*
	 * The PE is waiting (WFI/WFE) and no wake-up event is pending: let the
	 * board advance time to its next event, poll devices, and raise lines.
	 * Return false when nothing can ever wake the PE.
	 */
	bool (*idle)(void *opaque, struct cpu *cpu);
	/*
	 * After each retired instruction, pc, raw and el being its address,
	 * encoding and the EL it executed at. Setting it selects the slow loop (one instruction at
	 * a time); the fast loop never calls it, so instruction tracing costs nothing when off.
	 */
	void (*on_insn)(void *opaque, const struct cpu *cpu, uint64_t pc, uint32_t raw,
	                unsigned el);
	/* After an ERET has executed. */
	void (*on_eret)(void *opaque, const struct cpu *cpu, unsigned from_el, bool illegal);
};

struct cpu {
	/* X0-X30; x[31] is XZR: it reads 0 and is re-zeroed after every write. */
	uint64_t x[32];
	uint64_t pc;
	uint64_t sp_el[4]; /* SP_EL0..SP_EL3 */

	/* PSTATE, split for speed; cpu_pstate_get() packs it in SPSR layout. */
	uint32_t nzcv;  /* N Z C V in bits [31:28] */
	uint32_t daif;  /* D A I F in bits [9:6] */
	uint8_t el;     /* PSTATE.EL */
	uint8_t spsel;  /* PSTATE.SPSel */
	uint8_t sp_idx; /* which sp_el[] is SP: spsel ? el : 0 */
	uint8_t il;     /* PSTATE.IL */
	uint8_t ss;     /* PSTATE.SS */

	uint8_t highest_el; /* the highest implemented EL: EL1..EL3 (--el) */
	bool event_register;
	uint8_t wait; /* enum cpu_wait */

	/* Asynchronous exception inputs (cpu/irq.h). */
	uint32_t irq_in;  /* enum irq_line bits */
	uint32_t virq_in; /* enum virq_line bits */

	/* The local exclusive monitor (Arm ARM B2.9? "Exclusive access instructions"). */
	bool excl_valid;
	uint8_t excl_size;
	uint64_t excl_addr;

	uint64_t sr[SR_COUNT]; /* system register storage, by enum sysreg_id */

	/* The Generic Timer (cpu/timer.h). */
	uint64_t timer_deadline; /* the count of the next timer event, or TIMER_NEVER */
	uint64_t evnt_next[2]; /* the count of the next event-stream event: [0] EL1's, [1] EL2's */
	uint32_t timer_out;    /* the timers' output levels, one bit per timer */

	/* The GIC virtual CPU interface (cpu/gic_vcpuif.h): the maintenance
	 * interrupt level last driven through bus.gic.ppi(GIC_PPI_MAINT). */
	bool vgic_maint_level;

	uint64_t icount;     /* instructions retired */
	uint64_t idle_ticks; /* counter ticks spent waiting in WFI/WFE */
	uint64_t insn_limit; /* stop with STOP_INSN_LIMIT at this icount */
	uint64_t slice_end;  /* the inner loop returns to the outer loop here */

	struct exc exc; /* the exception a handler raised */
	enum cpu_stop stop;
	volatile int stop_requested;
	int exit_code;

	/* Repeated-exception detection (see exc_take). */
	uint64_t last_exc_icount;
	uint64_t last_exc_esr;
	unsigned stuck_count;

	struct bus bus;
	struct cpu_hooks hooks;

	/*
	 * The soft TLB (cpu/tlb.h): tlb[el] is the set the current EL uses, so
	 * exception entry and return flush nothing. EL0 and EL1 point into the
	 * current EL1&0 context; EL2 and EL3 have their own sets.
	 */
	struct tlb_set *tlb[4];
	struct tlb_context tlb_ctx[TLB_CONTEXTS];
	unsigned tlb_cur; /* index of the current EL1&0 context */
	uint64_t tlb_stamp;
	struct tlb_set tlb_el2, tlb_el3;

	/*
	 * Decode cache: one slot per RAM page; retired pages freed in the outer
	 * loop. no_dcache is the reference mode (--no-cache): every instruction
	 * is decoded each time it runs, one at a time, with no cache at all.
	 */
	bool no_dcache;
	bool single_step; /* in cpu_step: a fused pair (cpu/fuse.h) runs its first half only */
	struct dpage **dcache;
	/*
	 * The page each EL fetched from last (cpu/run.c run_fetch): after an
	 * exception or ERET the loop finds its slots again without the soft
	 * TLB or the page table. Valid while its gen equals fetch_gen: a
	 * retired page moves fetch_gen on, a TLB invalidation or context
	 * switch clears the gens of the ELs whose regime it touched
	 * (cpu_fetch_forget); fetch_gen is never 0.
	 */
	struct fetch_memo {
		uint64_t va;  /* the page's VA */
		uint64_t gen; /* fetch_gen when remembered */
		struct insn *page;
	} fetch_memo[4];
	uint64_t fetch_gen;
	uint64_t dcache_pages;
	unsigned dcache_live;
	uint64_t dcache_pages_made; /* decoded pages created, ever (--stats) */
	struct dpage *retired;
};

/* Create a CPU over a bus, in reset state at EL highest_el (1..3). */
struct cpu *cpu_new(const struct bus *bus, unsigned highest_el);
void cpu_free(struct cpu *cpu);
/* Architectural reset at the highest implemented EL, PC = entry. */
void cpu_reset(struct cpu *cpu, uint64_t entry);

/* Run until a stop condition; returns cpu->stop. */
enum cpu_stop cpu_run(struct cpu *cpu);

/*
 * Execute exactly one instruction (or take one pending exception) on the
 * slow path and return its exec_status; an exception raised by it has been
 * taken when this returns. For tests, single-stepping and tracing.
 */
int cpu_step(struct cpu *cpu);

/*
 * Ask cpu_run to return with STOP_REQUEST at the next instruction boundary.
 * Safe from a signal handler: it only stores to two fields.
 */
void cpu_request_stop(struct cpu *cpu);

/* The system counter: one tick per retired instruction plus time spent waiting. */
static inline uint64_t cpu_counter(const struct cpu *cpu)
{
	return cpu->icount + cpu->idle_ticks;
}

/* Change EL and/or SPSel, keeping sp_idx coherent. */
static inline void cpu_set_el_spsel(struct cpu *cpu, unsigned el, unsigned spsel)
{
	cpu->el = (uint8_t)el;
	cpu->spsel = (uint8_t)spsel;
	cpu->sp_idx = (uint8_t)(spsel ? el : 0);
}

/* PSTATE in SPSR_ELx layout (Arm ARM C5.2.18? "SPSR_EL1") and back. */
#define SPSR_SS (1ull << 21)
#define SPSR_IL (1ull << 20)

static inline uint64_t cpu_pstate_get(const struct cpu *cpu)
{
	return (uint64_t)cpu->nzcv | (cpu->ss ? SPSR_SS : 0) | (cpu->il ? SPSR_IL : 0) | cpu->daif |
	       ((uint64_t)cpu->el << 2) | cpu->spsel;
}

static inline void cpu_pstate_set(struct cpu *cpu, uint64_t spsr)
{
	cpu->nzcv = (uint32_t)spsr & 0xf0000000u;
	cpu->daif = (uint32_t)spsr & 0x3c0u;
	cpu->ss = (spsr & SPSR_SS) != 0;
	cpu->il = (spsr & SPSR_IL) != 0;
	cpu_set_el_spsel(cpu, (spsr >> 2) & 3, spsr & 1);
}

/* Forget every soft-TLB entry (translation or permissions changed). */
void cpu_tlb_flush(struct cpu *cpu);
/* Forget the pages remembered for fetch at the ELs in mask (bit n: ELn): their translation changed.
 */
#define FETCH_EL10 3u
#define FETCH_EL2  4u
#define FETCH_EL3  8u
static inline void cpu_fetch_forget(struct cpu *cpu, unsigned mask)
{
	for (unsigned el = 0; el < 4; el++)
		if (mask & (1u << el))
			cpu->fetch_memo[el].gen = 0;
}
/* Forget every write entry: a page just got decoded code (stores must see it). */
void cpu_tlb_drop_writes(struct cpu *cpu);
/* Forget every decoded page (IC IALLU, a loader wrote code, ...). */
void cpu_dcache_flush(struct cpu *cpu);
/* The guest wrote physical page pa: forget its decoded instructions. */
void cpu_code_written(struct cpu *cpu, uint64_t pa);

/* Internal to cpu/: the decoded page for RAM page idx (NULL: out of memory),
 * and freeing of retired pages once no handler can be running from them. */
struct dpage *cpu_dpage_new(struct cpu *cpu, uint64_t idx);
static inline struct dpage *cpu_dpage(struct cpu *cpu, uint64_t idx)
{
	struct dpage *dp = cpu->dcache[idx];
	return likely(dp != NULL) ? dp : cpu_dpage_new(cpu, idx);
}
void cpu_free_retired_pages(struct cpu *cpu);

/* EL2Enabled() (Arm ARM J1 shared/functions/system/EL2Enabled): EL2 exists and,
 * with EL3 present, SCR_EL3.NS is 1 (Secure EL2 is not implemented). */
static inline bool cpu_el2_enabled(const struct cpu *cpu)
{
	return cpu->highest_el >= 2 && (cpu->highest_el < 3 || (cpu->sr[SR_SCR_EL3] & SCR_EL3_NS));
}

/* Is the PE in Secure state below EL3? Only with EL3 and SCR_EL3.NS = 0:
 * without EL3, el2sim's PE is Non-secure. */
static inline bool cpu_secure(const struct cpu *cpu)
{
	return cpu->highest_el == 3 && cpu->el < 3 && !(cpu->sr[SR_SCR_EL3] & SCR_EL3_NS);
}

/* ---- register access, as instruction bodies use it ---- */

/* X[n] with register 31 as XZR. */
static inline uint64_t x_read(const struct cpu *cpu, unsigned n)
{
	return cpu->x[n];
}

static inline void x_write(struct cpu *cpu, unsigned n, uint64_t v)
{
	cpu->x[n] = v;
	cpu->x[31] = 0;
}

/* Write a result of datasize 32 or 64: W writes zero the upper half. */
static inline void x_write_sf(struct cpu *cpu, unsigned n, uint64_t v, unsigned sf)
{
	x_write(cpu, n, sf ? v : (uint32_t)v);
}

static inline uint64_t sp_read(const struct cpu *cpu)
{
	return cpu->sp_el[cpu->sp_idx];
}

static inline void sp_write(struct cpu *cpu, uint64_t v)
{
	cpu->sp_el[cpu->sp_idx] = v;
}

/* X[n] with register 31 as SP (the "Xn|SP" operand forms). */
static inline uint64_t xsp_read(const struct cpu *cpu, unsigned n)
{
	return n == 31 ? sp_read(cpu) : cpu->x[n];
}

static inline void xsp_write(struct cpu *cpu, unsigned n, uint64_t v)
{
	if (n == 31)
		sp_write(cpu, v);
	else
		cpu->x[n] = v;
}

#define NZCV_N (1u << 31)
#define NZCV_Z (1u << 30)
#define NZCV_C (1u << 29)
#define NZCV_V (1u << 28)

#define DAIF_D (1u << 9)
#define DAIF_A (1u << 8)
#define DAIF_I (1u << 7)
#define DAIF_F (1u << 6)

/* ConditionHolds() (Arm ARM J1, shared/functions/system/ConditionHolds) for flags nzcv. */
static inline bool cond_holds_nzcv(uint32_t f, unsigned cond)
{
	bool n = f & NZCV_N, z = f & NZCV_Z, c = f & NZCV_C, v = f & NZCV_V;
	bool r;
	switch (cond >> 1) {
	case 0: r = z; break;            /* EQ / NE */
	case 1: r = c; break;            /* CS / CC */
	case 2: r = n; break;            /* MI / PL */
	case 3: r = v; break;            /* VS / VC */
	case 4: r = c && !z; break;      /* HI / LS */
	case 5: r = n == v; break;       /* GE / LT */
	case 6: r = n == v && !z; break; /* GT / LE */
	default: r = true; break;        /* AL / NV: both always true */
	}
	if ((cond & 1) && cond != 15)
		r = !r;
	return r;
}

static inline bool cond_holds(const struct cpu *cpu, unsigned cond)
{
	return cond_holds_nzcv(cpu->nzcv, cond);
}

/*
 * A condition as a truth table over the 16 values of NZCV: bit k says
 * whether it holds when NZCV == k. Decoding builds it once; a conditional
 * instruction then tests one bit (cond_mask_holds).
 */
static inline uint16_t cond_mask(unsigned cond)
{
	uint16_t mask = 0;
	for (uint32_t k = 0; k < 16; k++)
		if (cond_holds_nzcv(k << 28, cond))
			mask |= (uint16_t)(1u << k);
	return mask;
}

static inline bool cond_mask_holds(const struct cpu *cpu, uint64_t mask)
{
	return (mask >> (cpu->nzcv >> 28)) & 1;
}

#endif
