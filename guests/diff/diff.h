/* SPDX-License-Identifier: MIT */
/*
 * What a differential-test program includes. The same source is built twice:
 * for AArch64 against the guest runtime (rt.h), and for the host with
 * -DDIFF_HOST, where this header maps the runtime's output and exit calls to
 * stdio. tests/diff/ then compares the two runs byte for byte.
 *
 * Rules for programs here: integer arithmetic only, deterministic, no
 * dependence on the signedness of plain char, output only through the
 * rt_ names below.
 */
#ifndef DIFF_H
#define DIFF_H

#include <stddef.h>
#include <stdint.h>

#ifdef DIFF_HOST
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define rt_printf   printf
#define rt_snprintf snprintf
#define rt_putc     putchar
#define rt_puts     puts
#define rt_exit     exit
#else
#include "rt.h"
#endif

/* xorshift32 (Marsaglia, 2003): the programs' only source of "random" data. */
static inline uint32_t diff_rand(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

#endif
