#!/usr/bin/env bash
# Install letopis with its test extras and the browser for the UI tests, then run the test suite
# (the README's second command).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e '.[test]'
bash scripts/install-browser.sh
python3 -m pytest -q "$@"
