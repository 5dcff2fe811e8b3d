/* SPDX-License-Identifier: MIT */
/*
 * A VBAR_EL2 table for a bench workload: one slot holds the workload's
 * handler (assembler text, at most 32 instructions: a slot is 0x80 bytes,
 * Arm ARM D1.10.2 "Exception vectors"), every other slot branches to
 * rt_vectors' same slot, so rt_lower_call()'s way back and unexpected
 * exceptions work as in any guest. BEFORE and AFTER list the other slots
 * (0-15) by number, as .irp wants them.
 */
#ifndef BENCH_VECTORS_H
#define BENCH_VECTORS_H

#define BENCH_VECTORS(name, before, handler, after)              \
	__asm__(".pushsection .text\n"                           \
	        ".balign 2048\n" #name ":\n"                     \
	        ".irp slot, " before "\n"                        \
	        ".balign 128\n"                                  \
	        "b rt_vectors + \\slot * 128\n"                  \
	        ".endr\n"                                        \
	        ".balign 128\n" handler ".irp slot, " after "\n" \
	        ".balign 128\n"                                  \
	        "b rt_vectors + \\slot * 128\n"                  \
	        ".endr\n"                                        \
	        ".popsection\n");                                \
	extern char name[]

#endif
