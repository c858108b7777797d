#!/usr/bin/env bash
# The Python way of installing works: build the wheel from the project's files, install it into a
# fresh virtual environment far from the checkout, and run the command line end to end (init,
# demo, export, verify) in a temporary workspace. It proves the wheel carries resources/ (plans,
# catalogues, schemas, help) and finds them through the installed package.
#   bash scripts/check-wheel.sh
# The command line never imports Qt, so the check installs the wheel's other dependencies only
# (PySide6 is ~300 MB); DVCQ_WHEEL_ALL_DEPS=1 installs every dependency as a user would get them.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dvcq-wheel.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
step() { echo; echo "== $*"; }

step "source tree (tracked and new files, nothing ignored)"
mkdir "$TMP/src"
git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} sh -c 'test -e "{}" && printf "%s\0" "{}"' \
  | tar --null -T - -cf - | tar -xf - -C "$TMP/src"

step "build the wheel"
"$PY" -m pip wheel -q --no-deps -w "$TMP/dist" "$TMP/src"
WHEEL=$(ls "$TMP"/dist/dvcq_desktop-*.whl)
echo "$WHEEL"
# The listing is read once: `unzip -l | grep -q` under pipefail fails when grep stops early (SIGPIPE).
LISTING=$(unzip -l "$WHEEL")
for f in plans/tptn-dvcq-2023.json schemas/submission.schema.json catalogs/tptn-2023.json help/index.md; do
  grep -q "dvcq_desktop/_resources/$f" <<<"$LISTING" || { echo "FAIL: $f missing from the wheel"; exit 1; }
done

step "install into a clean virtual environment"
"$PY" -m venv "$TMP/venv"
VPY="$TMP/venv/bin/python"
"$VPY" -m pip install -q --upgrade pip
if [ -n "${DVCQ_WHEEL_ALL_DEPS:-}" ]; then
  "$VPY" -m pip install -q "$WHEEL"
else
  # Requires-Dist of the wheel, without Qt.
  mapfile -t DEPS < <(unzip -p "$WHEEL" '*.dist-info/METADATA' | sed -n 's/^Requires-Dist: //p' \
    | grep -v 'extra ==' | grep -vi '^pyside6')
  "$VPY" -m pip install -q "${DEPS[@]}"
  "$VPY" -m pip install -q --no-deps "$WHEEL"
fi

# Far from the checkout: nothing may be read from it.
cd "$TMP"
export DVCQ_HOME="$TMP/ws kiểm thử #1" HOME="$TMP/home"
unset DVCQ_RESOURCES PYTHONPATH
CLI="$TMP/venv/bin/dvcq"

step "resources come from the installed package"
ROOT=$("$VPY" -c 'from dvcq_desktop.resources import resources_root; print(resources_root())')
echo "$ROOT"
case "$ROOT" in "$TMP/venv/"*) ;; *) echo "FAIL: resources read from $ROOT"; exit 1 ;; esac

step "dvcq init"; "$CLI" init --role unit --unit TPTN-P1
step "dvcq demo"; "$CLI" demo --activities 30 --seed 7
step "dvcq export"; "$CLI" export --out "$TMP/out"
PKG=$(ls "$TMP"/out/*.dvcq)
step "dvcq verify"; "$CLI" verify "$PKG"
step "dvcq info"; "$CLI" info
echo
echo "OK: the wheel installs and works on its own."
