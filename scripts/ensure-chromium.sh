#!/usr/bin/env bash
# Makes sure headless Chromium is there for the browser tests (the call page, a whole browser
# call, the staff console): Debian's package, since Playwright cannot download its own browsers
# here, with a font so that pages and failure screenshots have readable text on a bare machine.
# Installs them with apt-get when running as root. If Chromium cannot be had: a warning (the
# browser tests will be skipped), or under CI=true an error and exit status 1 (CI must not go
# green without the browser tests).
set -euo pipefail
chromium="${CHROMIUM_BIN:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "==> installing Debian chromium (and a font) for the browser tests"
  if (apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null) \
    && [ -x "$chromium" ]; then
    exit 0
  fi
fi
case "${CI:-}" in
  1|true|TRUE|True|yes|on)
    echo "error: $chromium is not available and could not be installed; under CI the browser tests must run" >&2
    exit 1 ;;
esac
echo "warning: $chromium is not available; the browser tests will be skipped" >&2
