#!/usr/bin/env bash
# Build the 64-bit sqlite3.dll that replaces the Windows bundle's (and the Windows CPython's).
#
# Why: python.org's Windows builds ship the SQLite they were released with (3.11.9: 3.45.1), which has
# the WAL-reset bug (fixed in 3.51.3): the app would warn about it on every Windows PC. The npm package
# better-sqlite3 carries the official SQLite amalgamation (sqlite3.c); Debian's mingw-w64 cross-compiles
# it with the same options CPython's Windows build uses (PCbuild/sqlite3.vcxproj): FTS4, FTS5, R*Tree,
# math functions, no auto-init, exported API. Thread safety and the rest stay at SQLite's defaults, as
# in CPython's build. The DLL is plain C against kernel32 and msvcrt: no extra runtime to ship.
#
#   bash packaging/windows/build_sqlite_dll.sh [OUT.dll]     (default build/windows/sqlite3.dll)
#
# Cached: rebuilt only when sqlite3.c or the options change (about 1½ minutes on 2 cores).
set -euo pipefail
# shellcheck source=packaging/windows/wine_env.sh
source "$(dirname "$0")/wine_env.sh"
OUT="${1:-$WIN_ROOT/build/windows/sqlite3.dll}"

# The minimum that has the WAL-reset fix (dvcq_desktop/services/startup_checks.py, WAL_FIX).
MIN_VERSION_NUMBER=3051003
DEFINES=(
    -DSQLITE_ENABLE_MATH_FUNCTIONS
    -DSQLITE_ENABLE_FTS4
    -DSQLITE_ENABLE_FTS5
    -DSQLITE_ENABLE_RTREE
    -DSQLITE_OMIT_AUTOINIT
    "-DSQLITE_API=__declspec(dllexport)"
)
CC=x86_64-w64-mingw32-gcc
command -v "$CC" >/dev/null 2>&1 || apt_ensure gcc-mingw-w64-x86-64

PKG="$(npm_unpack better-sqlite3 "$BETTER_SQLITE3_VERSION")"
SRC="$PKG/deps/sqlite3"
number="$(sed -n 's/^#define SQLITE_VERSION_NUMBER *\([0-9]*\).*/\1/p' "$SRC/sqlite3.h")"
version="$(sed -n 's/^#define SQLITE_VERSION *"\([0-9.]*\)".*/\1/p' "$SRC/sqlite3.h")"
if [ "${number:-0}" -lt "$MIN_VERSION_NUMBER" ]; then
    echo "better-sqlite3 $BETTER_SQLITE3_VERSION ships SQLite $version, older than 3.51.3 (WAL-reset fix)" >&2
    exit 1
fi

key="$( (sha256sum "$SRC/sqlite3.c"; echo "${DEFINES[*]}"; "$CC" --version | head -1) | sha256sum | cut -c1-16)"
cached="$WIN_CACHE/sqlite/$key/sqlite3.dll"
if [ ! -f "$cached" ]; then
    win_log "compiling SQLite $version for Windows x64 ($CC)"
    mkdir -p "$(dirname "$cached")"
    "$CC" -O2 -shared -s -static-libgcc "${DEFINES[@]}" -I"$SRC" -o "$cached.tmp" "$SRC/sqlite3.c"
    mv "$cached.tmp" "$cached"
fi
mkdir -p "$(dirname "$OUT")"
cp "$cached" "$OUT"
echo "$version" >"$(dirname "$OUT")/sqlite3.dll.version"
win_log "sqlite3.dll: SQLite $version, $(du -k "$OUT" | cut -f1) KB -> $OUT"
