#!/usr/bin/env python3
"""The instruction storm test (docs/testing.md, "Fuzzing").

    storm-run.py EL2SIM STORM_ELF SEED

Runs guests/storm twice with the same seed under
`el2sim --el 2 --semihosting --stats` and passes when both runs exit 0
within the time limit, print the same "storm:" line (the hash of the random
code's registers and memory) and run at least MIN_RANDOM random words at EL0
and EL1, the random code's ELs, and retire MIN_TOTAL instructions in all.
A random word run either retires (--stats "insns at EL0/EL1") or takes a
synchronous exception instead ("EL0 -> EL1 UNKNOWN ...", less the classes
of instructions that retire and then take their exception: SVC, HVC, SMC;
instruction aborts and PC alignment faults, where no word was fetched; and
IRQ, FIQ and SError, which are not instructions).
"""
import re
import subprocess
import sys

TIMEOUT = 120
MIN_RANDOM = 2_000_000
MIN_TOTAL = 20_000_000
RETIRE_THEN_TRAP = ("SVC64", "HVC64", "SMC64", "SVC32", "HVC32", "SMC32")
NOT_RUN = ("IABT_LOW", "IABT_CUR", "PC_ALIGN", "IRQ/FIQ", "SERROR")


def run(el2sim, elf, seed):
    cmd = [el2sim, "--el", "2", "--semihosting", "--stats", elf, "--", seed]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        sys.exit(f"storm: FAIL: no exit within {TIMEOUT} s (a hang): {' '.join(cmd)}")
    sys.stderr.write(p.stderr[-4000:])
    if p.returncode != 0:
        sys.exit(f"storm: FAIL: exit status {p.returncode}\n{p.stdout}")
    line = [l for l in p.stdout.splitlines() if l.startswith("storm:")]
    if len(line) != 1:
        sys.exit(f"storm: FAIL: no result line\n{p.stdout}")
    insns = {el: int(n) for el, n in re.findall(r"insns at EL(\d): (\d+)", p.stderr)}
    faulted = sum(int(n) for frm, cls, n in
                  re.findall(r"stats: EL(\d) -> EL\d (\S+)\s+(\d+)", p.stderr)
                  if frm in "01" and cls not in RETIRE_THEN_TRAP + NOT_RUN)
    total = re.search(r"stats: insns=(\d+)", p.stderr)
    if not total:
        sys.exit("storm: FAIL: no --stats output")
    return line[0], insns.get("0", 0) + insns.get("1", 0) + faulted, int(total.group(1))


def main():
    el2sim, elf, seed = sys.argv[1:4]
    first = run(el2sim, elf, seed)
    second = run(el2sim, elf, seed)
    print(first[0])
    print(f"storm: {first[1]} random words run at EL0/EL1, {first[2]} instructions in all")
    if first != second:
        sys.exit(f"storm: FAIL: not deterministic:\n  {first}\n  {second}")
    if first[1] < MIN_RANDOM or first[2] < MIN_TOTAL:
        sys.exit(f"storm: FAIL: fewer than {MIN_RANDOM} random words or {MIN_TOTAL} instructions")
    print("storm: PASS")


if __name__ == "__main__":
    main()
