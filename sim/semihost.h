/*
 * Arm semihosting on HLT #0xF000 ("Semihosting for AArch32 and AArch64",
 * Arm, version 2.0+): the operation number in W0, the parameter (usually the
 * address of a parameter block of 64-bit fields) in X1, the result in X0.
 *
 * Handles: 0, 1 and 2 are stdin, stdout and stderr, open from the start;
 * SYS_OPEN of ":tt" returns 3 (stdin; SYS_OPEN results are nonzero) for
 * modes "r", 1 (stdout) for "w" and 2 (stderr) for "a". No other file can
 * be opened.
 *
 * Time is deterministic: it is the retired-instruction count at
 * CPU_COUNTER_HZ, never the host's clock.
 */
#ifndef EL2SIM_SEMIHOST_H
#define EL2SIM_SEMIHOST_H

#include <stdint.h>

struct cpu;

/* Operation numbers (the spec's chapter "Semihosting operations") */
enum {
	SYS_OPEN = 0x01,
	SYS_CLOSE = 0x02,
	SYS_WRITEC = 0x03,
	SYS_WRITE0 = 0x04,
	SYS_WRITE = 0x05,
	SYS_READ = 0x06,
	SYS_READC = 0x07,
	SYS_ISERROR = 0x08,
	SYS_ISTTY = 0x09,
	SYS_SEEK = 0x0a,
	SYS_FLEN = 0x0c,
	SYS_TMPNAM = 0x0d,
	SYS_REMOVE = 0x0e,
	SYS_RENAME = 0x0f,
	SYS_CLOCK = 0x10,
	SYS_TIME = 0x11,
	SYS_SYSTEM = 0x12,
	SYS_ERRNO = 0x13,
	SYS_GET_CMDLINE = 0x15,
	SYS_HEAPINFO = 0x16,
	SYS_EXIT = 0x18,
	SYS_EXIT_EXTENDED = 0x20,
	SYS_ELAPSED = 0x30,
	SYS_TICKFREQ = 0x31,
};

/* SYS_EXIT reason codes (the spec's "Exception type" table) */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* Stack size reported by SYS_HEAPINFO, when RAM allows. */
#define SEMIHOST_STACK_SIZE (1ull << 20)

struct semihost {
	int in_fd, out_fd, err_fd;
	const char *cmdline; /* SYS_GET_CMDLINE; owned by the caller */
	uint64_t heap_base, heap_limit, stack_base, stack_limit;
	int err; /* the host errno of the last failed operation (SYS_ERRNO) */
};

/*
 * Set up for an image loaded at [image_lo, image_hi) in RAM [ram_base,
 * ram_base + ram_size). SYS_HEAPINFO reports a stack of
 * SEMIHOST_STACK_SIZE (at most half the free space) at the top of RAM,
 * growing down from the end of RAM, and a heap from the end of the image,
 * rounded up to 16 bytes, to the stack's limit.
 */
void semihost_init(struct semihost *sh, int in_fd, int out_fd, int err_fd, const char *cmdline,
                   uint64_t image_hi, uint64_t ram_base, uint64_t ram_size);

/*
 * Serve the call the CPU stopped at (hooks.semihost). Returns EXEC_NEXT, or
 * EXEC_STOP with cpu->stop = STOP_EXIT and cpu->exit_code set for SYS_EXIT.
 */
int semihost_call(struct semihost *sh, struct cpu *cpu);

#endif
