#!/usr/bin/env bash
# Installs the Debian packages scaletop needs (ncurses headers, tmux for end-to-end tests,
# rsvg-convert to render exported SVG figures in a test, a German locale for the
# locale-independence test, binutils and python3-venv for the release binary and wheel
# checks, openssh-server and -client for the tests that read logs through a real sshd). Safe to run again; does nothing when all is there.
set -euo pipefail
need=()
dpkg -s libncurses-dev >/dev/null 2>&1 || need+=(libncurses-dev)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)
dpkg -s locales >/dev/null 2>&1 || need+=(locales)
# The release checks: strip/objdump, a virtual environment to install the wheel into.
command -v objdump >/dev/null 2>&1 || need+=(binutils)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need+=(python3-venv)
# Remote paths (host:path) are read through ssh; their tests start a private sshd on 127.0.0.1.
command -v ssh >/dev/null 2>&1 || need+=(openssh-client)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  if [ -f /etc/locale.gen ]; then
    $SUDO sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
    $SUDO locale-gen >/dev/null
  fi
fi
