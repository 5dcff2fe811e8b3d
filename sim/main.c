/*
 * el2sim: parse the command line, build the virt board, load the image and
 * run the CPU; the exit status says how the run ended (docs/cli.md).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "board.h"
#include "cpu.h"
#include "elf_load.h"
#include "hostio.h"
#include "list_sysregs.h"
#include "options.h"
#include "semihost.h"
#include "syndrome.h"
#include "stats.h"
#include "trace.h"

/* Exit statuses besides the guest's own (docs/cli.md) */
#define EXIT_HOST_ERROR 1
#define EXIT_USAGE      2
#define EXIT_STUCK      3
#define EXIT_LIMIT      124 /* --max-insns or --timeout, as GNU timeout(1) */

struct sim {
	struct options opt;
	struct board board;
	struct semihost sh;
	struct cpu *cpu;
	struct trace trace;
	FILE *trace_out; /* NULL when not tracing */
	struct stats stats;
};

/*
 * SIGINT, SIGTERM and SIGALRM (--timeout): end the run at the next
 * instruction boundary, trace complete. The first of them names the reason.
 */
static struct cpu *volatile signal_cpu;
static volatile sig_atomic_t signal_number;

static void on_signal(int sig)
{
	if (!signal_number)
		signal_number = sig;
	if (signal_cpu)
		cpu_request_stop(signal_cpu);
}

/*
 * Without SA_RESTART, so that a wait for input (semihosting SYS_READ and
 * SYS_READC wait in poll(), semihost.c read_input) returns at once with
 * EINTR; read_input then sees cpu->stop_requested. Its poll timeout covers
 * a signal that lands just before the poll().
 */
static void catch_stop_signals(void (*handler)(int))
{
	struct sigaction sa = {.sa_handler = handler};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
}

/*
 * --timeout: SIGALRM after ns nanoseconds of wall-clock time (0: disarm).
 * A timer signal rather than a clock test in the run loop: the loop's only
 * cost is the stop request it already checks. Rounded up to the timer's
 * microseconds, so a tiny timeout still fires.
 */
static void arm_timeout(uint64_t ns)
{
	uint64_t us = (ns + 999) / 1000;
	struct itimerval it = {.it_value = {.tv_sec = (time_t)(us / 1000000),
	                                    .tv_usec = (suseconds_t)(us % 1000000)}};
	setitimer(ITIMER_REAL, &it, NULL);
}

static int hook_semihost(void *opaque, struct cpu *cpu)
{
	struct sim *s = opaque;
	return semihost_call(&s->sh, cpu);
}

static void hook_poll(void *opaque, struct cpu *cpu)
{
	struct sim *s = opaque;
	board_poll(&s->board);
}

static void hook_exception(void *opaque, const struct cpu *cpu, const struct exc *e,
                           unsigned from_el)
{
	struct sim *s = opaque;
	if (s->trace_out)
		trace_exception(&s->trace, (struct cpu *)cpu, e, from_el);
	if (s->opt.stats)
		stats_exception(&s->stats, cpu, e, from_el);
}

static void hook_eret(void *opaque, const struct cpu *cpu, unsigned from_el, bool illegal)
{
	struct sim *s = opaque;
	if (s->trace_out)
		trace_eret(&s->trace, (struct cpu *)cpu, from_el, illegal);
	if (s->opt.stats)
		stats_eret(&s->stats, cpu, from_el, illegal);
}

static void hook_insn(void *opaque, const struct cpu *cpu, uint64_t pc, uint32_t raw, unsigned el)
{
	struct sim *s = opaque;
	trace_insn(&s->trace, (struct cpu *)cpu, pc, raw, el);
}

/* Is path the image itself? Opening it for the trace would truncate the image. */
static bool same_file(const char *path, const char *image)
{
	struct stat a, b;
	return stat(path, &a) == 0 && stat(image, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

/* --trace-file F opened for writing; NULL after a one-line message naming the option. */
static FILE *trace_open_file(const char *path, const char *image)
{
	char q[HOSTIO_PRINTABLE_MAX];
	const char *why = "is the image";
	FILE *f = NULL;

	if (!same_file(path, image)) {
		f = fopen(path, "w");
		why = strerror(errno);
	}
	if (!f)
		fprintf(stderr, "el2sim: --trace-file: '%s': %s\n",
		        hostio_printable(q, sizeof(q), path), why);
	return f;
}

/* Open the trace the options ask for; 0, or an exit status. */
static int trace_setup(struct sim *s)
{
	if (!s->opt.trace)
		return 0;
	s->trace_out = stderr;
	if (s->opt.trace_file) {
		s->trace_out = trace_open_file(s->opt.trace_file, s->opt.image);
		if (!s->trace_out)
			return EXIT_USAGE;
	}
	trace_open(&s->trace, s->trace_out, s->opt.trace, s->opt.trace_format);
	s->trace.el_filter = s->opt.trace_el;
	s->trace.ec_filter = s->opt.trace_ec;
	trace_snapshot(&s->trace, s->cpu);
	return 0;
}

static void trace_teardown(struct sim *s, const char *reason, int status)
{
	if (!s->trace_out)
		return;
	trace_end(&s->trace, s->cpu, reason, status);
	trace_close(&s->trace);
	if (s->trace_out != stderr)
		fclose(s->trace_out);
	s->trace_out = NULL;
}

/* The guest's command line: the image name, then the arguments after "--". */
static char *make_cmdline(const struct options *o)
{
	size_t len = strlen(o->image) + 1;
	char *line, *p;

	for (int i = 0; i < o->guest_argc; i++)
		len += strlen(o->guest_argv[i]) + 1;
	line = malloc(len);
	if (!line)
		return NULL;
	p = line + sprintf(line, "%s", o->image);
	for (int i = 0; i < o->guest_argc; i++)
		p += sprintf(p, " %s", o->guest_argv[i]);
	return line;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* STOP_STUCK: the exception taken over and over, and where it went. */
static void report_stuck(const struct cpu *cpu)
{
	static const enum sysreg_id vbar[4] = {SR_NONE, SR_VBAR_EL1, SR_VBAR_EL2, SR_VBAR_EL3};
	const struct exc *e = &cpu->exc;
	unsigned ec = esr_ec(e->esr);
	unsigned el = e->target_el >= 1 && e->target_el <= 3 ? e->target_el : 1;
	const char *name = ec_name(ec);

	fprintf(stderr,
	        "el2sim: stuck: %s exception (EC 0x%02x, ESR 0x%llx) taken repeatedly to EL%u, "
	        "ELR_EL%u 0x%llx, VBAR_EL%u 0x%llx\n",
	        name ? name : "unallocated", ec, (unsigned long long)e->esr, el, el,
	        (unsigned long long)e->elr, el, (unsigned long long)cpu->sr[vbar[el]]);
}

/* A variable set to anything but "" or "0": EL2SIM_NO_CACHE=1 is --no-cache for whole test suites.
 */
static bool env_flag(const char *name)
{
	const char *v = getenv(name);
	return v && *v && strcmp(v, "0") != 0;
}

static int run(struct sim *s)
{
	struct elf_image img;
	char *cmdline;
	double t0, secs;
	int status;

	if (board_init(&s->board, s->opt.mem_size, STDIN_FILENO, STDOUT_FILENO)) {
		fprintf(stderr, "el2sim: cannot allocate %llu bytes of RAM\n",
		        (unsigned long long)s->opt.mem_size);
		return EXIT_HOST_ERROR;
	}
	if (elf_load_file(&s->board, s->opt.image, &img, stderr))
		return EXIT_USAGE;
	cmdline = make_cmdline(&s->opt);
	s->cpu = cpu_new(&s->board.bus, s->opt.el);
	board_attach_cpu(&s->board, s->cpu);
	if (!cmdline || !s->cpu) {
		fprintf(stderr, "el2sim: out of memory\n");
		free(cmdline);
		return EXIT_HOST_ERROR;
	}
	semihost_init(&s->sh, STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO, cmdline, img.hi,
	              s->board.bus.ram_base, s->board.bus.ram_size);
	cpu_reset(s->cpu, img.entry);
	s->cpu->insn_limit = s->opt.max_insns ? s->opt.max_insns : UINT64_MAX;
	s->cpu->no_dcache = s->opt.no_cache || env_flag("EL2SIM_NO_CACHE");
	s->cpu->hooks = (struct cpu_hooks){
	        .opaque = s,
	        .semihost = s->opt.semihosting ? hook_semihost : NULL,
	        .poll = hook_poll,
	        .on_exception = (s->opt.trace & TRACE_EXC) || s->opt.stats ? hook_exception : NULL,
	        .on_eret = (s->opt.trace & TRACE_ERET) || s->opt.stats ? hook_eret : NULL,
	        .on_insn = s->opt.trace & TRACE_INSN ? hook_insn : NULL,
	};
	status = trace_setup(s);
	if (status) {
		cpu_free(s->cpu);
		free(cmdline);
		return status;
	}

	const char *reason = "host error";
	signal_cpu = s->cpu;
	catch_stop_signals(on_signal);
	t0 = now();
	if (s->opt.timeout_ns)
		arm_timeout(s->opt.timeout_ns);
	enum cpu_stop stop = cpu_run(s->cpu);
	arm_timeout(0);
	switch (stop) {
	case STOP_EXIT:
		status = s->cpu->exit_code;
		reason = "guest exit";
		break;
	case STOP_INSN_LIMIT:
		reason = "instruction limit (--max-insns)";
		fprintf(stderr, "el2sim: stopped after %llu instructions (--max-insns)\n",
		        (unsigned long long)s->cpu->icount);
		status = EXIT_LIMIT;
		break;
	case STOP_STUCK:
		reason = "stuck: exceptions without progress";
		report_stuck(s->cpu);
		status = EXIT_STUCK;
		break;
	case STOP_WAIT_FOREVER:
		reason = "stuck: WFI/WFE with nothing to wake it";
		/* The PC is past the WFx: it completes when woken. */
		fprintf(stderr,
		        "el2sim: stuck: %s at PC 0x%llx (EL%u) waits for an event that nothing "
		        "can raise (no timer armed, no interrupt pending or enabled)\n",
		        s->cpu->wait == WAIT_WFE ? "WFE" : "WFI",
		        (unsigned long long)s->cpu->pc - 4, s->cpu->el);
		status = EXIT_STUCK;
		break;
	case STOP_REQUEST:
		if (signal_number == SIGALRM) {
			reason = "timeout (--timeout)";
			fprintf(stderr,
			        "el2sim: stopped by --timeout after %.3f s at PC 0x%llx (%llu "
			        "instructions)\n",
			        now() - t0, (unsigned long long)s->cpu->pc,
			        (unsigned long long)s->cpu->icount);
			status = EXIT_LIMIT;
			break;
		}
		reason = signal_number == SIGTERM ? "stopped by SIGTERM" : "stopped by SIGINT";
		fprintf(stderr, "el2sim: %s at PC 0x%llx\n", reason,
		        (unsigned long long)s->cpu->pc);
		status = 128 + (signal_number ? signal_number : SIGINT);
		break;
	default:
		fprintf(stderr, "el2sim: host error, simulation stopped at PC 0x%llx\n",
		        (unsigned long long)s->cpu->pc);
		status = EXIT_HOST_ERROR;
		break;
	}
	secs = now() - t0;
	signal_cpu = NULL;
	trace_teardown(s, reason, status);
	if (s->opt.stats)
		stats_print(&s->stats, s->cpu, secs, stderr);
	cpu_free(s->cpu);
	free(cmdline);
	return status;
}

int main(int argc, char **argv)
{
	static struct sim s;
	int status = options_parse(&s.opt, argc, argv, stderr);

	if (status)
		return status;
	if (s.opt.action == OPTIONS_HELP) {
		options_usage(stdout);
		return 0;
	}
	if (s.opt.action == OPTIONS_VERSION) {
		options_version(stdout);
		return 0;
	}
	if (s.opt.action == OPTIONS_LIST_SYSREGS) {
		list_sysregs(stdout);
		return 0;
	}
	/* The guest's output goes straight to fd 1 (write(2)); keep stdio out of its way. */
	setvbuf(stdout, NULL, _IONBF, 0);
	/* A closed output pipe ends the run through write() errors, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	status = run(&s);
	board_free(&s.board);
	return status;
}
