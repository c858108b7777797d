#!/usr/bin/env bash
# Compile packaging/windows/dvcq.iss with Inno Setup's ISCC (from the npm `innosetup` package) under
# Wine. The Windows bundle itself cannot be built here (PyInstaller does not cross-compile), so the
# installer is compiled against a stand-in with the bundle's layout and file names: the two
# executables, `_internal` with the Windows CPython runtime DLLs and the fixed sqlite3.dll, the app's
# resources, and the icons. This proves the script compiles (directives, [InstallDelete], AppMutex,
# MinVersion, the Vietnamese messages); its size is the installer's overhead plus the stand-in.
#
#   bash packaging/windows/compile_installer.sh     -> build/windows/installer/dvcq-desktop-setup-<v>.exe
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=packaging/windows/wine_env.sh
source "$HERE/wine_env.sh"
cd "$WIN_ROOT"
apt_ensure wine wine64 wine32:i386
ISCC_DIR="$(npm_unpack innosetup "$INNOSETUP_NPM_VERSION")/bin"
wine_prefix

OUT="$WIN_ROOT/build/windows/installer"
STAND="$WIN_ROOT/build/windows/standin"
rm -rf "$STAND" "$OUT" && mkdir -p "$STAND/bundle/_internal" "$STAND/icons" "$OUT"
win_log "stand-in bundle"
# Icons: the same generator the real build uses (Qt, offscreen).
QT_QPA_PLATFORM=offscreen "${PYTHON:-$WIN_ROOT/.venv/bin/python}" packaging/make_icons.py "$STAND/icons" >/dev/null
PYDIR="$WIN_CACHE/python311"
for exe in dvcq-desktop.exe dvcq.exe; do
    if [ -f "$PYDIR/python.exe" ]; then cp "$PYDIR/python.exe" "$STAND/bundle/$exe"; else printf 'MZ' >"$STAND/bundle/$exe"; fi
done
if [ -d "$PYDIR" ]; then
    cp "$PYDIR"/python3*.dll "$PYDIR"/vcruntime140*.dll "$STAND/bundle/_internal/"
    cp "$PYDIR"/DLLs/*.pyd "$STAND/bundle/_internal/" 2>/dev/null || true
fi
[ -f build/windows/sqlite3.dll ] && cp build/windows/sqlite3.dll "$STAND/bundle/_internal/sqlite3.dll"
cp -r resources "$STAND/bundle/_internal/resources"

version="$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)"
win_log "ISCC $INNOSETUP_NPM_VERSION: packaging/windows/dvcq.iss ($version)"
# ISCC prints its log to stdout; through cat because Wine cannot hand it a Linux file.
true | wine "$ISCC_DIR/ISCC.exe" /Q \
    "/DAppVersion=$version" \
    "/DBundleDir=$(winpath "$STAND/bundle")" \
    "/DIconDir=$(winpath "$STAND/icons")" \
    "/DOutputDir=$(winpath "$OUT")" \
    "$(winpath "$HERE/dvcq.iss")" 2> >(cat >&2) | cat
setup="$OUT/dvcq-desktop-setup-$version.exe"
[ -f "$setup" ] || { echo "ISCC produced no installer" >&2; exit 1; }
win_log "installer: $(du -h "$setup" | cut -f1) ($(stat -c %s "$setup") bytes) $setup"
