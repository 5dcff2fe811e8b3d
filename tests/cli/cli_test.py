#!/usr/bin/env python3
"""End-to-end tests of el2sim's command line: cli_test.py EL2SIM CASE.

Every image is generated here (ELF64 per the System V gABI, EM_AARCH64 = 183,
instructions encoded per the Arm ARM), so no binary is committed. Expected
exit statuses come from docs/cli.md: 0 for --help/--version, 2 for a usage
or image error (one line on stderr naming the file or option), 124 when
--max-insns is reached, 3 when the guest is stuck, else the guest's
semihosting exit code.
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


# A64 encodings (Arm ARM C6.2: ADR, MOVZ, HLT, B, MSR)
def adr(rd, off):
    return 0x10000000 | ((off & 3) << 29) | (((off >> 2) & 0x7ffff) << 5) | rd


def movz_w(rd, imm):
    return 0x52800000 | (imm << 5) | rd


HLT_SEMIHOST = 0xd45e0000  # HLT #0xF000
B_SELF = 0x14000000        # B .
MSR_VBAR_EL2_XZR = 0xd51cc01f
UDF = 0x00000000           # UDF #0: UNDEFINED


def prog_loop():
    return words(B_SELF)


def prog_stuck():
    # VBAR_EL2 = 0: the vector is not in RAM, so every exception faults again.
    return words(MSR_VBAR_EL2_XZR, UDF)


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
    return subprocess.run([el2sim] + args, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60, **kw)


def check(cond, what, r):
    if not cond:
        print('FAIL:', what)
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


def expect_bad_image(el2sim, tmp, name, data, *words_):
    path = os.path.join(tmp, name)
    with open(path, 'wb') as f:
        f.write(data)
    r = run(el2sim, [path])
    expect_usage_error(r, 'el2sim: ' + path + ': ', *words_)


def main():
    el2sim, case = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix='el2sim-cli-')
    good = elf(prog_loop())

    if case == 'help':
        r = run(el2sim, ['--help'])
        check(r.returncode == 0, 'exit status 0', r)
        for opt in ['--el', '--mem', '--semihosting', '--max-insns', '--stats',
                    '--trace', '--trace-file', '--trace-format', '--list-sysregs', '--help',
                    '--version']:
            check(opt in r.stdout, '--help lists ' + opt, r)
    elif case == 'version':
        r = run(el2sim, ['--version'])
        check(r.returncode == 0, 'exit status 0', r)
        check(re.fullmatch(r'el2sim \S+\n', r.stdout) is not None, 'one version line', r)
    elif case == 'list-sysregs':
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
    elif case == 'bad-option':
        expect_usage_error(run(el2sim, ['--frobnicate', 'x.elf']), '--frobnicate')
        expect_usage_error(run(el2sim, ['--el', '4', 'x.elf']), '--el')
        expect_usage_error(run(el2sim, ['--mem', '12Q', 'x.elf']), '--mem')
        expect_usage_error(run(el2sim, ['--mem', '8G', 'x.elf']), '--mem')
        expect_usage_error(run(el2sim, ['--max-insns', '-1', 'x.elf']), '--max-insns')
        expect_usage_error(run(el2sim, ['--trace', 'bogus', 'x.elf']), '--trace')
        expect_usage_error(run(el2sim, ['--trace-format', 'xml', 'x.elf']), '--trace-format')
        expect_usage_error(run(el2sim, ['x.elf', '--el']), '--el')
        expect_usage_error(run(el2sim, []), 'image')
        expect_usage_error(run(el2sim, ['a.elf', 'b.elf']), 'b.elf')
    elif case == 'missing-file':
        path = os.path.join(tmp, 'nonexistent.elf')
        expect_usage_error(run(el2sim, [path]), 'el2sim: ' + path + ': ')
    elif case == 'not-elf':
        expect_bad_image(el2sim, tmp, 'text.elf', b'#!/bin/sh\necho hi\n', 'not an ELF')
        expect_bad_image(el2sim, tmp, 'empty.elf', b'', 'not an ELF')
    elif case == 'truncated':
        expect_bad_image(el2sim, tmp, 'trunc.elf', good[:40], 'truncated')
        expect_bad_image(el2sim, tmp, 'trunc-seg.elf', good[:CODE_OFF], 'end of the file')
    elif case == 'wrong-machine':
        expect_bad_image(el2sim, tmp, 'x86.elf', elf(prog_loop(), machine=62), 'machine')
        expect_bad_image(el2sim, tmp, 'dyn.elf', elf(prog_loop(), etype=3), 'ET_EXEC')
    elif case == 'segment-outside-ram':
        expect_bad_image(el2sim, tmp, 'low.elf', elf(prog_loop(), paddr=0x20000000), 'RAM')
        # 1M of RAM: a segment at 1M is past its end
        path = os.path.join(tmp, 'high.elf')
        with open(path, 'wb') as f:
            f.write(elf(prog_loop(), paddr=RAM + 0x100000))
        expect_usage_error(run(el2sim, ['--mem', '1M', path]), path, 'RAM')
    elif case == 'segment-over-uart':
        expect_bad_image(el2sim, tmp, 'uart.elf', elf(prog_loop(), paddr=0x09000000,
                                                      entry=RAM), 'pl011')
    elif case == 'entry-outside-ram':
        expect_bad_image(el2sim, tmp, 'entry.elf', elf(prog_loop(), entry=0x1000), 'entry')
    elif case == 'max-insns':
        path = os.path.join(tmp, 'loop.elf')
        with open(path, 'wb') as f:
            f.write(good)
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
    elif case == 'semihosting':
        path = os.path.join(tmp, 'cmdline.elf')
        with open(path, 'wb') as f:
            f.write(elf(prog_cmdline()))
        r = run(el2sim, ['--semihosting', path, '--', 'one', 'two'])
        check(r.returncode == 7, 'the guest exit code 7', r)
        check(r.stdout == path + ' one two\n', 'the command line echoed', r)
        check(r.stderr == '', 'nothing on stderr', r)
    elif case == 'stuck':
        path = os.path.join(tmp, 'stuck.elf')
        with open(path, 'wb') as f:
            f.write(elf(prog_stuck()))
        r = run(el2sim, ['--max-insns', '100000000', path])
        check(r.returncode == 3, 'exit status 3', r)
        line = r.stderr.strip()
        check('stuck' in line and 'VBAR_EL2 0x0' in line and '\n' not in line,
              'one line naming the exception, ELR and VBAR', r)
    elif case == 'signal':
        # SIGTERM/SIGINT end the run at an instruction boundary: exit 128 +
        # the signal, the trace flushed, its last line saying why (docs/cli.md).
        path = os.path.join(tmp, 'loop.elf')
        with open(path, 'wb') as f:
            f.write(good)
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
    else:
        print('unknown case', case)
        sys.exit(2)


if __name__ == '__main__':
    main()
