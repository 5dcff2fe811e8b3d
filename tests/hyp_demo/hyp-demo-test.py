#!/usr/bin/env python3
"""The hypervisor demo as a test (issue 8): boot hyp.elf, which carries two
guest OSes, on el2sim and check what both guests and the hypervisor say, and
invariants over the whole JSONL exception trace.

    hyp-demo-test.py --el2sim EL2SIM --el N HYP_ELF
    hyp-demo-test.py --el2sim EL2SIM --golden BOOT.jsonl --max-insns N HYP_ELF

The first form runs the demo to its end. The second runs its first N
instructions and compares the trace's first events, as many as the golden
holds, with that reviewed golden (boot, the first hypercalls, the trapped
SMC, the first emulated UART accesses), byte for byte (without icount).

Expected values come from the guests' own arithmetic (recomputed here), the
Arm ARM (ESR classes and the controls that route them) and hyp/'s design
(docs/hypervisor.md), never from el2sim's output.
"""

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile

# Vector offsets hyp/ and the guests may take (Arm ARM D1.10.2, "Exception
# vectors"): to EL2 only exits from the guests (0x400 sync, 0x480 IRQ;
# hyp idles with interrupts masked, so never takes 0x280); to EL1 a guest's own exceptions from
# EL1 (0x200, 0x280) and from EL0 (0x400, 0x480). Anything else (SP_EL0
# slots, AArch32 slots, FIQ, SError, a synchronous exception at EL2) is a
# bug: hyp/'s vectors report it and exit 0x7e.
ALLOWED_OFFSETS = {2: {"0x400", "0x480"}, 1: {"0x200", "0x280", "0x400", "0x480"}}

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(cmd, timeout):
    print("run:", " ".join(cmd))
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)


def primes_below(n):
    sieve = bytearray([1]) * n
    sieve[0:2] = b"\0\0"
    for i in range(2, int(n ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytearray(len(sieve[i * i::i]))
    return [i for i in range(n) if sieve[i]]


def check_console(out):
    # rr-os: two EL0 tasks; "sum" adds i*i for i < 300000.
    want_sum = sum(i * i for i in range(300000))
    check(f"[vm0 rr-os] sum of i*i, i < 300000: {want_sum} (correct)" in out,
          "rr-os's sum task printed the right sum")
    check(re.search(r"^\[vm0 rr-os\] rr-os: all tasks done .*: PASS$", out, re.M),
          "rr-os finished its tasks")
    # primes: a sieve below 50000.
    p = primes_below(50000)
    check(f"[vm1 primes] sieve: {len(p)} primes, the largest {p[-1]}" in out,
          f"primes counted {len(p)} primes, the largest {p[-1]}")
    check(re.search(r"^\[vm1 primes\] primes: .*: PASS$", out, re.M), "primes passed its checks")
    check("[vm1 primes] check " in out and " FAIL" not in out, "no guest check failed")
    # Guest mistakes reported back into the guest, the other guest unaffected.
    check("vm1 primes: read from IPA 0x44000000 outside its memory" in out,
          "hyp injected an abort for vm1's access to vm0's physical memory")
    check("UNDEFINED injected" in out, "hyp injected UNDEFINED for an unknown hypercall")
    for vm in ("vm0 rr-os", "vm1 primes"):
        check(f"[hyp] {vm}: PSCI SYSTEM_OFF, exit status 0" in out, f"{vm} powered off with 0")
        m = re.search(rf"^\[hyp\] {vm}: irqs: time slice (\d+), vtimer injected (\d+)", out, re.M)
        check(m and int(m.group(1)) > 0 and int(m.group(2)) > 0,
              f"{vm} was preempted by the EL2 timer and got virtual timer interrupts")
    check("both guests finished their work: exit 0" in out, "hyp's verdict")


def check_trace(events):
    excs = [e for e in events if e["event"] == "exception"]
    erets = [e for e in events if e["event"] == "eret"]
    check(excs and erets, "the trace has exceptions and returns")
    # Exceptions waiting for their return, by (the EL that took it, ELR):
    # the EL they came from. An ERET to ELR (or ELR + 4, an instruction
    # hyp emulated or skipped) from that EL is their return.
    waiting = {}
    paired = 0
    for e in events:
        if e["event"] == "exception":
            to = e["to_el"]
            check(e["vector_offset"] in ALLOWED_OFFSETS.get(to, set()),
                  f"seq {e['seq']}: vector offset {e['vector_offset']} at EL{to} is expected")
            if e["ec_name"] == "WFx":
                check(e["from_el"] == 1 and to == 2 and e["ec"] == "0x1" and
                      e["cause"] == "HCR_EL2.TWI",
                      f"seq {e['seq']}: a WFI from EL1 traps to EL2 by HCR_EL2.TWI")
            if e["ec_name"] in ("HVC64", "SMC64"):
                check(e["insn"] in ("hvc #0", "smc #0"),
                      f"seq {e['seq']}: the trace shows the guest's own instruction")
            if e["ec_name"] == "SMC64":
                check(e["cause"] == "HCR_EL2.TSC", f"seq {e['seq']}: SMC trapped by TSC")
            if e["ec_name"] == "DABT_LOW":
                check(e["cause"] == "stage 2 (HCR_EL2.VM)", f"seq {e['seq']}: stage-2 abort")
            waiting.setdefault((to, int(e["elr"], 16)), []).append((e["from_el"], e["seq"]))
        else:
            check(not e["illegal"], f"seq {e['seq']}: legal exception return")
            check(e["to_el"] < e["from_el"] or (e["from_el"] == 1 and e["to_el"] == 1),
                  f"seq {e['seq']}: ERET goes down (or EL1 to EL1)")
            pc = int(e["pc"], 16)
            for key in ((e["from_el"], pc), (e["from_el"], pc - 4)):
                if waiting.get(key):
                    want, _ = waiting[key].pop()
                    paired += 1
                    check(e["to_el"] == want,
                          f"seq {e['seq']}: the ERET returns to EL{want}, which took the exception")
                    break
    # The exceptions that never return to where they came from, by the
    # guests' design: the 3 that hyp answers by injecting an exception into
    # primes (two data aborts, one UNDEFINED: the ERET goes to VBAR_EL1), each
    # guest's PSCI SYSTEM_OFF (2), rr-os's two EL0 tasks' exit calls and
    # primes's two EL0 applications' final calls (4). Nothing else.
    open_ones = [(k, v) for k, vs in waiting.items() for v in vs]
    check(len(open_ones) == 9, f"{paired} of {len(excs)} exceptions paired with their ERET; "
          f"unpaired: {open_ones}")
    intids = {}
    for e in excs:
        if e["type"] == "irq":
            key = (e["to_el"], e.get("intid"))
            intids[key] = intids.get(key, 0) + 1
    check(intids.get((2, 26), 0) > 0, "CNTHP (INTID 26) time slices reached EL2")
    check(intids.get((1, 27), 0) > 0, "virtual timer vIRQs (INTID 27) were taken at EL1")
    check(intids.get((2, 25), 0) > 0, "maintenance interrupts (INTID 25) reached EL2")
    check(sum(1 for e in excs if e["ec_name"] == "SVC64" and e["from_el"] == 0) > 0,
          "EL0 tasks made system calls")
    check(sum(1 for e in excs if e["ec_name"] == "SYS64" and e["cause"] == "HCR_EL2.TID3") > 0,
          "ID register reads trapped by TID3")


def boot_events(trace):
    """The golden's view of a trace: the exception and ERET events without
    icount (the values the Arm ARM and hyp/'s code fix; QEMU, whose counter
    follows the host clock, reaches them at other counts), as JSONL."""
    out = []
    for line in trace.splitlines():
        e = json.loads(line)
        if e["event"] in ("exception", "eret"):
            e.pop("icount")
            out.append(json.dumps(e, separators=(",", ":")) + "\n")
    return "".join(out)


def qemu_events(elf):
    """The exception entries and returns QEMU's -d int log shows for hyp.elf,
    in order, as event_key() tuples. None when QEMU is missing."""
    qemu = os.environ.get("QEMU", "qemu-system-aarch64")
    with tempfile.TemporaryDirectory(prefix="el2sim-hyp-qemu-") as tmp:
        log = os.path.join(tmp, "int.log")
        try:
            subprocess.run([qemu, "-M", "virt,virtualization=on,gic-version=3", "-cpu", "max",
                            "-m", "512M", "-nographic", "-semihosting", "-d", "int", "-D", log,
                            # QEMU's counter follows the host clock; with -icount
                            # it follows the instructions, so no time slice can
                            # end before the golden's events however busy the host
                            "-icount", "shift=0",
                            "-kernel", elf], stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=120)
        except FileNotFoundError:
            return None
        text = open(log, encoding="utf-8", errors="replace").read()
    events = []
    # "Taking exception N [Name] on CPU 0" blocks and "Exception return from
    # AArch64 ELa to AArch64 ELb PC 0x..." lines, in log order.
    for m in re.finditer(r"^Taking exception \d+ \[([^\]]*)\].*?(?=^Taking|^Exception return|\Z)"
                         r"|^Exception return from AArch64 EL(\d) to AArch64 EL(\d) PC 0x([0-9a-f]+)",
                         text, re.M | re.S):
        if m.group(2):
            events.append(("eret", int(m.group(2)), int(m.group(3)), "0x" + m.group(4)))
            continue
        block = m.group(0)
        if "handling as semihosting call" in block:
            continue  # HLT #0xF000: QEMU logs it as an exception, el2sim's trace does not
        els = re.search(r"\.\.\.from EL(\d) to EL(\d)", block)
        esr = re.search(r"\.\.\.with ESR 0x[0-9a-f]+/0x([0-9a-f]+)", block)
        elr = re.search(r"\.\.\.with ELR 0x([0-9a-f]+)", block)
        far = re.search(r"\.\.\.with FAR 0x([0-9a-f]+)", block)
        vec = re.search(r"\.\.\.to EL\d PC 0x([0-9a-f]+)", block)
        sync = "IRQ" not in m.group(1) and "FIQ" not in m.group(1)
        events.append(("exception", int(els.group(1)), int(els.group(2)),
                       "0x" + esr.group(1) if sync and esr else None, "0x" + elr.group(1),
                       "0x" + far.group(1) if far else None, "0x" + vec.group(1)))
    return events


def event_key(e):
    """What QEMU's -d int log shows of a trace event: for an exception the ELs,
    ESR (synchronous only: ESR is UNKNOWN after an interrupt), ELR, FAR and
    vector; for an ERET the ELs and the new PC. SPSR and the cause are not in
    the log: the golden's SPSRs are PSTATE as hyp/ and the guests leave it
    (docs/hypervisor.md), its causes the controls docs/exceptions.md names."""
    if e["event"] == "eret":
        return ("eret", e["from_el"], e["to_el"], e["pc"])
    return ("exception", e["from_el"], e["to_el"], e["esr"] if e["type"] == "sync" else None,
            e["elr"], e["far"], e["vector"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--el2sim", required=True)
    ap.add_argument("--el", type=int, choices=(2, 3), default=2)
    ap.add_argument("--golden")
    ap.add_argument("--max-insns", type=int)
    ap.add_argument("--qemu", action="store_true",
                    help="compare the golden's exceptions and ERETs with QEMU's")
    ap.add_argument("elf")
    args = ap.parse_args()
    update = os.environ.get("EL2SIM_GOLDEN_UPDATE", "") not in ("", "0")

    if args.qemu:
        # An independent check of the golden: QEMU takes the same exceptions
        # and ERETs first, in the same order, with the same ELs, ESR, ELR,
        # FAR, vector and return PC.
        q = qemu_events(args.elf)
        if q is None:
            print("SKIP: no qemu-system-aarch64")
            return 77
        with open(args.golden, encoding="utf-8") as f:
            want = [event_key(e) for e in map(json.loads, f)]
        check(any(w[0] == "exception" for w in want) and any(w[0] == "eret" for w in want),
              "the golden has exceptions and ERETs")
        for i, (w, g) in enumerate(zip(want, q + [None] * len(want))):
            check(w == g, f"event {i + 1}: golden {w}, QEMU {g}")
        print("ok" if not failures else f"{len(failures)} check(s) failed")
        return 1 if failures else 0

    with tempfile.TemporaryDirectory(prefix="el2sim-hyp-") as tmp:
        traces = []
        runs = 1 if args.golden else 2
        for i in range(runs):
            out = os.path.join(tmp, f"trace{i}.jsonl")
            cmd = [args.el2sim, "--el", str(args.el), "--semihosting", "--stats",
                   "--trace", "exc,eret", "--trace-format", "jsonl", "--trace-file", out]
            if args.max_insns:
                cmd += ["--max-insns", str(args.max_insns)]
            p = run(cmd + [args.elf], 300)
            console = p.stdout.decode(errors="replace")
            want_status = 124 if args.max_insns else 0
            check(p.returncode == want_status, f"exit status {p.returncode}, want {want_status}")
            with open(out, encoding="utf-8") as f:
                traces.append(f.read())
        if args.golden:
            # The golden is the first events of the boot, as many as it
            # holds: a change to hyp/ that moves them by a few instructions
            # does not move them in or out of a window of instructions.
            # --max-insns only bounds the run (it must reach them all).
            traces[0] = boot_events(traces[0])
            try:
                with open(args.golden, encoding="utf-8") as f:
                    old = f.read()
            except FileNotFoundError:
                old = None
            if old is not None and not update:
                n = len(old.splitlines(True))
                got = traces[0].splitlines(True)
                check(len(got) >= n, f"the run reached all {n} golden events ({len(got)})")
                traces[0] = "".join(got[:n])
            if old != traces[0]:
                if update:
                    with open(args.golden, "w", encoding="utf-8") as f:
                        f.write(traces[0])
                    print(f"updated {args.golden}: review it line by line")
                else:
                    sys.stdout.writelines(difflib.unified_diff(
                        (old or "").splitlines(True), traces[0].splitlines(True),
                        "golden", "el2sim"))
                    check(False, "the boot trace equals the golden")
        else:
            sys.stdout.write(console)
            check(traces[0] == traces[1], "two runs give the same trace (determinism)")
            check_console(console)
            events = [json.loads(l) for l in traces[0].splitlines()]
            check_trace([e for e in events if e["event"] in ("exception", "eret")])
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
