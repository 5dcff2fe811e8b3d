#!/usr/bin/env bash
# Shared set-up of the two Quick start commands: install what is missing
# (Debian bookworm, as root or through sudo), configure and build.
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail

EL2SIM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$EL2SIM_ROOT/build}

# Debian packages el2sim needs to build, test and run its guests.
EL2SIM_PACKAGES=(
	meson ninja-build pkg-config gcc libc6-dev python3
	libcapstone-dev libcmocka-dev libsdl2-dev
	gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
	clang-format qemu-system-arm
	clang libclang-rt-14-dev
	valgrind
)

el2sim_install_missing() {
	local missing=()
	for p in "${EL2SIM_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "el2sim: installing ${missing[*]}"
	local sudo=()
	[ "$(id -u)" -ne 0 ] && sudo=(sudo)
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
}

# el2sim_build DIR [meson options...]
el2sim_build() {
	local dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$EL2SIM_ROOT" "$@" >/dev/null
	fi
	ninja -C "$dir" >/dev/null
}

el2sim_install_missing
el2sim_build "$BUILD"
