/* SPDX-License-Identifier: MIT */
/*
 * rr-os's two EL0 applications. They run at EL0t on their own stacks and
 * reach the kernel only through SVC #0 (os.h: write, yield, exit, sleep);
 * they read the virtual counter directly (the kernel sets
 * CNTKCTL_EL1.EL0VCTEN). Returning from the entry function is exit().
 */
#include "tasks.h"

static unsigned long u_time_us(void)
{
	uint64_t cnt, frq;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0\n\tmrs %1, cntfrq_el0" : "=r"(cnt), "=r"(frq));
	return (unsigned long)(cnt / (frq / 1000000u));
}

/* "ping": six lines, sleeping two timer ticks after each. */
uint64_t task_ping(uint64_t arg)
{
	for (int i = 1; i <= PING_ROUNDS; i++) {
		os_uprint("ping %d/%d at %lu us\n", i, PING_ROUNDS, u_time_us());
		os_syscall(OS_SYS_SLEEP, 2, 0);
	}
	return 0;
}

/*
 * "sum": the sum of i*i for i < SUM_N, in ten pieces, long enough for the
 * kernel's tick to preempt it; yields once half-way. Exit status 0 when
 * the sum matches (n-1)n(2n-1)/6.
 */
uint64_t task_sum(uint64_t arg)
{
	const uint64_t n = SUM_N, want = (n - 1) * n * (2 * n - 1) / 6;
	uint64_t sum = 0;

	for (uint64_t piece = 0; piece < 10; piece++) {
		for (uint64_t i = piece * (n / 10); i < (piece + 1) * (n / 10); i++)
			sum += i * i;
		os_uprint("sum: %lu%% at %lu us\n", (unsigned long)(piece + 1) * 10, u_time_us());
		if (piece == 4)
			os_syscall(OS_SYS_YIELD, 0, 0);
	}
	os_uprint("sum of i*i, i < %lu: %lu (%s)\n", (unsigned long)n, (unsigned long)sum,
	          sum == want ? "correct" : "WRONG");
	return sum == want ? 0 : 1;
}

/* Where a task's entry function returns to: exit(x0). */
__asm__(".text\n.balign 4\n.globl task_exit_stub\ntask_exit_stub:\n\t"
        "mov x8, #3\n\tsvc #0\n\tb .\n");
