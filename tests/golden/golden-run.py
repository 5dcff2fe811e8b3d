#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Golden trace test: run one probe image on el2sim with the JSONL exception
trace and require the trace to equal the reviewed golden file, byte for byte.

    golden-run.py --el2sim EL2SIM --el N --golden GOLDEN.jsonl PROBE_ELF

The command is the one docs/trace.md documents:

    el2sim --el N --semihosting --trace exc,eret --trace-format jsonl \\
           --trace-file OUT PROBE_ELF

The probe must also pass (exit status 0): a golden of a failing probe would
record a wrong behaviour. On a mismatch the test prints a unified diff
(--- golden, +++ el2sim) and fails.

Refresh: with EL2SIM_GOLDEN_UPDATE=1 in the environment the new trace
overwrites GOLDEN (a missing golden is created) and the test passes; review
the diff before committing (docs/testing.md, "Golden traces"). The goldens
listed in from-qemu/DERIVED were derived from QEMU and are never rewritten
from el2sim's output: from-qemu/regen.sh makes them.
"""

import argparse
import difflib
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--el2sim", required=True, help="path of the el2sim executable")
    ap.add_argument("--el", type=int, choices=(1, 2, 3), required=True,
                    help="exception level to start the probe at")
    ap.add_argument("--golden", required=True, help="the reviewed JSONL trace")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("elf")
    args = ap.parse_args()
    update = os.environ.get("EL2SIM_GOLDEN_UPDATE", "") not in ("", "0")

    with tempfile.TemporaryDirectory(prefix="el2sim-golden-") as tmp:
        out = os.path.join(tmp, "trace.jsonl")
        cmd = [args.el2sim, "--el", str(args.el), "--semihosting",
               "--trace", "exc,eret", "--trace-format", "jsonl",
               "--trace-file", out, args.elf]
        print("run:", " ".join(cmd))
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f"FAIL: el2sim timed out after {args.timeout:g} s")
            return 1
        sys.stdout.write(p.stdout.decode(errors="replace"))
        if p.returncode != 0:
            print(f"FAIL: the probe exited with status {p.returncode}")
            print(p.stderr[-2048:].decode(errors="replace"))
            return 1
        try:
            with open(out, encoding="utf-8") as f:
                new = f.read()
        except OSError as e:
            print(f"FAIL: no trace written: {e}")
            return 1

    try:
        with open(args.golden, encoding="utf-8") as f:
            old = f.read()
    except FileNotFoundError:
        old = None

    if old == new:
        print(f"ok: the trace equals {args.golden} ({len(new.splitlines())} lines)")
        return 0
    derived = os.path.join(os.path.dirname(os.path.abspath(__file__)), "from-qemu", "DERIVED")
    with open(derived, encoding="utf-8") as f:
        from_qemu = {l.strip() for l in f if l.strip()}
    name = os.path.basename(args.golden)[:-len(".jsonl")]
    if update and name in from_qemu:
        print(f"FAIL: {args.golden} is derived from QEMU, not from el2sim: "
              "regenerate it with tests/golden/from-qemu/regen.sh")
        update = False
    if update:
        with open(args.golden, "w", encoding="utf-8") as f:
            f.write(new)
        print(f"updated: {args.golden} (EL2SIM_GOLDEN_UPDATE); review the diff "
              "against the probe's source and the Arm ARM before committing")
        if old is not None:
            sys.stdout.writelines(difflib.unified_diff(
                old.splitlines(keepends=True), new.splitlines(keepends=True),
                "golden", "el2sim"))
        return 0
    if old is None:
        print(f"FAIL: no golden {args.golden}; create it with "
              "EL2SIM_GOLDEN_UPDATE=1 meson test -C BUILD --suite golden, then review it")
        sys.stdout.write(new)
        return 1
    print(f"FAIL: the trace differs from {args.golden} (--- golden, +++ el2sim):")
    sys.stdout.writelines(difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True),
        "golden", "el2sim"))
    print("If the change is intended (an el2sim fix, or a changed probe, runtime or "
          "cross compiler\nmoving addresses and icounts), refresh with "
          "EL2SIM_GOLDEN_UPDATE=1 and review the new lines.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
