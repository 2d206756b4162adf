#!/usr/bin/env bash
# Installs the Debian 12 packages tt-inspect needs to build and test; idempotent and quick when all present.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libimgui-dev libglfw3-dev nlohmann-json3-dev libtree-sitter-dev
  libgtest-dev libgmock-dev libstb-dev libcli11-dev libbenchmark-dev
  libgl-dev libegl-dev libopengl-dev libgl1-mesa-dri libegl-mesa0
  xvfb xauth fonts-dejavu-core
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
