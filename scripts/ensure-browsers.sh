#!/usr/bin/env bash
# The browser tests drive Debian's Chromium, Firefox ESR and WebKitGTK (WebKitWebDriver with
# MiniBrowser, under Xvfb): install the packages that are missing (never a downloaded build).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
[ -x /usr/bin/Xvfb ] || missing+=(xvfb)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Browsers missing: install Debian's packages with 'sudo apt-get install -y ${missing[*]}'" >&2
  exit 1
fi
echo "installing Debian's ${missing[*]} for the browser tests..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
