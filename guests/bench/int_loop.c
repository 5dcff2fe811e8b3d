/* SPDX-License-Identifier: MIT */
/*
 * Integer loop for bench/: straight-line ALU work whose instruction count is
 * known by construction, so a simulator's MIPS can be checked against the
 * count it reports. Started at EL2; the loop runs at EL1 (rt_lower_call())
 * so that el2sim's --stats line "insns at EL1" isolates it from the
 * runtime's start-up, printf and semihosting, which all run at EL2.
 *
 * What runs at EL1, all written here in assembly so no compiler choice
 * changes the count:
 *   int_loop_fn: INT_LOOP_PROLOGUE instructions, then INT_LOOP_ITERS times
 *   the INT_LOOP_BODY instructions of the loop, then INT_LOOP_EPILOGUE
 *   (including the RET), and the runtime's return stub's HVC (1).
 * The guest prints that sum; bench/bench.py compares it with el2sim's count.
 */
#include "rt.h"

#define INT_LOOP_ITERS    100000000ull /* 800 million instructions in the loop */
#define INT_LOOP_PROLOGUE 4
#define INT_LOOP_BODY     8
#define INT_LOOP_EPILOGUE 4
#define INT_LOOP_STUB     1 /* rt_lower_ret_hvc's HVC #0xfe7e (guests/rt/lower.S) */

/*
 * x0 = iterations (non-zero); returns a mix of the four accumulators so the
 * result depends on every instruction of the loop. Dependent adds, logic
 * ops and shifted-register operands: the kind of code a simulator's
 * decoder and dispatch see most.
 */
__asm__(".text\n"
        ".balign 64\n"
        ".globl int_loop_fn\n"
        ".type int_loop_fn, %function\n"
        "int_loop_fn:\n"
        "\tmov x1, #1\n" /* prologue: 4 */
        "\tmov x2, #3\n"
        "\tmov x3, #5\n"
        "\tmov x4, #7\n"
        "1:\tadd x1, x1, x0\n" /* body: 8 */
        "\teor x2, x2, x1, ror #13\n"
        "\tadd x3, x3, x2, lsl #1\n"
        "\teor x4, x4, x3, lsr #3\n"
        "\tsub x1, x1, x4\n"
        "\torr x3, x3, x1, lsl #7\n"
        "\tsubs x0, x0, #1\n"
        "\tb.ne 1b\n"
        "\teor x0, x1, x2\n" /* epilogue: 4 */
        "\teor x0, x0, x3\n"
        "\teor x0, x0, x4\n"
        "\tret\n"
        ".size int_loop_fn, . - int_loop_fn\n");
uint64_t int_loop_fn(uint64_t iters);

int main(void)
{
	uint64_t expect = INT_LOOP_PROLOGUE + INT_LOOP_BODY * INT_LOOP_ITERS + INT_LOOP_EPILOGUE +
	                  INT_LOOP_STUB;
	uint64_t result;

	if (rt_current_el() != 2) {
		rt_printf("int_loop: start me at EL2\n");
		return 1;
	}
	result = rt_lower_call(int_loop_fn, INT_LOOP_ITERS);
	rt_printf("int_loop: %llu iterations x %d instructions, result %016llx\n",
	          (unsigned long long)INT_LOOP_ITERS, INT_LOOP_BODY, (unsigned long long)result);
	rt_printf("int_loop: expected instructions at EL1: %llu\n", (unsigned long long)expect);
	return 0;
}
