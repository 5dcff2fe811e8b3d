/* SPDX-License-Identifier: MIT */
/*
 * The el2sim guest runtime: what every guest in guests/ can call.
 *
 * Freestanding, integer only (built with -mgeneral-regs-only), for the QEMU
 * virt board: RAM at 0x4000_0000, PL011 at 0x0900_0000, Arm semihosting.
 * start.S enters main() at whatever EL the image was started at (1, 2 or 3)
 * and passes main's return value to SYS_EXIT. docs/guests.md has the rest.
 */
#ifndef RT_H
#define RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "arm.h"

/* Exit codes the runtime itself uses; guests use 0 for success. */
#define RT_EXIT_UNEXPECTED_EXC 0x7e /* an exception vector slot was taken */

/* Where rt_putc() and rt_printf() send characters. */
enum rt_console {
	RT_CONSOLE_SEMIHOST, /* line-buffered SYS_WRITE0 (the default) */
	RT_CONSOLE_PL011,    /* the PL011 UART at 0x0900_0000 */
};

void rt_console_use(enum rt_console sink);
void rt_console_flush(void);
int rt_putc(int c);
int rt_puts(const char *s); /* like puts(): appends '\n' */

int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_vprintf(const char *fmt, va_list ap);
int rt_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Flushes the console and stops the machine with SYS_EXIT. */
void rt_exit(int code) __attribute__((noreturn));

/* Arm semihosting (Semihosting for AArch32 and AArch64, IHI 0105), HLT #0xF000. */
#define SYS_WRITEC 0x03
#define SYS_WRITE0 0x04
#define SYS_WRITE  0x05
#define SYS_EXIT   0x18

#define ADP_STOPPED_APPLICATION_EXIT 0x20026

long rt_semihost(long op, const void *param);
void rt_sh_writec(char c);
void rt_sh_write0(const char *s);
long rt_sh_write(long handle, const void *buf, size_t len);
void rt_sh_exit(int code) __attribute__((noreturn));

/* PL011 UART: polls FR.TXFF, then writes DR. */
#define PL011_BASE    0x09000000ul
#define PL011_DR      0x000
#define PL011_FR      0x018
#define PL011_FR_TXFF (1u << 5)

void rt_pl011_putc(char c);

/* The exception level main() runs at: PSTATE.EL from CurrentEL[3:2]. */
unsigned int rt_current_el(void);

/*
 * An exception as vectors.S saved it. The assembly reaches the fields through
 * offsets generated from this struct (asm_defs.c), never typed by hand.
 */
struct rt_exc_frame {
	uint64_t x[31]; /* X0-X30 at the time of the exception */
	uint64_t slot;  /* vector slot, 0-15 (offset / 0x80): enum rt_slot */
	uint64_t esr;   /* ESR_ELx, FAR_ELx, ELR_ELx, SPSR_ELx of the current EL */
	uint64_t far;
	uint64_t elr;
	uint64_t spsr;
};

/*
 * Guests that expect exceptions (probes) define this. Return non-zero to
 * resume at frame->elr with frame->spsr (both written back before ERET);
 * return 0 to let the runtime report the exception and exit with
 * RT_EXIT_UNEXPECTED_EXC. The runtime's default returns 0.
 */
int rt_exc_hook(struct rt_exc_frame *frame);

/*
 * Run fn(arg) one EL below the current one (EL1 -> EL0t, EL2 -> EL1h,
 * EL3 -> EL2h), AArch64 (HCR_EL2.RW / SCR_EL3.RW are set; every other
 * control, e.g. SCR_EL3.NS, is the caller's), with PSTATE.DAIF all masked,
 * on a 16 KiB stack of its own and, at EL1/EL2, rt_vectors in its VBAR.
 * Exceptions it takes go to rt_exc_hook() as usual; when fn returns, its
 * SVC/HVC/SMC #0xfe7e back is consumed by the runtime and rt_lower_call()
 * returns fn's result. Not reentrant.
 */
uint64_t rt_lower_call(uint64_t (*fn)(uint64_t), uint64_t arg);
/* Used by rt_exc_dispatch(): resumes rt_lower_call()'s caller on fn's way back. */
void rt_lower_check_return(const struct rt_exc_frame *frame);

/* The Arm ARM name of a vector slot: "Current EL with SP0, Synchronous", ... */
const char *rt_vector_name(unsigned int slot);

/* What the compiler may call even in a freestanding program. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif
