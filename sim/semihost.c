/*
 * Arm semihosting; see semihost.h. Each operation cites its section of
 * "Semihosting for AArch32 and AArch64" by name. On AArch64 every field
 * of a parameter block is 64 bits wide. A guest pointer that does not reach
 * RAM fails the operation (X0 = -1, SYS_ERRNO = EFAULT); it never reaches
 * the host.
 */
#include "semihost.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cpu.h"
#include "hostio.h"
#include "mem.h"

#define CHUNK   4096
#define RET_ERR UINT64_MAX /* -1 */

enum { HANDLE_STDIN = 0, HANDLE_STDOUT = 1, HANDLE_STDERR = 2, HANDLE_TT_IN = 3 };

void semihost_init(struct semihost *sh, int in_fd, int out_fd, int err_fd, const char *cmdline,
                   uint64_t image_hi, uint64_t ram_base, uint64_t ram_size)
{
	uint64_t top = ram_base + ram_size;
	uint64_t heap = (image_hi + 15) & ~15ull;
	uint64_t stack = SEMIHOST_STACK_SIZE;

	if (heap > top || heap < ram_base)
		heap = top;
	if (stack > (top - heap) / 2)
		stack = ((top - heap) / 2) & ~15ull;
	*sh = (struct semihost){
	        .in_fd = in_fd,
	        .out_fd = out_fd,
	        .err_fd = err_fd,
	        .cmdline = cmdline ? cmdline : "",
	        .heap_base = heap,
	        .heap_limit = top - stack,
	        .stack_base = top,
	        .stack_limit = top - stack,
	};
}

/* Field i of the parameter block at X1. */
static int arg(struct cpu *cpu, unsigned i, uint64_t *v)
{
	return mem_debug_read(cpu, cpu->x[1] + 8 * i, v, 8);
}

static uint64_t fault(struct semihost *sh, int err)
{
	sh->err = err;
	return RET_ERR;
}

static int out_fd(const struct semihost *sh, uint64_t handle)
{
	if (handle == HANDLE_STDOUT)
		return sh->out_fd;
	if (handle == HANDLE_STDERR)
		return sh->err_fd;
	return -1;
}

static bool is_console(uint64_t handle)
{
	return handle <= HANDLE_TT_IN;
}

static bool is_input(uint64_t handle)
{
	return handle == HANDLE_STDIN || handle == HANDLE_TT_IN;
}

/* SYS_OPEN: {name, mode, length}; only ":tt", the console. */
static uint64_t sys_open(struct semihost *sh, struct cpu *cpu)
{
	uint64_t name, mode, len;
	char buf[4];

	if (arg(cpu, 0, &name) || arg(cpu, 1, &mode) || arg(cpu, 2, &len))
		return fault(sh, EFAULT);
	if (mode > 11)
		return fault(sh, EINVAL);
	if (len != 3)
		return fault(sh, ENOENT);
	if (mem_debug_read(cpu, name, buf, 3))
		return fault(sh, EFAULT);
	if (memcmp(buf, ":tt", 3))
		return fault(sh, ENOENT);
	/* modes 0-3 are "r", "rb", "r+", "r+b"; 4-7 "w..."; 8-11 "a..." */
	return mode < 4 ? HANDLE_TT_IN : mode < 8 ? HANDLE_STDOUT : HANDLE_STDERR;
}

/* SYS_CLOSE and SYS_ISTTY: {handle}; the console is always open and interactive. */
static uint64_t sys_close_istty(struct semihost *sh, struct cpu *cpu, uint64_t ok)
{
	uint64_t handle;
	if (arg(cpu, 0, &handle))
		return fault(sh, EFAULT);
	return is_console(handle) ? ok : fault(sh, EBADF);
}

/* SYS_WRITEC: X1 points to the character. */
static uint64_t sys_writec(struct semihost *sh, struct cpu *cpu)
{
	uint8_t c;
	if (mem_debug_read(cpu, cpu->x[1], &c, 1))
		return fault(sh, EFAULT);
	hostio_write_all(sh->out_fd, &c, 1);
	return cpu->x[0]; /* "R0 is corrupted": left alone */
}

/* SYS_WRITE0: X1 points to a NUL-terminated string. */
static uint64_t sys_write0(struct semihost *sh, struct cpu *cpu)
{
	char buf[256];
	size_t n = 0;
	uint64_t va = cpu->x[1];

	for (;; va++) {
		if (mem_debug_read(cpu, va, &buf[n], 1)) {
			hostio_write_all(sh->out_fd, buf, n);
			return fault(sh, EFAULT);
		}
		if (buf[n] == 0 || ++n == sizeof(buf)) {
			hostio_write_all(sh->out_fd, buf, n);
			if (n < sizeof(buf))
				return cpu->x[0];
			n = 0;
		}
	}
}

/* The block of SYS_READ and SYS_WRITE: {handle, buffer, length}. */
static int io_block(struct cpu *cpu, uint64_t *handle, uint64_t *va, uint64_t *len)
{
	return arg(cpu, 0, handle) || arg(cpu, 1, va) || arg(cpu, 2, len) ? -1 : 0;
}

/* SYS_WRITE: returns the number of bytes not written. */
static uint64_t sys_write(struct semihost *sh, struct cpu *cpu)
{
	uint64_t handle, va, len;
	uint8_t buf[CHUNK];
	int fd;

	if (io_block(cpu, &handle, &va, &len))
		return fault(sh, EFAULT);
	fd = out_fd(sh, handle);
	if (fd < 0) {
		sh->err = EBADF;
		return len;
	}
	while (len > 0) {
		uint64_t n = len < CHUNK ? len : CHUNK;
		if (mem_debug_read(cpu, va, buf, n)) {
			sh->err = EFAULT;
			return len;
		}
		if (hostio_write_all(fd, buf, n)) {
			sh->err = errno;
			return len;
		}
		va += n;
		len -= n;
	}
	return 0;
}

/* How often a wait for input looks for a stop request, in milliseconds. */
#define STOP_CHECK_MS 100

/*
 * read() that waits for input until it comes or the run is asked to stop
 * (SIGINT, SIGTERM, --timeout): then it fails with EINTR, and the run ends
 * at the next instruction boundary. poll() with a timeout rather than a
 * bare read() interrupted by the signal: a signal that lands just before
 * the read() would otherwise leave it blocked.
 */
static ssize_t read_input(int fd, void *buf, size_t len, const struct cpu *cpu)
{
	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		if (cpu->stop_requested) {
			errno = EINTR;
			return -1;
		}
		int ready = poll(&p, 1, STOP_CHECK_MS);
		if (ready < 0 && errno != EINTR)
			return -1;
		if (ready <= 0)
			continue;
		ssize_t n = read(fd, buf, len);
		if (n >= 0 || (errno != EINTR && errno != EAGAIN))
			return n;
	}
}

/* SYS_READ: returns the number of bytes not read. */
static uint64_t sys_read(struct semihost *sh, struct cpu *cpu)
{
	uint64_t handle, va, len;
	uint8_t buf[CHUNK];
	ssize_t n;

	if (io_block(cpu, &handle, &va, &len))
		return fault(sh, EFAULT);
	if (!is_input(handle))
		return fault(sh, EBADF);
	if (len == 0)
		return 0;
	n = read_input(sh->in_fd, buf, len < CHUNK ? len : CHUNK, cpu);
	if (n < 0)
		return fault(sh, errno);
	if (mem_debug_write(cpu, va, buf, (uint64_t)n))
		return fault(sh, EFAULT);
	return len - (uint64_t)n;
}

/* SYS_READC: one byte from stdin, waiting for it. */
static uint64_t sys_readc(struct semihost *sh, struct cpu *cpu)
{
	uint8_t c;
	ssize_t n;

	n = read_input(sh->in_fd, &c, 1, cpu);
	if (n < 0)
		return fault(sh, errno);
	return n == 1 ? c : RET_ERR;
}

/* SYS_ISERROR: {status}; nonzero if status is an error (negative). */
static uint64_t sys_iserror(struct semihost *sh, struct cpu *cpu)
{
	uint64_t status;
	if (arg(cpu, 0, &status))
		return fault(sh, EFAULT);
	return (int64_t)status < 0;
}

/* SYS_ELAPSED: X1 points to the 64-bit tick count (low word first): the system counter. */
static uint64_t sys_elapsed(struct semihost *sh, struct cpu *cpu)
{
	uint64_t ticks = cpu_counter(cpu);
	if (mem_debug_write(cpu, cpu->x[1], &ticks, 8))
		return fault(sh, EFAULT);
	return 0;
}

/* SYS_GET_CMDLINE: {buffer, length}; writes the NUL-terminated line and its length. */
static uint64_t sys_get_cmdline(struct semihost *sh, struct cpu *cpu)
{
	uint64_t va, size, len = strlen(sh->cmdline);

	if (arg(cpu, 0, &va) || arg(cpu, 1, &size))
		return fault(sh, EFAULT);
	if (len + 1 > size)
		return fault(sh, ENOSPC);
	if (mem_debug_write(cpu, va, sh->cmdline, len + 1) ||
	    mem_debug_write(cpu, cpu->x[1] + 8, &len, 8))
		return fault(sh, EFAULT);
	return 0;
}

/* SYS_HEAPINFO: X1 points to the address of {heap base, heap limit, stack base, stack limit}. */
static uint64_t sys_heapinfo(struct semihost *sh, struct cpu *cpu)
{
	uint64_t block, info[4] = {sh->heap_base, sh->heap_limit, sh->stack_base, sh->stack_limit};

	if (mem_debug_read(cpu, cpu->x[1], &block, 8) ||
	    mem_debug_write(cpu, block, info, sizeof(info)))
		return fault(sh, EFAULT);
	return 0;
}

static const char *exit_reason_name(uint64_t reason)
{
	static const char *const hw[] = {"BranchThroughZero",
	                                 "UndefinedInstr",
	                                 "SoftwareInterrupt",
	                                 "PrefetchAbort",
	                                 "DataAbort",
	                                 "AddressException",
	                                 "IRQ",
	                                 "FIQ"};
	static const char *const sw[] = {"BreakPoint",          "WatchPoint",    "StepComplete",
	                                 "RunTimeErrorUnknown", "InternalError", "UserInterruption",
	                                 "ApplicationExit",     "StackOverflow", "DivisionByZero",
	                                 "OSSpecific"};
	if (reason >= 0x20000 && reason < 0x20000 + sizeof(hw) / sizeof(hw[0]))
		return hw[reason - 0x20000];
	if (reason >= 0x20020 && reason < 0x20020 + sizeof(sw) / sizeof(sw[0]))
		return sw[reason - 0x20020];
	return "unknown";
}

/*
 * SYS_EXIT and SYS_EXIT_EXTENDED: {reason, subcode}. ApplicationExit exits
 * with subcode; any other reason is a failure, status 1.
 */
static int sys_exit(struct semihost *sh, struct cpu *cpu)
{
	uint64_t reason, subcode;

	if (arg(cpu, 0, &reason) || arg(cpu, 1, &subcode)) {
		x_write(cpu, 0, fault(sh, EFAULT));
		return EXEC_NEXT;
	}
	if (reason == ADP_STOPPED_APPLICATION_EXIT) {
		cpu->exit_code = (int)subcode;
	} else {
		fprintf(stderr,
		        "el2sim: semihosting: exit reason 0x%llx (ADP_Stopped_%s), status 1\n",
		        (unsigned long long)reason, exit_reason_name(reason));
		cpu->exit_code = 1;
	}
	cpu->stop = STOP_EXIT;
	return EXEC_STOP;
}

int semihost_call(struct semihost *sh, struct cpu *cpu)
{
	uint64_t r;

	switch ((uint32_t)cpu->x[0]) {
	case SYS_OPEN: r = sys_open(sh, cpu); break;
	case SYS_CLOSE: r = sys_close_istty(sh, cpu, 0); break;
	case SYS_ISTTY: r = sys_close_istty(sh, cpu, 1); break;
	case SYS_WRITEC: r = sys_writec(sh, cpu); break;
	case SYS_WRITE0: r = sys_write0(sh, cpu); break;
	case SYS_WRITE: r = sys_write(sh, cpu); break;
	case SYS_READ: r = sys_read(sh, cpu); break;
	case SYS_READC: r = sys_readc(sh, cpu); break;
	case SYS_ISERROR: r = sys_iserror(sh, cpu); break;
	case SYS_CLOCK: r = cpu_counter(cpu) / (CPU_COUNTER_HZ / 100); break;
	case SYS_TIME: r = cpu_counter(cpu) / CPU_COUNTER_HZ; break;
	case SYS_ERRNO: r = (uint64_t)sh->err; break;
	case SYS_GET_CMDLINE: r = sys_get_cmdline(sh, cpu); break;
	case SYS_HEAPINFO: r = sys_heapinfo(sh, cpu); break;
	case SYS_ELAPSED: r = sys_elapsed(sh, cpu); break;
	case SYS_TICKFREQ: r = CPU_COUNTER_HZ; break;
	case SYS_EXIT:
	case SYS_EXIT_EXTENDED: return sys_exit(sh, cpu);
	default: r = fault(sh, ENOSYS); break;
	}
	x_write(cpu, 0, r);
	return EXEC_NEXT;
}
