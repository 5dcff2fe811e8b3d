/*
 * Semihosting. Operation numbers, parameter blocks and results come from
 * "Semihosting for AArch32 and AArch64" (Arm, chapter "Semihosting
 * operations"; on AArch64 each block field is 64 bits); time values from
 * the deterministic time base in DESIGN.md (CPU_COUNTER_HZ ticks, one per
 * retired instruction).
 */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "semihost.h"

#define BLOCK   0x40080000ull /* parameter blocks */
#define BUF     0x40090000ull /* strings and buffers */
#define RAM_END (TH_RAM_BASE + TH_RAM_SIZE)

static struct cpu *cpu;
static struct semihost sh;
static int in_w, out_r, err_r;
static int in_r, out_w, err_w;

static int setup(void **state)
{
	int in[2], out[2], err[2];
	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(err), 0);
	in_r = in[0], in_w = in[1], out_r = out[0], out_w = out[1], err_r = err[0], err_w = err[1];
	fcntl(out_r, F_SETFL, O_NONBLOCK);
	fcntl(err_r, F_SETFL, O_NONBLOCK);
	cpu = th_cpu(2);
	semihost_init(&sh, in_r, out_w, err_w, "img.elf a b", 0x40001001, TH_RAM_BASE, TH_RAM_SIZE);
	return 0;
}

static int teardown(void **state)
{
	th_free(cpu);
	close(in_r), close(in_w), close(out_r), close(out_w), close(err_r), close(err_w);
	return 0;
}

/* Call operation op with X1 = param; returns X0 after the call. */
static uint64_t call(uint32_t op, uint64_t param)
{
	cpu->x[0] = op;
	cpu->x[1] = param;
	assert_int_equal(semihost_call(&sh, cpu), EXEC_NEXT);
	assert_int_equal(cpu->x[1], param); /* X1 is preserved */
	return cpu->x[0];
}

static void block(uint64_t a, uint64_t b, uint64_t c)
{
	th_write64(cpu, BLOCK, a);
	th_write64(cpu, BLOCK + 8, b);
	th_write64(cpu, BLOCK + 16, c);
}

static void put_string(uint64_t pa, const char *s)
{
	memcpy(th_ram(cpu, pa), s, strlen(s) + 1);
}

/* What the host side received on fd (non-blocking), as a string. */
static const char *drain(int fd)
{
	static char buf[2048];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

static uint64_t sys_errno(void)
{
	return call(SYS_ERRNO, 0);
}

static void test_writec(void **state)
{
	put_string(BUF, "Z");
	call(0x03, BUF);
	assert_string_equal(drain(out_r), "Z");
}

static void test_write0(void **state)
{
	char s[701];
	memset(s, 'x', 700);
	s[700] = 0;
	s[0] = '<';
	s[699] = '>';
	put_string(BUF, s);
	call(0x04, BUF);
	assert_string_equal(drain(out_r), s);
	put_string(BUF, "");
	call(0x04, BUF);
	assert_string_equal(drain(out_r), "");
}

static void test_write(void **state)
{
	put_string(BUF, "hello, world");
	block(1, BUF, 5); /* handle 1: stdout */
	assert_int_equal(call(0x05, BLOCK), 0);
	assert_string_equal(drain(out_r), "hello");
	block(2, BUF + 7, 5); /* handle 2: stderr */
	assert_int_equal(call(0x05, BLOCK), 0);
	assert_string_equal(drain(err_r), "world");
	block(9, BUF, 5); /* no such handle: nothing written */
	assert_int_equal(call(0x05, BLOCK), 5);
	assert_int_equal(sys_errno(), EBADF);
	block(1, BUF, 0);
	assert_int_equal(call(0x05, BLOCK), 0);
}

static void test_write_bad_buffer(void **state)
{
	/* SYS_WRITE returns the bytes not written (docs/cli.md); el2sim copies in
	 * 4 KiB pieces and stops at the first one that is not all RAM. */
	block(1, RAM_END - 4, 8); /* runs off the end of RAM: nothing written */
	assert_int_equal(call(0x05, BLOCK), 8);
	assert_int_equal(sys_errno(), EFAULT);
	block(1, UINT64_MAX - 2, 16); /* wraps around: nothing written */
	assert_int_equal(call(0x05, BLOCK), 16);
	block(1, RAM_END - 0x2000, UINT64_MAX); /* huge length: 8K written, then a fault */
	assert_int_equal(call(0x05, BLOCK), UINT64_MAX - 0x2000);
	drain(out_r);
}

static void test_readc(void **state)
{
	assert_int_equal(write(in_w, "qr", 2), 2);
	assert_int_equal(call(0x07, 0), 'q');
	assert_int_equal(call(0x07, 0), 'r');
	close(in_w);
	in_w = open("/dev/null", O_WRONLY);
	assert_int_equal(call(0x07, 0), UINT64_MAX); /* end of input */
}

static void test_read(void **state)
{
	assert_int_equal(write(in_w, "abc", 3), 3);
	memset(th_ram(cpu, BUF), '.', 8);
	block(0, BUF, 8);                       /* handle 0: stdin */
	assert_int_equal(call(0x06, BLOCK), 5); /* bytes not filled */
	assert_memory_equal(th_ram(cpu, BUF), "abc.....", 8);
	block(1, BUF, 8); /* stdout cannot be read */
	assert_int_equal(call(0x06, BLOCK), UINT64_MAX);
	assert_int_equal(sys_errno(), EBADF);
}

static void test_open_close_istty(void **state)
{
	put_string(BUF, ":tt");
	block(BUF, 0, 3); /* "r" */
	assert_int_equal(call(0x01, BLOCK), 3);
	block(BUF, 4, 3); /* "w" */
	assert_int_equal(call(0x01, BLOCK), 1);
	block(BUF, 8, 3); /* "a" */
	assert_int_equal(call(0x01, BLOCK), 2);
	block(BUF, 12, 3); /* no such mode */
	assert_int_equal(call(0x01, BLOCK), UINT64_MAX);
	put_string(BUF, "/etc/passwd");
	block(BUF, 0, 11);
	assert_int_equal(call(0x01, BLOCK), UINT64_MAX);
	assert_int_equal(sys_errno(), ENOENT);
	block(RAM_END, 0, 3);
	assert_int_equal(call(0x01, BLOCK), UINT64_MAX);

	block(1, 0, 0);
	assert_int_equal(call(0x09, BLOCK), 1); /* SYS_ISTTY */
	assert_int_equal(call(0x02, BLOCK), 0); /* SYS_CLOSE */
	block(42, 0, 0);
	assert_int_equal(call(0x09, BLOCK), UINT64_MAX);
	assert_int_equal(call(0x02, BLOCK), UINT64_MAX);
	assert_int_equal(sys_errno(), EBADF);
}

static void test_iserror(void **state)
{
	block(UINT64_MAX, 0, 0); /* -1 */
	assert_true(call(0x08, BLOCK) != 0);
	block(0, 0, 0);
	assert_int_equal(call(0x08, BLOCK), 0);
	block(7, 0, 0);
	assert_int_equal(call(0x08, BLOCK), 0);
}

static void test_time(void **state)
{
	cpu->icount = 250000000;                    /* 2.5 s at 100 MHz */
	assert_int_equal(call(0x10, 0), 250);       /* SYS_CLOCK: centiseconds */
	assert_int_equal(call(0x11, 0), 2);         /* SYS_TIME: seconds */
	assert_int_equal(call(0x31, 0), 100000000); /* SYS_TICKFREQ */
	cpu->icount = 0x123456789ull;
	assert_int_equal(call(0x30, BLOCK), 0); /* SYS_ELAPSED: low word, then high word */
	assert_int_equal(*(uint32_t *)th_ram(cpu, BLOCK), 0x23456789);
	assert_int_equal(*(uint32_t *)th_ram(cpu, BLOCK + 4), 0x1);
	assert_int_equal(call(0x30, RAM_END - 4), UINT64_MAX);
	/* Time spent waiting in WFI/WFE counts too, as in CNTPCT_EL0. */
	cpu->icount = 200000000;
	cpu->idle_ticks = 50000000;
	assert_int_equal(call(0x10, 0), 250);
	cpu->idle_ticks = 0;
}

static void test_get_cmdline(void **state)
{
	block(BUF, 64, 0);
	assert_int_equal(call(0x15, BLOCK), 0);
	assert_string_equal((char *)th_ram(cpu, BUF), "img.elf a b");
	assert_int_equal(th_read64(cpu, BLOCK + 8), 11); /* length without the NUL */
	block(BUF, 11, 0);                               /* no room for the NUL */
	assert_int_equal(call(0x15, BLOCK), UINT64_MAX);
	block(RAM_END - 4, 64, 0);
	assert_int_equal(call(0x15, BLOCK), UINT64_MAX);
}

static void test_heapinfo(void **state)
{
	th_write64(cpu, BLOCK, BUF); /* X1 -> pointer -> the four-field block */
	semihost_init(&sh, in_r, out_w, err_w, "", 0x40001001, 0x40000000, 512ull << 20);
	call(0x16, BLOCK);
	assert_int_equal(th_read64(cpu, BUF), 0x40001010);      /* heap base: image end */
	assert_int_equal(th_read64(cpu, BUF + 8), 0x5ff00000);  /* heap limit */
	assert_int_equal(th_read64(cpu, BUF + 16), 0x60000000); /* stack base: top of RAM */
	assert_int_equal(th_read64(cpu, BUF + 24), 0x5ff00000); /* 1 MiB of stack */
	/* Little room: the stack gets at most half of what is free. */
	semihost_init(&sh, in_r, out_w, err_w, "", 0x400f0000, 0x40000000, 1u << 20);
	call(0x16, BLOCK);
	assert_int_equal(th_read64(cpu, BUF), 0x400f0000);
	assert_int_equal(th_read64(cpu, BUF + 8), 0x400f8000);
	assert_int_equal(th_read64(cpu, BUF + 16), 0x40100000);
	assert_int_equal(th_read64(cpu, BUF + 24), 0x400f8000);
	th_write64(cpu, BLOCK, RAM_END - 8);
	assert_int_equal(call(0x16, BLOCK), UINT64_MAX);
	assert_int_equal(call(0x16, 0), UINT64_MAX);
}

static void test_exit(void **state)
{
	block(0x20026, 42, 0); /* ADP_Stopped_ApplicationExit, status 42 */
	cpu->x[0] = 0x18;
	cpu->x[1] = BLOCK;
	assert_int_equal(semihost_call(&sh, cpu), EXEC_STOP);
	assert_int_equal(cpu->stop, STOP_EXIT);
	assert_int_equal(cpu->exit_code, 42);

	block(0x20023, 0, 0); /* ADP_Stopped_RunTimeErrorUnknown: a failure */
	cpu->x[0] = 0x18;
	assert_int_equal(semihost_call(&sh, cpu), EXEC_STOP);
	assert_int_equal(cpu->exit_code, 1);

	block(0x20026, 3, 0);
	cpu->x[0] = 0x20; /* SYS_EXIT_EXTENDED */
	assert_int_equal(semihost_call(&sh, cpu), EXEC_STOP);
	assert_int_equal(cpu->exit_code, 3);
}

static void test_exit_bad_block(void **state)
{
	cpu->stop = STOP_NONE;
	assert_int_equal(call(0x18, RAM_END - 8), UINT64_MAX);
	assert_int_equal(cpu->stop, STOP_NONE);
}

static void test_unknown_and_bad_pointers(void **state)
{
	assert_int_equal(call(0x99, 0), UINT64_MAX);
	assert_int_equal(sys_errno(), ENOSYS);
	assert_int_equal(call(0x12, BLOCK), UINT64_MAX); /* SYS_SYSTEM: not offered */
	assert_int_equal(call(0x03, 0), UINT64_MAX);
	assert_int_equal(sys_errno(), EFAULT);
	assert_int_equal(call(0x04, UINT64_MAX), UINT64_MAX);
	memset(th_ram(cpu, RAM_END - 4), 'y', 4); /* unterminated up to the end of RAM */
	assert_int_equal(call(0x04, RAM_END - 4), UINT64_MAX);
	assert_string_equal(drain(out_r), "yyyy");
	for (uint32_t op = 1; op < 0x40; op++) /* no operation crashes on a wild X1 */
		if (op != 0x07 && op != 0x06 && op != 0x18 && op != 0x20)
			call(op, 0xdead000000000000ull);
	drain(out_r);
}

static void test_operation_is_w0(void **state)
{
	cpu->x[0] = 0xffffffff00000031ull; /* SYS_TICKFREQ in W0 */
	cpu->x[1] = 0;
	assert_int_equal(semihost_call(&sh, cpu), EXEC_NEXT);
	assert_int_equal(cpu->x[0], 100000000);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	        T(test_writec),
	        T(test_write0),
	        T(test_write),
	        T(test_write_bad_buffer),
	        T(test_readc),
	        T(test_read),
	        T(test_open_close_istty),
	        T(test_iserror),
	        T(test_time),
	        T(test_get_cmdline),
	        T(test_heapinfo),
	        T(test_exit),
	        T(test_exit_bad_block),
	        T(test_unknown_and_bad_pointers),
	        T(test_operation_is_w0),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
