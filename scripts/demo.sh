#!/usr/bin/env bash
# Quick start, first command: set up, build, and run the demo.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

echo "el2sim: running guests/demo/hello.c at EL2 on the virt board"
"$BUILD/sim/el2sim" --el 2 --semihosting --stats "$BUILD/guests/hello.elf"
