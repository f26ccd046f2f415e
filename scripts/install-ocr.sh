#!/usr/bin/env bash
# Installs Tesseract and the language data the OCR of scanned pages uses (Debian packages),
# when any of them is missing. Used by the Makefile and .ci/run; needs root (or sudo).
set -euo pipefail
LANGS="eng fra deu spa ita por"
missing=""
if ! command -v tesseract >/dev/null 2>&1; then
    missing="tesseract-ocr"
fi
for lang in $LANGS; do
    if ! { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx "$lang"; }; then
        missing="$missing tesseract-ocr-$lang"
    fi
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing for OCR:$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
