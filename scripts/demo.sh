#!/usr/bin/env bash
# Quick start, first command: set up, build, and run the demo: the EL2
# hypervisor hyp/ running two guest OSes, each an EL1 kernel with EL0 tasks.
# Exits with el2sim's status: 0 when both guests finished their work.
# EL2SIM_DEMO_TRACE=1 prints the whole exception trace instead of its start.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

HYP="$BUILD/hyp/hyp.elf"
echo "el2sim: hyp/ with two guests (vm0 rr-os, vm1 primes), started at EL2"
"$BUILD/sim/el2sim" --el 2 --semihosting --stats "$HYP"

# The same run, traced: every exception entry and return, with its syndrome
# decoded, the instruction, the INTID of an interrupt, and the control that
# routed it. Deterministic: the same trace on every run.
TRACE="$BUILD/hyp-trace.txt"
"$BUILD/sim/el2sim" --el 2 --semihosting --trace exc,eret --trace-file "$TRACE" "$HYP" >/dev/null
echo
if [ "${EL2SIM_DEMO_TRACE:-0}" != 0 ]; then
	cat "$TRACE"
else
	echo "el2sim: $(wc -l <"$TRACE") trace lines in $TRACE; here the first 40 but" \
		"the emulated UART accesses (DABT_LOW) and their returns" \
		"(EL2SIM_DEMO_TRACE=1 prints them all)"
	awk '/DABT_LOW/ && /FAR=0x90000/ { skip = 1; next } skip { skip = 0; next } { print }' \
		"$TRACE" | sed -n '1,40p'
	exit "${PIPESTATUS[0]}"
fi
