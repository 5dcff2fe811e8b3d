#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"



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
