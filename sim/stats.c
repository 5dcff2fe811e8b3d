/* --stats: counters kept from the CPU's exception and ERET hooks. */
#include "stats.h"

#include <inttypes.h>
#include <string.h>

#include "cpu.h"
#include "syndrome.h"

/* Instructions since the last EL change belong to the EL being left. */
static void stats_account(struct stats *s, const struct cpu *cpu, unsigned from_el)
{
	s->insns_at_el[from_el] += cpu->icount - s->last_icount;
	s->last_icount = cpu->icount;
}

static void stats_cause(struct stats *s, const char *cause)
{
	cause = cause ? cause : "unknown";
	for (unsigned i = 0; i < s->ncauses; i++) {
		if (s->causes[i].cause == cause || !strcmp(s->causes[i].cause, cause)) {
			s->causes[i].count++;
			return;
		}
	}
	if (s->ncauses < STATS_MAX_CAUSES)
		s->causes[s->ncauses++] = (typeof(s->causes[0])){.cause = cause, .count = 1};
}

void stats_exception(struct stats *s, const struct cpu *cpu, const struct exc *e, unsigned from_el)
{
	stats_account(s, cpu, from_el);
	unsigned ec = exc_has_esr(e) ? esr_ec(e->esr) : 64;
	s->exc[from_el][e->target_el][ec]++;
	s->by_type[e->type]++;
	stats_cause(s, e->cause);
}

/* The hook runs inside ERET, before the loop counts it: the ERET retires at from_el. */
void stats_eret(struct stats *s, const struct cpu *cpu, unsigned from_el, bool illegal)
{
	stats_account(s, cpu, from_el);
	s->insns_at_el[from_el]++;
	s->last_icount++;
	s->erets++;
	s->illegal_erets += illegal;
}

void stats_print(struct stats *s, const struct cpu *cpu, double seconds, FILE *f)
{
	uint64_t total = 0;
	stats_account(s, cpu, cpu->el);
	fprintf(f, "el2sim: stats: insns=%" PRIu64 " seconds=%.3f mips=%.2f\n", cpu->icount,
	        seconds, seconds > 0 ? (double)cpu->icount / seconds / 1e6 : 0.0);
	for (unsigned el = 0; el < 4; el++)
		if (s->insns_at_el[el])
			fprintf(f, "el2sim: stats: insns at EL%u: %" PRIu64 "\n", el,
			        s->insns_at_el[el]);
	for (unsigned from = 0; from < 4; from++)
		for (unsigned to = 0; to < 4; to++)
			for (unsigned ec = 0; ec <= 64; ec++) {
				uint64_t n = s->exc[from][to][ec];
				if (!n)
					continue;
				total += n;
				fprintf(f, "el2sim: stats: EL%u -> EL%u %-12s %" PRIu64 "\n", from,
				        to,
				        ec == 64      ? "IRQ/FIQ"
				        : ec_name(ec) ? ec_name(ec)
				                      : "?",
				        n);
			}
	for (unsigned t = 0; t < 4; t++)
		if (s->by_type[t])
			fprintf(f, "el2sim: stats: %s exceptions: %" PRIu64 "\n", exc_type_name(t),
			        s->by_type[t]);
	for (unsigned i = 0; i < s->ncauses; i++)
		fprintf(f, "el2sim: stats: cause %-22s %" PRIu64 "\n", s->causes[i].cause,
		        s->causes[i].count);
	fprintf(f, "el2sim: stats: exceptions %" PRIu64 ", erets %" PRIu64 " (%" PRIu64 " illegal)",
	        total, s->erets, s->illegal_erets);
	if (seconds > 0)
		fprintf(f, ", %.0f exceptions/s", (double)total / seconds);
	fputc('\n', f);
	if (cpu->no_dcache)
		fputs("el2sim: stats: decode cache off (--no-cache)\n", f);
	else
		fprintf(f, "el2sim: stats: decode cache: %" PRIu64 " pages decoded\n",
		        cpu->dcache_pages_made);
}
