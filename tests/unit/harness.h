/*
 * Unit-test harness: a CPU over 1 MiB of RAM at 0x4000_0000 and no devices,
 * with helpers to place instruction words and execute exactly one of them.
 */
#ifndef EL2SIM_HARNESS_H
#define EL2SIM_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "cpu.h"

#define TH_RAM_BASE 0x40000000ull
#define TH_RAM_SIZE (1ull << 20)
/* Where th_exec() places the instruction; data tests use TH_DATA. */
#define TH_CODE 0x40000000ull
#define TH_DATA 0x40080000ull

/* A fresh CPU: highest EL el (1..3), reset at that EL, PC = TH_CODE. */
struct cpu *th_cpu(unsigned el);
void th_free(struct cpu *cpu);

/* Write raw at cpu->pc and execute exactly one instruction (cpu_step). */
int th_exec(struct cpu *cpu, uint32_t raw);

/* Write words at addr (RAM) and tell the decode cache. */
void th_put_words(struct cpu *cpu, uint64_t addr, const uint32_t *words, size_t n);

/* Host pointer to guest RAM at pa. */
uint8_t *th_ram(struct cpu *cpu, uint64_t pa);

uint64_t th_read64(struct cpu *cpu, uint64_t pa);
void th_write64(struct cpu *cpu, uint64_t pa, uint64_t v);

/* The EC of the last syndrome written to ESR_ELx of el. */
unsigned th_esr_ec(struct cpu *cpu, unsigned el);

#endif
