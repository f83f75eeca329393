#!/usr/bin/env bash
# Installs what the end-to-end tests start themselves: Debian's prometheus and nginx (skipped when present).
set -euo pipefail
if command -v prometheus >/dev/null 2>&1 && command -v nginx >/dev/null 2>&1; then
  echo "prometheus and nginx are installed: $(prometheus --version 2>&1 | head -1)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Run as root, or install sudo: apt-get install -y prometheus nginx needs root." >&2; exit 1; }
  SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq prometheus nginx >/dev/null
echo "installed: $(prometheus --version 2>&1 | head -1)"
