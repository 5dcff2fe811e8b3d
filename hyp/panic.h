/* SPDX-License-Identifier: MIT */
/* What an unexpected exception leaves for panic.c: the registers as the vector found them. */
#ifndef HYP_PANIC_H
#define HYP_PANIC_H

#include <stdint.h>

struct hyp_frame {
	uint64_t x[31];
	uint64_t pad;
};

/* Called by vectors.S (EL2) and monitor.S (EL3) for a slot that must never be taken. */
void hyp_bad_vector(unsigned long slot, struct hyp_frame *f) __attribute__((noreturn));
void monitor_bad_vector(unsigned long slot, struct hyp_frame *f) __attribute__((noreturn));

#endif
