/* SPDX-License-Identifier: MIT */
/* The primes kernel's EL0 applications (apps.c), run one after the other by kernel.c. */
#ifndef PRIMES_APPS_H
#define PRIMES_APPS_H

#include "os.h"

#define SIEVE_N    50000u
#define MAX_PRIMES 6000u

/* Results and progress the kernel reads (one flat address space: the MMU is off). */
extern uint32_t app_primes[MAX_PRIMES];
extern volatile uint32_t app_progress;

uint64_t app_sieve(uint64_t n);     /* -> the number of primes below n, listed in app_primes */
uint64_t app_crc32(uint64_t count); /* -> CRC-32 of app_primes[0..count) as little-endian words */

#endif
