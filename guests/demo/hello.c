/* SPDX-License-Identifier: MIT */
/*
 * The demo guest: a banner with the exception level it runs at, printed
 * through the PL011, then a little computed output. Exits 0.
 *
 *     el2sim --semihosting build/guests/hello.elf
 *     qemu-system-aarch64 -M virt -cpu max -nographic -semihosting -kernel build/guests/hello.elf
 */
#include "rt.h"

static const char *const el_names[4] = {
        "EL0 (applications)",
        "EL1 (OS kernel)",
        "EL2 (hypervisor)",
        "EL3 (secure monitor)",
};

/* Collatz: the start below 10000 with the longest trajectory. */
static unsigned int collatz_longest(unsigned int limit, unsigned int *steps_out)
{
	unsigned int best = 1, best_steps = 0;

	for (unsigned int n = 1; n < limit; n++) {
		unsigned long long x = n;
		unsigned int steps = 0;

		while (x != 1) {
			x = (x & 1) ? 3 * x + 1 : x / 2;
			steps++;
		}
		if (steps > best_steps) {
			best = n;
			best_steps = steps;
		}
	}
	*steps_out = best_steps;
	return best;
}

int main(void)
{
	unsigned int el = rt_current_el();
	unsigned long long fib[2] = {0, 1};
	unsigned int steps, start;

	rt_console_use(RT_CONSOLE_PL011);
	rt_printf("\n  +--------------------------------------------+\n");
	rt_printf("  |  Hello from el2sim's demo guest!           |\n");
	rt_printf("  |  running at %-30s |\n", el_names[el]);
	rt_printf("  +--------------------------------------------+\n\n");

	rt_printf("  Fibonacci:");
	for (int i = 0; i < 12; i++) {
		rt_printf(" %llu", fib[0]);
		fib[1] += fib[0];
		fib[0] = fib[1] - fib[0];
	}
	start = collatz_longest(10000, &steps);
	rt_printf("\n  Collatz: below 10000, %u takes the longest (%u steps)\n", start, steps);
	rt_printf("  Bye.\n");
	return 0;
}
