#!/usr/bin/env bash
# Installs everything Footfall needs to build, run and test on Debian 12 (bookworm).
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ pkg-config
    # Qt 6 (Debian 12 ships 6.4.2); Charts needs the OpenGL development files too
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libsqlite3-dev libqt6opengl6-dev libgl-dev
    qt6-charts-dev qt6-svg-dev qt6-httpserver-dev qt6-websockets-dev
    # tests: fonts for offscreen rendering, the sqlite3 shell, and the real AWS clients
    fonts-dejavu-core sqlite3 awscli python3-boto3 libbenchmark-dev
)

if [ "$(id -u)" -eq 0 ]; then
    run_as_root=()
elif command -v sudo >/dev/null 2>&1; then
    run_as_root=(sudo)
else
    echo "setup-debian.sh: run as root or install sudo" >&2
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    "${run_as_root[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${run_as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi
