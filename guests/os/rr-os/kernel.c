/* SPDX-License-Identifier: MIT */
/*
 * rr-os: a tiny round-robin kernel at EL1 running two EL0 tasks (tasks.c).
 *
 * - Tasks enter the kernel with SVC #0 (write, yield, exit, sleep; os.h).
 * - The EL1 virtual timer ticks every TICK_US; its interrupt (virtual INTID
 *   27, injected by hyp/ through a GIC list register, acknowledged with
 *   ICC_IAR1_EL1 = ICV_IAR1_EL1) wakes sleepers and preempts a task after
 *   SLICE_TICKS ticks.
 * - main() is the idle thread: with no task ready it waits in WFI, which
 *   hyp/ traps (HCR_EL2.TWI) to run the other guest meanwhile.
 * - A context switch is done on the exception frame guests/rt saved: the
 *   outgoing context (X0-X30, ELR, SPSR, SP_EL0) is copied out of it and
 *   the incoming one in; rt's vectors then ERET into whichever it is.
 * It also reads a trapped ID register (TID3), asks PSCI for its version
 * over SMC (trapped by TSC), and prints through the emulated PL011 (every
 * byte a stage 2 fault hyp/ emulates) while tasks write with HC_CONSOLE_WRITE.
 */
#include "tasks.h"

#define TICK_US          1000
#define SLICE_TICKS      2
#define NTASKS           2
#define TASK_STACK       8192
/* CNTKCTL_EL1.EL0VCTEN [1] (Arm ARM, CNTKCTL_EL1): EL0 may read CNTVCT_EL0 and CNTFRQ_EL0. */
#define CNTKCTL_EL0VCTEN (1ull << 1)

struct ctx {
	uint64_t x[31];
	uint64_t elr, spsr, sp_el0;
};

enum task_state { TASK_READY, TASK_SLEEPING, TASK_DONE };

struct task {
	const char *name;
	uint64_t (*entry)(uint64_t);
	struct ctx ctx;
	enum task_state state;
	uint64_t wake_tick;
	int64_t exit_code;
	unsigned int syscalls, preempted;
};

static struct task tasks[NTASKS] = {
        {.name = "ping", .entry = task_ping},
        {.name = "sum", .entry = task_sum},
};
static uint8_t task_stacks[NTASKS][TASK_STACK] __attribute__((aligned(16)));
static struct ctx idle_ctx;
static int cur = -1; /* the running task; -1: the idle thread (main) */
static volatile uint64_t ticks;
static uint64_t tick_period;
static unsigned int slice_left, switches;

static void ctx_save(struct ctx *c, const struct rt_exc_frame *f)
{
	memcpy(c->x, f->x, sizeof(c->x));
	c->elr = f->elr;
	c->spsr = f->spsr;
	c->sp_el0 = READ_SYSREG(sp_el0);
}

static void ctx_load(const struct ctx *c, struct rt_exc_frame *f)
{
	memcpy(f->x, c->x, sizeof(f->x));
	f->elr = c->elr;
	f->spsr = c->spsr;
	WRITE_SYSREG(sp_el0, c->sp_el0);
}

/* Round-robin: the next ready task after the current one, else the idle thread. */
static void schedule(struct rt_exc_frame *f)
{
	int start = cur < 0 ? 0 : cur + 1, next = -1;

	for (int i = 0; i < NTASKS; i++) {
		int t = (start + i) % NTASKS;

		if (tasks[t].state == TASK_READY) {
			next = t;
			break;
		}
	}
	slice_left = SLICE_TICKS;
	if (next == cur)
		return;
	ctx_save(cur < 0 ? &idle_ctx : &tasks[cur].ctx, f);
	ctx_load(next < 0 ? &idle_ctx : &tasks[next].ctx, f);
	cur = next;
	switches++;
}

static void syscall(struct rt_exc_frame *f)
{
	struct task *t = &tasks[cur];
	uint64_t *x = f->x;

	t->syscalls++;
	switch (x[8]) {
	case OS_SYS_WRITE: /* the buffer's VA is its IPA: rr-os runs with its MMU off */
		x[0] = os_hvc(HC_CONSOLE_WRITE, x[0],
		              x[1] > HC_CONSOLE_MAX ? HC_CONSOLE_MAX : x[1]);
		break;
	case OS_SYS_YIELD:
		x[0] = 0;
		schedule(f);
		break;
	case OS_SYS_EXIT:
		t->state = TASK_DONE;
		t->exit_code = (int64_t)x[0];
		rt_printf("task %s exited with %ld after %u system calls, preempted %u times\n",
		          t->name, (long)t->exit_code, t->syscalls, t->preempted);
		schedule(f);
		break;
	case OS_SYS_SLEEP:
		t->state = TASK_SLEEPING;
		t->wake_tick = ticks + x[0];
		x[0] = 0;
		schedule(f);
		break;
	default: x[0] = (uint64_t)-1; break;
	}
}

/* The virtual timer's tick: wake sleepers, preempt a task whose slice is used up. */
static void timer_tick(struct rt_exc_frame *f)
{
	uint32_t intid = os_gic_ack();

	if (intid != GUEST_VTIMER_INTID)
		return; /* 1023: spurious, nothing to acknowledge */
	ticks++;
	os_vtimer_arm(tick_period);
	for (int i = 0; i < NTASKS; i++)
		if (tasks[i].state == TASK_SLEEPING && ticks >= tasks[i].wake_tick)
			tasks[i].state = TASK_READY;
	if (cur < 0 || --slice_left == 0) {
		if (cur >= 0)
			tasks[cur].preempted++;
		schedule(f);
	}
	os_gic_eoi(intid);
}

static void __attribute__((noreturn)) kernel_oops(const struct rt_exc_frame *f)
{
	rt_printf("OOPS: vector slot %lu (%s), ESR 0x%lx, ELR 0x%lx, FAR 0x%lx\n",
	          (unsigned long)f->slot, rt_vector_name((unsigned int)f->slot),
	          (unsigned long)f->esr, (unsigned long)f->elr, (unsigned long)f->far);
	os_power_off(2);
}

int rt_exc_hook(struct rt_exc_frame *f)
{
	switch (f->slot) {
	case SLOT_LOWER64_SYNC:
		if (ESR_EC(f->esr) == EC_SVC64) {
			syscall(f);
			return 1;
		}
		rt_printf("task %s: exception EC 0x%x at 0x%lx: killed\n", tasks[cur].name,
		          ESR_EC(f->esr), (unsigned long)f->elr);
		tasks[cur].state = TASK_DONE;
		tasks[cur].exit_code = -1;
		schedule(f);
		return 1;
	case SLOT_LOWER64_IRQ:
	case SLOT_CUR_SPX_IRQ: timer_tick(f); return 1;
	default: kernel_oops(f);
	}
}

static void task_create(struct task *t, uint8_t *stack)
{
	t->ctx = (struct ctx){.elr = (uint64_t)t->entry,
	                      .spsr = SPSR_EL0T, /* EL0t, interrupts unmasked */
	                      .sp_el0 = (uint64_t)(stack + TASK_STACK)};
	t->ctx.x[30] = (uint64_t)task_exit_stub;
	t->state = TASK_READY;
}

static int tasks_done(void)
{
	for (int i = 0; i < NTASKS; i++)
		if (tasks[i].state != TASK_DONE)
			return 0;
	return 1;
}

int main(void)
{
	uint64_t pfr0, vm;
	int fails = 0;

	os_console_init();
	vm = os_hvc(HC_VCPU_ID, 0, 0);
	rt_printf("rr-os: EL1 kernel of VM %lu, PSCI 0x%lx over SMC, virtual time %lu ticks\n",
	          (unsigned long)vm, (unsigned long)os_smc(PSCI_VERSION, 0, 0),
	          (unsigned long)os_hvc(HC_TIME, 0, 0));
	/* ID_AA64PFR0_EL1 traps (HCR_EL2.TID3): hyp/ says EL2 [11:8] and EL3 [15:12] are absent. */
	pfr0 = READ_SYSREG(id_aa64pfr0_el1);
	rt_printf("rr-os: ID_AA64PFR0_EL1 0x%lx: EL1 %lu, EL2 %lu, EL3 %lu\n", (unsigned long)pfr0,
	          (unsigned long)(pfr0 >> 4 & 0xf), (unsigned long)(pfr0 >> 8 & 0xf),
	          (unsigned long)(pfr0 >> 12 & 0xf));
	fails += (pfr0 >> 8 & 0xff) != 0;

	for (int i = 0; i < NTASKS; i++)
		task_create(&tasks[i], task_stacks[i]);
	WRITE_SYSREG(cntkctl_el1, CNTKCTL_EL0VCTEN);
	os_gic_init();
	tick_period = os_us_to_ticks(TICK_US);
	slice_left = SLICE_TICKS;
	os_vtimer_arm(tick_period);
	rt_printf("rr-os: starting %d tasks, tick %u us, slice %u ticks\n", NTASKS, TICK_US,
	          SLICE_TICKS);

	/* The idle thread: the first tick switches to a task; back here when none is ready. */
	__asm__ volatile("msr daifclr, #2" ::: "memory");
	while (!tasks_done())
		__asm__ volatile("wfi" ::: "memory");
	__asm__ volatile("msr daifset, #2" ::: "memory");
	os_vtimer_stop();

	for (int i = 0; i < NTASKS; i++)
		fails += tasks[i].exit_code != 0;
	fails += ticks < 4 || switches < 4;
	rt_printf("rr-os: all tasks done after %lu ticks and %u context switches: %s\n",
	          (unsigned long)ticks, switches, fails ? "FAIL" : "PASS");
	os_power_off(fails);
}
