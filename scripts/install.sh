#!/usr/bin/env bash
# Installs everything kehoach needs on a fresh Debian machine: the system tools it drives
# (Tesseract with Vietnamese, LibreOffice for .doc, Chromium for the web tests, fonts with
# Vietnamese glyphs, poppler, PostgreSQL's server for the tests) and the Python package
# with every optional part (web, postgres, dask, generator) and the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=""
for pkg in tesseract-ocr tesseract-ocr-vie libreoffice-writer-nogui chromium chromium-driver fonts-dejavu-core poppler-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
# PostgreSQL's server, for the tests' throwaway cluster (tests/conftest.py starts and stops it;
# nothing is started here). Checked by its binaries, as the fixture finds them, not by the
# `postgresql` metapackage: a machine with only postgresql-NN (or the tools on PATH) is equipped.
if ! command -v initdb >/dev/null 2>&1 && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  need="$need postgresql"
fi
if [ -n "$need" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
python3 -m pip install -q --disable-pip-version-check -e ".[all,test]"
