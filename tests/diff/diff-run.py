#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential test: run one program as an AArch64 ELF and as a host binary
built from the same source, and require the same stdout, byte for byte, and
the same exit status.

    diff-run.py --el2sim EL2SIM [--el N] ELF HOST_EXE
    diff-run.py --qemu QEMU [--el N] ELF HOST_EXE
    diff-run.py --el2sim EL2SIM|--qemu QEMU [--el N] PROBE_ELF

Without HOST_EXE the ELF is a probe (guests/probes/): it passes when it exits
with status 0. With --qemu the ELF runs under qemu-system-aarch64 instead (the independent
oracle for the guest runtime); exit status 77 (skipped) if QEMU is missing.
"""

import argparse
import difflib
import shutil
import subprocess
import sys

from qemu_virt import qemu_command  # beside this file: one command line with bench/

SKIP = 77


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or b"", e.stderr or b""
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sim = ap.add_mutually_exclusive_group(required=True)
    sim.add_argument("--el2sim", help="path of the el2sim executable")
    sim.add_argument("--qemu", help="qemu-system-aarch64 (name or path)")
    ap.add_argument("--el", type=int, choices=(1, 2, 3),
                    help="exception level to start the guest at")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("elf")
    ap.add_argument("host_exe", nargs="?")
    args = ap.parse_args()

    if args.qemu:
        qemu = shutil.which(args.qemu)
        if not qemu:
            print(f"skip: {args.qemu} not found")
            return SKIP
        cmd = qemu_command(qemu, args.el or 1, args.elf)
    else:
        cmd = [args.el2sim, "--semihosting"]
        if args.el:
            cmd += ["--el", str(args.el)]
        cmd.append(args.elf)

    print("guest:", " ".join(cmd))
    g_rc, g_out, g_err = run(cmd, args.timeout)
    if args.host_exe is None:  # a probe
        sys.stdout.write(g_out.decode(errors="replace"))
        if g_rc == 0:
            print("ok: the probe passed")
            return 0
        print(f"FAIL: the probe exited with status {g_rc}")
        print(g_err[-2048:].decode(errors="replace"))
        return 1
    print("host: ", args.host_exe)
    h_rc, h_out, _ = run([args.host_exe], args.timeout)

    ok = True
    if g_rc is None:
        print(f"FAIL: the guest run timed out after {args.timeout:g} s")
        ok = False
    elif g_rc != h_rc:
        print(f"FAIL: exit status: guest {g_rc}, host {h_rc}")
        ok = False
    if g_out != h_out:
        print("FAIL: stdout differs (--- host, +++ guest):")
        diff = difflib.unified_diff(
            h_out.decode(errors="replace").splitlines(keepends=True),
            g_out.decode(errors="replace").splitlines(keepends=True),
            "host", "guest", n=2)
        sys.stdout.writelines(list(diff)[:200])
        ok = False
    if not h_out:
        print("FAIL: the host program printed nothing: nothing was compared")
        ok = False
    if not ok and g_err:
        print("guest stderr (last 2 KiB):")
        print(g_err[-2048:].decode(errors="replace"))
    if ok:
        print(f"ok: {len(h_out)} bytes of stdout and exit status {h_rc} match")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
