#!/usr/bin/env bash
# Installs Debian's python3-sklearn, the baseline that `headroom bench` and its test compare
# with (BENCHMARKS.md). Does nothing when /usr/bin/python3 imports sklearn already. Needs root
# (or sudo without a password).
set -euo pipefail
if /usr/bin/python3 -c "import sklearn" >/dev/null 2>&1; then
  echo "python3-sklearn is installed"
  exit 0
fi
source "$(dirname "${BASH_SOURCE[0]}")/as-root.sh"
echo "Installing python3-sklearn from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
run_as_root apt-get install -y -q python3-sklearn || { run_as_root apt-get update -q && run_as_root apt-get install -y -q python3-sklearn; }
