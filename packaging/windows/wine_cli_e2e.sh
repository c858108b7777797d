#!/usr/bin/env bash
# The CLI end to end under Windows CPython (Wine), as an officer's data would have it: the unit's
# workspace at "C:\dvcq kiểm thử #1\Phường Hiệp Ninh" (Vietnamese letters, spaces, a `#`), the office's
# beside it, a USB-like folder for the package. init, demo, backup, restore, export, verify FOLDER,
# import at the office, report (Word + Excel), and `info | more` (a pipe, not a console: the output must
# be UTF-8, not the ANSI code page). Run by wine_test.sh, which sets up Python and the environment.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=packaging/windows/wine_env.sh
source "$HERE/wine_env.sh"
WINPY="$WIN_CACHE/python311/python.exe"
export LANG=C.UTF-8

ROOT_WIN='C:\dvcq kiểm thử #1'
ROOT_UNIX="$WINEPREFIX/drive_c/dvcq kiểm thử #1"
WS="$ROOT_WIN"'\Phường Hiệp Ninh'
OFFICE="$ROOT_WIN"'\Ban Dân vận'
USB="$ROOT_WIN"'\USB #2'
rm -rf "$ROOT_UNIX/Phường Hiệp Ninh" "$ROOT_UNIX/Ban Dân vận" "$ROOT_UNIX/USB #2" "$ROOT_UNIX/Báo cáo"
mkdir -p "$ROOT_UNIX/USB #2" "$ROOT_UNIX/Báo cáo"

dvcq() {  # the CLI under Windows CPython; output through a pipe (Wine cannot write to a Linux file)
    echo "   dvcq $*"
    true | wine "$WINPY" -m dvcq_desktop "$@" 2> >(cat >&2) | cat
}

win_log "CLI end to end in $WS"
dvcq -w "$WS" init --role unit --unit TPTN-P1
dvcq -w "$WS" demo --seed 7 --activities 40
dvcq -w "$WS" backup
backups=("$ROOT_UNIX/Phường Hiệp Ninh/backups/"*)
[ -f "${backups[0]}" ] || { echo "backup wrote no file" >&2; exit 1; }
dvcq -w "$WS" backup --out "$ROOT_WIN"'\Báo cáo\sao lưu #1.sqlite3'
dvcq -w "$WS" restore "$ROOT_WIN"'\Báo cáo\sao lưu #1.sqlite3'
dvcq -w "$WS" export --out "$USB" --json
packages=("$ROOT_UNIX/USB #2/"*.dvcq)
dvcq verify "$USB"'\'"$(basename "${packages[0]}")"
dvcq verify "$USB"  # a folder: every .dvcq in it
dvcq -w "$WS" report --out "$ROOT_WIN"'\Báo cáo\Báo cáo #1.docx' --xlsx "$ROOT_WIN"'\Báo cáo\Phụ lục #1.xlsx'
for f in "Báo cáo #1.docx" "Phụ lục #1.xlsx"; do
    [ -s "$ROOT_UNIX/Báo cáo/$f" ] || { echo "report missing: $f" >&2; exit 1; }
done
dvcq -w "$OFFICE" init --role aggregator --unit TPTN
dvcq -w "$OFFICE" import "$USB" --json
dvcq -w "$OFFICE" status

# `info | more` in cmd.exe: stdout is a pipe, so Python writes it in the ANSI code page unless the CLI
# asks for UTF-8; what reaches the pipe must still carry the Vietnamese.
echo "   cmd /c dvcq info | more"
info="$(true | wine cmd /c "$(winpath "$WINPY")" -m dvcq_desktop -w "$WS" info '|' more 2> >(cat >&2) | cat)"
echo "$info" | head -8
echo "$info" | iconv -f utf-8 -t utf-8 >/dev/null || { echo "info | more: not UTF-8" >&2; exit 1; }
echo "$info" | grep -q "Hiệp Ninh" || { echo "info | more lost the Vietnamese" >&2; exit 1; }
win_log "CLI end to end ok"
