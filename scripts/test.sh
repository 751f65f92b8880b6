#!/usr/bin/env bash
# The test command: installs what the suite needs, then runs it.
# PostgreSQL is started by the suite itself from /usr/lib/postgresql/15/bin.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh test
# Headless Chromium for the staff-page browser test (Debian's package; Playwright cannot
# download its own browsers here).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "==> installing Debian chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "warning: could not install chromium; browser tests will be skipped" >&2
fi
exec .venv/bin/python -m pytest "$@"
