/* SPDX-License-Identifier: MIT */
/*
 * A VBAR_EL2 table for a bench workload: slot `slot` (0-15, a plain number:
 * it is pasted into the assembly) holds the workload's handler, assembler
 * text of at most 32 instructions (a slot is 0x80 bytes, Arm ARM D1.10.2
 * "Exception vectors"; a longer one is an assembly error, not a shifted
 * table); every other slot branches to rt_vectors' same slot (rt/regs.inc,
 * fwd_slots), so rt_lower_call()'s way back and unexpected exceptions work
 * as in any guest.
 */
#ifndef BENCH_VECTORS_H
#define BENCH_VECTORS_H

#define BENCH_VECTORS(name, slot, handler)                                             \
	__asm__(".include \"regs.inc\"\n"                                              \
	        ".pushsection .text\n"                                                 \
	        ".balign 2048\n" #name ":\n"                                           \
	        "fwd_slots 0, " #slot "\n"                                             \
	        ".balign 128\n"                                                        \
	        ".L" #name "_handler:\n" handler ".if . - .L" #name "_handler > 128\n" \
	        ".error \"" #name ": the handler does not fit in its slot\"\n"         \
	        ".endif\n"                                                             \
	        "fwd_slots " #slot "+1, 16\n"                                          \
	        ".popsection\n");                                                      \
	extern char name[]

#endif
