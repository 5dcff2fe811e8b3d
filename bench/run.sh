#!/bin/sh
# SPDX-License-Identifier: MIT
# Usage: bench/run.sh BUILD_DIR [ELF]
#
# Runs the SHA-256 bench guest (guests/sha256-bench.elf: 4 MiB hashed,
# integer only) on BUILD_DIR/sim/el2sim with --stats and prints its MIPS;
# times qemu-system-aarch64 (TCG) on the same ELF too if it is installed.
# Builds nothing. BENCH_RUNS (default 3) runs each, the fastest counts.
set -eu

build=${1:?usage: bench/run.sh BUILD_DIR [ELF]}
elf=${2:-$build/guests/sha256-bench.elf}
sim=$build/sim/el2sim
runs=${BENCH_RUNS:-3}
qemu=${QEMU:-qemu-system-aarch64}
# BENCH_EL: the EL both simulators start at (default: el2sim's default EL2,
# QEMU's plain virt EL1; the SHA-256 workload does not care).
el=${BENCH_EL:-}
case "$el" in
'') sim_el= ; qemu_machine=virt ;;
1) sim_el="--el 1" ; qemu_machine=virt ;;
2) sim_el="--el 2" ; qemu_machine=virt,virtualization=on ;;
3) sim_el="--el 3" ; qemu_machine=virt,virtualization=on,secure=on ;;
*) echo "run.sh: BENCH_EL must be 1, 2 or 3" >&2; exit 1 ;;
esac

[ -x "$sim" ] || { echo "run.sh: no el2sim at $sim (build it first)" >&2; exit 1; }
[ -f "$elf" ] || { echo "run.sh: no bench guest at $elf (configure with -Dguests=enabled)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }

# best_of CMD...: runs CMD $runs times, prints the shortest wall time in
# seconds and leaves that run's stdout and stderr in $tmp/out and $tmp/err;
# fails if CMD does.
best_of() {
	best=
	i=0
	while [ "$i" -lt "$runs" ]; do
		t0=$(now)
		"$@" >"$tmp/run.out" 2>"$tmp/run.err" || {
			echo "run.sh: failed (status $?): $*" >&2
			cat "$tmp/run.err" >&2
			return 1
		}
		t1=$(now)
		t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
		if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then
			best=$t
			mv "$tmp/run.out" "$tmp/out"
			mv "$tmp/run.err" "$tmp/err"
		fi
		i=$((i + 1))
	done
	echo "$best"
}

echo "workload: $elf"

# shellcheck disable=SC2086 # $sim_el is empty or two words
wall=$(best_of "$sim" $sim_el --semihosting --stats "$elf")
digest=$(cat "$tmp/out")
stats=$(grep '^el2sim: stats: insns=' "$tmp/err" | tail -n 1 || true)
if [ -z "$stats" ]; then
	echo "run.sh: el2sim printed no 'el2sim: stats: insns=' line on stderr" >&2
	exit 1
fi
# el2sim: stats: insns=N seconds=S mips=M
field() { echo "$stats" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
insns=$(field insns)
mips=$(field mips)
printf 'el2sim:  %s\n' "$digest"
printf 'el2sim:  %s instructions in %s s (el2sim), %s s wall: %s MIPS\n' \
	"$insns" "$(field seconds)" "$wall" "$mips"

if command -v "$qemu" >/dev/null 2>&1; then
	wall=$(best_of "$qemu" -M "$qemu_machine" -cpu max -m 512M -display none -monitor none \
		-chardev stdio,mux=on,id=con -serial chardev:con \
		-semihosting-config enable=on,target=native,chardev=con -kernel "$elf")
	printf 'qemu:    %s\n' "$(cat "$tmp/out")"
	[ "$(cat "$tmp/out")" = "$digest" ] || echo "run.sh: WARNING: qemu and el2sim disagree" >&2
	awk -v n="$insns" -v t="$wall" -v m="$mips" 'BEGIN {
		q = n / t / 1e6
		printf "qemu:    %.3f s wall incl. start-up: ~%.1f MIPS at el2sim'"'"'s instruction count\n", t, q
		if (m > 0)
			printf "ratio:   qemu/el2sim %.2fx\n", q / m
	}'
else
	echo "qemu:    $qemu not found, skipped"
fi
