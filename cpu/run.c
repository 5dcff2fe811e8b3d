/*
 * The run loop: a JIT-free, pre-decoded, call-threaded interpreter. Each
 * physical page of code has a page of decoded slots (handler + operands,
 * decoded on first use); the inner loop calls slot after slot, follows a
 * branch within the page straight to its slot, and takes exceptions and
 * ERETs without leaving. It fetches (soft TLB, decoded page) only on a page
 * change, an exception or ERET. It returns to the outer loop when icount
 * reaches slice_end: the next poll, timer event or the --max-insns budget;
 * anything that must interrupt it (an interrupt line, a write to code, a
 * translation change, a stop request) sets slice_end to 0. Everything rare
 * lives in the outer loop. docs/performance.md has the design and numbers.
 */
#include "cpu.h"

#include <string.h>

#include "decode.h"
#include "mem.h"
#include "irq.h"
#include "syndrome.h"
#include "timer.h"

/* Where the decoded instruction at cpu->pc lives, or why it cannot be fetched. */
struct fetch {
	struct insn *in;
	struct insn scratch; /* the reference mode's decoded instruction (cpu->no_dcache) */
};

static int run_fetch_fault(struct cpu *cpu, int st)
{
	cpu->exc.insn_pc = EXC_NO_INSN; /* nothing was fetched */
	return st;
}

/*
 * Fetch the instruction at PC, in the Arm ARM's priority order for what can
 * stop it (D1.3.5? "Synchronous exception prioritization"): PC alignment,
 * then an abort on the fetch (translation through the EL's regime), then
 * the Illegal Execution state exception. Remembers the page for run_fetch.
 */
static __attribute__((noinline)) int run_fetch_slow(struct cpu *cpu, struct fetch *f)
{
	uint64_t pc = cpu->pc;
	if (unlikely(pc & 3))
		return run_fetch_fault(cpu, exc_raise_sync_far(cpu, exc_sync_default_el(cpu),
		                                               syn_pc_align(), pc, "PC alignment"));
	struct fetch_memo *m = &cpu->fetch_memo[cpu->el];
	/* The fetch TLB maps the PC's page to host memory; a miss translates
	 * (faults: instruction aborts) and refills it. */
	const struct tlb_entry *e =
	        &cpu->tlb[cpu->el]->e[TLB_FETCH][(pc >> PAGE_SHIFT) & (TLB_SIZE - 1)];
	const uint8_t *host;
	if (likely(e->tag == (pc & PAGE_MASK))) {
		host = (const uint8_t *)(uintptr_t)(pc + e->addend);
	} else {
		int st = mem_fetch_slow(cpu, pc, &host);
		if (st)
			return run_fetch_fault(cpu, st);
	}
	if (unlikely(cpu->il))
		return exc_raise_sync(cpu, exc_sync_default_el(cpu), syn_illegal_state(),
		                      "PSTATE.IL");
	if (unlikely(cpu->no_dcache)) {
		uint32_t word;
		memcpy(&word, host, 4);
		decode(&f->scratch, word);
		f->in = &f->scratch;
		return EXEC_NEXT;
	}
	uint64_t off = (uint64_t)(host - cpu->bus.ram);
	struct dpage *dp = cpu_dpage(cpu, off >> PAGE_SHIFT);
	if (unlikely(!dp)) {
		cpu->stop = STOP_HOST_ERROR;
		return EXEC_STOP;
	}
	f->in = &dp->insn[(off & ~PAGE_MASK) >> 2];
	*m = (struct fetch_memo){.va = pc & PAGE_MASK, .gen = cpu->fetch_gen, .page = dp->insn};
	return EXEC_NEXT;
}

/*
 * The page this EL fetched from last, if nothing has changed since: it
 * translated then (so no abort now) and PSTATE.IL is clear. Inline, so the
 * common case after an exception or ERET costs a few compares; the rest is
 * run_fetch_slow's.
 */
static inline int run_fetch(struct cpu *cpu, struct fetch *f)
{
	uint64_t pc = cpu->pc;
	const struct fetch_memo *m = &cpu->fetch_memo[cpu->el];
	if (likely(m->gen == cpu->fetch_gen && m->va == (pc & (PAGE_MASK | 3)) && !cpu->il)) {
		f->in = m->page + ((pc & ~PAGE_MASK) >> 2);
		return EXEC_NEXT;
	}
	return run_fetch_slow(cpu, f);
}

/* Everything but EXEC_NEXT, EXEC_BRANCH and EXEC_JUMP, after the handler returned. */
static void run_finish(struct cpu *cpu, int st)
{
	switch (st) {
	case EXEC_CALL:
		cpu->icount++;
		exc_take(cpu, &cpu->exc);
		break;
	case EXEC_EXC: exc_take(cpu, &cpu->exc); break;
	case EXEC_STOP:
	case EXEC_WAIT: /* WFx completes when woken: an interrupt returns after it */
		cpu->icount++;
		cpu->pc += 4;
		break;
	default: break;
	}
}

/* Is the PE still waiting after WFI/WFE, with no wake-up event yet? */
static bool run_still_waiting(struct cpu *cpu)
{
	if (!irq_wfx_wakes(cpu, cpu->wait == WAIT_WFE))
		return true;
	cpu->wait = WAIT_NONE;
	return false;
}

void cpu_request_stop(struct cpu *cpu)
{
	cpu->stop_requested = 1;
	cpu->slice_end = 0;
}

/* Did the instruction retire (as opposed to fault or not run at all)? */
static bool run_retired(int st)
{
	return st == EXEC_NEXT || st == EXEC_BRANCH || st == EXEC_JUMP || st == EXEC_CALL ||
	       st == EXEC_STOP || st == EXEC_WAIT;
}

int cpu_step(struct cpu *cpu)
{
	struct fetch f;
	if (cpu->wait && run_still_waiting(cpu))
		return EXEC_WAIT;
	if (irq_take_pending(cpu))
		return EXEC_EXC;
	int st = run_fetch(cpu, &f);
	if (st == EXEC_NEXT) {
		uint64_t pc = cpu->pc;
		unsigned el = cpu->el;
		uint32_t raw = f.in->raw; /* kept in undecoded slots too */
		cpu->single_step = true;
		st = f.in->exec(cpu, f.in);
		cpu->single_step = false;
		if (cpu->hooks.on_insn && run_retired(st))
			cpu->hooks.on_insn(cpu->hooks.opaque, cpu, pc, raw, el);
		if (st == EXEC_NEXT) {
			cpu->pc += 4;
			cpu->icount++;
		} else if (st == EXEC_BRANCH || st == EXEC_JUMP) {
			cpu->icount++;
		} else {
			run_finish(cpu, st);
		}
	} else if (st == EXEC_EXC) {
		exc_take(cpu, &cpu->exc);
	}
	cpu_free_retired_pages(cpu);
	return st;
}

/*
 * Take the exception a fetch or an instruction raised and stay in the slice:
 * exception entry never makes an interrupt takeable (every DAIF bit is set
 * and a higher EL's interrupts were taken before), and whatever must end
 * the slice (a stuck guest, a code write, an interrupt line) zeroed
 * slice_end. Returns false when the slice is over.
 */
static bool run_take(struct cpu *cpu)
{
	exc_take(cpu, &cpu->exc);
	return cpu->icount < cpu->slice_end;
}

/*
 * Run from PC until icount reaches slice_end or something stops the CPU.
 * Sequential code walks the page's decoded slots (its sentinel sends us to
 * fetch the next page); a branch within the page and aligned goes straight
 * to its slot; anything else (another page, an exception, ERET) fetches.
 * Exception entry and return stay here: the outer loop runs only when
 * slice_end says so.
 */
static void run_slice(struct cpu *cpu)
{
	for (;;) {
		struct fetch f;
		int st = run_fetch(cpu, &f);
		if (unlikely(st != EXEC_NEXT)) {
			if (st == EXEC_EXC && run_take(cpu))
				continue;
			return;
		}
		uint64_t page_va = cpu->pc & PAGE_MASK;
		const struct insn *page = f.in - ((cpu->pc & ~PAGE_MASK) >> 2);
		const struct insn *in = f.in;
		for (;;) {
			st = in->exec(cpu, in);
			if (likely(st == EXEC_NEXT)) {
				cpu->pc += 4;
				if (unlikely(++cpu->icount >= cpu->slice_end))
					return;
				in++;
				continue;
			}
			if (likely(st == EXEC_BRANCH)) {
				if (unlikely(++cpu->icount >= cpu->slice_end))
					return;
				uint64_t pc = cpu->pc;
				if (((pc ^ page_va) & (PAGE_MASK | 3)) != 0)
					break; /* another page, or misaligned: fetch */
				in = page + ((pc & ~PAGE_MASK) >> 2);
				continue;
			}
			switch (st) {
			case EXEC_PAGE_END: break;
			case EXEC_JUMP:
				if (++cpu->icount >= cpu->slice_end)
					return;
				break;
			case EXEC_CALL:
				cpu->icount++;
				if (!run_take(cpu))
					return;
				break;
			case EXEC_EXC:
				if (!run_take(cpu))
					return;
				break;
			default: run_finish(cpu, st); return;
			}
			break; /* fetch */
		}
	}
}

/*
 * The PE waits and nothing wakes it yet. Time is deterministic, so waiting
 * costs no host time: the count jumps to the next timer or event-stream
 * deadline (D11.2: the counter keeps counting in low-power states). With
 * none, the board's idle hook may still bring something (host input);
 * otherwise nothing ever will.
 */
static void run_idle(struct cpu *cpu)
{
	if (cpu->timer_deadline != TIMER_NEVER) {
		cpu->idle_ticks += cpu->timer_deadline - cpu_counter(cpu);
		timer_update(cpu);
		return;
	}
	if (!cpu->hooks.idle || !cpu->hooks.idle(cpu->hooks.opaque, cpu))
		cpu->stop = STOP_WAIT_FOREVER;
}

/* Where the next slice must stop: the poll, the instruction limit, the next timer event. */
static uint64_t run_slice_end(const struct cpu *cpu, uint64_t next_poll)
{
	uint64_t end = next_poll < cpu->insn_limit ? next_poll : cpu->insn_limit;
	if (cpu->timer_deadline != TIMER_NEVER) {
		uint64_t at = cpu->timer_deadline - cpu->idle_ticks; /* as an icount */
		if (at < end)
			end = at;
	}
	return end;
}

enum cpu_stop cpu_run(struct cpu *cpu)
{
	uint64_t next_poll = cpu->icount;
	cpu->stop = STOP_NONE;
	while (cpu->stop == STOP_NONE) {
		cpu_free_retired_pages(cpu);
		if (cpu->icount >= cpu->insn_limit) {
			cpu->stop = STOP_INSN_LIMIT;
			break;
		}
		if (cpu->icount >= next_poll) {
			if (cpu->hooks.poll)
				cpu->hooks.poll(cpu->hooks.opaque, cpu);
			next_poll = cpu->icount + CPU_POLL_INSNS;
		}
		if (unlikely(cpu_counter(cpu) >= cpu->timer_deadline))
			timer_update(cpu);
		if (unlikely(cpu->wait) && run_still_waiting(cpu)) {
			run_idle(cpu);
			continue;
		}
		if (irq_take_pending(cpu) && cpu->stop)
			break;
		if (cpu->stop_requested) {
			cpu->stop = STOP_REQUEST;
			break;
		}
		cpu->slice_end = run_slice_end(cpu, next_poll);
		/* The slow loop, one instruction at a time: for the trace's insn
		 * hook, and the reference mode that decodes every time. */
		if (unlikely(cpu->hooks.on_insn || cpu->no_dcache))
			while (cpu->stop == STOP_NONE && !cpu->wait && cpu->icount < cpu->slice_end)
				cpu_step(cpu);
		else
			run_slice(cpu);
	}
	cpu_free_retired_pages(cpu);
	return cpu->stop;
}
