#!/usr/bin/env bash
# Install what building and testing need on Debian 12, if it is missing.
# Runs apt-get only when a package is absent (sudo when not root).
set -euo pipefail
packages=(gcc clang meson ninja-build pkg-config libsodium-dev libssl-dev zlib1g-dev
          openssh-server openssh-client libclang-rt-14-dev llvm python3 xxd valgrind
          procps time dropbear-bin python3-paramiko)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
