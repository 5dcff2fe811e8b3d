/* SPDX-License-Identifier: MIT */
/*
 * rt_lower_call(): run a function one EL below the current one, AArch64,
 * on its own stack and (for EL1/EL2) with rt_vectors as its vector table,
 * and come back when it returns. The way back is an exception: the function
 * returns into a stub that issues SVC (to EL1), HVC (to EL2) or SMC (to EL3)
 * with the immediate RT_LOWER_RETURN_IMM, which rt_exc_dispatch() hands to
 * rt_lower_check_return() before any hook sees it.
 */
#include "rt.h"

#define RT_LOWER_RETURN_IMM 0xfe7e /* also in lower.S */
#define RT_LOWER_STACK_SIZE 16384

uint64_t rt_lower_enter(uint64_t ctx[14], uint64_t arg, uint64_t stub);
void rt_lower_resume(const uint64_t ctx[14], uint64_t ret) __attribute__((noreturn));
void rt_lower_ret_svc(void);
void rt_lower_ret_hvc(void);
void rt_lower_ret_smc(void);
extern char rt_vectors[];

static uint64_t lower_stack[RT_LOWER_STACK_SIZE / 8] __attribute__((aligned(16)));
static uint64_t lower_ctx[14];
static int lower_active;

/*
 * From EL el to EL lower (>= 1): its stack and vectors, AArch64 (ctl.rw), ELR
 * and SPSR. No ISB: rt_lower_enter()'s ISB and ERET synchronize them all.
 */
#define LOWER_SETUP(el, lower, ctl, rw)                            \
	do {                                                       \
		WRITE_SYSREG_NOSYNC(sp_el##lower, top);            \
		WRITE_SYSREG_NOSYNC(vbar_el##lower, rt_vectors);   \
		WRITE_SYSREG_NOSYNC(ctl, READ_SYSREG(ctl) | (rw)); \
		WRITE_SYSREG_NOSYNC(elr_el##el, fn);               \
		WRITE_SYSREG_NOSYNC(spsr_el##el, spsr);            \
	} while (0)

uint64_t rt_lower_call(uint64_t (*fn)(uint64_t), uint64_t arg)
{
	unsigned int el = rt_current_el();
	uint64_t top = (uint64_t)&lower_stack[RT_LOWER_STACK_SIZE / 8];
	/* SPSR.M: EL0t, EL1h or EL2h; DAIF all masked. */
	uint64_t spsr = SPSR_DAIF | (el == 1 ? SPSR_EL0T : (uint64_t)(el - 1) << 2 | 1);
	void (*stub)(void);

	switch (el) {
	case 1:
		WRITE_SYSREG_NOSYNC(sp_el0, top);
		WRITE_SYSREG_NOSYNC(elr_el1, fn);
		WRITE_SYSREG_NOSYNC(spsr_el1, spsr);
		stub = rt_lower_ret_svc;
		break;
	case 2:
		LOWER_SETUP(2, 1, hcr_el2, HCR_RW);
		stub = rt_lower_ret_hvc;
		break;
	default:
		LOWER_SETUP(3, 2, scr_el3, SCR_RW);
		stub = rt_lower_ret_smc;
		break;
	}
	lower_active = 1;
	return rt_lower_enter(lower_ctx, arg, (uint64_t)stub);
}

void rt_lower_check_return(const struct rt_exc_frame *frame)
{
	unsigned int ec = ESR_EC(frame->esr);

	/* Lower EL using AArch64, Synchronous; SVC64, HVC64 or SMC64 with our immediate. */
	if (!lower_active || frame->slot != SLOT_LOWER64_SYNC || ec < EC_SVC64 || ec > EC_SMC64 ||
	    (frame->esr & 0xffff) != RT_LOWER_RETURN_IMM)
		return;
	lower_active = 0;
	rt_lower_resume(lower_ctx, frame->x[0]);
}
