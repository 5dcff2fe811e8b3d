/*
 * libFuzzer harness for the decoder and the executor: a CPU over 64 KiB of
 * RAM and one small MMIO window, put into a state software could have
 * created, then run for at most FUZZ_INSNS instructions. Any host crash,
 * sanitizer report or hang is a bug (docs/testing.md, "Fuzzing").
 *
 * The input, read front to back (missing bytes read as zero):
 *   1 byte   the highest EL, 1 + b % 3
 *   1 byte   PSTATE.EL (<= highest), SPSel, and whether IRQ/FIQ/SError and
 *            the virtual lines are raised
 *   1 byte   PSTATE.{N,Z,C,V} [7:4], {D,A,I,F} [3:0]
 *   2 bytes  the PC's word offset in RAM
 *   per system register in regs[]: 8 bytes, of which only the row's wmask
 *            bits are used (what an MSR could have written)
 *   X0-X30, SP_EL0-SP_EL3: 1 + 8 bytes each: a selector, then the value,
 *            folded into RAM or the MMIO window when the selector says so
 *   the rest: instruction words, written at the PC and at every vector
 *            slot of every VBAR_ELx (each VBAR lies in RAM)
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "irq.h"
#include "sysregs.h"

#define RAM_BASE   0x40000000ull
#define RAM_SIZE   (64ull << 10)
#define MMIO_BASE  0x09000000ull
#define MMIO_SIZE  0x1000ull
#define FUZZ_INSNS 64
#define MAX_WORDS  64

struct input {
	const uint8_t *p;
	size_t left;
};

static uint64_t in_bytes(struct input *in, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++) {
		uint64_t b = 0;
		if (in->left) {
			b = *in->p++;
			in->left--;
		}
		v |= b << (8 * i);
	}
	return v;
}

/* The system registers whose values the input chooses. */
static const enum sysreg_id regs[] = {
        SR_SCTLR_EL1,   SR_SCTLR_EL2,    SR_SCTLR_EL3,    SR_HCR_EL2,     SR_SCR_EL3,
        SR_TCR_EL1,     SR_TCR_EL2,      SR_TCR_EL3,      SR_TTBR0_EL1,   SR_TTBR1_EL1,
        SR_TTBR0_EL2,   SR_TTBR0_EL3,    SR_MAIR_EL1,     SR_MAIR_EL2,    SR_MAIR_EL3,
        SR_VTCR_EL2,    SR_VTTBR_EL2,    SR_CPACR_EL1,    SR_CPTR_EL2,    SR_CPTR_EL3,
        SR_MDCR_EL2,    SR_MDCR_EL3,     SR_MDSCR_EL1,    SR_CNTHCTL_EL2, SR_CNTKCTL_EL1,
        SR_CNTVOFF_EL2, SR_CNTP_CTL_EL0, SR_CNTV_CTL_EL0, SR_SPSR_EL1,    SR_SPSR_EL2,
        SR_SPSR_EL3,    SR_ELR_EL1,      SR_ELR_EL2,      SR_ELR_EL3,     SR_HSTR_EL2,
        SR_PMCR_EL0,
};

static const enum sysreg_id vbars[] = {SR_VBAR_EL1, SR_VBAR_EL2, SR_VBAR_EL3};

/* Memory-mapped I/O: a window that reads as its address and ignores writes. */
static int fuzz_mmio_read(void *opaque, uint64_t pa, unsigned size, uint64_t *val)
{
	if (pa - MMIO_BASE >= MMIO_SIZE)
		return -1;
	*val = pa;
	return 0;
}

static int fuzz_mmio_write(void *opaque, uint64_t pa, unsigned size, uint64_t val)
{
	return pa - MMIO_BASE < MMIO_SIZE ? 0 : -1;
}

/* A register value: raw, an address in RAM, or an address in the MMIO window. */
static uint64_t fuzz_value(unsigned sel, uint64_t v)
{
	switch (sel & 3) {
	case 1: return RAM_BASE + v % RAM_SIZE;
	case 2: return MMIO_BASE + v % MMIO_SIZE;
	default: return v;
	}
}

static void fuzz_put_word(struct cpu *cpu, uint64_t off, uint32_t w)
{
	memcpy(cpu->bus.ram + off % RAM_SIZE, &w, 4);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = {.p = data, .left = size};
	struct bus bus = {
	        .ram_base = RAM_BASE,
	        .ram_size = RAM_SIZE,
	        .ram = calloc(1, RAM_SIZE),
	        .mmio_read = fuzz_mmio_read,
	        .mmio_write = fuzz_mmio_write,
	};
	if (!bus.ram)
		abort();

	unsigned highest = 1 + (unsigned)(in_bytes(&in, 1) % 3);
	unsigned ps = (unsigned)in_bytes(&in, 1);
	unsigned flags = (unsigned)in_bytes(&in, 1);
	uint64_t pc = RAM_BASE + (in_bytes(&in, 2) * 4) % RAM_SIZE;

	struct cpu *cpu = cpu_new(&bus, highest);
	if (!cpu)
		abort();
	cpu_reset(cpu, pc);

	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		uint64_t wmask = sysreg_table[regs[i]].wmask;
		cpu->sr[regs[i]] = (in_bytes(&in, 8) & wmask) | (cpu->sr[regs[i]] & ~wmask);
	}
	/* HCR_EL2.HCD [29] is RES0 when EL3 is implemented. */
	if (highest == 3)
		cpu->sr[SR_HCR_EL2] &= ~(1ull << 29);

	/* PSTATE: an EL that exists, SPSel 0 at EL0, and no Secure EL2. */
	unsigned el = (ps & 3) % (highest + 1);
	unsigned spsel = el ? (ps >> 2) & 1 : 0;
	if (el == 2 && highest == 3)
		cpu->sr[SR_SCR_EL3] |= 1; /* NS */
	/* EL1 does not exist for software while HCR_EL2.TGE is 1 (E2H is 0). */
	if (el == 1 && cpu_el2_enabled(cpu))
		cpu->sr[SR_HCR_EL2] &= ~(1ull << 27);
	cpu_pstate_set(cpu, ((uint64_t)(flags & 0xf0) << 24) | ((uint64_t)(flags & 0xf) << 6) |
	                            (el << 2) | spsel);

	for (unsigned n = 0; n < 31; n++) {
		unsigned sel = (unsigned)in_bytes(&in, 1);
		cpu->x[n] = fuzz_value(sel, in_bytes(&in, 8));
	}
	for (unsigned n = 0; n < 4; n++) {
		unsigned sel = (unsigned)in_bytes(&in, 1);
		cpu->sp_el[n] = fuzz_value(sel, in_bytes(&in, 8));
	}

	/* Small VBARs, 2 KiB aligned in RAM, so exceptions land on fuzzed words. */
	for (unsigned i = 0; i < 3; i++)
		cpu->sr[vbars[i]] = RAM_BASE + ((i + 1) * 0x2000 + (pc & 0x800)) % RAM_SIZE;

	uint32_t words[MAX_WORDS];
	unsigned nwords = 0;
	while (in.left >= 4 && nwords < MAX_WORDS)
		words[nwords++] = (uint32_t)in_bytes(&in, 4);
	for (unsigned i = 0; i < nwords; i++)
		fuzz_put_word(cpu, pc - RAM_BASE + 4 * i, words[i]);
	for (unsigned v = 0; v < 3 && nwords; v++)
		for (unsigned slot = 0; slot < 16; slot++)
			for (unsigned i = 0; i < 4; i++)
				fuzz_put_word(cpu,
				              cpu->sr[vbars[v]] - RAM_BASE + slot * 0x80 + 4 * i,
				              words[(slot + i) % nwords]);
	cpu_dcache_flush(cpu);

	irq_set_line(cpu, IRQ_LINE_IRQ, ps & 0x10);
	irq_set_line(cpu, IRQ_LINE_FIQ, ps & 0x20);
	irq_set_line(cpu, IRQ_LINE_SERROR, ps & 0x40);
	irq_set_virtual_line(cpu, VIRQ_LINE_IRQ, ps & 0x80);
	irq_recheck(cpu);

	cpu->insn_limit = FUZZ_INSNS;
	cpu_run(cpu);
	/* A few single steps too: the slow path (tracing, --gdb) must agree it can run. */
	for (unsigned i = 0; i < 8 && cpu->stop != STOP_EXIT; i++)
		cpu_step(cpu);

	cpu_free(cpu);
	free(bus.ram);
	return 0;
}
