#!/usr/bin/env bash
# Regenerate the goldens derived from QEMU rather than from el2sim (DERIVED
# lists them): run each probe single-stepped under QEMU, count instructions
# (predict.py) and assemble the trace (mkgolden.py). The per-event arguments
# are the parts QEMU's log does not give, worked out by hand:
#   spsr   from the probe's code and the Arm ARM (PSTATE at the exception)
#   cause  the control that routed it: HCR_EL2.IMO (a physical IRQ to EL2, or
#          a vIRQ from a list register), "IRQ" (routed to EL1 architecturally),
#          HVC for the probes' exit hypercalls
#   intid  the INTID the probe's own ICC_IAR1_EL1/ICV_IAR1 read returns and
#          checks: 30 CNTP, 26 CNTHP (the Arm BSA's PPIs, as on QEMU virt),
#          27 the vINTID the probe writes into ICH_LR0_EL2, 25 the maintenance PPI
# usage: regen.sh BUILD_DIR      (writes tests/golden/<probe>.jsonl; review the diff)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$1
qemu=${QEMU:-qemu-system-aarch64}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -o "$tmp/csdis" "$here/csdis.c" -lcapstone
export CSDIS=$tmp/csdis

gen() {
	local probe=$1
	shift
	local elf=$build/guests/probe-$probe.elf
	timeout 600 "$qemu" -M virt,virtualization=on,gic-version=3 -cpu max -m 512M -semihosting \
		-nographic -singlestep -d exec,nochain,int,guest_errors -D "$tmp/$probe.log" \
		-kernel "$elf" </dev/null >/dev/null
	python3 "$here/mkgolden.py" "$elf" "$tmp/$probe.log" "$@" >"$here/../$probe.jsonl"
	echo "regenerated tests/golden/$probe.jsonl"
}

gen timer_el1_gic '0x3c5' '0x60000345:IRQ:30' '0x600003c5' '0x600003c5:HVC'
gen timer_el2_cnthp '0x3c5' '0x600003c5:HCR_EL2.IMO:26' '0x600003c5' '0x600003c5:HVC' \
	'0x60000349:HCR_EL2.IMO:26' '0x600003c9'
gen vgic_lr_inject '0x3c5' '0x60000345:HCR_EL2.IMO:27' '0x600003c5:HVC' '0x600003c5' \
	'0x600003c5:HVC' '0x600003c5' '0x600003c5:HCR_EL2.IMO:25' '0x600003c5' '0x600003c5' \
	'0x600003c5:HVC'
