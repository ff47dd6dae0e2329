#!/usr/bin/env bash
# Refresh docs/screenshots/ (the README shows one): the web page's browser tests, keeping their
# pictures. An ordinary test run writes them to a temporary folder and leaves the tree clean.
set -euo pipefail
cd "$(dirname "$0")/.."
KEHOACH_SCREENSHOTS=1 python3 -m pytest -q -m slow tests/test_web.py "$@"
git status --short docs/screenshots/
