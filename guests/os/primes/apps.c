/* SPDX-License-Identifier: MIT */
/*
 * The primes kernel's EL0 applications. Each runs at EL0t (rt_lower_call)
 * and talks to the kernel only with SVC #0 (os.h); its return value is its
 * result. They publish their progress for the kernel's timer heartbeat.
 */
#include "apps.h"

uint32_t app_primes[MAX_PRIMES];
volatile uint32_t app_progress;
static uint8_t composite[SIEVE_N];

/* The sieve of Eratosthenes below n; the primes go to app_primes. */
uint64_t app_sieve(uint64_t n)
{
	uint64_t count = 0;

	os_uprint("sieve: primes below %lu\n", (unsigned long)n);
	for (uint64_t i = 2; i * i < n; i++) {
		app_progress = (uint32_t)i;
		if (composite[i])
			continue;
		for (uint64_t j = i * i; j < n; j += i)
			composite[j] = 1;
	}
	for (uint64_t i = 2; i < n; i++) {
		app_progress = (uint32_t)i;
		if (!composite[i] && count < MAX_PRIMES)
			app_primes[count++] = (uint32_t)i;
	}
	os_uprint("sieve: %lu primes, the largest %u\n", (unsigned long)count,
	          count ? app_primes[count - 1] : 0);
	return count;
}

/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit. */
static uint32_t crc32_update(uint32_t crc, uint8_t byte)
{
	crc ^= byte;
	for (int k = 0; k < 8; k++)
		crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	return crc;
}

uint64_t app_crc32(uint64_t count)
{
	uint32_t crc = 0xffffffffu, check = 0xffffffffu;
	static const char vector[] = "123456789";

	for (int i = 0; vector[i]; i++)
		check = crc32_update(check, (uint8_t)vector[i]);
	os_uprint("crc32: check value 0x%08x (want 0xcbf43926)\n", ~check);
	for (uint64_t i = 0; i < count; i++) {
		app_progress = (uint32_t)i;
		for (int b = 0; b < 4; b++)
			crc = crc32_update(crc, (uint8_t)(app_primes[i] >> (8 * b)));
	}
	os_uprint("crc32: of %lu primes 0x%08x\n", (unsigned long)count, ~crc);
	return ~check == 0xcbf43926u ? ~crc : 0;
}
