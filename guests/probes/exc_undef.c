/* SPDX-License-Identifier: MIT */
/*
 * Probe: an UNDEFINED instruction (UDF) at the current EL is taken to the same
 * EL, vector slot "Current EL with SPx, Synchronous" (VBAR + 0x200), with
 * ESR.EC 0x00 (Unknown reason), ESR.IL 1, and ELR pointing at the UDF
 * (Arm ARM D1.10.2, D17.2.37). Returning past it resumes the program.
 * Exit 0: PASS; 1: FAIL.
 */
#include "rt.h"

static uint64_t udf_pc;
static struct rt_exc_frame seen;
static int taken;

int rt_exc_hook(struct rt_exc_frame *frame)
{
	if (taken++)
		return 0; /* a second exception is a failure: let the runtime report it */
	seen = *frame;
	frame->elr += 4;
	return 1;
}

int main(void)
{
	uint64_t ec, il;
	int ok;

	__asm__ volatile("adr	x9, 1f\n\t"
	                 "str	x9, %0\n"
	                 "1:	udf	#0x2a"
	                 : "=m"(udf_pc)
	                 :
	                 : "x9", "memory");
	ec = seen.esr >> 26 & 0x3f;
	il = seen.esr >> 25 & 1;
	ok = taken == 1 && seen.slot == 4 && ec == 0 && il == 1 && seen.elr == udf_pc;
	rt_printf("exc_undef at EL%u: taken=%d slot=%lu (%s) EC=0x%02lx IL=%lu ELR=%s: %s\n",
	          rt_current_el(), taken, (unsigned long)seen.slot, rt_vector_name(seen.slot),
	          (unsigned long)ec, (unsigned long)il, seen.elr == udf_pc ? "at the UDF" : "WRONG",
	          ok ? "PASS" : "FAIL");
	return !ok;
}
