/* The exception trace: text and JSONL writers for exception entry and ERET. */
#include "trace.h"

#include <inttypes.h>
#include <string.h>

#include "cpu.h"
#include "disasm.h"
#include "esr_fmt.h"
#include "mem.h"
#include "syndrome.h"

static const enum sysreg_id spsr_of[4] = {SR_NONE, SR_SPSR_EL1, SR_SPSR_EL2, SR_SPSR_EL3};
static const enum sysreg_id vbar_of[4] = {SR_NONE, SR_VBAR_EL1, SR_VBAR_EL2, SR_VBAR_EL3};

int trace_open(struct trace *t, FILE *out, unsigned what, enum trace_format format)
{
	t->out = out;
	t->what = what;
	t->format = format;
	t->seq = 0;
	t->disasm = disasm_open();
	if (!t->disasm)
		fprintf(stderr,
		        "el2sim: note: capstone unavailable; the trace shows raw encodings\n");
	return 0;
}

void trace_close(struct trace *t)
{
	disasm_close(t->disasm);
	t->disasm = 0;
	if (t->out)
		fflush(t->out);
}

void trace_disasm(struct trace *t, struct cpu *cpu, unsigned el, uint64_t va, char *buf,
                  size_t size)
{
	uint32_t word;
	if (mem_debug_read_el(cpu, el, va, &word, 4) != 0) {
		snprintf(buf, size, "?");
		return;
	}
	if (!disasm_word(t->disasm, word, va, buf, size))
		snprintf(buf, size, ".inst 0x%08" PRIx32, word);
}

/* Does an event between these ELs, of this class, pass the filters? */
static bool trace_wanted(const struct trace *t, unsigned from_el, unsigned to_el, int ec)
{
	if (t->el_filter >= 0 && (unsigned)t->el_filter != from_el &&
	    (unsigned)t->el_filter != to_el)
		return false;
	if (t->ec_filter && (ec < 0 || !(t->ec_filter & (1ull << ec))))
		return false;
	return true;
}

/* A JSON string: the trace's strings never hold control characters, but quote safely. */
static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		if ((unsigned char)*s >= 0x20)
			fputc(*s, f);
	}
	fputc('"', f);
}

void trace_exception(struct trace *t, struct cpu *cpu, const struct exc *e, unsigned from_el)
{
	unsigned to = e->target_el, ec = esr_ec(e->esr);
	bool has_esr = exc_has_esr(e);
	if (!(t->what & TRACE_EXC) || !trace_wanted(t, from_el, to, has_esr ? (int)ec : -1))
		return;
	uint64_t vector = cpu->pc, offset = vector - (cpu->sr[vbar_of[to]] & ~0x7ffull);
	uint64_t spsr = cpu->sr[spsr_of[to]];
	/* The instruction that raised it; for an interrupt the one it interrupted;
	 * none for a fault on the fetch itself. */
	bool no_insn = e->insn_pc == EXC_NO_INSN && e->type == EXC_SYNC;
	uint64_t insn_pc = e->insn_pc != EXC_NO_INSN ? e->insn_pc : e->elr;
	char insn[96] = "", iss[160];
	const char *name = has_esr ? ec_name(ec) : NULL;
	if (!no_insn)
		trace_disasm(t, cpu, from_el, insn_pc, insn, sizeof(insn)); /* where it ran */
	t->seq++;
	if (t->format == TRACE_FORMAT_JSONL) {
		fprintf(t->out,
		        "{\"event\":\"exception\",\"seq\":%" PRIu64 ",\"icount\":%" PRIu64
		        ",\"type\":\"%s\",\"from_el\":%u,\"to_el\":%u,\"vector\":\"0x%" PRIx64
		        "\",\"vector_offset\":\"0x%" PRIx64 "\",",
		        t->seq, cpu->icount, exc_type_name(e->type), from_el, to, vector, offset);
		if (has_esr)
			fprintf(t->out, "\"ec\":\"0x%x\",\"ec_name\":", ec);
		else
			fprintf(t->out, "\"ec\":null,\"ec_name\":");
		if (name)
			json_str(t->out, name);
		else
			fputs("null", t->out);
		fprintf(t->out, ",\"esr\":");
		if (has_esr)
			fprintf(t->out, "\"0x%" PRIx64 "\"", e->esr);
		else
			fputs("null", t->out);
		fprintf(t->out, ",\"elr\":\"0x%" PRIx64 "\",\"far\":", e->elr);
		if (e->far_valid)
			fprintf(t->out, "\"0x%" PRIx64 "\"", e->far);
		else
			fputs("null", t->out);
		fprintf(t->out, ",\"spsr\":\"0x%" PRIx64 "\",\"cause\":", spsr);
		json_str(t->out, e->cause ? e->cause : "unknown");
		if (e->type == EXC_IRQ || e->type == EXC_FIQ) {
			if (e->intid != EXC_NO_INTID)
				fprintf(t->out, ",\"intid\":%u", e->intid);
			else
				fputs(",\"intid\":null", t->out);
		}
		fputs(",\"insn\":", t->out);
		if (no_insn)
			fputs("null", t->out);
		else
			json_str(t->out, insn);
		fputs("}\n", t->out);
		return;
	}
	fprintf(t->out, "[%10" PRIu64 "] EL%u -> EL%u %-6s %s @0x%" PRIx64, cpu->icount, from_el,
	        to, exc_type_name(e->type), esr_vector_slot_name((unsigned)offset), vector);
	if (has_esr) {
		esr_describe(e->esr, iss, sizeof(iss));
		fprintf(t->out, " | %s ESR=0x%" PRIx64 "%s%s", name ? name : "EC?", e->esr,
		        iss[0] ? " " : "", iss);
	}
	if (no_insn)
		fprintf(t->out, " | ELR=0x%" PRIx64 " (no instruction fetched)", e->elr);
	else
		fprintf(t->out, " | ELR=0x%" PRIx64 " %s: %s", e->elr,
		        e->insn_pc != EXC_NO_INSN ? "by" : "at", insn);
	if (e->far_valid)
		fprintf(t->out, " | FAR=0x%" PRIx64, e->far);
	if ((e->type == EXC_IRQ || e->type == EXC_FIQ) && e->intid != EXC_NO_INTID)
		fprintf(t->out, " | INTID %u", e->intid);
	fprintf(t->out, " | cause %s\n", e->cause ? e->cause : "unknown");
}

void trace_eret(struct trace *t, struct cpu *cpu, unsigned from_el, bool illegal)
{
	if (!(t->what & TRACE_ERET) || !trace_wanted(t, from_el, cpu->el, -1))
		return;
	uint64_t spsr = cpu->sr[spsr_of[from_el]];
	t->seq++;
	if (t->format == TRACE_FORMAT_JSONL) {
		fprintf(t->out,
		        "{\"event\":\"eret\",\"seq\":%" PRIu64 ",\"icount\":%" PRIu64
		        ",\"from_el\":%u,\"to_el\":%u,\"pc\":\"0x%" PRIx64
		        "\",\"spsr\":\"0x%" PRIx64 "\",\"illegal\":%s}\n",
		        t->seq, cpu->icount, from_el, cpu->el, cpu->pc, spsr,
		        illegal ? "true" : "false");
		return;
	}
	fprintf(t->out,
	        "[%10" PRIu64 "] EL%u -> EL%u eret   PC=0x%" PRIx64 " SPSR=0x%" PRIx64 "%s\n",
	        cpu->icount, from_el, cpu->el, cpu->pc, spsr,
	        illegal ? " | ILLEGAL return: PSTATE.IL set, EL unchanged" : "");
}

/* One register of an insn event: print it if it changed, remember it. */
static void trace_reg(struct trace *t, const char *name, uint64_t now, uint64_t *old,
                      const char **sep, bool json)
{
	if (t->have_regs && now != *old) {
		if (json)
			fprintf(t->out, "%s\"%s\":\"0x%" PRIx64 "\"", *sep, name, now);
		else
			fprintf(t->out, "%s%s=0x%" PRIx64, *sep, name, now);
		*sep = json ? "," : " ";
	}
	*old = now;
}

/* The registers the instruction wrote: those that changed since the last insn event. */
static void trace_reg_writes(struct trace *t, const struct cpu *cpu, bool json)
{
	const char *sep = "";
	char name[8];
	if (json)
		fputs(",\"writes\":{", t->out);
	for (unsigned i = 0; i < 31; i++) {
		snprintf(name, sizeof(name), "x%u", i);
		trace_reg(t, name, cpu->x[i], &t->x[i], &sep, json);
	}
	trace_reg(t, "sp", sp_read(cpu), &t->sp, &sep, json);
	trace_reg(t, "nzcv", cpu->nzcv, &t->nzcv, &sep, json);
	t->have_regs = true;
	if (json)
		fputc('}', t->out);
}

void trace_snapshot(struct trace *t, const struct cpu *cpu)
{
	for (unsigned i = 0; i < 31; i++)
		t->x[i] = cpu->x[i];
	t->sp = sp_read(cpu);
	t->nzcv = cpu->nzcv;
	t->have_regs = true;
}

void trace_insn(struct trace *t, struct cpu *cpu, uint64_t pc, uint32_t raw, unsigned el)
{
	char text[96];
	if (!(t->what & TRACE_INSN) || (t->el_filter >= 0 && (unsigned)t->el_filter != el))
		return;
	trace_disasm(t, cpu, el, pc, text, sizeof(text));
	t->seq++;
	if (t->format == TRACE_FORMAT_JSONL) {
		fprintf(t->out,
		        "{\"event\":\"insn\",\"seq\":%" PRIu64 ",\"icount\":%" PRIu64
		        ",\"el\":%u,\"pc\":\"0x%" PRIx64 "\",\"raw\":\"0x%08" PRIx32 "\",\"insn\":",
		        t->seq, cpu->icount, el, pc, raw);
		json_str(t->out, text);
		trace_reg_writes(t, cpu, true);
		fputs("}\n", t->out);
		return;
	}
	fprintf(t->out, "[%10" PRIu64 "] EL%u 0x%" PRIx64 ": %08" PRIx32 "  %-32s ", cpu->icount,
	        el, pc, raw, text);
	trace_reg_writes(t, cpu, false);
	fputc('\n', t->out);
}

void trace_end(struct trace *t, const struct cpu *cpu, const char *reason, int exit_status)
{
	if (!t->out)
		return;
	if (t->format == TRACE_FORMAT_JSONL) {
		fprintf(t->out,
		        "{\"event\":\"end\",\"seq\":%" PRIu64 ",\"icount\":%" PRIu64
		        ",\"reason\":\"%s\",\"exit_status\":%d,\"pc\":\"0x%" PRIx64
		        "\",\"el\":%u}\n",
		        t->seq + 1, cpu->icount, reason, exit_status, cpu->pc, cpu->el);
	} else {
		fprintf(t->out,
		        "[%10" PRIu64 "] end: %s, exit status %d, PC=0x%" PRIx64 " at EL%u\n",
		        cpu->icount, reason, exit_status, cpu->pc, cpu->el);
	}
	fflush(t->out);
}
