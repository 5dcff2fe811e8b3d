#!/usr/bin/env bash
# Quick start, second command: set up, build, and run every test suite:
# the normal build, the suites that start el2sim again in the reference mode
# (--setup nocache), then the unit and CLI suites again under
# AddressSanitizer and UndefinedBehaviorSanitizer, then the format check.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

echo "== tests (build: $BUILD)"
meson test -C "$BUILD" --print-errorlogs --num-processes "$(nproc)"

echo "== the same suites in the reference mode, without the decode cache (--setup nocache)"
meson test -C "$BUILD" --print-errorlogs --num-processes "$(nproc)" --setup nocache

echo "== fuzz smoke: each libFuzzer harness for 60 s, the storm (build: $BUILD)"
EL2SIM_FUZZ_SECONDS=60 meson test -C "$BUILD" --print-errorlogs --suite fuzz

ASAN_BUILD=${ASAN_BUILD:-$EL2SIM_ROOT/build-asan}
echo "== tests under -fsanitize=address,undefined (build: $ASAN_BUILD)"
el2sim_build "$ASAN_BUILD" -Db_sanitize=address,undefined -Db_lundef=false
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
	meson test -C "$ASAN_BUILD" --print-errorlogs --suite unit --suite cli --suite diff --suite hyp

echo "== format (.clang-format)"
bash "$EL2SIM_ROOT/scripts/check-format.sh"
