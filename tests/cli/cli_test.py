#!/usr/bin/env python3
"""End-to-end tests of el2sim's command line: cli_test.py EL2SIM CASE.

Every image is generated here (ELF64 per the System V gABI, EM_AARCH64 = 183,
instructions encoded per the Arm ARM, each word checked against GNU as), so
no binary is committed. Expected exit statuses come from docs/cli.md: 0 for
--help/--version, 2 for a usage or image error (one line on stderr naming
the file or option), 124 when --max-insns or --timeout stops the run, 3
when the guest is stuck, else the guest's semihosting exit code.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile
import time

RAM = 0x40000000
CODE_OFF = 0x80  # code follows the headers in the one PT_LOAD segment
UART = 0x09000000  # the PL011's window (docs/cli.md, "The board")


def elf(code, paddr=RAM, entry=None, machine=183, etype=2):
    """An ELF64 LE executable whose one PT_LOAD holds the whole file at paddr."""
    body = bytes(code)
    size = CODE_OFF + len(body)
    if entry is None:
        entry = paddr + CODE_OFF
    ehdr = struct.pack('<16sHHIQQQIHHHHHH',
                       b'\x7fELF\x02\x01\x01' + bytes(9), etype, machine, 1,
                       entry, 64, 0, 0, 64, 56, 1, 64, 0, 0)
    phdr = struct.pack('<IIQQQQQQ', 1, 5, 0, paddr, paddr, size, size, 0x1000)
    head = ehdr + phdr
    return head + bytes(CODE_OFF - len(head)) + body


def words(*ws):
    return b''.join(struct.pack('<I', w) for w in ws)


# A64 encodings (Arm ARM C6.2: ADR, MOVZ, HLT, B, MSR, ...), as GNU as gives them
def adr(rd, off):
    return 0x10000000 | ((off & 3) << 29) | (((off >> 2) & 0x7ffff) << 5) | rd


def movz_w(rd, imm):
    return 0x52800000 | (imm << 5) | rd


HLT_SEMIHOST = 0xd45e0000  # HLT #0xF000
B_SELF = 0x14000000        # B .
B_BACK1 = 0x17ffffff       # B .-4
MSR_VBAR_EL2_XZR = 0xd51cc01f
MSR_VBAR_EL2_X1 = 0xd51cc001
MOVZ_X1_UART = 0xd2a12001  # movz x1, #0x900, lsl #16: 0x0900_0000
MOVZ_X1_RAM = 0xd2a80001   # movz x1, #0x4000, lsl #16: 0x4000_0000
MOVZ_X1_1M = 0xd2a00201    # movz x1, #0x10, lsl #16: 0x0010_0000
MOV_SP_X1 = 0x9100003f     # mov sp, x1
SUB_SP_0x100 = 0xd10403ff  # sub sp, sp, #0x100
STR_X0_SP = 0xf90003e0     # str x0, [sp]
MOVZ_X0_0xF4 = 0xd2801e80  # movz x0, #0xf4
MSR_CNTHCTL_EL2_X0 = 0xd51ce100
MRS_X2_CURRENTEL = 0xd5384242
LSR_X2_2 = 0xd342fc42      # lsr x2, x2, #2
STR_X2_X1_8 = 0xf9000422   # str x2, [x1, #8]
WFE = 0xd503205f
WFI = 0xd503207f
UDF = 0x00000000           # UDF #0: UNDEFINED
ADP_STOPPED_APPLICATION_EXIT = 0x20026
SYS_READC, SYS_EXIT = 0x07, 0x18


def prog_loop():
    return words(B_SELF)


def prog_stuck():
    # VBAR_EL2 = 0: the vector is not in RAM, so every exception faults again.
    return words(MSR_VBAR_EL2_XZR, UDF)


def prog_stuck_vbar_device():
    # VBAR_EL2 in the PL011's window: fetching the vector is an External abort.
    return words(MOVZ_X1_UART, MSR_VBAR_EL2_X1, UDF)


def prog_stuck_vector_faults():
    # VBAR_EL2 = the start of RAM, all zeros but this code: the vector for a
    # synchronous exception from EL2 with SP_EL2 (VBAR + 0x200) is UDF #0.
    return words(MOVZ_X1_RAM, MSR_VBAR_EL2_X1, UDF)


def prog_stuck_handler_stack():
    """The handler pushes onto a stack with nothing behind it (SP_EL2 = 1 MiB, below RAM).

    VBAR_EL2 = RAM + 0x800 (2 KiB-aligned, as VBAR_ELx bits [10:0] are RES0);
    its current-EL-with-SP_ELx synchronous vector at + 0x200 holds the handler.
    """
    vbar_off = 0x800 - CODE_OFF  # the table's offset from the code
    code = words(MOVZ_X1_1M, MOV_SP_X1, adr(1, vbar_off - 8), MSR_VBAR_EL2_X1, UDF)
    code += bytes(vbar_off + 0x200 - len(code))
    return code + words(SUB_SP_0x100, STR_X0_SP)


def prog_wfi_forever():
    return words(WFI, B_BACK1)


def prog_wfe_event_stream():
    # CNTHCTL_EL2.EVNTEN = 1, EVNTI = 15: an event every 2^16 counts wakes each
    # WFE (Arm ARM D11.2.3), so the guest waits forever, fast-forwarded.
    return words(MOVZ_X0_0xF4, MSR_CNTHCTL_EL2_X0, WFE, B_BACK1)


def prog_readc():
    """SYS_READC: waits for a byte on stdin."""
    return words(movz_w(0, SYS_READC), HLT_SEMIHOST, B_SELF)


def prog_exit_el():
    """SYS_EXIT(ApplicationExit, CurrentEL.EL): the exit status is the EL it runs at."""
    blk = 0x20  # 8-aligned, after the 7 words and a pad word
    code = words(MRS_X2_CURRENTEL, LSR_X2_2, adr(1, blk - 8), STR_X2_X1_8,
                 movz_w(0, SYS_EXIT), HLT_SEMIHOST, B_SELF, 0)
    return code + struct.pack('<QQ', ADP_STOPPED_APPLICATION_EXIT, 0)


def prog_cmdline():
    """SYS_GET_CMDLINE, SYS_WRITE0 it and a newline, SYS_EXIT(ApplicationExit, 7)."""
    exitblk, nl, cmdblk, buf = 0x38, 0x48, 0x50, 0x60
    code = words(adr(1, cmdblk - 0x00), movz_w(0, 0x15), HLT_SEMIHOST,
                 adr(1, buf - 0x0c), movz_w(0, 0x04), HLT_SEMIHOST,
                 adr(1, nl - 0x18), movz_w(0, 0x04), HLT_SEMIHOST,
                 adr(1, exitblk - 0x24), movz_w(0, 0x18), HLT_SEMIHOST,
                 B_SELF, 0)
    code += struct.pack('<QQ', 0x20026, 7) + b'\n\0' + bytes(6)
    code += struct.pack('<QQ', RAM + CODE_OFF + buf, 256) + bytes(256)
    return code


def run(el2sim, args, **kw):
    """el2sim's run; a hang past 30 s raises TimeoutExpired (the test fails)."""
    kw.setdefault('stdin', subprocess.DEVNULL)
    kw.setdefault('timeout', 30)
    return subprocess.run([el2sim] + args, capture_output=True, text=True, **kw)


def check(cond, what, r=None):
    if not cond:
        print('FAIL:', what)
        if r is not None:
            print('status:', r.returncode)
            print('stdout:', repr(r.stdout))
            print('stderr:', repr(r.stderr))
        sys.exit(1)


def expect_usage_error(r, *names):
    check(r.returncode == 2, 'exit status 2', r)
    lines = r.stderr.splitlines()
    check(len(lines) == 1, 'exactly one line on stderr', r)
    check(lines[0].startswith('el2sim: '), 'the line starts with "el2sim: "', r)
    for n in names:
        check(n in lines[0], 'the line names ' + n, r)
    check(r.stdout == '', 'nothing on stdout', r)


def expect_bad_values(el2sim, option, values):
    """Each value of option is a usage error naming the option."""
    for v in values:
        expect_usage_error(run(el2sim, [option, v, 'x.elf']), option)
        expect_usage_error(run(el2sim, [option + '=' + v, 'x.elf']), option)


NOBODY = 65534  # uid and gid


def unprivileged(el2sim, tmp):
    """subprocess arguments that make file permissions apply to el2sim: as
    root (CI), run it as nobody, since root reads and writes whatever the
    mode bits say; skip the case (77) if nobody cannot run el2sim here."""
    if os.geteuid() != 0:
        return {}

    def drop():
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)

    os.chmod(tmp, 0o755)
    kw = {'preexec_fn': drop}
    r = run(el2sim, ['--version'], **kw)
    if r.returncode != 0:
        print('cannot run el2sim as nobody (uid %d) here: skipped' % NOBODY)
        sys.exit(77)
    return kw


def write(tmp, name, data):
    path = os.path.join(tmp, name)
    with open(path, 'wb') as f:
        f.write(data)
    return path


def expect_bad_image(el2sim, tmp, name, data, *words_):
    path = write(tmp, name, data)
    r = run(el2sim, [path])
    expect_usage_error(r, 'el2sim: ' + path + ': ', *words_)


def expect_stuck(el2sim, tmp, code, *words_):
    """Exit status 3 with one line, well before --timeout would end the run."""
    path = write(tmp, 'stuck.elf', elf(code))
    t0 = time.monotonic()
    r = run(el2sim, ['--timeout', '20', path])
    check(r.returncode == 3, 'exit status 3 (stuck)', r)
    check(time.monotonic() - t0 < 10, 'stuck detected in bounded time', r)
    lines = r.stderr.splitlines()
    check(len(lines) == 1 and lines[0].startswith('el2sim: stuck: '),
          'one line saying it is stuck', r)
    for w in words_:
        check(w in lines[0], 'the line names ' + w, r)


def expect_timeout(r, elapsed, secs):
    """Exit status 124 and one line naming --timeout, after about secs seconds."""
    check(r.returncode == 124, 'exit status 124 (--timeout)', r)
    lines = r.stderr.splitlines()
    check(len(lines) == 1 and lines[0].startswith('el2sim: stopped by --timeout after '),
          'one line naming --timeout', r)
    check(secs <= elapsed < secs + 10, 'stopped after about %g s (took %.2f s)' % (secs, elapsed),
          r)


def run_timed(el2sim, args, **kw):
    t0 = time.monotonic()
    r = run(el2sim, args, **kw)
    return r, time.monotonic() - t0


CASES = {}


def case(name):
    def register(f):
        CASES[name] = f
        return f
    return register


@case('help')
def case_help(el2sim, tmp):
    r = run(el2sim, ['--help'])
    check(r.returncode == 0, 'exit status 0', r)
    for opt in ['--el', '--mem', '--semihosting', '--max-insns', '--timeout', '--stats',
                '--trace', '--trace-file', '--trace-format', '--trace-el', '--trace-ec',
                '--no-cache', '--list-sysregs', '--help', '--version']:
        check(opt in r.stdout, '--help lists ' + opt, r)


@case('version')
def case_version(el2sim, tmp):
    r = run(el2sim, ['--version'])
    check(r.returncode == 0, 'exit status 0', r)
    check(re.fullmatch(r'el2sim \S+\n', r.stdout) is not None, 'one version line', r)


@case('list-sysregs')
def case_list_sysregs(el2sim, tmp):
    # docs/sysregs.md: one line per row, name then encoding, exit 0.
    r = run(el2sim, ['--list-sysregs'])
    check(r.returncode == 0, 'exit status 0', r)
    check(r.stderr == '', 'nothing on stderr', r)
    check('HCR_EL2  S3_4_C1_C1_0' in r.stdout, 'the HCR_EL2 line', r)
    lines = r.stdout.splitlines()
    # One line per SYSREG( row of sysregs/sysregs.def.
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, '..', '..', 'sysregs', 'sysregs.def')) as f:
        rows = sum(1 for l in f if l.startswith('SYSREG('))
    check(len(lines) == rows, f'one line per row ({len(lines)} lines, {rows} rows)', r)
    tvm = [l for l in lines if l.split()[0] == 'SCTLR_EL1']
    check(len(tvm) == 1 and 'HCR_EL2.TVM' in tvm[0] and 'HCR_EL2.TRVM' in tvm[0]
          and ' EL1 ' in tvm[0], 'SCTLR_EL1: min EL1, caught by TVM and TRVM', r)
    zva = [l for l in lines if l.split()[0] == 'DC_ZVA']
    check(len(zva) == 1 and 'S1_3_C7_C4_1' in zva[0] and 'W EL0:W' in zva[0]
          and 'SCTLR_EL1.DZE' in zva[0], 'DC_ZVA: EL0-reachable SYS op', r)


@case('bad-option')
def case_bad_option(el2sim, tmp):
    expect_usage_error(run(el2sim, ['--frobnicate', 'x.elf']), '--frobnicate')
    expect_usage_error(run(el2sim, ['-x', 'x.elf']), '-x')
    expect_usage_error(run(el2sim, ['--semihosting=yes', 'x.elf']), '--semihosting')
    expect_usage_error(run(el2sim, ['--tr', 'exc', 'x.elf']), '--tr')  # ambiguous prefix
    expect_usage_error(run(el2sim, ['x.elf', '--el']), '--el')  # missing value
    expect_usage_error(run(el2sim, []), 'image')
    expect_usage_error(run(el2sim, ['a.elf', 'b.elf']), 'b.elf')
    # A control character in what is echoed back stays inside the one line.
    expect_usage_error(run(el2sim, ['--fro\nbnicate', 'x.elf']), '--fro\\x0abnicate')


@case('bad-mem')
def case_bad_mem(el2sim, tmp):
    # docs/cli.md: decimal bytes with K, M or G (powers of 1024), 1M to 3G, a multiple of 4K.
    expect_bad_values(el2sim, '--mem', [
        '1.5G', '0', '5000', '1048577', '', '1T', '12Q', '8G', '4G', '3145732K', '1020K',
        '-1M', '+1M', ' 1M', '1MB', 'M', '99999999999999999999', '17179869184G'])
    r = run(el2sim, ['--mem', '1\n2', 'x.elf'])
    expect_usage_error(r, '--mem', "'1\\x0a2'")


@case('bad-el')
def case_bad_el(el2sim, tmp):
    expect_bad_values(el2sim, '--el', ['0', '4', 'abc', '', '2x', '-1', '02', ' 2'])


@case('bad-max-insns')
def case_bad_max_insns(el2sim, tmp):
    expect_bad_values(el2sim, '--max-insns', [
        '0', 'abc', '1e9', '-1', '', '10k', '1.5', '0x10', '18446744073709551616',
        '99999999999999999999'])


@case('bad-timeout')
def case_bad_timeout(el2sim, tmp):
    # A positive decimal number of seconds, up to 9 decimals, at most 10^9.
    expect_bad_values(el2sim, '--timeout', [
        '0', '0.0', '0.000000000', '-1', '-0.5', 'abc', '', '1e3', '.5', '1.', '1..5',
        '1.0000000001', 'inf', 'nan', '10s', '0x10', '1000000000.5', '1000000001',
        '99999999999999999999'])


@case('bad-trace')
def case_bad_trace(el2sim, tmp):
    for opt, values in (('--trace', ['bogus', '', 'exc,', ',exc', 'exc,,eret', 'EXC']),
                        ('--trace-format', ['xml', '', 'JSONL']),
                        ('--trace-el', ['4', '-1', 'x', '', '01']),
                        ('--trace-ec', ['BOGUS', '', '64', '0x40', 'HVC64,', '-1']),
                        ('--trace-file', [''])):
        for v in values:
            # with --trace, so that only the value is wrong
            args = [opt, v] if opt == '--trace' else ['--trace', 'exc', opt, v]
            expect_usage_error(run(el2sim, args + ['x.elf']), opt)


@case('trace-needs-trace')
def case_trace_needs_trace(el2sim, tmp):
    # They would be ignored without --trace: a usage error naming the first one.
    path = write(tmp, 'loop.elf', elf(prog_loop()))
    trace = os.path.join(tmp, 'trace.txt')
    for args in (['--trace-file', trace], ['--trace-format', 'jsonl'], ['--trace-el', '1'],
                 ['--trace-ec', 'HVC64']):
        r = run(el2sim, args + [path])
        expect_usage_error(r, args[0], 'needs --trace')
        check(not os.path.exists(trace), 'no trace file created', r)
        # With --trace they are fine: the run goes on to --max-insns.
        r = run(el2sim, ['--trace', 'exc', '--max-insns', '1000'] + args + [path])
        check(r.returncode == 124, 'accepted with --trace (exit status 124)', r)
        if os.path.exists(trace):
            os.unlink(trace)
    r = run(el2sim, ['--trace-el', '1', '--trace-ec', 'HVC64', path])
    expect_usage_error(r, '--trace-el')


@case('repeated-options')
def case_repeated_options(el2sim, tmp):
    # docs/cli.md: an option given twice keeps its last value.
    path = write(tmp, 'el.elf', elf(prog_exit_el()))
    for args, el in ((['--el', '1', '--el', '3'], 3), (['--el', '3', '--el', '1'], 1),
                     (['--el=3', path, '--el', '2'], 2)):
        if path not in args:
            args = args + [path]
        r = run(el2sim, ['--semihosting'] + args)
        check(r.returncode == el, 'the last --el wins: exit status %d (CurrentEL)' % el, r)
    r = run(el2sim, ['--max-insns', '1', '--max-insns', '1000', '--el', '1',
                     write(tmp, 'loop.elf', elf(prog_loop())), '--stats'])
    check(re.search(r'^el2sim: stats: insns=1000 ', r.stderr, re.M) is not None,
          'the last --max-insns wins', r)


@case('missing-file')
def case_missing_file(el2sim, tmp):
    path = os.path.join(tmp, 'nonexistent.elf')
    expect_usage_error(run(el2sim, [path]), 'el2sim: ' + path + ': ', 'No such file')
    path = os.path.join(tmp, 'no-such-dir', 'x.elf')
    expect_usage_error(run(el2sim, [path]), 'el2sim: ' + path + ': ')


@case('unreadable-file')
def case_unreadable_file(el2sim, tmp):
    kw = unprivileged(el2sim, tmp)
    path = write(tmp, 'secret.elf', elf(prog_loop()))
    os.chmod(path, 0)
    expect_usage_error(run(el2sim, [path], **kw), 'el2sim: ' + path + ': ', 'Permission denied')


@case('image-not-regular')
def case_image_not_regular(el2sim, tmp):
    fifo = os.path.join(tmp, 'fifo.elf')
    os.mkfifo(fifo)
    for path in (tmp, fifo, '/dev/null'):
        # A FIFO with no writer must not hang the open: one line, at once.
        expect_usage_error(run(el2sim, [path]), 'el2sim: ' + path + ': ', 'not a regular file')


@case('odd-file-name')
def case_odd_file_name(el2sim, tmp):
    # A file name with a newline: the message stays one line, the byte escaped.
    path = write(tmp, 'two\nlines.elf', b'#!/bin/sh\n')
    expect_usage_error(run(el2sim, [path]), 'two\\x0alines.elf', 'not an ELF')


@case('trace-file-unwritable')
def case_trace_file_unwritable(el2sim, tmp):
    image = write(tmp, 'loop.elf', elf(prog_loop()))
    for trace, why in ((os.path.join(tmp, 'nonexistent-dir', 'x'), 'No such file'),
                       ('/nonexistent-dir/x', 'No such file'),
                       (tmp, 'Is a directory'),
                       (image, 'is the image')):
        r = run(el2sim, ['--trace', 'exc', '--trace-file', trace, '--max-insns', '100', image])
        expect_usage_error(r, '--trace-file', "'" + trace + "'", why)
    with open(image, 'rb') as f:
        check(f.read() == elf(prog_loop()), 'the image is left as it was')
    kw = unprivileged(el2sim, tmp)
    ro = os.path.join(tmp, 'ro')
    os.mkdir(ro, 0o555)
    trace = os.path.join(ro, 'x')
    r = run(el2sim, ['--trace', 'exc', '--trace-file', trace, image], **kw)
    expect_usage_error(r, '--trace-file', 'Permission denied')


@case('not-elf')
def case_not_elf(el2sim, tmp):
    expect_bad_image(el2sim, tmp, 'text.elf', b'#!/bin/sh\necho hi\n', 'not an ELF')
    expect_bad_image(el2sim, tmp, 'empty.elf', b'', 'not an ELF')


@case('truncated')
def case_truncated(el2sim, tmp):
    good = elf(prog_loop())
    expect_bad_image(el2sim, tmp, 'trunc.elf', good[:40], 'truncated')
    expect_bad_image(el2sim, tmp, 'trunc-seg.elf', good[:CODE_OFF], 'end of the file')


@case('wrong-machine')
def case_wrong_machine(el2sim, tmp):
    expect_bad_image(el2sim, tmp, 'x86.elf', elf(prog_loop(), machine=62), 'machine')
    expect_bad_image(el2sim, tmp, 'dyn.elf', elf(prog_loop(), etype=3), 'ET_EXEC')


@case('segment-outside-ram')
def case_segment_outside_ram(el2sim, tmp):
    expect_bad_image(el2sim, tmp, 'low.elf', elf(prog_loop(), paddr=0x20000000), 'RAM')
    # 1M of RAM: a segment at 1M is past its end
    path = write(tmp, 'high.elf', elf(prog_loop(), paddr=RAM + 0x100000))
    expect_usage_error(run(el2sim, ['--mem', '1M', path]), path, 'RAM')


@case('segment-over-uart')
def case_segment_over_uart(el2sim, tmp):
    expect_bad_image(el2sim, tmp, 'uart.elf', elf(prog_loop(), paddr=UART, entry=RAM), 'pl011')


@case('entry-outside-ram')
def case_entry_outside_ram(el2sim, tmp):
    expect_bad_image(el2sim, tmp, 'entry.elf', elf(prog_loop(), entry=0x1000), 'entry')


@case('max-insns')
def case_max_insns(el2sim, tmp):
    path = write(tmp, 'loop.elf', elf(prog_loop()))
    r = run(el2sim, ['--max-insns', '10000', path])
    check(r.returncode == 124, 'exit status 124', r)
    check(len(r.stderr.splitlines()) == 1 and 'max-insns' in r.stderr,
          'one line about --max-insns', r)
    r = run(el2sim, ['--stats', '--max-insns', '5000', '--el', '1', path])
    check(r.returncode == 124, 'exit status 124 with --stats', r)
    check(re.search(r'^el2sim: stats: insns=5000 seconds=\d+\.\d+ mips=\d+\.\d+$',
                    r.stderr, re.M) is not None, 'the stats line', r)
    r = run(el2sim, ['--trace', 'exc', '--max-insns', '100', path])
    check(r.returncode == 124, 'exit status 124 with --trace', r)


@case('timeout-loop')
def case_timeout_loop(el2sim, tmp):
    # A guest that loops forever; with --max-insns far away, --timeout ends it.
    path = write(tmp, 'loop.elf', elf(prog_loop()))
    r, secs = run_timed(el2sim, ['--timeout', '0.5', '--max-insns', '1000000000000', path])
    expect_timeout(r, secs, 0.5)
    r, secs = run_timed(el2sim, ['--timeout=1', path])
    expect_timeout(r, secs, 1)
    # The slow loop (--trace insn) stops too; --trace-el 0 keeps the file empty.
    trace = os.path.join(tmp, 'insn.txt')
    r, secs = run_timed(el2sim, ['--timeout', '0.3', '--trace', 'insn', '--trace-el', '0',
                                 '--trace-file', trace, path])
    expect_timeout(r, secs, 0.3)


@case('timeout-wfe')
def case_timeout_wfe(el2sim, tmp):
    # A guest that waits forever in WFE, woken by the event stream each 2^16
    # counts: time is fast-forwarded, but host time still passes.
    path = write(tmp, 'wfe.elf', elf(prog_wfe_event_stream()))
    r, secs = run_timed(el2sim, ['--timeout', '0.5', path])
    expect_timeout(r, secs, 0.5)


@case('timeout-semihost-read')
def case_timeout_semihost_read(el2sim, tmp):
    # SYS_READC waits on a stdin that stays open and never delivers (the
    # pipe's write end is held here): --timeout still ends the run.
    path = write(tmp, 'readc.elf', elf(prog_readc()))
    rfd, wfd = os.pipe()
    try:
        r, secs = run_timed(el2sim, ['--semihosting', '--timeout', '0.5', path], stdin=rfd)
    finally:
        os.close(rfd)
        os.close(wfd)
    expect_timeout(r, secs, 0.5)


@case('timeout-trace')
def case_timeout_trace(el2sim, tmp):
    # The trace is flushed and its last line (docs/trace.md "end") names the timeout.
    path = write(tmp, 'loop.elf', elf(prog_loop()))
    trace = os.path.join(tmp, 'trace.jsonl')
    r, secs = run_timed(el2sim, ['--trace', 'exc,eret', '--trace-format', 'jsonl',
                                 '--trace-file', trace, '--timeout', '0.3', path])
    expect_timeout(r, secs, 0.3)
    with open(trace) as f:
        last = f.read().splitlines()[-1]
    check('"event":"end"' in last and '"reason":"timeout (--timeout)"' in last
          and '"exit_status":124' in last, 'the trace ends with an end event naming it', r)


@case('timeout-not-reached')
def case_timeout_not_reached(el2sim, tmp):
    # A guest that exits first: its own status, nothing on stderr.
    path = write(tmp, 'cmdline.elf', elf(prog_cmdline()))
    r = run(el2sim, ['--semihosting', '--timeout', '30', path])
    check(r.returncode == 7, 'the guest exit code 7', r)
    check(r.stderr == '', 'nothing on stderr', r)


@case('semihosting')
def case_semihosting(el2sim, tmp):
    path = write(tmp, 'cmdline.elf', elf(prog_cmdline()))
    r = run(el2sim, ['--semihosting', path, '--', 'one', 'two'])
    check(r.returncode == 7, 'the guest exit code 7', r)
    check(r.stdout == path + ' one two\n', 'the command line echoed', r)
    check(r.stderr == '', 'nothing on stderr', r)


@case('no-cache')
def case_no_cache(el2sim, tmp):
    # docs/cli.md: --no-cache (or EL2SIM_NO_CACHE=1) changes nothing a guest
    # or a trace can see: the same output, exit status, counts and trace;
    # --stats says which mode ran. The programs here are one page of code,
    # so the cache decodes that page once; prog_cmdline twice, because
    # SYS_GET_CMDLINE writes its buffer into the same page, which drops the
    # page's decoded instructions (docs/architecture.md, "Executing").
    cmdline = write(tmp, 'cmdline.elf', elf(prog_cmdline()))
    loop = write(tmp, 'loop.elf', elf(prog_loop()))
    stuck = write(tmp, 'stuck.elf', elf(prog_stuck()))
    env_on = dict(os.environ, EL2SIM_NO_CACHE='1')
    env_off = {k: v for k, v in os.environ.items() if k != 'EL2SIM_NO_CACHE'}
    cached = lambda n: re.compile(r'^el2sim: stats: decode cache: %d pages decoded$' % n, re.M)
    uncached = re.compile(r'^el2sim: stats: decode cache off \(--no-cache\)$', re.M)
    for pages, args in ((2, ['--semihosting', '--stats', cmdline, '--', 'one', 'two']),
                        (1, ['--stats', '--max-insns', '5000', '--el', '1', loop]),
                        (1, ['--stats', '--trace', 'exc,eret', '--trace-format', 'jsonl', stuck])):
        base = run(el2sim, args, env=env_off)
        check(cached(pages).search(base.stderr) is not None,
              'the default mode decodes %d page(s)' % pages, base)
        for how, r in (('--no-cache', run(el2sim, ['--no-cache'] + args, env=env_off)),
                       ('EL2SIM_NO_CACHE=1', run(el2sim, args, env=env_on))):
            check(uncached.search(r.stderr) is not None, '%s: --stats says the cache is off' % how, r)
            strip = lambda e: re.sub(r'seconds=\S+ mips=\S+|, \d+ exceptions/s|'
                                     r'el2sim: stats: decode cache.*\n', '', e)
            check(r.returncode == base.returncode and r.stdout == base.stdout and
                  strip(r.stderr) == strip(base.stderr),
                  '%s: the same as the default for %s' % (how, ' '.join(args)), r)
    check(base.returncode == 3, 'the stuck guest exits 3', base)
    r = run(el2sim, ['--semihosting', cmdline], env=dict(env_off, EL2SIM_NO_CACHE='0'))
    check(r.returncode == 7, 'EL2SIM_NO_CACHE=0 runs as the default', r)
    r = run(el2sim, ['--no-cache', '--stats', '--max-insns', '5000', '--el', '1', loop], env=env_off)
    check(re.search(r'^el2sim: stats: insns=5000 ', r.stderr, re.M) is not None,
          '--no-cache keeps the budget exact', r)


@case('stuck')
def case_stuck(el2sim, tmp):
    # VBAR_EL2 = 0, outside RAM: each vector fetch is an Instruction Abort.
    expect_stuck(el2sim, tmp, prog_stuck(), 'VBAR_EL2 0x0', 'EC 0x21')


@case('stuck-vbar-device')
def case_stuck_vbar_device(el2sim, tmp):
    expect_stuck(el2sim, tmp, prog_stuck_vbar_device(), 'VBAR_EL2 0x9000000', 'EC 0x21')


@case('stuck-vector-faults')
def case_stuck_vector_faults(el2sim, tmp):
    # The vector itself is UNDEFINED (EC 0x00), taken again from VBAR + 0x200.
    expect_stuck(el2sim, tmp, prog_stuck_vector_faults(), 'VBAR_EL2 0x40000000', 'EC 0x00',
                 'ELR_EL2 0x40000200')


@case('stuck-handler-stack')
def case_stuck_handler_stack(el2sim, tmp):
    # The handler's first push faults (EC 0x25, DFSC 0x10) while SP keeps
    # descending: an instruction retires each time, the same exception recurs.
    expect_stuck(el2sim, tmp, prog_stuck_handler_stack(), 'EC 0x25', 'ESR 0x96000050',
                 'ELR_EL2 0x40000a04', 'VBAR_EL2 0x40000800')


@case('stuck-wfi')
def case_stuck_wfi(el2sim, tmp):
    # WFI with no timer armed and no interrupt enabled: nothing can wake it.
    path = write(tmp, 'wfi.elf', elf(prog_wfi_forever()))
    r = run(el2sim, ['--timeout', '20', path])
    check(r.returncode == 3, 'exit status 3', r)
    check(r.stderr.startswith('el2sim: stuck: WFI at PC 0x40000080 (EL2)')
          and len(r.stderr.splitlines()) == 1, 'one line naming the WFI', r)


@case('signal')
def case_signal(el2sim, tmp):
    # SIGTERM/SIGINT end the run at an instruction boundary: exit 128 +
    # the signal, the trace flushed, its last line saying why (docs/cli.md).
    path = write(tmp, 'loop.elf', elf(prog_loop()))
    for sig, name in ((15, 'SIGTERM'), (2, 'SIGINT')):
        trace = os.path.join(tmp, 'trace-%s.jsonl' % name)
        p = subprocess.Popen([el2sim, '--trace', 'exc,eret', '--trace-format', 'jsonl',
                              '--trace-file', trace, path],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # The handlers are installed just after the trace file is opened.
        for _ in range(200):
            if os.path.exists(trace):
                break
            time.sleep(0.05)
        time.sleep(0.3)
        p.send_signal(sig)
        out, err = p.communicate(timeout=20)
        r = subprocess.CompletedProcess(p.args, p.returncode, out, err)
        check(r.returncode == 128 + sig, 'exit status %d for %s' % (128 + sig, name), r)
        with open(trace) as f:
            last = f.read().splitlines()[-1]
        check('"event":"end"' in last and name in last,
              'the trace ends with an end event naming %s' % name, r)


def main():
    el2sim, name = sys.argv[1], sys.argv[2]
    if name not in CASES:
        print('unknown case', name)
        sys.exit(2)
    with tempfile.TemporaryDirectory(prefix='el2sim-cli-') as tmp:
        CASES[name](el2sim, tmp)


if __name__ == '__main__':
    main()
