#!/usr/bin/env bash
# The main job: four complete offline voice calls, no API keys needed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh
exec .venv/bin/voice-agent demo "$@"
