#!/usr/bin/env bash
# The test command: installs what the suite needs, then runs it.
# PostgreSQL is started by the suite itself from /usr/lib/postgresql/15/bin.
# Under CI=true a test that cannot run (no Chromium, no PostgreSQL) fails instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh test
scripts/ensure-chromium.sh
exec .venv/bin/python -m pytest "$@"
