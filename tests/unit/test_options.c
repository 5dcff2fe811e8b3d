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

#define MAX_ARGS 16

struct run {
	struct options o;
	int status;
	char msg[512]; /* what went to errf */
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
	assert_int_equal(parse("--trace-format", "text", "i", NULL)->o.trace_format,
	                 TRACE_FORMAT_TEXT);
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
	        cmocka_unit_test(test_usage_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
