/* SPDX-License-Identifier: MIT */
/*
 * Exception round trips for bench/: EL1 issues HVC #0 in a loop and a
 * minimal EL2 handler ERETs straight back, the shape of a hypervisor's
 * fast path (a trap, a look at ESR, a return). Started at EL2. The handler
 * passes every other exception to the runtime's vectors, so rt_lower_call()
 * and unexpected exceptions work as usual.
 */
#include "rt.h"

#include "bench_vectors.h"

#define ROUND_TRIPS 2000000ull

/* VBAR_EL2 table: slot 0x400 (lower EL, AArch64, synchronous) handles
 * HVC #0; every slot else, and any other exception there, goes on to
 * rt_vectors' same slot. */
BENCH_VECTORS(pp_vectors, 8,
              "stp x0, x1, [sp, #-16]!\n"
              "mrs x0, esr_el2\n"
              "mov x1, #0x5a000000\n" /* EC 0x16 HVC64, IL, imm16 0 */
              "cmp x0, x1\n"
              "ldp x0, x1, [sp], #16\n"
              "b.ne rt_vectors + 0x400\n"
              "eret\n");

static uint64_t el1_loop(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		__asm__ volatile("hvc #0" ::: "memory");
	return n;
}

int main(void)
{
	if (rt_current_el() != 2) {
		rt_printf("exc_pingpong: start me at EL2\n");
		return 1;
	}
	WRITE_SYSREG(vbar_el2, pp_vectors);
	uint64_t done = rt_lower_call(el1_loop, ROUND_TRIPS);
	rt_printf("exc_pingpong: %llu HVC round trips EL1 -> EL2 -> EL1\n",
	          (unsigned long long)done);
	return done == ROUND_TRIPS ? 0 : 1;
}
