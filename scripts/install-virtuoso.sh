#!/bin/sh
# Installs what the Virtuoso tests (tests/test_virtuoso.py) need: Debian's Virtuoso 7 server
# (virtuoso-t). Uses sudo where the user is not root. When apt
# cannot install it, says so and exits 0: those tests then skip with that reason, the rest run.
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq \
   && $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends virtuoso-opensource-7-bin >/dev/null \
   && command -v virtuoso-t >/dev/null 2>&1; then
    exit 0
fi
echo "install-virtuoso.sh: apt could not install virtuoso-opensource-7-bin; the Virtuoso tests will be skipped" >&2
exit 0
