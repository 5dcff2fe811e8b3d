#!/usr/bin/env bash
# Every C source and header must match .clang-format (tables keep their
# columns behind "// clang-format off").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files '*.c' '*.h' 2>/dev/null || find . -name '*.[ch]' -not -path './build*')
clang-format --dry-run --Werror "${files[@]}"
echo "format: ${#files[@]} files clean"
