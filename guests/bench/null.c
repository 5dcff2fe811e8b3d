/* SPDX-License-Identifier: MIT */
/*
 * The empty guest for bench/: main() returns 0 at once, so a run is a
 * simulator's start-up and exit plus the runtime's few thousand
 * instructions (start.S, zeroing .bss, SYS_EXIT). bench/bench.py times it
 * to measure start-up: el2sim's to its first instruction (an upper bound),
 * and QEMU's, which it subtracts from QEMU's time for the other workloads.
 */
#include "rt.h"

int main(void)
{
	return 0;
}
