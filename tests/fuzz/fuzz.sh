#!/usr/bin/env bash
# Build one libFuzzer harness with clang and run it: the meson tests of suite
# 'fuzz' (tests/fuzz/meson.build) and docs/testing.md, "Fuzzing".
#
#   fuzz.sh SRC_ROOT OUT_DIR HARNESS     HARNESS: exec or elf
#
# Builds OUT_DIR/fuzz_HARNESS from tests/fuzz/fuzz_HARNESS.c and the el2sim
# sources with -fsanitize=fuzzer,address,undefined (again only when a source
# is newer), replays every tests/fuzz/regressions/HARNESS-* file and the seed
# corpus tests/fuzz/corpus_HARNESS/, then fuzzes for EL2SIM_FUZZ_SECONDS
# seconds (default 0: replay only). New corpus entries go to
# OUT_DIR/corpus-HARNESS/, crashes to OUT_DIR/artifacts-HARNESS/.
# Exits 77 (skipped) when clang cannot build a libFuzzer program.
set -euo pipefail

src=$1 out=$2 h=$3
secs=${EL2SIM_FUZZ_SECONDS:-0}
clang=${EL2SIM_FUZZ_CC:-clang}
fz=$src/tests/fuzz
bin=$out/fuzz_$h

command -v "$clang" >/dev/null || { echo "fuzz: $clang not found: skipped"; exit 77; }
mkdir -p "$out"
probe=$out/fuzz_probe
if [ ! -x "$probe" ]; then
	printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return 0; }\n' >"$probe.c"
	if ! "$clang" -fsanitize=fuzzer,address,undefined -o "$probe" "$probe.c" 2>"$probe.log"; then
		echo "fuzz: $clang cannot link -fsanitize=fuzzer (libclang-rt-*-dev missing?): skipped"
		cat "$probe.log"
		exit 77
	fi
fi

case $h in
exec) srcs=("$src"/sysregs/*.c "$src"/cpu/*.c) maxlen=1024 ;;
elf) srcs=("$src"/sysregs/*.c "$src"/cpu/*.c "$src"/sim/board.c "$src"/sim/elf_load.c
	"$src"/sim/hostio.c "$src"/sim/dev/pl011.c "$src"/sim/dev/gicv3*.c) maxlen=4096 ;;
*) echo "fuzz: unknown harness $h" >&2; exit 2 ;;
esac

if [ ! -x "$bin" ] || [ -n "$(find "$src/cpu" "$src/sysregs" "$src/sim" "$fz" -newer "$bin" \
	\( -name '*.[ch]' -o -name '*.def' \) -print -quit)" ]; then
	echo "fuzz: building $bin"
	"$clang" -std=gnu11 -O1 -g -fno-omit-frame-pointer \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I "$src/cpu" -I "$src/sysregs" -I "$src/sim" -I "$src/sim/dev" \
		-o "$bin.tmp" "$fz/fuzz_$h.c" "${srcs[@]}"
	mv "$bin.tmp" "$bin"
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
opts=(-timeout=10 -rss_limit_mb=2048 -max_len=$maxlen)

shopt -s nullglob
regs=("$fz"/regressions/"$h"-*)
if [ ${#regs[@]} -gt 0 ]; then
	echo "fuzz: replaying ${#regs[@]} regression(s)"
	"$bin" "${opts[@]}" "${regs[@]}"
fi

work=$out/corpus-$h
mkdir -p "$work" "$out/artifacts-$h"
if [ "$secs" -gt 0 ]; then
	echo "fuzz: fuzzing $h for $secs s"
	"$bin" "${opts[@]}" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$out/artifacts-$h/" "$work" "$fz/corpus_$h"
else
	echo "fuzz: replaying the seed corpus"
	"$bin" "${opts[@]}" -runs=0 "$fz/corpus_$h"
fi
