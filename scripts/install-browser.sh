#!/bin/sh
# Installs what the browser tests need: Debian's Chromium and a CJK font (so Chinese
# labels render as text, not boxes). Uses sudo where the user is not root.
set -e
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium fonts-wqy-microhei >/dev/null
