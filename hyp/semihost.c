/* SPDX-License-Identifier: MIT */
/*
 * The only semihosting call hyp/ makes: SYS_EXIT, with the exit status
 * (Semihosting for AArch32 and AArch64, IHI 0105: HLT #0xF000, operation in
 * W0, the AArch64 parameter block {ADP_Stopped_ApplicationExit, code} in X1).
 * The guests never use semihosting; they power off with PSCI.
 */
#include "hyp.h"

#define SYS_EXIT                     0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

void semihost_exit(int code)
{
	const uint64_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint64_t)(int64_t)code};

	for (;;) {
		register uint64_t x0 __asm__("x0") = SYS_EXIT;
		register const uint64_t *x1 __asm__("x1") = block;

		__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	}
}
