/* SPDX-License-Identifier: MIT */
/* rr-os's EL0 applications (tasks.c), as the kernel (kernel.c) starts them. */
#ifndef RR_TASKS_H
#define RR_TASKS_H

#include "os.h"

#define PING_ROUNDS 6
#define SUM_N       300000u

uint64_t task_ping(uint64_t arg);
uint64_t task_sum(uint64_t arg);
void task_exit_stub(void);

#endif
