#!/usr/bin/env bash
# Runs each fuzz target for a bounded time with its corpora; called by `make fuzz`.
# Usage: Fuzz/run-fuzzers.sh BUILD_DIR OUT_DIR SECONDS TARGET...
# Working corpora, crash artifacts and the template stores go under OUT_DIR (git-ignored);
# the committed seeds in Fuzz/corpus/TARGET are read, never written. Exit status 1 when any
# target found a crash, a hang, a leak or an excessive allocation.
set -u
build=$1 out=$2 seconds=$3; shift 3
export SCHAKEL_FUZZ_STATE="$out/state"
# Swift globals initialised once look like leaks to LeakSanitizer at exit; growth per input
# is caught by -rss_limit_mb instead.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
mkdir -p "$out/state" && chmod 700 "$out" "$out/state"
failed=()
for t in "$@"; do
  bin="$build/debug/$t"
  [ -x "$bin" ] || { echo "fuzz: $bin missing (build first)"; exit 2; }
  mkdir -p "$out/corpus/$t" "$out/artifacts/$t" "$out/logs"
  corpora=("$out/corpus/$t")
  [ -d "Fuzz/corpus/$t" ] && corpora+=("Fuzz/corpus/$t")
  # Seeds bound to the template stores: the target writes them at its first start, before
  # libFuzzer reads its corpora.
  mkdir -p "$out/state/seeds/$t" && corpora+=("$out/state/seeds/$t")
  dict=(); [ -f "Fuzz/dict/$t.dict" ] && dict=(-dict="Fuzz/dict/$t.dict")
  echo "== $t (${seconds}s)"
  # -timeout: one input taking longer is a hang; -rss_limit_mb / -malloc_limit_mb: excessive memory.
  "$bin" "${corpora[@]}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -malloc_limit_mb=1024 -detect_leaks=0 \
    -artifact_prefix="$out/artifacts/$t/" -print_final_stats=1 "${dict[@]}" ${FUZZ_FLAGS:-} >"$out/logs/$t.log" 2>&1
  rc=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$out/logs/$t.log" | tr '\n' ' '; echo
  if [ $rc -ne 0 ]; then
    failed+=("$t")
    echo "!! $t failed (exit $rc); log: $out/logs/$t.log; artifacts: $out/artifacts/$t/"
    grep -E 'ERROR: libFuzzer|ERROR: AddressSanitizer|Fatal error|fuzz property|SUMMARY' "$out/logs/$t.log" | head -5
  fi
done
if [ ${#failed[@]} -gt 0 ]; then echo "fuzz: failures in: ${failed[*]}"; exit 1; fi
echo "fuzz: all ${#@} targets ran ${seconds}s each without a finding"
