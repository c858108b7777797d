#!/usr/bin/env bash
# Smoke test of the built Linux bundle (run packaging/build_bundle.sh first):
# --version of both executables; init + demo + export + verify in a temporary workspace; the trusted
# channel (a plan file signed, a package sealed for the office and opened there, a receipt and its
# reply .eml), which loads cryptography and pyrage from the bundle; a batch imported through the
# reader processes the bundle spawns (and the GUI executable started as such a child); the GUI
# started offscreen opens the main window, visits every page, saves a screenshot and exits 0.
#   bash packaging/smoke_test.sh [BUNDLE_DIR]     (default dist/dvcq-desktop)
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE=$(realpath "${1:-dist/dvcq-desktop}")
CLI="$BUNDLE/dvcq"
GUI="$BUNDLE/dvcq-desktop"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dvcq-smoke.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# Nothing may leak into the real user's data folder: everything lives in $TMP.
export DVCQ_HOME="$TMP/ws" HOME="$TMP/home" XDG_DATA_HOME="$TMP/home/data" XDG_STATE_HOME="$TMP/home/state"
export QT_QPA_PLATFORM=offscreen
# A bundle must not use the checkout's files.
cd "$TMP"
step() { echo; echo "== $*"; }

step "size"; du -sh "$BUNDLE"
step "dvcq --version"; "$CLI" --version
step "dvcq-desktop --version"; "$GUI" --version | tee "$TMP/gui-version.txt"
grep -q "^Qt: " "$TMP/gui-version.txt"
step "dvcq init"; "$CLI" init --role unit --unit TPTN-P1
step "dvcq demo"; "$CLI" demo --activities 40 --seed 7
step "dvcq export"; "$CLI" export --out "$TMP/out"
PKG=$(ls "$TMP"/out/*.dvcq)
step "dvcq verify"; "$CLI" verify "$PKG"
step "dvcq verify (a damaged copy must be refused)"
head -c 2000 "$PKG" > "$TMP/broken.dvcq"
if "$CLI" verify "$TMP/broken.dvcq"; then echo "FAIL: damaged package accepted"; exit 1; fi
step "dvcq info"; "$CLI" info
step "GUI offscreen: main window, every page, screenshot"
DVCQ_SMOKE_SCREENSHOT="$TMP/main-window.png" timeout 120 "$GUI"
test -s "$TMP/main-window.png"
file "$TMP/main-window.png" 2>/dev/null || ls -l "$TMP/main-window.png"
if [ -n "${DVCQ_SMOKE_KEEP:-}" ]; then cp "$TMP/main-window.png" "$DVCQ_SMOKE_KEEP"; fi
step "GUI opening the package (unit workspace: read-only package view)"
DVCQ_SMOKE_SCREENSHOT="$TMP/open-file.png" timeout 120 "$GUI" "$PKG" | tee "$TMP/open.txt"
grep -q "route: verify" "$TMP/open.txt"
grep -q "other windows: \['Gói báo cáo — " "$TMP/open.txt"
step "receiving office: init, import --dry-run, GUI opens the package in Tiếp nhận"
"$CLI" -w "$TMP/office" init --role aggregator --unit TPTN
"$CLI" -w "$TMP/office" import --dry-run "$PKG"
DVCQ_SMOKE_SCREENSHOT="$TMP/office.png" timeout 120 "$GUI" -w "$TMP/office" "$PKG" | tee "$TMP/office.txt"
grep -q "route: intake" "$TMP/office.txt"
grep -q "page at start: intake" "$TMP/office.txt"
step "trusted channel from the bundle (cryptography: Ed25519, pyrage: age): sign, seal, open, receipt"
"$CLI" -w "$TMP/office" keys --json | grep -q '"fingerprint"'
PLAN_JSON=$("$CLI" -w "$TMP/office" publish-plan --period 2023 --out "$TMP/plan" --json)
PLAN=$(echo "$PLAN_JSON" | sed -n 's/.*"path": "\([^"]*\)".*/\1/p')
"$CLI" -w "$TMP/unit2" init --role unit --unit TPTN-P2
"$CLI" -w "$TMP/unit2" import "$PLAN"
"$CLI" -w "$TMP/unit2" demo --activities 10 --seed 3
"$CLI" -w "$TMP/unit2" export --period 2023 --out "$TMP/sealed"
SEALED=$(ls "$TMP"/sealed/*.dvcq)
"$CLI" verify "$SEALED" --json | tee "$TMP/sealed.json"
grep -q '"signature": "valid"' "$TMP/sealed.json"
grep -q '"encrypted": true' "$TMP/sealed.json"
"$CLI" -w "$TMP/office" import "$SEALED" --json | tee "$TMP/sealed-import.json"
grep -q '"outcome": "new"' "$TMP/sealed-import.json"
"$CLI" -w "$TMP/office" receipt --unit TPTN-P2 --period 2023 --out "$TMP/bien-nhan" --eml
"$CLI" -w "$TMP/unit2" import "$TMP"/bien-nhan/*.dvcqbn --json | grep -q '"outcome": "new"'
"$CLI" -w "$TMP/unit2" status --json | grep -q '"received_at": "2'
test -s "$(ls "$TMP"/bien-nhan/*.eml)"
step "a batch big enough for the import's reader processes, spawned from the bundle"
# revisions 2 to 10 of the sealed package: the office's key goes to the workers too
for _ in 1 2 3 4 5 6 7 8 9; do "$CLI" -w "$TMP/unit2" export --period 2023 --out "$TMP/batch" >/dev/null; done
DVCQ_READ_POOL_WAIT=60 "$CLI" -w "$TMP/office" import "$TMP/batch" --json > "$TMP/batch.json"
cut -c1-160 "$TMP/batch.json"
test "$(grep -c '"outcome": "newer-revision"' "$TMP/batch.json")" = 9
# every read went to a reader process (the bundle started again, diverted by freeze_support)
grep "batch read: " "$TMP/office/logs/dvcq.log" | tail -1 | tee "$TMP/batch-read.txt"
grep -q "batch read: 9 files in reader process \[[0-9]" "$TMP/batch-read.txt"
grep -q ", 0 in this process" "$TMP/batch-read.txt"
if grep -q "reader process \(failed\|not started\|refused\)" "$TMP/office/logs/dvcq.log"; then
    echo "FAIL: the reader processes did not work from the bundle"; exit 1
fi
if pgrep -f -- "$BUNDLE/dvcq.* --multiprocessing-fork"; then echo "FAIL: a reader process outlived its batch"; exit 1; fi
step "the GUI executable started as a spawned child runs no app (freeze_support comes first)"
rc=0
timeout 60 "$GUI" --multiprocessing-fork parent_pid=$$ pipe_handle=987 > "$TMP/child.txt" 2>&1 || rc=$?
cat "$TMP/child.txt"
test "$rc" != 124  # the app would have started (offscreen) and run until the timeout
grep -q "Bad file descriptor" "$TMP/child.txt"  # it went straight to the worker's pipe: none here
step "GUI opening the package on a PC with no workspace (standalone check, exits)"
DVCQ_SMOKE_SCREENSHOT="$TMP/none.png" timeout 120 "$GUI" -w "$TMP/none" "$PKG"
test ! -e "$TMP/none/dvcq.sqlite3"
step "OK: smoke test passed"
