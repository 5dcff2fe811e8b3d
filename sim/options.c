/*
 * Command-line parsing; see options.h and docs/cli.md.
 */
#include "options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "board.h"
#include "hostio.h"
#include "syndrome.h"

#ifndef EL2SIM_VERSION
#define EL2SIM_VERSION "unknown"
#endif

enum {
	OPT_EL = 256,
	OPT_MEM,
	OPT_SEMIHOSTING,
	OPT_MAX_INSNS,
	OPT_STATS,
	OPT_TRACE,
	OPT_TRACE_FILE,
	OPT_TRACE_FORMAT,
	OPT_LIST_SYSREGS,
	OPT_TRACE_EL,
	OPT_TRACE_EC,
	OPT_TIMEOUT,
	OPT_NO_CACHE,
};

static const struct option long_options[] = {
        {"el", required_argument, NULL, OPT_EL},
        {"mem", required_argument, NULL, OPT_MEM},
        {"semihosting", no_argument, NULL, OPT_SEMIHOSTING},
        {"max-insns", required_argument, NULL, OPT_MAX_INSNS},
        {"stats", no_argument, NULL, OPT_STATS},
        {"trace", required_argument, NULL, OPT_TRACE},
        {"trace-file", required_argument, NULL, OPT_TRACE_FILE},
        {"trace-format", required_argument, NULL, OPT_TRACE_FORMAT},
        {"list-sysregs", no_argument, NULL, OPT_LIST_SYSREGS},
        {"trace-el", required_argument, NULL, OPT_TRACE_EL},
        {"trace-ec", required_argument, NULL, OPT_TRACE_EC},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"no-cache", no_argument, NULL, OPT_NO_CACHE},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {0},
};

void options_usage(FILE *f)
{
	fputs("usage: el2sim [OPTIONS] IMAGE [-- GUEST-ARGS...]\n"
	      "Run an AArch64 ELF image on a simulated QEMU virt board.\n"
	      "\n"
	      "  --el N             exception level at reset, also the highest one\n"
	      "                     implemented: 1, 2 or 3 (default 2)\n"
	      "  --mem SIZE         RAM size at 0x40000000, with K, M or G suffix\n"
	      "                     (default 512M; 1M to 3G, a multiple of 4K)\n"
	      "  --semihosting      enable Arm semihosting (HLT #0xF000); SYS_EXIT's\n"
	      "                     code becomes el2sim's exit status\n"
	      "  --max-insns N      stop after N instructions (exit status 124)\n"
	      "  --timeout SECONDS  stop after SECONDS of host time, fractions allowed\n"
	      "                     (exit status 124)\n"
	      "  --stats            print instruction count and speed on stderr at exit\n"
	      "  --trace LIST       comma list of: exc, eret, insn\n"
	      "  --trace-file F     where the trace goes (default stderr)\n"
	      "  --trace-format F   text (default) or jsonl\n"
	      "  --trace-el N       only events that leave or enter EL N\n"
	      "  --trace-ec LIST    only exceptions of these classes: names (HVC64,\n"
	      "                     DABT_LOW, ...) or numbers (0x16, 22), comma-separated\n"
	      "  --no-cache         reference mode: no decode cache, every instruction\n"
	      "                     decoded each time it runs (slow; for checking)\n"
	      "  --list-sysregs     print the system register table and exit\n"
	      "  -h, --help         show this help and exit\n"
	      "  -V, --version      show the version and exit\n"
	      "\n"
	      "GUEST-ARGS follow IMAGE in the guest's command line (SYS_GET_CMDLINE).\n"
	      "--trace-file, --trace-format, --trace-el and --trace-ec need --trace.\n"
	      "An option given twice keeps its last value; --trace and --trace-ec lists\n"
	      "add up.\n"
	      "Exit status: the guest's SYS_EXIT code; 124 when --max-insns or --timeout\n"
	      "stops the run; 2 for a usage or image error; 3 when the guest is stuck\n"
	      "(exceptions without progress, or a wait nothing can end); 1 for a host\n"
	      "error; 128 + N after signal N (SIGINT, SIGTERM). See docs/cli.md.\n",
	      f);
}

void options_version(FILE *f)
{
	fputs("el2sim " EL2SIM_VERSION "\n", f);
}

/* A decimal number without sign; 0 or -1 (empty, junk, overflow). */
static int parse_u64(const char *s, const char **end, uint64_t *out)
{
	uint64_t v = 0;
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*end = s;
	*out = v;
	return 0;
}

int options_parse_size(const char *s, uint64_t *out)
{
	static const char suffixes[] = "kmg";
	const char *end, *p;
	unsigned shift = 0;
	uint64_t v;

	if (parse_u64(s, &end, &v))
		return -1;
	if (*end) {
		p = strchr(suffixes, *end | 0x20);
		if (!p || end[1])
			return -1;
		shift = 10 * (unsigned)(p - suffixes + 1);
	}
	if (v > (UINT64_MAX >> shift))
		return -1;
	*out = v << shift;
	return 0;
}

int options_parse_seconds(const char *s, uint64_t *ns)
{
	const char *end;
	uint64_t secs, frac = 0;
	unsigned digits = 0;

	if (parse_u64(s, &end, &secs) || secs > OPTIONS_TIMEOUT_MAX_S)
		return -1;
	if (*end == '.') {
		for (end++; *end >= '0' && *end <= '9' && digits < 9; end++, digits++)
			frac = frac * 10 + (uint64_t)(*end - '0');
		if (digits == 0)
			return -1;
		for (; digits < 9; digits++)
			frac *= 10;
	}
	if (*end || (secs == 0 && frac == 0) || (secs == OPTIONS_TIMEOUT_MAX_S && frac))
		return -1;
	*ns = secs * 1000000000ull + frac;
	return 0;
}

int options_parse_trace(const char *s, unsigned *out)
{
	static const struct {
		const char *name;
		unsigned bit;
	} items[] = {{"exc", TRACE_EXC}, {"eret", TRACE_ERET}, {"insn", TRACE_INSN}};
	unsigned bits = 0;

	for (;;) {
		size_t n = strcspn(s, ",");
		unsigned i;
		for (i = 0; i < sizeof(items) / sizeof(items[0]); i++)
			if (n == strlen(items[i].name) && !strncmp(s, items[i].name, n))
				break;
		if (i == sizeof(items) / sizeof(items[0]))
			return -1;
		bits |= items[i].bit;
		if (!s[n])
			break;
		s += n + 1;
	}
	*out = bits;
	return 0;
}

int options_parse_ec_list(const char *s, uint64_t *out)
{
	uint64_t mask = 0;
	for (;;) {
		size_t n = strcspn(s, ",");
		char item[24];
		char *end;
		if (n == 0 || n >= sizeof(item))
			return -1;
		memcpy(item, s, n);
		item[n] = '\0';
		unsigned long v = strtoul(item, &end, 0);
		if (*end) { /* not a number: an exception class name */
			for (v = 0; v < 64; v++)
				if (ec_name((unsigned)v) && !strcasecmp(ec_name((unsigned)v), item))
					break;
		}
		if (v >= 64 || !ec_name((unsigned)v))
			return -1;
		mask |= 1ull << v;
		if (!s[n])
			break;
		s += n + 1;
	}
	*out = mask;
	return 0;
}

static int bad_value(FILE *errf, const char *opt, const char *arg, const char *want)
{
	char q[HOSTIO_PRINTABLE_MAX];
	fprintf(errf, "el2sim: --%s: bad value '%s' (want %s)\n", opt,
	        hostio_printable(q, sizeof(q), arg), want);
	return -1;
}

/* One option's value, checked; 0 or -1 after the message. */
static int parse_value(struct options *o, int opt, const char *arg, FILE *errf)
{
	const char *end;
	unsigned bits;
	uint64_t v;

	switch (opt) {
	case OPT_EL:
		if (strlen(arg) != 1 || arg[0] < '1' || arg[0] > '3')
			return bad_value(errf, "el", arg, "1, 2 or 3");
		o->el = (unsigned)(arg[0] - '0');
		return 0;
	case OPT_MEM:
		if (options_parse_size(arg, &v))
			return bad_value(errf, "mem", arg, "a size such as 512M or 1G");
		if (v < BOARD_RAM_MIN || v > BOARD_RAM_MAX || v % 4096)
			return bad_value(errf, "mem", arg, "a multiple of 4K from 1M to 3G");
		o->mem_size = v;
		return 0;
	case OPT_MAX_INSNS:
		if (parse_u64(arg, &end, &v) || *end || v == 0)
			return bad_value(errf, "max-insns", arg, "a positive decimal number");
		o->max_insns = v;
		return 0;
	case OPT_TIMEOUT:
		if (options_parse_seconds(arg, &o->timeout_ns))
			return bad_value(errf, "timeout", arg,
			                 "seconds, a positive decimal number such as 10 or 0.5");
		return 0;
	case OPT_TRACE:
		if (options_parse_trace(arg, &bits))
			return bad_value(errf, "trace", arg, "a comma list of exc, eret, insn");
		o->trace |= bits;
		return 0;
	case OPT_TRACE_FILE:
		if (!*arg)
			return bad_value(errf, "trace-file", arg, "a file name");
		o->trace_file = arg;
		return 0;
	case OPT_TRACE_FORMAT:
		if (!strcmp(arg, "text"))
			o->trace_format = TRACE_FORMAT_TEXT;
		else if (!strcmp(arg, "jsonl"))
			o->trace_format = TRACE_FORMAT_JSONL;
		else
			return bad_value(errf, "trace-format", arg, "text or jsonl");
		return 0;
	case OPT_TRACE_EL:
		if (strlen(arg) != 1 || arg[0] < '0' || arg[0] > '3')
			return bad_value(errf, "trace-el", arg, "0, 1, 2 or 3");
		o->trace_el = arg[0] - '0';
		return 0;
	case OPT_TRACE_EC:
		if (options_parse_ec_list(arg, &v))
			return bad_value(errf, "trace-ec", arg, "exception class names or numbers");
		o->trace_ec |= v;
		return 0;
	}
	return -1;
}

/* The options that only shape a trace: without --trace they would be ignored. */
static const char *trace_modifier_name(int opt)
{
	switch (opt) {
	case OPT_TRACE_FILE: return "--trace-file";
	case OPT_TRACE_FORMAT: return "--trace-format";
	case OPT_TRACE_EL: return "--trace-el";
	case OPT_TRACE_EC: return "--trace-ec";
	default: return NULL;
	}
}

/* getopt_long's '?': an unknown option, or a value given to a flag. */
static void bad_option(FILE *errf, const char *arg, int short_opt)
{
	char q[HOSTIO_PRINTABLE_MAX];
	char letter[2] = {(char)short_opt, '\0'};
	if (short_opt && !strncmp(arg, "--", 2))
		fprintf(errf, "el2sim: %s: this option takes no value\n",
		        hostio_printable(q, sizeof(q), arg));
	else if (short_opt)
		fprintf(errf, "el2sim: -%s: unknown option (see --help)\n",
		        hostio_printable(q, sizeof(q), letter));
	else
		fprintf(errf, "el2sim: %s: unknown or ambiguous option (see --help)\n",
		        hostio_printable(q, sizeof(q), arg));
}

int options_parse(struct options *o, int argc, char **argv, FILE *errf)
{
	char q[2][HOSTIO_PRINTABLE_MAX];
	const char *trace_modifier = NULL;
	int nargs = argc, opt;

	*o = (struct options){
	        .action = OPTIONS_RUN,
	        .el = 2,
	        .mem_size = OPTIONS_DEFAULT_MEM,
	        .trace_el = -1,
	};
	/* Everything after the first "--" belongs to the guest. */
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			nargs = i;
			o->guest_argc = argc - i - 1;
			o->guest_argv = argv + i + 1;
			break;
		}
	}
	optind = 0; /* glibc: a full re-initialisation, so tests may parse twice */
	opterr = 0;
	while ((opt = getopt_long(nargs, argv, ":hV", long_options, NULL)) != -1) {
		switch (opt) {
		case 'h': o->action = OPTIONS_HELP; return 0;
		case 'V': o->action = OPTIONS_VERSION; return 0;
		case OPT_LIST_SYSREGS: o->action = OPTIONS_LIST_SYSREGS; return 0;
		case OPT_SEMIHOSTING: o->semihosting = true; break;
		case OPT_STATS: o->stats = true; break;
		case OPT_NO_CACHE: o->no_cache = true; break;
		case ':':
			fprintf(errf, "el2sim: %s: missing value\n",
			        hostio_printable(q[0], sizeof(q[0]), argv[optind - 1]));
			return 2;
		case '?': bad_option(errf, argv[optind - 1], optopt); return 2;
		default:
			if (parse_value(o, opt, optarg, errf))
				return 2;
			if (!trace_modifier)
				trace_modifier = trace_modifier_name(opt);
			break;
		}
	}
	if (optind >= nargs) {
		fprintf(errf, "el2sim: no image given (see --help)\n");
		return 2;
	}
	if (optind + 1 < nargs) {
		fprintf(errf,
		        "el2sim: %s: unexpected argument after the image %s (guest arguments "
		        "go after --)\n",
		        hostio_printable(q[0], sizeof(q[0]), argv[optind + 1]),
		        hostio_printable(q[1], sizeof(q[1]), argv[optind]));
		return 2;
	}
	if (trace_modifier && !o->trace) {
		fprintf(errf, "el2sim: %s: needs --trace (without it nothing is traced)\n",
		        trace_modifier);
		return 2;
	}
	o->image = argv[optind];
	return 0;
}
