"""The one qemu-system-aarch64 command line the QEMU-side tests and the
benchmarks use to run an el2sim image (tests/diff/diff-run.py,
bench/bench.py): the same board, EL and consoles as el2sim's."""

# QEMU virt starts -kernel ELFs at EL1; these machine options start at EL2/EL3
# (EL3 with EL2 implemented below it, as el2sim --el 3 has). Always the GICv3
# (QEMU's default is a GICv2), as el2sim's board: distributor 0x0800_0000,
# redistributors 0x080A_0000.
QEMU_MACHINE = {1: "virt,gic-version=3", 2: "virt,virtualization=on,gic-version=3",
                3: "virt,virtualization=on,secure=on,gic-version=3"}


def qemu_command(qemu, el, elf):
    # One muxed stdio chardev for the PL011 and semihosting, so both reach
    # stdout in the order the guest wrote them.
    return [qemu, "-M", QEMU_MACHINE[el], "-cpu", "max", "-m", "512M",
            "-display", "none", "-monitor", "none",
            "-chardev", "stdio,mux=on,id=con", "-serial", "chardev:con",
            "-semihosting-config", "enable=on,target=native,chardev=con",
            "-kernel", elf]
