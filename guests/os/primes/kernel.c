/* SPDX-License-Identifier: MIT */
/*
 * primes: a batch kernel at EL1 that runs two EL0 applications one after
 * the other (apps.c: a sieve of the primes below 50000, then a CRC-32 of
 * them) and checks their results against values computed on the host.
 * A virtual timer tick (INTID 27 through the vGIC) prints a heartbeat with
 * the running application's progress. Before that it checks what hyp/
 * promises a guest: trapped ID registers (TID3) show a CPU without EL2 or
 * EL3; memory outside its IPA space — including the IPA where the other
 * VM's RAM sits in physical memory — gives it a Data Abort; an unknown
 * hypercall is UNDEFINED. At the end it sleeps a few ticks in WFI (hyp/
 * deschedules it) and powers off with the verdict.
 */
#include "apps.h"

#define TICK_US         1000
#define HEARTBEAT_TICKS 3
/* Expected (computed on the host: Python's zlib.crc32 over struct.pack('<I', ...)). */
#define PRIMES_COUNT    5133u
#define PRIMES_SUM      121013308ull
#define PRIMES_CRC32    0xa911ca35u
/* IPAs outside this VM: just past its RAM, and where vm0's RAM is in physical memory. */
#define IPA_PAST_RAM    (GUEST_RAM_IPA + GUEST_RAM_SIZE)
#define IPA_OTHER_VM    0x44000000ull
#define HC_BOGUS        0x860000ffu /* an owner 6 function ID hyp/ does not define */

static volatile uint64_t ticks;
static uint64_t tick_period;
static const char *running = "kernel";
static int fails;

/* What the kernel's own deliberate mistakes gave back (slot 0x200 exceptions). */
static struct {
	int armed, taken;
	uint64_t esr, far, elr;
} expect;

static void check(const char *what, uint64_t got, uint64_t want)
{
	rt_printf("check %s: 0x%lx %s\n", what, (unsigned long)got, got == want ? "ok" : "FAILED");
	if (got != want) {
		rt_printf("  want 0x%lx\n", (unsigned long)want);
		fails++;
	}
}

static void timer_tick(void)
{
	uint32_t intid = os_gic_ack();

	if (intid != GUEST_VTIMER_INTID)
		return;
	ticks++;
	os_vtimer_arm(tick_period);
	if (ticks % HEARTBEAT_TICKS == 0)
		rt_printf("heartbeat %lu: %s at %u\n", (unsigned long)ticks, running, app_progress);
	os_gic_eoi(intid);
}

int rt_exc_hook(struct rt_exc_frame *f)
{
	switch (f->slot) {
	case SLOT_LOWER64_SYNC:
		if (ESR_EC(f->esr) != EC_SVC64 || f->x[8] != OS_SYS_WRITE)
			break;
		/* write(buf, len): through the kernel's console, the emulated PL011 */
		rt_printf("%.*s", (int)(f->x[1] > 256 ? 256 : f->x[1]), (const char *)f->x[0]);
		f->x[0] = f->x[1];
		f->spsr &= ~SPSR_I; /* applications run with interrupts enabled */
		return 1;
	case SLOT_LOWER64_IRQ:
	case SLOT_CUR_SPX_IRQ: timer_tick(); return 1;
	case SLOT_CUR_SPX_SYNC:
		if (!expect.armed)
			break;
		expect.armed = 0;
		expect.taken = 1;
		expect.esr = f->esr;
		expect.far = f->far;
		expect.elr = f->elr;
		f->elr += 4; /* skip the load or the HVC */
		return 1;
	default: break;
	}
	rt_printf("OOPS: vector slot %lu (%s), ESR 0x%lx, ELR 0x%lx, FAR 0x%lx\n",
	          (unsigned long)f->slot, rt_vector_name((unsigned int)f->slot),
	          (unsigned long)f->esr, (unsigned long)f->elr, (unsigned long)f->far);
	os_power_off(2);
}

/* A load from an IPA outside the VM: hyp/ injects a Data Abort (EC 0x25, DFSC 0x10) at it. */
static void isolation_probe(const char *what, uint64_t ipa)
{
	expect = (typeof(expect)){.armed = 1};
	__asm__ volatile(
	        "" ::
	                : "memory"); /* the hook reads expect: no reordering around the load */
	(void)*(volatile uint64_t *)ipa;
	__asm__ volatile("" ::: "memory");
	rt_printf("read of IPA 0x%lx (%s): ESR_EL1 0x%lx, FAR_EL1 0x%lx\n", (unsigned long)ipa,
	          what, (unsigned long)expect.esr, (unsigned long)expect.far);
	check("abort taken", (uint64_t)expect.taken, 1);
	check("EC (Data Abort, current EL)", ESR_EC(expect.esr), EC_DABT_CUR);
	check("DFSC (synchronous external abort)", expect.esr & 0x3f, 0x10);
	check("FAR_EL1", expect.far, ipa);
}

static void hypercall_probe(void)
{
	expect = (typeof(expect)){.armed = 1};
	os_hvc(HC_BOGUS, 0, 0); /* an asm volatile with a "memory" clobber: ordered */
	check("unknown hypercall: UNDEFINED (EC 0x00)",
	      expect.taken && ESR_EC(expect.esr) == EC_UNKNOWN, 1);
}

static void sleep_ticks(uint64_t n)
{
	uint64_t until = ticks + n, wfis = 0;

	__asm__ volatile("msr daifclr, #2" ::: "memory");
	while (ticks < until) {
		__asm__ volatile("wfi" ::: "memory");
		wfis++;
	}
	__asm__ volatile("msr daifset, #2" ::: "memory");
	rt_printf("slept %lu ticks in %lu WFIs\n", (unsigned long)n, (unsigned long)wfis);
}

int main(void)
{
	uint64_t pfr0, mmfr0, count, sum = 0, crc, t0;

	os_console_init();
	t0 = os_hvc(HC_TIME, 0, 0);
	rt_printf("primes: EL1 kernel of VM %lu, PSCI 0x%lx over HVC, virtual time %lu ticks\n",
	          (unsigned long)os_hvc(HC_VCPU_ID, 0, 0),
	          (unsigned long)os_hvc(PSCI_VERSION, 0, 0), (unsigned long)t0);

	pfr0 = READ_SYSREG(id_aa64pfr0_el1); /* trapped by HCR_EL2.TID3, emulated by hyp/ */
	mmfr0 = READ_SYSREG(id_aa64mmfr0_el1);
	rt_printf("ID_AA64PFR0_EL1 0x%lx, ID_AA64MMFR0_EL1 0x%lx (PARange %lu)\n",
	          (unsigned long)pfr0, (unsigned long)mmfr0, (unsigned long)(mmfr0 & 0xf));
	check("ID_AA64PFR0_EL1.EL2 and .EL3 (absent in a VM)", pfr0 >> 8 & 0xff, 0);

	isolation_probe("past this VM's RAM", IPA_PAST_RAM);
	isolation_probe("vm0's RAM in physical memory", IPA_OTHER_VM);
	hypercall_probe();

	os_gic_init();
	tick_period = os_us_to_ticks(TICK_US);
	os_vtimer_arm(tick_period);

	running = "sieve";
	app_progress = 0;
	count = rt_lower_call(app_sieve, SIEVE_N);
	for (uint64_t i = 0; i < count; i++)
		sum += app_primes[i];
	check("number of primes below 50000", count, PRIMES_COUNT);
	check("their sum", sum, PRIMES_SUM);

	rt_printf("yielding to the other VM (HC_YIELD)\n");
	os_hvc(HC_YIELD, 0, 0);

	running = "crc32";
	app_progress = 0;
	crc = rt_lower_call(app_crc32, count);
	check("CRC-32 of the primes", crc, PRIMES_CRC32);

	running = "kernel";
	sleep_ticks(3);
	os_vtimer_stop();
	rt_printf("primes: %lu timer ticks, %lu us of virtual time: %s\n", (unsigned long)ticks,
	          (unsigned long)((os_now() - t0) / os_us_to_ticks(1)), fails ? "FAIL" : "PASS");
	check("timer ticks seen", ticks >= 3, 1);
	os_power_off(fails);
}
