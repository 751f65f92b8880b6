#!/usr/bin/env bash
# Creates .venv (if missing) and installs the project with the given extras.
# Re-running is cheap: nothing is done while .venv is newer than pyproject.toml.
# pip's own output goes to .venv/pip-install.log; the terminal gets a line per step (the
# first install takes a minute or more) and, if pip fails, the end of that log.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
PYTHON="${PYTHON:-python3}"
# Two at once (scripts/demo.sh in two terminals of a fresh clone) ran two pip installs into
# one .venv: the second now waits for the first, then finds it installed. (Without flock,
# as on macOS, nothing waits.)
if command -v flock >/dev/null 2>&1; then
  lock="${TMPDIR:-/tmp}/voice-agent-setup-$(pwd | cksum | cut -d' ' -f1).lock"
  exec 9>"$lock"
  if ! flock -n 9; then
    echo "==> waiting for another setup-env.sh installing into $(pwd)/.venv ..."
    flock 9
  fi
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed${extras:+-$extras}"
[ -f "$stamp" ] && [ ! pyproject.toml -nt "$stamp" ] && exit 0

log=.venv/pip-install.log
started=$SECONDS
echo "==> installing voice-agent${extras:+[$extras]} into .venv (a minute or more the first time)"

# The project's install starts at this line of the log: pip's own upgrade before it said
# "Installing collected packages: pip", and the terminal read "installing 1 package ..." for
# the minutes the project's packages took to resolve and download.
mark="==> installing the project"

# One line per step; on a terminal the count of packages moves on in place.
watch_pip() {
  local step="" line count n part
  while :; do
    part=$(sed -n "/^$mark\$/,\$p" "$log" 2>/dev/null || true)
    count=$(grep -cE '^(Collecting|Processing) ' <<<"$part" || true)
    if grep -q '^Installing collected packages' <<<"$part"; then
      n=$(grep '^Installing collected packages' <<<"$part" | tr ',' '\n' | wc -l)
      line="    installing $n package$([ "$n" -eq 1 ] || echo s) ..."
    else
      line="    resolving and downloading packages ..."
    fi
    if [ "$line" != "$step" ]; then
      [ -t 1 ] && [ -n "$step" ] && printf '\n'
      printf '%s' "$line"
      [ -t 1 ] || printf '\n'
      step=$line
    elif [ -t 1 ] && [[ "$line" == *downloading* ]]; then
      printf '\r%s %s so far' "$line" "$count"
    fi
    sleep 1
  done
}

: >"$log"
watch_pip &
watcher=$!
status=0
{
  .venv/bin/python -m pip install --upgrade pip &&
    echo "$mark" &&
    .venv/bin/python -m pip install --progress-bar off -e ".${extras:+[$extras]}"
} >>"$log" 2>&1 || status=$?
kill "$watcher" 2>/dev/null || true
wait "$watcher" 2>/dev/null || true
[ -t 1 ] && printf '\n'
if [ "$status" -ne 0 ]; then
  echo "error: pip failed (exit $status); the end of $log:" >&2
  tail -n 25 "$log" >&2
  exit "$status"
fi
touch "$stamp"
echo "    done in $((SECONDS - started)) s"
