#!/usr/bin/env bash
# Runs every fuzz target built in BUILD_DIR (see CMakeLists.txt here) for SECONDS each, over a
# scratch copy of its seed corpus (tests/fuzz/corpus/<name>/, empty when there is none), so the
# committed seeds never change. Exits 1 when a target crashes, leaks, times out or runs out of
# memory; the input that did it is kept under BUILD_DIR/fuzz/artifacts/<name>/.
#   tests/fuzz/run.sh build-fuzz 60
set -euo pipefail

if [ $# -ne 2 ] || ! [[ $2 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)

shopt -s nullglob
targets=("$build"/fuzz/*_fuzz)
if [ ${#targets[@]} -eq 0 ]; then
  echo "no fuzz targets in $build/fuzz: configure with -DALIGNCV_FUZZ=ON and build fuzz_targets" >&2
  exit 2
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Fontconfig, which poppler uses to resolve fonts, keeps a process-wide cache it never frees;
# only leaks inside those third-party libraries are forgiven.
printf 'leak:libfontconfig.so\nleak:libpoppler.so\nleak:libpoppler-cpp.so\n' >"$scratch/lsan.supp"
export LSAN_OPTIONS="suppressions=$scratch/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
failed=0
passed=0
for target in "${targets[@]}"; do
  name=$(basename "$target" _fuzz)
  corpus="$scratch/corpus/$name"
  artifacts="$build/fuzz/artifacts/$name"
  mkdir -p "$corpus" "$artifacts"
  if [ -d "$here/corpus/$name" ]; then cp -R "$here/corpus/$name/." "$corpus/"; fi
  log="$scratch/$name.log"
  echo "==> $name: ${seconds}s from $(find "$corpus" -type f | wc -l) seeds"
  if "$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" | sed 's/^/    /'
    echo "    corpus grew to $(find "$corpus" -type f | wc -l) inputs"
    passed=$((passed + 1))
  else
    tail -n 60 "$log"
    echo "FAILED: $name (reproducer in $artifacts/)" >&2
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
