#!/usr/bin/env bash
# Builds the libFuzzer targets in tests/fuzz/ with clang (ASan + UBSan) and
# runs each for FUZZ_SECONDS on a scratch copy of its seed corpus
# (tests/fuzz/corpus/NAME). The code under test is compiled with coverage
# instrumentation; whatever else it needs is linked from the regular build's
# libtrae.a. Prints one "fuzz NAME: ok|CRASH ..." line per target.
# Usage: tests/verify/fuzz.sh BUILD_DIR OUT_DIR
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
OUT=${2:-$BUILD/verify/fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
mkdir -p "$OUT"
CXX=${FUZZ_CXX:-clang++}
FLAGS=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer
       -I"$ROOT/src" -I"$BUILD/generated/httplib" -DTRAE_VERSION=\"fuzz\")
LIBS=("$BUILD/libtrae.a" /usr/lib/x86_64-linux-gnu/libSQLiteCpp.a -lsqlite3 -largon2 -lssl -lcrypto -lz
      -lpthread -ldl)

declare -A SOURCES=(
  [json_body]="src/http/json_body.cpp src/core/error.cpp"
  [query]="src/http/query_params.cpp src/http/message.cpp src/core/search.cpp src/core/error.cpp"
  [fts_query]="src/core/search.cpp"
  [jwt]="src/security/jwt.cpp src/security/crypto.cpp"
  [importers]="src/app/importers.cpp"
)
status=0
total_runs=0
for name in json_body query fts_query jwt importers; do
  bin="$OUT/fuzz_$name"
  srcs=()
  for s in ${SOURCES[$name]}; do srcs+=("$ROOT/$s"); done
  if ! $CXX "${FLAGS[@]}" "$ROOT/tests/fuzz/fuzz_$name.cpp" "${srcs[@]}" "${LIBS[@]}" -o "$bin" \
      >"$OUT/$name.build.log" 2>&1; then
    echo "fuzz $name: BUILD FAILED (see $OUT/$name.build.log)"
    status=1
    continue
  fi
  work="$OUT/corpus_$name"
  rm -rf "$work" && mkdir -p "$work" && cp "$ROOT/tests/fuzz/corpus/$name/"* "$work/"
  (cd "$OUT" && "$bin" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
     -print_final_stats=1 "$work" >"$OUT/$name.log" 2>&1)
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$OUT/$name.log" | grep -o '[0-9]*$' | tail -1)
  total_runs=$((total_runs + ${runs:-0}))
  if [ $rc -eq 0 ]; then
    echo "fuzz $name: ok, ${runs:-?} inputs in ${SECONDS_EACH}s, corpus $(ls "$work" | wc -l) files"
  else
    echo "fuzz $name: CRASH (exit $rc; see $OUT/$name.log and $OUT/crash-*)"
    status=1
  fi
done
echo "fuzz: $([ $status -eq 0 ] && echo ok || echo FAIL) (5 targets, $total_runs inputs in total, ${SECONDS_EACH} s each)"
exit $status
