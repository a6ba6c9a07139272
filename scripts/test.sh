#!/usr/bin/env bash
# Install letopis with its test extras, then run the test suite (the README's second command).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e '.[test]'
python3 -m pytest -q "$@"
