#!/bin/sh
# Fuzzes LineScanner and LineAssembler with libFuzzer: builds scripts/fuzz/LineScannerFuzz.swift
# with the Ingest sources (swiftc -sanitize=fuzzer,address; the package's executables have their
# own main, which libFuzzer's would clash with), seeds a corpus with every line of
# ../shared/data, and runs for SECONDS (default 60). Crashes are left as .build-fuzz/crash-* files.
#   scripts/fuzz-line-scanner.sh [SECONDS] [more libFuzzer options]
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
out=.build-fuzz
mkdir -p "$out/corpus"
ingest=Sources/ScaleTopCore/Ingest
if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name LineScannerFuzz \
    scripts/fuzz/LineScannerFuzz.swift "$ingest/LineScanner.swift" "$ingest/LineAssembler.swift" \
    "$ingest/KeyCatalog.swift" "$ingest/LogField.swift" "$ingest/DecimalParser.swift" "$ingest/ScannedLine.swift" \
    -o "$out/line-scanner-fuzz" 2>"$out/build.log"; then
    cat "$out/build.log" >&2
    exit 1
fi
if [ -z "$(ls -A "$out/corpus")" ]; then
    cat ../shared/data/sweep-li2025/*.jsonl ../shared/data/chinchilla-epoch/results.jsonl 2>/dev/null |
        awk -v dir="$out/corpus" '{ print > (dir "/seed" NR) ; close(dir "/seed" NR) }'
fi
# Swift's own crash backtracer symbolicates for a minute per crash; libFuzzer reports enough.
SWIFT_BACKTRACE=enable=no exec "$out/line-scanner-fuzz" -max_total_time="$seconds" -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$out/" "$@" "$out/corpus"
