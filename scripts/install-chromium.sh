#!/usr/bin/env bash
# Installs what the HTML report test needs from Debian's packages: headless Chromium and a font
# with Korean glyphs. Does nothing when both are there. Needs root (or sudo without a password).
set -euo pipefail
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
fc-list :lang=ko 2>/dev/null | grep -q . || packages+=(fonts-noto-cjk)
if [[ ${#packages[@]} -eq 0 ]]; then
  echo "chromium and a Korean font are installed"
  exit 0
fi
source "$(dirname "${BASH_SOURCE[0]}")/as-root.sh"
echo "Installing ${packages[*]} from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
run_as_root apt-get update -q || true
run_as_root apt-get install -y -q "${packages[@]}"
