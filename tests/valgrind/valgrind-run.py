#!/usr/bin/env python3
"""Run el2sim under valgrind's memcheck (suite 'valgrind', docs/testing.md).

    valgrind-run.py VALGRIND EL2SIM STATUS [--image KIND] -- EL2SIM-ARGS...

Passes when el2sim exits with STATUS and memcheck reports no error: no
invalid read or write, no use of uninitialised memory, no leak (definite,
indirect or possible), no bad free. --image KIND generates the image (as
tests/cli/cli_test.py does; appended after the arguments): 'loop' (B .)
or 'truncated' (an ELF header cut short). VALGRIND empty: skipped (77).
"""
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'cli'))
import cli_test  # noqa: E402  (the image generators)

VALGRIND_ERROR = 99
MEMCHECK = ['--error-exitcode=%d' % VALGRIND_ERROR, '--leak-check=full',
            '--errors-for-leak-kinds=definite,indirect,possible',
            '--show-leak-kinds=definite,indirect,possible', '--track-origins=yes', '-q']


def image(kind, tmp):
    data = {'loop': lambda: cli_test.elf(cli_test.prog_loop()),
            'truncated': lambda: cli_test.elf(cli_test.prog_loop())[:40]}[kind]()
    path = os.path.join(tmp, kind + '.elf')
    with open(path, 'wb') as f:
        f.write(data)
    return path


def main():
    valgrind, el2sim, status = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rest = sys.argv[4:]
    if not valgrind:
        print('valgrind not found: skipped')
        sys.exit(77)
    kind = None
    if rest[:1] == ['--image']:
        kind, rest = rest[1], rest[2:]
    assert rest[:1] == ['--'], 'usage: see the docstring'
    args = rest[1:]
    with tempfile.TemporaryDirectory(prefix='el2sim-valgrind-') as tmp:
        if kind:
            args.append(image(kind, tmp))
        cmd = [valgrind] + MEMCHECK + [el2sim] + args
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, timeout=600)
    # memcheck's own lines start with ==PID==; el2sim's are kept for the log too
    print('$', ' '.join(cmd))
    print(r.stderr[-20000:])
    if r.returncode == VALGRIND_ERROR:
        print('FAIL: memcheck found errors (above)')
        sys.exit(1)
    if r.returncode != status:
        print('FAIL: exit status %d, want %d' % (r.returncode, status))
        sys.exit(1)


if __name__ == '__main__':
    main()
