#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "syndrome.h"

struct cpu *th_cpu(unsigned el)
{
	struct bus bus = {
	        .ram_base = TH_RAM_BASE,
	        .ram_size = TH_RAM_SIZE,
	        .ram = calloc(1, TH_RAM_SIZE),
	};
	assert_non_null(bus.ram);
	struct cpu *cpu = cpu_new(&bus, el);
	assert_non_null(cpu);
	cpu_reset(cpu, TH_CODE);
	return cpu;
}

struct cpu *th_cpu_at(unsigned highest, uint64_t spsr)
{
	struct cpu *cpu = th_cpu(highest);
	cpu->sr[SR_VBAR_EL1] = TH_VBAR1;
	cpu->sr[SR_VBAR_EL2] = TH_VBAR2;
	cpu->sr[SR_VBAR_EL3] = TH_VBAR3;
	if (highest == 3)
		cpu->sr[SR_SCR_EL3] |= 1; /* NS */
	cpu_pstate_set(cpu, spsr);
	return cpu;
}

void th_free(struct cpu *cpu)
{
	uint8_t *ram = cpu->bus.ram;
	cpu_free(cpu);
	free(ram);
}

uint8_t *th_ram(struct cpu *cpu, uint64_t pa)
{
	assert_true(pa >= TH_RAM_BASE && pa < TH_RAM_BASE + TH_RAM_SIZE);
	return cpu->bus.ram + (pa - TH_RAM_BASE);
}

void th_put_words(struct cpu *cpu, uint64_t addr, const uint32_t *words, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		memcpy(th_ram(cpu, addr + 4 * i), &words[i], 4);
		cpu_code_written(cpu, addr + 4 * i);
	}
}

int th_exec(struct cpu *cpu, uint32_t raw)
{
	th_put_words(cpu, cpu->pc, &raw, 1);
	return cpu_step(cpu);
}

uint64_t th_read64(struct cpu *cpu, uint64_t pa)
{
	uint64_t v;
	memcpy(&v, th_ram(cpu, pa), 8);
	return v;
}

void th_write64(struct cpu *cpu, uint64_t pa, uint64_t v)
{
	memcpy(th_ram(cpu, pa), &v, 8);
	cpu_code_written(cpu, pa);
}

unsigned th_esr_ec(struct cpu *cpu, unsigned el)
{
	static const enum sysreg_id esr[4] = {SR_NONE, SR_ESR_EL1, SR_ESR_EL2, SR_ESR_EL3};
	return (unsigned)(cpu->sr[esr[el]] >> 26);
}

static int th_setup(void **state, unsigned el)
{
	*state = th_cpu(el);
	return 0;
}

int th_setup_el1(void **state)
{
	return th_setup(state, 1);
}

int th_setup_el2(void **state)
{
	return th_setup(state, 2);
}

int th_teardown(void **state)
{
	th_free(*state);
	return 0;
}

void th_exec_ok(struct cpu *cpu, uint32_t raw)
{
	uint64_t pc = cpu->pc;
	assert_int_equal(th_exec(cpu, raw), EXEC_NEXT);
	assert_int_equal(cpu->pc, pc + 4);
}

uint64_t th_exec_fault(struct cpu *cpu, uint32_t raw, unsigned el, unsigned ec)
{
	static const enum sysreg_id esr[4] = {SR_NONE, SR_ESR_EL1, SR_ESR_EL2, SR_ESR_EL3};
	static const enum sysreg_id elr[4] = {SR_NONE, SR_ELR_EL1, SR_ELR_EL2, SR_ELR_EL3};
	static const enum sysreg_id spsr[4] = {SR_NONE, SR_SPSR_EL1, SR_SPSR_EL2, SR_SPSR_EL3};
	static const enum sysreg_id vbar[4] = {SR_NONE, SR_VBAR_EL1, SR_VBAR_EL2, SR_VBAR_EL3};
	uint64_t pc = cpu->pc, pstate = cpu_pstate_get(cpu), icount = cpu->icount;
	uint64_t x[32], sp[4];
	uint32_t nzcv = cpu->nzcv;
	uint64_t vector = cpu->el < el ? 0x400 : cpu->spsel ? 0x200 : 0x000;

	assert_true(el >= 1 && el <= 3);
	memcpy(x, cpu->x, sizeof(x));
	memcpy(sp, cpu->sp_el, sizeof(sp));
	cpu->sr[esr[el]] = (uint64_t)(ec ^ 0x3f) << ESR_EC_SHIFT; /* a stale, different EC */

	assert_int_equal(th_exec(cpu, raw), EXEC_EXC);
	assert_int_equal(cpu->el, el);
	assert_int_equal(th_esr_ec(cpu, el), ec);
	assert_int_equal(cpu->sr[elr[el]], pc);
	assert_int_equal(cpu->sr[spsr[el]], pstate);
	assert_int_equal(cpu->pc, cpu->sr[vbar[el]] + vector);
	assert_int_equal(cpu->icount, icount);
	assert_memory_equal(x, cpu->x, sizeof(x));
	assert_memory_equal(sp, cpu->sp_el, sizeof(sp));
	assert_int_equal(cpu->nzcv, nzcv);

	uint64_t syndrome = cpu->sr[esr[el]];
	cpu_pstate_set(cpu, pstate);
	cpu->pc = pc;
	return syndrome;
}

uint64_t th_exec_undef(struct cpu *cpu, uint32_t raw)
{
	return th_exec_fault(cpu, raw, cpu->el ? cpu->el : 1, EC_UNKNOWN);
}
