#!/usr/bin/env bash
# The browser tests drive Debian's Chromium; install it when it is missing (never a downloaded build).
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing: install Debian's package with 'sudo apt-get install -y chromium'" >&2
  exit 1
fi
echo "installing Debian's chromium for the browser tests..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
