/* SPDX-License-Identifier: MIT */
/*
 * Arm semihosting (IHI 0105, "Semihosting for AArch32 and AArch64"): on
 * AArch64 the call is HLT #0xF000 with the operation in W0 and a parameter
 * (usually the address of a parameter block) in X1; the result is in X0.
 */
#include "rt.h"

long rt_semihost(long op, const void *param)
{
	register long x0 __asm__("x0") = op;
	register const void *x1 __asm__("x1") = param;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

void rt_sh_writec(char c)
{
	rt_semihost(SYS_WRITEC, &c);
}

void rt_sh_write0(const char *s)
{
	rt_semihost(SYS_WRITE0, s);
}

/* Returns the number of bytes NOT written, as SYS_WRITE does. */
long rt_sh_write(long handle, const void *buf, size_t len)
{
	const uint64_t block[3] = {(uint64_t)handle, (uint64_t)(uintptr_t)buf, len};

	return rt_semihost(SYS_WRITE, block);
}

/* AArch64 SYS_EXIT takes a two-word block {reason, subcode}. */
void rt_sh_exit(int code)
{
	const uint64_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint64_t)(int64_t)code};

	for (;;)
		rt_semihost(SYS_EXIT, block);
}
