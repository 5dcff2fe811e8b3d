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
#define TH_CODE     0x40000000ull
#define TH_DATA     0x40080000ull

/* A fresh CPU: highest EL el (1..3), reset at that EL, PC = TH_CODE. */
struct cpu *th_cpu(unsigned el);

/* Vector bases th_cpu_at() installs, one 2 KiB-aligned table per EL. */
#define TH_VBAR1 0x40010000ull
#define TH_VBAR2 0x40020000ull
#define TH_VBAR3 0x40030000ull

/*
 * A fresh CPU with highest EL highest, VBAR_EL1..3 = TH_VBAR1..3, SCR_EL3.NS
 * set when EL3 exists (so EL2 is enabled), and PSTATE from an SPSR value.
 */
struct cpu *th_cpu_at(unsigned highest, uint64_t spsr);
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

/* word with bits [hi:lo] replaced by v (for encodings the assembler refuses) */
#define TH_FIELD(word, hi, lo, v) \
	(((word) & ~(((1u << ((hi) - (lo) + 1)) - 1) << (lo))) | ((uint32_t)(v) << (lo)))

/*
 * cmocka fixtures: *state = th_cpu(1) or th_cpu(2) (a CPU reset at EL1h or
 * EL2h); th_teardown frees it.
 */
int th_setup_el1(void **state);
int th_setup_el2(void **state);
int th_teardown(void **state);

/* A cmocka test run with a fresh EL1 or EL2 CPU in *state. */
#define TH_TEST_EL1(f) cmocka_unit_test_setup_teardown(f, th_setup_el1, th_teardown)
#define TH_TEST_EL2(f) cmocka_unit_test_setup_teardown(f, th_setup_el2, th_teardown)

/* Execute raw at PC; it must retire (EXEC_NEXT) and advance PC by 4. */
void th_exec_ok(struct cpu *cpu, uint32_t raw);

/*
 * Execute raw at PC; it must raise a synchronous exception (EXEC_EXC) taken
 * to EL el with class ec: ESR_ELel.EC = ec (a stale, different EC is planted
 * first), ELR_ELel = the instruction, SPSR_ELel = PSTATE before it, PC = the
 * VBAR_ELel vector for the source EL and SPSel, the instruction not retired,
 * and X0-X31, SP_EL0..3 and NZCV unchanged. Returns ESR_ELel. Then restores
 * PSTATE and PC to the faulting instruction, so the test can go on.
 */
uint64_t th_exec_fault(struct cpu *cpu, uint32_t raw, unsigned el, unsigned ec);

/* th_exec_fault() for UNDEFINED (EC 0x00), taken to the current EL, or EL1 from EL0. */
uint64_t th_exec_undef(struct cpu *cpu, uint32_t raw);

#endif
