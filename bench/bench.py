#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The benchmark suite: every bench workload on el2sim and, when installed, on
qemu-system-aarch64 (TCG) in the same run, with MIPS, exceptions per second
and the ratio; start-up; the probe suite and the hypervisor demo end to end.

    bench/bench.py [--json FILE|-] [--runs N] [--only NAME,...] [--no-qemu] BUILD_DIR

BUILD_DIR is a configured and built tree (guests enabled). Each run is
repeated BENCH_RUNS times (default 3; --runs) and the fastest counts.
The instruction and exception counts are el2sim's (`--stats`): the image is
the same on both simulators, so the program is too (the demo excepted: under
QEMU its timer follows the host clock). QEMU's time is its wall time minus its
start-up and exit, measured with the empty guest (bench-null.elf); el2sim's is
the `seconds` of its stats line, the time in its run loop. docs/performance.md
has the method.

Fails (exit status 1) when a guest exits non-zero, when el2sim's and QEMU's
output differ, or when a result differs from its reference (the host build of
mixed_int.c, SHA-256 from hashlib, the int loop's instruction count).
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

sys.path.insert(0, os.path.join(SRC, "tests", "diff"))
from qemu_virt import qemu_command as qemu_cmd  # noqa: E402 (the QEMU tests' command line)

# name, image (relative to BUILD_DIR), EL, what the workload is.
WORKLOADS = [
    ("int-loop", "guests/int-loop.elf", 2, "integer loop, 8 instructions x 100M (EL1)"),
    ("mixed-int", "guests/mixed-int.elf", 2, "list, matrix, state machine, CRC16"),
    ("sha256", "guests/sha256-bench.elf", 2, "SHA-256 of 4 MiB"),
    ("mem-walk", "guests/mem-walk.elf", 2, "8 MiB in 4 KiB pages, EL1 stage 1 on"),
    ("exc-pingpong", "guests/exc-pingpong.elf", 2, "HVC round trips EL1 -> EL2 -> EL1"),
    ("exc-pingpong-s1", "guests/exc-pingpong-s1.elf", 2, "the same, EL1 stage 1 on"),
    ("exc-pingpong-s2", "guests/exc-pingpong-s2.elf", 2, "the same, stages 1 and 2 on"),
    ("tvm-loop", "guests/tvm-loop.elf", 2, "MSR TTBR0_EL1 trapped by HCR_EL2.TVM"),
    ("timer-loop", "guests/timer-loop.elf", 2, "CNTHP interrupts EL1 -> EL2 via GICv3"),
]
NULL_ELF = "guests/bench-null.elf"
DEMO_ELF = "hyp/hyp.elf"
DEMO_VERDICT = "both guests finished their work: exit 0"
MIXED_HOST = "guests/bench-host-mixed-int"

# Criterion 3 of issue 9, for the summary (informational: never a failure).
TARGETS_MIPS = {"int-loop": 600, "mem-walk": 400}
TARGET_HVC_PER_S = 20e6
TARGET_HVC_VS_QEMU = 20
TARGET_TVM_VS_QEMU = 10
TARGET_STARTUP_S = 0.005

failures = []


def fail(msg):
    failures.append(msg)
    print(f"FAIL: {msg}", file=sys.stderr)


def el2sim_cmd(sim, el, elf):
    return [sim, "--semihosting", "--stats", "--el", str(el), elf]


def run_once(cmd, timeout=600):
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, time.perf_counter() - t0, "", f"timed out after {timeout} s"
    wall = time.perf_counter() - t0
    return (p.returncode, wall, p.stdout.decode(errors="replace"),
            p.stderr.decode(errors="replace"))


def parse_stats(err):
    """el2sim's --stats lines (sim/stats.c): insns, seconds, per-EL counts, exceptions."""
    m = re.search(r"^el2sim: stats: insns=(\d+) seconds=([\d.]+) mips=([\d.]+)$", err, re.M)
    if not m:
        return None
    st = {"insns": int(m.group(1)), "seconds": float(m.group(2)), "mips": float(m.group(3))}
    st["insns_at_el"] = {int(el): int(n) for el, n in
                         re.findall(r"^el2sim: stats: insns at EL(\d): (\d+)$", err, re.M)}
    m = re.search(r"^el2sim: stats: exceptions (\d+), erets (\d+)", err, re.M)
    st["exceptions"] = int(m.group(1)) if m else 0
    st["erets"] = int(m.group(2)) if m else 0
    return st


def best_el2sim(sim, el, elf, runs, name):
    """Best of runs by el2sim's own seconds; None (after fail()) if a run fails."""
    best = None
    for _ in range(runs):
        rc, wall, out, err = run_once(el2sim_cmd(sim, el, elf))
        st = parse_stats(err)
        if rc != 0 or st is None:
            fail(f"{name}: el2sim exited with status {rc}" +
                 ("" if st else " and printed no stats line") + f"\n{err[-2000:]}")
            return None
        st.update(wall=wall, out=out)
        if best is None or st["seconds"] < best["seconds"]:
            best = st
    return best


def best_wall(cmd, runs, name, who):
    """(best wall time, stdout of that run); None if a run fails."""
    best = None
    for _ in range(runs):
        rc, wall, out, err = run_once(cmd)
        if rc != 0:
            fail(f"{name}: {who} exited with status {rc}\n{out[-2000:]}{err[-2000:]}")
            return None
        if best is None or wall < best[0]:
            best = (wall, out)
    return best


def sha256_bench_line():
    """guests/diff/sha256.c -DBENCH's line, from hashlib: 64 KiB of xorshift32
    bytes (seed 0x5eed5eed), hashed 64 times, byte r flipped by r each round."""
    x = 0x5eed5eed
    chunk = bytearray(64 * 1024)
    for i in range(len(chunk)):
        x ^= (x << 13) & 0xffffffff
        x ^= x >> 17
        x ^= (x << 5) & 0xffffffff
        chunk[i] = x & 0xff
    h = hashlib.sha256()
    for r in range(64):
        chunk[r] ^= r
        h.update(chunk)
    return f"sha256-bench: 4096 KiB {h.hexdigest()}\n"


def check_reference(name, build, st):
    """Each workload's own check of el2sim's result, independent of QEMU."""
    out = st["out"]
    if name == "int-loop":
        m = re.search(r"expected instructions at EL1: (\d+)", out)
        got = st["insns_at_el"].get(1)
        if not m or got is None or got != int(m.group(1)):
            fail(f"int-loop: el2sim counted {got} instructions at EL1, the guest expected "
                 f"{m.group(1) if m else '?'}")
        else:
            st["expected_insns_el1"] = int(m.group(1))
    elif name == "mixed-int":
        host = os.path.join(build, MIXED_HOST)
        p = subprocess.run([host], capture_output=True, timeout=120)
        if p.returncode != 0 or p.stdout.decode() != out:
            fail(f"mixed-int: el2sim printed {out!r}, the host build {p.stdout.decode()!r}")
    elif name == "sha256":
        want = sha256_bench_line()
        if out != want:
            fail(f"sha256: el2sim printed {out!r}, hashlib gives {want!r}")


def fmt_num(v, spec):
    return "-" if v is None else format(v, spec)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build", help="the meson build directory")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")),
                    help="runs of each, the fastest counts (default $BENCH_RUNS or 3)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON ('-': stdout)")
    ap.add_argument("--only", help="comma list of workloads (also: startup, probes, demo)")
    ap.add_argument("--no-qemu", action="store_true", help="do not run QEMU")
    ap.add_argument("--elf", help="time this image instead of the suite (start-up still measured)")
    ap.add_argument("--el", type=int, choices=(1, 2, 3), default=2,
                    help="with --elf: the EL both simulators start at (default 2)")
    args = ap.parse_args()
    workloads = WORKLOADS
    if args.elf:
        name = os.path.basename(args.elf)
        workloads = [(name, os.path.abspath(args.elf), args.el, "the image given")]
        args.only = name

    build = os.path.abspath(args.build)
    sim = os.path.join(build, "sim", "el2sim")
    if not os.access(sim, os.X_OK):
        print(f"bench.py: no el2sim at {sim} (build it first)", file=sys.stderr)
        return 1
    qemu = None if args.no_qemu else shutil.which(os.environ.get("QEMU", "qemu-system-aarch64"))
    only = set(args.only.split(",")) if args.only else None
    known = {w[0] for w in workloads} | {"startup", "probes", "demo"}
    if only and only - known:
        print(f"bench.py: unknown workload(s) {', '.join(sorted(only - known))}; "
              f"known: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    runs = max(1, args.runs)
    want = lambda n: only is None or n in only  # noqa: E731
    res = {"runs": runs, "qemu": qemu, "workloads": []}

    print(f"el2sim: {sim}")
    print(f"qemu:   {qemu or 'not found (el2sim only)'}")
    print(f"runs:   best of {runs}\n")

    # Start-up: the empty guest, more runs since it is cheap.
    null_elf = os.path.join(build, NULL_ELF)
    q_start = 0.0
    s_null = best_el2sim(sim, 2, null_elf, max(runs, 10), "startup")
    if s_null:
        res["el2sim_startup_s"] = s_null["wall"]
        res["el2sim_startup_run_s"] = s_null["seconds"]
    # What starting any dynamically linked process costs on this host.
    true = shutil.which("true")
    if true:
        res["spawn_baseline_s"] = min(run_once([true])[1] for _ in range(max(runs, 10)))
    if qemu:
        q = best_wall(qemu_cmd(qemu, 2, null_elf), max(runs, 5), "startup", "qemu")
        if q:
            q_start = q[0]
            res["qemu_startup_s"] = q_start

    rows = []
    for name, rel, el, what in workloads:
        if not want(name):
            continue
        elf = os.path.join(build, rel)
        st = best_el2sim(sim, el, elf, runs, name)
        if st is None:
            continue
        check_reference(name, build, st)
        secs = max(st["seconds"], 0.001)  # stats print milliseconds
        row = {"name": name, "what": what, "el": el, "image": rel, "insns": st["insns"],
               "exceptions": st["exceptions"], "el2sim_s": st["seconds"],
               "el2sim_wall_s": st["wall"], "el2sim_mips": st["insns"] / secs / 1e6,
               "el2sim_exc_per_s": st["exceptions"] / secs,
               "output": st["out"].rstrip("\n")}
        if "expected_insns_el1" in st:
            row["expected_insns_el1"] = st["expected_insns_el1"]
            row["insns_at_el1"] = st["insns_at_el"].get(1)
        if qemu:
            q = best_wall(qemu_cmd(qemu, el, elf), runs, name, "qemu")
            if q:
                if q[1] != st["out"]:
                    fail(f"{name}: QEMU printed {q[1]!r}, el2sim {st['out']!r}")
                net = q[0] - q_start
                row.update(qemu_wall_s=q[0], qemu_s=net)
                if net > 0.001:
                    row.update(qemu_mips=st["insns"] / net / 1e6,
                               qemu_exc_per_s=st["exceptions"] / net,
                               speedup=net / secs)
        rows.append(row)
    res["workloads"] = rows

    # The probe suite end to end: every probe QEMU can run, each at its EL.
    if want("probes"):
        res["probes"] = run_probes(build, sim, qemu, runs)
    # The hypervisor demo: hyp.elf with its two guests, at EL2.
    if want("demo"):
        res["demo"] = run_demo(build, sim, qemu, runs)

    print_table(res, q_start)
    print_targets(res)
    res["failures"] = failures
    if args.json:
        text = json.dumps(res, indent=2) + "\n"
        if args.json == "-":
            sys.stdout.write(text)
        else:
            with open(args.json, "w", encoding="utf-8") as f:
                f.write(text)
    if failures:
        print(f"\n{len(failures)} failure(s):", file=sys.stderr)
        for f in failures:
            print("  " + f.splitlines()[0], file=sys.stderr)
        return 1
    return 0


def probe_defs(build):
    """[(name, EL, ELF, runs on QEMU)] of the probe tests the build registered
    (meson-info/intro-tests.json: 'probe-NAME' runs diff-run.py --el N ELF;
    'qemu-probe-NAME' exists when QEMU can run it), not a parse of the source."""
    with open(os.path.join(build, "meson-info", "intro-tests.json"), encoding="utf-8") as f:
        tests = json.load(f)
    names = {t["name"] for t in tests}
    rows = []
    for t in tests:
        if not t["name"].startswith("probe-"):
            continue
        cmd = t["cmd"]
        el, elf = int(cmd[cmd.index("--el") + 1]), cmd[-1]
        rows.append((t["name"][len("probe-"):], el, os.path.join(build, elf),
                     "qemu-" + t["name"] in names))
    return sorted(rows)


def run_probes(build, sim, qemu, runs):
    """Total wall time of the probes QEMU can run, on each simulator (best of runs)."""
    every = probe_defs(build)
    probes = [p[:3] for p in every if p[3]]
    missing = [p[2] for p in every if not os.path.exists(p[2])]
    if not probes or missing:
        fail(f"probes: no probe tests in the build, or missing ELFs: {missing}")
        return None
    out = {"count": len(probes), "not_on_qemu": [p[0] for p in every if not p[3]]}

    def suite(cmd_of, who, probes=probes):
        best = None
        for _ in range(runs):
            total = 0.0
            for n, el, elf in probes:
                rc, wall, o, e = run_once(cmd_of(el, elf), timeout=120)
                if rc != 0:
                    fail(f"probe {n} at EL{el}: {who} exited with status {rc}\n{o[-1500:]}")
                    return None
                total += wall
            best = total if best is None else min(best, total)
        return best

    el2sim = lambda el, elf: [sim, "--semihosting", "--el", str(el), elf]  # noqa: E731
    out["el2sim_s"] = suite(el2sim, "el2sim")
    if out["not_on_qemu"]:
        out["el2sim_all_s"] = suite(el2sim, "el2sim", [p[:3] for p in every])
        out["all_count"] = len(every)
    if qemu:
        out["qemu_s"] = suite(lambda el, elf: qemu_cmd(qemu, el, elf), "qemu")
    return out


def run_demo(build, sim, qemu, runs):
    """hyp.elf at EL2 on both: wall time, exit status 0 and the verdict line."""
    elf = os.path.join(build, DEMO_ELF)
    out = {}
    st = best_el2sim(sim, 2, elf, runs, "demo")
    if st:
        if DEMO_VERDICT not in st["out"]:
            fail(f"demo: el2sim's output lacks '{DEMO_VERDICT}'")
        out.update(el2sim_wall_s=st["wall"], el2sim_s=st["seconds"], insns=st["insns"],
                   exceptions=st["exceptions"])
    if qemu:
        q = best_wall(qemu_cmd(qemu, 2, elf), runs, "demo", "qemu")
        if q:
            if DEMO_VERDICT not in q[1]:
                fail(f"demo: QEMU's output lacks '{DEMO_VERDICT}'")
            out["qemu_wall_s"] = q[0]
    return out


def print_rows(rows, q_start):
    hdr = (f"{'workload':<16} {'insns':>11} {'el2sim s':>8} {'MIPS':>7} {'exc/s':>10}  "
           f"{'QEMU s':>7} {'MIPS':>7} {'exc/s':>10} {'el2sim/QEMU':>11}")
    print(hdr)
    print("-" * len(hdr))
    for r in rows:
        exc = r["exceptions"] > 100
        print(f"{r['name']:<16} {r['insns']:>11} {r['el2sim_s']:>8.3f} {r['el2sim_mips']:>7.1f} "
              f"{fmt_num(r['el2sim_exc_per_s'] if exc else None, '>10.3g'):>10}  "
              f"{fmt_num(r.get('qemu_s'), '>7.3f'):>7} {fmt_num(r.get('qemu_mips'), '>7.1f'):>7} "
              f"{fmt_num(r.get('qemu_exc_per_s') if exc else None, '>10.3g'):>10} "
              f"{fmt_num(r.get('speedup'), '.2f') + ('x' if 'speedup' in r else ''):>11}")
    print()
    print("insns, exceptions: el2sim's --stats (the same image on both). el2sim s: its run")
    print("loop's time.", end="")
    if any("qemu_s" in r for r in rows):
        print(" QEMU s: wall time minus QEMU's start-up and exit "
              f"({q_start:.3f} s, the empty guest).")
        print("el2sim/QEMU: QEMU s / el2sim s (above 1: el2sim is faster).", end="")
    print("\n")


def print_table(res, q_start):
    print()
    if res["workloads"]:
        print_rows(res["workloads"], q_start)
    if "el2sim_startup_s" in res:
        print(f"start-up, the empty guest, whole run (an upper bound of start-up to the first "
              f"instruction): el2sim {res['el2sim_startup_s'] * 1e3:.1f} ms"
              + (f", QEMU {res['qemu_startup_s'] * 1e3:.1f} ms" if "qemu_startup_s" in res
                 else "")
              + (f"; any process (true): {res['spawn_baseline_s'] * 1e3:.1f} ms"
                 if "spawn_baseline_s" in res else ""))
    p = res.get("probes")
    if p and p.get("el2sim_s") is not None:
        line = f"probe suite ({p['count']} probes, each at its EL), end to end: " \
               f"el2sim {p['el2sim_s']:.3f} s"
        if p.get("qemu_s") is not None:
            line += f", QEMU {p['qemu_s']:.3f} s ({p['qemu_s'] / p['el2sim_s']:.1f}x)"
        print(line)
        if p.get("el2sim_all_s") is not None:
            print(f"  all {p['all_count']} probes on el2sim: {p['el2sim_all_s']:.3f} s "
                  f"(not on QEMU: {', '.join(p['not_on_qemu'])})")
    d = res.get("demo")
    if d and "el2sim_wall_s" in d:
        line = f"hypervisor demo (hyp.elf, EL2), end to end: el2sim {d['el2sim_wall_s']:.3f} s"
        if "qemu_wall_s" in d:
            line += (f", QEMU {d['qemu_wall_s']:.3f} s "
                     f"({d['qemu_wall_s'] / d['el2sim_wall_s']:.1f}x)")
        print(line)


def print_targets(res):
    """Criterion 3 of issue 9: met or missed, from this run."""
    by = {r["name"]: r for r in res["workloads"]}
    lines = []

    def t(what, ok):
        if ok is not None:
            lines.append(f"  {'met   ' if ok else 'MISSED'} {what}")

    for n, mips in TARGETS_MIPS.items():
        if n in by:
            t(f"{n} >= {mips} MIPS ({by[n]['el2sim_mips']:.0f})", by[n]["el2sim_mips"] >= mips)
    if "exc-pingpong" in by:
        r = by["exc-pingpong"]
        t(f"HVC round trips >= {TARGET_HVC_PER_S / 1e6:.0f} M/s "
          f"({r['el2sim_exc_per_s'] / 1e6:.1f} M/s)", r["el2sim_exc_per_s"] >= TARGET_HVC_PER_S)
        if "speedup" in r:
            t(f"HVC round trips >= {TARGET_HVC_VS_QEMU}x QEMU ({r['speedup']:.1f}x)",
              r["speedup"] >= TARGET_HVC_VS_QEMU)
    if "tvm-loop" in by and "speedup" in by["tvm-loop"]:
        s = by["tvm-loop"]["speedup"]
        t(f"trapped-sysreg loop >= {TARGET_TVM_VS_QEMU}x QEMU ({s:.1f}x)",
          s >= TARGET_TVM_VS_QEMU)
    if "el2sim_startup_s" in res:
        s = res["el2sim_startup_s"]
        t(f"start-up < {TARGET_STARTUP_S * 1e3:.0f} ms ({s * 1e3:.1f} ms, whole empty run)",
          s < TARGET_STARTUP_S)
    p = res.get("probes") or {}
    if p.get("qemu_s") is not None and p.get("el2sim_s") is not None:
        t("probe suite faster than QEMU end to end", p["el2sim_s"] < p["qemu_s"])
    d = res.get("demo") or {}
    if "qemu_wall_s" in d and "el2sim_wall_s" in d:
        t("demo faster than QEMU end to end", d["el2sim_wall_s"] < d["qemu_wall_s"])
    if lines:
        print("\ntargets (issue 9, criterion 3):")
        print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
