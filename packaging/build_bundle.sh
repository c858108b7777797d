#!/usr/bin/env bash
# Build the one-folder bundle dist/dvcq-desktop/ (executables dvcq-desktop and dvcq) with the
# project venv's PyInstaller. Generated assets (icons, guide screenshots) go to build/assets and
# into the bundle; nothing generated is written into the source tree.
#   bash packaging/build_bundle.sh            # full build
#   DVCQ_SKIP_SCREENSHOTS=1 bash packaging/build_bundle.sh   # guide without screenshots
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
ASSETS=build/assets
export QT_QPA_PLATFORM=offscreen DVCQ_BUILD_ASSETS="$PWD/$ASSETS"
rm -rf "$ASSETS" dist/dvcq-desktop
mkdir -p "$ASSETS"

echo "== icons"
$PY packaging/make_icons.py "$ASSETS/icons" >/dev/null
if [ -z "${DVCQ_SKIP_SCREENSHOTS:-}" ]; then
    echo "== guide screenshots (real app, demo workspace)"
    $PY -m dvcq_desktop.ui.devtools.help_images "$ASSETS/help-img" >/dev/null
fi

echo "== pyinstaller"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/pyinstaller/dvcq.spec

echo "== bundle: dist/dvcq-desktop ($(du -sh dist/dvcq-desktop | cut -f1))"
