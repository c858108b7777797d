#!/usr/bin/env bash
# Set up what is missing, then start the app. When there is no workspace yet (none at DVCQ_HOME
# or in the user's data folder, and no --workspace given), a demo workspace opens so a newcomer
# sees a full year at once (kept apart from real data); `dvcq-desktop` alone opens the first-run wizard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
extra=()
if [ "$#" -eq 0 ] && ! .venv/bin/python -c "
import sys
from dvcq_desktop.paths import AppPaths
from dvcq_desktop.storage.workspace import Workspace
sys.exit(0 if Workspace.exists(AppPaths.build().workspace) else 1)"; then
  extra=(--demo)
fi
exec .venv/bin/python -m dvcq_desktop "${extra[@]}" "$@"
