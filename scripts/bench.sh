#!/usr/bin/env bash
# Runs every benchmark in the bench package (each prints a table and writes
# bench/results/<name>.json); the same as `python -m bench.<name>` one by one.
#   scripts/bench.sh            full runs (about 25 minutes on 2 cores)
#   scripts/bench.sh --quick    the small configurations the smoke tests use
#   scripts/bench.sh --quick turn_latency faults    only the named ones
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh test
# the token server benchmark drives its servers with wrk (Debian's package)
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "note: wrk is not installed (sudo apt-get install wrk); bench.token_server needs it" >&2
  fi
fi
args=()
names=()
for a in "$@"; do
  case "$a" in
    -*) args+=("$a") ;;
    *) names+=("$a") ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  names=(turn_latency tool_latency tool_latency.clients concurrency contention sessions faults token_server stt_wer stt_eval)
fi
for name in "${names[@]}"; do
  echo "==> python -m bench.$name ${args[*]:-}"
  .venv/bin/python -m "bench.$name" "${args[@]}"
done
