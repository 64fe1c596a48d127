#!/bin/sh
# Builds the release binary for any x86-64/arm64 Linux with glibc: the Swift runtime and Foundation
# linked in (--static-swift-stdlib) and ncursesw linked from its static archive, so it needs only
# libc, libm, libstdc++ and libgcc_s. Prints the binary's path as its last line.
set -eu
cd "$(dirname "$0")/.."
archive=$(find /usr/lib /lib -name libncursesw.a 2>/dev/null | head -n 1)
if [ -z "$archive" ]; then
    echo "build-release: no libncursesw.a (Debian: apt-get install libncurses-dev)" >&2
    exit 1
fi
SCALETOP_STATIC_NCURSES=$(dirname "$archive") \
    swift build -c release --product scaletop --static-swift-stdlib --scratch-path .build-release >&2
mkdir -p dist
cp .build-release/release/scaletop dist/scaletop
strip dist/scaletop
echo "$(pwd)/dist/scaletop"
