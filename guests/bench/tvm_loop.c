/* SPDX-License-Identifier: MIT */
/*
 * Trapped system register writes for bench/: EL2 sets HCR_EL2.TVM, and EL1
 * writes TTBR0_EL1 in a loop. Each MSR traps to EL2, whose handler emulates
 * it (writes the value to the real TTBR0_EL1), steps ELR_EL2 past the MSR
 * and ERETs: the trap-and-emulate path a hypervisor takes for a guest's
 * virtual memory controls. Started at EL2.
 *
 * From the Arm ARM (DDI 0487):
 * - HCR_EL2.TVM, bit 26: EL1 writes to the virtual memory control
 *   registers (SCTLR_EL1, TTBR0_EL1, TTBR1_EL1, TCR_EL1, ...) are trapped
 *   to EL2 (D19.2, HCR_EL2).
 * - The exception: EC 0x18, "Trapped MSR, MRS or System instruction
 *   execution in AArch64 state", IL 1; ISS (D19.2, ESR_EL2, "ISS encoding
 *   for an exception from MSR, MRS, or System instruction execution in
 *   AArch64 state"): Op0 [21:20], Op2 [19:17], Op1 [16:14], CRn [13:10],
 *   Rt [9:5], CRm [4:1], Direction [0] (0: a write, MSR).
 *   TTBR0_EL1 is Op0 3, Op1 0, CRn 2, CRm 0, Op2 0; the loop writes it from
 *   X2, so ESR_EL2 = 0x18 << 26 | 1 << 25 | 3 << 20 | 2 << 10 | 2 << 5.
 * - The preferred return address of a trapped MSR is the MSR itself
 *   (D1.10.1, "Preferred exception return address"): the handler adds 4.
 */
#include "rt.h"

#include "bench_vectors.h"

#define TVM_TRAPS   2000000ull
#define TVM_ESR_MSR 0x62300840 /* the ESR_EL2 above, written out */
#define XSTR(x)     STR(x)
#define STR(x)      #x

uint64_t tvm_traps; /* counted by the EL2 handler */

/* The expected ESR, as an assembler symbol for the handler below. */
__asm__(".equ TVM_ESR_MSR, " XSTR(TVM_ESR_MSR));

/*
 * VBAR_EL2 table: slot 0x400 (lower EL, AArch64, synchronous) emulates
 * MSR TTBR0_EL1, X2; any other exception there, and every other slot,
 * goes on to rt_vectors' same slot (so rt_lower_call()'s way back works).
 */
BENCH_VECTORS(tvm_vectors, 8,
              "stp x0, x1, [sp, #-16]!\n"
              "mrs x0, esr_el2\n"
              "movz x1, #(TVM_ESR_MSR & 0xffff)\n"
              "movk x1, #(TVM_ESR_MSR >> 16), lsl #16\n"
              "cmp x0, x1\n"
              "b.ne 1f\n"
              "msr ttbr0_el1, x2\n" /* emulate the write */
              "mrs x0, elr_el2\n"
              "add x0, x0, #4\n" /* past the MSR */
              "msr elr_el2, x0\n"
              "adrp x0, tvm_traps\n"
              "ldr x1, [x0, #:lo12:tvm_traps]\n"
              "add x1, x1, #1\n"
              "str x1, [x0, #:lo12:tvm_traps]\n"
              "ldp x0, x1, [sp], #16\n"
              "eret\n"
              "1: ldp x0, x1, [sp], #16\n"
              "b rt_vectors + 0x400\n");

/* At EL1: n writes of TTBR0_EL1 (BADDR only: the MMU is off) from X2. */
static uint64_t el1_loop(uint64_t n)
{
	for (uint64_t i = 1; i <= n; i++) {
		register uint64_t v __asm__("x2") = i << 12;

		__asm__ volatile("msr ttbr0_el1, %0" : : "r"(v) : "memory");
	}
	return n;
}

int main(void)
{
	uint64_t hcr, done, ttbr0;

	if (rt_current_el() != 2) {
		rt_printf("tvm_loop: start me at EL2\n");
		return 1;
	}
	WRITE_SYSREG(vbar_el2, tvm_vectors);
	hcr = READ_SYSREG(hcr_el2);
	WRITE_SYSREG(hcr_el2, hcr | HCR_TVM);
	done = rt_lower_call(el1_loop, TVM_TRAPS);
	WRITE_SYSREG(hcr_el2, hcr);
	ttbr0 = READ_SYSREG(ttbr0_el1);
	rt_printf("tvm_loop: %llu MSR TTBR0_EL1 trapped to EL2 and emulated, last 0x%llx\n",
	          (unsigned long long)tvm_traps, (unsigned long long)ttbr0);
	if (done != TVM_TRAPS || tvm_traps != TVM_TRAPS || ttbr0 != TVM_TRAPS << 12) {
		rt_printf("tvm_loop: FAIL: want %llu traps and TTBR0_EL1 0x%llx\n",
		          (unsigned long long)TVM_TRAPS, (unsigned long long)(TVM_TRAPS << 12));
		return 1;
	}
	return 0;
}
