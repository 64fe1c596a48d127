#!/bin/sh
# Checks the release binary and the wheel as a user without a Swift toolchain would meet them:
# no Swift library linked, and with the toolchain's directory hidden (a private mount namespace,
# an empty directory mounted over it) `--version`, `report --json` and the demo in tmux work;
# then the same for `scaletop` installed from the wheel into a fresh virtual environment.
# Builds both first unless given: check-release.sh [BINARY WHEEL]. Needs root (unshare -m).
set -eu
cd "$(dirname "$0")/.."
binary=${1:-$(sh scripts/build-release.sh | tail -n 1)}
wheel=${2:-$(sh scripts/build-wheel.sh "$binary" | tail -n 1)}
data=$(cd ../shared/data/sweep-li2025 && pwd)
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
work=$(mktemp -d)
trap 'tmux kill-session -t scaletop-release-check 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir "$work/empty"

fail() { echo "check-release: $*" >&2; exit 1; }

if ldd "$binary" | grep -Ei 'swift|foundation|dispatch|ncurses|tinfo'; then
    fail "the binary links the libraries above dynamically"
fi

# Runs "$@" with the toolchain hidden.
hidden() {
    unshare -m sh -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' sh "$work/empty" "$toolchain" "$@"
}

smoke() {
    program=$1
    [ "$(hidden ls -A "$toolchain" | wc -l)" = 0 ] && [ "$(ls -A "$toolchain" | wc -l)" != 0 ] || fail "the toolchain is not hidden"
    hidden "$program" --version | grep -q '^scaletop [0-9.]* (commit ' || fail "$program --version"
    hidden "$program" report "$data" --json > "$work/report.json"
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); assert len(r["runs"]) == 11, r["runs"]' "$work/report.json" \
        || fail "$program report --json"
    tmux kill-session -t scaletop-release-check 2>/dev/null || true
    tmux new-session -d -s scaletop-release-check -x 120 -y 40 \
        "unshare -m sh -c 'mount --bind $work/empty $toolchain && LANG=C.UTF-8 exec $program demo --speed 6'; sleep 30"
    for _ in $(seq 1 60); do
        screen=$(tmux capture-pane -p -t scaletop-release-check)
        # The runs' names and braille dots of the plot.
        if echo "$screen" | python3 -c 'import sys; s = sys.stdin.read(); sys.exit(0 if "sim01" in s and any(0x2801 <= ord(c) <= 0x28FF for c in s) else 1)'; then
            break
        fi
        sleep 0.5
    done
    echo "$screen" | python3 -c 'import sys; s = sys.stdin.read(); sys.exit(0 if "sim01" in s and any(0x2801 <= ord(c) <= 0x28FF for c in s) else 1)' \
        || { echo "$screen" >&2; fail "$program demo drew no plot"; }
    tmux send-keys -t scaletop-release-check q
    tmux kill-session -t scaletop-release-check
    echo "check-release: $program: --version, report --json and the demo pass with $toolchain hidden" >&2
}

smoke "$binary"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --no-index "$wheel"
smoke "$work/venv/bin/scaletop"
echo "check-release: binary $(du -h "$binary" | cut -f1), wheel $(du -h "$wheel" | cut -f1)" >&2
