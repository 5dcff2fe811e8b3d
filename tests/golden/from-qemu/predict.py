#!/usr/bin/env python3
"""From a QEMU -singlestep -d exec,nochain,int log, predict el2sim's icount for
each exception/eret and the end: icount = instructions retired before the event.
A sync exception whose ELR is the instruction that raised it (a trap or fault)
means that instruction did not retire; an ERET is not counted at its own event."""
import re, sys
RE_TRACE = re.compile(r"Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")
RE_ELR = re.compile(r"^\.\.\.with ELR 0x([0-9a-f]+)")
def predict(path):
    lines = open(path, errors="replace").read().splitlines()
    n = 0; deficit = 0; last_pc = None; ev = []; i = 0
    while i < len(lines):
        l = lines[i]
        m = RE_TRACE.search(l)
        if m and l.startswith("Trace") or (m and "Trace" in l):
            n += 1; last_pc = int(m.group(1), 16); i += 1; continue
        if l.startswith("Stopped execution of TB chain before"):
            n -= 1  # that TB was logged, then not executed (an exit request)
            i += 1; continue
        if l.startswith("Taking exception"):
            blk = [l]; j = i + 1
            while j < len(lines) and lines[j].startswith("..."):
                blk.append(lines[j]); j += 1
            i = j
            if any("semihosting" in b or "PSCI" in b for b in blk):
                continue
            elr = None
            for b in blk:
                mm = RE_ELR.match(b)
                if mm: elr = int(mm.group(1), 16)
            name = re.search(r"\[(.*)\]", l).group(1)
            async_ = name in ("IRQ", "FIQ", "Virtual IRQ", "Virtual FIQ", "Virtual SERR")
            if not async_ and elr == last_pc:
                deficit += 1
            ev.append(("exception", n - deficit, name, blk[1:]))
            continue
        if l.startswith("Exception return") or l.startswith("Illegal exception return"):
            ev.append(("eret", n - deficit - 1, l, []))
        i += 1
    return ev, n - deficit, last_pc
if __name__ == "__main__":
    ev, total, pc = predict(sys.argv[1])
    for e in ev: print(e[0], e[1], e[2], " | ".join(e[3]))
    print("end", total, hex(pc))
