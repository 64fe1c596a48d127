#!/bin/sh
# Fuzzes the TFRecord (TensorBoard), W&B and CSV readers with libFuzzer: builds
# scripts/fuzz/FormatsFuzz.swift with the Ingest sources (swiftc -sanitize=fuzzer,address; the
# package's executables have their own main, which libFuzzer's would clash with) once, then
# runs FORMAT (tfrecord, wandb, csv or all) for SECONDS each (default 60), seeding each corpus
# from ../shared/data. Crashes are left as .build-fuzz/FORMAT/crash-* files.
#   scripts/fuzz-formats.sh [FORMAT] [SECONDS] [more libFuzzer options]
set -eu
cd "$(dirname "$0")/.."
format=${1:-all}
seconds=${2:-60}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
out=.build-fuzz
mkdir -p "$out"
ingest=Sources/ScaleTopCore/Ingest
binary="$out/formats-fuzz"
if [ ! -x "$binary" ] || [ -n "$(find scripts/fuzz/FormatsFuzz.swift "$ingest" -newer "$binary" -name '*.swift' | head -1)" ]; then
    if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name FormatsFuzz \
        scripts/fuzz/FormatsFuzz.swift "$ingest"/Formats/CRC32.swift "$ingest"/Formats/TFRecordFraming.swift \
        "$ingest"/Formats/WandbRecordFraming.swift "$ingest"/Formats/CSVRecordDecoder.swift \
        "$ingest"/Formats/ProtobufReader.swift "$ingest"/Formats/TensorBoardEventDecoder.swift \
        "$ingest"/Formats/WandbRecordDecoder.swift "$ingest"/Formats/LineAssembler.swift "$ingest"/JSONScanning/LineScanner.swift \
        "$ingest"/JSONScanning/LineScanner+FlatObject.swift "$ingest"/JSONScanning/FlatKeyCache.swift "$ingest"/JSONScanning/AliasSlots.swift \
        "$ingest"/JSONScanning/ShortKeyTable.swift "$ingest"/KeyCatalog.swift "$ingest"/LogField.swift "$ingest"/JSONScanning/DecimalParser.swift \
        "$ingest"/JSONScanning/EiselLemire.swift "$ingest"/JSONScanning/ScannedLine.swift "$ingest"/JSONScanning/LineFields.swift \
        -o "$binary" 2>"$out/formats-build.log"; then
        cat "$out/formats-build.log" >&2
        exit 1
    fi
fi
seed() {
    dir="$out/$1/corpus"
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir")" ] && return 0
    case $1 in
    tfrecord) for f in ../shared/data/*/*/events.out.tfevents.* ../shared/data/*/events.out.tfevents.*; do
                  [ -f "$f" ] && head -c 4096 "$f" > "$dir/$(basename "$f" | tr -c 'A-Za-z0-9.\n' _)"; done ;;
    wandb) for f in ../shared/data/*/*/run-*.wandb ../shared/data/*/*/*/run-*.wandb; do
               [ -f "$f" ] && head -c 8192 "$f" > "$dir/$(basename "$f")"; done ;;
    csv) for f in ../shared/data/*/metrics.csv ../shared/data/*/*/metrics.csv ../shared/data/*/*.csv; do
             [ -f "$f" ] && head -c 4096 "$f" > "$dir/$(echo "$f" | tr -c 'A-Za-z0-9.\n' _)"; done ;;
    esac
    # Something to start from even without the shared data.
    printf 'step,loss\n1,2.5\n' > "$dir/minimal"
}
run() {
    name=$1
    shift
    seed "$name"
    echo "== $name for $seconds s"
    # Swift's own crash backtracer symbolicates for a minute per crash; libFuzzer reports enough.
    SCALETOP_FUZZ_FORMAT=$name SWIFT_BACKTRACE=enable=no "$binary" -max_total_time="$seconds" -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$out/$name/" "$@" "$out/$name/corpus"
}
if [ "$format" = all ]; then
    for f in tfrecord wandb csv; do run "$f" "$@"; done
else
    run "$format" "$@"
fi
