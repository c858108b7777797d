#!/usr/bin/env bash
# Set up what is missing, then start the app. With no workspace yet (no DVCQ_HOME and no data in
# the user's data folder), it opens a demo workspace so a newcomer sees a full year at once.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m dvcq_desktop --demo-if-empty "$@"
