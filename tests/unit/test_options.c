/*
 * The command line. Expected values come from the CLI contract in
 * DESIGN.md ("Command line and trace contract") and docs/cli.md: defaults,
 * the accepted value ranges, exit status 2 with one line naming the option.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

#define MAX_ARGS 32

struct run {
	struct options o;
	int status;
	char msg[2048]; /* what went to errf */
	char *argv[MAX_ARGS + 1];
};

/* Parse "el2sim" followed by the NULL-terminated arguments. */
static struct run *parse(const char *first, ...)
{
	static struct run r;
	va_list ap;
	int argc = 0;
	char *buf = NULL;
	size_t len = 0;
	FILE *errf = open_memstream(&buf, &len);

	assert_non_null(errf);
	memset(&r, 0, sizeof(r));
	r.argv[argc++] = "el2sim";
	va_start(ap, first);
	for (const char *a = first; a; a = va_arg(ap, const char *)) {
		assert_true(argc < MAX_ARGS);
		r.argv[argc++] = (char *)a;
	}
	va_end(ap);
	r.status = options_parse(&r.o, argc, r.argv, errf);
	fclose(errf);
	snprintf(r.msg, sizeof(r.msg), "%s", buf ? buf : "");
	free(buf);
	return &r;
}

/* Exit status 2 and exactly one line on stderr that contains what. */
static void assert_usage_error(const struct run *r, const char *what)
{
	const char *nl = strchr(r->msg, '\n');
	assert_int_equal(r->status, 2);
	assert_non_null(nl);
	assert_int_equal(nl[1], '\0');
	assert_non_null(strstr(r->msg, "el2sim: "));
	if (!strstr(r->msg, what))
		fail_msg("message '%s' does not name '%s'", r->msg, what);
}

static void test_defaults(void **state)
{
	struct run *r = parse("img.elf", NULL);
	assert_int_equal(r->status, 0);
	assert_int_equal(r->o.action, OPTIONS_RUN);
	assert_int_equal(r->o.el, 2);
	assert_int_equal(r->o.mem_size, 512ull << 20);
	assert_false(r->o.semihosting);
	assert_false(r->o.stats);
	assert_int_equal(r->o.max_insns, 0);
	assert_int_equal(r->o.timeout_ns, 0);
	assert_int_equal(r->o.trace, 0);
	assert_null(r->o.trace_file);
	assert_int_equal(r->o.trace_format, TRACE_FORMAT_TEXT);
	assert_string_equal(r->o.image, "img.elf");
	assert_int_equal(r->o.guest_argc, 0);
	assert_string_equal(r->msg, "");
}

static void test_all_options(void **state)
{
	struct run *r = parse("--el", "3", "--mem=1G", "--semihosting", "--max-insns", "1000",
	                      "--stats", "--trace", "exc,eret,insn", "--trace-file", "t.jsonl",
	                      "--trace-format", "jsonl", "hyp.elf", NULL);
	assert_int_equal(r->status, 0);
	assert_int_equal(r->o.el, 3);
	assert_int_equal(r->o.mem_size, 1ull << 30);
	assert_true(r->o.semihosting);
	assert_int_equal(r->o.max_insns, 1000);
	assert_true(r->o.stats);
	assert_int_equal(r->o.trace, TRACE_EXC | TRACE_ERET | TRACE_INSN);
	assert_string_equal(r->o.trace_file, "t.jsonl");
	assert_int_equal(r->o.trace_format, TRACE_FORMAT_JSONL);
	assert_string_equal(r->o.image, "hyp.elf");
}

static void test_image_before_options(void **state)
{
	struct run *r = parse("img.elf", "--el", "1", NULL);
	assert_int_equal(r->status, 0);
	assert_int_equal(r->o.el, 1);
	assert_string_equal(r->o.image, "img.elf");
}

static void test_guest_args(void **state)
{
	struct run *r = parse("--semihosting", "img.elf", "--", "-v", "--el", "x", NULL);
	assert_int_equal(r->status, 0);
	assert_int_equal(r->o.el, 2); /* "--el" after "--" belongs to the guest */
	assert_string_equal(r->o.image, "img.elf");
	assert_int_equal(r->o.guest_argc, 3);
	assert_string_equal(r->o.guest_argv[0], "-v");
	assert_string_equal(r->o.guest_argv[1], "--el");
	assert_string_equal(r->o.guest_argv[2], "x");
}

static void test_help_version(void **state)
{
	assert_int_equal(parse("--help", NULL)->o.action, OPTIONS_HELP);
	assert_int_equal(parse("-h", NULL)->status, 0);
	assert_int_equal(parse("--version", NULL)->o.action, OPTIONS_VERSION);
	assert_int_equal(parse("-V", NULL)->o.action, OPTIONS_VERSION);
	/* --help needs no image and wins over a bad option after it */
	assert_int_equal(parse("--help", "--el", "9", NULL)->status, 0);
}

static void test_el_values(void **state)
{
	assert_int_equal(parse("--el", "1", "i", NULL)->o.el, 1);
	assert_int_equal(parse("--el", "2", "i", NULL)->o.el, 2);
	assert_int_equal(parse("--el", "3", "i", NULL)->o.el, 3);
	assert_usage_error(parse("--el", "0", "i", NULL), "--el");
	assert_usage_error(parse("--el", "4", "i", NULL), "--el");
	assert_usage_error(parse("--el", "2x", "i", NULL), "--el");
	assert_usage_error(parse("--el", "", "i", NULL), "--el");
	assert_usage_error(parse("--el=-1", "i", NULL), "--el");
}

static void test_size_parser(void **state)
{
	uint64_t v;
	assert_int_equal(options_parse_size("4096", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(options_parse_size("64K", &v), 0);
	assert_int_equal(v, 64 << 10);
	assert_int_equal(options_parse_size("512m", &v), 0);
	assert_int_equal(v, 512ull << 20);
	assert_int_equal(options_parse_size("3G", &v), 0);
	assert_int_equal(v, 3ull << 30);
	assert_int_equal(options_parse_size("", &v), -1);
	assert_int_equal(options_parse_size("M", &v), -1);
	assert_int_equal(options_parse_size("-1M", &v), -1);
	assert_int_equal(options_parse_size("+1M", &v), -1);
	assert_int_equal(options_parse_size(" 1M", &v), -1);
	assert_int_equal(options_parse_size("1MB", &v), -1);
	assert_int_equal(options_parse_size("1T", &v), -1);
	assert_int_equal(options_parse_size("1.5G", &v), -1);
	assert_int_equal(options_parse_size("18446744073709551616", &v), -1); /* 2^64 */
	assert_int_equal(options_parse_size("17179869184G", &v), -1);         /* 2^64 bytes */
}

static void test_mem_values(void **state)
{
	assert_int_equal(parse("--mem", "1M", "i", NULL)->o.mem_size, 1ull << 20);
	assert_int_equal(parse("--mem", "3G", "i", NULL)->o.mem_size, 3ull << 30);
	assert_int_equal(parse("--mem", "1052672", "i", NULL)->o.mem_size, 1052672); /* 1M+4K */
	assert_usage_error(parse("--mem", "1020K", "i", NULL), "--mem");             /* below 1M */
	assert_usage_error(parse("--mem", "3145732K", "i", NULL), "--mem");          /* 3G + 4K */
	assert_usage_error(parse("--mem", "4G", "i", NULL), "--mem");
	assert_usage_error(parse("--mem", "1048577", "i", NULL), "--mem"); /* not 4K-aligned */
	assert_usage_error(parse("--mem", "0", "i", NULL), "--mem");
	assert_usage_error(parse("--mem", "lots", "i", NULL), "--mem");
	assert_usage_error(parse("--mem", "99999999999999999999999G", "i", NULL), "--mem");
}

static void test_max_insns_values(void **state)
{
	assert_int_equal(parse("--max-insns", "1", "i", NULL)->o.max_insns, 1);
	assert_int_equal(parse("--max-insns", "18446744073709551615", "i", NULL)->o.max_insns,
	                 UINT64_MAX);
	assert_usage_error(parse("--max-insns", "0", "i", NULL), "--max-insns");
	assert_usage_error(parse("--max-insns", "-5", "i", NULL), "--max-insns");
	assert_usage_error(parse("--max-insns", "10k", "i", NULL), "--max-insns");
	assert_usage_error(parse("--max-insns", "18446744073709551616", "i", NULL), "--max-insns");
}

static void test_trace_values(void **state)
{
	unsigned t;
	assert_int_equal(options_parse_trace("exc", &t), 0);
	assert_int_equal(t, TRACE_EXC);
	assert_int_equal(options_parse_trace("eret,exc", &t), 0);
	assert_int_equal(t, TRACE_EXC | TRACE_ERET);
	assert_int_equal(options_parse_trace("", &t), -1);
	assert_int_equal(options_parse_trace("exc,", &t), -1);
	assert_int_equal(options_parse_trace(",exc", &t), -1);
	assert_int_equal(options_parse_trace("exc,,eret", &t), -1);
	assert_int_equal(options_parse_trace("ex", &t), -1);
	assert_int_equal(options_parse_trace("excx", &t), -1);
	assert_usage_error(parse("--trace", "irq", "i", NULL), "--trace");
	assert_usage_error(parse("--trace-format", "xml", "i", NULL), "--trace-format");
	assert_usage_error(parse("--trace-file=", "i", NULL), "--trace-file");
	assert_int_equal(
	        parse("--trace", "exc", "--trace-format", "text", "i", NULL)->o.trace_format,
	        TRACE_FORMAT_TEXT);
	assert_usage_error(parse("--trace", "exc", "--trace-el", "4", "i", NULL), "--trace-el");
	assert_usage_error(parse("--trace", "exc", "--trace-ec", "BOGUS", "i", NULL), "--trace-ec");
}

/* The modifiers of a trace without --trace would do nothing: an error naming the first. */
static void test_trace_modifiers_need_trace(void **state)
{
	assert_usage_error(parse("--trace-file", "t", "i", NULL), "--trace-file: needs --trace");
	assert_usage_error(parse("--trace-format", "text", "i", NULL),
	                   "--trace-format: needs --trace");
	assert_usage_error(parse("--trace-el", "1", "i", NULL), "--trace-el: needs --trace");
	assert_usage_error(parse("--trace-ec", "HVC64", "i", NULL), "--trace-ec: needs --trace");
	assert_usage_error(parse("--trace-ec", "HVC64", "--trace-el", "1", "i", NULL),
	                   "--trace-ec: needs --trace");
	/* --trace anywhere on the line is enough. */
	struct run *r = parse("--trace-el", "1", "i", "--trace", "eret", NULL);
	assert_int_equal(r->status, 0);
	assert_int_equal(r->o.trace_el, 1);
	assert_int_equal(r->o.trace, TRACE_ERET);
}

/* An option given twice keeps its last value; --trace and --trace-ec lists add up. */
static void test_repeated_options(void **state)
{
	struct run *r =
	        parse("--el", "1", "--el", "3", "--mem", "2M", "--mem=4M", "--max-insns", "5",
	              "--max-insns", "7", "--timeout", "9", "--timeout", "0.25", "--trace", "exc",
	              "--trace", "eret", "--trace-ec", "HVC64", "--trace-ec", "0x17", "--trace-el",
	              "0", "--trace-el", "2", "i", NULL);
	assert_int_equal(r->status, 0);
	assert_int_equal(r->o.el, 3);
	assert_int_equal(r->o.mem_size, 4ull << 20);
	assert_int_equal(r->o.max_insns, 7);
	assert_int_equal(r->o.timeout_ns, 250000000);
	assert_int_equal(r->o.trace, TRACE_EXC | TRACE_ERET);
	assert_int_equal(r->o.trace_ec, (1ull << 0x16) | (1ull << 0x17)); /* HVC64 is EC 0x16 */
	assert_int_equal(r->o.trace_el, 2);
}

static void test_seconds_parser(void **state)
{
	uint64_t ns;
	assert_int_equal(options_parse_seconds("1", &ns), 0);
	assert_int_equal(ns, 1000000000ull);
	assert_int_equal(options_parse_seconds("0.5", &ns), 0);
	assert_int_equal(ns, 500000000ull);
	assert_int_equal(options_parse_seconds("0.000000001", &ns), 0);
	assert_int_equal(ns, 1);
	assert_int_equal(options_parse_seconds("12.034", &ns), 0);
	assert_int_equal(ns, 12034000000ull);
	assert_int_equal(options_parse_seconds("1000000000", &ns), 0);
	assert_int_equal(ns, 1000000000ull * 1000000000ull);
	assert_int_equal(options_parse_seconds("007", &ns), 0);
	assert_int_equal(ns, 7000000000ull);
	static const char *const bad[] = {
	        "",
	        "0",
	        "0.0",
	        "0.000000000",
	        "-1",
	        "-0.5",
	        "+1",
	        " 1",
	        "1 ",
	        ".5",
	        "1.",
	        "1..5",
	        "1e3",
	        "1.5e1",
	        "inf",
	        "nan",
	        "10s",
	        "0x10",
	        "1,5",
	        "1.0000000001",
	        "1000000001",
	        "1000000000.5",
	        "18446744073709551616",
	        "99999999999999999999",
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (options_parse_seconds(bad[i], &ns) != -1)
			fail_msg("'%s' accepted as seconds", bad[i]);
}

static void test_timeout_values(void **state)
{
	assert_int_equal(parse("--timeout", "2", "i", NULL)->o.timeout_ns, 2000000000ull);
	assert_int_equal(parse("--timeout=0.5", "i", NULL)->o.timeout_ns, 500000000ull);
	assert_usage_error(parse("--timeout", "0", "i", NULL), "--timeout");
	assert_usage_error(parse("--timeout", "-1", "i", NULL), "--timeout");
	assert_usage_error(parse("--timeout", "abc", "i", NULL), "--timeout");
	assert_usage_error(parse("i", "--timeout", NULL), "--timeout");
}

/* What a message echoes back keeps it one line: control characters become \xNN. */
static void test_messages_stay_one_line(void **state)
{
	assert_usage_error(parse("--mem", "1\n2", "i", NULL), "'1\\x0a2'");
	assert_usage_error(parse("--fro\nb", "i", NULL), "--fro\\x0ab");
	assert_usage_error(parse("a", "b\r\x7f", NULL), "b\\x0d\\x7f");
	/* A very long value is cut, still on one line. */
	static char huge[4096];
	memset(huge, '7', sizeof(huge) - 1);
	struct run *r = parse("--el", huge, "i", NULL);
	assert_usage_error(r, "...' (want 1, 2 or 3)");
}

static void test_usage_errors(void **state)
{
	assert_usage_error(parse(NULL), "no image");
	assert_usage_error(parse("--semihosting", NULL), "no image");
	assert_usage_error(parse("a.elf", "b.elf", NULL), "b.elf");
	assert_usage_error(parse("--frobnicate", "i", NULL), "--frobnicate");
	assert_usage_error(parse("-x", "i", NULL), "-x");
	assert_usage_error(parse("i", "--mem", NULL), "--mem");
	assert_usage_error(parse("--semihosting=yes", "i", NULL), "--semihosting");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_defaults),
	        cmocka_unit_test(test_all_options),
	        cmocka_unit_test(test_image_before_options),
	        cmocka_unit_test(test_guest_args),
	        cmocka_unit_test(test_help_version),
	        cmocka_unit_test(test_el_values),
	        cmocka_unit_test(test_size_parser),
	        cmocka_unit_test(test_mem_values),
	        cmocka_unit_test(test_max_insns_values),
	        cmocka_unit_test(test_trace_values),
	        cmocka_unit_test(test_trace_modifiers_need_trace),
	        cmocka_unit_test(test_repeated_options),
	        cmocka_unit_test(test_seconds_parser),
	        cmocka_unit_test(test_timeout_values),
	        cmocka_unit_test(test_messages_stay_one_line),
	        cmocka_unit_test(test_usage_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
