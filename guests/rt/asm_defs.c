/* SPDX-License-Identifier: MIT */
/*
 * Offsets that the runtime's assembly needs, generated from the C structs
 * (the Bao/Linux asm-offsets idea). Compiled with -S only; gen-asm-defs.sh
 * turns every "->NAME value" line of the output into "#define NAME value".
 */
#include <stddef.h>

#include "rt.h"

#define DEFINE(sym, val) __asm__ volatile("\n->" #sym " %0" : : "i"(val))

void rt_asm_defs(void);

void rt_asm_defs(void)
{
	DEFINE(RT_FRAME_SIZE, sizeof(struct rt_exc_frame));
	DEFINE(RT_FRAME_X, offsetof(struct rt_exc_frame, x));
}
