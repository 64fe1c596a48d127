#!/bin/sh
# Prints a `swift test --skip` pattern that names every suite tagged `.slow`, read from the
# tests themselves, so the tag is the one list:  swift test --skip "$(scripts/slow-suites.sh)"
cd "$(dirname "$0")/.." || exit 1
grep -rh -A1 --include='*.swift' '@Suite(.*\.tags(\.slow)' Tests \
    | grep -o 'struct [A-Za-z0-9_]*' | sed 's/^struct //' | sort -u | paste -sd'|' -
