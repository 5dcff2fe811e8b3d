#!/usr/bin/env python3
"""Write the seed corpora of the fuzz harnesses (docs/testing.md, "Fuzzing").

    python3 tests/fuzz/gen-seeds.py        # rewrites corpus_exec/ and corpus_elf/

corpus_exec/: inputs in fuzz_exec.c's layout: a state at each EL of each
highest-EL configuration, with the MMU off and on and with traps set in
HCR_EL2/SCR_EL3, followed by short instruction sequences (exceptions, ERET,
system registers, loads and stores, exclusives, atomics, cache and TLB
maintenance, WFx). corpus_elf/: small images the loader accepts or refuses
(one PT_LOAD, two, BSS, notes, bad fields, truncations). The output is
deterministic; the files are committed.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
RAM = 0x40000000

# fuzz_exec.c's regs[], in order.
REGS = ["SCTLR_EL1", "SCTLR_EL2", "SCTLR_EL3", "HCR_EL2", "SCR_EL3", "TCR_EL1", "TCR_EL2",
        "TCR_EL3", "TTBR0_EL1", "TTBR1_EL1", "TTBR0_EL2", "TTBR0_EL3", "MAIR_EL1", "MAIR_EL2",
        "MAIR_EL3", "VTCR_EL2", "VTTBR_EL2", "CPACR_EL1", "CPTR_EL2", "CPTR_EL3", "MDCR_EL2",
        "MDCR_EL3", "MDSCR_EL1", "CNTHCTL_EL2", "CNTKCTL_EL1", "CNTVOFF_EL2", "CNTP_CTL_EL0",
        "CNTV_CTL_EL0", "SPSR_EL1", "SPSR_EL2", "SPSR_EL3", "ELR_EL1", "ELR_EL2", "ELR_EL3",
        "HSTR_EL2", "PMCR_EL0"]

# Instruction sequences (encodings from aarch64-linux-gnu-as -march=armv8.2-a).
SEQS = {
    "hvc-eret": [0xd4000002, 0xd69f03e0],
    "svc-smc": [0xd4000021, 0xd4000003, 0xd69f03e0],
    "msr-sctlr-el1": [0xd5181001, 0xd5033fdf, 0xf9400020],
    "msr-hcr": [0xd53c1102, 0xd51c1103, 0xd5033fdf, 0xd69f03e0],
    "ldst": [0xf9400020, 0xf9000462, 0xa9ff17e4, 0xf8400820],
    "excl": [0xc85f7c20, 0xc8027c23, 0xd503305f, 0xc85f7c20],
    "atomic": [0xf8200041, 0xc8e0fc41],
    "wfx": [0xd503207f, 0xd503205f, 0xd503209f],
    "brk-hlt": [0xd4200000, 0xd45e0000],
    "maint": [0xd50b7420, 0xd508871f, 0xd5087800, 0xd508751f, 0xd50c871f],
    "barriers": [0xd5033fdf, 0xd5033f9f, 0xd503221f, 0xd5033f5f],
    "pstate": [0xd5034fff, 0xd50040bf, 0xd5034fdf],
    "branch": [0x14000002, 0x94000001, 0xd61f0020, 0xd65f03c0, 0xb4000040, 0x37180041],
    "alu": [0x91000420, 0xeb040062, 0x9b020c20, 0x9ac20820, 0xd3431c20],
    "vbar-tcr-ttbr": [0xd518c000, 0xd5182041, 0xd5182002, 0xd5033fdf, 0xf9400020],
    "el2-regs": [0xd51c2103, 0xd51c4024, 0xd51c4005, 0xd69f03e0],
    "el3-regs": [0xd51e1101, 0xd5033fdf, 0xd69f03e0],
    "counter": [0xd53be020, 0xf9800000, 0xd53be020],
    "udf": [0x00000000, 0xd4000002],
}


def exec_input(highest, el, spsel, regs, xs, words, flags=0x3c, irq=0, pc_word=0):
    b = bytearray([highest - 1, (el & 3) | (spsel << 2) | irq, flags])
    b += struct.pack("<H", pc_word)
    for r in REGS:
        b += struct.pack("<Q", regs.get(r, 0))
    for n in range(35):  # X0-X30, SP_EL0-SP_EL3: selector 1 folds into RAM
        sel, v = xs.get(n, (1, 0x8000 + 0x100 * n))
        b += bytes([sel]) + struct.pack("<Q", v)
    for w in words:
        b += struct.pack("<I", w)
    return bytes(b)


def exec_seeds():
    # Stage 1 on: 4 KiB granule, T0SZ 25, tables at RAM + 0x8000 (zeros: translation faults).
    mmu = {"SCTLR_EL1": 1, "TCR_EL1": 25 | (0b10 << 30), "TTBR0_EL1": RAM + 0x8000,
           "MAIR_EL1": 0xff}
    configs = {
        "plain": {},
        "mmu": mmu,
        "traps": {"HCR_EL2": (1 << 19) | (1 << 13) | (1 << 14) | (1 << 26) | 0x38,
                  "SCR_EL3": 1 | (1 << 7) | (1 << 8) | (1 << 13) | (1 << 12)},
        "stage2": {"HCR_EL2": 1, "VTCR_EL2": 25 | (1 << 6), "VTTBR_EL2": RAM + 0x9000,
                   "SCR_EL3": 1 | (1 << 8)},
        "eret": {"SPSR_EL1": 0x3c5, "SPSR_EL2": 0x3c5, "SPSR_EL3": 0x3c9,
                 "ELR_EL1": RAM + 0x100, "ELR_EL2": RAM + 0x100, "ELR_EL3": RAM + 0x100,
                 "SCR_EL3": 1 | (1 << 8)},
    }
    seeds = {}
    names = sorted(SEQS)
    i = 0
    for highest in (1, 2, 3):
        for el in range(highest + 1):
            for cname in sorted(configs):
                seq = names[i % len(names)]
                i += 1
                words = SEQS[seq] + SEQS[names[(i * 7) % len(names)]]
                seeds[f"h{highest}-el{el}-{cname}-{seq}"] = exec_input(
                    highest, el, 1 if el else 0, configs[cname], {}, words)
    seeds["irq-pending"] = exec_input(2, 1, 1, {"HCR_EL2": 0x18}, {}, SEQS["pstate"],
                                      flags=0, irq=0xf0)
    seeds["raw-addresses"] = exec_input(3, 3, 1, {}, {n: (0, 0xffff000000000000 | n)
                                                     for n in range(35)}, SEQS["ldst"])
    return seeds


def elf(segs, entry=RAM, etype=2, machine=183, phentsize=56, extra=b"", phnum=None, cls=2):
    """segs: [(p_type, offset, paddr, filesz, memsz)]; data follows the headers."""
    eh = bytearray(b"\x7fELF" + bytes([cls, 1, 1]) + bytes(9))
    ph_off = 64
    phn = len(segs) if phnum is None else phnum
    eh += struct.pack("<HHIQQQIHHHHHH", etype, machine, 1, entry, ph_off, 0, 0, 64, phentsize,
                      phn, 0, 0, 0)
    for t, off, pa, fs, ms in segs:
        eh += struct.pack("<IIQQQQQQ", t, 5, off, pa, pa, fs, ms, 16)
    return bytes(eh) + extra


def elf_seeds():
    code = struct.pack("<4I", 0xd2800000, 0xd45e0000, 0x14000000, 0xd503201f)
    d = 64 + 56 * 2
    one = 64 + 56
    return {
        "one-load": elf([(1, one, RAM, 16, 16)], extra=code),
        "load-bss": elf([(1, one, RAM, 16, 0x100)], extra=code),
        "two-loads": elf([(1, d, RAM, 16, 16), (1, d, RAM + 0x1000, 8, 32)], extra=code),
        "note-load": elf([(4, d, 0, 16, 16), (1, d, RAM + 0x10, 16, 16)], entry=RAM + 0x10,
                         extra=code),
        "zero-memsz": elf([(1, d, RAM, 0, 0), (1, d, RAM, 16, 16)], extra=code),
        "entry-outside": elf([(1, one, RAM, 16, 16)], entry=0x1000, extra=code),
        "seg-outside": elf([(1, one, 0x09000000, 16, 16)], extra=code),
        "seg-past-end": elf([(1, one, RAM + 0xfff00, 16, 0x200)], extra=code),
        "filesz-past-file": elf([(1, one, RAM, 0x1000, 0x1000)], extra=code),
        "memsz-lt-filesz": elf([(1, one, RAM, 16, 8)], extra=code),
        "huge-phnum": elf([(1, one, RAM, 16, 16)], phnum=0xffff, extra=code),
        "bad-phentsize": elf([(1, one, RAM, 16, 16)], phentsize=32, extra=code),
        "bad-machine": elf([(1, one, RAM, 16, 16)], machine=62, extra=code),
        "elf32": elf([(1, one, RAM, 16, 16)], cls=1, extra=code),
        "dyn": elf([(1, one, RAM, 16, 16)], etype=3, extra=code),
        "truncated-ph": elf([(1, one, RAM, 16, 16)])[:90],
        "header-only": elf([])[:64],
        "wrap": elf([(1, one, 0xfffffffffffffff0, 16, 0x20)], extra=code),
    }


def write(dirname, seeds):
    path = os.path.join(HERE, dirname)
    os.makedirs(path, exist_ok=True)
    for f in os.listdir(path):
        os.remove(os.path.join(path, f))
    for name, data in seeds.items():
        with open(os.path.join(path, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    write("corpus_exec", exec_seeds())
    write("corpus_elf", elf_seeds())
