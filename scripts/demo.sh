#!/usr/bin/env bash
# Quick start, first command: set up, build, and run the demo.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

echo "el2sim: running guests/demo/hello.c at EL2 on the virt board"
"$BUILD/sim/el2sim" --el 2 --semihosting --stats "$BUILD/guests/hello.elf"

# Until the hypervisor demo lands: a guest that starts at EL3, drops to EL2,
# and takes an HVC and SMCs, every exception entry and return traced with
# the control that routed it.
echo
echo "el2sim: tracing guests/probes/el3_to_el2_drop.c (EL3 -> EL2, HVC, SMC)"
"$BUILD/sim/el2sim" --el 3 --semihosting --trace exc,eret \
	"$BUILD/guests/probe-el3_to_el2_drop.elf"
