#!/usr/bin/env python3
"""Write a golden JSONL trace by hand-rule from QEMU, not el2sim:
 - event sequence, type, ELs, vector, ESR (sync only), ELR, FAR: QEMU's -d int log;
 - icount: instructions retired, counted in QEMU's -singlestep -d exec,nochain log
   (predict.py: Trace lines minus TBs stopped before executing, minus trapped or
   faulting instructions (sync exception with ELR = that instruction), minus the
   ERET itself at its own event) -- the rule of docs/trace.md "icount";
 - insn: capstone (the library el2sim links) on the word from the ELF: for an
   interrupt the instruction at ELR, for SVC/HVC/SMC the one before ELR, else ELR;
 - spsr and cause: given per event on the command line, worked out from the Arm ARM.
usage: mkgolden.py [--end-el N] ELF SINGLESTEP_LOG 'spsr[:cause[:intid]]' ...
       (one per exception/eret; intid for IRQ/FIQ entries: a number or null)

Not handled: illegal exception returns ("illegal" is always false) and
probes that end other than by SYS_EXIT 0. regen.sh has the arguments of the
goldens made this way.

Build the capstone helper first:  cc -o csdis csdis.c -lcapstone  (or set CSDIS).
The single-step log comes from
  qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 -cpu max -semihosting \
      -nographic -singlestep -d exec,nochain,int,guest_errors -D LOG -kernel ELF
(add secure=on for probes that start at EL3)."""
import json, os, re, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from predict import predict

# ESR_ELx.EC names as docs/trace.md spells them (Arm ARM D19.2 ESR_ELx.EC).
EC_NAMES = {0x00: "UNKNOWN", 0x01: "WFx", 0x0e: "ILL", 0x15: "SVC64", 0x16: "HVC64",
            0x17: "SMC64", 0x18: "SYS64", 0x20: "IABT_LOW", 0x21: "IABT_CUR", 0x22: "PC_ALIGN",
            0x24: "DABT_LOW", 0x25: "DABT_CUR", 0x26: "SP_ALIGN", 0x2f: "SERROR", 0x3c: "BRK64"}
ASYNC = {"IRQ": "irq", "Virtual IRQ": "irq", "FIQ": "fiq", "Virtual FIQ": "fiq", "Virtual SERR": "serror"}

argv = sys.argv[1:]
end_el = 2
if argv[:1] == ["--end-el"]:
    end_el, argv = int(argv[1]), argv[2:]
elf, log, specs = argv[0], argv[1], argv[2:]
words = {}
for l in subprocess.run(["aarch64-linux-gnu-objdump", "-d", elf], capture_output=True, text=True).stdout.splitlines():
    m = re.match(r"\s*([0-9a-f]+):\s+([0-9a-f]{8})\s", l)
    if m:
        words[int(m.group(1), 16)] = m.group(2)
def dis(addr):
    return subprocess.run([os.environ.get("CSDIS", os.path.join(HERE, "csdis")), hex(addr), words[addr]], capture_output=True, text=True).stdout.strip()

ev, total, last_pc = predict(log)
assert len(ev) == len(specs), (len(ev), len(specs))
out = []
for seq, (e, spec) in enumerate(zip(ev, specs), 1):
    kind, icount, head, blk = e
    spsr, _, rest = spec.partition(":")
    cause, _, intid = rest.partition(":")
    if kind == "eret":
        m = re.match(r"Exception return from AArch64 EL(\d) to AArch64 EL(\d) PC 0x([0-9a-f]+)", head)
        out.append({"event": "eret", "seq": seq, "icount": icount, "from_el": int(m.group(1)),
                    "to_el": int(m.group(2)), "pc": "0x%x" % int(m.group(3), 16), "spsr": spsr,
                    "illegal": False})
        continue
    d = {}
    for b in blk:
        if (m := re.match(r"\.\.\.from EL(\d) to EL(\d)", b)): d["from"], d["to"] = int(m.group(1)), int(m.group(2))
        elif (m := re.match(r"\.\.\.with ESR 0x([0-9a-f]+)/0x([0-9a-f]+)", b)): d["esr"] = int(m.group(2), 16)
        elif (m := re.match(r"\.\.\.with FAR 0x([0-9a-f]+)", b)): d["far"] = int(m.group(1), 16)
        elif (m := re.match(r"\.\.\.with ELR 0x([0-9a-f]+)", b)): d["elr"] = int(m.group(1), 16)
        elif (m := re.match(r"\.\.\.to EL(\d) PC 0x([0-9a-f]+)", b)): d["vec"] = int(m.group(2), 16)
    typ = ASYNC.get(head, "sync")
    if typ == "sync":
        ec = d["esr"] >> 26
        at = d["elr"] - 4 if ec in (0x15, 0x16, 0x17) else d["elr"]
        ecs, ecn, esr = "0x%x" % ec, EC_NAMES[ec], "0x%x" % d["esr"]
    else:
        at, ecs, ecn, esr = d["elr"], None, None, None
    out.append({"event": "exception", "seq": seq, "icount": icount, "type": typ,
                "from_el": d["from"], "to_el": d["to"], "vector": "0x%x" % d["vec"],
                "vector_offset": "0x%x" % (d["vec"] & 0x7ff), "ec": ecs, "ec_name": ecn,
                "esr": esr, "elr": "0x%x" % d["elr"], "far": ("0x%x" % d["far"]) if "far" in d else None,
                "spsr": spsr, "cause": cause})
    if typ in ("irq", "fiq"):
        out[-1]["intid"] = None if intid in ("", "null") else int(intid)
    out[-1]["insn"] = dis(at)
out.append({"event": "end", "seq": len(ev) + 1, "icount": total, "reason": "guest exit",
            "exit_status": 0, "pc": "0x%x" % (last_pc + 4), "el": end_el})
for o in out:
    print(json.dumps(o, separators=(",", ":")))
