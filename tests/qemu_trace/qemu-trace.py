#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential exception trace: run one probe image on el2sim (--trace
exc,eret --trace-format jsonl) and on qemu-system-aarch64 (-d int,guest_errors)
and require the same sequence of exception entries and returns, field by
field, except for the reviewed differences in the allow-list.

    qemu-trace.py --el2sim EL2SIM --qemu QEMU --el N --name PROBE \\
                  --allow ALLOW_LIST [--skip-reason TEXT] PROBE_ELF

Compared, per event (el2sim's "seq" numbers the events):
  exception: type (sync/irq/fiq/serror), from_el, to_el, vector (QEMU's
             "...to ELn PC"), esr, elr, far ("...with FAR", null when QEMU
             prints none)
  eret:      from_el, to_el, pc, illegal

Not compared: SPSR (QEMU's log has the new PSTATE, not the SPSR), icount,
cause and insn (el2sim only). Dropped from QEMU's log as not architectural:
exceptions QEMU handles itself ("...handling as semihosting call",
"...handled as PSCI call"); el2sim traces neither. Other lines ("Invalid read
at addr ...", from guest_errors) are ignored.

The allow-list holds one line per accepted difference:

    PROBE  SEQ  FIELD  EL2SIM_VALUE  QEMU_VALUE  REASON...

A difference not listed fails the test; so does a listed entry of this
probe that no longer matches a difference (the list must stay reviewed).
Exit 77 (skipped) when QEMU is not installed or --skip-reason is not empty
(guests/meson.build documents why QEMU cannot run that probe).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

# QEMU virt starts -kernel ELFs at EL1; these start at EL2 and EL3 (EL3 with
# EL2 below it, as el2sim --el 3), as tests/diff/diff-run.py does. Always the
# GICv3 (QEMU's default is a GICv2): el2sim's board has a GICv3 at the same
# addresses, distributor 0x0800_0000, redistributors 0x080A_0000.
QEMU_MACHINE = {1: "virt,gic-version=3", 2: "virt,virtualization=on,gic-version=3",
                3: "virt,virtualization=on,secure=on,gic-version=3"}

# QEMU's exception names (target/arm/internals.h excnames[]) that are
# asynchronous; every other architectural one is synchronous.
QEMU_ASYNC = {"IRQ": "irq", "Virtual IRQ": "irq", "FIQ": "fiq", "Virtual FIQ": "fiq",
              "Virtual SERR": "serror"}

EXC_FIELDS = ("type", "from_el", "to_el", "vector", "esr", "elr", "far")
ERET_FIELDS = ("from_el", "to_el", "pc", "illegal")

RE_TAKE = re.compile(r"^Taking exception (\d+) \[([^\]]*)\]")
RE_FROM = re.compile(r"^\.\.\.from EL(\d) to EL(\d)")
RE_ESR = re.compile(r"^\.\.\.with ESR 0x([0-9a-f]+)/0x([0-9a-f]+)")
RE_FAR = re.compile(r"^\.\.\.with FAR 0x([0-9a-f]+)")
RE_ELR = re.compile(r"^\.\.\.with ELR 0x([0-9a-f]+)")
RE_TO = re.compile(r"^\.\.\.to EL(\d) PC 0x([0-9a-f]+)")
RE_QEMU_HANDLED = re.compile(r"^\.\.\.handl\w* as (semihosting|PSCI) call")
RE_ERET = re.compile(r"^Exception return from AArch64 EL(\d) to AArch64 EL(\d) PC 0x([0-9a-f]+)")
RE_ILLEGAL = re.compile(r"^Illegal exception return at EL(\d): resuming execution at 0x([0-9a-f]+)")


def hexs(s):
    return "0x%x" % int(s, 16)


def fmt(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def parse_qemu_log(text):
    """QEMU's -d int,guest_errors log as a list of event dicts (values as
    el2sim's JSONL writes them), and the list of problems found."""
    events, problems, cur = [], [], None

    def finish():
        nonlocal cur
        if cur is None:
            return
        if cur.pop("qemu_handled", False):
            pass  # semihosting / PSCI: not an architectural exception
        elif "vector" not in cur or "from_el" not in cur:
            problems.append(f"QEMU log: incomplete exception record {cur}")
        else:
            events.append(cur)
        cur = None

    for line in text.splitlines():
        line = line.strip()
        m = RE_TAKE.match(line)
        if m:
            finish()
            cur = {"event": "exception", "qemu_name": m.group(2),
                   "type": QEMU_ASYNC.get(m.group(2), "sync"), "far": None}
            continue
        if cur is not None and line.startswith("..."):
            if RE_QEMU_HANDLED.match(line):
                cur["qemu_handled"] = True
            elif (m := RE_FROM.match(line)):
                cur["from_el"], cur["to_el"] = int(m.group(1)), int(m.group(2))
            elif (m := RE_ESR.match(line)):
                cur["esr"] = hexs(m.group(2))
            elif (m := RE_FAR.match(line)):
                cur["far"] = hexs(m.group(1))
            elif (m := RE_ELR.match(line)):
                cur["elr"] = hexs(m.group(1))
            elif (m := RE_TO.match(line)):
                cur["vector"] = hexs(m.group(2))
                if int(m.group(1)) != cur.get("to_el"):
                    problems.append(f"QEMU log: 'to EL{m.group(1)}' disagrees with "
                                    f"'from ... to EL{cur.get('to_el')}'")
            continue
        finish()
        if (m := RE_ERET.match(line)):
            events.append({"event": "eret", "from_el": int(m.group(1)),
                           "to_el": int(m.group(2)), "pc": hexs(m.group(3)),
                           "illegal": False})
        elif (m := RE_ILLEGAL.match(line)):
            el = int(m.group(1))
            events.append({"event": "eret", "from_el": el, "to_el": el,
                           "pc": hexs(m.group(2)), "illegal": True})
    finish()
    return events, problems


def parse_el2sim_trace(text):
    events = []
    for line in text.splitlines():
        e = json.loads(line)
        if e["event"] in ("exception", "eret"):
            events.append(e)
    return events


def load_allow(path, probe):
    """The allow-list entries of this probe: {(seq, field): [el2sim, qemu, reason, used]}."""
    allow = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 5)
            if len(parts) < 6:
                raise SystemExit(f"{path}:{n}: want PROBE SEQ FIELD EL2SIM QEMU REASON")
            if parts[0] == probe:
                allow[(int(parts[1]), parts[2])] = [parts[3], parts[4], parts[5], False]
    return allow


def describe(e):
    if e["event"] == "eret":
        return (f"eret EL{e['from_el']}->EL{e['to_el']} pc {e['pc']}"
                + (" ILLEGAL" if e["illegal"] else ""))
    return (f"{e['type']} EL{e['from_el']}->EL{e['to_el']} vector {e['vector']} "
            f"esr {fmt(e.get('esr'))} elr {e['elr']} far {fmt(e['far'])}")


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or b"", e.stderr or b""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--el2sim", required=True)
    ap.add_argument("--qemu", default="qemu-system-aarch64")
    ap.add_argument("--el", type=int, choices=(1, 2, 3), required=True)
    ap.add_argument("--name", required=True, help="the probe's name, as in the allow-list")
    ap.add_argument("--allow", required=True, help="the allow-list file")
    ap.add_argument("--skip-reason", default="")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("elf")
    args = ap.parse_args()

    if args.skip_reason:
        print(f"skip: QEMU cannot run this probe: {args.skip_reason}")
        return SKIP
    qemu = shutil.which(args.qemu)
    if not qemu:
        print(f"skip: {args.qemu} not found")
        return SKIP
    allow = load_allow(args.allow, args.name)

    with tempfile.TemporaryDirectory(prefix="el2sim-qemu-trace-") as tmp:
        sim_trace, qemu_log = os.path.join(tmp, "el2sim.jsonl"), os.path.join(tmp, "qemu.log")
        sim_cmd = [args.el2sim, "--el", str(args.el), "--semihosting", "--trace", "exc,eret",
                   "--trace-format", "jsonl", "--trace-file", sim_trace, args.elf]
        qemu_cmd = [qemu, "-M", QEMU_MACHINE[args.el], "-cpu", "max", "-m", "512M",
                    "-nographic", "-semihosting", "-d", "int,guest_errors", "-D", qemu_log,
                    "-kernel", args.elf]
        print("el2sim:", " ".join(sim_cmd))
        s_rc, _, s_err = run(sim_cmd, args.timeout)
        print("qemu:  ", " ".join(qemu_cmd))
        q_rc, _, q_err = run(qemu_cmd, args.timeout)
        ok = True
        for who, rc, err in (("el2sim", s_rc, s_err), ("qemu", q_rc, q_err)):
            if rc != 0:
                print(f"FAIL: the probe under {who} exited with status {rc}")
                print(err[-1024:].decode(errors="replace"))
                ok = False
        try:
            with open(sim_trace, encoding="utf-8") as f:
                sim = parse_el2sim_trace(f.read())
            with open(qemu_log, encoding="utf-8", errors="replace") as f:
                q, problems = parse_qemu_log(f.read())
        except OSError as e:
            print(f"FAIL: {e}")
            return 1

    for p in problems:
        print("FAIL:", p)
        ok = False

    n = max(len(sim), len(q))
    diffs = []
    print(f"{len(sim)} el2sim events, {len(q)} QEMU events (semihosting dropped)")
    for i in range(n):
        seq = sim[i]["seq"] if i < len(sim) else None
        a = sim[i] if i < len(sim) else None
        b = q[i] if i < len(q) else None
        print(f"  [{fmt(seq):>4}] el2sim: {describe(a) if a else '-'}")
        print(f"         qemu:   {describe(b) if b else '-'}")
        if a is None or b is None or a["event"] != b["event"]:
            print(f"FAIL: the event sequences part at event {i + 1}; nothing after it is compared")
            ok = False
            break
        for field in EXC_FIELDS if a["event"] == "exception" else ERET_FIELDS:
            va, vb = fmt(a.get(field)), fmt(b.get(field))
            if va != vb:
                diffs.append((seq, field, va, vb))

    for seq, field, va, vb in diffs:
        entry = allow.get((seq, field))
        if entry and entry[0] == va and entry[1] == vb:
            entry[3] = True
            print(f"allowed: event {seq} {field}: el2sim {va}, qemu {vb}: {entry[2]}")
        else:
            print(f"FAIL: event {seq} {field}: el2sim {va}, qemu {vb}"
                  + (f" (the allow-list has el2sim {entry[0]}, qemu {entry[1]})" if entry else ""))
            ok = False
    for (seq, field), entry in sorted(allow.items()):
        if not entry[3]:
            print(f"FAIL: stale allow-list entry {args.name} {seq} {field} "
                  f"{entry[0]} {entry[1]}: no such difference now")
            ok = False
    if not sim:
        print("FAIL: el2sim's trace has no events: nothing was compared")
        ok = False
    if ok:
        print(f"ok: {len(sim)} events match ({sum(e[3] for e in allow.values())} "
              "allowed differences)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
