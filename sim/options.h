/*
 * The command line (docs/cli.md): parsed into struct options, checked, and
 * every problem reported as one line naming the option.
 */
#ifndef EL2SIM_OPTIONS_H
#define EL2SIM_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* --trace LIST items */
#define TRACE_EXC  1u
#define TRACE_ERET 2u
#define TRACE_INSN 4u

enum trace_format { TRACE_FORMAT_TEXT, TRACE_FORMAT_JSONL };

enum options_action { OPTIONS_RUN, OPTIONS_HELP, OPTIONS_VERSION, OPTIONS_LIST_SYSREGS };

#define OPTIONS_DEFAULT_MEM (512ull << 20)

/* --timeout: at most this many seconds, to the nanosecond. */
#define OPTIONS_TIMEOUT_MAX_S 1000000000ull

struct options {
	enum options_action action;
	unsigned el;            /* --el: reset EL and highest implemented EL, 1..3 */
	uint64_t mem_size;      /* --mem, bytes */
	bool semihosting;       /* --semihosting */
	uint64_t max_insns;     /* --max-insns; 0: no limit */
	uint64_t timeout_ns;    /* --timeout, host wall-clock nanoseconds; 0: none */
	bool stats;             /* --stats */
	bool no_cache;          /* --no-cache (or EL2SIM_NO_CACHE=1 in the environment) */
	unsigned trace;         /* --trace: TRACE_* bits */
	const char *trace_file; /* --trace-file; NULL: stderr */
	enum trace_format trace_format;
	int trace_el;      /* --trace-el; -1: every EL */
	uint64_t trace_ec; /* --trace-ec: bit n for EC n; 0: every class */
	const char *image; /* the one positional argument */
	/* Arguments after "--", for the guest's command line (SYS_GET_CMDLINE). */
	int guest_argc;
	char **guest_argv;
};

/*
 * Parse argv (which getopt_long may permute). Returns 0, or 2 (the exit
 * status for a usage error) after printing one line on errf. An option
 * given twice keeps its last value, except the lists of --trace and
 * --trace-ec, which add up. --trace-file, --trace-format, --trace-el and
 * --trace-ec without --trace are a usage error: they would do nothing.
 */
int options_parse(struct options *o, int argc, char **argv, FILE *errf);

void options_usage(FILE *f);
void options_version(FILE *f);

/* Parsers for option values, exposed for tests; 0 or -1. */
int options_parse_size(const char *s, uint64_t *out);
int options_parse_trace(const char *s, unsigned *out);
int options_parse_ec_list(const char *s, uint64_t *out);
/* A positive decimal number of seconds, up to 9 decimals, at most
 * OPTIONS_TIMEOUT_MAX_S: "2", "0.5", "1.000000001"; in nanoseconds. */
int options_parse_seconds(const char *s, uint64_t *ns);

#endif
